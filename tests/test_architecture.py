"""The apps are layered (docs/architecture.md): an app imports only apps below it, so no two
apps import each other, not even through a function-level import. A change in a lower app that
must move something in a higher one is told upwards through `needlewise.events`."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "needlewise"

#: Bottom to top; docs/architecture.md says why each app sits where it does. `rules` is the pure
#: core; `api`, `portability`, `synthetic` and `management` sit above them all and may import any.
LAYERS = (
    "rules",
    "accounts",
    "rulebook",
    "suitability",
    "devices",
    "recovery",
    "treatments",
    "products",
    "progress",
    "library",
    "sharing",
    "notifications",
    "reminders",
)


def _imported(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        if node.module == "needlewise":  # from needlewise import treatments
            return [f"needlewise.{alias.name}" for alias in node.names]
        return [node.module]
    return []


def imports(src: Path = SRC) -> list[tuple[str, str, str]]:
    """(app, imported app, "file:line module") for every import of one app by another, at any
    depth of the file (function-level imports count); migrations are left out."""
    found = []
    for app in LAYERS:
        for path in sorted((src / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                for module in _imported(node):
                    parts = [*module.split("."), ""]
                    if parts[0] == "needlewise" and parts[1] in LAYERS and parts[1] != app:
                        where = f"{path.relative_to(src.parent.parent)}:{node.lineno}"  # type: ignore[attr-defined]
                        found.append((app, parts[1], f"{where} {module}"))
    return found


def test_the_scan_sees_function_level_imports_and_migrations_are_left_out(tmp_path: Path) -> None:
    src = tmp_path / "src" / "needlewise"
    (src / "accounts" / "migrations").mkdir(parents=True)
    (src / "accounts" / "services.py").write_text(
        "def f():\n    from needlewise.suitability.services import x\n"
    )
    (src / "accounts" / "migrations" / "0001.py").write_text("import needlewise.reminders\n")
    assert imports(src) == [
        (
            "accounts",
            "suitability",
            "src/needlewise/accounts/services.py:2 needlewise.suitability.services",
        )
    ]


def test_every_app_has_a_layer() -> None:
    apps = {p.parent.name for p in SRC.glob("*/apps.py")}
    missing = apps - {"portability"} - set(LAYERS)  # portability sits on top with the API
    assert not missing, f"put these apps in LAYERS: {sorted(missing)}"


def test_no_app_imports_an_app_above_it() -> None:
    rank = {app: i for i, app in enumerate(LAYERS)}
    upward = [
        f"{where}  ({app} is below {other})"
        for app, other, where in imports()
        if rank[other] > rank[app]
    ]
    assert not upward, "imports of a higher app (use needlewise.events):\n" + "\n".join(upward)


def test_no_import_cycle() -> None:
    """Follows from the layers; checked on its own, by a depth-first search over the imports
    so a wrong order in LAYERS cannot hide a circle."""
    graph: dict[str, set[str]] = {app: set() for app in LAYERS}
    for app, other, _ in imports():
        graph[app].add(other)
    done: set[str] = set()

    def circle_from(app: str, path: list[str]) -> list[str]:
        for other in sorted(graph[app]):
            if other in path:
                return [*path[path.index(other) :], other]
            if other not in done and (circle := circle_from(other, [*path, other])):
                return circle
        done.add(app)
        return []

    circles = sorted({" -> ".join(c) for app in LAYERS if (c := circle_from(app, [app]))})
    assert not circles, f"import circles: {circles}"


def test_rules_import_no_django() -> None:
    offending = []
    for path in sorted((SRC / "rules").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            for module in _imported(node):
                if module.split(".")[0] == "django" or (
                    module.startswith("needlewise.") and module.split(".")[1] != "rules"
                ):
                    offending.append(
                        f"{path.relative_to(SRC.parent.parent)}:{node.lineno} {module}"
                    )  # type: ignore[attr-defined]
    assert not offending, "the rule core imports Django or an app:\n" + "\n".join(offending)
