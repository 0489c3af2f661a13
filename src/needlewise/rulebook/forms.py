from __future__ import annotations

from django import forms


class IngredientCheckForm(forms.Form):
    text = forms.CharField(
        label="Ingredient list",
        max_length=100_000,
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
        max_length=200,
        help_text="Optional. A product named a scrub is read differently.",
    )
