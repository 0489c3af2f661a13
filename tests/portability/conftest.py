"""Alice with some of everything, Bob with his own record, and a private data dir per test."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.test import Client

from needlewise.accounts import services as accounts
from needlewise.library.models import Subscriber
from needlewise.products import services as products
from needlewise.recovery import services as recovery
from needlewise.reminders import services as reminders
from needlewise.treatments.models import TreatmentSession
from tests.treatments.conftest import NOW, do_session, ready


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


def client_for(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def fill(user) -> TreatmentSession:
    """A check, a device, a plan, a session, a normal and a see-dermatologist check-in, a
    product, an avoid entry, reminder settings, a token and a newsletter subscription."""
    name = user.email.split("@")[0].title()
    accounts.update_profile(user, display_name=name, birth_date=date(1990, 4, 2))
    client = client_for(user)
    with time_machine.travel(NOW, tick=False):
        plan = ready(user)
        key = do_session(client, plan)
    with time_machine.travel(NOW + timedelta(hours=6), tick=False):
        recovery.record_checkin(user, {"redness": 2, "pain": 3})
    with time_machine.travel(NOW + timedelta(hours=24), tick=False):
        recovery.record_checkin(user, {"redness": 1, "symptoms": ["pus"]})
        products.add_product(
            user, name="Night serum", kind="serum", ingredients_text="Aqua, Retinol, Glycerin"
        )
        products.add_avoid(user, category="retinoid", note="itches")
        reminders.settings_for(user)
        accounts.create_token(user, "script")
        Subscriber.objects.create(email=user.email, user=user)
        add_photo(user)
    return TreatmentSession.objects.get(key=key)


def add_photo(user):
    """A real photo through the progress service: a row and its two private files."""
    import io

    from PIL import Image

    from needlewise.progress import services as progress

    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 120, 110)).save(buffer, "JPEG")
    size = buffer.tell()
    buffer.seek(0)
    return progress.add_photo(user, buffer, size=size, area="cheeks", taken_on=NOW.date())


@pytest.fixture
def full_alice(alice):
    fill(alice)
    return alice


@pytest.fixture
def full_bob(bob):
    fill(bob)
    return bob
