"""Public vocabularies are read from the knowledge files and keep their contract order."""

from __future__ import annotations

from needlewise.rules import vocab


def test_verdicts_and_levels_are_ordered_worst_first() -> None:
    assert vocab.VERDICTS == ("not_at_home", "not_now", "see_professional", "caution", "go")
    assert vocab.TRIAGE_LEVELS == ("urgent", "see_dermatologist", "watch", "normal")
    assert vocab.INGREDIENT_VERDICTS == ("avoid", "caution", "ok")


def test_grades_bleeding_procedures_and_devices() -> None:
    assert vocab.GRADES == ("REG", "PEER", "MFR", "CLINIC", "WEB", "SEED")
    assert vocab.BLEEDING == ("none", "pinpoint", "persistent")
    assert vocab.PROCEDURE_KINDS == ("peel", "laser", "filler", "toxin")
    assert vocab.DEVICE_KINDS == ("roller", "stamp", "pen")
    assert vocab.FDA_STATUS == ("cleared", "not_cleared", "unknown")


def test_codes_match_the_policy_lists() -> None:
    assert set(vocab.AREAS) == {"under_eye", "nose", "upper_lip", "forehead", "cheeks",
                                "chin_jawline", "neck", "decolletage", "body"}  # fmt: skip
    assert set(vocab.CONCERNS) == {"product_absorption", "texture", "fine_lines",
                                   "enlarged_pores", "hyperpigmentation", "acne_scars",
                                   "stretch_marks"}  # fmt: skip
    assert set(vocab.SYMPTOMS) == {
        "pus", "warmth", "spreading_redness", "eye_area_infection", "metallic_taste",
        "numb_lips", "dizziness", "blurred_vision", "ringing_ears", "swollen_lymph_nodes",
        "cold_sore_flare", "new_bumps", "dark_patches", "swelling", "tightness", "flaking",
        "itching", "nonhealing_sore",
    }  # fmt: skip
    assert set(vocab.INGREDIENT_CATEGORIES) == {
        "retinoid", "aha", "pha", "bha", "benzoyl_peroxide", "vitamin_c", "vitamin_c_derivative",
        "drying_alcohol", "fragrance", "fragrance_allergen", "essential_oil",
        "physical_exfoliant", "enzyme_exfoliant", "soothing",
    }  # fmt: skip
    assert len(vocab.CONDITIONS) == 28
    assert set(vocab.AFTERCARE_TOPICS) >= {"makeup", "sun", "sunscreen", "sweaty_exercise",
                                           "sauna_pool", "soothing"}  # fmt: skip
