"""The REST API: one NinjaAPI object; each app contributes its own router."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse
from django.utils.datastructures import MultiValueDict
from ninja import NinjaAPI, Swagger
from ninja.errors import HttpError, Throttled, ValidationError
from ninja.parser import Parser
from ninja.security import HttpBearer, django_auth

from needlewise.accounts.services import user_for_token
from needlewise.accounts.throttle import Refused, client_message
from needlewise.rules.errors import InputError

log = logging.getLogger(__name__)


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


class NulInText(ValueError):
    """A NUL character in text: PostgreSQL cannot store one, and no field here needs it."""

    def __init__(self, loc: list[str | int]) -> None:
        super().__init__(loc)
        self.loc = loc


def _nul_at(value: object, path: list[str | int]) -> list[str | int] | None:
    if isinstance(value, str):
        return path if "\x00" in value else None
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, item in items:
        if isinstance(key, str) and "\x00" in key:
            return [*path, key]
        found = _nul_at(item, [*path, key])
        if found is not None:
            return found
    return None


class NotJson(ValueError):
    """A body sent as another media type where the operation takes JSON."""

    def __init__(self, content_type: str) -> None:
        super().__init__(content_type)
        self.content_type = content_type or "none"


def is_json(content_type: str) -> bool:
    return content_type == "application/json" or content_type.endswith("+json")


class TextParser(Parser):
    """Ninja's parser, refusing a NUL character anywhere in the input (on PostgreSQL it was a
    500 from whichever write met it first, on SQLite it was stored) and a JSON body sent as
    another media type: a text/plain body is what a form on another site can send without a
    CORS preflight, and it was parsed as JSON."""

    def parse_body(self, request: HttpRequest) -> Any:
        if not is_json(request.content_type or ""):
            raise NotJson(request.content_type or "")
        data = super().parse_body(request)
        where = _nul_at(data, [])
        if where is not None:
            raise NulInText(["body", *where])
        return data

    def parse_querydict(
        self, data: MultiValueDict, list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        source = "query" if data is request.GET else "form"
        for key, values in data.lists():
            if any(isinstance(v, str) and "\x00" in key + v for v in values):
                raise NulInText([source, key])
        return super().parse_querydict(data, list_fields, request)


_ERROR = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
_ERROR_SCHEMAS = {
    "Error": {
        "title": "Error",
        "type": "object",
        "properties": {
            "detail": {
                "anyOf": [
                    {"type": "string"},
                    {"type": "array", "items": {"$ref": "#/components/schemas/FieldError"}},
                ]
            }
        },
        "required": ["detail"],
    },
    "FieldError": {
        "title": "FieldError",
        "type": "object",
        "properties": {
            "type": {"type": "string"},
            "loc": {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
            "msg": {"type": "string"},
        },
        "required": ["type", "loc", "msg"],
    },
}


def document_errors(schema: dict[str, Any]) -> None:
    """Declare the error answers every operation shares (the handlers below give them all the
    same shape), so clients and the fuzzer know a 404 or a 422 is intended, not a surprise."""
    schema.setdefault("components", {}).setdefault("schemas", {}).update(_ERROR_SCHEMAS)
    for path_item in schema["paths"].values():
        for operation in path_item.values():
            params = operation.get("parameters", [])
            errors = {}
            body = operation.get("requestBody", {}).get("content", {})
            if body:
                errors[400] = "The request body is not valid JSON or form data"
                errors[413] = "The request body, its files or its form fields are too many"
            if any(is_json(media_type) for media_type in body):
                errors[415] = "The body is not sent as application/json"
            if operation.get("security"):
                errors[401] = "No valid personal token or session"
            if any(param["in"] == "path" for param in params):
                errors[404] = "No such object of yours"
            if params or "requestBody" in operation:
                errors[422] = "Invalid input; `loc` names the field"
            if operation.pop("x-rate-limited", False):
                errors[429] = "Too many requests for now; Retry-After says how many seconds to wait"
            for status, description in errors.items():
                operation["responses"].setdefault(status, {"description": description, **_ERROR})


def _size(limit: int) -> str:
    return f"{limit / 1024 / 1024:.1f} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"


def too_much_detail(exc: Exception) -> str:
    """What was too much, and the limit."""
    if isinstance(exc, TooManyFilesSent):
        most = settings.DATA_UPLOAD_MAX_NUMBER_FILES
        return f"Too many files: send at most {most} file{'' if most == 1 else 's'}"
    if isinstance(exc, TooManyFieldsSent):
        return f"Too many fields: send at most {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS} form fields"
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return f"The request body is larger than {_size(limit)}, the most this API reads"


class NeedlewiseAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        document_errors(schema)
        return schema


class NeedlewiseSwagger(Swagger):
    """Swagger UI in our page shell: a language and link targets a thumb can hit (WCAG 2.2)."""

    template = "api/swagger.html"


def build_api() -> NinjaAPI:
    from needlewise.accounts.api import router as accounts_router
    from needlewise.devices.api import router as devices_router
    from needlewise.library.api import router as library_router
    from needlewise.portability.api import router as portability_router
    from needlewise.portability.api import shared_router as shared_report_router
    from needlewise.products.api import router as products_router
    from needlewise.progress.api import router as progress_router
    from needlewise.recovery.api import router as recovery_router
    from needlewise.reminders.api import router as reminders_router
    from needlewise.rulebook.api import router as rules_router
    from needlewise.sharing.api import router as sharing_router
    from needlewise.suitability.api import router as suitability_router
    from needlewise.treatments.api import router as treatments_router

    api = NeedlewiseAPI(
        title="Needlewise API",
        version="1",
        description=(
            "Personal data endpoints need a session (browser, with CSRF) or a personal token "
            "(`Authorization: Bearer nw_…`). The rule endpoints store nothing and need no login."
        ),
        auth=[ApiTokenAuth(), django_auth],
        parser=TextParser(),
        urls_namespace="api",
        docs=NeedlewiseSwagger(),
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
    api.add_router("/sharing/", shared_report_router)
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

    @api.exception_handler(NulInText)
    def nul_in_text(request: HttpRequest, exc: NulInText) -> HttpResponse:
        msg = "contains a NUL character (\\u0000), which text here cannot hold"
        detail = [{"type": "value_error", "loc": exc.loc, "msg": msg}]
        return api.create_response(request, {"detail": detail}, status=422)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        """Ninja's answer, except for a body refused by TextParser: ninja reports any error
        while parsing a body as "Cannot parse request body", with the reason as its cause."""
        if isinstance(exc.__cause__, NulInText):
            return nul_in_text(request, exc.__cause__)
        if isinstance(exc.__cause__, NotJson):
            detail = f"Send the body as application/json (it came as {exc.__cause__.content_type})"
            return api.create_response(request, {"detail": detail}, status=415)
        if isinstance(exc, Throttled):  # ninja adds Retry-After
            detail = client_message(exc.wait or 1)
            return api.create_response(request, {"detail": detail}, status=429)
        return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)

    @api.exception_handler(Refused)
    def too_many(request: HttpRequest, exc: Refused) -> HttpResponse:
        """A limit an operation checks itself (invites per day): 429 with its words."""
        return exc.answer(api.create_response(request, {"detail": exc.message}, status=429))

    @api.exception_handler(RequestDataTooBig)
    @api.exception_handler(TooManyFilesSent)
    @api.exception_handler(TooManyFieldsSent)
    def too_much(request: HttpRequest, exc: Exception) -> HttpResponse:
        """Django's own limits (DATA_UPLOAD_*), in this API's error shape instead of Django's
        HTML "Bad Request" page. Raised while ninja reads the body, before any write."""
        return api.create_response(request, {"detail": too_much_detail(exc)}, status=413)

    @api.exception_handler(OverflowError)
    def out_of_range(request: HttpRequest, exc: OverflowError) -> HttpResponse:
        """A date near year 1 or 9999, or a huge number of days, that date arithmetic in the
        rule core or a service cannot follow: the input's fault, and nothing was written (they
        compute before they commit). Which field is not known here, so the message says what."""
        log.warning("out of range on %s %s: %s", request.method, request.path, exc)
        msg = "a date or a number of days is too far from today to work with"
        detail = [{"type": "value_error", "loc": ["body"], "msg": msg}]
        return api.create_response(request, {"detail": detail}, status=422)

    return api


api = build_api()
