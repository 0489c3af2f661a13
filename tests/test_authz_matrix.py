"""The authorisation matrix, generated: every route of the URLconf and every operation of the
OpenAPI description, with every method it accepts, requested as every actor of
`tests/authz_routes.py`, with the owner's object ids in the path. Each answer must be the one
declared there; a route nobody declared fails `test_every_route_is_declared` by name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver

from needlewise.accounts import services as accounts
from needlewise.api import api
from needlewise.library import costs
from needlewise.library.models import NewsPost
from needlewise.products import services as products
from needlewise.products.models import AvoidEntry
from needlewise.progress.models import Photo
from needlewise.recovery import services as recovery
from needlewise.recovery.models import CheckIn, Escalation
from needlewise.sharing import services as sharing
from needlewise.sharing.models import SCOPES
from needlewise.suitability.models import SuitabilityCheck
from needlewise.suitability.questions import STEP_SLUGS
from tests import authz_routes as declared
from tests.conftest import make_user
from tests.portability.conftest import fill
from tests.sharing.conftest import login, make_grant
from tests.treatments.conftest import NOW

AT = NOW + timedelta(days=2)  # every request is made at this moment
MADE_UP_TOKEN = "nw_" + "x" * 43  # the shape of a real token, matching none
CELL_FLOOR = 4200  # the matrix may only grow; see docs/security.md


# --- Walking the routes -------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    """One request target: a URL name (or the URL itself when it has none, or when another
    URL took the name first) or an OpenAPI path, and the pieces its URL is made of."""

    key: str
    pieces: tuple[object, ...]  # URLPattern/URLResolver patterns, outermost first
    is_api: bool
    methods: tuple[str, ...]

    @property
    def template(self) -> str:
        return "/" + "".join(str(piece) for piece in self.pieces)


def _walk(resolver: URLResolver, pieces: tuple = (), namespace: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry, (*pieces, entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield (*pieces, entry.pattern), f"{namespace}{entry.name}" if entry.name else ""


def _openapi_path(pieces: tuple) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", "".join(str(p) for p in pieces))


def api_operations() -> dict[str, tuple[str, ...]]:
    """OpenAPI path -> its methods, from the API's own description."""
    paths = api.get_openapi_schema()["paths"]
    return {path: tuple(method.upper() for method in ops) for path, ops in paths.items()}


def all_routes() -> list[Route]:
    """Every page of the URLconf (GET and POST each) and every OpenAPI operation."""
    operations = api_operations()
    routes: dict[str, Route] = {}
    for pieces, name in _walk(get_resolver()):
        path = _openapi_path(pieces)
        if path in operations:
            key, is_api, methods = path, True, operations[path]
        else:
            key, is_api, methods = name or path, False, declared.PAGE_METHODS
        route = Route(key, pieces, is_api, methods)
        if key in routes and routes[key].template != route.template:
            route = Route(route.template, pieces, is_api, methods)  # a name used twice
        routes.setdefault(route.key, route)
    return list(routes.values())


ROUTES = all_routes()


# --- The world: one owner with some of everything, and the actors -------------------------------


@dataclass
class World:
    clients: dict[str, Client]
    tokens: dict[str, str]
    ids: dict[str, object]
    grants: dict[str, int]


def _pro(name: str):
    user = make_user(f"{name}@example.com", name.title())
    sharing.save_professional(user, "Dermatologist", "GMC 1234567")
    return user


def _build() -> World:
    owner = make_user("zebulon@example.com", "Zebulon")  # fill() names the owner after the address
    other = make_user("other@example.com", "Other")
    session = fill(owner)
    fill(other)
    users = {"owner": owner, "other": other}
    grants = {}
    for index, scope in enumerate(SCOPES):  # a day apart: a per-day invite limit refuses none
        with time_machine.travel(AT - timedelta(days=index + 1), tick=False):
            users[f"pro_{scope}"] = _pro(f"pro-{scope}")
            grants[f"pro_{scope}"] = make_grant(owner, users[f"pro_{scope}"], [scope]).pk
    users["revoked"] = _pro("revoked")
    grants["revoked"] = make_grant(owner, users["revoked"], list(SCOPES)).pk
    assert sharing.revoke(owner, grants["revoked"])
    users["expired"] = _pro("expired")
    with time_machine.travel(AT - timedelta(days=100), tick=False):
        grants["expired"] = make_grant(owner, users["expired"], list(SCOPES), days=90).pk
    users["pro_elsewhere"] = _pro("pro-elsewhere")  # all scopes, but from the other person
    make_grant(other, users["pro_elsewhere"], list(SCOPES))
    token, raw = accounts.create_token(owner, "matrix")
    with time_machine.travel(NOW + timedelta(hours=30), tick=False):
        recovery.record_checkin(owner, {"redness": 1, "notes": declared.MARKERS["checkin"][0]})
    ids = {
        "device_id": session.plan.device_id,
        "plan_id": session.plan_id,
        "key": session.key,
        "check_id": SuitabilityCheck.objects.filter(user=owner).latest("pk").pk,
        "checkin_id": CheckIn.objects.filter(user=owner).latest("pk").pk,
        "escalation_id": Escalation.objects.filter(user=owner).latest("pk").pk,
        "product_id": products.add_product(owner, name=declared.MARKERS["product"][0]).pk,
        "entry_id": AvoidEntry.objects.get(user=owner).pk,
        "cost_entry_id": costs.add_entry(
            owner,
            on=date(2026, 11, 1),
            kind="device",
            amount=Decimal("30.00"),
            description=declared.MARKERS["cost"][0],
        ).pk,
        "photo_id": Photo.objects.get(user=owner).pk,
        "token_id": token.pk,
        "invite_id": sharing.invite(owner, "someone@example.com", ["products"], 30).pk,
        "news": NewsPost.objects.create(title="Hello", slug="hello", body="Hi", published_at=NOW),
        "step_slug": STEP_SLUGS[0],
        "guide_slug": "is-it-for-me",
        "news_slug": "hello",
        "day": 21,
    }
    clients = {actor: login(user) for actor, user in users.items()}
    return World(clients, {"owner_token": raw, "fake_token": MADE_UP_TOKEN}, ids, grants)


