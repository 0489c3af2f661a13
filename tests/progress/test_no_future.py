"""A photo or rating dated after the person's today is refused, on the pages and over the API;
comparing a photo with itself is refused too. Dates are relative to the fixtures' clock."""

from __future__ import annotations

from datetime import timedelta

from needlewise.progress.models import Photo, Rating
from tests.progress.conftest import form, jpeg_bytes
from tests.progress.test_api import api, upload
from tests.progress.test_pages import add
from tests.treatments.conftest import NOW

TODAY = NOW.date()  # 19:00 UTC: in Kiritimati (UTC+14) it is already the next day
TOMORROW = TODAY + timedelta(days=1)


def test_a_photo_taken_tomorrow_is_refused_on_the_page(alice_client, clock):
    data = form(jpeg_bytes(), taken_on=TOMORROW.isoformat())
    response = alice_client.post("/progress/add/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "This date is in the future: choose today or an earlier day." in html
    assert not Photo.objects.exists()
    data = form(jpeg_bytes(), taken_on=TODAY.isoformat())
    assert alice_client.post("/progress/add/", data).status_code == 302


def test_a_rating_for_2099_is_refused_on_the_page(alice_client, clock):
    data = {"concern": "texture", "score": 5, "rated_on": "2099-01-01"}
    response = alice_client.post("/progress/ratings/", data)
    assert response.status_code == 400
    assert "This date is in the future" in response.content.decode()
    assert not Rating.objects.exists()


def test_over_the_api_a_future_date_is_a_422_naming_the_field(alice, clock):
    client = api(alice)
    response = upload(client, taken_on=TOMORROW.isoformat())
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "taken_on"] and "in the future" in error["msg"]
    assert not Photo.objects.exists()
    body = {"concern": "texture", "score": 7, "rated_on": "2099-01-01"}
    response = client.post("/api/progress/ratings", body, content_type="application/json")
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "rated_on"] and "in the future" in error["msg"]
    assert not Rating.objects.exists()


def test_today_is_the_persons_own_today(alice, clock):
    """East of UTC, the person's today is ahead of the server's; it is theirs that counts."""
    alice.profile.time_zone = "Pacific/Kiritimati"
    alice.profile.save()
    body = {"concern": "texture", "score": 7, "rated_on": TOMORROW.isoformat()}
    response = api(alice).post("/api/progress/ratings", body, content_type="application/json")
    assert response.status_code == 201
    body["rated_on"] = (TOMORROW + timedelta(days=1)).isoformat()
    response = api(alice).post("/api/progress/ratings", body, content_type="application/json")
    assert response.status_code == 422


def test_comparing_a_photo_with_itself_is_refused(alice, alice_client, clock):
    photo = add(alice, taken_on=TODAY - timedelta(days=3))
    response = alice_client.get(f"/progress/compare/?before={photo.pk}&after={photo.pk}")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Before and after are the same photo: choose two different ones." in html
    assert 'data-testid="comparison"' not in html
