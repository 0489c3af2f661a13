"""A person who has done a guided session at NOW, and a helper to check in hours later."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from needlewise.recovery.models import CheckIn, Escalation
from needlewise.treatments.models import TreatmentSession
from tests.treatments.conftest import NOW, do_session, finish, ready


def checkin_data(redness=0, pain=0, bleeding="none", fever="", symptoms=(), notes=""):
    return {
        "redness": str(redness),
        "pain": str(pain),
        "bleeding": bleeding,
        "fever": fever,
        "symptoms": list(symptoms),
        "notes": notes,
    }


def post_checkin(client, hours, **fields):
    """POST the check-in form `hours` after the session done at NOW."""
    with time_machine.travel(NOW + timedelta(hours=hours), tick=False):
        return client.post("/recovery/checkin/", checkin_data(**fields))


def walk_session(client, plan, mm="0.25"):
    """The guided session of `do_session`, finishing with needle length `mm`."""
    if mm == "0.25":
        return do_session(client, plan)
    key = client.post(f"/plans/{plan.pk}/start/")["Location"].split("/")[2]
    checklist = {"cleanse": "on", "sterilise": "on", "skin_check": "on", "patch_test": "on"}
    assert client.post(f"/sessions/{key}/prepare/", checklist).status_code == 302
    assert finish(client, key, mm).status_code == 302
    return key


@pytest.fixture
def session(alice, alice_client, clock):
    """Alice's plan and a finished session at NOW: (plan, session)."""
    plan = ready(alice)
    key = do_session(alice_client, plan)
    return plan, TreatmentSession.objects.get(key=key)


def nothing_written():
    return not CheckIn.objects.exists() and not Escalation.objects.exists()
