"""Errors raised by the rule core."""

from __future__ import annotations


class KnowledgeError(ValueError):
    """A knowledge YAML file is broken; the message names the file and the key path."""

    def __init__(self, file: str, path: str, problem: str) -> None:
        self.file = file
        self.path = path
        self.problem = problem
        super().__init__(f"{file}: {path or '<root>'}: {problem}")


class InputError(ValueError):
    """Bad caller input; `field` is a dotted path such as `conditions[2]` or `redness`."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")
