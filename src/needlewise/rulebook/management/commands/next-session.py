"""`needlewise next-session --json < history.json`: when may the next session be?"""

from __future__ import annotations

from typing import Any

from needlewise.rulebook import summaries
from needlewise.rulebook.cli import RuleCommand
from needlewise.rules import contract


class Command(RuleCommand):
    help = "The next allowed session date from sessions and check-ins (JSON on stdin)."
    name = "next-session"

    def decide(self, options: dict[str, Any]) -> dict[str, Any]:
        return contract.next_session(self.read_stdin_json())

    def summary(self, result: dict[str, Any]) -> str:
        return summaries.next_session(result)
