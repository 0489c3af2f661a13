"""Library forms. Each says which field is wrong and why, in words."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import forms
from django.utils import timezone

from needlewise.forms_util import DateInput, OurVoice
from needlewise.library.models import CostEntry


class SubscribeForm(OurVoice, forms.Form):
    email = forms.EmailField(
        label="Your e-mail address",
        max_length=254,
        error_messages={
            "required": "Enter your e-mail address.",
            "invalid": "Enter an e-mail address like name@example.com.",
        },
        help_text="We send one e-mail to check it is yours. Nothing else until you confirm.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class SearchForm(OurVoice, forms.Form):
    q = forms.CharField(
        label="Search guides and news",
        max_length=200,
        required=False,
        error_messages={"max_length": "Use at most %(limit_value)d characters."},
    )


class CostEntryForm(OurVoice, forms.ModelForm):
    class Meta:
        model = CostEntry
        fields = ["on", "kind", "description", "amount"]
        labels = {"on": "Paid on", "amount": "Amount"}
        widgets = {
            "on": DateInput(),
            "amount": forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
        }

    def clean_amount(self) -> Decimal:
        amount: Decimal = self.cleaned_data["amount"]
        if amount <= 0:
            raise forms.ValidationError("Enter an amount above zero.")
        return amount

    def clean_on(self) -> date:
        on: date = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise forms.ValidationError("This date is in the future.")
        return on


class ClinicPriceForm(OurVoice, forms.Form):
    per_session = forms.DecimalField(
        label="A clinic session would cost",
        required=False,
        min_value=Decimal("0.01"),
        max_digits=8,
        decimal_places=2,
        help_text="Optional: the price a clinic near you asks for one session.",
    )
