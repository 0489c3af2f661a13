"""State changes for suitability checks: the rule core decides, this stores, in one transaction."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from needlewise import events
from needlewise.accounts import services as accounts
from needlewise.accounts.models import User
from needlewise.rules import contract, rules_version
from needlewise.rules.vocab import PROCEDURE_KINDS
from needlewise.suitability.models import CHECK_VALID_DAYS, SuitabilityCheck
from needlewise.suitability.questions import STEP_SLUGS


def missing_steps(draft: dict[str, Any]) -> list[str]:
    return [slug for slug in STEP_SLUGS if slug not in draft]


def answers_from_draft(draft: dict[str, Any]) -> dict[str, Any]:
    """Turn the questionnaire's steps into the rule core's screening input (POLICY.md §7)."""
    conditions: set[str] = set()
    for step in draft.values():
        conditions.update(step.get("conditions") or [])
    procedures = [
        {"kind": kind, "date": draft["procedures"][kind]}
        for kind in PROCEDURE_KINDS
        if draft.get("procedures", {}).get(kind)
    ]
    if procedures:
        conditions.add("recent_procedure")
    about = draft["about-you"]
    return {
        "birth_date": about["birth_date"],
        "skin_type": about.get("skin_type"),
        "conditions": sorted(conditions),
        "areas": draft["areas"]["areas"],
        "isotretinoin_last_dose": draft.get("medicines", {}).get("isotretinoin_last_dose"),
        "recent_procedures": procedures,
    }


def _expiry(today: date, recheck_on: date | None) -> date:
    lapse = today + timedelta(days=CHECK_VALID_DAYS)
    return min(lapse, recheck_on) if recheck_on else lapse


@transaction.atomic
def record_check(
    user: User, answers: dict[str, Any], concerns: list[str], today: date | None = None
) -> SuitabilityCheck:
    """Screen the answers and store them with the verdict, reasons and rules version.

    The birth date and skin type also go to the profile, so the two never disagree."""
    today = today or timezone.localdate()
    result = contract.screen({**answers, "today": today.isoformat()})  # raises InputError
    accounts.update_profile(
        user, birth_date=date.fromisoformat(answers["birth_date"]), skin_type=answers["skin_type"]
    )
    recheck_on = date.fromisoformat(result["recheck_on"]) if result["recheck_on"] else None
    invalidate_checks(user, "Replaced by a newer check.")
    check = SuitabilityCheck.objects.create(
        user=user,
        answers=answers,
        areas=answers.get("areas") or [],
        concerns=concerns,
        verdict=result["verdict"],
        reasons=result["reasons"],
        recheck_on=recheck_on,
        expires_on=_expiry(today, recheck_on),
        rules_version=rules_version(),
    )
    events.check_recorded.send(sender=None, check=check)  # the re-check reminder moves
    return check


def invalidate_checks(user: User, reason: str) -> int:
    """A change the verdict depended on (skin type, birth date) makes a new check due."""
    return SuitabilityCheck.objects.filter(user=user, invalidated_at__isnull=True).update(
        invalidated_at=timezone.now(), invalidated_reason=reason[:200]
    )


def on_screening_changed(*, user: User, reason: str, **_: Any) -> None:
    """`events.screening_changed`: accounts saved a profile answer the verdict depends on."""
    invalidate_checks(user, reason)
