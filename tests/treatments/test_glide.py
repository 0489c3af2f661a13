"""The guided session asks what goes on the skin while needling (POLICY.md section 8): a shelf
product, nothing, or a new one; the rule core judges it, an `avoid` warns but never blocks."""

from __future__ import annotations

import pytest

from needlewise.products.models import Product
from needlewise.treatments.models import TreatmentSession
from tests.products.conftest import add
from tests.treatments.conftest import finish

CHECKLIST = {"cleanse": "on", "sterilise": "on", "skin_check": "on", "patch_test": "on"}
VITAMIN_C = "Aqua, Ascorbic Acid, Sodium Hyaluronate"
PLAIN_HA = "Aqua, Sodium Hyaluronate, Glycerin, Panthenol"


@pytest.fixture
def key(alice_client, plan):
    """A draft past its checklist, at the glide step."""
    response = alice_client.post(f"/plans/{plan.pk}/start/")
    key = response["Location"].split("/")[2]
    response = alice_client.post(f"/sessions/{key}/prepare/", CHECKLIST)
    assert response["Location"] == f"/sessions/{key}/glide/"
    return key


def glide_of(key):
    return TreatmentSession.objects.values_list(
        "glide_verdict", "glide_name", "glide_findings"
    ).get(key=key)


def test_the_step_lists_the_shelf_with_each_products_judgement(alice_client, alice, key):
    add(alice, "Bright C", VITAMIN_C)
    add(alice, "Plain HA", PLAIN_HA)
    html = alice_client.get(f"/sessions/{key}/glide/").content.decode()
    assert "Step 2 of 4" in html
    assert "Bright C (not as a glide)" in html and "Plain HA (fine as a glide)" in html
    assert "Not as a glide: it contains Ascorbic Acid" in html  # the reason, under the product
    assert "Nothing: I needle without a glide" in html


def test_a_vitamin_c_serum_is_warned_about_and_recorded_as_avoid(alice_client, alice, key):
    serum = add(alice, "Bright C", VITAMIN_C)
    response = alice_client.post(f"/sessions/{key}/glide/", {"glide": str(serum.pk)})
    assert response["Location"] == f"/sessions/{key}/glide/"  # the warning, not the next step
    verdict, name, findings = glide_of(key)
    assert (verdict, name) == ("avoid", "Bright C")
    assert [f["category"] for f in findings] == ["glide"]
    assert findings[0]["ingredient"] == "Ascorbic Acid"
    html = alice_client.get(f"/sessions/{key}/glide/").content.decode()
    assert 'data-testid="glide-warning"' in html
    assert "Not advised as a glide" in html and "Granulomatous reactions" in html
    assert "PEER" in html and "soltani-arabshahi-2014" in html and "cfr-878-4430" in html
    assert "glide.active" not in html.replace('#glide.active"', "")  # words, not the code
    assert "Go on anyway" in html


def test_going_on_anyway_records_the_session_with_its_warning(alice_client, alice, key):
    serum = add(alice, "Bright C", VITAMIN_C)
    alice_client.post(f"/sessions/{key}/glide/", {"glide": str(serum.pk)})
    assert alice_client.get(f"/sessions/{key}/technique/").status_code == 200
    finish_page = alice_client.get(f"/sessions/{key}/finish/").content.decode()
    assert "Bright C" in finish_page and "Not advised as a glide" in finish_page
    assert finish(alice_client, key).status_code == 302
    session = TreatmentSession.objects.get(key=key)
    assert (session.status, session.glide_verdict) == ("done", "avoid")
    html = alice_client.get(f"/sessions/{key}/").content.decode()
    assert "On your skin while needling" in html
    assert "Bright C" in html and "Not advised as a glide" in html
    assert "Granulomatous reactions" in html


def test_choosing_another_replaces_the_warned_one(alice_client, alice, key):
    serum = add(alice, "Bright C", VITAMIN_C)
    plain = add(alice, "Plain HA", PLAIN_HA)
    alice_client.post(f"/sessions/{key}/glide/", {"glide": str(serum.pk)})
    response = alice_client.post(f"/sessions/{key}/glide/", {"glide": str(plain.pk)})
    assert response["Location"] == f"/sessions/{key}/technique/"
    verdict, name, findings = glide_of(key)
    assert (verdict, name) == ("ok", "Plain HA")
    assert [f["level"] for f in findings] == ["ok"]


