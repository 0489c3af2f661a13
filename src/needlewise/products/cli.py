"""The shelf for `needlewise ingredients --user EMAIL --shelf`: JSON, or a readable summary."""

from __future__ import annotations

import zoneinfo
from datetime import datetime
from typing import Any

from django.utils import timezone

from needlewise.accounts.models import User
from needlewise.people_words import duration, person_datetime
from needlewise.products import queries
from needlewise.rulebook.summaries import word


def shelf_report(email: str) -> dict[str, Any] | None:
    """{"user", "session_at", "hours_since_session", "products": [...]}; None: no such user."""
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        return None
    tz = _zone(user)
    with timezone.override(tz):  # "today" and use-by dates are the person's
        shelf = queries.shelf(user, timezone.now())
    return {
        "user": user.email,
        "session_at": shelf.session.done_at.isoformat() if shelf.session else None,
        "hours_since_session": (
            None if shelf.hours_since_session is None else round(shelf.hours_since_session, 2)
        ),
        "products": [
            {
                "id": s.product.pk,
                "name": s.product.name,
                "brand": s.product.brand,
                "kind": s.product.kind,
                "verdict": s.level,
                "ok_again_at": s.ok_again_at.isoformat() if s.ok_again_at else None,
                "avoid_listed": s.avoid_listed,
                "past_use_by": s.past_use_by,
                "parse_error": s.product.parse_error,
                "unrecognised": list(s.product.unrecognised),
                "findings": [r.to_dict() for r in s.reasons],
                "glide": {"verdict": s.glide.verdict, "findings": list(s.glide.findings)}
                if s.glide
                else None,
            }
            for s in shelf.statuses
        ],
    }


def _zone(user: User | None) -> zoneinfo.ZoneInfo:
    zone = getattr(getattr(user, "profile", None), "time_zone", "") or "UTC"
    try:
        return zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def _local(iso: str, zone: zoneinfo.ZoneInfo) -> str:
    """A moment of the JSON (UTC) as the person reads it, in her time zone."""
    with timezone.override(zone):
        return person_datetime(datetime.fromisoformat(iso))


def shelf_summary(report: dict[str, Any]) -> str:
    # The person's zone, read once (the JSON keeps UTC moments only).
    zone = _zone(User.objects.filter(email__iexact=report["user"]).first())
    hours = report["hours_since_session"]
    when = "no session yet: levels after the next one" if hours is None else duration(hours)
    lines = [f"Shelf of {report['user']} ({when} since the last session)"]
    if not report["products"]:
        lines.append("  (no products)")
    for product in report["products"]:
        name = f"{product['brand']} {product['name']}".strip()
        again = (
            f", OK again on {_local(product['ok_again_at'], zone)}"
            if product["ok_again_at"]
            else ""
        )
        lines.append(f"- {name}: {word(product['verdict'])}{again}")
        for finding in product["findings"]:
            if finding["level"] in ("avoid", "caution"):
                grade = f" [{finding['grade']}]" if finding["grade"] else ""
                lines.append(f"    {finding['message']}{grade}")
        glide = product["glide"]
        if glide:
            head = "Fine as a glide" if glide["verdict"] == "ok" else "Not as a glide"
            reasons = [f["message"] for f in glide["findings"] if f["level"] == "avoid"]
            lines.append(f"    {head}" + "".join(f"\n      {r}" for r in reasons))
        if product["past_use_by"]:
            lines.append("    Past its use-by after opening.")
        if product["unrecognised"]:
            lines.append("    Not recognised: " + ", ".join(product["unrecognised"]))
    return "\n".join(lines)
