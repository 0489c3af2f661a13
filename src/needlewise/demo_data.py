"""Example history for the demo account, so `make run` shows a lived-in app at once.

Everything goes through the apps' services (the same validation and rules as real use); only
the timestamps are moved into the past afterwards, since the services record "now"."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFilter

from needlewise import events
from needlewise.accounts import services as accounts
from needlewise.accounts.models import User
from needlewise.devices import services as devices
from needlewise.devices.models import CatalogueDevice
from needlewise.products import services as products
from needlewise.progress import services as progress
from needlewise.recovery import services as recovery
from needlewise.recovery.models import CheckIn
from needlewise.reminders import services as reminders
from needlewise.reminders.models import Reminder
from needlewise.sharing import services as sharing
from needlewise.sharing.models import SCOPES, Grant
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
#: (days ago, how red the cheek is 0-1, the session it follows or None): before the first
#: session, the day after it, and the day after the second, so compare and redness have data.
PHOTOS = [(13, 0.2, None), (11, 0.6, 0), (1, 0.4, 1)]
#: (days ago, score 1-10) of "smoother texture": the ratings chart.
RATINGS = [(14, 4), (7, 5), (0, 6)]
PRO_EMAIL = "demo-pro@example.com"
PRO_NOTE = "Cheeks settled well after the first session. Keep 0.25 mm for the next two."


def _backdate_session(session: TreatmentSession, at: datetime) -> None:
    """Move a session recorded "now" back to `at`, and its reminders with it.

    Finishing it planned its check-ins, aftercare ends and late check-ins from "now": left as
    they were, each past session would add one more set of the same reminders at the same
    moments (the demo's reminders appeared twice). They are planned again from `at`; those
    whose moment has passed are not made."""
    TreatmentSession.objects.filter(pk=session.pk).update(started_at=at, done_at=at)
    Reminder.objects.filter(
        user=session.user, subject_id=str(session.key), sent_at__isnull=True
    ).delete()
    session.refresh_from_db()
    reminders.schedule_after_session(session)


def _cheek_photo(redness: float) -> io.BytesIO:
    """A small made-up picture of a cheek (skin tone, a redder patch): drawn, not a person's
    photo, and with no metadata at all."""
    skin = (224, 180, 150)
    red = tuple(int(c + (t - c) * redness) for c, t in zip(skin, (214, 110, 100), strict=True))
    image = Image.new("RGB", (320, 240), skin)
    ImageDraw.Draw(image).ellipse((90, 70, 230, 170), fill=red)
    image = image.filter(ImageFilter.GaussianBlur(18))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    out.seek(0)
    return out


def _photos(user: User, sessions: list[TreatmentSession], today: date) -> None:
    for days_ago, redness, after in PHOTOS:
        upload = _cheek_photo(redness)
        photo = progress.add_photo(
            user,
            upload,
            size=upload.getbuffer().nbytes,
            area="cheeks",
            taken_on=today - timedelta(days=days_ago),
            session_key=sessions[after].key if after is not None else None,
        )
        progress.measure_photo(photo, {"x": 110, "y": 90, "w": 100, "h": 60})
    for days_ago, score in RATINGS:
        progress.rate(user, "texture", score, today - timedelta(days=days_ago))


def _session(
    user: User, plan: Plan, at: datetime, checkins: list[tuple[int, int, int]]
) -> TreatmentSession:
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
    return session


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
    sessions = []
    for days_ago, checkins in HISTORY:
        devices.record_sterilisation(device, at=now - timedelta(days=days_ago, hours=1))
        sessions.append(_session(user, plan, now - timedelta(days=days_ago), checkins))
    devices.record_sterilisation(device, at=now - timedelta(hours=3))
    # The session days were planned while the sessions were still "now": plan them again.
    events.schedule_changed.send(sender=None, user=user)
    for name, kind, text in SHELF:
        products.add_product(user, name=name, kind=kind, ingredients_text=text)
    _photos(user, sessions, timezone.localdate())
    return True


def account(email: str, password: str, name: str) -> User:
    """A demo account, made once; run again, it keeps its records and takes the new password."""
    user = User.objects.filter(email=email).first()
    if user is None:
        return accounts.sign_up(email, password, display_name=name)
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


@transaction.atomic
def professional(client: User, password: str) -> User:
    """The dermatologist who follows the demo account: every scope, a note. Same password."""
    pro = account(PRO_EMAIL, password, "Dr Demo")
    sharing.save_professional(pro, "Dermatologist", "GMC 0000000 (demo)")
    if not Grant.objects.filter(client=client, professional=pro).exists():
        invite = sharing.invite(client, PRO_EMAIL, SCOPES, days=90)
        grant = sharing.accept(sharing.invite_token(invite), pro)
        sharing.add_note(grant, PRO_NOTE)
    return pro
