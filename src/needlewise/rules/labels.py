"""Words people read for every code of the public vocabularies (POLICY.md), in one place.

Codes are the contract between the database, the API, the CLI and the knowledge files; a page, a
mail or the PDF shows a code's label instead, never the code. Labels here stand alone, in sentence
case ("Under the eyes", "Fine lines"); the knowledge files' `label`s are the words used inside a
sentence ("avoid {label}") and are the source of several labels below.
`tests/rules/test_labels.py` fails when a vocabulary code has no label."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from needlewise.rules import vocab
from needlewise.rules.knowledge import knowledge

_k = knowledge()


def _sentence(words: str) -> str:
    """ "a bleeding disorder" -> "Bleeding disorder": an in-sentence label made to stand alone."""
    for article in ("a ", "an ", "the "):
        if words.startswith(article):
            words = words[len(article) :]
            break
    return words[:1].upper() + words[1:]


VERDICT = {
    "not_at_home": "Not at home",
    "not_now": "Not now",
    "see_professional": "See a professional first",
    "caution": "Go carefully",
    "go": "Go",
}
TRIAGE_LEVEL = {
    "urgent": "Urgent: seek care today",
    "see_dermatologist": "See a dermatologist",
    "watch": "Keep watching",
    "normal": "Normal",
}
#: Ingredient verdicts, finding levels and aftercare window levels.
LEVEL = {"avoid": "Avoid", "caution": "Take care", "ok": "OK", "recommended": "Recommended"}
AREA = {
    "under_eye": "Under the eyes",
    "nose": "Nose",
    "upper_lip": "Upper lip",
    "forehead": "Forehead",
    "cheeks": "Cheeks",
    "chin_jawline": "Chin and jawline",
    "neck": "Neck",
    "decolletage": "Chest (décolletage)",
    "body": "Body",
}
PROCEDURE_KIND = {
    "peel": "Chemical peel",
    "laser": "Laser or light treatment",
    "filler": "Filler injections",
    "toxin": "Muscle-relaxing injections",
}
BLEEDING = {
    "none": "None",
    "pinpoint": "Tiny pinpoint dots",
    "persistent": "Bleeding that kept going",
}
DEVICE_KIND = {"roller": "Roller", "stamp": "Stamp", "pen": "Pen"}
FDA_STATUS = {"cleared": "FDA cleared", "not_cleared": "Not FDA cleared", "unknown": "Not known"}
GRADE = {
    "REG": "Regulation or device labelling",
    "PEER": "Peer-reviewed paper",
    "MFR": "Manufacturer",
    "CLINIC": "Clinic or practitioner",
    "WEB": "Consumer web article",
    "SEED": "The product brief",
}
#: What went on the skin during needling (POLICY.md section 8), as recorded on a session.
GLIDE_VERDICT = {"none": "Nothing", "ok": "Fine as a glide", "avoid": "Not as a glide"}

VOCABULARIES: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "verdict": VERDICT,
        "triage_level": TRIAGE_LEVEL,
        "level": LEVEL,
        "area": AREA,
        "concern": {
            code: _sentence(str(entry["label"]))
            for code, entry in _k["needles"]["concerns"].items()
        },
        "condition": {
            code: _sentence(str(words)) for code, words in _k["screening"]["conditions"].items()
        },
        "procedure_kind": PROCEDURE_KIND,
        "symptom": {code: _sentence(str(w)) for code, w in _k["triage"]["symptoms"].items()},
        "bleeding": BLEEDING,
        "ingredient_category": {
            code: _sentence(str(entry["label"]))
            for code, entry in _k["ingredients"]["categories"].items()
        },
        "aftercare_topic": {
            **{c: _sentence(str(e["label"])) for c, e in _k["ingredients"]["categories"].items()},
            **{code: _sentence(str(w)) for code, w in _k["aftercare"]["topics"].items()},
        },
        "device_kind": DEVICE_KIND,
        "fda_status": FDA_STATUS,
        "grade": GRADE,
        "glide_verdict": GLIDE_VERDICT,
    }
)

#: Each vocabulary's codes as the rule core defines them: every one must have a label.
CODES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "verdict": vocab.VERDICTS,
        "triage_level": vocab.TRIAGE_LEVELS,
        "level": tuple(dict.fromkeys(vocab.INGREDIENT_VERDICTS + vocab.FINDING_LEVELS)),
        "area": vocab.AREAS,
        "concern": vocab.CONCERNS,
        "condition": tuple(sorted(vocab.CONDITIONS)),
        "procedure_kind": vocab.PROCEDURE_KINDS,
        "symptom": tuple(sorted(vocab.SYMPTOMS)),
        "bleeding": vocab.BLEEDING,
        "ingredient_category": vocab.INGREDIENT_CATEGORIES,
        "aftercare_topic": vocab.AFTERCARE_TOPICS,
        "device_kind": vocab.DEVICE_KINDS,
        "fda_status": vocab.FDA_STATUS,
        "grade": vocab.GRADES,
        "glide_verdict": tuple(GLIDE_VERDICT),
    }
)

#: Without a vocabulary named, a code shared by several is read in the first that holds it.
_ORDER = tuple(VOCABULARIES)


def label(code: str, vocabulary: str | None = None) -> str:
    """The words for `code` (in `vocabulary` when it is named); KeyError for an unknown code."""
    if vocabulary is not None:
        return VOCABULARIES[vocabulary][code]
    for name in _ORDER:
        if code in VOCABULARIES[name]:
            return VOCABULARIES[name][code]
    raise KeyError(code)


def label_or_words(code: str, vocabulary: str | None = None) -> str:
    """`label`, or the code made into words when it has none: a page never shows a raw code.
    Every vocabulary code has a label (a test says so); this only guards free text."""
    try:
        return label(code, vocabulary)
    except KeyError:
        return _sentence(str(code).replace("_", " "))


def lower(code: str, vocabulary: str | None = None) -> str:
    """The label inside a sentence ("for fine lines"): the first letter lowered, unless the
    label starts with an abbreviation ("FDA cleared")."""
    words = label_or_words(code, vocabulary)
    if len(words) > 1 and words[1].isupper():
        return words
    return words[:1].lower() + words[1:]


def every_code() -> frozenset[str]:
    """Every code of every vocabulary: what a page's text must never show."""
    return frozenset(code for codes in CODES.values() for code in codes)
