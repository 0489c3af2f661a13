"""`/api/rules/*`: the rule core over HTTP. Stores nothing, so no login is needed.

The schemas document the shapes for OpenAPI; `rules.contract` does the real validation (codes,
ranges, dates) exactly as the CLI does, and its InputError becomes a 422 naming the field.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from pydantic import ConfigDict

from needlewise.rules import contract

router = Router(tags=["rules"], auth=None)


class _In(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)

    def payload(self) -> dict[str, Any]:
        return self.model_dump(exclude_unset=True)


class Procedure(_In):
    kind: str = Field(description="peel, laser, filler or toxin")
    date: str = Field(description="ISO date, e.g. 2026-11-01")


class ScreenIn(_In):
    birth_date: str = Field(description="ISO date")
    skin_type: int | None = Field(None, description="Fitzpatrick type 1-6")
    conditions: list[str] = Field(description="condition codes, see /rules/")
    areas: list[str] = []
    isotretinoin_last_dose: str | None = None
    recent_procedures: list[Procedure] = []
    today: str | None = Field(None, description="ISO date; defaults to today (UTC)")


class NeedlesIn(_In):
    concern: str
    area: str
    device_lengths: list[float] | None = None
    max_mm: float | None = None
    skin_type: int | None = None
    first_session: bool = False


class SessionIn(_In):
    at: str = Field(description="ISO 8601 date-time")
    needle_mm: float
    areas: list[str] = []


class CheckinIn(_In):
    at: str
    redness: int = Field(description="0 none, 1 mild, 2 moderate, 3 severe")
    pain: int = 0


class NextSessionIn(_In):
    sessions: list[SessionIn]
    checkins: list[CheckinIn] = []
    min_interval_days: int | None = None
    area: str | None = None


class IngredientsIn(_In):
    text: str = Field(description="the ingredient list as printed on the label")
    hours_since_session: float | None = None
    product_name: str | None = None


class AftercareIn(_In):
    session_at: str
    needle_mm: float


class TriageIn(_In):
    hours_since_session: float
    redness: int
    pain: int = 0
    bleeding: str = "none"
    fever_c: float | None = None
    symptoms: list[str] = []
    previous_redness: int | None = None


@router.post("/screen", summary="Is at-home microneedling suitable now?")
def screen(request: HttpRequest, body: ScreenIn) -> dict[str, Any]:
    return contract.screen(body.payload())


@router.post("/needles", summary="Which needle length for a concern and area?")
def needles(request: HttpRequest, body: NeedlesIn) -> dict[str, Any]:
    return contract.needles(body.payload())


@router.post("/next-session", summary="When may the next session be?")
def next_session(request: HttpRequest, body: NextSessionIn) -> dict[str, Any]:
    return contract.next_session(body.payload())


@router.post("/ingredients", summary="Is this product safe to use yet?")
def ingredients(request: HttpRequest, body: IngredientsIn) -> dict[str, Any]:
    return contract.ingredients(body.payload())


@router.post("/aftercare", summary="The aftercare timeline after a session")
def aftercare(request: HttpRequest, body: AftercareIn) -> dict[str, Any]:
    return contract.aftercare(body.payload())


@router.post("/triage", summary="Is this reaction normal or a red flag?")
def triage(request: HttpRequest, body: TriageIn) -> dict[str, Any]:
    return contract.triage(body.payload())
