""" "FDA cleared" is earned: only a device whose 510(k) or De Novo number is in the catalogue
shows it, on the list, the device page and in the API. A device described by the person with no
number, or a number the catalogue does not have, shows the status as not known."""

from __future__ import annotations

import pytest

from needlewise.devices import services
from needlewise.devices.catalogue import import_openfda
from needlewise.devices.models import OwnedDevice
from needlewise.rules.errors import InputError
from tests.devices.conftest import custom

GREEN = "level-ok"
CLEARED = "FDA cleared"
CUSTOM = "/devices/add/custom/"
GOOD = {"name": "Box roller", "kind": "roller", "lengths": "0.25", "fda_status": "unknown"}


def fda_html(client, device) -> str:
    """The FDA section of the device page."""
    html = client.get(f"/devices/{device.pk}/").content.decode()
    return html.split('id="fda-heading"')[1].split("</section>")[0]


def test_a_custom_device_said_to_be_cleared_without_a_number_has_no_green_badge(
    alice_client, alice, catalogue
):
    # as earlier versions stored it: the person ticked "cleared" and gave no number
    device = custom(alice, [0.25])
    OwnedDevice.objects.filter(pk=device.pk).update(fda_status="cleared")
    section = fda_html(alice_client, device)
    assert "FDA status not known" in section
    assert GREEN not in section.split("data-testid")[0]
    listed = alice_client.get("/devices/").content.decode()
    assert f"{CLEARED}<" not in listed and "</svg> FDA cleared" not in listed
    assert alice_client.get(f"/api/devices/{device.pk}").json()["fda_status"] == "unknown"


def test_the_custom_form_offers_no_cleared_choice(alice_client):
    form = alice_client.get(CUSTOM).context["form"]
    assert [value for value, _ in form.fields["fda_status"].choices] == ["unknown", "not_cleared"]
    response = alice_client.post(CUSTOM, {**GOOD, "fda_status": "cleared"})
    assert response.status_code == 400
    assert not OwnedDevice.objects.exists()


def test_a_custom_device_with_a_number_in_the_catalogue_is_cleared(alice_client, alice, catalogue):
    response = alice_client.post(CUSTOM, {**GOOD, "fda_number": " k180778 "})
    assert response.status_code == 302
    device = OwnedDevice.objects.get(user=alice)
    assert device.fda_number_given == "K180778"
    assert "icon-check" in fda_html(alice_client, device)
    assert "</svg> FDA cleared · K180778" in fda_html(alice_client, device)
    body = alice_client.get(f"/api/devices/{device.pk}").json()
    assert (body["fda_status"], body["fda_number"]) == ("cleared", "K180778")


def test_an_unknown_number_is_not_enough_until_the_catalogue_has_it(alice_client, alice, catalogue):
    alice_client.post(CUSTOM, {**GOOD, "fda_number": "K999001"})
    device = OwnedDevice.objects.get(user=alice)
    section = fda_html(alice_client, device)
    assert "FDA status not known" in section
    assert "K999001 is not in the FDA list we have" in section
    body = alice_client.get(f"/api/devices/{device.pk}").json()
    assert (body["fda_status"], body["fda_number"], body["fda_number_given"]) == (
        "unknown",
        None,
        "K999001",
    )
    download = '{"results": [{"k_number": "K999001", "device_name": "New pen",'
    download += ' "applicant": "Acme", "product_code": "QAI"}]}'
    import_openfda(download)
    assert "</svg> FDA cleared · K999001" in fda_html(alice_client, device)


@pytest.mark.parametrize("number", ["", "K999001"])
def test_the_api_refuses_cleared_without_a_catalogue_number(alice_client, catalogue, number):
    body = {"kind": "roller", "name": "X", "lengths_mm": [0.25], "fda_status": "cleared"}
    response = alice_client.post(
        "/api/devices/", {**body, "fda_number": number}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "fda_status"]
    assert "number is in the FDA list" in response.json()["detail"][0]["msg"]
    assert not OwnedDevice.objects.exists()


def test_cleared_with_a_catalogue_number_is_accepted(alice, catalogue):
    device = services.add_device(
        alice, kind="roller", name="X", lengths_mm=[0.25], fda_status="cleared",
        fda_number="DEN160029",
    )  # fmt: skip
    assert device.effective_fda_status == "cleared"


def test_a_bad_number_is_refused(alice, catalogue):
    with pytest.raises(InputError) as caught:
        custom_number(alice, "510k")
    assert caught.value.field == "fda_number"
    assert not OwnedDevice.objects.exists()


def custom_number(user, number):
    return services.add_device(user, kind="roller", name="X", lengths_mm=[0.25], fda_number=number)


def test_a_not_cleared_custom_device_says_so(alice_client, alice):
    device = services.add_device(
        alice, kind="roller", name="X", lengths_mm=[0.25], fda_status="not_cleared"
    )
    assert "Not FDA cleared" in fda_html(alice_client, device)
