"""The shape and ranges of each knowledge file."""

from __future__ import annotations

from needlewise.rules.knowledge.schema import (
    CODE,
    GRADE,
    ID,
    MESSAGE,
    Bool,
    Choice,
    ListOf,
    MapOf,
    Num,
    Pair,
    Record,
    Sources,
    Str,
    StrOr,
    rule,
)

MM = Num(0, 3)
HOURS = Num(0, 8760)
DAYS = Num(0, 3650, integer=True)
REDNESS = Num(0, 3, integer=True)
PAIN = Num(0, 10, integer=True)
SKIN_TYPE = Num(1, 6, integer=True)
CELSIUS = Num(0, 50)
CODES = ListOf(CODE, min_len=1)
VERDICT = Choice(("not_at_home", "not_now", "see_professional", "caution", "go"))
TRIAGE_LEVEL = Choice(("urgent", "see_dermatologist", "watch", "normal"))
WINDOW_LEVEL = Choice(("avoid", "caution", "recommended"))
opt = frozenset

SOURCES = Record(
    {
        "sources": ListOf(
            Record({"id": ID, "citation": Str(), "url": Str(nullable=True), "grade": GRADE}),
            min_len=1,
        )
    }
)

SCREENING = Record(
    {
        "verdicts": ListOf(VERDICT, min_len=5),
        "procedure_kinds": CODES,
        "conditions": MapOf(Str()),
        "rules": ListOf(
            rule(
                {
                    "kind": Choice(
                        ("condition", "isotretinoin_past", "recent_procedure", "skin_type", "age")
                        + ("none",)
                    ),
                    "codes": CODES,
                    "verdict": VERDICT,
                    "recheck_days": DAYS,
                    "wait_days": DAYS,
                    "skin_types": ListOf(SKIN_TYPE, min_len=1),
                    "min_age_years": Num(0, 120, integer=True),
                    "message_no_date": MESSAGE,
                },
                opt({"codes", "recheck_days", "wait_days", "skin_types", "min_age_years"})
                | opt({"message_no_date"}),
            ),
            min_len=1,
        ),
    }
)

_AREA = rule({"label": Str(), "home_cap_mm": MM})
_CONCERN = rule({"label": Str(), "home_mm": MM})
NEEDLES = Record(
    {
        "absolute_home_cap": rule({"max_mm": MM}),
        "professional_limit": rule({"max_raise_mm": MM, "message_clamped": MESSAGE}),
        "sensitive_cap": rule({"max_mm": MM, "skin_types": ListOf(SKIN_TYPE, min_len=1)}),
        "first_session_cap": rule({"max_mm": MM}),
        "device_rounding": rule({}),
        "device_too_long": rule({}),
        "areas": MapOf(_AREA),
        "concerns": MapOf(_CONCERN),
        "professional_ranges": MapOf(rule({"range_mm": Pair(0, 3)})),
    }
)

INTERVALS = Record(
    {
        "bands": ListOf(
            rule(
                {"max_mm": MM, "min_days": DAYS, "professional_only": Bool(), "disagreement": ID},
                opt({"disagreement"}),
            ),
            min_len=1,
        ),
        "professional_min_interval": rule({}),
        "blocked": rule({}),
        "tolerance": rule({"free_recovery_days": DAYS}),
    }
)

AFTERCARE = Record(
    {
        "topics": MapOf(Str()),
        "windows": ListOf(
            rule(
                {
                    "topics": CODES,
                    "level": WINDOW_LEVEL,
                    "from_hours": HOURS,
                    "until_hours": Num(0, 8760, nullable=True),
                    "inference": Bool(),
                },
                opt({"inference"}),
            ),
            min_len=1,
        ),
        "before_session": ListOf(
            rule({"topics": CODES, "level": WINDOW_LEVEL, "hours_before": HOURS})
        ),
    }
)