_PLAIN_STATIC = {  # as tests/conftest.py's _plain_static_storage, for the whole module
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module inside a transaction rolled back at its end; each request
    below runs in a savepoint rolled back after it, so every cell sees the same world."""
    data_dir = tmp_path_factory.mktemp("matrix")
    with (
        django_db_blocker.unblock(),
        override_settings(DATA_DIR=data_dir, STORAGES=_PLAIN_STATIC),
        time_machine.travel(AT, tick=False),
        transaction.atomic(),
    ):
        yield _build()
        transaction.set_rollback(True)


# --- Filling a URL and making one request -------------------------------------------------------


def _value(route: Route, name: str, actor: str, world: World) -> str:
    rule = declared.rule_for(route.key, route.template) or declared.public()
    source = rule.ids.get(name, name)
    if source == "grant_id":
        return str(world.grants.get(actor, world.grants[f"pro_{SCOPES[0]}"]))
    if source in declared.MADE_UP:
        return declared.MADE_UP[source]
    if source not in world.ids:
        raise LookupError(f"{route.key}: no value for <{name}>; name one in its `ids=`")
    value = world.ids[source]
    return str(getattr(value, "pk", value))


def url_for(route: Route, actor: str, world: World) -> str:
    """The route's URL with the owner's objects in it (the actor's own grant for grant ids)."""
    parts = []
    for piece in route.pieces:
        text = str(piece)
        if hasattr(piece, "converters"):  # a path() route: <conv:name>
            text = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: _value(route, m[1], actor, world), text)
        else:  # a regex (the admin's): each named group filled, anchors dropped
            text = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: _value(route, m[1], actor, world), text)
            text = text.lstrip("^").rstrip("$")
        parts.append(text)
    url = "/" + "".join(parts)
    return re.sub(r"\{(\w+)\}", lambda m: _value(route, m[1], actor, world), url)


def _filled(value, route: Route, actor: str, world: World):
    """A form or body with each `"{name}"` string replaced by the world's value for it."""
    if isinstance(value, dict):
        return {k: _filled(v, route, actor, world) for k, v in value.items()}
    if isinstance(value, list):
        return [_filled(v, route, actor, world) for v in value]
    if isinstance(value, str) and re.fullmatch(r"\{\w+\}", value):
        return _value(route, value[1:-1], actor, world)
    return value


def outcome(response) -> int | str:
    """The status, with a redirect to a log-in page said as `login`."""
    if response.status_code == 302:
        where = urlsplit(response["Location"]).path
        if where in (resolve_url(settings.LOGIN_URL), "/admin/login/"):
            return declared.LOGIN
    return response.status_code


def request(route: Route, method: str, actor: str, world: World) -> tuple[int | str, str]:
    """One cell, in a savepoint rolled back after it, with a fresh client holding the actor's
    session cookie (a log-out must not sign the actor out for the next cell)."""
    client = Client(raise_request_exception=True)
    headers = {}
    if actor in world.clients:
        client.cookies = world.clients[actor].cookies.__class__(world.clients[actor].cookies)
    if actor in world.tokens:
        headers["Authorization"] = f"Bearer {world.tokens[actor]}"
    url = url_for(route, actor, world)
    rule = declared.rule_for(route.key, route.template) or declared.public()
    call = getattr(client, method.lower())
    try:
        with transaction.atomic():
            if route.is_api:
                body = rule.body.get(method, {}) if method != "GET" else None
                body = _filled(body, route, actor, world)
                response = call(url, body, content_type="application/json", headers=headers)
            else:
                data = _filled(rule.data, route, actor, world) if method == "POST" else {}
                response = call(url, data, headers=headers)
            transaction.set_rollback(True)
    except Exception as error:  # a 500 in production
        return f"500 {type(error).__name__}: {error}"[:300], ""
    finally:
        if method != "GET":  # a rolled-back write may have left counters or cached reads
            cache.clear()
    return outcome(response), _text(response)


