"""Fixtures of the negotiation tests: the shipped scenario's domains and small synthetic ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline import scenario
from redline.negotiate import Domain, from_scenario, opposed

ROOT = Path(__file__).resolve().parents[2]
NO_MISSILES = ("enrichment", "inspections", "stockpile", "sanctions")


@pytest.fixture(scope="session")
def us_iran() -> scenario.Scenario:
    return scenario.load(ROOT / "examples" / "us-iran-2026.yaml")


@pytest.fixture(scope="session")
def talks(us_iran: scenario.Scenario) -> Domain:
    """US–Iran talks without missiles on the table (Iran refuses to sit down otherwise)."""
    return from_scenario(us_iran, NO_MISSILES)


@pytest.fixture(scope="session")
def small() -> Domain:
    """A 5 x 4 x 3 opposed bilateral domain."""
    return opposed([5, 4, 3], seed=7)
