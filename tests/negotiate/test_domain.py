"""The negotiation domain built from a scenario: outcomes, utilities, red lines, agenda."""

from __future__ import annotations

import numpy as np
import pytest

from redline import scenario
from redline.negotiate import from_scenario, opposed, split
from redline.scenario.rules import evaluate
from redline.scenario.situation import AgendaError


def test_agenda_with_missiles_makes_iran_refuse(us_iran: scenario.Scenario) -> None:
    full = from_scenario(us_iran)
    assert full.refused_by == ("IRN",)
    assert from_scenario(us_iran, ["sanctions", "enrichment"]).refused_by == ()


def test_utilities_are_the_additive_sums(us_iran: scenario.Scenario, talks) -> None:
    for o in (0, 17, talks.n_outcomes - 1):
        labels = talks.describe(o)
        for p, party in enumerate(talks.parties):
            u = us_iran.utilities[party]
            expected = 0.0
            for issue in us_iran.issues:
                option = labels.get(issue.id, issue.status_quo)
                expected += u.weights[issue.id] * u.values[issue.id][issue.options.index(option)]
            assert talks.utilities[p, o] == pytest.approx(expected)


def test_off_agenda_issue_stays_at_status_quo(talks) -> None:
    # missiles are off the table, so Iran's red line "missiles == 'no-limits'" always holds
    iran = talks.party_index("IRN")
    labels = [talks.describe(o) for o in range(talks.n_outcomes)]
    assert "missiles" not in talks.issues
    nuclear_without_relief = np.array([
        (d["enrichment"] != "current" or d["inspections"] != "limited"
         or d["stockpile"] != "as-is") and d["sanctions"] in ("none", "waivers")
        for d in labels])
    assert not talks.allowed[iran][nuclear_without_relief].any()
    assert talks.allowed[iran][~nuclear_without_relief].all()


def test_red_lines_compiled_per_party(us_iran: scenario.Scenario, talks) -> None:
    usa = talks.party_index("USA")
    for o in range(talks.n_outcomes):
        high = talks.describe(o)["enrichment"] in ("current", "cap-20pct")
        assert talks.allowed[usa, o] == (not high)
    assert talks.describe(talks.status_quo) == {
        "enrichment": "current", "inspections": "limited", "stockpile": "as-is",
        "sanctions": "none"}
    # the rule evaluator agrees with the compiled table on the full space as well
    full = from_scenario(us_iran)
    rule = us_iran.rules["usa-no-high-enrichment"]
    grid = {i: full.grid[:, k] for k, i in enumerate(full.issues)}
    holds = evaluate(rule, lambda issue, table: table[grid[issue]], us_iran.option_counts())
    assert (full.allowed[full.party_index("USA")] == holds).all()


def test_bad_agenda_is_one_clear_error(us_iran: scenario.Scenario) -> None:
    # Agenda mistakes are found where every engine's situation is resolved: one AgendaError.
    with pytest.raises(AgendaError, match="unknown issue 'oil'.*Fix"):
        from_scenario(us_iran, ["oil"])
    with pytest.raises(AgendaError, match="no issue on the table"):
        from_scenario(us_iran, [])


@pytest.mark.parametrize("reach", [1, 2, 3])
def test_neighbours_change_one_to_reach_issues(reach: int) -> None:
    domain = opposed([3, 4, 2, 3], seed=1)
    table = domain.neighbours(reach)
    changed = (domain.grid[:, None, :] != domain.grid[table]).sum(axis=2)
    assert changed.min() == 1 and changed.max() == reach
    # every text within reach appears exactly once per row
    for o in (0, 40, domain.n_outcomes - 1):
        distance = (domain.grid != domain.grid[o]).sum(axis=1)
        expected = np.flatnonzero((distance >= 1) & (distance <= reach))
        assert sorted(table[o].tolist()) == expected.tolist()


def test_split_domain_is_a_pie() -> None:
    pie = split(100)
    assert pie.n_outcomes == 101
    assert np.allclose(pie.utilities.sum(axis=0), 1.0)


def test_issue_off_the_agenda_needs_a_status_quo(us_iran: scenario.Scenario) -> None:
    document = us_iran.document.model_copy(update={"issues": [
        i.model_copy(update={"status_quo": None}) if i.id == "stockpile" else i
        for i in us_iran.document.issues]})
    edited = us_iran.with_document(document)
    with pytest.raises(AgendaError, match="'stockpile' is left off the agenda.*Fix"):
        from_scenario(edited, ["enrichment", "sanctions"])
    domain = from_scenario(edited, ["stockpile", "sanctions"])  # on the table: first option
    assert domain.describe(domain.status_quo)["stockpile"] == "as-is"
