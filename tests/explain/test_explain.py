"""Why-no-deal explanations: minimal blocking sets on hand-built cases with known answers."""

from __future__ import annotations

from itertools import combinations
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redline.scenario import load
from redline.space import analyze
from redline.space.explain import explain, with_reservations, without_red_lines


def one_issue(p_values: list[float], q_values: list[float], reservations: tuple[float, float],
              red_lines: list[dict[str, Any]] | None = None,
              extra_issue: bool = False) -> Any:
    options = ["a", "b", "c", "d"][:len(p_values)]
    issues = [{"id": "x", "name": "X", "options": options, "status_quo": options[0]}]
    weights = {"x": 1.0}
    if extra_issue:
        issues.append({"id": "y", "name": "Y", "options": ["no", "yes"], "status_quo": "no"})
        weights = {"x": 1.0, "y": 0.0}
    def pref(values: list[float], d: float) -> dict[str, Any]:
        vals: dict[str, Any] = {"x": values}
        if extra_issue:
            vals["y"] = [0.0, 0.0]
        return {"weights": weights, "values": vals, "reservation": d}
    return load({
        "format": "redline/1", "title": "hand-built",
        "actors": [{"id": "P", "name": "P", "role": "party"},
                   {"id": "Q", "name": "Q", "role": "party"}],
        "issues": issues,
        "preferences": {"P": pref(p_values, reservations[0]), "Q": pref(q_values, reservations[1])},
        "red_lines": red_lines or [],
    })


def sets_of(result: Any) -> set[frozenset[str]]:
    return {frozenset(b.constraints) for b in result.blocking_sets}


def test_opposed_reservations_each_alone_blocks():
    # One issue, opposed values; no option gives both 0.6. Dropping P's reservation admits only
    # option a (the only one Q accepts), where P has 0: P must drop 0.6. Symmetrically for Q.
    result = explain(one_issue([0, 0.5, 1], [1, 0.5, 0], (0.6, 0.6)))
    assert not result.zopa
    assert sets_of(result) == {frozenset({"reservation:P"}), frozenset({"reservation:Q"})}
    by_set = {b.constraints: b for b in result.blocking_sets}
    p = by_set[("reservation:P",)]
    assert p.gives_up[0].drop == pytest.approx(0.6)
    assert p.opens.outcome == {"x": "a"}


def test_red_lines_and_reservations_three_minimal_pairs_and_a_uniform_drop():
    red = [{"id": "p-not-a", "actor": "P", "rule": "x != 'a'"},
           {"id": "q-not-c", "actor": "Q", "rule": "x != 'c'"}]
    result = explain(one_issue([0, 0.5, 1], [1, 0.5, 0], (0.6, 0.6), red))
    assert sets_of(result) == {
        frozenset({"p-not-a", "reservation:P"}),
        frozenset({"reservation:P", "reservation:Q"}),
        frozenset({"q-not-c", "reservation:Q"}),
    }
    both = next(b for b in result.blocking_sets
                if set(b.constraints) == {"reservation:P", "reservation:Q"})
    # The compromise b gives each 0.5: both drop 0.1, and b is the deal that opens.
    assert [g.drop for g in both.gives_up] == [pytest.approx(0.1), pytest.approx(0.1)]
    assert both.opens.outcome == {"x": "b"}
    assert [len(b.constraints) for b in result.blocking_sets] == [2, 2, 2]


def test_size_limit_counts_what_it_does_not_list():
    red = [{"id": "p-not-a", "actor": "P", "rule": "x != 'a'"},
           {"id": "q-not-c", "actor": "Q", "rule": "x != 'c'"}]
    result = explain(one_issue([0, 0.5, 1], [1, 0.5, 0], (0.6, 0.6), red), max_size=1)
    assert result.blocking_sets == ()
    assert result.beyond_limit == 3


