"""Pages read a person's records once and recall them until the records change.

What a person must never see is a page older than their own last change, or a professional's
limit that outlived its grant. These tests change records by every route a change can take
(the person's own form and API call, a professional's action, a service call outside any
request) and check that the very next view shows it, and that views in between read nothing
again."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from needlewise.accounts.models import User
from needlewise.accounts.services import create_token
from needlewise.recovery import services as recovery
from needlewise.sharing import services as sharing
from needlewise.sharing.models import Scope
from needlewise.treatments.models import SessionArea
from tests.sharing.conftest import login, make_grant
from tests.treatments.conftest import NOW, do_session, ready


def revision(user: User) -> int:
    return User.objects.values_list("data_revision", flat=True).get(pk=user.pk)


def queries_for(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response.content.decode()


@pytest.fixture
def cast(alice, bob, clock):
    """Alice with a plan and one finished session; Bob her professional, with a grant."""
    plan = ready(alice)
    client = login(alice)
    do_session(client, plan)
    sharing.save_professional(bob, "Dermatologist", "GMC 1234567")
    grant = make_grant(alice, bob, [Scope.SESSIONS_RECOVERY, Scope.PRODUCTS], days=30)
    return plan, client, grant


@pytest.mark.parametrize("url", ["/", "/plans/{plan}/", "/recovery/", "/products/"])
def test_a_second_view_reads_only_the_session_and_the_user(cast, url):
    plan, client, _ = cast
    url = url.format(plan=plan.pk)
    client.get(url)  # the first view after a change reads the records
    first, _ = queries_for(client, "/accounts/password/")  # the bare page, for scale
    again, _ = queries_for(client, url)
    # Today also remembers the tip it shows (one read, one write); the plan page reads the plan.
    assert again <= first + {"/": 2, "/recovery/": 0, "/products/": 0}.get(url, 1)


def test_reading_pages_leaves_the_revision_alone(cast, alice):
    _, client, _ = cast
    before = revision(alice)
    for url in ("/", "/recovery/", "/products/", "/sharing/"):
        assert client.get(url).status_code == 200
    assert revision(alice) == before


def test_a_check_in_through_the_api_shows_on_the_next_view_of_today(cast, alice, bob):
    _, client, _ = cast
    assert "Your plans are paused" not in client.get("/").content.decode()
    _, token = create_token(alice, "phone")
    before, bobs = revision(alice), revision(bob)
    response = client.post(
        "/api/recovery/checkins",
        json.dumps({"redness": 1, "symptoms": ["pus"]}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code in (200, 201), response.content
    assert revision(alice) > before and revision(bob) == bobs  # only the writer's moves
    assert "Your plans are paused" in client.get("/").content.decode()
    assert "Your plans are paused" in client.get("/recovery/").content.decode()


def test_a_professionals_limit_shows_on_the_clients_plan_page_at_once(cast, alice):
    plan, client, grant = cast
    assert "Limits from your professional" not in client.get(f"/plans/{plan.pk}/").content.decode()
    sharing.set_limits(grant, {"cheeks": "0.25"}, 28)  # Bob's action, outside Alice's requests
    html = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "Limits from your professional" in html and "At least 28 days" in html


def test_limits_leave_the_page_when_their_grant_expires(cast, clock):
    plan, client, grant = cast
    sharing.set_limits(grant, {}, 28)
    assert "At least 28 days" in client.get(f"/plans/{plan.pk}/").content.decode()
    clock.move_to(grant.expires_at + timedelta(seconds=1))  # no write: only time passes
    assert "At least 28 days" not in client.get(f"/plans/{plan.pk}/").content.decode()


def test_a_row_saved_outside_any_request_moves_its_owners_revision(cast, alice):
    """Rows without a user of their own find it through their parent."""
    area = SessionArea.objects.filter(session__user=alice).first()
    before = revision(alice)
    area.notes = "a little sore"
    area.save()
    assert revision(alice) == before + 1


def test_the_dashboard_shows_a_clients_new_red_flag_on_the_next_view(cast, alice, bob):
    pro = login(bob)
    assert "Red flag open" not in pro.get("/sharing/clients/").content.decode()
    recovery.record_checkin(alice, {"redness": 1, "symptoms": ["pus"]})
    assert "Red flag open" in pro.get("/sharing/clients/").content.decode()


def test_the_cache_never_mixes_people(cast, carol):
    """Carol's Today, right after Alice's, links her own plan and not Alice's."""
    plan, client, _ = cast
    assert f"/plans/{plan.pk}/" in client.get("/").content.decode()
    carols = ready(carol)  # made at the same moment: same revision number as Alice had
    html = login(carol).get("/").content.decode()
    assert f"/plans/{carols.pk}/" in html and f"/plans/{plan.pk}/" not in html


def test_a_cached_entry_lapses_after_ten_minutes_at_most(cast, clock):
    """The bound for a change the revision cannot see (the device catalogue reloaded)."""
    _, client, _ = cast
    client.get("/")
    warm, _ = queries_for(client, "/")
    clock.move_to(NOW + timedelta(minutes=11))
    cold, _ = queries_for(client, "/")
    assert cold > warm


def test_a_new_account_with_an_old_id_never_meets_the_old_ones_entries(cast, alice, carol):
    """A wiped and refilled database starts ids and revisions again; Redis may not have."""
    from needlewise.person_cache import key_for

    carol.pk, carol.data_revision = alice.pk, alice.data_revision
    assert key_for(carol, "today") != key_for(alice, "today")


@pytest.mark.parametrize("raw", ["-1", "ten", "86401"])
def test_a_bad_cache_setting_stops_the_app_with_its_name(raw, tmp_path):
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "NEEDLEWISE_DATA_DIR": str(tmp_path),
        "NEEDLEWISE_PERSON_CACHE_SECONDS": raw,
    }
    done = subprocess.run(
        [sys.executable, "-m", "needlewise", "check"], env=env, capture_output=True, text=True,
        timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode != 0 and "NEEDLEWISE_PERSON_CACHE_SECONDS" in done.stderr
