"""Shared helpers for the rule-core tests."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from needlewise.rules.knowledge import DEFAULT_DIR


@pytest.fixture
def broken_copy(tmp_path: Path) -> Callable[[str, Callable[[Any], None]], Path]:
    """Copy the knowledge files to tmp_path, apply `edit` to one file's data, return the dir."""

    def make(name: str, edit: Callable[[Any], None]) -> Path:
        for src in DEFAULT_DIR.glob("*.yaml"):
            shutil.copy(src, tmp_path / src.name)
        data = yaml.safe_load((tmp_path / name).read_text())
        edit(data)
        (tmp_path / name).write_text(yaml.safe_dump(data, sort_keys=False))
        return tmp_path

    return make
