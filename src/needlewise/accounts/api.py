"""Account endpoints (owner-scoped: the acting user only ever sees themself)."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Router, Schema

from needlewise.accounts.services import profile_for

router = Router(tags=["account"])


class MeOut(Schema):
    email: str
    display_name: str
    time_zone: str
    birth_date: date | None
    skin_type: int | None
    units: str
    currency: str


@router.get("/me", response=MeOut, summary="The signed-in person's profile")
def me(request: HttpRequest) -> MeOut:
    profile = profile_for(request.auth)  # type: ignore[attr-defined]
    return MeOut(
        email=profile.user.email,
        display_name=profile.display_name,
        time_zone=profile.time_zone,
        birth_date=profile.birth_date,
        skin_type=profile.skin_type,
        units=profile.units,
        currency=profile.currency,
    )