_NAME = StrOr(
    Record(
        {
            "name": Str(),
            "synonyms": ListOf(Str()),
            "level": Choice(("avoid", "caution")),
            "product_words": ListOf(Str(), min_len=1),
        },
        opt({"synonyms", "level", "product_words"}),
    )
)
INGREDIENTS = Record(
    {
        "categories": MapOf(Record({"label": Str(), "names": ListOf(_NAME, min_len=1)})),
        "prefixes": MapOf(ListOf(Str(), min_len=1)),
        "never": MapOf(ListOf(Str(), min_len=1)),
        "plain": ListOf(_NAME),
        "citric_acid": rule({"name": Str(), "category": CODE, "max_position": Num(1, 100, True)}),
        "scrub_context": rule({"scrub_words": ListOf(Str(), min_len=1)}),
        "professional_avoid": rule({}),
        "messages": Record({k: MESSAGE for k in ("avoid", "caution", "ok", "recommended")}),
        "inference_note": Str(),
        "qualifiers": ListOf(Str()),
        "footnote_words": ListOf(Str(), min_len=1),
    }
)

TRIAGE = Record(
    {
        "levels": ListOf(TRIAGE_LEVEL, min_len=4),
        "bleeding": CODES,
        "symptoms": MapOf(Str()),
        "expected_symptoms": CODES,
        "rules": ListOf(
            rule(
                {
                    "kind": Choice(
                        ("fever", "symptom", "warmth_increasing", "bleeding", "pain")
                        + ("redness_after", "redness_worse", "redness_between", "severe_redness")
                        + ("expected", "warmth_alone", "all_clear")
                    ),
                    "level": TRIAGE_LEVEL,
                    "symptoms": CODES,
                    "values": CODES,
                    "min_fever_c": CELSIUS,
                    "min_pain": PAIN,
                    "min_redness": REDNESS,
                    "after_hours": HOURS,
                    "from_hours": HOURS,
                    "until_hours": HOURS,
                    "min_hours": HOURS,
                    "max_hours": HOURS,
                },
                opt({"symptoms", "values", "min_fever_c", "min_pain", "min_redness"})
                | opt({"after_hours", "from_hours", "until_hours", "min_hours", "max_hours"}),
            ),
            min_len=1,
        ),
        "advice": Record({k: MESSAGE for k in TRIAGE_LEVEL.choices}),
    }
)

DEVICES = Record(
    {
        "device_kinds": CODES,
        "fda_status": MapOf(Str()),
        "no_otc": rule({}),
        "fda_cleared": rule({"product_code": Str(), "regulation": Str()}),
        "sterilisation": rule(
            {
                "isopropyl_percent": Num(1, 100, integer=True),
                "min_soak_minutes": Num(1, 1440, integer=True),
                "valid_hours": HOURS,
            }
        ),
        "pen_cartridge": rule({"single_use": Bool()}),
        "roller_head": rule({"max_uses": Num(1, 1000, integer=True), "max_days": DAYS}),
    }
)

_ITEM = Record({"id": ID, "topic": Str(), "summary": Str(), "sources": Sources(allow_empty=True)})
DISAGREEMENTS = Record({"disagreements": ListOf(_ITEM, 1), "gaps": ListOf(_ITEM, 1)})

_STEP = rule({})
TECHNIQUE = Record(
    {
        "general": ListOf(_STEP, 1),
        "preparation": ListOf(
            rule({"step": Choice(("cleanse", "sterilise", "skin_check", "numbing", "patch_test"))}),
            1,
        ),
        "kinds": Record({kind: ListOf(_STEP, 1) for kind in ("roller", "stamp", "pen")}),
        "after": ListOf(_STEP, 1),
    }
)

_GLIDE_RULE = rule({})
FOLLOWUP = Record(
    {
        "glide": Record(
            {
                "active": _GLIDE_RULE,
                "not_plain": rule({"categories": CODES}),
                "unrecognised": _GLIDE_RULE,
                "fine": _GLIDE_RULE,
                "inference_note": Str(),
            }
        ),
        "late_checkins": rule(
            {
                "days": ListOf(DAYS, min_len=1),
                "questions": MapOf(Str()),
                "findings": ListOf(rule({"code": CODE, "level": TRIAGE_LEVEL}), min_len=1),
                "advice": rule({}),
                "clear_advice": Str(),
            }
        ),
    }
)

SCHEMAS = {
    "sources": SOURCES,
    "screening": SCREENING,
    "needles": NEEDLES,
    "intervals": INTERVALS,
    "aftercare": AFTERCARE,
    "ingredients": INGREDIENTS,
    "triage": TRIAGE,
    "devices": DEVICES,
    "technique": TECHNIQUE,
    "followup": FOLLOWUP,
    "disagreements": DISAGREEMENTS,
}
