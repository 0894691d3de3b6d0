"""Agenda analysis: refusals, deals, linkage (logrolling), ranking, pruning; US–Iran reads right."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redline.scenario import load
from redline.space.agendas import analyze_agendas
from redline.space.outcomes import AgendaError


def logroll(reservation: float = 0.25, issues: int = 2) -> Any:
    """P cares mostly about x, Q mostly about y; each issue alone helps one side only."""
    ids = ["x", "y", "z"][:issues]
    docs: dict[str, Any] = {
        "format": "redline/1", "title": "logroll",
        "actors": [{"id": "P", "name": "P", "role": "party"},
                   {"id": "Q", "name": "Q", "role": "party"}],
        "issues": [{"id": i, "name": i, "options": ["keep", "give"], "status_quo": "keep"}
                   for i in ids],
        "preferences": {
            "P": {"weights": {"x": 0.8, "y": 0.2, **({"z": 0.0} if issues > 2 else {})},
                  "values": {"x": [0, 1], "y": [1, 0], **({"z": [0, 0]} if issues > 2 else {})},
                  "reservation": reservation},
            "Q": {"weights": {"x": 0.2, "y": 0.8, **({"z": 0.0} if issues > 2 else {})},
                  "values": {"x": [1, 0], "y": [0, 1], **({"z": [0, 0]} if issues > 2 else {})},
                  "reservation": reservation},
        },
    }
    return load(docs)


def test_logrolling_package_beats_issue_by_issue():
    result = analyze_agendas(logroll())
    by = {a.issues: a for a in result.agendas}
    assert not by[("x",)].zopa and not by[("y",)].zopa
    both = by[("x", "y")]
    assert both.zopa
    assert both.nash.outcome == {"x": "give", "y": "give"}
    assert both.gains == {"P": pytest.approx(0.55), "Q": pytest.approx(0.55)}
    assert both.adds_value == ("x", "y")
    # Issue by issue, both stay at the status quo (0.2 each), below the reservations: joint gain 0.
    assert both.linkage_gain == pytest.approx(0.55 * 0.55)
    assert result.agendas[0].issues == ("x", "y")
    assert result.preferred == {"P": ("x", "y"), "Q": ("x", "y")}
    assert result.accepted == (("x", "y"),)
    assert result.skipped == 0


def test_logrolling_also_beats_separate_deals_that_exist():
    # With reservations at 0 each issue alone has a deal (the status quo, Nash product 0.04),
    # but trading x for y is still worth more: linkage gain 0.64 - 0.04.
    result = analyze_agendas(logroll(reservation=0.0))
    both = next(a for a in result.agendas if a.issues == ("x", "y"))
    single = next(a for a in result.agendas if a.issues == ("x",))
    assert single.zopa and single.nash.outcome["x"] == "keep"
    assert both.linkage_gain == pytest.approx(0.64 - 0.04)


def test_no_linkage_value_when_interests_are_shared():
    shared = {"weights": {"x": 0.5, "y": 0.5}, "values": {"x": [0, 1], "y": [0, 1]},
              "reservation": 0.0}
    scenario = load({
        "format": "redline/1", "title": "shared",
        "actors": [{"id": "P", "name": "P", "role": "party"},
                   {"id": "Q", "name": "Q", "role": "party"}],
        "issues": [{"id": i, "name": i, "options": ["keep", "give"], "status_quo": "keep"}
                   for i in ("x", "y")],
        "preferences": {"P": shared, "Q": shared},
    })
    both = next(a for a in analyze_agendas(scenario).agendas if a.issues == ("x", "y"))
    assert both.zopa and both.linkage_gain == pytest.approx(0.0, abs=1e-12)
    assert both.adds_value == ()


def test_us_iran_reads_naturally(examples):
    result = analyze_agendas(load(examples / "us-iran-2026.yaml"))
    best = result.agendas[0]
    assert best.issues == ("enrichment", "inspections", "stockpile", "sanctions")
    assert best.nash.outcome["sanctions"] == "full-lifting"
    assert best.gains == {"USA": pytest.approx(0.31), "IRN": pytest.approx(0.27)}
    refused = [a for a in result.agendas if a.refused_by]
    assert len(refused) == 16
    assert all("missiles" in a.issues and a.refused_by == ("IRN",) for a in refused)
    assert all(a.refusing_red_lines == ("irn-missiles-off-agenda",) for a in refused)
    by = {a.issues: a for a in result.agendas}
    assert by[("enrichment", "sanctions")].zopa  # nuclear + sanctions: a deal exists
    assert not by[("enrichment",)].zopa
    assert by[("enrichment",)].binding_red_lines == ("irn-nuclear-for-sanctions",)
    assert not any(a.zopa for a in result.agendas if len(a.issues) == 1)
    assert result.skipped == 0
    data = result.to_dict()
    assert data["format"] == "redline-agendas/1"
    assert set(data["agendas"][0]) >= {"issues", "refused_by", "zopa", "nash", "gains"}
    assert data["agendas"][-1]["nash"] is None


def test_agenda_limit_and_outcome_limit_are_counted_as_skipped():
    scenario = logroll(issues=3)
    limited = analyze_agendas(scenario, max_agendas=3)
    assert len(limited.agendas) == 3 and limited.skipped == 4
    assert limited.skipped_reasons == {"agenda_limit": 4}
    small = analyze_agendas(scenario, max_outcomes=4)
    assert small.skipped == 1  # only x+y+z has 8 outcomes
    assert small.skipped_reasons == {"too_many_outcomes": 1}


def test_unknown_issue_in_the_pool_is_a_clear_error():
    with pytest.raises(AgendaError, match="unknown issue"):
        analyze_agendas(logroll(), issues=["x", "nope"])


values = st.lists(st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0]), min_size=3, max_size=3)


@settings(max_examples=30, deadline=None)
@given(p=st.lists(values, min_size=3, max_size=3), q=st.lists(values, min_size=3, max_size=3),
       d=st.tuples(st.sampled_from([0.1, 0.3, 0.5]), st.sampled_from([0.1, 0.3, 0.5])),
       rule=st.sampled_from([None, "i0 != 'c'", "i1 >= 'b' implies i2 == 'c'"]))
def test_invariants_on_random_three_issue_scenarios(p, q, d, rule):
    ids = ["i0", "i1", "i2"]
    scenario = load({
        "format": "redline/1", "title": "random",
        "actors": [{"id": "P", "name": "P", "role": "party"},
                   {"id": "Q", "name": "Q", "role": "party"}],
        "issues": [{"id": i, "name": i, "options": ["a", "b", "c"], "status_quo": "a"}
                   for i in ids],
        "preferences": {
            "P": {"weights": {"i0": 0.5, "i1": 0.3, "i2": 0.2}, "values": dict(zip(ids, p, strict=True)),
                  "reservation": d[0]},
            "Q": {"weights": {"i0": 0.2, "i1": 0.3, "i2": 0.5}, "values": dict(zip(ids, q, strict=True)),
                  "reservation": d[1]},
        },
        "red_lines": [] if rule is None else [{"id": "r", "actor": "Q", "rule": rule}],
    })
    result = analyze_agendas(scenario)
    assert len(result.agendas) == 7 and result.skipped == 0
    for entry in result.agendas:
        if not entry.zopa:
            continue
        # Off-agenda issues stay at the status quo; gains are individually rational.
        assert all(entry.nash.outcome[i] == "a" for i in ids if i not in entry.issues)
        assert all(g >= -1e-12 for g in entry.gains.values())
        # The one-by-one settlement is itself a package of the agenda, so Nash can only beat it.
        if entry.linkage_gain is not None:
            assert entry.linkage_gain >= -1e-12
    ranked = [e.joint_gain for e in result.agendas if e.zopa]
    assert ranked == sorted(ranked, reverse=True)
