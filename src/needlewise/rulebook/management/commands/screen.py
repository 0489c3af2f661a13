"""`needlewise screen --json < profile.json`: is at-home microneedling suitable now?"""

from __future__ import annotations

from typing import Any

from needlewise.rulebook import summaries
from needlewise.rulebook.cli import RuleCommand
from needlewise.rules import contract


class Command(RuleCommand):
    help = "Screen a profile (JSON on stdin) for at-home microneedling."
    name = "screen"

    def decide(self, options: dict[str, Any]) -> dict[str, Any]:
        return contract.screen(self.read_stdin_json())

    def summary(self, result: dict[str, Any]) -> str:
        return summaries.screening(result)
