"""Today's tip: one short piece of advice that fits the person's state, never the same twice in
a row (the last one shown is remembered per person in TipShown)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import connection

from needlewise.library.models import TipShown


@dataclass(frozen=True)
class Tip:
    code: str
    text: str
    topic: str  # a guides.TOPICS code: the guide to read next

    @property
    def guide(self):
        from needlewise.library.guides import guide_for

        return guide_for(self.topic)


TIPS = {
    "sunscreen": Tip("sunscreen", "Your skin is still healing: stay out of direct sun, and "
                     "from 24 hours after the session use broad-spectrum SPF 30 or higher.",
                     "sunscreen"),
    "no_actives": Tip("no_actives", "No retinoids, acids or vitamin C serums until the first week "
                      "after your session is over. Gentle, soothing products only.", "aftercare"),
    "patch_test": Tip("patch_test", "Before your first session, try the device and your aftercare "
                      "product on a small patch of skin and wait a day.", "patch_test"),
    "head_due": Tip("head_due", "A device head is due for replacement. Dull needles tear the "
                    "skin instead of puncturing it cleanly.", "head_replacement"),
    "clean_device": Tip("clean_device", "Soak the head in 70 % alcohol for at least 10 minutes "
                        "before each session, then let it air-dry.", "device_hygiene"),
    "rest": Tip("rest", "Longer needles need longer breaks. Regular, well-spaced sessions "
                "beat frequent ones.", "interval"),
    "ask": Tip("ask", "Something worrying you about your skin? A dermatologist or skincare "
               "professional can see what an app cannot.", "professional"),
}  # fmt: skip
#: Shown when nothing about the person's state calls for a particular tip, in turn.
GENERAL = ("clean_device", "rest", "ask")


@dataclass(frozen=True)
class Situation:
    """What the tips depend on. Today already knows all of it; other callers let `situation`
    read it."""

    in_aftercare: bool
    no_session_yet: bool
    head_due: bool


def situation(user, now: datetime) -> Situation:
    from needlewise.devices.advice import hygiene_for
    from needlewise.devices.queries import devices_for
    from needlewise.treatments.aftercare import open_windows
    from needlewise.treatments.queries import done_sessions

    last = done_sessions(user).first()
    windows = open_windows(last.done_at, last.deepest_mm, now) if last else []
    return Situation(
        in_aftercare=any(w["level"] != "recommended" for w in windows),
        no_session_yet=last is None,
        head_due=any(hygiene_for(device, now).head_due for device in devices_for(user)),
    )


def fitting(state: Situation) -> list[str]:
    """Tip codes that fit the person's state right now, most pressing first."""
    codes = []
    if state.in_aftercare:
        codes += ["sunscreen", "no_actives"]
    elif state.no_session_yet:
        codes.append("patch_test")
    if state.head_due:
        codes.append("head_due")
    return codes


def choose(candidates: list[str], last: str | None) -> str:
    """The first fitting tip that is not the last one shown; else a general one that is not."""
    for code in [*candidates, *GENERAL]:
        if code != last:
            return code
    raise AssertionError("GENERAL has more than one tip")  # pragma: no cover


def tip_for(user, now: datetime, state: Situation | None = None) -> Tip | None:
    """The tip to show on Today, remembered so the next call picks another. None for visitors.

    One read and one upsert: Today is the most visited page."""
    if user is None or not user.is_authenticated:
        return None
    last = TipShown.objects.filter(user=user).values_list("code", flat=True).first()
    code = choose(fitting(state or situation(user, now)), last)
    remember(user.pk, code, now)
    return TIPS[code]


def remember(user_id: int, code: str, now: datetime) -> None:
    """INSERT … ON CONFLICT UPDATE as one statement (PostgreSQL and SQLite both have it):
    `bulk_create(update_conflicts=True)` would wrap it in a transaction of its own, two more
    round trips on every view of Today for a row that is only a memory aid."""
    table = connection.ops.quote_name(TipShown._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (user_id, code, shown_at) VALUES (%s, %s, %s) "  # noqa: S608
            "ON CONFLICT (user_id) DO UPDATE SET code = excluded.code, "
            "shown_at = excluded.shown_at",
            [user_id, code, connection.ops.adapt_datetimefield_value(now)],
        )
