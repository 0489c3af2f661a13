"""The cast's treatment history, built in code: alice lives in Paris and microneedles her cheeks."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from needlewise.accounts.models import User
from needlewise.treatments.models import Plan, SessionArea, TreatmentSession

PARIS = ZoneInfo("Europe/Paris")
#: 11:00 in Paris on the day this was written.
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
PUBLIC_URL = "https://needlewise.example"


@pytest.fixture(autouse=True)
def _public_url(settings) -> None:
    settings.PUBLIC_URL = PUBLIC_URL


@pytest.fixture
def paris(alice) -> User:
    alice.profile.time_zone = "Europe/Paris"
    alice.profile.save()
    return alice


def make_plan(user: User, start: date, *, needle: float = 0.25, course: int = 6) -> Plan:
    return Plan.objects.create(
        user=user,
        concern="texture",
        needle_mm={"cheeks": needle},
        start_date=start,
        course_length=course,
    )


def finish(user: User, at: datetime, *, plan: Plan | None = None, needle: float = 0.25):
    session = TreatmentSession.objects.create(
        user=user, plan=plan, status=TreatmentSession.Status.DONE, started_at=at, done_at=at
    )
    SessionArea.objects.create(
        session=session,
        area="cheeks",
        needle_mm=Decimal(str(needle)),
        passes=4,
        pain=2,
        bleeding="none",
    )
    return session


@pytest.fixture
def catalogue_roller(paris):
    from needlewise.devices import services as devices

    return devices.add_device(paris, kind="roller", name="Test roller", lengths_mm=[0.25])
