from __future__ import annotations

from collections.abc import Callable

from django import forms

from needlewise.forms_util import OurVoice
from needlewise.rules.inputs import MAX_NAME, MAX_TEXT, too_long


def at_most(most: int) -> Callable[[str], None]:
    """A length cap worded as the API words it ("at most 20,000 characters are read")."""

    def check(value: str) -> None:
        if len(value) > most:
            raise forms.ValidationError(f"This {too_long(len(value), most)}.")

    return check


class IngredientCheckForm(OurVoice, forms.Form):
    text = forms.CharField(
        label="Ingredient list",
        validators=[at_most(MAX_TEXT)],
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text="Paste it as printed on the label, e.g. “Aqua, Glycerin, Retinol, Parfum”.",
    )
    hours_since_session = forms.FloatField(
        label="Hours since your last session",
        required=False,
        min_value=0,
        max_value=24 * 365,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"}),
        help_text="Leave empty to see the full window after a session.",
    )
    product_name = forms.CharField(
        label="Product name",
        required=False,
        validators=[at_most(MAX_NAME)],
        help_text="Optional. A product named a scrub is read differently.",
    )
