"""The base of the rule commands: JSON in, JSON out (POLICY.md section 7).

A bad input exits 2 with one line on stderr naming the field, and prints nothing on stdout.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser

from needlewise.rules.errors import InputError


def fail(command: str, field: str, message: str) -> NoReturn:
    sys.stderr.write(f"needlewise {command}: {field}: {message}\n")
    raise SystemExit(2)


class RuleCommand(BaseCommand):
    """Reads JSON (stdin) or options, calls a `rules.contract` function, prints the result."""

    name = ""
    requires_system_checks: list[str] = []
    requires_migrations_checks = False
    reads_stdin = True

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        """argparse prints its usage and exits 2; keep the exit code but say it in one line."""
        parser = super().create_parser(prog_name, subcommand, **kwargs)

        def error(message: str) -> NoReturn:
            fail(self.name, "arguments", message)

        parser.error = error  # type: ignore[method-assign]
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def read_stdin_json(self) -> Any:
        raw = sys.stdin.read()
        if not raw.strip():
            fail(self.name, "stdin", "no JSON given (pipe a JSON object into the command)")
        try:
            return json.loads(raw)
        except json.JSONDecodeError as exc:
            fail(self.name, "stdin", f"not valid JSON ({exc.msg} at line {exc.lineno})")

    def decide(self, options: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def summary(self, result: dict[str, Any]) -> str:
        raise NotImplementedError

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = self.decide(options)
        except InputError as exc:
            fail(self.name, exc.field, exc.message)
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        else:
            self.stdout.write(self.summary(result))


def number_option(command: str, field: str) -> Callable[[str], float]:
    """An argparse type that names the field when the value is not a number."""

    def parse(raw: str) -> float:
        try:
            return float(raw)
        except ValueError:
            fail(command, field, f"must be a number (got {raw!r})")

    return parse
