"""Progress pages: timeline, detail, measuring, comparison, ratings; owner-scoped everywhere."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.test import Client

from needlewise.people_words import person_date
from needlewise.progress import services
from needlewise.progress.models import Photo, Rating, Reading
from tests.progress.conftest import jpeg_bytes, skin
from tests.treatments.conftest import do_session, ready

ID_URLS = [
    ("get", "/progress/photos/{id}/"),
    ("post", "/progress/photos/{id}/measure/"),
    ("get", "/progress/photos/{id}/delete/"),
    ("post", "/progress/photos/{id}/delete/"),
    ("get", "/progress/photos/{id}/photo.jpg"),
    ("get", "/progress/photos/{id}/thumb.jpg"),
    ("get", "/progress/compare/?before={id}&after={id}"),
]


def add(user, rgb=(200, 140, 120), taken_on=date(2026, 11, 1), area="cheeks"):
    data = jpeg_bytes(skin(rgb=rgb))
    return services.add_photo(user, io.BytesIO(data), size=len(data), area=area, taken_on=taken_on)


@pytest.mark.parametrize(("method", "url"), ID_URLS)
def test_another_user_gets_404_on_every_url_with_an_id(carol_client, alice_photo, method, url):
    data = {"x": 0, "y": 0, "w": 5, "h": 5} if method == "post" else None
    response = getattr(carol_client, method)(url.format(id=alice_photo.pk), data)
    assert response.status_code == 404
    assert Photo.objects.filter(pk=alice_photo.pk).exists()
    assert not Reading.objects.exists()


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("post", "/progress/"),
        ("post", "/progress/guide/"),
        ("post", "/progress/compare/"),
        ("post", "/progress/chart.svg"),
        ("get", "/progress/photos/{id}/measure/"),
        ("put", "/progress/add/"),
        ("delete", "/progress/photos/{id}/delete/"),
    ],
)
def test_wrong_methods_get_405(alice_client, alice_photo, method, url):
    assert getattr(alice_client, method)(url.format(id=alice_photo.pk)).status_code == 405


def test_anonymous_visitors_are_sent_to_log_in(alice_photo):
    for url in ("/progress/", "/progress/add/", f"/progress/photos/{alice_photo.pk}/"):
        assert Client().get(url).status_code == 302


def test_the_timeline_shows_thumbnails_by_area(alice_client, alice_photo):
    html = alice_client.get("/progress/").content.decode()
    assert f"/progress/photos/{alice_photo.pk}/thumb.jpg" in html
    assert "Cheeks" in html


def test_measuring_a_region_shows_the_change_from_the_baseline(alice, alice_client):
    first = add(alice, rgb=(200, 150, 130))
    later = add(alice, rgb=(215, 130, 120), taken_on=date(2026, 11, 20))
    region = {"x": 20, "y": 20, "w": 40, "h": 20}
    assert alice_client.post(f"/progress/photos/{first.pk}/measure/", region).status_code == 302
    html = alice_client.get(f"/progress/photos/{first.pk}/").content.decode()
    assert "This photo is your baseline" in html and "no validated a* threshold" in html
    assert alice_client.post(f"/progress/photos/{later.pk}/measure/", region).status_code == 302
    html = alice_client.get(f"/progress/photos/{later.pk}/").content.decode()
    base, now = (Reading.objects.get(photo=p).a_star for p in (first, later))
    assert now > base
    assert f"+{now - base:.1f} a* above your baseline" in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"x": 0, "y": 0, "w": 500, "h": 10}, "goes outside the photo"),
        ({"x": -1, "y": 0, "w": 5, "h": 5}, "0 or more"),
        ({"x": 0, "y": 0, "w": 0, "h": 5}, "1 or more"),
        ({"x": "a", "y": 0, "w": 5, "h": 5}, "Give a whole number"),
        ({"x": 0, "y": 0, "w": 5, "h": 5, "card_x": 1}, "Give all four card numbers"),
        (
            {"x": 0, "y": 0, "w": 5, "h": 5, "card_x": 40, "card_y": 0, "card_w": 30, "card_h": 5},
            "goes outside the photo",
        ),
    ],
)
def test_bad_regions_re_render_with_the_message(alice_client, alice_photo, data, message):
    response = alice_client.post(f"/progress/photos/{alice_photo.pk}/measure/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Reading.objects.exists()


def test_a_black_card_is_refused(alice, alice_client):
    photo = add(alice, rgb=(10, 5, 5))
    data = {
        "x": 20,
        "y": 20,
        "w": 10,
        "h": 10,
        "card_x": 30,
        "card_y": 30,
        "card_w": 10,
        "card_h": 10,
    }
    response = alice_client.post(f"/progress/photos/{photo.pk}/measure/", data)
    assert response.status_code == 400 and "too dark" in response.content.decode()


def test_comparison_shows_both_dates_readings_sessions_and_a_slider(alice, alice_client, clock):
    before = add(alice, taken_on=date(2026, 11, 1))
    do_session(alice_client, ready(alice))  # done on 23 Nov
    clock.shift(timedelta(days=1))  # a photo is never dated after its day
    after = add(alice, rgb=(210, 135, 120), taken_on=date(2026, 11, 24))
    for photo in (before, after):
        services.measure_photo(photo, {"x": 20, "y": 20, "w": 40, "h": 20})
    response = alice_client.get(f"/progress/compare/?before={after.pk}&after={before.pk}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sun 1 Nov" in html and "Tue 24 Nov" in html
    assert "1 session in between: Mon 23 Nov" in html
    assert 'type="range"' in html and "compare.js" in html
    assert html.index(f"/progress/photos/{before.pk}/photo.jpg") < html.index(
        f"/progress/photos/{after.pk}/photo.jpg"
    )


def test_comparing_two_areas_is_refused(alice, alice_client):
    a, b = add(alice), add(alice, area="forehead")
    response = alice_client.get(f"/progress/compare/?before={a.pk}&after={b.pk}")
    assert response.status_code == 400 and "same area" in response.content.decode()


def test_ratings_are_saved_charted_and_described(alice, alice_client, alice_photo):
    services.measure_photo(alice_photo)
    for day, score in (("2026-11-01", 4), ("2026-11-15", 6)):
        data = {"concern": "texture", "score": score, "rated_on": day}
        assert alice_client.post("/progress/ratings/", data).status_code == 302
    html = alice_client.get("/progress/ratings/").content.decode()
    first, then = person_date(date(2026, 11, 1)), person_date(date(2026, 11, 15))
    # The year shows when these days are not in this year (as on a later day they are not).
    assert f"Your rating of skin texture went from 4 on {first} to 6 on {then}." in html
    assert "Measured redness of the cheeks" in html
    svg = alice_client.get("/progress/chart.svg")
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    assert "no-store" in svg["Cache-Control"]


@pytest.mark.parametrize(
    "data",
    [
        {"concern": "texture", "score": 11, "rated_on": "2026-11-01"},
        {"concern": "texture", "score": 0, "rated_on": "2026-11-01"},
        {"concern": "vibes", "score": 5, "rated_on": "2026-11-01"},
        {"concern": "texture", "score": 5, "rated_on": ""},
    ],
)
def test_bad_ratings_are_refused(alice_client, data):
    response = alice_client.post("/progress/ratings/", data)
    assert response.status_code == 400 and "not saved" in response.content.decode()
    assert not Rating.objects.exists()


def test_the_guide_shows_the_last_photo_of_the_area(alice_client, alice_photo):
    html = alice_client.get("/progress/guide/?area=cheeks").content.decode()
    assert f"/progress/photos/{alice_photo.pk}/thumb.jpg" in html
    assert "white or grey card" in html


def test_attach_to_checkin_refuses_another_persons_checkin(alice_photo, carol, clock):
    from needlewise.recovery import services as recovery
    from needlewise.rules.errors import InputError

    client = Client()
    client.force_login(carol, backend="django.contrib.auth.backends.ModelBackend")
    do_session(client, ready(carol))
    checkin = recovery.record_checkin(carol, {"redness": 1})
    with pytest.raises(InputError):
        services.attach_to_checkin(alice_photo, checkin)
