"""`needlewise sessions export --user EMAIL --format csv|json`: a person's sessions."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from needlewise import csv_cells
from needlewise.accounts.models import User
from needlewise.treatments.export import COLUMNS, area_rows, session_rows
from needlewise.treatments.queries import done_sessions


class Command(BaseCommand):
    help = "Export a person's sessions as CSV (one row per area) or JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="print the sessions on stdout")
        export.add_argument("--user", required=True, help="the person's e-mail address")
        export.add_argument("--format", choices=("csv", "json"), default="json")

    def handle(self, *args: Any, action: str, user: str, format: str, **options: Any) -> None:
        person = User.objects.filter(email__iexact=user.strip()).first()
        if person is None:
            raise CommandError(f"--user: no account with the e-mail address {user!r}", returncode=2)
        sessions = done_sessions(person).order_by("done_at", "id")
        if format == "json":
            self.stdout.write(
                json.dumps({"user": person.email, "sessions": session_rows(sessions)}, indent=2)
            )
            return
        writer = csv_cells.dict_writer(self.stdout, COLUMNS)
        writer.writeheader()
        writer.writerows(area_rows(sessions))
