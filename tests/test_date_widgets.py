"""Every date field of every form is filled in ISO (2026-12-02): a `type=date` input drops any
other value, so a localised "02/12/2026" left the field empty and the form came back "required"."""

from __future__ import annotations

import importlib
import inspect
from datetime import date, timedelta

from django import forms
from django.utils import timezone

from needlewise.forms_util import DateInput
from needlewise.portability.forms import ReportForm
from needlewise.progress.forms import PhotoForm, RatingForm
from needlewise.suitability.forms import ProceduresForm
from tests.test_form_caps import APPS


def _date_fields() -> list[tuple[str, forms.Field]]:
    found = []
    for app in APPS:
        module = importlib.import_module(f"needlewise.{app}.forms")
        for name, form in inspect.getmembers(module, inspect.isclass):
            if issubclass(form, forms.BaseForm) and form.__module__ == module.__name__:
                for field_name, field in form.base_fields.items():
                    if isinstance(field, forms.DateField):
                        found.append((f"{app}.{name}.{field_name}", field))
    return found


def test_the_scan_finds_the_date_fields():
    names = {name for name, _ in _date_fields()}
    assert {"progress.PhotoForm.taken_on", "progress.RatingForm.rated_on"} <= names
    assert len(names) >= 8


def test_every_date_field_uses_the_iso_picker_and_renders_iso():
    for name, field in _date_fields():
        assert isinstance(field.widget, DateInput), name
        html = field.widget.render("d", date(2026, 12, 2))
        assert 'type="date"' in html and 'value="2026-12-02"' in html, (name, html)


def test_fields_made_per_form_use_it_too():
    for name, field in ProceduresForm().fields.items():
        assert isinstance(field.widget, DateInput), name


def _values(html: str) -> list[str]:
    """The value of each `type=date` input in a form's HTML."""
    return [part.split('value="')[1].split('"')[0] for part in html.split('type="date"')[1:]]


def test_the_initial_values_render_as_iso(db):
    """The first photo, the first rating and the first report: today is filled in, as ISO."""
    today = timezone.localdate()
    assert _values(str(PhotoForm())) == [today.isoformat()]
    assert _values(str(RatingForm())) == [today.isoformat()]
    start = today - timedelta(days=90)
    assert _values(str(ReportForm.initial_range())) == [start.isoformat(), today.isoformat()]
