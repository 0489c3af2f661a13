"""The REST API: one NinjaAPI object; each app contributes its own router."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.security import HttpBearer, django_auth

from needlewise.accounts.services import user_for_token


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer nw_…` with a personal token made on the profile page."""

    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> object | None:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


def build_api() -> NinjaAPI:
    from needlewise.accounts.api import router as accounts_router
    from needlewise.rulebook.api import router as rules_router

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
    return api


api = build_api()
