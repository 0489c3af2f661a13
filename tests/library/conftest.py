from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The subscribe rate limit counts in the cache: each test starts from zero."""
    cache.clear()
    yield
    cache.clear()


# The treatments cast: a person ready for a session, under a fixed clock (used by the tip tests).
from tests.treatments.conftest import clock, plan  # noqa: E402, F401
