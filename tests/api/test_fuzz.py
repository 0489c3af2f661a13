"""Fuzz the whole API with schemathesis, in process, as a person with months of data.

Every operation in /api/openapi.json gets a bounded, derandomised run of generated requests
(valid and invalid ones): no answer may be a 5xx, and every answer must be a declared status
with the declared content type and shape. Ids mostly name the person's real objects, so the
handlers behind the 404 are fuzzed too.

Nothing is left out: deleting the account is a page, not an operation; uploads get generated
images; each operation's writes are rolled back before the next one. A failure names the
operation (`test_api[POST /api/plans]`) and prints a curl command to replay it."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import timedelta
from uuid import UUID

import pytest
import schemathesis
import time_machine
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import override_settings
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from PIL import Image

from needlewise.accounts.services import create_token
from needlewise.demo_data import fill
from needlewise.devices import services as devices
from needlewise.products import services as products
from needlewise.progress import services as progress
from needlewise.recovery import services as recovery
from needlewise.sharing import services as sharing
from needlewise.sharing.models import SCOPES
from needlewise.treatments.models import TreatmentSession
from tests.conftest import make_user

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 11,
        "generation": {"max-examples": 20, "deterministic": True, "database": "none"},
        "checks": {
            "enabled": False,
            "not_a_server_error": {"enabled": True},
            "status_code_conformance": {"enabled": True},
            "content_type_conformance": {"enabled": True},
            "response_schema_conformance": {"enabled": True},
        },
        # The exports take no input and build a whole archive: a few runs say all there is.
        "operations": [{"include-path-regex": "^/api/export/", "generation": {"max-examples": 3}}],
    }
)
FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"
# Loaded once per process through Django's own WSGI handler: no server, no network.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", WSGIHandler(), config=CONFIG)


def _jpeg() -> tuple[io.BytesIO, int]:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 90), (200, 120, 110)).save(buffer, "JPEG")
    size = buffer.tell()
    buffer.seek(0)
    return buffer, size


def _grant(client, professional):  # type: ignore[no-untyped-def]
    sharing.save_professional(professional, "Dermatologist")
    invite = sharing.invite(client, professional.email, list(SCOPES), 90)
    return sharing.accept(sharing.invite_token(invite), professional)


def _build_world() -> dict[str, object]:
    """Alice with a month-old history (so a session is allowed now), a closed escalation, a
    photo, an avoid entry, a grant to bob and one from carol; her token and her objects' ids."""
    alice, bob, carol = (
        make_user(f"{n}@example.com", n.title()) for n in ("alice", "bob", "carol")
    )
    fill(alice, now=timezone.now() - timedelta(days=30))
    fill(carol)
    session = TreatmentSession.objects.filter(user=alice, status="done").latest("done_at")
    device = session.plan.device
    devices.record_sterilisation(device)
    # A red flag soon after her last session, cleared, then calm skin: a session may start now.
    with time_machine.travel(session.done_at + timedelta(hours=6)):
        checkin = recovery.record_checkin(alice, {"redness": 3, "pain": 8, "symptoms": ["pus"]})
        escalation = alice.escalations.get()
        recovery.clear_escalation(alice, escalation.pk, "seen")
    with time_machine.travel(session.done_at + timedelta(hours=30)):
        recovery.record_checkin(alice, {"redness": 0, "pain": 0})
    image, size = _jpeg()
    photo = progress.add_photo(alice, image, size=size, area="cheeks", taken_on=session.done_at)
    avoid = products.add_avoid(alice, category="retinoid")
    _, token = create_token(alice, "fuzz")
    return {
        "token": token,
        "check_id": alice.suitability_checks.latest("created_at").pk,
        "device_id": device.pk,
        "plan_id": session.plan_id,
        "key": str(session.key),
        "session_key": str(session.key),
        "catalogue_id": device.catalogue_id,
        "product_id": alice.products.first().pk,
        "entry_id": avoid.pk,
        "checkin_id": checkin.pk,
        "escalation_id": escalation.pk,
        "photo_id": photo.pk,
        "given_grant_id": _grant(alice, bob).pk,
        "held_grant_id": _grant(carol, alice).pk,
    }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[dict[str, object]]:
    """Built once per module (users and months of history take seconds), like Django's
    setUpTestData: inside a transaction rolled back at the end, while each test's own `db`
    transaction (a savepoint) undoes what that operation's examples wrote.

    The WSGI handler would close the connection at the start and end of every request, which
    ends a test transaction; Django's test client disconnects that signal too."""
    data_dir = tmp_path_factory.mktemp("fuzz")
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    with django_db_blocker.unblock(), override_settings(DATA_DIR=data_dir):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with override_settings(PASSWORD_HASHERS=[FAST_HASHER]):  # argon2: ~1 s a user
                built = _build_world()
            yield built
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            # As at the end of a request: the files of photos whose rows were rolled back go.
            progress.remove_uncommitted_photos()
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)


def _well_formed(name: str, value: object) -> bool:
    if name in ("key", "session_key"):
        try:
            UUID(str(value))
        except ValueError:
            return False
        return True
    return isinstance(value, int) and not isinstance(value, bool)


def _address_real_objects(case: schemathesis.Case, world: dict[str, object], use: bool) -> None:
    """Point well-formed ids at alice's objects; the fuzzer's own are all 404s or 422s."""
    if not use:
        return
    for name, value in (case.path_parameters or {}).items():
        real = name
        if name == "grant_id":
            held = case.path.startswith("/api/sharing/clients/")
            real = "held_grant_id" if held else "given_grant_id"
        if real in world and _well_formed(name, value):
            case.path_parameters[name] = world[real]
    body = case.body if isinstance(case.body, dict) else {}
    for name, value in body.items():
        if name in ("device_id", "catalogue_id", "session_key") and _well_formed(name, value):
            body[name] = world[name]


@schema.given(use_real_ids=st.booleans())
@schema.parametrize()
@settings(
    deadline=None,
    # The fixture is shared by an operation's examples on purpose: they add to one history.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api(
    case: schemathesis.Case, use_real_ids: bool, world: dict[str, object], db: None
) -> None:
    _address_real_objects(case, world, use_real_ids)
    case.call_and_validate(headers={"Authorization": f"Bearer {world['token']}"})
