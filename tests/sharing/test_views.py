"""Pages: wrong methods are 405, POSTs need CSRF, the dashboard puts red flags first, notes reach
the client, a clearance resumes plans, revoking ends access at once."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client

from needlewise.recovery.models import Escalation
from needlewise.sharing import services
from needlewise.sharing.models import Grant, ProfessionalNote, ProfessionalProfile
from needlewise.treatments.models import Plan
from tests.conftest import make_user
from tests.recovery.conftest import post_checkin
from tests.sharing.conftest import login, make_grant
from tests.treatments.conftest import NOW, do_session, ready


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/sharing/grants/{g}/revoke/"),
        ("get", "/sharing/clients/{g}/notes/"),
        ("get", "/sharing/clients/{g}/avoid/"),
        ("get", "/sharing/clients/{g}/clear/1/"),
        ("post", "/sharing/clients/{g}/"),
        ("post", "/sharing/clients/"),
        ("post", "/sharing/audit/"),
        ("put", "/sharing/"),
        ("delete", "/sharing/professional/"),
    ],
)
def test_wrong_methods_are_405(method, url, bob_client, grant_of):
    grant = grant_of("sessions_recovery")
    assert getattr(bob_client, method)(url.format(g=grant.pk)).status_code == 405


@pytest.mark.parametrize(
    ("who", "url", "data"),
    [
        ("alice", "/sharing/", {"email": "x@example.com", "scopes": ["products"], "days": "9"}),
        ("alice", "/sharing/grants/{g}/revoke/", {}),
        ("bob", "/sharing/clients/{g}/notes/", {"body": "hi"}),
        ("bob", "/sharing/clients/{g}/limits/", {"mm_cheeks": "0.25"}),
        ("bob", "/sharing/clients/{g}/avoid/", {"category": "retinoid"}),
        ("bob", "/sharing/professional/", {"profession": "Nurse"}),
    ],
)
def test_posts_need_the_csrf_token(who, url, data, alice, pro, grant_of):
    grant = grant_of("sessions_recovery")
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice if who == "alice" else pro)
    assert client.post(url.format(g=grant.pk), data).status_code == 403
    grant.refresh_from_db()
    assert grant.revoked_at is None and grant.limits_set_at is None
    assert not ProfessionalNote.objects.exists()


def test_revoking_ends_access_at_once(alice_client, bob_client, grant_of):
    grant = grant_of("products")
    assert bob_client.get(f"/sharing/clients/{grant.pk}/").status_code == 200
    assert alice_client.post(f"/sharing/grants/{grant.pk}/revoke/").status_code == 302
    assert bob_client.get(f"/sharing/clients/{grant.pk}/").status_code == 404
    assert alice_client.post(f"/sharing/grants/{grant.pk}/revoke/").status_code == 404
    assert "ended by you" in alice_client.get("/sharing/").content.decode()


def test_a_note_reaches_the_client(alice_client, bob_client, grant_of):
    grant = grant_of("products")
    response = bob_client.post(f"/sharing/clients/{grant.pk}/notes/", {"body": "Patch test first"})
    assert response.status_code == 302
    assert "Patch test first" in alice_client.get("/sharing/").content.decode()


def test_an_empty_note_is_a_400_and_nothing_written(bob_client, grant_of):
    grant = grant_of("products")
    response = bob_client.post(f"/sharing/clients/{grant.pk}/notes/", {"body": "  "})
    assert response.status_code == 400
    assert "Write the note." in response.content.decode()
    assert not ProfessionalNote.objects.exists()


def test_an_avoid_entry_needs_one_thing(bob_client, grant_of):
    grant = grant_of("sessions_recovery")
    response = bob_client.post(f"/sharing/clients/{grant.pk}/avoid/", {})
    assert response.status_code == 400
    assert "Choose a category or write one ingredient" in response.content.decode()


def test_the_professional_page_saves_and_shows_verification(bob):
    client = login(bob)
    assert client.post("/sharing/professional/", {"profession": ""}).status_code == 400
    assert not ProfessionalProfile.objects.exists()
    client.post("/sharing/professional/", {"profession": "Dermatologist"})
    profile = ProfessionalProfile.objects.get()
    profile.verified = True  # as a site admin does in the Django admin
    profile.save()
    assert "has checked and verified" in client.get("/sharing/professional/").content.decode()
    client.post(
        "/sharing/professional/", {"profession": "Dermatologist", "registration_number": "9"}
    )
    assert ProfessionalProfile.objects.get().verified is False  # new details, new check


def test_the_client_sees_who_the_professional_says_they_are(alice_client, grant_of):
    grant_of("products")
    html = alice_client.get("/sharing/").content.decode()
    assert "Dermatologist" in html and "GMC 1234567" in html and "not verified" in html


def test_the_dashboard_puts_open_red_flags_first_then_recent_sessions(pro, clock):
    calm, flagged, never = (make_user(f"{n}@example.com", n.title()) for n in ("cal", "fla", "nev"))
    for person in (calm, flagged):
        do_session(login(person), ready(person))
    make_grant(never, pro, ["sessions_recovery"])
    make_grant(calm, pro, ["sessions_recovery"])
    make_grant(flagged, pro, ["sessions_recovery"])
    post_checkin(login(flagged), 24, redness=1, symptoms=["pus"])
    assert Escalation.objects.filter(user=flagged, cleared_at__isnull=True).exists()
    rows = login(pro).get("/api/sharing/clients").json()
    assert [r["name"] for r in rows] == ["Fla", "Cal", "Nev"]
    assert [r["open_escalation"] for r in rows] == [True, False, False]


def test_a_clearance_by_the_professional_resumes_plans(alice, alice_client, bob_client, grant_of):
    plan = ready(alice)
    do_session(alice_client, plan)
    post_checkin(alice_client, 24, redness=1, symptoms=["pus"])
    escalation = Escalation.objects.get()
    assert Plan.objects.get().status == Plan.Status.PAUSED
    grant = grant_of("sessions_recovery")
    assert "Red flag open" in bob_client.get(f"/sharing/clients/{grant.pk}/").content.decode()
    with time_machine.travel(NOW + timedelta(days=2), tick=False):
        url = f"/sharing/clients/{grant.pk}/clear/{escalation.pk}/"
        assert bob_client.post(url, {"note": "Healing well"}).status_code == 302
    escalation.refresh_from_db()
    assert escalation.cleared_at is not None
    assert escalation.cleared_note == "Cleared by Bob (Dermatologist). Healing well"
    assert Plan.objects.get().status == Plan.Status.ACTIVE


def test_a_clearance_needs_the_recovery_scope(alice, alice_client, bob_client, grant_of):
    do_session(alice_client, ready(alice))
    post_checkin(alice_client, 24, redness=1, symptoms=["pus"])
    escalation = Escalation.objects.get()
    grant = grant_of("products")
    url = f"/sharing/clients/{grant.pk}/clear/{escalation.pk}/"
    assert bob_client.post(url, {}).status_code == 404
    assert Escalation.objects.get().cleared_at is None


def test_grant_for_and_clients_of(alice, carol, pro, grant_of, clock):
    from needlewise.sharing.queries import clients_of, grant_for

    grant = grant_of("products")
    assert grant_for(pro, alice, "products", NOW) == grant
    assert grant_for(pro, alice, "photos", NOW) is None
    assert grant_for(pro, carol, "products", NOW) is None
    assert grant_for(pro, alice, "products", grant.expires_at) is None
    assert [r.grant_id for r in clients_of(pro, NOW)] == [grant.pk]
    services.revoke(alice, grant.pk)
    assert clients_of(pro, NOW) == []
    assert Grant.objects.count() == 1
