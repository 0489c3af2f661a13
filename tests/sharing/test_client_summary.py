"""The professional's client page reads as a clinical summary: the latest check, red flags with
their signs (open and cleared), a recovery chart with its words, photos, the professional's own
limits, and what changed since their last visit; a part not shared says so and shows nothing."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from needlewise.recovery import services as recovery
from needlewise.sharing import services
from needlewise.sharing.models import Grant
from needlewise.sharing.timeline import SHARED_PHOTOS
from tests.portability.conftest import add_photo, fill
from tests.sharing.conftest import make_grant
from tests.treatments.conftest import NOW

ALL = ["profile_checks", "sessions_recovery", "products", "photos"]


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html.split("<main", 1)[1]).split())


def _page(bob_client, grant) -> str:
    response = bob_client.get(f"/sharing/clients/{grant.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def _changes(html: str) -> str:
    part = html.split('data-testid="changes"', 1)[1].split("</section>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", part).split())


def test_the_summary_shows_each_part_in_words(alice, pro, bob_client, clock):
    fill(alice)
    clock.move_to(NOW + timedelta(days=2))
    grant = make_grant(alice, pro, ALL)
    services.set_limits(grant, {"cheeks": "0.25"}, 7)
    html = _page(bob_client, grant)
    text = _text(html)
    assert "Latest check Mon 23 Nov: Go" in text
    assert "Red flags" in text and "Open" in text and "Pus" in text  # the open flag's signs
    assert 'data-testid="recovery-chart"' in html and "<svg" in html
    assert "2 check-ins from" in text and "Redness went from 2 to 1 of 3" in text
    assert "Cheeks: needle up to 0.25 mm" in text and "At least 7 days between sessions" in text
    assert "thumb.jpg" in html
    assert "This is your first visit" in text
    assert 'data-testid="not-shared"' not in html


def test_a_cleared_red_flag_keeps_its_signs(alice, pro, bob_client, clock):
    fill(alice)
    clock.move_to(NOW + timedelta(days=2))
    grant = make_grant(alice, pro, ["sessions_recovery"])
    escalation = alice.escalations.get()
    services.clear(grant, escalation.pk, "Seen in clinic")
    text = _text(_page(bob_client, grant))
    assert "Cleared" in text and "Pus" in text and "Seen in clinic" in text
    assert "Red flag open since" not in text


@pytest.mark.parametrize("scope", ALL)
def test_a_part_not_shared_says_so_and_shows_nothing_of_it(alice, pro, bob_client, clock, scope):
    fill(alice)
    clock.move_to(NOW + timedelta(days=2))
    grant = make_grant(alice, pro, [s for s in ALL if s != scope])
    html = _page(bob_client, grant)
    text = _text(html)
    assert html.count('data-testid="not-shared"') == 1
    hidden = {
        "profile_checks": ["Latest check", "Skin type"],
        "sessions_recovery": ["Red flag", "recovery-chart", "Check-ins", "needle up to"],
        "products": ["Night serum", "Avoid list"],
        "photos": ["thumb.jpg", "shared-photos"],
    }[scope]
    assert [w for w in hidden if w in html] == []
    assert "Not shared with you" in text


def test_what_changed_lists_only_what_is_new_since_the_last_visit(alice, pro, bob_client, clock):
    fill(alice)
    clock.move_to(NOW + timedelta(days=2))
    grant = make_grant(alice, pro, ALL)
    assert "first visit" in _changes(_page(bob_client, grant))
    clock.move_to(NOW + timedelta(days=3))
    assert "Nothing new" in _changes(_page(bob_client, grant))
    clock.move_to(NOW + timedelta(days=4))
    recovery.record_checkin(alice, {"redness": 0, "pain": 0})
    add_photo(alice)
    clock.move_to(NOW + timedelta(days=5))
    changed = _changes(_page(bob_client, grant))
    assert "Recovery check-ins" in changed and "Photos" in changed
    assert "Sessions" not in changed and "Products added" not in changed
    # Opened again within the same visit, the list stays; at the next visit it is empty.
    clock.move_to(NOW + timedelta(days=5, minutes=20))
    assert "Recovery check-ins" in _changes(_page(bob_client, grant))
    clock.move_to(NOW + timedelta(days=6))
    assert "Nothing new" in _changes(_page(bob_client, grant))
    grant.refresh_from_db()
    assert grant.last_viewed_at is not None and grant.changes_since is not None


def test_what_changed_never_lists_a_part_not_shared(alice, pro, bob_client, clock):
    fill(alice)
    clock.move_to(NOW + timedelta(days=2))
    grant = make_grant(alice, pro, ["products"])
    _page(bob_client, grant)
    clock.move_to(NOW + timedelta(days=4))
    recovery.record_checkin(alice, {"redness": 3, "pain": 8, "symptoms": ["pus"]})
    add_photo(alice)
    clock.move_to(NOW + timedelta(days=5))
    changed = _changes(_page(bob_client, grant))
    assert "Nothing new" in changed
    assert "check-in" not in changed and "Photos" not in changed and "Red flag" not in changed


def test_the_api_timeline_does_not_count_as_a_visit(alice, pro, bob_client, clock):
    fill(alice)
    grant = make_grant(alice, pro, ALL)
    assert bob_client.get(f"/api/sharing/clients/{grant.pk}").status_code == 200
    assert Grant.objects.get(pk=grant.pk).last_viewed_at is None


def _history(alice, first: int, days: int, photos: bool) -> None:
    """A red-flag check-in a day (each flag cleared), and a photo a day when `photos`."""
    for day in range(first, first + days):
        with time_machine.travel(NOW + timedelta(days=day), tick=False):
            recovery.record_checkin(alice, {"redness": 3, "pain": 8, "symptoms": ["pus"]})
            escalation = alice.escalations.filter(cleared_at__isnull=True).first()
            if escalation is not None:
                recovery.clear_escalation(alice, escalation.pk, "seen")
            if photos:
                add_photo(alice)


def _count(bob_client, grant) -> int:
    with CaptureQueriesContext(connection) as queries:
        _page(bob_client, grant)
    return len(queries)


def test_red_flags_and_check_ins_cost_no_query_each(
    alice, pro, bob_client, clock, django_assert_max_num_queries
):
    fill(alice)
    grant = make_grant(alice, pro, ALL)
    clock.move_to(NOW + timedelta(days=2))
    _page(bob_client, grant)  # the first request may refresh the session
    _history(alice, 3, 1, photos=False)  # each count is of the first view after a change
    clock.move_to(NOW + timedelta(days=4))
    short = _count(bob_client, grant)
    _history(alice, 4, 6, photos=False)
    clock.move_to(NOW + timedelta(days=10))
    with django_assert_max_num_queries(short):
        html = _page(bob_client, grant)
    assert html.count("Cleared ") >= 6


def test_photos_cost_no_more_past_the_thumbnails_shown(alice, pro, bob_client, clock):
    fill(alice)
    grant = make_grant(alice, pro, ["photos"])
    _history(alice, 1, SHARED_PHOTOS, photos=True)
    clock.move_to(NOW + timedelta(days=SHARED_PHOTOS + 2))
    full = _count(bob_client, grant)
    _history(alice, SHARED_PHOTOS + 2, 4, photos=True)
    clock.move_to(NOW + timedelta(days=SHARED_PHOTOS + 7))
    assert _count(bob_client, grant) == full
