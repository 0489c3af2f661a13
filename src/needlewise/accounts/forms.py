"""Forms for accounts. Each says which field is wrong and why, in words."""

from __future__ import annotations

import zoneinfo
from datetime import date
from functools import cache
from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest
from django.utils import timezone

from needlewise.accounts import factors, lockout, passkeys
from needlewise.accounts.models import Currency, Profile, SkinType, User
from needlewise.accounts.throttle import Refused
from needlewise.forms_util import DateInput, OurVoice


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    zones = sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})
    return [(zone, zone.replace("_", " ")) for zone in zones]


class SignUpForm(OurVoice, forms.Form):
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
    # Filled by js/time-zone.js from the browser; anything not a known zone is UTC.
    time_zone = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def clean_time_zone(self) -> str:
        zone = self.cleaned_data.get("time_zone") or ""
        known = {name for name, _ in time_zone_choices()}
        return zone if zone in known else "UTC"

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


class LoginForm(OurVoice, AuthenticationForm):
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


class ProfileForm(OurVoice, forms.ModelForm):
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
        widget=DateInput(),
        help_text="Used to check that at-home microneedling is for adults.",
    )

    class Meta:
        model = Profile
        fields = ["display_name", "birth_date", "skin_type", "time_zone", "units", "currency"]
        labels = {"display_name": "Display name", "units": "Units", "currency": "Currency"}
        help_texts = {"currency": "What the cost of home care is shown in."}

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        if data is not None and "currency" not in data:
            # A post that does not ask (an older page, a script) keeps the person's currency.
            instance = kwargs.get("instance")
            data = data.copy()
            data["currency"] = instance.currency if instance is not None else Currency.EUR
        super().__init__(data, *args, **kwargs)

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


class TokenForm(OurVoice, forms.Form):
    name = forms.CharField(
        label="Token name",
        max_length=60,
        help_text="What the token is for, e.g. “backup script”.",
    )


_CODE_WIDGET = forms.TextInput(
    attrs={"autocomplete": "one-time-code", "inputmode": "text", "autocapitalize": "off"}
)


class SecondFactorForm(OurVoice, forms.Form):
    """The code from the authenticator app, or one recovery code."""

    code = forms.CharField(
        label="Code",
        max_length=40,
        widget=_CODE_WIDGET,
        help_text="The 6 digits your authenticator app shows, or one of your recovery codes.",
    )


class AppCodeForm(OurVoice, forms.Form):
    code = forms.CharField(
        label="Code from the app",
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text="The 6 digits the app shows for Needlewise now.",
    )


class ConfirmForm(OurVoice, forms.Form):
    """The password and a fresh second factor, asked before a factor is weakened."""

    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = forms.CharField(
        label="Code",
        max_length=40,
        required=False,
        widget=_CODE_WIDGET,
        help_text="The 6 digits your authenticator app shows, or one of your recovery codes.",
    )
    #: Filled by static/js/passkeys.js when the person uses a passkey instead of a code.
    passkey = forms.CharField(required=False, widget=forms.HiddenInput, max_length=20_000)

    def __init__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        self.user: User = request.user  # type: ignore[assignment]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "password" in data and not self.user.check_password(data["password"]):
            self.add_error("password", "That is not your password.")
        elif data.get("passkey"):
            self._check_passkey(data["passkey"])
        elif not data.get("code"):
            self.add_error("code", "Type a code from your app, or a recovery code.")
        elif factors.check_code(self.user, data["code"]) is None:
            self.add_error("code", "That code is not right, or was used already.")
        return data

    def _check_passkey(self, raw: str) -> None:
        try:
            credential = passkeys.parse(raw.encode(), whole=True)
            passkeys.authenticate(self.request, credential, self.user)
        except passkeys.PasskeyRefused as refused:
            self.add_error(None, str(refused))
