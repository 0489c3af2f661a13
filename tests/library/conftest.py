from __future__ import annotations

# The treatments cast: a person ready for a session, under a fixed clock (used by the tip tests).
from tests.treatments.conftest import plan  # noqa: F401
