"""The professional's dashboard costs the same number of queries with 1 or 20 clients."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from needlewise.recovery import services as recovery
from needlewise.sharing.models import AuditEntry
from needlewise.treatments import services as treatments
from tests.conftest import make_user
from tests.sharing.conftest import make_grant
from tests.treatments.conftest import ready

RECORDS = [{"area": "cheeks", "needle_mm": 0.25, "passes": 4, "pain": 1, "bleeding": "none"}]


def _clients(pro, start: int, count: int) -> None:
    """`count` clients with a session each; every third shares no recovery, every fifth has a
    red flag open."""
    for i in range(start, start + count):
        person = make_user(f"client{i}@example.com", f"Client {i:02}")
        draft = treatments.start_session(person, ready(person))
        treatments.finish_session(person, draft.key, RECORDS)
        if i % 5 == 0:
            recovery.record_checkin(person, {"redness": 1, "symptoms": ["pus"]})
        scopes = ["products"] if i % 3 == 2 else ["sessions_recovery"]
        make_grant(person, pro, scopes)


def _count(client) -> tuple[int, str]:
    client.get("/sharing/clients/")  # the first request may refresh the session; not counted
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/sharing/clients/")
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_dashboard_does_not_grow_with_clients(pro, bob_client, clock):
    _clients(pro, 0, 1)
    one, _ = _count(bob_client)
    _clients(pro, 1, 19)
    twenty, html = _count(bob_client)
    assert one == twenty
    assert twenty <= 10
    assert html.count("Red flag open") == 3  # clients 0, 10, 15 (5 shares no recovery)
    assert html.count("Sessions not shared") == 6  # clients 2, 5, 8, 11, 14, 17
    assert html.count("Last session") == 14


def test_each_dashboard_view_audits_each_recovery_grant_once(pro, bob_client, clock):
    _clients(pro, 0, 6)
    bob_client.get("/sharing/clients/")
    entries = AuditEntry.objects.filter(what="dashboard: red flag and last session")
    assert entries.count() == 4  # clients 0, 1, 3, 4 share recovery
    assert set(entries.values_list("professional_name", flat=True)) == {"Bob"}


def test_the_dashboard_shows_twenty_clients_a_page_with_red_flags_first(pro, bob_client, clock):
    _clients(pro, 0, 25)  # red flags: clients 0, 5, 10, 15, 20 (5 and 20 share no recovery)
    AuditEntry.objects.all().delete()
    first = bob_client.get("/sharing/clients/").content.decode()
    assert first.count('class="card"') == 20 and "Clients 1–20 of 25" in first
    assert first.count("Red flag open") == 3  # every shared open red flag, all on page 1
    assert first.index("Red flag open") < first.index("Last session")
    assert 'href="?page=2"' in first and 'rel="prev"' not in first
    shown_first = AuditEntry.objects.count()
    second = bob_client.get("/sharing/clients/?page=2").content.decode()
    assert second.count('class="card"') == 5 and "Clients 21–25 of 25" in second
    assert "Red flag open" not in second and 'href="?page=1"' in second
    # Only the rows shown were read, so only they are in the clients' logs.
    assert AuditEntry.objects.count() - shown_first == sum(
        "Last session" in card or "No sessions yet" in card
        for card in second.split('class="card"')[1:]
    )
    # A page number past the end shows the last page; a word shows the first.
    assert "Clients 21–25 of 25" in bob_client.get("/sharing/clients/?page=99").content.decode()
    assert "Clients 1–20 of 25" in bob_client.get("/sharing/clients/?page=two").content.decode()


def test_hundreds_of_reads_are_written_whole_on_either_database(alice, grant_of):
    """More rows than one SQLite statement may carry: several batches, one transaction."""
    from needlewise.sharing import services

    grant = grant_of("sessions_recovery")
    reads = ((alice.pk, "timeline", i) for i in range(320))
    assert services.record_reads_by(grant.professional, reads) == 320
    written = AuditEntry.objects.filter(client=alice, what="timeline")
    assert sorted(int(i) for i in written.values_list("object_id", flat=True)) == list(range(320))
    assert set(written.values_list("professional_name", flat=True)) == {"Bob"}
