"""POLICY.md section 8 records made straight through the ORM, for the pages that show them: a
session's glide judged by the rule core, and a late check-in triaged by it. (The guided step and
the late check-in form that record them for real are tested on their own.)"""

from __future__ import annotations

from datetime import timedelta

from needlewise import events
from needlewise.recovery.models import CheckIn, Escalation
from needlewise.rules import followup, ingredients, rules_version
from needlewise.treatments.models import TreatmentSession

RETINOL_SERUM = "Aqua, Retinol, Glycerin"
PLAIN_SERUM = "Aqua, Sodium Hyaluronate"


def set_glide(session: TreatmentSession, name: str = "", label: str = "") -> TreatmentSession:
    """Record `name` (its ingredient `label`) as the session's glide; no name: nothing on it."""
    if not name:
        session.glide_verdict, session.glide_name, session.glide_findings = "none", "", []
    else:
        result = ingredients.check(label, product_name=name, as_glide=True)
        glide = [f.to_dict() for f in result.findings if f.category == "glide"]
        session.glide_verdict, session.glide_name = result.verdict, name
        session.glide_findings = glide
    session.save(update_fields=["glide_verdict", "glide_name", "glide_findings"])
    return session


def late_checkin(
    session: TreatmentSession, day: int = 21, answers: tuple[str, ...] = (), escalate=False
) -> CheckIn:
    """The session's late check-in `day` days after it, `answers` the questions answered yes;
    with `escalate`, the escalation a red flag opens, told to the apps above as recovery tells
    them (plans paused, mails queued to send on commit)."""
    areas = ", ".join(r.area for r in session.area_records.all())
    result = followup.assess_late(day, answers, areas, session.done_at.date())
    at = session.done_at + timedelta(days=day)
    checkin = CheckIn.objects.create(
        user=session.user,
        session=session,
        kind=CheckIn.Kind.LATE,
        late_day=day,
        at=at,
        hours_since_session=day * 24,
        symptoms=sorted(answers),
        level=result.level,
        reasons=[r.to_dict() for r in result.reasons],
        advice=result.advice,
        rules_version=rules_version(),
    )
    if escalate:
        escalation = Escalation.objects.create(
            user=session.user, checkin=checkin, level=result.level, opened_at=at
        )
        events.escalation_raised.send(
            sender=None, escalation=escalation, checkin=checkin, reason="a late check-in"
        )
    return checkin
