"""Give each fuzzed operation its own test id again."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """pytest 9.2 builds a node id from `originalname`, and schemathesis 4 passes the bare test
    name there, so all operations would share `test_fuzz.py::test_api` in reports, durations
    and xdist's scheduling. Put the operation back, as in `test_api[GET /api/me]`."""
    for item in items:
        if getattr(item, "operation_label", None) and not item.nodeid.endswith("]"):
            item._id = item.parent.id.child(item.name)  # type: ignore[union-attr]
