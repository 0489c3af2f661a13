"""The cost of home care in the person's own currency: the summary, the table, the form labels
and the chart all name it; the chart counts whole sessions and starts at zero."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from matplotlib.figure import Figure

from needlewise.accounts.models import Profile
from needlewise.library import costs
from tests.treatments.conftest import do_session


def _one_session(alice_client, alice, plan, currency):
    Profile.objects.filter(user=alice).update(currency=currency)
    on = (timezone.localdate() - timedelta(days=3)).isoformat()
    alice_client.post("/library/cost/", {"on": on, "kind": "device", "amount": "30.00"})
    alice_client.post("/library/cost/clinic-price/", {"per_session": "120"})
    do_session(alice_client, plan)


def test_the_page_and_chart_name_the_chosen_currency(alice_client, alice, plan, clock):
    _one_session(alice_client, alice, plan, "GBP")
    html = alice_client.get("/library/cost/").content.decode()
    summary = "After 1 session, home care has cost £30.00 in all, £30.00 per session."
    assert summary in html
    assert "The same number of clinic sessions would cost £120.00." in html
    assert f'<figcaption data-testid="chart-description">{summary}' in html
    assert "Amounts are in Pound sterling (GBP, £)." in html
    assert "Amount (GBP)" in html and "Home care so far (GBP)" in html
    assert "<td>£30.00</td>" in html
    chart = alice_client.get("/library/cost/chart.svg").content.decode()
    assert "Cost in GBP" in chart and "£" in chart


def test_a_currency_without_a_symbol_is_written_as_its_code(alice_client, alice, plan, clock):
    _one_session(alice_client, alice, plan, "CHF")
    html = alice_client.get("/library/cost/").content.decode()
    assert "home care has cost CHF 30.00 in all" in html
    assert "Cost in CHF" in alice_client.get("/library/cost/chart.svg").content.decode()


def test_euro_until_the_person_chooses(alice_client, alice, plan, clock):
    do_session(alice_client, plan)
    costs.add_entry(alice, on=timezone.localdate(), kind="serum", amount=Decimal("12.5"))
    html = alice_client.get("/library/cost/").content.decode()
    assert "home care has cost €12.50 in all" in html
    assert 'href="/accounts/profile/#id_currency"' in html


def test_the_cost_chart_counts_whole_sessions_from_zero():
    day = timezone.localdate()
    points = [
        costs.Point(n, day, Decimal(30 + 5 * n), Decimal(120 * n) if n else None) for n in (1, 2, 3)
    ]
    figure = Figure()
    costs._draw(figure, points, "EUR")
    (axes,) = figure.axes
    assert axes.get_ylim()[0] == 0
    assert axes.get_xlim()[0] > 0  # no session 0 or below
    ticks = [t for t in axes.get_xticks() if axes.get_xlim()[0] <= t <= axes.get_xlim()[1]]
    assert ticks == [1, 2, 3]
    figure.canvas.draw()
    assert axes.get_yticklabels()[0].get_text() == "€0"
