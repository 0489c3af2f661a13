"""Every read of a client's data by a professional is written down; the client sees the log."""

from __future__ import annotations

from needlewise.sharing.models import AuditEntry
from tests.sharing.conftest import expire, login


def test_each_timeline_read_is_audited_per_granted_scope(alice, bob_client, grant_of):
    grant = grant_of("profile_checks", "sessions_recovery")
    assert bob_client.get(f"/sharing/clients/{grant.pk}/").status_code == 200
    whats = sorted(AuditEntry.objects.filter(client=alice).values_list("what", flat=True))
    assert whats == ["check-ins", "profile", "sessions", "suitability check"]
    assert bob_client.get(f"/api/sharing/clients/{grant.pk}").status_code == 200
    assert AuditEntry.objects.filter(client=alice).count() == 8
    assert set(AuditEntry.objects.values_list("professional_name", flat=True)) == {"Bob"}


def test_limit_reads_and_the_dashboard_are_audited(alice, bob_client, grant_of):
    grant = grant_of("sessions_recovery")
    bob_client.get(f"/sharing/clients/{grant.pk}/limits/")
    bob_client.get("/sharing/clients/")
    whats = set(AuditEntry.objects.filter(client=alice).values_list("what", flat=True))
    assert whats == {"limits", "dashboard: red flag and last session"}  # no products shared


def test_a_refused_read_writes_nothing(pro, grant_of, clock):
    grant = grant_of("products")
    expire(clock)
    bob_client = login(pro)  # a fresh login: the old session has lapsed too
    assert bob_client.get(f"/sharing/clients/{grant.pk}/").status_code == 404
    assert bob_client.get(f"/sharing/clients/{grant.pk}/limits/").status_code == 404
    assert not AuditEntry.objects.exists()


def test_the_client_sees_who_read_what_and_when(alice_client, bob_client, carol_client, grant_of):
    grant = grant_of("products")
    bob_client.get(f"/sharing/clients/{grant.pk}/")
    html = alice_client.get("/sharing/audit/").content.decode()
    assert "Bob" in html and "products" in html and "Mon 23 Nov, 19:00" in html
    assert "Nobody has looked" in carol_client.get("/sharing/audit/").content.decode()
    api = alice_client.get("/api/sharing/audit").json()
    assert [(e["professional"], e["what"]) for e in api] == [("Bob", "products")]
    assert carol_client.get("/api/sharing/audit").json() == []
