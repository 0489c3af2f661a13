"""Scopes are exact: each professional page and API answer holds only what that grant shares."""

from __future__ import annotations

from needlewise.products import services as products
from needlewise.sharing import services
from needlewise.sharing.models import AuditEntry


def _her_own_avoid_entry(alice) -> None:
    products.add_avoid(alice, ingredient="Witch hazel", note="itches")


def test_without_products_the_limits_page_shows_only_what_the_professional_added(
    alice, bob_client, grant_of
):
    _her_own_avoid_entry(alice)
    grant = grant_of("sessions_recovery")
    services.add_avoid(grant, ingredient="Menthol")
    html = bob_client.get(f"/sharing/clients/{grant.pk}/limits/").content.decode()
    assert "Menthol" in html
    assert "Witch hazel" not in html and "itches" not in html
    assert "has not shared their products with you" in html
    assert list(AuditEntry.objects.values_list("what", flat=True)) == ["limits"]


def test_with_products_the_limits_page_shows_the_whole_avoid_list(alice, bob_client, grant_of):
    _her_own_avoid_entry(alice)
    grant = grant_of("sessions_recovery", "products")
    services.add_avoid(grant, ingredient="Menthol")
    html = bob_client.get(f"/sharing/clients/{grant.pk}/limits/").content.decode()
    assert "Witch hazel" in html and "Menthol (added by you)" in html
    assert "has not shared their products" not in html
    assert list(AuditEntry.objects.values_list("what", flat=True)) == ["limits and avoid list"]


def test_a_refused_avoid_entry_without_products_still_hides_her_list(alice, bob_client, grant_of):
    _her_own_avoid_entry(alice)
    grant = grant_of("sessions_recovery")
    response = bob_client.post(f"/sharing/clients/{grant.pk}/avoid/", {})
    assert response.status_code == 400
    assert "Witch hazel" not in response.content.decode().split("Choose a category")[0]