def _text(response) -> str:
    """What a reader of the answer sees, lower-cased; nothing for files streamed out."""
    if response.streaming or not response.get("Content-Type", "").startswith(
        ("text/", "application/json", "image/svg")
    ):
        return ""
    return response.content.decode(errors="replace").lower()


# --- The tests ----------------------------------------------------------------------------------


def test_every_route_is_declared():
    """A new route fails here by name until tests/authz_routes.py says who gets what."""
    missing = [r.key for r in ROUTES if declared.rule_for(r.key, r.template) is None]
    assert not missing, "Declare in tests/authz_routes.py ROUTES who gets what: " + ", ".join(
        missing
    )


def test_no_declaration_names_a_route_that_is_gone():
    keys = {r.key for r in ROUTES}
    stale = sorted(set(declared.ROUTES) - keys)
    assert not stale, f"tests/authz_routes.py declares routes that no longer exist: {stale}"


def test_api_methods_are_the_declared_ones():
    """An operation added on an existing API path needs its own expected answer."""
    wrong = []
    for route in ROUTES:
        rule = declared.rule_for(route.key, route.template)
        if route.is_api and rule is not None and set(rule.codes) != set(route.methods):
            wrong.append(f"{route.key}: OpenAPI {route.methods}, declared {tuple(rule.codes)}")
    assert not wrong, "\n".join(wrong)


def count_cells() -> int:
    """Routes x methods x actors asked, as `test_each_actor_gets_what_the_route_declares` asks."""
    total = 0
    for route in ROUTES:
        rule = declared.rule_for(route.key, route.template)
        total += len(route.methods) * len(declared.actors_of(rule)) if rule else 0
    return total


def test_the_matrix_has_at_least_its_floor_of_cells(record_testsuite_property):
    """The count goes to the JUnit report (`--junitxml`) as `authz_cells`."""
    cells = count_cells()
    record_testsuite_property("authz_routes", len(ROUTES))
    record_testsuite_property("authz_cells", cells)
    assert cells >= CELL_FLOOR, f"{cells} cells in {len(ROUTES)} routes, fewer than {CELL_FLOOR}"


@pytest.mark.parametrize("route", ROUTES, ids=[r.key for r in ROUTES])
def test_each_actor_gets_what_the_route_declares(route, world, db):
    rule = declared.rule_for(route.key, route.template)
    if rule is None:
        pytest.fail(f"{route.key} is not declared in tests/authz_routes.py")
    wrong = []
    for method in route.methods:
        for actor in declared.actors_of(rule):
            got, text = request(route, method, actor, world)
            expected = declared.expected(rule, method, actor, route.is_api)
            if got not in expected:
                wrong.append(f"{method} {url_for(route, actor, world)} as {actor}: "
                             f"got {got}, declared {sorted(map(str, expected))}")  # fmt: skip
            elif (
                isinstance(got, int)
                and got < 300
                and declared.holds_record(route.template)
                and not declared.entitled(rule, actor, route.is_api)
            ):
                wrong.append(f"{method} {route.key} as {actor}: {got} on a record not theirs")
            for marker in declared.leaked(text, actor):
                wrong.append(f"{method} {route.key} as {actor}: shows the owner's {marker}")
    assert not wrong, "\n".join(wrong)


SEEN = [  # (actor, route, marker): without these the leak check could pass by seeing nothing
    ("owner", "products:shelf", "product"),
    ("owner", "library:cost", "cost"),
    ("owner_token", "/api/recovery/checkins/{checkin_id}", "checkin"),
    ("owner_token", "/api/products/", "product"),
    ("pro_profile_checks", "sharing:client", "name"),
    ("pro_products", "sharing:client", "product"),
]


@pytest.mark.parametrize(("actor", "key", "marker"), SEEN)
def test_the_owner_markers_are_there_for_their_readers(actor, key, marker, world, db):
    route = next(r for r in ROUTES if r.key == key)
    got, text = request(route, "GET", actor, world)
    assert got == 200
    assert declared.MARKERS[marker][0] in text


def test_an_undeclared_route_is_named():
    assert declared.rule_for("new:page", "/new/page/") is None
    assert declared.rule_for("admin:anything", "/admin/anything/") is not None


def test_a_late_check_in_on_someone_elses_session_reads_as_a_made_up_key(world, db):
    """The late check-in names its session in the body, so the matrix sees a 422 for everyone:
    the stranger's must not tell the owner's key from one that does not exist."""

    def answer(key: str) -> tuple[int, str]:
        body = {**declared.LATE, "session": key}
        with transaction.atomic():
            response = world.clients["other"].post(
                "/api/recovery/late-checkins", body, content_type="application/json"
            )
            transaction.set_rollback(True)
        return response.status_code, response.content.decode()

    assert answer(str(world.ids["key"])) == answer("00000000-0000-4000-8000-000000000000")
