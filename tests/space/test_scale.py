"""The analysis at scale: exact counts, frontier invariants, bounded memory, clear limits."""

from __future__ import annotations

import tracemalloc
from itertools import product
from pathlib import Path

import numpy as np
import pytest
import yaml

from redline.scenario import Scenario, load
from redline.scenario.rules import evaluate
from redline.space import MergeTooLarge, MethodError, SpaceTooLarge, analyze
from redline.space.domains import linear_additive_document, linear_additive_scenario
from redline.space.enumeration import enumerate_frontier
from redline.space.outcomes import outcome_space

TWENTY_RULES = ["i03 >= 'o6' implies i07 <= 'o5'", "i07 >= 'o8' implies i12 >= 'o3'"]


@pytest.fixture(scope="module")
def twenty(request: pytest.FixtureRequest) -> Scenario:
    return load(Path(request.config.rootpath) / "examples" / "many-issues-20.yaml")


def test_example_is_what_the_generator_gives(twenty: Scenario) -> None:
    text = (Path(twenty.origin)).read_text()
    regenerated = linear_additive_document(
        20, 10, 2, np.random.default_rng(20), red_lines=TWENTY_RULES, reservation=0.05,
        decimals=3, title="Twenty issues, ten options each: 10^20 packages (generated)")
    assert yaml.safe_load(text) == regenerated


def satisfies(scenario: Scenario, options: list[int]) -> bool:
    chosen = dict(zip(scenario.issue_ids, options, strict=True))
    counts = scenario.option_counts()
    return all(bool(evaluate(scenario.rules[r.id], lambda i, t: t[chosen[i]], counts))
               for r in scenario.red_lines if r.rule is not None)


