"""The REST API: one NinjaAPI object; each app contributes its own router."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.security import HttpBearer, django_auth

from needlewise.accounts.services import user_for_token
from needlewise.rules.errors import InputError


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer nw_…` with a personal token made on the profile page."""

    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> object | None:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


def _path(field: str) -> list[str | int]:
    """`recent_procedures[1].date` -> ["recent_procedures", 1, "date"], as pydantic says it."""
    parts: list[str | int] = []
    for part in field.replace("]", "").replace("[", ".").split("."):
        if part:
            parts.append(int(part) if part.isdigit() else part)
    return parts


def build_api() -> NinjaAPI:
    from needlewise.accounts.api import router as accounts_router
    from needlewise.devices.api import router as devices_router
    from needlewise.library.api import router as library_router
    from needlewise.portability.api import router as portability_router
    from needlewise.products.api import router as products_router
    from needlewise.progress.api import router as progress_router
    from needlewise.recovery.api import router as recovery_router
    from needlewise.reminders.api import router as reminders_router
    from needlewise.rulebook.api import router as rules_router
    from needlewise.sharing.api import router as sharing_router
    from needlewise.suitability.api import router as suitability_router
    from needlewise.treatments.api import router as treatments_router

    api = NinjaAPI(
        title="Needlewise API",
        version="1",
        description=(
            "Personal data endpoints need a session (browser, with CSRF) or a personal token "
            "(`Authorization: Bearer nw_…`). The rule endpoints store nothing and need no login."
        ),
        auth=[ApiTokenAuth(), django_auth],
        urls_namespace="api",
    )
    api.add_router("/", accounts_router)
    api.add_router("/rules/", rules_router)
    api.add_router("/checks/", suitability_router)
    api.add_router("/devices/", devices_router)
    api.add_router("/reminders/", reminders_router)
    api.add_router("/products/", products_router)
    api.add_router("/recovery/", recovery_router)
    api.add_router("/progress/", progress_router)
    api.add_router("/library/", library_router)
    api.add_router("/sharing/", sharing_router)
    api.add_router("/export/", portability_router)
    api.add_router("/", treatments_router)

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        """422 with `loc` = ["body", field, ...], without the handler's parameter name."""
        detail = []
        for error in exc.errors:
            loc = list(error.get("loc", ()))
            if loc[:2] == ["body", "body"]:
                loc = loc[1:]
                loc[0] = "body"
            detail.append({"type": error.get("type"), "loc": loc, "msg": error.get("msg")})
        return api.create_response(request, {"detail": detail}, status=422)

    @api.exception_handler(InputError)
    def input_error(request: HttpRequest, exc: InputError) -> HttpResponse:
        """The rule core's field errors, in the shape of ninja's own validation errors."""
        loc = ["body", *_path(exc.field)]
        detail = [{"type": "value_error", "loc": loc, "msg": exc.message}]
        return api.create_response(request, {"detail": detail}, status=422)

    return api


api = build_api()