def test_a_plain_hyaluronic_serum_is_fine_and_shown_on_the_session(alice_client, alice, key):
    plain = add(alice, "Plain HA", PLAIN_HA, brand="Ordinary")
    response = alice_client.post(f"/sessions/{key}/glide/", {"glide": str(plain.pk)})
    assert response["Location"] == f"/sessions/{key}/technique/"
    assert glide_of(key)[:2] == ("ok", "Ordinary Plain HA")
    finish(alice_client, key)
    html = alice_client.get(f"/sessions/{key}/").content.decode()
    assert 'data-verdict="ok"' in html and "Fine as a glide" in html


def test_nothing_on_the_skin_is_recorded_as_none(alice_client, key):
    response = alice_client.post(f"/sessions/{key}/glide/", {"glide": "none"})
    assert response["Location"] == f"/sessions/{key}/technique/"
    assert glide_of(key) == ("none", "", [])
    finish(alice_client, key)
    assert "you needle without a glide" in alice_client.get(f"/sessions/{key}/").content.decode()


def test_a_new_product_goes_on_the_shelf_and_is_judged(alice_client, alice, key):
    data = {"glide": "new", "name": "Travel serum", "ingredients": "Aqua, Retinol, Glycerin"}
    response = alice_client.post(f"/sessions/{key}/glide/", data)
    assert response.status_code == 302
    product = Product.objects.get(user=alice)
    assert (product.name, product.ingredients_text) == ("Travel serum", data["ingredients"])
    verdict, name, findings = glide_of(key)
    assert (verdict, name, findings[0]["ingredient"]) == ("avoid", "Travel serum", "Retinol")
    assert (
        "Travel serum (not as a glide)"
        in alice_client.get("/sessions/" + key + "/glide/").content.decode()
    )


def test_a_product_without_an_ingredient_list_is_avoided_saying_why(alice_client, alice, key):
    bare = add(alice, "Mystery gel", "")
    alice_client.post(f"/sessions/{key}/glide/", {"glide": str(bare.pk)})
    verdict, _, findings = glide_of(key)
    assert verdict == "avoid"
    assert "there is no ingredient list we can read" in findings[0]["message"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"glide": "new", "name": "  ", "ingredients": "Aqua"}, "Give the new product"),
        ({"glide": "sunflower"}, "Choose one of the products listed"),
        ({}, "Choose a product, nothing, or a new product."),
    ],
)
def test_bad_answers_are_400_and_write_nothing(alice_client, alice, key, data, message):
    response = alice_client.post(f"/sessions/{key}/glide/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert glide_of(key) == ("", "", [])
    assert not Product.objects.exists()


def test_another_persons_product_is_refused(alice_client, carol, key):
    theirs = add(carol, "Carol's serum", PLAIN_HA)
    response = alice_client.post(f"/sessions/{key}/glide/", {"glide": str(theirs.pk)})
    assert response.status_code == 400
    assert "Choose one of the products listed" in response.content.decode()
    assert "Carol's serum" not in response.content.decode()
    assert glide_of(key) == ("", "", [])


def test_the_step_waits_for_the_checklist_and_ends_with_the_session(alice_client, plan):
    key = alice_client.post(f"/plans/{plan.pk}/start/")["Location"].split("/")[2]
    assert alice_client.get(f"/sessions/{key}/glide/")["Location"] == f"/sessions/{key}/prepare/"
    alice_client.post(f"/sessions/{key}/prepare/", CHECKLIST)
    finish(alice_client, key)
    response = alice_client.post(f"/sessions/{key}/glide/", {"glide": "none"})
    assert response["Location"] == f"/sessions/{key}/"
    assert glide_of(key) == ("", "", [])  # a recorded session keeps what it had


def test_another_person_gets_404(alice_client, key, carol, client):
    client.force_login(carol, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(f"/sessions/{key}/glide/").status_code == 404
    assert client.post(f"/sessions/{key}/glide/", {"glide": "none"}).status_code == 404
    assert glide_of(key) == ("", "", [])
