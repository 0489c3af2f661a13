"""A person ready for a session: a current `go` check, a device sterilised now, and a plan."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from needlewise.devices import services as devices
from needlewise.suitability import services as suitability
from needlewise.treatments import services as treatments

NOW = datetime(2026, 11, 23, 19, 0, tzinfo=UTC)
ANSWERS = {
    "birth_date": "1990-04-02",
    "skin_type": 2,
    "conditions": [],
    "areas": ["cheeks"],
    "isotretinoin_last_dose": None,
    "recent_procedures": [],
}


def ready(user, *, conditions=(), kind="roller", lengths=(0.25, 0.5), sterilise=True):
    """Give `user` a check, a device and a plan as of the clock's now (NOW under the `clock`
    fixture, the real moment in a browser test); return the plan."""
    now = timezone.now()
    suitability.record_check(
        user, {**ANSWERS, "conditions": list(conditions)}, ["texture"], today=now.date()
    )
    device = devices.add_device(user, kind=kind, name=f"My {kind}", lengths_mm=list(lengths))
    if sterilise and kind != "pen":
        devices.record_sterilisation(device, at=now)
    if kind == "pen":
        devices.record_head_change(device, at=now)
    return treatments.create_plan(
        user, concern="texture", areas=["cheeks", "forehead"], device=device, start_date=now.date()
    )


@pytest.fixture
def plan(alice, clock):
    return ready(alice)


def finish(client, session_key, mm="0.25"):
    data = {"notes": ""}
    for area in ("cheeks", "forehead"):
        data.update(
            {
                f"{area}-needle_mm": mm,
                f"{area}-passes": "4",
                f"{area}-pain": "2",
                f"{area}-bleeding": "none",
            }
        )
    return client.post(f"/sessions/{session_key}/finish/", data)


def do_session(client, plan):
    """Walk the guided session: gate, checklist, technique, finish. Returns the session key."""
    response = client.post(f"/plans/{plan.pk}/start/")
    assert response.status_code == 302, response.content.decode()[:3000]
    key = response["Location"].split("/")[2]
    checklist = {"cleanse": "on", "sterilise": "on", "skin_check": "on", "patch_test": "on"}
    assert client.post(f"/sessions/{key}/prepare/", checklist).status_code == 302
    assert client.get(f"/sessions/{key}/technique/").status_code == 200
    assert finish(client, key).status_code == 302
    return key
