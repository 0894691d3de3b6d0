"""Partial agreements against brute force over every (parties, issues) pair."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
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


@st.composite
def refusing(draw):
    """Random scenarios where some parties refuse agendas with some issues on them."""
    doc = draw(documents(parties=(2, 4), issues=(2, 4), red_lines=(0, 2)))
    issues = [i["id"] for i in doc["issues"]]
    for k, actor in enumerate(a["id"] for a in doc["actors"]):
        if draw(st.booleans()):
            named = draw(st.lists(st.sampled_from(issues), min_size=1, max_size=2, unique=True))
            doc["red_lines"].append({"id": f"refuse-{k}", "actor": actor,
                                     "refuses_agenda": named})
    return doc


def brute_force(scenario, min_parties=2):
    """Every (parties, issues) pair with a deal, agenda refusals honoured; the maximal ones."""
    issues = scenario.issue_ids
    refusal = {r.actor: set(r.refuses_agenda) for r in scenario.red_lines
               if r.refuses_agenda}
    pairs = []
    for m in range(1, len(issues) + 1):
        for chosen in itertools.combinations(issues, m):
            if any(scenario.issue(i).status_quo is None for i in issues if i not in chosen):
                continue
            seated = [p for p in scenario.parties if not refusal.get(p, set()) & set(chosen)]
            for k in range(min_parties, len(seated) + 1):
                for s in itertools.combinations(seated, k):
                    if has_deal(scenario, s, chosen):
                        pairs.append((frozenset(s), frozenset(chosen)))
    return {(s, i) for s, i in pairs
            if not any(s <= s2 and i <= i2 and (s, i) != (s2, i2) for s2, i2 in pairs)}


@settings(max_examples=30, deadline=None)
@given(refusing())
def test_searching_only_the_refused_issues_agendas_loses_nothing(doc):
    scenario = redline.load(doc)
    result = partial_agreements(scenario, top=10_000)
    assert result.agendas_skipped == 0
    assert {(frozenset(a.parties), frozenset(a.issues)) for a in result.agreements} == \
        brute_force(scenario)
    refused = {i for r in scenario.red_lines for i in r.refuses_agenda or ()}
    assert result.agendas_searched <= 2 ** len(refused)


def test_the_bound_on_agendas_is_explicit_and_counted():
    from redline.limits import MAX_PARTIAL_AGENDAS
    from redline.space.partial import PartialError

    scenario = redline.load(EXAMPLES / "us-iran-2026.yaml")
    full = partial_agreements(scenario)
    assert full.parameters["max_agendas"] == MAX_PARTIAL_AGENDAS
    assert full.parameters["refused_issues"] == ["missiles"]
    assert full.agendas_searched == 2 and full.agendas_skipped == 0  # with and without missiles
    one = partial_agreements(scenario, max_agendas=1)
    assert one.agendas_searched == 1 and one.agendas_skipped == 1
    # the one agenda searched keeps missiles on the table; the best deal leaves them off
    assert all("missiles" in a.issues for a in one.agreements)
    assert "missiles" not in full.agreements[0].issues
    with pytest.raises(PartialError, match="at least 1"):
        partial_agreements(scenario, max_agendas=0)


def test_the_command_line_raises_or_lowers_the_bound():
    import json

    from typer.testing import CliRunner

    import redline.cli.commands  # noqa: F401  (registers the commands)
    from redline.cli.app import app

    path = str(EXAMPLES / "us-iran-2026.yaml")
    data = json.loads(CliRunner().invoke(app, ["coalitions", path, "--max-partial-agendas", "1",
                                               "--format", "json"]).output)
    assert data["partial_agreements"]["agendas_skipped"] == 1
    text = CliRunner().invoke(app, ["coalitions", path, "--max-partial-agendas", "1"]).output
    assert "--max-partial-agendas" in text
