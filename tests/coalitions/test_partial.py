"""Partial agreements against brute force over every (parties, issues) pair."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from tests.conftest import EXAMPLES
from tests.core.random_scenarios import documents
from tests.core.test_analysis import _holds, exact_utility

import redline
from redline.space.partial import partial_agreements


def has_deal(scenario, parties, issues):
    """Some outcome of `issues` (others at status quo) every party of `parties` accepts."""
    fixed = {i.id: i.options.index(i.status_quo) for i in scenario.issues if i.id not in issues}
    ranges = [range(len(i.options)) if i.id in issues else [fixed[i.id]]
              for i in scenario.issues]
    for combo in itertools.product(*ranges):
        labels = {i.id: i.options[k] for i, k in zip(scenario.issues, combo, strict=True)}
        if all(all(_holds(scenario, r.id, labels) for r in scenario.red_lines
                   if r.actor == p and r.rule is not None)
               and exact_utility(scenario, p, combo)
               >= Fraction(str(scenario.utilities[p].reservation)) for p in parties):
            return True
    return False


@settings(max_examples=30, deadline=None)
@given(documents(parties=(2, 4), issues=(1, 3), red_lines=(0, 3)))
def test_partial_agreements_are_the_maximal_pairs_with_a_deal(doc):
    scenario = redline.load(doc)
    issues = scenario.issue_ids
    pairs = [(frozenset(s), frozenset(i))
             for k in range(2, len(scenario.parties) + 1)
             for s in itertools.combinations(scenario.parties, k)
             for m in range(1, len(issues) + 1)
             for i in itertools.combinations(issues, m)
             if has_deal(scenario, s, i)]
    maximal = {(s, i) for s, i in pairs
               if not any(s <= s2 and i <= i2 and (s, i) != (s2, i2) for s2, i2 in pairs)}
    result = partial_agreements(scenario, top=10_000)
    assert {(frozenset(a.parties), frozenset(a.issues)) for a in result.agreements} == maximal
    sizes = [(len(a.parties), len(a.issues)) for a in result.agreements]
    assert sizes == sorted(sizes, reverse=True)
    for agreement in result.agreements:
        nash = agreement.analysis.solutions["nash"]
        assert agreement.analysis.parties == agreement.parties and nash is not None
        labels = agreement.analysis.labels(nash.options)
        off = {i.id: i.status_quo for i in scenario.issues if i.id not in agreement.issues}
        assert all(labels[i] == option for i, option in off.items())


def test_us_iran_partial_agreement_leaves_missiles_out():
    scenario = redline.load(EXAMPLES / "us-iran-2026.yaml")
    assert not redline.analyze(scenario).zopa  # Iran refuses missiles on the table
    best = partial_agreements(scenario).agreements[0]
    assert best.parties == ("USA", "IRN")
    assert best.issues == ("enrichment", "inspections", "stockpile", "sanctions")


@pytest.mark.parametrize("top", [1, 2])
def test_top_bounds_the_list(top):
    result = partial_agreements(redline.load(EXAMPLES / "eu-council-qmv.yaml"), top=top)
    assert len(result.agreements) == top
