"""`needlewise triage --json < checkin.json`: is this reaction normal or a red flag?"""

from __future__ import annotations

from typing import Any

from needlewise.rulebook import summaries
from needlewise.rulebook.cli import RuleCommand
from needlewise.rules import contract


class Command(RuleCommand):
    help = "Triage a recovery check-in (JSON on stdin)."
    name = "triage"

    def decide(self, options: dict[str, Any]) -> dict[str, Any]:
        return contract.triage(self.read_stdin_json())

    def summary(self, result: dict[str, Any]) -> str:
        return summaries.triage(result)
