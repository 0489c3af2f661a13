"""Example history for the demo account, so `make run` shows a lived-in app at once.

Everything goes through the apps' services (the same validation and rules as real use); only
the timestamps are moved into the past afterwards, since the services record "now"."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from needlewise.accounts.models import User
from needlewise.devices import services as devices
from needlewise.devices.models import CatalogueDevice
from needlewise.products import services as products
from needlewise.recovery import services as recovery
from needlewise.recovery.models import CheckIn
from needlewise.suitability import services as suitability
from needlewise.treatments import services as treatments
from needlewise.treatments.models import Plan, TreatmentSession

ANSWERS = {
    "birth_date": "1991-03-14",
    "skin_type": 3,
    "conditions": [],
    "areas": ["cheeks", "forehead"],
    "isotretinoin_last_dose": None,
    "recent_procedures": [],
}
SHELF = [
    ("Night renewal serum", "serum", "Aqua, Glycerin, Retinol, Squalane, Tocopherol, Parfum"),
    ("Hydrating serum", "serum", "Aqua, Sodium Hyaluronate, Panthenol, Glycerin, Allantoin"),
    (
        "Daily mineral sunscreen SPF 50",
        "sunscreen",
        "Zinc Oxide 20% (Non-Nano), Caprylic/Capric Triglyceride, Glycerin, Tocopherol",
    ),
    ("Glow toner", "treatment", "Aqua, Glycolic Acid, Alcohol Denat., Aloe Barbadensis Leaf Juice"),
]
#: (days ago, [(hours after, redness, pain)]): a session settling in 2 days, then a recent one.
HISTORY = [(12, [(6, 2, 2), (24, 1, 1), (48, 0, 0)]), (2, [(6, 1, 1), (24, 1, 0)])]


def _backdate_session(session: TreatmentSession, at: datetime) -> None:
    TreatmentSession.objects.filter(pk=session.pk).update(started_at=at, done_at=at)


def _session(user: User, plan: Plan, at: datetime, checkins: list[tuple[int, int, int]]) -> None:
    draft = treatments.start_session(user, plan)
    records = [
        {"area": area, "needle_mm": mm, "passes": 4, "pain": 2, "bleeding": "none"}
        for area, mm in plan.needle_mm.items()
    ]
    session = treatments.finish_session(user, draft.key, records)
    # Recorded while the session is still "now" (so triage reads early, expected redness),
    # then everything moves back in time together.
    for hours, redness, pain in checkins:
        checkin = recovery.record_checkin(
            user,
            {"redness": redness, "pain": pain, "bleeding": "none", "symptoms": []},
            session.key,
        )
        CheckIn.objects.filter(pk=checkin.pk).update(
            at=at + timedelta(hours=hours), hours_since_session=hours
        )
    _backdate_session(session, at)


@transaction.atomic
def fill(user: User, now: datetime | None = None) -> bool:
    """Give the demo account a check, a device, a plan, two past sessions and a shelf, once."""
    if Plan.objects.filter(user=user).exists():
        return False
    now = now or timezone.now()
    suitability.record_check(user, ANSWERS, ["texture"], today=timezone.localdate())
    roller = CatalogueDevice.objects.filter(is_generic=True, kind="roller").order_by("name").first()
    device = (
        devices.add_device(user, catalogue_id=roller.pk, nickname="Bathroom roller")
        if roller
        else devices.add_device(user, kind="roller", name="Roller", lengths_mm=[0.25])
    )
    plan = treatments.create_plan(
        user,
        concern="texture",
        areas=["cheeks", "forehead"],
        device=device,
        start_date=(now - timedelta(days=14)).date(),
    )
    for days_ago, checkins in HISTORY:
        devices.record_sterilisation(device, at=now - timedelta(days=days_ago, hours=1))
        _session(user, plan, now - timedelta(days=days_ago), checkins)
    devices.record_sterilisation(device, at=now - timedelta(hours=3))
    for name, kind, text in SHELF:
        products.add_product(user, name=name, kind=kind, ingredients_text=text)
    return True
