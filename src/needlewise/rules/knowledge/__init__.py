"""Loads the YAML knowledge files once, validated, so rules are data and not code."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from needlewise.rules.errors import KnowledgeError
from needlewise.rules.knowledge.checks import cross_check
from needlewise.rules.knowledge.schema import Ctx
from needlewise.rules.knowledge.schemas import SCHEMAS

DEFAULT_DIR = Path(__file__).resolve().parent
FILES = tuple(f"{name}.yaml" for name in SCHEMAS)


@dataclass(frozen=True)
class Source:
    """One cited source: id, citation, url (None for the brief) and evidence grade."""

    id: str
    citation: str
    url: str | None
    grade: str


@dataclass(frozen=True)
class Knowledge:
    """All validated knowledge files, keyed by file stem, plus the sources and version hash."""

    directory: Path
    version: str
    sources: Mapping[str, Source]
    data: Mapping[str, Mapping[str, Any]]

    def __getitem__(self, stem: str) -> Mapping[str, Any]:
        return self.data[stem]


def _read(directory: Path, name: str) -> tuple[bytes, Any]:
    """Read one YAML file, turning I/O and syntax problems into KnowledgeError."""
    path = directory / name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise KnowledgeError(name, "", f"cannot read file ({exc.strerror})") from exc
    try:
        return raw, yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise KnowledgeError(name, "", f"not valid YAML: {exc}") from exc


def _version(blobs: Mapping[str, bytes]) -> str:
    """First 12 hex digits of sha256 over the files' bytes in sorted name order."""
    digest = hashlib.sha256()
    for name in sorted(blobs):
        digest.update(blobs[name])
    return digest.hexdigest()[:12]


def load_from(directory: str | Path) -> Knowledge:
    """Load and validate every knowledge file in `directory` (uncached; tests use tmp dirs)."""
    directory = Path(directory)
    blobs: dict[str, bytes] = {}
    data: dict[str, Any] = {}
    for name in FILES:
        blobs[name], data[name.removesuffix(".yaml")] = _read(directory, name)
    SCHEMAS["sources"].check(data["sources"], "", Ctx("sources.yaml"))
    source_list = data["sources"]["sources"]
    ids = [s["id"] for s in source_list]
    for i, sid in enumerate(ids):
        if ids.index(sid) != i:
            raise KnowledgeError("sources.yaml", f"sources[{i}].id", f"duplicate id {sid!r}")
    ctx_ids = frozenset(ids)
    for stem, schema in SCHEMAS.items():
        schema.check(data[stem], "", Ctx(f"{stem}.yaml", ctx_ids))
    cross_check(data)
    sources = {s["id"]: Source(s["id"], s["citation"], s["url"], s["grade"]) for s in source_list}
    return Knowledge(
        directory=directory,
        version=_version(blobs),
        sources=MappingProxyType(sources),
        data=MappingProxyType(data),
    )


@lru_cache(maxsize=1)
def knowledge() -> Knowledge:
    """The packaged knowledge, loaded once per process."""
    return load_from(DEFAULT_DIR)


def rules_version() -> str:
    """Short stable hash of the knowledge files, stored with every decision."""
    return knowledge().version
