"""Inviting by e-mail: the real SMTP server gets text and HTML; the link binds the grant once."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client

from needlewise.sharing.models import Grant, Invite, ProfessionalProfile
from tests.conftest import PASSWORD
from tests.sharing.conftest import login
from tests.treatments.conftest import NOW

INVITE = {"email": "dr.dee@example.com", "scopes": ["sessions_recovery", "products"], "days": "30"}


def _link_path(message) -> str:
    text = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    url = re.search(r"https?://\S+/sharing/invite/\S+/", text.get_payload(decode=True).decode())
    assert url is not None
    return "/" + url.group(0).split("/", 3)[3]


def _parts(message) -> dict[str, str]:
    return {p.get_content_type(): p.get_payload(decode=True).decode() for p in message.walk()
            if p.get_content_type().startswith("text/")}  # fmt: skip


def test_the_invite_e_mail_has_text_and_html_and_says_what_and_how_long(alice_client, smtp, clock):
    response = alice_client.post("/sharing/", INVITE)
    assert response.status_code == 302
    [message] = smtp.messages
    assert message["To"] == "dr.dee@example.com"
    assert "Alice" in message["Subject"]
    parts = _parts(message)
    for body in parts.values():
        assert "sessions and recovery check-ins" in body
        assert "30 days" in body
        assert "/sharing/invite/" in body
    assert set(parts) == {"text/plain", "text/html"}


def _signup(email="dr.dee@example.com"):
    return {"new-email": email, "new-display_name": "Dr Dee", "new-password1": PASSWORD,
            "new-password2": PASSWORD, "pro-profession": "Dermatologist",
            "pro-registration_number": "GMC 7654321"}  # fmt: skip


def test_a_new_professional_signs_up_from_the_link_and_the_grant_binds(alice, alice_client, smtp,
                                                                        clock):  # fmt: skip
    alice_client.post("/sharing/", INVITE)
    path = _link_path(smtp.messages[0])
    visitor = Client()
    page = visitor.get(path)
    assert page.status_code == 200
    assert "Alice invites you" in page.content.decode()
    response = visitor.post(path, _signup())
    assert response.status_code == 302
    grant = Grant.objects.get()
    assert (grant.client, grant.professional.email) == (alice, "dr.dee@example.com")
    assert grant.scopes == ["sessions_recovery", "products"]
    assert grant.expires_at == NOW + timedelta(days=30)
    assert ProfessionalProfile.objects.get(user=grant.professional).verified is False
    assert response["Location"] == f"/sharing/clients/{grant.pk}/"
    assert visitor.get(response["Location"]).status_code == 200
    # Alice sees who can see what
    assert "Dr Dee" in alice_client.get("/sharing/").content.decode()


def test_an_existing_account_accepts_when_logged_in(alice_client, bob, smtp, clock):
    alice_client.post("/sharing/", {**INVITE, "email": "bob@example.com"})
    path = _link_path(smtp.messages[0])
    response = login(bob).post(path, {"pro-profession": "Aesthetic nurse"})
    assert response.status_code == 302
    assert Grant.objects.get().professional == bob


def test_a_used_link_is_refused(alice_client, pro, smtp, clock):
    alice_client.post("/sharing/", {**INVITE, "email": "bob@example.com"})
    path = _link_path(smtp.messages[0])
    assert login(pro).post(path, {"pro-profession": "Dermatologist"}).status_code == 302
    again = Client().get(path)
    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    assert Client().post(path, _signup("x@example.com")).status_code == 410
    assert Grant.objects.count() == 1


def test_an_expired_link_is_refused(alice_client, pro, smtp, clock):
    alice_client.post("/sharing/", INVITE)
    path = _link_path(smtp.messages[0])
    clock.move_to(NOW + timedelta(days=15))
    response = login(pro).post(path, {"pro-profession": "Dermatologist"})
    assert response.status_code == 410
    assert "too old" in response.content.decode()
    assert not Grant.objects.exists()


@pytest.mark.parametrize("path", ["/sharing/invite/forged/", "/sharing/invite/abc:def:ghi/"])
def test_a_forged_link_is_refused(path, db):
    assert Client().get(path).status_code == 410


def test_a_withdrawn_invite_no_longer_works(alice_client, pro, smtp, clock):
    alice_client.post("/sharing/", INVITE)
    path = _link_path(smtp.messages[0])
    invite = Invite.objects.get()
    assert alice_client.post(f"/sharing/invites/{invite.pk}/cancel/").status_code == 302
    assert login(pro).get(path).status_code == 410


def test_the_owner_cannot_accept_their_own_invite(alice, alice_client, smtp, clock):
    alice_client.post("/sharing/", INVITE)
    path = _link_path(smtp.messages[0])
    assert alice_client.post(path, {"pro-profession": "Me"}).status_code == 410
    assert not Grant.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**INVITE, "scopes": []}, "Tick at least one thing to share."),
        ({**INVITE, "scopes": ["everything"]}, "Choose one of the options offered."),
        ({**INVITE, "days": "0"}, "Give at least 1 day."),
        ({**INVITE, "days": "366"}, "Give at most 365 days."),
        (
            {**INVITE, "email": "not-an-address"},
            "Give an e-mail address, such as name@example.com.",
        ),
        ({**INVITE, "email": "alice@example.com"}, "This is your own address"),
    ],
)
def test_bad_invite_input_is_a_400_with_the_message_and_nothing_written(
    data, message, alice_client, smtp
):
    response = alice_client.post("/sharing/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Invite.objects.exists()
    assert smtp.messages == []


def test_nothing_is_pre_ticked_and_the_default_is_90_days(alice_client):
    html = alice_client.get("/sharing/").content.decode()
    assert 'type="checkbox"' in html
    assert "checked" not in html
    assert 'value="90"' in html


def test_a_bad_sign_up_on_the_invite_page_keeps_the_invite_open(alice_client, smtp, clock):
    alice_client.post("/sharing/", INVITE)
    path = _link_path(smtp.messages[0])
    response = Client().post(path, {**_signup(), "pro-profession": "", "new-password2": "x"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Say what your profession is." in html
    assert "The two passwords are not the same." in html
    assert Invite.objects.get().used_at is None
    assert not Grant.objects.exists()


def test_a_logged_in_account_with_another_address_is_refused_and_nothing_written(
    alice_client, pro, smtp, clock
):
    alice_client.post("/sharing/", INVITE)  # to dr.dee@example.com; bob holds the link
    path = _link_path(smtp.messages[0])
    bob = login(pro)
    for response in (bob.get(path), bob.post(path, {"pro-profession": "Aesthetic nurse"})):
        assert response.status_code == 403
        html = response.content.decode()
        assert "This invite was sent to another address" in html
        assert "d…@example.com" in html and "dr.dee@example.com" not in html
    assert not Grant.objects.exists()
    assert Invite.objects.get().used_at is None
    assert ProfessionalProfile.objects.get(user=pro).profession == "Dermatologist"  # unchanged


def test_the_service_refuses_another_account_too(alice, pro, clock):
    from needlewise.sharing import services

    invite = services.invite(alice, "dr.dee@example.com", ["products"])
    with pytest.raises(services.InviteForAnother):
        services.accept(services.invite_token(invite), pro)
    assert not Grant.objects.exists()


def test_signing_up_from_the_link_needs_the_invited_address(alice_client, smtp, clock):
    alice_client.post("/sharing/", INVITE)
    path = _link_path(smtp.messages[0])
    visitor = Client()
    page = visitor.get(path).content.decode()
    assert "d…@example.com" in page and "dr.dee@example.com" not in page  # not pre-filled
    response = visitor.post(path, _signup("someone.else@example.com"))
    assert response.status_code == 400
    assert "This invite was sent to another address (d…@example.com)" in response.content.decode()
    assert not Grant.objects.exists()
    assert not ProfessionalProfile.objects.exists()
    from needlewise.accounts.models import User

    assert not User.objects.filter(email="someone.else@example.com").exists()


def test_the_invited_address_accepts_whatever_its_case(alice_client, smtp, clock):
    from tests.conftest import make_user

    dee = make_user("Dr.Dee@Example.com", "Dee")
    alice_client.post("/sharing/", INVITE)
    path = _link_path(smtp.messages[0])
    assert login(dee).post(path, {"pro-profession": "Dermatologist"}).status_code == 302
    assert Grant.objects.get().professional == dee
