"""Malformed documents and rules end in one clear ScenarioError, never another exception.

The quick run here uses a few hundred examples; `python benchmarks/fuzz_scenarios.py` runs the
long one (>= 10^4 examples).
"""

from __future__ import annotations

import copy
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import redline
from redline.errors import RuleSyntaxError, ScenarioError
from tests.core.test_loading import MINIMAL

EXAMPLES = int(os.environ.get("REDLINE_FUZZ_EXAMPLES", "300"))

junk = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.floats(allow_nan=True),
                 st.text(max_size=8), st.lists(st.integers(), max_size=3),
                 st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))


def paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths(value, (*prefix, index))


ALL_PATHS = [p for p in paths(MINIMAL) if p]


@st.composite
def mutated(draw):
    data = copy.deepcopy(MINIMAL)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(ALL_PATHS))
        parent = data
        try:
            for part in path[:-1]:
                parent = parent[part]
            if draw(st.booleans()):
                parent[path[-1]] = draw(junk)
            else:
                del parent[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue
    return data


def accept_or_clear(source) -> None:
    try:
        redline.load(source)
    except ScenarioError as error:
        assert error.problems, "a ScenarioError must list its problems"
        assert all(p.where and p.message for p in error.problems)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_documents(data):
    accept_or_clear(data)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text(text):
    accept_or_clear(text if "\n" in text or text.startswith("{") else text + "\n")


rule_chars = st.text(alphabet="xyab'\"()[],=!<> andortimplesin", max_size=40)


@settings(max_examples=EXAMPLES, deadline=None)
@given(rule_chars)
def test_arbitrary_rules(rule):
    try:
        redline.parse_rule(rule)
    except RuleSyntaxError as error:
        assert 0 <= error.position <= len(rule)
    data = copy.deepcopy(MINIMAL)
    data["red_lines"] = [{"id": "r", "actor": "A", "rule": rule}]
    accept_or_clear(data)