def test_agenda_refusal_is_the_one_set_when_it_alone_blocks():
    red = [{"id": "q-refuses-y", "actor": "Q", "refuses_agenda": ["y"]}]
    scenario = one_issue([0, 0.5, 1], [1, 0.5, 0], (0.4, 0.4), red, extra_issue=True)
    result = explain(scenario, ["x", "y"])
    assert sets_of(result) == {frozenset({"q-refuses-y"})}
    assert result.blocking_sets[0].gives_up[0].kind == "agenda refusal"
    assert result.blocking_sets[0].opens.outcome["x"] == "b"


def test_us_iran_full_agenda_blocked_by_the_missile_refusal(examples):
    result = explain(load(examples / "us-iran-2026.yaml"))
    assert sets_of(result) == {frozenset({"irn-missiles-off-agenda"})}
    data = result.to_dict()
    assert data["format"] == "redline-explain/1" and data["zopa"] is False
    assert data["blocking_sets"][0]["opens"]["outcome"]["sanctions"] == "full-lifting"


def test_us_iran_enrichment_alone_needs_relief_or_a_us_climbdown(examples):
    result = explain(load(examples / "us-iran-2026.yaml"), ["enrichment"])
    assert sets_of(result) == {frozenset({"irn-nuclear-for-sanctions"}),
                               frozenset({"usa-no-high-enrichment", "reservation:USA"})}
    climbdown = result.blocking_sets[1]
    # Only 'current' enrichment is then admitted: US utility 0.10 against a reservation of 0.30.
    assert climbdown.gives_up[1].drop == pytest.approx(0.2)


def test_binding_red_line_moves_the_nash_point_and_headroom():
    red = [{"id": "p-at-least-c", "actor": "P", "rule": "x >= 'c'"}]
    scenario = one_issue([0, 0.4, 0.6, 1], [1, 0.6, 0.4, 0], (0.1, 0.1), red)
    result = explain(scenario)
    assert result.zopa and result.nash.outcome == {"x": "c"}
    assert [b.constraint for b in result.binding] == ["p-at-least-c"]
    entry = result.binding[0]
    assert entry.nash_without.outcome == {"x": "b"}
    assert entry.change["P"] == pytest.approx(-0.2)
    assert result.headroom == {"P": pytest.approx(0.5), "Q": pytest.approx(0.3)}


# --- property: the listed sets are exactly the minimal ones a brute force finds ----------------


def opens(scenario: Any, removed: set[str]) -> bool:
    red = [c for c in removed if not c.startswith("reservation:")]
    relaxed = without_red_lines(scenario, red)
    relaxed = with_reservations(relaxed, {c.split(":")[1]: 0.0 for c in removed
                                          if c.startswith("reservation:")})
    return analyze(relaxed).zopa


rules = st.sampled_from(["x != 'a'", "x != 'b'", "x != 'c'", "x in ['a', 'b']",
                         "x >= 'b'", "x == 'c'"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(p=st.lists(st.sampled_from([0.0, 0.3, 0.5, 0.7, 1.0]), min_size=3, max_size=3),
       q=st.lists(st.sampled_from([0.0, 0.3, 0.5, 0.7, 1.0]), min_size=3, max_size=3),
       d=st.tuples(st.sampled_from([0.2, 0.4, 0.6, 0.8]), st.sampled_from([0.2, 0.4, 0.6, 0.8])),
       chosen=st.lists(st.tuples(st.sampled_from(["P", "Q"]), rules), max_size=3))
def test_blocking_sets_match_brute_force(p, q, d, chosen):
    red = [{"id": f"r{k}", "actor": actor, "rule": rule} for k, (actor, rule) in enumerate(chosen)]
    scenario = one_issue(p, q, d, red)
    result = explain(scenario, max_size=10)
    if result.zopa:
        assert analyze(scenario).zopa
        return
    constraints = result.constraints
    expected = set()
    for size in range(1, len(constraints) + 1):
        for subset in combinations(constraints, size):
            s = frozenset(subset)
            if any(e <= s for e in expected):
                continue
            if opens(scenario, set(s)):
                expected.add(s)
    assert sets_of(result) == expected
    sizes = [len(b.constraints) for b in result.blocking_sets]
    assert sizes == sorted(sizes)
    for blocking in result.blocking_sets:  # what opens is really in the relaxed ZOPA
        assert blocking.opens.outcome is not None
