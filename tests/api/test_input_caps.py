"""Every input the API reads is bounded in its description: a new field without a bound fails.

Walks /api/openapi.json: each query parameter and each request-body field must declare how
much it takes (a string `maxLength`, or an `enum` or a parsed `format`; an array `maxItems`; an
object with free keys `maxProperties` or a closed set of key names). The size cap on the whole
body (DATA_UPLOAD_MAX_MEMORY_SIZE) bounds the request; these bound what is kept of it."""

from __future__ import annotations

from typing import Any

import pytest

from needlewise.api import api

# Formats the API parses before it keeps anything: a value that is not one is refused.
PARSED_FORMATS = {"date", "date-time", "uuid", "binary"}
# Keywords a `$ref` or an `anyOf` (an optional field) shares with each of its branches.
SHARED = {"maxLength", "maxItems", "maxProperties", "enum", "format", "propertyNames", "items"}


def _unbounded(node: dict[str, Any], where: str, components: dict[str, Any]) -> list[str]:
    """The places under `node` (a JSON schema) that take an input of any size."""
    if "$ref" in node:
        shared = {k: v for k, v in node.items() if k in SHARED}
        node = {**components[node["$ref"].rsplit("/", 1)[1]], **shared}
    branches = [*node.get("anyOf", ()), *node.get("oneOf", ()), *node.get("allOf", ())]
    if branches:
        shared = {k: v for k, v in node.items() if k in SHARED}
        return [p for b in branches for p in _unbounded({**b, **shared}, where, components)]
    kind = node.get("type")
    if kind == "string":
        bounded = "maxLength" in node or "enum" in node or "const" in node
        return [] if bounded or node.get("format") in PARSED_FORMATS else [where]
    if kind == "array":
        missing = [] if "maxItems" in node else [f"{where} (no maxItems)"]
        return missing + _unbounded(node.get("items", {}), f"{where}[]", components)
    found = []
    for name, field in node.get("properties", {}).items():
        found += _unbounded(field, f"{where}.{name}" if where else name, components)
    free = node.get("additionalProperties")
    if free is True or isinstance(free, dict):
        keys = node.get("propertyNames", {})
        if "maxProperties" not in node and "enum" not in keys:
            found.append(f"{where} (free keys, no maxProperties)")
        if isinstance(free, dict):
            found += _unbounded(free, f"{where}{{}}", components)
    return found


def _inputs() -> list[Any]:
    """(operation, its unbounded inputs) for every operation that takes any input."""
    spec = api.get_openapi_schema()
    components = spec["components"]["schemas"]
    found = []
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            places = []
            for param in operation.get("parameters", []):
                if param["in"] != "path":  # a path parameter is matched by the URL's converter
                    where = f"{param['in']} {param['name']}"
                    places += _unbounded(param["schema"], where, components)
            for media, content in operation.get("requestBody", {}).get("content", {}).items():
                where = "body" if media == "application/json" else f"body ({media})"
                places += _unbounded(content["schema"], where, components)
            if operation.get("parameters") or "requestBody" in operation:
                label = f"{method.upper()} {path}"
                found.append(pytest.param(label, places, id=label))
    return found


@pytest.mark.parametrize(("operation", "unbounded"), _inputs())
def test_every_input_declares_its_bound(operation, unbounded):
    assert unbounded == [], f"{operation} takes inputs of any size: {', '.join(unbounded)}"


def test_the_walk_finds_a_field_without_a_bound():
    """The check itself: an unbounded string, list and free-keyed object are all named."""
    body = {
        "properties": {
            "note": {"type": "string"},
            "tags": {"type": "array", "items": {"type": "string", "maxLength": 9}},
            "by_area": {"type": "object", "additionalProperties": {"type": "number"}},
            "when": {"anyOf": [{"type": "string"}, {"type": "null"}], "format": "date"},
        }
    }
    assert _unbounded(body, "", {}) == [
        "note",
        "tags (no maxItems)",
        "by_area (free keys, no maxProperties)",
    ]
