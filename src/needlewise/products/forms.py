"""Forms for the shelf. Each says which field is wrong and why, in words."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from needlewise.forms_util import DateInput, OurVoice
from needlewise.products.models import CATEGORY_CHOICES, MAX_PAO_MONTHS, MAX_TEXT, Kind, Product


class ProductForm(OurVoice, forms.Form):
    name = forms.CharField(
        label="Product name",
        max_length=200,
        help_text="As on the label, e.g. “Night Renewal Serum”.",
        error_messages={"required": "Give the product's name, as on the label."},
    )
    brand = forms.CharField(label="Brand", max_length=200, required=False)
    kind = forms.ChoiceField(
        label="What kind of product is it?", choices=Kind.choices, initial=Kind.OTHER
    )
    ingredients_text = forms.CharField(
        label="Ingredients, as printed",
        required=False,
        max_length=MAX_TEXT,
        strip=False,
        widget=forms.Textarea(
            attrs={"rows": 10, "autocapitalize": "off", "autocorrect": "off", "spellcheck": "false"}
        ),
        help_text=(
            "Copy or type the whole list from the pack, including “Ingredients:”. "
            "We read it when you save."
        ),
        error_messages={"max_length": f"Use at most {MAX_TEXT:,} characters."},
    )
    opened_on = forms.DateField(
        label="Opened on",
        required=False,
        widget=DateInput(),
        help_text="Leave empty if it is not open yet.",
        error_messages={"invalid": "Give a date like 2026-11-01."},
    )
    pao_months = forms.IntegerField(
        label="Use within (months after opening)",
        required=False,
        min_value=1,
        max_value=MAX_PAO_MONTHS,
        help_text="The open-jar symbol on the pack, e.g. “12M” means 12.",
        error_messages={
            "min_value": f"Give a number of months from 1 to {MAX_PAO_MONTHS}.",
            "max_value": f"Give a number of months from 1 to {MAX_PAO_MONTHS}.",
            "invalid": "Give a whole number of months, e.g. 12.",
        },
    )

    @classmethod
    def for_product(cls, product: Product, data: object = None) -> ProductForm:
        initial = {name: getattr(product, name) for name in cls.base_fields}
        return cls(data, initial=initial)  # type: ignore[arg-type]

    def clean_opened_on(self) -> object:
        opened = self.cleaned_data["opened_on"]
        if opened is not None and opened > timezone.localdate():
            raise forms.ValidationError("That day is in the future: give the day you opened it.")
        return opened


class AvoidCategoryForm(OurVoice, forms.Form):
    category = forms.ChoiceField(
        label="A kind of ingredient",
        choices=[("", "Choose…"), *CATEGORY_CHOICES],
        error_messages={"required": "Choose a kind of ingredient to avoid."},
    )
    note = forms.CharField(label="Why (for you)", max_length=300, required=False)


class AvoidIngredientForm(OurVoice, forms.Form):
    ingredient = forms.CharField(
        label="One ingredient",
        max_length=200,
        help_text="As on labels, e.g. Retinol or Linalool.",
        error_messages={"required": "Give an ingredient name, e.g. Retinol."},
    )
    note = forms.CharField(label="Why (for you)", max_length=300, required=False)
