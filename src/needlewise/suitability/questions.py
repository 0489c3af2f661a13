"""The suitability questionnaire as data: one step per screen, every POLICY.md §1 code asked in
plain words. Nothing is ever pre-ticked."""

from __future__ import annotations

from dataclasses import dataclass

from needlewise.rules import labels


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    intro: str
    questions: tuple[tuple[str, str], ...] = ()  # (condition code, plain question)


STEPS: tuple[Step, ...] = (
    Step(
        "about-you",
        "About you",
        "Your age and skin type change what is safe. We keep them in your profile.",
    ),
    Step(
        "health",
        "Your health",
        "Tick any that apply to you now or have in the past. Leave everything empty if none does.",
        (
            ("pregnant", "I am pregnant or might be"),
            ("breastfeeding", "I am breastfeeding"),
            (
                "bleeding_disorder",
                "I have a bleeding or clotting disorder (for example haemophilia)",
            ),
            ("diabetes", "I have diabetes"),
            ("immunosuppressed", "My immune system is weakened (by illness or by medicines)"),
            ("keloid_tendency", "I get raised, thick scars (keloids) when my skin heals"),
            ("radiotherapy_last_12_months", "I had radiotherapy in the last 12 months"),
            ("cold_sore_history", "I have had cold sores"),
            ("eczema_history", "I have had eczema (not active now)"),
            ("psoriasis_history", "I have had psoriasis (not active now)"),
        ),
    ),
    Step(
        "medicines",
        "Medicines and allergies",
        "Some medicines slow healing or make bleeding more likely. Needles are usually stainless "
        "steel; numbing creams contain anaesthetics.",
        (
            ("isotretinoin_current", "I take isotretinoin now (Roaccutane, Accutane and others)"),
            ("isotretinoin_past", "I took isotretinoin in the past"),
            (
                "anticoagulants",
                "I take blood thinners (for example warfarin, apixaban, daily aspirin)",
            ),
            ("stainless_steel_allergy", "I am allergic to stainless steel"),
            ("metal_allergy", "I am allergic to other metals (for example nickel or titanium)"),
            ("anaesthetic_allergy", "I am allergic to local anaesthetics (numbing creams)"),
        ),
    ),
    Step(
        "skin-today",
        "Your skin today",
        "Think only of the areas you want to treat. Tick anything you see there now.",
        (
            ("skin_cancer_in_area", "Skin cancer, now or treated, in one of these areas"),
            ("suspicious_mole_in_area", "A mole or spot that has changed, itches or bleeds"),
            ("eczema_active", "Eczema that is flaring now"),
            ("psoriasis_active", "Psoriasis that is flaring now"),
            ("acne_active", "Active acne: red or pus-filled spots"),
            ("rosacea_active", "Rosacea that is flaring now"),
            ("open_wound", "An open cut, graze or wound"),
            ("broken_or_irritated_skin", "Broken, raw or irritated skin"),
            ("active_infection", "A skin infection (for example impetigo or warts)"),
            ("cold_sore_active", "A cold sore now"),
            ("sunburn", "Sunburn"),
        ),
    ),
    Step(
        "procedures",
        "Recent treatments",
        "Other skin treatments need time to settle first. Give the date of the most recent one.",
    ),
    Step(
        "areas",
        "What you want to treat",
        "Pick the areas and what you hope to improve. You can change this at the next check.",
    ),
)
STEP_SLUGS = tuple(step.slug for step in STEPS)
ASKED_CODES = frozenset(code for step in STEPS for code, _ in step.questions) | {"recent_procedure"}

#: The areas as the check asks them: the label registry's words, with a warning on the eyes.
AREA_WORDS = labels.AREA | {"under_eye": "Under the eyes (never on the eyelids)"}
CONCERN_WORDS = {
    "product_absorption": "Help serums soak in",
    "texture": "Smoother texture",
    "fine_lines": "Fine lines",
    "enlarged_pores": "Enlarged pores",
    "hyperpigmentation": "Dark spots and uneven tone",
    "acne_scars": "Acne scars",
    "stretch_marks": "Stretch marks",
}
#: The procedures as the check asks them, one named by example.
PROCEDURE_WORDS = labels.PROCEDURE_KIND | {
    "toxin": "Muscle-relaxing injections (for example Botox)",
}
