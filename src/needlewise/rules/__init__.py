"""Needlewise rule core: pure-Python decisions from versioned YAML knowledge (no Django)."""

from __future__ import annotations

from needlewise.rules.errors import InputError, KnowledgeError
from needlewise.rules.knowledge import knowledge, load_from, rules_version

__all__ = ["InputError", "KnowledgeError", "knowledge", "load_from", "rules_version"]
