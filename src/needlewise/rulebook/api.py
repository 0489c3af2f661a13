"""`/api/rules/*`: the rule core over HTTP. Stores nothing, so no login is needed.

The schemas document the shapes for OpenAPI; `rules.contract` does the real validation (codes,
ranges, dates) exactly as the CLI does, and its InputError becomes a 422 naming the field.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from pydantic import ConfigDict

from needlewise.rulebook.throttling import RATE_LIMITED, RulesThrottle
from needlewise.rules import contract
from needlewise.rules.errors import InputError
from needlewise.rules.inputs import MAX_ITEMS, MAX_NAME, MAX_TEXT
from needlewise.rules.vocab import AREAS, BLEEDING, CONCERNS, CONDITIONS, PROCEDURE_KINDS, SYMPTOMS

router = Router(tags=["rules"], auth=None, throttle=RulesThrottle())

# What `rules.contract` accepts, declared for clients (and the fuzzer) without a second check.
DATE = {"format": "date"}
DATE_TIME = {"format": "date-time"}
MM = {"minimum": 0, "maximum": 3}
SKIN_TYPE = {"minimum": 1, "maximum": 6}
REDNESS = {"minimum": 0, "maximum": 3}
PAIN = {"minimum": 0, "maximum": 10}


def one_of(codes: Collection[str]) -> dict[str, Any]:
    return {"enum": sorted(codes)}


def list_of(codes: Collection[str]) -> dict[str, Any]:
    return {"items": {"type": "string", "enum": sorted(codes)}, "maxItems": MAX_ITEMS}


LIST = {"maxItems": MAX_ITEMS}


class _In(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)

    def payload(self) -> dict[str, Any]:
        return self.model_dump(exclude_unset=True)


class Procedure(_In):
    kind: str = Field(
        description="peel, laser, filler or toxin", json_schema_extra=one_of(PROCEDURE_KINDS)
    )
    date: str = Field(description="ISO date, e.g. 2026-11-01", json_schema_extra=DATE)


class ScreenIn(_In):
    birth_date: str = Field(description="ISO date", json_schema_extra=DATE)
    skin_type: int | None = Field(
        None, description="Fitzpatrick type 1-6", json_schema_extra=SKIN_TYPE
    )
    conditions: list[str] = Field(
        description="condition codes, see /rules/", json_schema_extra=list_of(CONDITIONS)
    )
    areas: list[str] = Field([], json_schema_extra=list_of(AREAS))
    isotretinoin_last_dose: str | None = Field(None, json_schema_extra=DATE)
    recent_procedures: list[Procedure] = Field([], json_schema_extra=LIST)
    today: str | None = Field(
        None, description="ISO date; defaults to today (UTC)", json_schema_extra=DATE
    )


class NeedlesIn(_In):
    concern: str = Field(json_schema_extra=one_of(CONCERNS))
    area: str = Field(json_schema_extra=one_of(AREAS))
    device_lengths: list[float] | None = Field(None, json_schema_extra={"items": MM, **LIST})
    max_mm: float | None = Field(None, json_schema_extra=MM)
    skin_type: int | None = Field(None, json_schema_extra=SKIN_TYPE)
    first_session: bool = False


class PastSessionIn(_In):
    """Named apart from the plans' SessionIn: OpenAPI components are keyed by class name."""

    at: str = Field(description="ISO 8601 date-time", json_schema_extra=DATE_TIME)
    needle_mm: float = Field(json_schema_extra=MM)
    areas: list[str] = Field([], json_schema_extra=list_of(AREAS))


class CheckinIn(_In):
    at: str = Field(json_schema_extra=DATE_TIME)
    redness: int = Field(
        description="0 none, 1 mild, 2 moderate, 3 severe", json_schema_extra=REDNESS
    )
    pain: int = Field(0, json_schema_extra=PAIN)


class NextSessionIn(_In):
    sessions: list[PastSessionIn] = Field(json_schema_extra=LIST)
    checkins: list[CheckinIn] = Field([], json_schema_extra=LIST)
    min_interval_days: int | None = Field(None, json_schema_extra={"minimum": 0})
    area: str | None = Field(None, json_schema_extra=one_of(AREAS))


class IngredientsIn(_In):
    text: str = Field(
        description="the ingredient list as printed on the label",
        json_schema_extra={"maxLength": MAX_TEXT},
    )
    hours_since_session: float | None = Field(None, json_schema_extra={"minimum": 0})
    product_name: str | None = Field(None, json_schema_extra={"maxLength": MAX_NAME})
    as_glide: bool = Field(
        False, description="judge it as the glide used during needling (POLICY.md section 8)"
    )


class AftercareIn(_In):
    session_at: str = Field(json_schema_extra=DATE_TIME)
    needle_mm: float = Field(json_schema_extra=MM)


class TriageIn(_In):
    hours_since_session: float = Field(json_schema_extra={"minimum": 0})
    redness: int = Field(json_schema_extra=REDNESS)
    pain: int = Field(0, json_schema_extra=PAIN)
    bleeding: str = Field("none", json_schema_extra=one_of(BLEEDING))
    fever_c: float | None = Field(None, json_schema_extra={"minimum": 0})
    symptoms: list[str] = Field([], json_schema_extra=list_of(SYMPTOMS))
    previous_redness: int | None = Field(None, json_schema_extra=REDNESS)


@router.post(
    "/screen",
    response=dict[str, Any],
    summary="Is at-home microneedling suitable now?",
    openapi_extra=RATE_LIMITED,
)
def screen(request: HttpRequest, body: ScreenIn) -> dict[str, Any]:
    try:
        return contract.screen(body.payload())
    except InputError:
        raise
    except ValueError as exc:  # the 18th birthday of someone born near 9999 has no date
        raise InputError("birth_date", "is too far in the future") from exc


@router.post(
    "/needles",
    response=dict[str, Any],
    summary="Which needle length for a concern and area?",
    openapi_extra=RATE_LIMITED,
)
def needles(request: HttpRequest, body: NeedlesIn) -> dict[str, Any]:
    return contract.needles(body.payload())


@router.post(
    "/next-session",
    response=dict[str, Any],
    summary="When may the next session be?",
    openapi_extra=RATE_LIMITED,
)
def next_session(request: HttpRequest, body: NextSessionIn) -> dict[str, Any]:
    return contract.next_session(body.payload())


@router.post(
    "/ingredients",
    response=dict[str, Any],
    summary="Is this product safe to use yet?",
    openapi_extra=RATE_LIMITED,
)
def ingredients(request: HttpRequest, body: IngredientsIn) -> dict[str, Any]:
    return contract.ingredients(body.payload())


@router.post(
    "/aftercare",
    response=dict[str, Any],
    summary="The aftercare timeline after a session",
    openapi_extra=RATE_LIMITED,
)
def aftercare(request: HttpRequest, body: AftercareIn) -> dict[str, Any]:
    return contract.aftercare(body.payload())


@router.post(
    "/triage",
    response=dict[str, Any],
    summary="Is this reaction normal or a red flag?",
    openapi_extra=RATE_LIMITED,
)
def triage(request: HttpRequest, body: TriageIn) -> dict[str, Any]:
    return contract.triage(body.payload())
