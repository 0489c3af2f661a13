"""Sessions as plain rows, for the API and `needlewise sessions export`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from needlewise.treatments.models import TreatmentSession

COLUMNS = (
    "session",
    "done_at",
    "plan",
    "device",
    "area",
    "needle_mm",
    "passes",
    "pain",
    "bleeding",
    "notes",
)


def glide_out(session: TreatmentSession) -> dict[str, Any] | None:
    """The glide recorded (POLICY.md section 8): verdict none|ok|avoid, the product's name and
    the rule core's glide findings; None when it was not asked."""
    if not session.glide_verdict:
        return None
    return {
        "verdict": session.glide_verdict,
        "name": session.glide_name,
        "findings": session.glide_findings,
    }


def session_rows(sessions: Iterable[TreatmentSession]) -> list[dict[str, Any]]:
    """One dict per session with its areas (sessions must prefetch `area_records`)."""
    return [
        {
            "key": str(s.key),
            "done_at": s.done_at.isoformat() if s.done_at else None,
            "plan_id": s.plan_id,
            "device_id": s.device_id,
            "numbing_cream": s.numbing_cream,
            "notes": s.notes,
            "rules_version": s.rules_version,
            "glide": glide_out(s),
            "areas": [
                {
                    "area": r.area,
                    "needle_mm": float(r.needle_mm),
                    "passes": r.passes,
                    "pain": r.pain,
                    "bleeding": r.bleeding,
                    "notes": r.notes,
                }
                for r in s.area_records.all()
            ],
        }
        for s in sessions
    ]


def area_rows(sessions: Iterable[TreatmentSession]) -> Iterable[dict[str, Any]]:
    """One flat row per area of each session, for CSV."""
    for s in sessions:
        for r in s.area_records.all():
            yield {
                "session": str(s.key),
                "done_at": s.done_at.isoformat() if s.done_at else "",
                "plan": s.plan_id or "",
                "device": s.device_id or "",
                "area": r.area,
                "needle_mm": float(r.needle_mm),
                "passes": r.passes,
                "pain": r.pain,
                "bleeding": r.bleeding,
                "notes": r.notes,
            }
