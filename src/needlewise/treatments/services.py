"""State changes for plans and sessions: validated, transactional, decided by the rule core."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from needlewise import glides, limits
from needlewise.accounts.models import User
from needlewise.devices.models import OwnedDevice
from needlewise.devices.services import schedule_head_reminder
from needlewise.events import schedule_changed, session_finished
from needlewise.people_words import person_date
from needlewise.rules import labels, needles, rules_version
from needlewise.rules.errors import InputError
from needlewise.suitability.questions import CONCERN_WORDS
from needlewise.treatments.caps import EPS
from needlewise.treatments.models import GlideVerdict, Plan, SessionArea, TreatmentSession
from needlewise.treatments.schedule import History

#: A plan picks a length the device offers: without any, there is nothing to pick.
NO_LENGTHS = "This device has no needle lengths recorded: add them on the device page."


def allowed_lengths(
    user: User,
    plan_concern: str,
    area: str,
    device: OwnedDevice,
    history: History | None = None,
) -> tuple[list[float], needles.NeedleAdvice]:
    """The device's lengths a person may choose for an area: none above the rule core's advice
    (home cap, concern, skin type, first session, a professional's limit). Pass one `history`
    for several areas, so each part of it is read once."""
    history = History(user) if history is None else history
    advice = needles.recommend(
        concern=plan_concern,
        area=area,
        device_lengths=device.available_lengths() or None,
        limits=history.limits,
        skin_type=history.profile.skin_type,
        first_session=not history.rule_sessions([area]),
    )
    ceiling = advice.recommended_mm
    if ceiling is None:
        return [], advice
    return [mm for mm in device.available_lengths() if mm <= ceiling + 1e-9], advice


@transaction.atomic
def create_plan(
    user: User,
    *,
    concern: str,
    areas: list[str],
    device: OwnedDevice,
    start_date: date,
    course_length: int = 6,
) -> Plan:
    """A plan with the rule core's recommended length for each area, or a clear refusal
    (among them: an area already in another active or paused plan)."""
    _refuse_overlap(user, areas)
    if not device.available_lengths():
        raise ValidationError({"device": ValidationError(NO_LENGTHS, code="no_lengths")})
    needle_mm: dict[str, float] = {}
    problems = []
    history = History(user)
    for area in areas:
        lengths, advice = allowed_lengths(user, concern, area, device, history)
        if not lengths:
            problems.append(advice.reasons[-1].message)
        else:
            needle_mm[area] = lengths[-1]
    if problems:
        raise ValidationError({"device": problems})
    plan = Plan(
        user=user,
        concern=concern,
        device=device,
        needle_mm=needle_mm,
        start_date=start_date,
        course_length=course_length,
    )
    plan.full_clean()
    plan.save()
    _reschedule(user)
    return plan


@transaction.atomic
def set_needle_lengths(user: User, plan: Plan, chosen: dict[str, float]) -> Plan:
    """New lengths for some of the plan's own areas (a plan never gains an area here)."""
    history = History(user)
    for area, mm in chosen.items():
        if area not in plan.needle_mm:
            raise ValidationError({area: f"{area.replace('_', ' ')} is not in this plan."})
        lengths, _ = allowed_lengths(user, plan.concern, area, plan.device, history)  # type: ignore[arg-type]
        if mm not in lengths:
            raise ValidationError(
                {
                    area: f"{mm} mm is not allowed here: choose one of "
                    f"{', '.join(f'{x:g}' for x in lengths) or 'none'} mm."
                }
            )
    plan.needle_mm = {**plan.needle_mm, **chosen}
    plan.save(update_fields=["needle_mm"])
    _reschedule(user)
    return plan


@transaction.atomic
def record_session(
    user: User,
    plan: Plan,
    records: list[dict[str, Any]],
    notes: str = "",
    key: UUID | None = None,
    glide: glides.GlideChoice | None = None,
) -> TreatmentSession:
    """Start and finish a session in one go (the API): a refused record leaves no draft, and
    no product added for its glide either."""
    draft = start_session(user, plan, key)
    if glide is not None:
        set_glide(user, draft, glide)
    return finish_session(user, draft.key, records, notes)


@transaction.atomic
def apply_limits(user: User) -> list[Plan]:
    """Bring every active or paused plan within the limits that hold now, and say why on it:
    an area above its cap takes the device's longest length at or below the cap; with none,
    the plan is paused. Called when a professional's limits change (sharing). Returns the
    plans changed."""
    history = History(user)
    history.__dict__["limit_sources"] = caps = limits.sources(user)
    changed = []
    plans = Plan.objects.select_for_update(of=("self",)).select_related("device")
    for plan in plans.filter(user=user, status__in=[Plan.Status.ACTIVE, Plan.Status.PAUSED]):
        notes, unfit = [], []
        for area, mm in plan.needle_mm.items():
            cap = caps.cap(area)
            if float(mm) <= cap.mm + EPS:
                continue
            lengths = []
            if plan.device is not None:
                lengths, _ = allowed_lengths(user, plan.concern, area, plan.device, history)
            fitting = [x for x in lengths if x <= cap.mm + EPS]
            if fitting:
                plan.needle_mm = {**plan.needle_mm, area: fitting[-1]}
                notes.append(f"{cap.words()}: your plan now uses {fitting[-1]:g} mm.")
            else:
                unfit.append(area)
                notes.append(
                    f"{cap.words()}: your device has no needle that short, so this plan is "
                    "paused. Record a shorter length on the device page if it has one, or end "
                    "this plan and plan again with another device."
                )
        if not notes:
            continue
        plan.limit_note = " ".join(notes)[:1000]
        if unfit and plan.status == Plan.Status.ACTIVE:
            plan.status = Plan.Status.PAUSED
            plan.paused_reason = "no needle of your device fits the limit set for you"
        plan.save(update_fields=["needle_mm", "limit_note", "status", "paused_reason"])
        changed.append(plan)
    if changed:
        _reschedule(user)
    return changed


def _refuse_overlap(user: User, areas: list[str], keep: Plan | None = None) -> None:
    """One plan per area: two plans on an area would give it two schedules."""
    others = Plan.objects.select_for_update().filter(
        user=user, status__in=[Plan.Status.ACTIVE, Plan.Status.PAUSED]
    )
    if keep is not None:
        others = others.exclude(pk=keep.pk)
    problems = []
    for other in others:
        for area in areas:
            if area in other.needle_mm:
                concern = CONCERN_WORDS.get(other.concern, other.concern).lower()
                problems.append(
                    f"{labels.label(area, 'area')}: already in your {other.status} "
                    f"plan for {concern} (from {person_date(other.start_date)}). One plan per "
                    "area: end that plan on its page, or leave this area out."
                )
    if problems:
        raise ValidationError({"areas": problems})


@transaction.atomic
def end_plan(plan: Plan) -> None:
    """The person stops a plan before its course is complete: it frees its areas."""
    if plan.status in (Plan.Status.ACTIVE, Plan.Status.PAUSED):
        plan.status = Plan.Status.FINISHED
        plan.save(update_fields=["status"])
        _reschedule(plan.user)


def _reschedule(user: User) -> None:
    """Every date derived from the person's plans follows them: a needle length, a status or a
    session moves all of a person's plans (they may share areas), so all are re-planned."""
    schedule_changed.send(sender=None, user=user)


@transaction.atomic
def pause_plans(user: User, reason: str) -> int:
    plans = list(Plan.objects.filter(user=user, status=Plan.Status.ACTIVE))
    Plan.objects.filter(pk__in=[p.pk for p in plans]).update(
        status=Plan.Status.PAUSED, paused_reason=reason[:300]
    )
    _reschedule(user)
    return len(plans)


@transaction.atomic
def resume_paused_plans(user: User) -> int:
    """A professional has cleared the person: every paused plan goes on."""
    plans = list(Plan.objects.filter(user=user, status=Plan.Status.PAUSED))
    Plan.objects.filter(pk__in=[p.pk for p in plans]).update(
        status=Plan.Status.ACTIVE, paused_reason=""
    )
    _reschedule(user)
    return len(plans)


@transaction.atomic
def resume_plan(plan: Plan) -> None:
    Plan.objects.filter(pk=plan.pk, status=Plan.Status.PAUSED).update(
        status=Plan.Status.ACTIVE, paused_reason=""
    )
    _reschedule(plan.user)


@transaction.atomic
def start_session(user: User, plan: Plan, key: UUID | None = None) -> TreatmentSession:
    """The plan's draft, resumed if one exists, so leaving midway loses nothing. A client's
    own idempotency `key` (API) becomes the draft's key, so its retries find this session."""
    draft = (
        TreatmentSession.objects.select_for_update()
        .filter(user=user, plan=plan, status=TreatmentSession.Status.DRAFT)
        .first()
    )
    if draft is None:
        extra = {"key": key} if key is not None else {}
        return TreatmentSession.objects.create(user=user, plan=plan, device=plan.device, **extra)
    if key is not None and draft.key != key:
        draft.key = key
        draft.save(update_fields=["key"])
    return draft


@transaction.atomic
def save_checklist(session: TreatmentSession, checklist: dict[str, bool], numbing: bool) -> None:
    session.checklist = checklist
    session.numbing_cream = numbing
    session.save(update_fields=["checklist", "numbing_cream"])


#: The shelf's field names, as the session's glide choice calls them.
_NEW_FIELDS = {"name": "glide.name", "ingredients_text": "glide.ingredients"}


def _judged(user: User, choice: glides.GlideChoice) -> glides.Glide | None:
    """The rule core's judgement of the chosen glide (None: nothing on the skin)."""
    if choice.none:
        return None
    if choice.product_id is not None:
        found = glides.glide(user, choice.product_id)
        if found is None:
            raise InputError("glide.product_id", "no such product on your shelf")
        return found
    if not choice.name.strip():
        raise InputError("glide.name", "give the product's name, as on the label")
    try:
        return glides.add(user, choice.name, choice.ingredients)
    except InputError as error:
        raise InputError(_NEW_FIELDS.get(error.field, "glide"), error.message) from None


@transaction.atomic
def set_glide(
    user: User, session: TreatmentSession, choice: glides.GlideChoice
) -> TreatmentSession:
    """Record what goes on the skin while needling, judged now (POLICY.md section 8). Advice:
    an `avoid` is recorded and shown, it never stops the session. Only a draft changes."""
    if session.status != TreatmentSession.Status.DRAFT:
        raise InputError("glide", "this session is already recorded")
    found = _judged(user, choice)
    session.glide_verdict = GlideVerdict.NONE if found is None else found.verdict
    session.glide_name = "" if found is None else found.name[:200]
    session.glide_findings = [] if found is None else list(found.findings)
    session.save(update_fields=["glide_verdict", "glide_name", "glide_findings"])
    return session


@transaction.atomic
def finish_session(
    user: User, key: Any, records: list[dict[str, Any]], notes: str = ""
) -> TreatmentSession:
    """Record what was done, once: a double tap or a retry returns the same session."""
    # of=("self",): PostgreSQL refuses FOR UPDATE on the nullable side of the outer joins.
    session = (
        TreatmentSession.objects.select_for_update(of=("self",))
        .select_related("plan", "device")
        .get(user=user, key=key)
    )
    if session.status == TreatmentSession.Status.DONE:
        return session
    plan = session.plan
    caps = limits.sources(user)
    for record in records:
        if plan is not None and record["area"] not in plan.needle_mm:
            raise ValidationError({"area": f"{record['area']} is not in this plan."})
        cap = caps.cap(record["area"])
        if record["needle_mm"] > cap.mm + EPS:  # the limits now, whatever the plan says
            raise ValidationError(
                {
                    "needle_mm": (
                        f"{record['needle_mm']:g} mm is above the limit. {cap.words()}. "
                        f"Use {cap.mm:g} mm or shorter."
                    )
                }
            )
        if plan is not None and record["needle_mm"] > plan.needle_mm[record["area"]] + 1e-9:
            raise ValidationError(
                {
                    "needle_mm": (
                        f"{record['needle_mm']} mm is longer than your plan's "
                        f"{plan.needle_mm[record['area']]} mm for this area."
                    )
                }
            )
    SessionArea.objects.bulk_create(
        SessionArea(
            session=session,
            area=r["area"],
            needle_mm=Decimal(str(r["needle_mm"])),
            passes=r["passes"],
            pain=r["pain"],
            bleeding=r["bleeding"],
            notes=r.get("notes", ""),
        )
        for r in records
    )
    session.status = TreatmentSession.Status.DONE
    session.done_at = timezone.now()
    session.notes = notes
    session.rules_version = rules_version()
    session.save()
    if session.device_id:
        OwnedDevice.objects.filter(pk=session.device_id).update(uses=F("uses") + 1)
        schedule_head_reminder(session.device)  # type: ignore[arg-type]
    if plan is not None:
        done = plan.sessions.filter(status=TreatmentSession.Status.DONE).count()
        if done >= plan.course_length:
            Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.FINISHED)
    _reschedule(user)  # a session without a plan still moves the plans of its areas
    session_finished.send(sender=None, session=session)  # its check-ins and aftercare ends
    return session


def discard_draft(session: TreatmentSession) -> None:
    if session.status == TreatmentSession.Status.DRAFT:
        session.delete()
