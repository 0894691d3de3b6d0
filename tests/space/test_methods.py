"""The enumeration and merge paths give the same analysis, and both match brute force."""

from __future__ import annotations

from fractions import Fraction
from itertools import product
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redline.scenario import Scenario
from redline.scenario.rules import evaluate
from redline.space import analyze
from redline.space.domains import linear_additive_scenario, random_red_lines
from redline.space.enumeration import enumerate_frontier
from redline.space.outcomes import outcome_space


@st.composite
def scenarios(draw: st.DrawFn, max_parties: int = 3) -> Scenario:
    issues = draw(st.integers(1, 4))
    options = draw(st.integers(2, 4))
    parties = draw(st.integers(1, max_parties))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    rules = random_red_lines(issues, options, draw(st.integers(0, 3)), rng,
                             span=draw(st.integers(1, 3)))
    reservation = [draw(st.sampled_from([0.0, 0.2, 0.4, 0.6])) for _ in range(parties)]
    # One decimal makes ties (equal utility vectors from different outcomes) common.
    decimals = draw(st.sampled_from([1, 2, None]))
    return linear_additive_scenario(issues, options, parties, rng, red_lines=rules,
                                    reservation=reservation, decimals=decimals)


def comparable(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    data.pop("method")
    data["parameters"] = {k: v for k, v in data["parameters"].items() if k != "method"}
    return data


def exact_utility(scenario: Scenario, party: str, chosen: dict[str, int]) -> Fraction:
    """u = sum_i raw_i v_i / sum_i raw_i in exact rationals of the document's numbers."""
    preference = scenario.document.preferences[party]
    raw = {i: Fraction(str(float(preference.weights.get(i, 0.0)))) for i in scenario.issue_ids}
    values = scenario.utilities[party].values
    total = sum(raw.values())
    return sum((raw[i] * Fraction(str(float(values[i][k]))) for i, k in chosen.items()),
               Fraction(0)) / total


def brute_force(scenario: Scenario) -> tuple[set[tuple[int, ...]], int, int]:
    """Frontier (option tuples), feasible count and ZOPA size, one outcome at a time, in exact
    rational arithmetic (independent of the integer tables the analysis uses)."""
    space = outcome_space(scenario)
    parties = space.parties
    counts = scenario.option_counts()
    reservations = [Fraction(str(scenario.utilities[p].reservation)) for p in parties]
    rules = [r.id for r in scenario.red_lines if r.rule is not None and r.actor in parties]
    zopa: list[tuple[tuple[int, ...], list[Fraction]]] = []
    feasible = 0
    for outcome in product(*(range(counts[i]) for i in space.agenda)):
        chosen = dict(zip(space.agenda, outcome, strict=True))
        ok = all(bool(evaluate(scenario.rules[r], lambda issue, table, at=chosen: table[at[issue]],
                               counts)) for r in rules)
        feasible += ok
        u = [exact_utility(scenario, p, chosen) for p in parties]
        if ok and all(x >= d for x, d in zip(u, reservations, strict=True)):
            zopa.append((outcome, u))
    frontier = {
        o for o, u in zopa
        if not any(all(b >= a for a, b in zip(u, v, strict=True)) and v != u for _, v in zopa)
    }
    return frontier, feasible, len(zopa)


@settings(max_examples=150, deadline=None)
@given(scenarios(max_parties=4))
def test_enumerate_and_merge_agree_with_each_other_and_brute_force(scenario: Scenario) -> None:
    enumerated = analyze(scenario, method="enumerate")
    merged = analyze(scenario, method="merge")
    assert enumerated.method == "enumerate" and merged.method == "merge"
    assert comparable(enumerated.to_dict()) == comparable(merged.to_dict())
    frontier, feasible, zopa_size = brute_force(scenario)
    assert {tuple(row) for row in enumerated.frontier.options.tolist()} == frontier
    assert len(enumerated.frontier) == len(frontier)  # ties are separate rows, none lost
    assert (enumerated.feasible, enumerated.zopa_size) == (feasible, zopa_size)
    assert (merged.feasible, merged.zopa_size) == (feasible, zopa_size)


@settings(max_examples=60, deadline=None)
@given(scenarios(), st.integers(1, 9))
def test_chunk_size_does_not_change_the_enumeration(scenario: Scenario, chunk: int) -> None:
    space = outcome_space(scenario)
    rules = [r.id for r in scenario.red_lines if r.rule is not None]
    whole = enumerate_frontier(space, rules)
    pieces = enumerate_frontier(space, rules, chunk=chunk)
    assert np.array_equal(whole.numbers, pieces.numbers)
    assert np.array_equal(whole.utilities, pieces.utilities)
    assert (whole.feasible, whole.zopa_size, whole.binding) == \
        (pieces.feasible, pieces.zopa_size, pieces.binding)


@pytest.mark.parametrize("parties", [2, 3])
def test_paths_agree_on_a_larger_space_with_red_lines(parties: int) -> None:
    rng = np.random.default_rng(parties)
    rules = random_red_lines(7, 6, 3, rng, span=2)
    scenario = linear_additive_scenario(7, 6, parties, rng, red_lines=rules,
                                        reservation=0.3, decimals=2)
    enumerated = analyze(scenario, method="enumerate")
    merged = analyze(scenario, method="merge")
    assert comparable(enumerated.to_dict()) == comparable(merged.to_dict())
    assert len(enumerated.frontier) > 5


def test_ties_are_kept_and_counted_by_both_paths() -> None:
    # Both parties are indifferent between o1 and o2 on i02: every frontier package has a twin.
    document = {
        "format": "redline/1", "title": "ties",
        "actors": [{"id": "A", "name": "A", "role": "party"},
                   {"id": "B", "name": "B", "role": "party"}],
        "issues": [{"id": "i01", "name": "one", "options": ["a", "b", "c"]},
                   {"id": "i02", "name": "two", "options": ["o1", "o2", "o3"]}],
        "preferences": {
            "A": {"weights": {"i01": 0.5, "i02": 0.5},
                  "values": {"i01": [1.0, 0.5, 0.0], "i02": [0.7, 0.7, 0.1]}},
            "B": {"weights": {"i01": 0.5, "i02": 0.5},
                  "values": {"i01": [0.0, 0.6, 1.0], "i02": [0.4, 0.4, 0.2]}},
        },
    }
    from redline.scenario import load

    scenario = load(document)
    for method in ("enumerate", "merge"):
        result = analyze(scenario, method=method)
        packages = [tuple(o) for o in result.frontier.options.tolist()]
        assert packages == [(0, 0), (0, 1), (1, 0), (1, 1), (2, 0), (2, 1)], method
        assert result.solutions["nash"] is not None and result.solutions["nash"].ties == 2


def test_ties_in_real_numbers_are_ties_whatever_the_float_sums() -> None:
    # In floats, 0.1 + 0.2 + 0.3 = 0.6000000000000001 but 0.3 + 0.2 + 0.1 = 0.6: a float
    # comparison would let package (a, y, a) dominate (b, y, b); in real numbers they tie.
    from redline.scenario import load

    issues = [{"id": i, "name": i, "options": ["a", "b"]} for i in ("x", "y", "z")]
    document = {
        "format": "redline/1", "title": "real ties", "issues": issues,
        "actors": [{"id": "A", "name": "A", "role": "party"},
                   {"id": "B", "name": "B", "role": "party"}],
        "preferences": {
            "A": {"weights": {"x": 1, "y": 1, "z": 1},
                  "values": {"x": [0.1, 0.3], "y": [0.2, 0.0], "z": [0.3, 0.1]}},
            "B": {"weights": {"x": 1, "y": 1, "z": 1},
                  "values": {"x": [0.3, 0.1], "y": [0.2, 0.0], "z": [0.1, 0.3]}},
        },
    }
    scenario = load(document)
    assert 0.1 + 0.2 + 0.3 != 0.3 + 0.2 + 0.1
    for method in ("enumerate", "merge"):
        result = analyze(scenario, method=method)
        packages = [tuple(o) for o in result.frontier.options.tolist()]
        assert packages == [(0, 0, 0), (0, 0, 1), (1, 0, 0), (1, 0, 1)], method
        nash = result.solutions["nash"]
        assert nash is not None and nash.ties == 2 and nash.options == (0, 0, 0)


@settings(max_examples=100, deadline=None)
@given(scenarios())
def test_zopa_count_by_blocks_equals_enumeration(scenario: Scenario) -> None:
    from redline.space.counting import count_zopa_by_blocks
    from redline.space.enumeration import count_zopa
    from redline.space.merge import merge_frontier

    space = outcome_space(scenario)
    rules = [r.id for r in scenario.red_lines if r.rule is not None]
    merged = merge_frontier(space, rules, 10**6)
    counted = count_zopa_by_blocks(merged.blocks, space.scaled_constant(),
                                   space.scaled_reservations(), 10**6) if merged.feasible else 0
    assert counted == count_zopa(space, rules)


@pytest.mark.parametrize("rule", [None, "i00 == 'yes' implies i03 == 'no'"])
def test_a_frontier_of_many_tied_packages_is_listed_whole_by_the_merge(rule: str | None) -> None:
    # Opposed yes/no values with three weight pairs: issues with the same pair are
    # interchangeable, so each frontier vector is reached by many packages (the merge keeps one
    # partial sum per vector and reads every package back).
    from redline.scenario import load
    from redline.space.domains import opposed_yes_no_document

    document = opposed_yes_no_document(14, reservation=0.2)
    if rule:
        document["red_lines"] = [{"id": "r", "actor": "A", "rule": rule}]
    scenario = load(document)
    enumerated = analyze(scenario, method="enumerate")
    merged = analyze(scenario, method="merge")
    assert comparable(enumerated.to_dict()) == comparable(merged.to_dict())
    assert np.array_equal(enumerated.frontier.options, merged.frontier.options)
    vectors = {tuple(u) for u in np.round(merged.frontier.utilities, 9).tolist()}
    assert len(merged.frontier) > 10 * len(vectors)  # mostly ties, none lost


def first_of_each_vector(scenario: Scenario, options: np.ndarray) -> np.ndarray:
    """The rows of a frontier (options over every issue, canonical order) that are the first
    with their exact integer utility vector."""
    space = outcome_space(scenario)
    tables = space.scaled_tables()
    exact = sum((tables[k][options[:, k]] for k in range(options.shape[1])),
                space.scaled_constant()[None, :])
    return np.sort(np.unique(exact, axis=0, return_index=True)[1])


def assert_first_of_each_vector(scenario: Scenario) -> None:
    for method in ("enumerate", "merge"):
        full = analyze(scenario, method=method)
        light = analyze(scenario, method=method, ties=False)
        assert light.parameters["ties"] is False
        first = first_of_each_vector(scenario, full.frontier.options)
        assert np.array_equal(light.frontier.options, full.frontier.options[first]), method
        assert np.array_equal(light.frontier.utilities, full.frontier.utilities[first]), method
        for name, solution in full.solutions.items():
            other = light.solutions[name]
            assert (solution is None) == (other is None)
            if solution is not None and other is not None:
                assert (other.options, other.utilities) == (solution.options, solution.utilities)
        assert (light.zopa, light.feasible, light.zopa_size) == \
            (full.zopa, full.feasible, full.zopa_size)


@settings(max_examples=100, deadline=None)
@given(scenarios(max_parties=4))
def test_one_package_per_utility_vector_is_the_first_and_keeps_the_solutions(
        scenario: Scenario) -> None:
    assert_first_of_each_vector(scenario)


@pytest.mark.parametrize("rule", [None, "i00 == 'yes' implies i01 == 'no'",
                                  "i00 == 'yes' implies i03 == 'no'"])
def test_one_package_per_vector_on_many_ties_with_red_lines_in_and_out_of_order(
        rule: str | None) -> None:
    # i00 with i01: blocks still cover the agenda in order (found forward); i00 with i03: a
    # block out of order (read back in full, then the first of each vector).
    from redline.scenario import load
    from redline.space.domains import opposed_yes_no_document

    document = opposed_yes_no_document(12, reservation=0.2)
    if rule:
        document["red_lines"] = [{"id": "r", "actor": "A", "rule": rule}]
    assert_first_of_each_vector(load(document))
