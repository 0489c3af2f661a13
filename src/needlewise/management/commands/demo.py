"""`needlewise demo`: a demo account to try the app at once (idempotent), or with `--users N`
a synthetic population at scale for benchmarks (see docs/performance.md)."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from needlewise import demo_data, synthetic
from needlewise.accounts import services

DEMO_EMAIL = "demo@example.com"


def demo_password() -> str:
    """One random password per data dir, kept so repeated runs print the same one."""
    path = settings.DATA_DIR / "demo_password"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    password = "-".join(secrets.token_hex(3) for _ in range(3))
    path.write_text(password, encoding="utf-8")
    path.chmod(0o600)
    return password


SYNTHETIC_ONLY = ("years", "seed", "today", "append")


class Command(BaseCommand):
    help = (
        "Create (or refresh) the demo account demo@example.com and print its password; with "
        "--users N, write a synthetic population instead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_argument_group("synthetic population (for benchmarks)")
        group.add_argument(
            "--users",
            metavar="N",
            help="Write N synthetic people (person-000001@synthetic.needlewise.test …) and "
            "about one professional per 50, all with one password, printed as 'password: …'.",
        )
        group.add_argument(
            "--years", metavar="Y", help="Years of history up to --today (default 2; 0.25 ok)."
        )
        group.add_argument(
            "--seed", metavar="S", help="Same seed and --today, same rows (default 1)."
        )
        group.add_argument(
            "--today",
            metavar="YYYY-MM-DD",
            help="The day the history ends (default: today's date).",
        )
        group.add_argument(
            "--append",
            action="store_true",
            help="Add N more people to the existing synthetic population (numbering continues) "
            "instead of replacing it.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options.get("users") is not None:
            self._synthetic(options)
            return
        given = [f"--{name}" for name in SYNTHETIC_ONLY if options.get(name) not in (None, False)]
        if given:
            raise CommandError(f"{', '.join(given)} only goes with --users N.")
        self._demo()

    def _synthetic(self, options: dict[str, Any]) -> None:
        try:
            chosen = synthetic.parse(
                options["users"],
                options.get("years"),
                options.get("seed"),
                options.get("today"),
                bool(options.get("append")),
                default_today=timezone.localdate(),
            )
            summary = synthetic.generate(chosen, progress=self.stderr._out)
        except synthetic.SyntheticError as error:
            raise CommandError(str(error)) from None
        for line in synthetic.describe(summary, chosen):
            self.stdout.write(line)

    @transaction.atomic
    def _demo(self) -> None:
        password = demo_password()
        user = demo_data.account(DEMO_EMAIL, password, "Demo")
        services.update_profile(user, time_zone="Europe/London")
        if demo_data.fill(user):
            self.stdout.write(
                "Filled the demo account with a plan, two sessions, photos and a shelf."
            )
        demo_data.professional(user, password)
        self.stdout.write(
            f"Demo professional: {demo_data.PRO_EMAIL}, same password as the demo account. "
            "A dermatologist the demo account shares everything with; asked to add a second "
            "factor before opening it, as every professional is."
        )
        self.stdout.write(f"Demo account: {DEMO_EMAIL}  password: {password}")
