"""The end-of-window e-mail names the person's own products that are OK again from then on."""

from __future__ import annotations

from datetime import timedelta

import time_machine

from needlewise.products import services as products
from needlewise.reminders import services, worker
from tests.reminders.conftest import NOW, finish


def _subjects_and_bodies(smtp):
    return [
        (m["Subject"], m.get_payload()[0].get_payload(decode=True).decode()) for m in smtp.messages
    ]


def test_the_retinol_serum_is_named_when_its_week_is_over_not_before(paris, smtp):
    products.add_product(
        paris,
        name="Night retinol serum",
        kind="serum",
        ingredients_text="Aqua, Glycerin, Retinol, Parfum",
    )
    with time_machine.travel(NOW, tick=False):
        services.schedule_after_session(finish(paris, NOW))
    with time_machine.travel(NOW + timedelta(hours=73), tick=False):
        worker.run_once()
    three_days = [body for subject, body in _subjects_and_bodies(smtp) if "Aftercare" in subject]
    assert three_days and not any("Night retinol serum" in body for body in three_days)
    smtp.messages.clear()
    with time_machine.travel(NOW + timedelta(hours=169), tick=False):
        worker.run_once()
    week = [body for subject, body in _subjects_and_bodies(smtp) if "Aftercare" in subject]
    assert any("Your products that are OK again: Night retinol serum." in body for body in week)
