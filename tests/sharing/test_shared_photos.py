"""Shared photos reach the professional: thumbnails through a grant-checking view, redness
against the client's own baseline, two photos compared. A photo read is audited only when a
photo was read or served; a grant without the photos scope reads none."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest

from needlewise.progress import services as progress
from needlewise.sharing.models import AuditEntry
from tests.progress.conftest import jpeg_bytes, skin
from tests.sharing.conftest import login, make_grant
from tests.treatments.conftest import NOW, do_session, ready


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def _photo(user, days_ago: int, rgb=(200, 140, 120), area="cheeks", measure=True):
    data = jpeg_bytes(skin(rgb=rgb))
    taken_on = (NOW - timedelta(days=days_ago)).date()
    photo = progress.add_photo(user, io.BytesIO(data), size=len(data), area=area,
                               taken_on=taken_on)  # fmt: skip
    if measure:
        progress.measure_photo(photo, {"x": 20, "y": 20, "w": 40, "h": 20})
    return photo


@pytest.fixture
def two_photos(alice, clock):
    """Alice's baseline photo of her cheeks, and a redder one a fortnight later."""
    return _photo(alice, 20), _photo(alice, 6, rgb=(220, 120, 110))


def _photo_reads():
    return list(
        AuditEntry.objects.filter(what__startswith="photo").values_list("what", "object_id")
    )


def test_the_client_page_shows_thumbnails_redness_and_a_comparison(
    two_photos, bob_client, grant_of
):
    first, latest = two_photos
    grant = grant_of("photos")
    response = bob_client.get(f"/sharing/clients/{grant.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Photos appear here when shared" not in html
    for photo in (first, latest):
        assert f"/sharing/clients/{grant.pk}/photos/{photo.pk}/thumb.jpg" in html
    assert "/progress/photos/" not in html  # never the owner's URLs
    assert "This photo is Alice&#x27;s baseline for the area." in html
    assert "a* above Alice&#x27;s baseline." in html
    assert 'data-testid="comparison"' in html and 'data-testid="difference"' in html
    assert "14 days apart." in html  # no sessions shared, so none are counted
    assert "no validated a* threshold" in html and "compares Alice only with their own" in html
    assert _photo_reads() == [("photos and redness readings", "2")]


def test_a_thumbnail_is_served_through_the_grant_never_cached_and_audited(
    two_photos, bob_client, grant_of
):
    first, _ = two_photos
    grant = grant_of("photos")
    for name, what in (("thumb.jpg", "photo thumbnail"), ("photo.jpg", "photo")):
        response = bob_client.get(f"/sharing/clients/{grant.pk}/photos/{first.pk}/{name}")
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert response["Cache-Control"] == "private, no-store"
        assert b"".join(response.streaming_content).startswith(b"\xff\xd8")
        assert AuditEntry.objects.filter(what=what, object_id=str(first.pk)).count() == 1


def test_a_grant_without_photos_reads_no_photo_and_writes_no_photo_audit(
    alice, two_photos, bob_client, grant_of
):
    first, _ = two_photos
    grant = grant_of("sessions_recovery", "products", "profile_checks")
    html = bob_client.get(f"/sharing/clients/{grant.pk}/").content.decode()
    assert 'id="photos"' not in html and "thumb.jpg" not in html
    assert (
        bob_client.get(f"/sharing/clients/{grant.pk}/photos/{first.pk}/thumb.jpg").status_code
        == 404
    )
    assert (
        bob_client.get(f"/sharing/clients/{grant.pk}/photos/{first.pk}/photo.jpg").status_code
        == 404
    )
    api = bob_client.get(f"/api/sharing/clients/{grant.pk}")
    assert api.json()["photos"] is None
    url = f"/api/sharing/clients/{grant.pk}/photos/{first.pk}/thumb"
    assert bob_client.get(url).status_code == 404
    assert AuditEntry.objects.filter(client=alice).exists()  # the other scopes were read
    assert _photo_reads() == []


def test_a_photos_grant_without_photos_writes_no_photo_audit(alice, bob_client, grant_of):
    grant = grant_of("photos")
    html = bob_client.get(f"/sharing/clients/{grant.pk}/").content.decode()
    assert "Alice has no progress photos yet." in html
    assert bob_client.get(f"/api/sharing/clients/{grant.pk}").json()["photos"] == []
    assert not AuditEntry.objects.exists()


def test_another_persons_photo_is_a_404_through_any_grant(alice, carol, two_photos, pro, clock):
    carols = _photo(carol, 3)
    grant = make_grant(alice, pro, ["photos"])
    make_grant(carol, pro, ["sessions_recovery"])
    bob = login(pro)
    assert bob.get(f"/sharing/clients/{grant.pk}/photos/{carols.pk}/thumb.jpg").status_code == 404
    assert bob.get(f"/api/sharing/clients/{grant.pk}/photos/{carols.pk}/file").status_code == 404
    assert _photo_reads() == []


def test_the_api_returns_the_photos_with_urls_that_check_the_grant(
    two_photos, bob_client, carol_client, grant_of
):
    first, latest = two_photos
    grant = grant_of("photos")
    body = bob_client.get(f"/api/sharing/clients/{grant.pk}").json()
    assert [p["id"] for p in body["photos"]] == [latest.pk, first.pk]
    newest = body["photos"][0]
    assert newest["taken_on"] == latest.taken_on.isoformat() and newest["area"] == "cheeks"
    assert newest["redness"]["above_baseline"] > 0
    assert body["photos"][1]["redness"]["above_baseline"] == 0.0
    assert newest["thumb_url"] == f"/api/sharing/clients/{grant.pk}/photos/{latest.pk}/thumb"
    response = bob_client.get(newest["file_url"])
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert carol_client.get(newest["file_url"]).status_code == 404
    assert _photo_reads() == [("photo", str(latest.pk)), ("photos and redness readings", "2")]


def test_with_sessions_shared_the_comparison_counts_the_sessions_between(
    alice, alice_client, bob_client, grant_of, clock
):
    _photo(alice, 40)
    do_session(alice_client, ready(alice))  # on NOW
    _photo(alice, 0, rgb=(220, 120, 110))
    grant = grant_of("photos", "sessions_recovery")
    html = bob_client.get(f"/sharing/clients/{grant.pk}/").content.decode()
    assert "40 days apart, 1 session in between: Mon 23 Nov." in html


def test_two_photos_can_be_chosen_and_a_bad_pair_is_a_400(alice, two_photos, bob_client, grant_of):
    first, latest = two_photos
    eyes = _photo(alice, 2, area="forehead")
    grant = grant_of("photos")
    url = f"/sharing/clients/{grant.pk}/"
    chosen = bob_client.get(url, {"before": latest.pk, "after": first.pk})
    assert chosen.status_code == 200 and "14 days apart." in chosen.content.decode()
    for pair in ({"before": first.pk, "after": eyes.pk}, {"before": "x", "after": first.pk},
                 {"before": first.pk + 1000, "after": first.pk}, {"before": "9" * 40}):  # fmt: skip
        response = bob_client.get(url, pair)
        assert response.status_code == 400, pair
        assert "Choose two of Alice&#x27;s photos of the same area." in response.content.decode()
