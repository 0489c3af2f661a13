"""The knowledge files load, cite real sources, and broken copies fail with file and key path."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from needlewise.rules import KnowledgeError, load_from, rules_version
from needlewise.rules.knowledge import DEFAULT_DIR, FILES, knowledge
from needlewise.rules.vocab import GRADES


def _cited(value: Any, path: str = "") -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if (
                key == "sources"
                and isinstance(item, list)
                and all(isinstance(i, str) for i in item)
            ):
                out.extend((f"{path}.sources", sid) for sid in item)
            else:
                out.extend(_cited(item, f"{path}.{key}"))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out.extend(_cited(item, f"{path}[{i}]"))
    return out


def _rules(value: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if isinstance(value, dict):
        if "id" in value and "grade" in value:
            out.append(value)
        for item in value.values():
            out.extend(_rules(item))
    elif isinstance(value, list):
        for item in value:
            out.extend(_rules(item))
    return out


def test_packaged_knowledge_loads_and_every_file_is_present() -> None:
    k = knowledge()
    assert {f"{stem}.yaml" for stem in k.data} == set(FILES)
    assert all((DEFAULT_DIR / name).is_file() for name in FILES)


def test_every_cited_source_exists_in_sources_yaml() -> None:
    k = knowledge()
    for stem, data in k.data.items():
        if stem == "sources":
            continue
        for path, sid in _cited(data):
            assert sid in k.sources, f"{stem}.yaml{path} cites unknown {sid}"


def test_every_rule_has_a_known_grade_sources_and_a_message() -> None:
    rules = [r for stem, d in knowledge().data.items() if stem != "sources" for r in _rules(d)]
    assert len(rules) > 60
    for rule in rules:
        assert rule["grade"] in GRADES
        assert rule["sources"], rule["id"]
        assert rule["message"].strip(), rule["id"]


def test_rule_ids_are_unique_across_files() -> None:
    ids = [r["id"] for stem, d in knowledge().data.items() if stem != "sources" for r in _rules(d)]
    assert len(ids) == len(set(ids))


def test_the_brief_is_the_seed_source_without_a_url() -> None:
    brief = knowledge().sources["seed-brief"]
    assert brief.grade == "SEED" and brief.url is None


def test_rules_version_is_a_short_stable_hash() -> None:
    assert re.fullmatch(r"[0-9a-f]{12}", rules_version())
    assert load_from(DEFAULT_DIR).version == rules_version()


def test_rules_version_changes_when_a_file_changes(broken_copy: Any) -> None:
    def edit(d: dict[str, Any]) -> None:
        d["sources"][0]["citation"] += " (edited)"

    assert load_from(broken_copy("sources.yaml", edit)).version != rules_version()


def test_inference_rules_say_so_and_use_the_weakest_grade() -> None:
    windows = knowledge()["aftercare"]["windows"]
    inferred = [w for w in windows if w.get("inference")]
    assert {t for w in inferred for t in w["topics"]} == {"pha", "vitamin_c_derivative"}
    for w in inferred:
        assert w["grade"] == GRADES[-1]
        assert "inference" in w["message"]


def _set(path: list[Any], value: Any) -> Any:
    def edit(data: Any) -> None:
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return edit


BROKEN = [
    pytest.param(
        "screening.yaml", _set(["rules", 0, "bogus"], 1), "rules[0].bogus", "unknown key",
        id="unknown-key",
    ),
    pytest.param(
        "triage.yaml", _set(["rules", 0, "sources"], ["no-such-source"]),
        "rules[0].sources[0]", "unknown source", id="missing-source",
    ),
    pytest.param(
        "intervals.yaml", _set(["bands", 0, "grade"], "BLOG"), "bands[0].grade", "not one of",
        id="bad-grade",
    ),
    pytest.param(
        "aftercare.yaml", _set(["windows", 0, "until_hours"], -1), "windows[0].until_hours",
        "out of range", id="negative-hours",
    ),
    pytest.param(
        "needles.yaml", _set(["areas", "cheeks", "home_cap_mm"], 5), "areas.cheeks.home_cap_mm",
        "out of range", id="needle-mm-above-3",
    ),
    pytest.param(
        "triage.yaml", _set(["rules", 15, "min_redness"], 4), "rules[15].min_redness",
        "out of range", id="redness-above-3",
    ),
    pytest.param(
        "sources.yaml", _set(["sources", 0, "grade"], "BLOG"), "sources[0].grade", "not one of",
        id="bad-source-grade",
    ),
    pytest.param(
        "screening.yaml", _set(["rules", 0, "codes"], ["pregnant", "martian"]),
        "rules[0].codes[1]", "unknown condition", id="unknown-condition-code",
    ),
    pytest.param(
        "needles.yaml", _set(["areas", "nose", "message"], "On {nose}"), "areas.nose.message",
        "placeholder", id="unknown-placeholder",
    ),
    pytest.param(
        "devices.yaml", _set(["roller_head"], {"max_uses": 10}), "roller_head.id",
        "missing required key", id="missing-key",
    ),
    pytest.param(
        "intervals.yaml", _set(["bands", 0, "disagreement"], "disagree.nothing"),
        "bands[0].disagreement", "no such entry", id="unknown-disagreement",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("name", "edit", "key_path", "problem"), BROKEN)
def test_broken_knowledge_raises_with_file_and_key_path(
    broken_copy: Any, name: str, edit: Any, key_path: str, problem: str
) -> None:
    directory = broken_copy(name, edit)
    with pytest.raises(KnowledgeError) as err:
        load_from(directory)
    message = str(err.value)
    assert message.startswith(f"{name}: ")
    assert key_path in message
    assert problem in message


def test_triage_rule_15_is_the_severe_redness_rule() -> None:
    # Keeps the redness-above-3 case above pointing at a redness threshold.
    assert knowledge()["triage"]["rules"][15]["id"] == "triage.severe_redness"


def test_invalid_yaml_names_the_file(tmp_path: Path, broken_copy: Any) -> None:
    directory = broken_copy("devices.yaml", lambda d: None)
    (directory / "devices.yaml").write_text("device_kinds: [roller\n")
    with pytest.raises(KnowledgeError, match=r"^devices\.yaml: .*not valid YAML"):
        load_from(directory)


def test_missing_file_names_the_file(broken_copy: Any) -> None:
    directory = broken_copy("devices.yaml", lambda d: None)
    (directory / "triage.yaml").unlink()
    with pytest.raises(KnowledgeError, match=r"^triage\.yaml: "):
        load_from(directory)


def test_a_fatty_alcohol_listed_as_drying_alcohol_is_rejected(broken_copy: Any) -> None:
    def edit(d: dict[str, Any]) -> None:
        d["categories"]["drying_alcohol"]["names"].append("Cetyl Alcohol")

    with pytest.raises(KnowledgeError, match=r"ingredients\.yaml: never\.drying_alcohol\[0\]"):
        load_from(broken_copy("ingredients.yaml", edit))


def test_an_ingredient_category_without_an_aftercare_window_is_rejected(broken_copy: Any) -> None:
    def edit(d: dict[str, Any]) -> None:
        d["windows"] = [w for w in d["windows"] if "fragrance" not in w["topics"]]

    with pytest.raises(KnowledgeError, match=r"aftercare\.yaml: windows: .*'fragrance'"):
        load_from(broken_copy("aftercare.yaml", edit))


def test_a_plain_name_that_is_also_in_a_category_is_rejected(broken_copy: Any) -> None:
    def edit(d: dict[str, Any]) -> None:
        d["plain"].append({"name": "Aqua Gel", "synonyms": ["vitamin-c"]})

    with pytest.raises(KnowledgeError, match=r"ingredients\.yaml: plain\[\d+\]: .*vitamin_c"):
        load_from(broken_copy("ingredients.yaml", edit))
