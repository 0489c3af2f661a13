"""Forms for accounts. Each says which field is wrong and why, in words."""

from __future__ import annotations

import zoneinfo
from datetime import date
from functools import cache
from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone

from needlewise.accounts import lockout
from needlewise.accounts.models import Profile, SkinType, User
from needlewise.accounts.throttle import Refused


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    zones = sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})
    return [(zone, zone.replace("_", " ")) for zone in zones]


class SignUpForm(forms.Form):
    email = forms.EmailField(
        label="E-mail address", widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    display_name = forms.CharField(
        label="What should we call you?",
        required=False,
        max_length=80,
        help_text="Optional. Shown only to you and to professionals you share with.",
    )
    password1 = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters, not a common password, not only numbers.",
    )
    password2 = forms.CharField(
        label="Password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "An account with this e-mail address already exists. Log in, or reset the password."
            )
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two passwords are not the same.")
        elif first:
            candidate = User(email=data.get("email", ""))
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label="E-mail address",
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": "That e-mail address and password do not match an account.",
        "inactive": "This account is inactive.",
    }
    #: Set when the account or the address must still wait (`accounts.lockout`): the page
    #: answers 429 with Retry-After.
    refused: Refused | None = None

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()

    def clean(self) -> dict[str, Any]:
        """While a delay runs the password is not even checked."""
        email = self.cleaned_data.get("username")
        if email:
            try:
                lockout.check(self.request, email)
            except Refused as refused:
                self.refused = refused
                raise forms.ValidationError(refused.message, code="throttled") from None
        return super().clean()


class ProfileForm(forms.ModelForm):
    time_zone = forms.ChoiceField(label="Time zone", choices=time_zone_choices)
    skin_type = forms.TypedChoiceField(
        label="Skin type (Fitzpatrick)",
        choices=[("", "I don't know yet")] + list(SkinType.choices),
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        help_text="How your skin reacts to sun. Types 4 to 6 need extra care against dark marks.",
    )
    birth_date = forms.DateField(
        label="Birth date",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Used to check that at-home microneedling is for adults.",
    )

    class Meta:
        model = Profile
        fields = ["display_name", "birth_date", "skin_type", "time_zone", "units"]
        labels = {"display_name": "Display name", "units": "Units"}

    def clean_birth_date(self) -> date | None:
        value: date | None = self.cleaned_data.get("birth_date")
        if value is None:
            return None
        today = timezone.localdate()
        if value > today:
            raise forms.ValidationError("A birth date cannot be in the future.")
        if value.year < 1900:
            raise forms.ValidationError("Please check the year: it is before 1900.")
        return value


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Token name",
        max_length=60,
        help_text="What the token is for, e.g. “backup script”.",
    )
