"""The tables a synthetic population fills: their column order, and rows waiting to be written.

Rows are plain tuples in the column order below (much cheaper than model instances at millions
of rows); JSON columns hold JSON text. The writer writes tables in this order, parents first."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from needlewise.accounts.models import Profile, User
from needlewise.devices.models import HeadChange, OwnedDevice, SterilisationRecord
from needlewise.products.models import AvoidEntry, Product
from needlewise.progress.models import Rating
from needlewise.recovery.models import CheckIn, Escalation
from needlewise.sharing.models import AuditEntry, Grant, ProfessionalNote, ProfessionalProfile
from needlewise.suitability.models import SuitabilityCheck
from needlewise.treatments.models import Plan, SessionArea, TreatmentSession

#: name: (model, columns by attname). Every concrete field is listed (tests check it), since
#: COPY and raw INSERTs fill no Django default.
SPECS: dict[str, tuple[type[models.Model], tuple[str, ...]]] = {
    "user": (User, ("id", "password", "last_login", "is_superuser", "is_staff", "is_active",
                    "date_joined", "email", "data_revision")),
    "profile": (Profile, ("id", "user_id", "display_name", "time_zone", "birth_date",
                          "skin_type", "units", "updated_at", "require_second_factor",
                          "currency")),
    "professional": (ProfessionalProfile, ("id", "user_id", "profession", "registration_number",
                                           "verified", "created_at")),
    "check": (SuitabilityCheck, ("id", "user_id", "created_at", "answers", "areas", "concerns",
                                 "verdict", "reasons", "recheck_on", "expires_on",
                                 "rules_version", "invalidated_at", "invalidated_reason")),
    "device": (OwnedDevice, ("id", "user_id", "catalogue_id", "name", "kind", "lengths_mm",
                             "fda_status", "fda_number_given", "nickname", "added_at",
                             "first_used_on", "uses")),
    "plan": (Plan, ("id", "user_id", "concern", "device_id", "needle_mm", "start_date",
                    "course_length", "status", "paused_reason", "limit_note", "created_at")),
    "session": (TreatmentSession, ("id", "user_id", "plan_id", "device_id", "key", "status",
                                   "started_at", "done_at", "checklist", "numbing_cream", "notes",
                                   "rules_version", "glide_verdict", "glide_name",
                                   "glide_findings")),
    "area": (SessionArea, ("id", "session_id", "area", "needle_mm", "passes", "pain", "bleeding",
                           "notes")),
    "sterilisation": (SterilisationRecord, ("id", "device_id", "at", "method", "minutes",
                                            "notes")),
    "head_change": (HeadChange, ("id", "device_id", "at", "kind", "uses_at_change")),
    "checkin": (CheckIn, ("id", "user_id", "session_id", "at", "hours_since_session", "redness",
                          "pain", "bleeding", "fever_c", "symptoms", "notes", "level", "reasons",
                          "advice", "rules_version", "kind", "late_day")),
    "escalation": (Escalation, ("id", "user_id", "checkin_id", "level", "opened_at",
                                "emailed_at", "cleared_at", "cleared_note", "cleared_by_id")),
    "product": (Product, ("id", "user_id", "name", "brand", "kind", "opened_on", "pao_months",
                          "ingredients_text", "parsed", "unrecognised", "parse_error",
                          "rules_version", "created_at", "updated_at")),
    "avoid": (AvoidEntry, ("id", "user_id", "kind", "value", "label", "added_by_id", "note",
                           "created_at")),
    "rating": (Rating, ("id", "user_id", "concern", "score", "rated_on", "created_at")),
    "grant": (Grant, ("id", "client_id", "professional_id", "invite_id", "scopes", "created_at",
                      "expires_at", "revoked_at", "needle_mm_by_area", "min_interval_days",
                      "limits_set_at", "last_viewed_at", "changes_since")),
    "note": (ProfessionalNote, ("id", "grant_id", "client_id", "professional_id", "body",
                                "created_at")),
    "audit": (AuditEntry, ("id", "client_id", "professional_id", "professional_name", "what",
                           "object_id", "at")),
}  # fmt: skip


def dumps(value: Any) -> str:
    """JSON text for a JSON column (what Django's JSONField would store)."""
    return json.dumps(value)


def json_columns(name: str) -> frozenset[int]:
    model, columns = SPECS[name]
    return frozenset(
        i for i, c in enumerate(columns) if isinstance(model._meta.get_field(c), models.JSONField)
    )


class IdPool:
    """Primary keys handed out ahead of the insert, so children can point at their parents.

    `reserve(name, n)` gets a range of `n` fresh ids for a table from the writer (from the
    table's sequence on PostgreSQL); the pool asks for more, in growing blocks, when it runs
    out."""

    def __init__(self, reserve: Callable[[str, int], range]) -> None:
        self._reserve = reserve
        self._free: dict[str, Iterator[int]] = {name: iter(()) for name in SPECS}
        self._block: dict[str, int] = dict.fromkeys(SPECS, 2_000)

    def next(self, name: str) -> int:
        try:
            return next(self._free[name])
        except StopIteration:
            self._block[name] = block = min(self._block[name] * 2, 500_000)
            self._free[name] = iter(self._reserve(name, block))
            return next(self._free[name])


Rows = dict[str, list[tuple[Any, ...]]]


def no_rows() -> Rows:
    return {name: [] for name in SPECS}


@dataclass
class Batch:
    """Rows waiting to be written, per table, and the ids they use."""

    ids: IdPool
    rows: Rows = field(default_factory=no_rows)

    def add(self, name: str, row: tuple[Any, ...]) -> None:
        self.rows[name].append(row)

    def new_id(self, name: str) -> int:
        return self.ids.next(name)

    def take(self) -> Rows:
        """The rows so far, handed over to the writer; the batch starts empty again."""
        rows, self.rows = self.rows, no_rows()
        return rows
