"""State changes for recovery: check-ins with their triage, and the escalations they open (whose
mails `needlewise.notifications` queues and sends). Recovery sits below treatments, progress and
notifications (docs/architecture.md): what they do about a check-in is told through
`needlewise.events`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils import timezone

from needlewise import events
from needlewise.accounts.models import User, zone_of
from needlewise.recovery import late
from needlewise.recovery.models import RED_FLAG_LEVELS, CheckIn, Escalation
from needlewise.recovery.queries import latest_session, previous_checkin
from needlewise.recovery.sessions import Session, done_for, session_model
from needlewise.rules import followup, rules_version, triage
from needlewise.rules.errors import InputError
from needlewise.rules.model import fmt_date
from needlewise.rules.vocab import TRIAGE_LEVELS

_FIELDS = ("redness", "pain", "bleeding", "fever_c", "symptoms", "notes")


def _session(user: User, session_key: UUID | None) -> Session:
    """The session the check-in is about: the one named (the person's own), else the latest."""
    if session_key is None:
        session = latest_session(user)
    else:
        session = done_for(user).filter(key=session_key).first()
    if session is None or session.done_at is None:
        raise InputError("session", "there is no finished session of yours to check in on")
    return session


def _int(data: Mapping[str, Any], name: str, default: int | None = None) -> int:
    value = data.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(name, "must be a whole number")
    return value


def _assess(
    data: Mapping[str, Any], hours: float, previous: CheckIn | None
) -> tuple[triage.CheckIn, triage.Triage]:
    unknown = sorted(set(data) - set(_FIELDS))
    if unknown:
        raise InputError(unknown[0], "unknown field")
    fever = data.get("fever_c")
    if fever is not None and (isinstance(fever, bool) or not isinstance(fever, int | float)):
        raise InputError("fever_c", "must be a number (°C)")
    if fever is not None and not 30 <= fever <= 45:
        raise InputError("fever_c", "must be a body temperature between 30 and 45 °C")
    symptoms = data.get("symptoms") or []
    if not isinstance(symptoms, list | tuple) or not all(isinstance(s, str) for s in symptoms):
        raise InputError("symptoms", "must be a list of symptom codes")
    checkin = triage.CheckIn(
        hours_since_session=hours,
        redness=_int(data, "redness"),
        pain=_int(data, "pain", 0),
        bleeding=str(data.get("bleeding", "none")),
        fever_c=None if fever is None else float(fever),
        symptoms=frozenset(symptoms),
        previous_redness=None if previous is None else previous.redness,
    )
    return checkin, triage.assess(checkin)


def _pause_reason(checkin: CheckIn) -> str:
    words = "urgent signs" if checkin.level == "urgent" else "signs a dermatologist should see"
    return (
        f"your check-in of {timezone.localtime(checkin.at):%-d %b} showed {words}. "
        "It stays paused until you record that a professional has seen you."
    )


def _escalate(user: User, checkin: CheckIn) -> Escalation:
    """Open an escalation (or join the open one, raising its level when this is worse), pause
    every active plan, and have the level's mails queued: each level is told once (treatments
    and notifications, above us, listen to `events.escalation_raised`)."""
    current = Escalation.objects.select_for_update().filter(user=user, cleared_at__isnull=True)
    escalation = current.first()
    if escalation is None:
        try:
            with transaction.atomic():
                escalation = Escalation.objects.create(
                    user=user, checkin=checkin, level=checkin.level, opened_at=checkin.at
                )
        except IntegrityError:  # a concurrent check-in opened it first
            escalation = current.get()
    if TRIAGE_LEVELS.index(checkin.level) < TRIAGE_LEVELS.index(escalation.level):
        # Worse than before (see a dermatologist, now urgent): the banner and the mails say so.
        Escalation.objects.filter(pk=escalation.pk).update(level=checkin.level)
        escalation.level = checkin.level
    events.escalation_raised.send(
        sender=None, escalation=escalation, checkin=checkin, reason=_pause_reason(checkin)
    )
    return escalation


@transaction.atomic
def record_checkin(user: User, data: Mapping[str, Any], session_key: UUID | None = None) -> CheckIn:
    """Triage a check-in against the previous one for the same session and store both at once.

    `data`: redness 0-3, pain 0-10, bleeding, fever_c (°C or None), symptoms (codes), notes.
    A red-flag result opens (or raises) an escalation and pauses plans; its mails go after
    commit, once per level and recipient."""
    session = _session(user, session_key)
    session_model().objects.select_for_update().filter(pk=session.pk).first()
    now = timezone.now()
    hours = max((now - session.done_at).total_seconds() / 3600, 0.0)  # type: ignore[operator]
    previous = previous_checkin(session)
    values, result = _assess(data, round(hours, 2), previous)
    checkin = CheckIn.objects.create(
        user=user,
        session=session,
        at=now,
        hours_since_session=values.hours_since_session,
        redness=values.redness,
        pain=values.pain,
        bleeding=values.bleeding,
        fever_c=values.fever_c,
        symptoms=sorted(values.symptoms),
        notes=str(data.get("notes") or "")[:1000],
        level=result.level,
        reasons=[r.to_dict() for r in result.reasons],
        advice=result.advice,
        rules_version=rules_version(),
    )
    if result.level in RED_FLAG_LEVELS:
        _escalate(user, checkin)
    events.schedule_changed.send(sender=None, user=user)  # redness can move or block the next date
    return checkin


class AlreadyAnswered(InputError):
    """A second answer to the same late check-in: the first one stands (409 over the API)."""


def _late_answers(answers: Any) -> list[str]:
    """The codes answered yes, from {"new_bumps": bool, "nonhealing_sore": bool}: both asked,
    both required, nothing else."""
    if not isinstance(answers, Mapping):
        raise InputError("answers", "must say yes (true) or no (false) to each question")
    asked = followup.questions()
    for code in sorted(set(answers) - set(asked)):
        raise InputError(f"answers.{code}", "unknown question")
    for code, question in asked.items():
        if not isinstance(answers.get(code), bool):
            raise InputError(f"answers.{code}", f"answer yes or no: {question}")
    return [code for code in asked if answers[code]]


def late_session(user: User, session_key: UUID | str, day: int) -> Session:
    """The person's finished session a late check-in for `day` is about, or InputError."""
    if isinstance(day, bool) or day not in followup.late_days():
        days = " or ".join(str(d) for d in followup.late_days())
        raise InputError("day", f"a late check-in is {days} days after a session")
    session = done_for(user).filter(key=session_key).first()
    if session is None or session.done_at is None:
        raise InputError("session", "there is no finished session of yours with this key")
    return session


@transaction.atomic
def record_late_checkin(
    user: User, session_key: UUID | str, day: int, answers: Mapping[str, Any]
) -> CheckIn:
    """Store the answers to a late check-in (POLICY.md section 8) with the rule core's triage.

    `answers`: {"new_bumps": bool, "nonhealing_sore": bool}. Open from the start of the person's
    own day `day` after the session (`needlewise.recovery.late`); one answer per session and
    day (`AlreadyAnswered`). A yes is see_dermatologist: it opens or joins the escalation,
    pauses plans and has the mails queued, the same way as an early red flag."""
    session = late_session(user, session_key, day)
    yes = _late_answers(answers)
    session_model().objects.select_for_update().filter(pk=session.pk).first()
    if CheckIn.objects.filter(session=session, kind=CheckIn.Kind.LATE, late_day=day).exists():
        raise AlreadyAnswered("day", f"you have answered the day {day} check-in already")
    tz = zone_of(user)
    now = timezone.now()
    opens = late.opens_at(session.done_at, day, tz)
    if now < opens:
        raise InputError("day", f"this check-in opens on {fmt_date(opens.date())}")
    areas = [r.area for r in session.area_records.order_by("area")]
    result = followup.assess_late(
        day, yes, late.areas_in_words(areas), session.done_at.astimezone(tz).date()
    )
    try:
        with transaction.atomic():
            checkin = CheckIn.objects.create(
                user=user,
                session=session,
                kind=CheckIn.Kind.LATE,
                late_day=day,
                at=now,
                hours_since_session=round((now - session.done_at).total_seconds() / 3600, 2),
                redness=None,
                pain=None,
                bleeding="",
                symptoms=yes,
                level=result.level,
                reasons=[r.to_dict() for r in result.reasons],
                advice=result.advice,
                rules_version=rules_version(),
            )
    except IntegrityError:  # a concurrent answer won the unique constraint
        raise AlreadyAnswered("day", f"you have answered the day {day} check-in already") from None
    if result.level in RED_FLAG_LEVELS:
        _escalate(user, checkin)
    events.schedule_changed.send(sender=None, user=user)  # a yes pauses plans; reminders stop
    return checkin


@transaction.atomic
def record_checkin_with_photo(
    user: User, data: Mapping[str, Any], session_key: UUID | None, photo: Mapping[str, Any] | None
) -> CheckIn:
    """A check-in and its optional photo, together or not at all: a photo that cannot be read
    rolls the check-in back (its escalation e-mail too, as that goes out on commit)."""
    checkin = record_checkin(user, data, session_key)
    events.checkin_recorded.send(sender=None, checkin=checkin, photo=photo)  # progress stores it
    return checkin


@transaction.atomic
def clear_escalation(
    user: User, escalation_id: int, note: str = "", cleared_by: User | None = None
) -> Escalation | None:
    """The person (or their professional, `cleared_by`) records that a professional has seen
    them: close it and resume paused plans. None when the escalation is not theirs; clearing
    twice changes nothing."""
    escalation = Escalation.objects.select_for_update().filter(user=user, pk=escalation_id).first()
    if escalation is None or not escalation.is_open:
        return escalation
    escalation.cleared_at = timezone.now()
    escalation.cleared_note = note.strip()[:1000]
    escalation.cleared_by = cleared_by
    escalation.save(update_fields=["cleared_at", "cleared_note", "cleared_by"])
    events.escalation_cleared.send(sender=None, user=user)  # paused plans go on
    return escalation
