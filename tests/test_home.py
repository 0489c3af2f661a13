from __future__ import annotations


def test_visitors_learn_what_it_does_and_that_it_is_no_doctor(client, db):
    html = client.get("/").content.decode()
    assert "Microneedling at home" in html
    assert "does not replace a dermatologist" in html
    assert 'href="/accounts/signup/"' in html


def test_signed_in_people_are_greeted_by_name(alice_client):
    html = alice_client.get("/").content.decode()
    assert "Today, Alice" in html
    assert "Sign up" not in html


def test_home_accepts_head_but_not_post(client, db):
    assert client.head("/").status_code == 200
    assert client.post("/").status_code == 405


def test_unknown_pages_get_a_friendly_404(client, db):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "We can’t find that page" in response.content.decode()


def test_health_endpoint_answers(client, db):
    assert client.get("/healthz").json() == {"status": "ok"}
