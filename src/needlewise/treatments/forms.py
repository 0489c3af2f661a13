"""Forms for plans and the guided session. Errors say which field and why, in words."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from needlewise.accounts.models import User
from needlewise.devices.models import OwnedDevice
from needlewise.forms_util import DateInput, OurVoice
from needlewise.glides import Glide, GlideChoice
from needlewise.rules.inputs import MAX_TEXT
from needlewise.rules.technique import Step
from needlewise.rules.vocab import AREAS, BLEEDING, CONCERNS
from needlewise.suitability.questions import AREA_WORDS, CONCERN_WORDS

BLEEDING_WORDS = {
    "none": "None",
    "pinpoint": "Tiny pinpoint dots",
    "persistent": "Bleeding that kept going",
}


class PlanForm(OurVoice, forms.Form):
    concern = forms.ChoiceField(
        label="What you want to improve",
        widget=forms.RadioSelect,
        choices=[(c, CONCERN_WORDS.get(c, c)) for c in CONCERNS],
    )
    areas = forms.MultipleChoiceField(
        label="Areas",
        widget=forms.CheckboxSelectMultiple,
        choices=[(a, AREA_WORDS.get(a, a)) for a in AREAS],
        error_messages={"required": "Pick at least one area."},
    )
    device = forms.ModelChoiceField(
        label="Device", queryset=OwnedDevice.objects.none(), empty_label=None
    )
    start_date = forms.DateField(
        label="First session on or after",
        widget=DateInput(),
    )
    course_length = forms.IntegerField(
        label="Number of sessions",
        min_value=1,
        max_value=20,
        initial=6,
        help_text="Six is a common course.",
    )

    def __init__(
        self, user: User, *args: Any, targets: tuple[list[str], list[str]] = ([], []), **kwargs: Any
    ) -> None:
        """`targets`: (concerns, areas) from the latest check, asked there once and offered
        here as the answer (the first concern; the plan has one)."""
        super().__init__(*args, **kwargs)
        devices = OwnedDevice.objects.filter(user=user).order_by("-pk")
        self.fields["device"].queryset = devices
        self.fields["start_date"].initial = timezone.localdate()
        concerns, areas = targets
        concerns = [c for c in concerns if c in CONCERNS]
        areas = [a for a in areas if a in AREAS]
        self.from_check = bool(concerns and areas)
        if self.from_check:
            self.fields["concern"].initial = concerns[0]
            self.fields["areas"].initial = areas


class LengthsForm(OurVoice, forms.Form):
    """One select per area, offering only the lengths the rule core allows there."""

    def __init__(
        self, allowed: dict[str, list[float]], current: dict[str, float], *args: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for area, lengths in allowed.items():
            self.fields[area] = forms.TypedChoiceField(
                label=AREA_WORDS.get(area, area),
                coerce=float,
                initial=current.get(area),
                choices=[(mm, f"{mm:g} mm") for mm in lengths],
            )


class ChecklistForm(OurVoice, forms.Form):
    """Each preparation step must be confirmed; numbing cream is a choice, never required."""

    def __init__(self, steps: list[Step], device_kind: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.steps = steps
        for step in steps:
            if step.key == "numbing":
                self.fields["numbing"] = forms.BooleanField(
                    required=False, label="I used a numbing cream", help_text=step.message
                )
                continue
            label = step.message
            if step.key == "sterilise" and device_kind == "pen":
                label = "I fitted a new, sterile, sealed cartridge."
            self.fields[step.key] = forms.BooleanField(
                label=label,
                error_messages={"required": "Please confirm this step, or stop here for today."},
            )


class GlideForm(OurVoice, forms.Form):
    """Which product goes on the skin while needling: one from the shelf, nothing, or a new
    one typed in (kept on the shelf)."""

    NONE, NEW = "none", "new"
    VERDICT_WORDS = {"ok": "fine as a glide", "avoid": "not as a glide"}

    glide = forms.ChoiceField(
        label="What goes on your skin while you needle?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose a product, nothing, or a new product.",
            "invalid_choice": "Choose one of the products listed, nothing, or a new product.",
        },
    )
    name = forms.CharField(
        label="Name of the new product",
        required=False,
        max_length=200,
        help_text="As on the label. It goes on your shelf, so you keep it.",
    )
    ingredients = forms.CharField(
        label="Its ingredients, as printed",
        required=False,
        max_length=MAX_TEXT,  # as a product's, on the shelf and in the API
        strip=False,
        widget=forms.Textarea(
            attrs={"rows": 5, "autocapitalize": "off", "autocorrect": "off", "spellcheck": "false"}
        ),
        help_text=(
            "Copy or type the whole list from the pack. Without it we cannot tell what is in it."
        ),
    )

    def __init__(self, shelf: list[Glide], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.shelf = shelf
        self.fields["glide"].choices = [
            *((str(g.product_id), f"{g.name} ({self.VERDICT_WORDS[g.verdict]})") for g in shelf),
            (self.NONE, "Nothing: I needle without a glide"),
            (self.NEW, "Another product: I type it in below"),
        ]

    def options(self) -> list[tuple[Any, Glide | None]]:
        """Each radio with the shelf product it names (None: nothing, or a new product)."""
        products: list[Glide | None] = [*self.shelf, None, None]
        return list(zip(self["glide"].subwidgets, products, strict=True))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("glide") == self.NEW and not (data.get("name") or "").strip():
            self.add_error("name", "Give the new product's name, as on the label.")
        return data

    def choice(self) -> GlideChoice:
        """The answer, as the session's service takes it."""
        picked = self.cleaned_data["glide"]
        if picked == self.NONE:
            return GlideChoice(none=True)
        if picked == self.NEW:
            data = self.cleaned_data
            return GlideChoice(name=data["name"], ingredients=data["ingredients"])
        return GlideChoice(product_id=int(picked))


class FinishForm(OurVoice, forms.Form):
    """What was done on each area of the plan."""

    notes = forms.CharField(
        label="Notes for this session",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        needle_mm: dict[str, float],
        *args: Any,
        why: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        """`needle_mm`: the longest length allowed now per area (plan and limits);
        `why`: what sets it, in words."""
        super().__init__(*args, **kwargs)
        self.areas = list(needle_mm)
        for area, mm in needle_mm.items():
            words = AREA_WORDS.get(area, area)
            reason = (why or {}).get(area) or f"Your plan allows up to {mm:g} mm here."
            self.fields[f"{area}-needle_mm"] = forms.FloatField(
                label=f"{words}: needle length (mm)",
                initial=mm,
                min_value=0.1,
                max_value=mm,
                help_text=reason,
                error_messages={"max_value": f"{words}: at most {mm:g} mm. {reason}"},
            )
            self.fields[f"{area}-passes"] = forms.IntegerField(
                label=f"{words}: passes", min_value=0, max_value=50, initial=4
            )
            self.fields[f"{area}-pain"] = forms.IntegerField(
                label=f"{words}: pain, 0 (none) to 10 (worst)", min_value=0, max_value=10, initial=0
            )
            self.fields[f"{area}-bleeding"] = forms.ChoiceField(
                label=f"{words}: bleeding",
                widget=forms.RadioSelect,
                initial="none",
                choices=[(b, BLEEDING_WORDS.get(b, b)) for b in BLEEDING],
            )

    def records(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        return [
            {
                "area": area,
                "needle_mm": data[f"{area}-needle_mm"],
                "passes": data[f"{area}-passes"],
                "pain": data[f"{area}-pain"],
                "bleeding": data[f"{area}-bleeding"],
            }
            for area in self.areas
        ]
