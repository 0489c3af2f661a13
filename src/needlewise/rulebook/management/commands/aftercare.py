"""`needlewise aftercare --session-at ISO --needle-mm X --json`: the aftercare timeline."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from needlewise.rulebook import summaries
from needlewise.rulebook.cli import RuleCommand, number_option
from needlewise.rules import contract


class Command(RuleCommand):
    help = "The aftercare windows after a session."
    name = "aftercare"
    reads_stdin = False

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--session-at", required=True, help="ISO 8601, e.g. 2026-11-01T20:00Z")
        parser.add_argument(
            "--needle-mm", required=True, type=number_option("aftercare", "needle_mm")
        )

    def decide(self, options: dict[str, Any]) -> dict[str, Any]:
        return contract.aftercare(
            {"session_at": options["session_at"], "needle_mm": options["needle_mm"]}
        )

    def summary(self, result: dict[str, Any]) -> str:
        return summaries.aftercare(result)
