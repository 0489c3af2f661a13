"""`needlewise demo`: a demo account to try the app at once (idempotent)."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from needlewise import demo_data
from needlewise.accounts import services
from needlewise.accounts.models import User

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


class Command(BaseCommand):
    help = "Create (or refresh) the demo account demo@example.com and print its password."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        password = demo_password()
        user = User.objects.filter(email=DEMO_EMAIL).first()
        if user is None:
            user = services.sign_up(DEMO_EMAIL, password, display_name="Demo")
        else:
            user.set_password(password)
            user.save(update_fields=["password"])
        services.update_profile(user, time_zone="Europe/London")
        if demo_data.fill(user):
            self.stdout.write("Filled the demo account with a plan, two sessions and a shelf.")
        self.stdout.write(f"Demo account: {DEMO_EMAIL}  password: {password}")
