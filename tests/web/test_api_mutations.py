"""Scenario documents one edit away from a valid one: the API answers 200 or a clear 4xx, never 5xx."""

from __future__ import annotations

import copy
import importlib.util
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the 'web' extra is not installed")

from fastapi.testclient import TestClient  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from redline.scenario import load  # noqa: E402
from redline.web import create_app  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "us-iran-2026.yaml"
DOCUMENT = load(EXAMPLE).to_dict()
client = TestClient(create_app(), base_url="http://localhost")


def leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        return [p for k, v in node.items() for p in leaves(v, (*path, k))] or [path]
    if isinstance(node, list):
        return [p for k, v in enumerate(node) for p in leaves(v, (*path, k))] or [path]
    return [path]


PATHS = [p for p in leaves(DOCUMENT) if p]
VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6),
    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=30),
    st.lists(st.integers(-3, 3), max_size=4), st.dictionaries(st.text(max_size=5), st.floats(0, 1),
                                                              max_size=3))


@given(st.sampled_from(PATHS), VALUES, st.booleans())
@settings(max_examples=120, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_one_edit_never_breaks_the_server(path: tuple[Any, ...], value: Any, drop: bool) -> None:
    document = copy.deepcopy(DOCUMENT)
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    if drop and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    answer = client.post("/api/analyze", json={"scenario": document,
                                               "agenda": ["enrichment", "sanctions"]})
    assert answer.status_code in (200, 404, 422), (path, value, answer.text[:400])
    if answer.status_code == 422:
        assert answer.json()["detail"]


@pytest.mark.skipif(importlib.util.find_spec("redline.space.agendas") is None,
                    reason="the agendas engine is not in this version of redline")
@given(st.sampled_from(PATHS), VALUES)
@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_one_edit_never_breaks_the_engines(path: tuple[Any, ...], value: Any) -> None:
    document = copy.deepcopy(DOCUMENT)
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    for route in ("/api/agendas", "/api/explain"):
        answer = client.post(route, json={"scenario": document,
                                          "parameters": {"max_outcomes": 100_000}})
        assert answer.status_code in (200, 422), (route, path, value, answer.text[:400])
