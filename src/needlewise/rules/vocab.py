"""Public vocabularies (codes) read from the knowledge files where they live."""

from __future__ import annotations

from needlewise.rules.knowledge import knowledge
from needlewise.rules.knowledge.schema import GRADES as _GRADES

_k = knowledge()

#: Evidence grades, strongest first.
GRADES: tuple[str, ...] = _GRADES
#: Screening verdicts, worst first.
VERDICTS: tuple[str, ...] = tuple(_k["screening"]["verdicts"])
CONDITIONS: frozenset[str] = frozenset(_k["screening"]["conditions"])
PROCEDURE_KINDS: tuple[str, ...] = tuple(_k["screening"]["procedure_kinds"])
AREAS: tuple[str, ...] = tuple(_k["needles"]["areas"])
CONCERNS: tuple[str, ...] = tuple(_k["needles"]["concerns"])
#: Triage levels, worst first.
TRIAGE_LEVELS: tuple[str, ...] = tuple(_k["triage"]["levels"])
SYMPTOMS: frozenset[str] = frozenset(_k["triage"]["symptoms"])
BLEEDING: tuple[str, ...] = tuple(_k["triage"]["bleeding"])
INGREDIENT_CATEGORIES: tuple[str, ...] = tuple(_k["ingredients"]["categories"])
#: Ingredient check verdicts, worst first.
INGREDIENT_VERDICTS: tuple[str, ...] = ("avoid", "caution", "ok")
FINDING_LEVELS: tuple[str, ...] = ("avoid", "caution", "ok", "recommended")
WINDOW_LEVELS: tuple[str, ...] = ("avoid", "caution", "recommended")
AFTERCARE_TOPICS: tuple[str, ...] = INGREDIENT_CATEGORIES + tuple(_k["aftercare"]["topics"])
DEVICE_KINDS: tuple[str, ...] = tuple(_k["devices"]["device_kinds"])
FDA_STATUS: tuple[str, ...] = tuple(_k["devices"]["fda_status"])
