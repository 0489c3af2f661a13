"""Forms for progress photos, regions and ratings; errors say which field and why."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from needlewise.forms_util import DateInput, OurVoice, not_after_today
from needlewise.people_words import person_date
from needlewise.progress import images
from needlewise.rules import labels
from needlewise.rules.vocab import AREAS, CONCERNS


def _label(code: str) -> str:
    return labels.label_or_words(code)


AREA_CHOICES = [(a, _label(a)) for a in AREAS]


class PhotoForm(OurVoice, forms.Form):
    image = forms.FileField(
        label="Photo",
        help_text="Take one with the camera or pick a file: JPEG, PNG or HEIC, up to 20 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
        error_messages={"required": "Choose a photo or take one with the camera."},
    )
    area = forms.ChoiceField(label="Area", choices=AREA_CHOICES)
    taken_on = forms.DateField(
        label="Taken on",
        widget=DateInput(),
        initial=timezone.localdate,
        validators=[not_after_today],
    )
    session = forms.ChoiceField(
        label="After session",
        required=False,
        help_text="Tag it with a session so the comparison can show what happened in between.",
    )

    def __init__(self, *args: Any, sessions: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["session"].choices = [("", "No session")] + [
            (str(s.key), person_date(s.done_at)) for s in sessions
        ]

    def clean_image(self) -> Any:
        upload = self.cleaned_data["image"]
        if upload.size > images.MAX_BYTES:
            mb = upload.size / 1024 / 1024
            raise forms.ValidationError(f"This photo is {mb:.1f} MB; the limit is 20 MB.")
        return upload


class RegionForm(OurVoice, forms.Form):
    """The box to measure, and optionally the white or grey card, in pixels of the photo."""

    x = forms.IntegerField(label="Left", min_value=0, initial=0)
    y = forms.IntegerField(label="Top", min_value=0, initial=0)
    w = forms.IntegerField(label="Width", min_value=1)
    h = forms.IntegerField(label="Height", min_value=1)
    card_x = forms.IntegerField(label="Card left", min_value=0, required=False)
    card_y = forms.IntegerField(label="Card top", min_value=0, required=False)
    card_w = forms.IntegerField(label="Card width", min_value=1, required=False)
    card_h = forms.IntegerField(label="Card height", min_value=1, required=False)

    CARD = ("card_x", "card_y", "card_w", "card_h")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        given = [name for name in self.CARD if data.get(name) is not None]
        if given and len(given) != len(self.CARD):
            self.add_error(
                "card_x", "Give all four card numbers (left, top, width, height), or none."
            )
        return data

    def region(self) -> dict[str, int]:
        return {k: self.cleaned_data[k] for k in ("x", "y", "w", "h")}

    def card(self) -> dict[str, int] | None:
        if self.cleaned_data.get("card_x") is None:
            return None
        return {k[5:]: self.cleaned_data[k] for k in self.CARD}


class RatingForm(OurVoice, forms.Form):
    concern = forms.ChoiceField(label="Concern", choices=[(c, _label(c)) for c in CONCERNS])
    score = forms.TypedChoiceField(
        label="How it looks to you now",
        help_text="1 is the worst it has been, 10 is as good as you hope for.",
        choices=[(str(n), str(n)) for n in range(1, 11)],
        coerce=int,
        widget=forms.Select,
    )
    rated_on = forms.DateField(
        label="Date", widget=DateInput(), initial=timezone.localdate, validators=[not_after_today]
    )
