"""Shared test fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def shared_data_dir() -> Path | None:
    """The development data (`../shared/data` beside the checkout, or $REDLINE_SHARED_DATA)."""
    override = os.environ.get("REDLINE_SHARED_DATA")
    path = Path(override) if override else ROOT.parent / "shared" / "data"
    return path if path.is_dir() else None


@pytest.fixture
def shared_data() -> Path:
    """Path of ../shared/data; the test is skipped with a reason where it is absent."""
    path = shared_data_dir()
    if path is None:
        pytest.skip("development data ../shared/data is absent (a fresh clone has none); "
                    "set REDLINE_SHARED_DATA to its path to run this test")
    return path


@pytest.fixture
def examples() -> Path:
    return EXAMPLES


# Property tests explore new examples on developers' machines; in CI (CI=true) they replay a
# fixed derivation, so a landing does not hinge on which random examples one run happens to draw.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
    settings.load_profile("ci")
