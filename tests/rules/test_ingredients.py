"""Ingredient parsing handles every case in ingredients.md; checks follow POLICY.md section 4."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from needlewise.rules.errors import InputError
from needlewise.rules.ingredients import check, parse


def names(text: str, product_name: str | None = None) -> list[str]:
    return [i.name for i in parse(text, product_name)]


def cats(text: str) -> dict[str, tuple[str, ...]]:
    return {i.name: i.categories for i in parse(text)}


# --- parsing cases -------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["Aqua/Water/Eau", "Water (Aqua)", "Aqua (Water)", "AQUA", "eau"])
def test_water_spellings_are_one_ingredient_named_water(text: str) -> None:
    assert names(text) == ["Water"]


def test_a_b_and_slash_forms_are_one_ingredient_with_synonyms() -> None:
    assert names("Parfum (Fragrance), Retinal [Retinaldehyde], Aqua/Water/Eau") == [
        "Parfum", "Retinal", "Water",
    ]  # fmt: skip


def test_botanical_names_with_a_common_name_in_brackets_match_whole() -> None:
    assert cats("Citrus Limon (Lemon) Peel Oil")["Citrus Limon (Lemon) Peel Oil"] == (
        "essential_oil",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ingredients: Water, Glycerin", ["Water", "Glycerin"]),
        ("INGREDIENTS: Water, Glycerin", ["Water", "Glycerin"]),
        ("Active ingredient: Adapalene 0.1%\nInactive ingredients: Water, Carbomer",
         ["Adapalene", "Water", "Carbomer"]),
        ("Water, Glycerin. May contain (+/-): CI 77491, CI 77891.",
         ["Water", "Glycerin", "CI 77491", "CI 77891"]),
        ("Water, Aloe Barbadensis Leaf Juice*, Glycerin\n*Certified organic",
         ["Water", "Aloe Barbadensis Leaf Juice", "Glycerin"]),
        ("Water, Aloe Barbadensis Leaf Juice*. *Certified organic ingredient",
         ["Water", "Aloe Barbadensis Leaf Juice"]),
    ],
)  # fmt: skip
def test_headers_and_footers_are_not_ingredients(text: str, expected: list[str]) -> None:
    assert names(text) == expected


def test_may_contain_header_without_a_full_stop_before_it() -> None:
    assert names("Water\nMay contain [+/-]: CI 77491") == ["Water", "CI 77491"]


@pytest.mark.parametrize(
    "text",
    [
        "Water, Glycerin, Retinol",
        "Water; Glycerin; Retinol",
        "Water\nGlycerin\nRetinol",
        "Water • Glycerin • Retinol",
        "Water, Glycerin, Retinol.",
        "Water,\r\nGlycerin ;\n• Retinol.",
    ],
)
def test_separators_commas_semicolons_new_lines_bullets_and_final_stop(text: str) -> None:
    assert names(text) == ["Water", "Glycerin", "Retinol"]


def test_percentages_and_grades_are_ignored() -> None:
    parsed = parse("Salicylic Acid 2%, Zinc Oxide 20% (Non-Nano), Niacinamide 10 %")
    assert [i.name for i in parsed] == ["Salicylic Acid", "Zinc Oxide", "Niacinamide"]
    assert parsed[0].categories == ("bha",)
    assert parsed[1].input == "Zinc Oxide 20% (Non-Nano)"


def test_decimal_commas_in_percentages_do_not_split() -> None:
    assert names("Salicylic Acid 0,5%, Water") == ["Salicylic Acid", "Water"]


def test_numbers_with_commas_in_chemical_names_do_not_split() -> None:
    assert names("Water, 1,2-Hexanediol, Glycerin") == ["Water", "1,2-Hexanediol", "Glycerin"]


def test_case_doubled_and_non_breaking_spaces_and_trailing_asterisks() -> None:
    text = "SALICYLIC  ACID**, salicylic\u00a0acid, Salicylic Acid*"
    assert names(text) == ["Salicylic Acid"] * 3


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_empty_or_whitespace_text_is_a_clear_error(text: str) -> None:
    with pytest.raises(InputError) as err:
        parse(text)
    assert err.value.field == "text"


def test_a_100000_character_label_is_read_but_refused_in_words() -> None:
    """The parser still copes with it; the check refuses so many names (issue 16: one such
    request answered 39.7 MB) and says why."""
    text = ", ".join(["Water", "Glycerin", "Retinol", "Cetearyl Alcohol"] * 6000)[:100_000]
    assert len(text) == 100_000
    assert len(parse(text)) > 9_000
    with pytest.raises(InputError, match="more than 200 ingredients at once") as refused:
        check(text)
    assert refused.value.field == "text"
    assert "check one product at a time" in refused.value.message


def test_an_unpaired_bracket_does_not_swallow_the_rest_of_the_list() -> None:
    assert names("Water (Aqua, Glycerin, Retinol") == ["Water Aqua", "Glycerin", "Retinol"]


# --- categories ------------------------------------------------------------------------------

FATTY = ["Cetyl Alcohol", "Stearyl Alcohol", "Cetearyl Alcohol", "Behenyl Alcohol",
         "Myristyl Alcohol", "Lauryl Alcohol", "Arachidyl Alcohol"]  # fmt: skip


@pytest.mark.parametrize("fatty", FATTY)
def test_fatty_alcohols_are_never_drying_alcohols(fatty: str) -> None:
    [item] = parse(fatty.upper())
    assert item.categories == ()
    assert item.known
    assert check(fatty).verdict == "ok"


def test_benzyl_alcohol_is_only_a_fragrance_allergen() -> None:
    assert cats("Benzyl Alcohol") == {"Benzyl Alcohol": ("fragrance_allergen",)}


@pytest.mark.parametrize(
    "drying", ["Alcohol Denat.", "Alcohol", "Denatured Alcohol", "Ethanol", "Isopropyl Alcohol",
               "SD Alcohol 40-B", "SD Alcohol 3-A"],
)  # fmt: skip
def test_drying_alcohols_are_found(drying: str) -> None:
    assert parse(drying)[0].categories == ("drying_alcohol",)


def test_carrier_oils_are_not_essential_oils() -> None:
    text = "Simmondsia Chinensis (Jojoba) Seed Oil, Rosa Canina Fruit Oil, Squalane"
    assert [i.categories for i in parse(text)] == [(), (), ("soothing",)]


def test_citric_acid_is_an_aha_at_position_3() -> None:
    parsed = parse("Water, Glycerin, Citric Acid, Xanthan Gum")
    assert parsed[2].categories == ("aha",)


def test_citric_acid_is_not_an_aha_at_position_8() -> None:
    text = (
        "Water, Glycerin, Squalane, Xanthan Gum, Carbomer, Tocopherol, Sodium Hydroxide, "
        "Citric Acid"
    )
    parsed = parse(text)
    assert parsed[7].name == "Citric Acid" and parsed[7].categories == ()
    assert check(text).verdict == "ok"


@pytest.mark.parametrize(
    ("name", "category"),
    [("Retinyl Palmitate", "retinoid"), ("Trifarotene", "retinoid"), ("Mandelic Acid", "aha"),
     ("Lactobionic Acid", "pha"), ("Betaine Salicylate", "bha"),
     ("Benzoyl Peroxide", "benzoyl_peroxide"), ("L-Ascorbic Acid", "vitamin_c"),
     ("3-O-Ethyl Ascorbic Acid", "vitamin_c_derivative"), ("Aroma", "fragrance"),
     ("Hydroxyisohexyl 3-Cyclohexene Carboxaldehyde", "fragrance_allergen"),
     ("Melaleuca Alternifolia (Tea Tree) Leaf Oil", "essential_oil"),
     ("Juglans Regia (Walnut) Shell Powder", "physical_exfoliant"),
     ("Bromelain", "enzyme_exfoliant"), ("Ceramide NP", "soothing")],
)  # fmt: skip
def test_names_from_each_category_are_found(name: str, category: str) -> None:
    assert parse(name)[0].categories == (category,)


# --- check levels ---------------------------------------------------------------------------


def _finding(text: str, hours: float | None = None, product: str | None = None):  # type: ignore[no-untyped-def]
    [finding] = [f for f in check(text, hours, product).findings if f.level != "recommended"]
    return finding


@pytest.mark.parametrize(
    ("text", "level", "window"),
    [("Retinol", "avoid", 168), ("Glycolic Acid", "avoid", 168), ("Salicylic Acid", "avoid", 168),
     ("Benzoyl Peroxide", "avoid", 168), ("Ascorbic Acid", "avoid", 168),
     ("Papain", "avoid", 168), ("Parfum", "avoid", 72), ("Alcohol Denat.", "avoid", 72),
     ("Rosa Damascena Flower Oil", "avoid", 72), ("Linalool", "caution", 72),
     ("Gluconolactone", "caution", 72), ("Ascorbyl Glucoside", "caution", 72),
     ("Salix Alba (Willow) Bark Extract", "caution", 168),
     ("Carica Papaya (Papaya) Fruit Extract", "caution", 168)],
)  # fmt: skip
def test_each_category_level_and_window(text: str, level: str, window: int) -> None:
    finding = _finding(text)
    assert (finding.level, finding.until_hours) == (level, window)
    assert check(text).verdict == level


@pytest.mark.parametrize(("text", "window"), [("Retinol", 168), ("Parfum", 72), ("Linalool", 72)])
def test_a_category_is_ok_once_its_window_is_over(text: str, window: int) -> None:
    assert _finding(text, window - 1).level != "ok"
    assert _finding(text, window).level == "ok"
    assert check(text, window).verdict == "ok"


def test_inferred_categories_say_so_in_the_finding() -> None:
    assert "inference" in _finding("Gluconolactone").message


def test_scrub_particles_are_avoid_only_in_a_product_named_a_scrub() -> None:
    assert _finding("Pumice", product="Smoothing Foot Scrub").level == "avoid"
    assert _finding("Pumice", product="Foot Cream").level == "caution"
    assert _finding("Pumice").level == "caution"


def test_sugar_and_salt_only_count_in_a_scrub() -> None:
    assert parse("Sucrose, Sodium Chloride")[0].categories == ()
    in_scrub = parse("Sucrose, Sodium Chloride", "Sugar Lip Scrub")
    assert [i.categories for i in in_scrub] == [("physical_exfoliant",)] * 2


def test_soothing_ingredients_are_recommended_and_do_not_change_the_verdict() -> None:
    result = check("Water, Panthenol, Sodium Hyaluronate")
    assert result.verdict == "ok"
    assert {f.level for f in result.findings} == {"recommended"}


def test_unrecognised_names_are_listed_and_counted() -> None:
    result = check("Water, Moonflower Essence, Retinol, Zyx-9")
    assert result.unrecognised == ("Moonflower Essence", "Zyx-9")
    assert result.unknown_count == 2
    assert [i.known for i in result.ingredients] == [True, False, True, False]


# --- names people use (POLICY.md section 4) -------------------------------------------------

NAMES_PEOPLE_USE = [
    ("Vitamin C", "Ascorbic Acid", "vitamin_c"),
    ("vitamin c", "Ascorbic Acid", "vitamin_c"),
    ("VITAMIN C", "Ascorbic Acid", "vitamin_c"),
    ("Vitamin-C", "Ascorbic Acid", "vitamin_c"),
    ("Vit C", "Ascorbic Acid", "vitamin_c"),
    ("L-Ascorbic Acid", "Ascorbic Acid", "vitamin_c"),
    ("L Ascorbic Acid", "Ascorbic Acid", "vitamin_c"),
    ("l-ascorbic acid 15%", "Ascorbic Acid", "vitamin_c"),
    ("Ascorbic Acid (Vitamin C)", "Ascorbic Acid", "vitamin_c"),
    ("Vitamin A", "Retinol", "retinoid"),
    ("vitamin a", "Retinol", "retinoid"),
    ("Retinol (Vitamin A)", "Retinol", "retinoid"),
    ("Retinal", "Retinal", "retinoid"),
    ("retinaldehyde", "Retinal", "retinoid"),
    ("Retinyl Palmitate (Vitamin A Palmitate)", "Retinyl Palmitate", "retinoid"),
    ("Adapalene 0.1%", "Adapalene", "retinoid"),
    ("ADAPALENE", "Adapalene", "retinoid"),
    ("Tretinoin", "Tretinoin", "retinoid"),
    ("Retinoic Acid", "Tretinoin", "retinoid"),
    ("Salicylic Acid", "Salicylic Acid", "bha"),
    ("salicylic acid 2%", "Salicylic Acid", "bha"),
    ("salicylic", "Salicylic Acid", "bha"),
    ("Willow Bark Extract", "Salix Alba (Willow) Bark Extract", "bha"),
    ("Glycolic Acid", "Glycolic Acid", "aha"),
    ("glycolic", "Glycolic Acid", "aha"),
    ("Lactic Acid", "Lactic Acid", "aha"),
    ("AHA", "Alpha Hydroxy Acids", "aha"),
    ("Benzoyl-Peroxide", "Benzoyl Peroxide", "benzoyl_peroxide"),
    ("3 O Ethyl Ascorbic Acid", "3-O-Ethyl Ascorbic Acid", "vitamin_c_derivative"),
    ("Alpha Isomethyl Ionone", "Alpha-Isomethyl Ionone", "fragrance_allergen"),
    ("Ethyl Alcohol", "Ethanol", "drying_alcohol"),
    ("SD-Alcohol 40", "SD-Alcohol 40", "drying_alcohol"),
    ("Tea Tree Oil", "Melaleuca Alternifolia (Tea Tree) Leaf Oil", "essential_oil"),
    ("Lavender Oil", "Lavandula Angustifolia (Lavender) Oil", "essential_oil"),
    ("Vitamin B5", "Panthenol", "soothing"),
]


@pytest.mark.parametrize(("text", "name", "category"), NAMES_PEOPLE_USE)
def test_names_people_use_count_as_the_inci_name_they_stand_for(
    text: str, name: str, category: str
) -> None:
    [item] = parse(text)
    assert (item.name, item.categories, item.known) == (name, (category,), True)


def test_vitamin_c_is_avoided_for_seven_days_like_ascorbic_acid() -> None:
    result = check("Aqua, Vitamin C, Glycerin")
    [finding] = [f for f in result.findings if f.category == "vitamin_c"]
    assert (result.verdict, finding.level, finding.until_hours) == ("avoid", "avoid", 168)
    assert result.unknown_count == 0


COMMON_NEUTRAL = [
    "Niacinamide", "Vitamin B3", "Tocopherol", "Vitamin E", "Tocopheryl Acetate", "Dimethicone",
    "Phenoxyethanol", "Ethylhexylglycerin", "Water", "Butylene Glycol", "Propanediol",
    "1,2-Hexanediol", "Caprylic/Capric Triglyceride", "Cyclopentasiloxane", "Glyceryl Stearate",
    "PEG-100 Stearate", "Polysorbate 20", "Xanthan Gum", "Carbomer", "Sodium Hydroxide",
    "Disodium EDTA", "Potassium Sorbate", "Sodium Benzoate", "Zinc Oxide", "Titanium Dioxide",
    "CI 77891", "Shea Butter", "Butyrospermum Parkii (Shea) Butter", "Jojoba Oil",
    "Simmondsia Chinensis (Jojoba) Seed Oil", "Mineral Oil", "Petrolatum",
]  # fmt: skip


@pytest.mark.parametrize("name", COMMON_NEUTRAL)
def test_common_label_names_are_known_and_neutral(name: str) -> None:
    [item] = parse(name)
    assert (item.known, item.categories) == (True, ())


LOOKS_LIKE_AN_ACTIVE = [
    "Ethylhexyl Salicylate", "Octisalate", "Homosalate", "Ferulic Acid", "Bakuchiol",
    "Hyaluronic Acid", "Sodium Hyaluronate",
]  # fmt: skip


@pytest.mark.parametrize("name", LOOKS_LIKE_AN_ACTIVE)
def test_names_that_only_look_like_an_active_carry_no_avoid_category(name: str) -> None:
    result = check(name)
    [item] = result.ingredients
    assert item.known
    assert result.verdict == "ok"
    assert {f.level for f in result.findings} <= {"recommended"}


def test_bha_is_not_read_as_salicylic_acid() -> None:
    # On a label "BHA" is butylated hydroxyanisole, an antioxidant: reported, not guessed.
    [item] = parse("BHA")
    assert (item.known, item.categories) == (False, ())


def test_a_typical_serum_label_is_read_in_full() -> None:
    label = (
        "Aqua, Niacinamide, Propanediol, Glycerin, Pentylene Glycol, Tocopherol, Dimethicone, "
        "Sodium Hyaluronate, Xanthan Gum, Carbomer, Sodium Hydroxide, Phenoxyethanol, "
        "Ethylhexylglycerin, Disodium EDTA"
    )
    result = check(label)
    assert (result.verdict, result.unknown_count) == ("ok", 0)


def test_negative_hours_is_an_input_error() -> None:
    with pytest.raises(InputError) as err:
        check("Retinol", -1)
    assert err.value.field == "hours_since_session"


def test_text_without_any_name_is_an_input_error() -> None:
    with pytest.raises(InputError):
        check("*** , ; .")


@settings(max_examples=300)
@given(st.text(min_size=1).filter(lambda t: t.strip() != ""))
def test_property_parsing_never_raises_and_is_idempotent_on_its_names(text: str) -> None:
    first = names(text)
    if first:
        assert names(", ".join(first)) == first


_pieces = st.sampled_from(
    ["Water", "Aqua (Water)", "Retinol 1%", "Zinc Oxide (Non-Nano)", "1,2-Hexanediol", "Parfum*",
     "Ingredients:", "(", ")", "[", ",", ";", "\n", "•", ".", " ", "\u00a0", "%", "5%", "*",
     "May contain (+/-):", "/", "Citric Acid", "Alcohol Denat."]
)  # fmt: skip


@settings(max_examples=300)
@given(st.lists(_pieces, min_size=1, max_size=25).map("".join))
def test_property_label_like_text_is_idempotent(text: str) -> None:
    if text.strip():
        first = names(text)
        if first:
            assert names(", ".join(first)) == first
