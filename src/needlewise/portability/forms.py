"""Forms for the data pages. Each says which field is wrong and why, in words."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone

from needlewise.accounts.models import User
from needlewise.forms_util import DateInput, OurVoice

MAX_RANGE_DAYS = 3 * 366


class ReportForm(OurVoice, forms.Form):
    start = forms.DateField(
        label="From",
        widget=DateInput(),
        error_messages={"invalid": "Give the first day as a date, e.g. 2026-09-01."},
    )
    end = forms.DateField(
        label="To",
        widget=DateInput(),
        error_messages={"invalid": "Give the last day as a date, e.g. 2026-11-30."},
    )

    @classmethod
    def initial_range(cls) -> ReportForm:
        today = timezone.localdate()
        return cls(initial={"start": today - timedelta(days=90), "end": today})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The last day is before the first day: swap them.")
        elif start and end and (end - start).days > MAX_RANGE_DAYS:
            self.add_error("end", "A report covers at most three years: choose a shorter range.")
        return data


class DeleteAccountForm(OurVoice, forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="To be sure it is you. Nothing is deleted until you confirm.",
        error_messages={"required": "Type your password to delete the account."},
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                "That is not your password. Nothing was deleted: try again."
            )
        return password