def test_twenty_issues_merge_is_exact(twenty: Scenario) -> None:
    result = analyze(twenty)
    assert result.method == "merge"
    assert result.outcomes == 10**20
    # Feasible: the 10**3 packages of the linked issues i03, i07, i12 counted one by one,
    # times the 10**17 packages of the other issues.
    counts = twenty.option_counts()
    linked = sum(
        satisfies(twenty, [dict(zip(("i03", "i07", "i12"), combo, strict=True)).get(i, 0)
                           for i in twenty.issue_ids])
        for combo in product(range(10), repeat=3)
    )
    assert result.feasible == linked * 10**17
    assert result.zopa_size == result.feasible  # reservations 0.05 lie below every package
    space = outcome_space(twenty)
    tables = space.scaled_tables()  # exact integers: raw weight x value x 1e12
    options = result.frontier.options
    exact = sum(tables[k][options[:, k]] for k in range(len(tables)))
    assert np.allclose(exact / space.scales(), result.frontier.utilities, rtol=0, atol=1e-12)
    assert all(satisfies(twenty, row) for row in options.tolist())
    u = exact
    dominated = ((u[None] >= u[:, None]).all(axis=2) & (u[None] > u[:, None]).any(axis=2)).any(1)
    assert not dominated.any()
    # No frontier package is improved for both parties by changing a single issue.
    for row in options[:: max(1, len(options) // 25)].tolist():
        base = sum(tables[k][row[k]] for k in range(len(tables)))
        for k in range(len(tables)):
            for option in range(counts[twenty.issue_ids[k]]):
                moved = base - tables[k][row[k]] + tables[k][option]
                changed = row[:k] + [option] + row[k + 1:]
                if (moved >= base).all() and (moved > base).any():
                    assert not satisfies(twenty, changed)
    nash = result.solutions["nash"]
    assert nash is not None
    gains = result.frontier.utilities - np.array(result.reservations)
    assert np.prod(gains[nash.row]) == pytest.approx(np.prod(gains, axis=1).max(), rel=1e-12)
    assert result.binding_red_lines == ("rl1",)


def test_counts_are_exact_or_null_never_guessed() -> None:
    scenario = linear_additive_scenario(12, 6, 2, np.random.default_rng(4), reservation=0.45)
    result = analyze(scenario, max_outcomes=100_000)
    assert result.method == "merge"
    assert result.outcomes == 6**12 and result.feasible == 6**12
    assert result.zopa_size is None and result.zopa
    assert result.to_dict()["zopa_size"] is None
    small = linear_additive_scenario(6, 6, 2, np.random.default_rng(4), reservation=0.45)
    merged = analyze(small, method="merge")
    assert merged.zopa_size == analyze(small, method="enumerate").zopa_size
    assert 0 < merged.zopa_size < 6**6


def test_enumeration_memory_stays_bounded() -> None:
    scenario = linear_additive_scenario(4, 45, 2, np.random.default_rng(1))  # 4.1e6 outcomes
    space = outcome_space(scenario)
    tracemalloc.start()
    try:
        found = enumerate_frontier(space, [])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert found.zopa_size == 45**4
    # All utilities at once would take 45**4 * 2 * 8 bytes = 66 MB.
    assert peak < 16 * 2**20, peak


def test_limits_and_bad_methods_give_clear_errors() -> None:
    rng = np.random.default_rng(0)
    huge = linear_additive_scenario(20, 10, 2, rng)
    with pytest.raises(SpaceTooLarge, match="--method merge"):
        analyze(huge, method="enumerate")
    chained = [f"i{k:02d} >= 'o5' implies i{k + 1:02d} <= 'o5'" for k in range(1, 9)]
    linked = linear_additive_scenario(9, 10, 2, rng, red_lines=chained)
    with pytest.raises(MergeTooLarge, match="i01, i02, .*i09 into a block of 1,000,000,000"):
        analyze(linked, method="merge")
    with pytest.raises(MethodError, match="use one of auto, enumerate, merge"):
        analyze(huge, method="fast")


def test_three_parties_seventy_billion_outcomes_with_red_lines() -> None:
    rules = ["i01 >= 'o4' implies i02 <= 'o5'", "i02 >= 'o3' implies i03 <= 'o2'"]
    scenario = linear_additive_scenario(12, 8, 3, np.random.default_rng(0), red_lines=rules)
    result = analyze(scenario)
    assert result.method == "merge" and result.outcomes == 8**12
    assert 0 < result.feasible < 8**12 and result.feasible % 8**9 == 0
    u = result.frontier.utilities
    dominated = ((u[None] >= u[:, None]).all(axis=2) & (u[None] > u[:, None]).any(axis=2)).any(1)
    assert len(u) > 100 and not dominated.any()
    assert set(result.binding_red_lines) <= {"rl1", "rl2"}


def test_tied_frontiers_are_listed_in_full_or_refused_clearly() -> None:
    # Both parties are indifferent among the 4 options of 8 issues: every undominated vector is
    # reached by 4**8 = 65,536 tied packages, all of which are frontier outcomes.
    document = linear_additive_document(9, 4, 2, np.random.default_rng(2))
    for p in document["preferences"].values():
        for k in range(1, 9):
            p["values"][f"i{k + 1:02d}"] = [0.5] * 4
    scenario = load(document)
    result = analyze(scenario)
    assert result.method == "merge" and len(result.frontier) % 4**8 == 0
    assert result.solutions["nash"] is not None and result.solutions["nash"].ties == 4**8
    with pytest.raises(MergeTooLarge, match="many ties"):
        analyze(scenario, method="merge", max_outcomes=100_000)


def coarse_scenario(issues: int) -> Scenario:
    """Equal weights and values in quarters: few distinct totals, so the ZOPA can be counted."""
    document = linear_additive_document(issues, 5, 2, np.random.default_rng(5), reservation=0.55)
    for preference in document["preferences"].values():
        preference["weights"] = dict.fromkeys(preference["weights"], 1.0)
        preference["values"] = {i: [round(v * 4) / 4 for v in values]
                                for i, values in preference["values"].items()}
    return load(document)


def test_zopa_counted_by_blocks_matches_enumeration() -> None:
    scenario = coarse_scenario(8)  # 390,625 outcomes; reservations cut into the space
    agenda = list(scenario.issue_ids)
    by_blocks = analyze(scenario, agenda, method="merge", max_outcomes=100_000)
    enumerated = analyze(scenario, agenda, method="enumerate")
    assert 0 < enumerated.zopa_size < enumerated.feasible
    assert by_blocks.zopa_size == enumerated.zopa_size


def test_zopa_of_a_huge_space_counted_exactly() -> None:
    result = analyze(coarse_scenario(24))  # 5**24 = 6e16 outcomes
    assert result.outcomes == 5**24
    assert isinstance(result.zopa_size, int) and 0 < result.zopa_size < result.outcomes


def test_uncounted_zopa_flows_through_comparisons_as_null() -> None:
    from redline.space.compare import compare

    before = linear_additive_scenario(12, 6, 2, np.random.default_rng(4), reservation=0.45)
    after = linear_additive_scenario(12, 6, 2, np.random.default_rng(4), reservation=0.5)
    result = compare(before, after, max_outcomes=100_000)
    assert result.before.zopa_size is None and result.to_dict()["delta"]["zopa_size"] is None
    assert result.to_dict()["before"]["zopa"] is True
