"""`needlewise newsletter send`: write the digest of what is new, then send each mail once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from needlewise.library import newsletter


class Command(BaseCommand):
    help = "Newsletter tasks. `send`: digest what is new since the last issue and mail it once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["send"])

    def handle(self, *args: Any, **options: Any) -> None:
        issue = newsletter.issue_digest()
        outcomes = newsletter.send_pending()
        what = f"issue {issue.pk} with {len(issue.items)} items" if issue else "nothing new"
        self.stdout.write(f"{what}; {outcomes.get('sent', 0)} sent, "
                          f"{outcomes.get('failed', 0)} failed (retried next run)")  # fmt: skip
