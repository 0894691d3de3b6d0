"""Work bounded before it starts: a mediator's tables, an explanation's analyses, a Monte Carlo
job whose pace says it cannot finish in the time left. Each is refused with one clear error
that names the estimate, the limit and the fix; none is left to run into a time limit."""

from __future__ import annotations

import itertools

import pytest
import yaml
from typer.testing import CliRunner

import redline
from redline.cli import commands  # noqa: F401  (registers the commands)
from redline.cli.app import app
from redline.limits import MAX_MEDIATION, MAX_TOURNAMENT_TURNS
from redline.negotiate import from_scenario, strategy
from redline.negotiate.engine import Setup
from redline.scenario.budget import (
    WorkTooLarge,
    check_explain,
    explain_checks,
    mediation_cells,
    mediator_moves,
    tournament_turns,
)
from redline.space.explain import explain
from tests.reliability.test_budgets import scenario_text

runner = CliRunner()


def with_red_lines(parties: int, issues: int, count: int) -> str:
    """A scenario whose `count` red lines each forbid one option of one issue (never all)."""
    data = yaml.safe_load(scenario_text(parties, issues))
    data["red_lines"] = [{"id": f"r{k}", "actor": "P0",
                          "rule": f"i{k % issues} == 'o{(k // issues) % 2}' or "
                                  f"i{(k + 1) % issues} == 'o1'"} for k in range(count)]
    return yaml.safe_dump(data)


@pytest.mark.parametrize(("sizes", "reach"), [([2, 2, 2], 1), ([2, 3, 4], 2), ([3, 3, 2, 4], 3),
                                              ([5], 2), ([2] * 6, 2)])
def test_the_mediators_moves_are_counted_exactly(sizes, reach):
    text = yaml.safe_load(scenario_text(2, len(sizes), 2))
    for k, size in enumerate(sizes):
        text["issues"][k]["options"] = [f"o{j}" for j in range(size)]
        for party in text["preferences"].values():
            party["values"][f"i{k}"] = [j / (size - 1) for j in range(size)]
    domain = from_scenario(redline.load(text))
    table = domain.neighbours(reach)
    assert mediator_moves(sizes, reach) == table.shape[1]
    assert mediation_cells(sizes, reach, nash=False) == table.size
    # Every move of the table changes between 1 and `reach` issues: the count is of those.
    changed = (domain.grid[table] != domain.grid[:, None, :]).sum(axis=2)
    assert ((changed >= 1) & (changed <= reach)).all()
    assert mediator_moves(sizes, reach) == sum(
        sum(1 for _ in itertools.product(*(range(sizes[i] - 1) for i in chosen)))
        for c in range(1, reach + 1) for chosen in itertools.combinations(range(len(sizes)), c))


def test_a_mediator_over_twenty_yes_no_issues_is_refused_before_any_table(tmp_path):
    path = tmp_path / "wide.yaml"
    path.write_text(scenario_text(2, 20), encoding="utf-8")
    result = runner.invoke(app, ["simulate", str(path), "--runs", "3", "--protocol", "all"])
    assert result.exit_code == 2, result.output
    message = " ".join(result.output.split())
    assert "220,200,960 table cells" in message and f"{MAX_MEDIATION:,}" in message
    assert "--max-mediation" in message and "--agenda" in message
    domain = from_scenario(redline.load(path.read_text(encoding="utf-8")))
    with pytest.raises(WorkTooLarge):
        Setup(domain, (strategy("linear"),) * 2, protocol="mediated-nash")
    # The flag raises the limit: the same setup is then accepted (it is not played here).
    Setup(domain, (strategy("linear"),) * 2, protocol="mediated", max_mediation=10**9)
    Setup(domain, (strategy("linear"),) * 2, protocol="alternating")  # no mediator, no table


def test_a_small_mediated_simulation_still_runs(tmp_path):
    path = tmp_path / "small.yaml"
    path.write_text(scenario_text(2, 4), encoding="utf-8")
    result = runner.invoke(app, ["simulate", str(path), "--runs", "3", "--protocol", "all",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    low = runner.invoke(app, ["simulate", str(path), "--runs", "3", "--protocol", "mediated",
                              "--max-mediation", "10"])
    assert low.exit_code == 2 and "more than the limit of 10" in " ".join(low.output.split())


def test_an_explanation_counts_its_analyses_before_running_them(tmp_path):
    scenario = redline.load(with_red_lines(2, 6, 40))
    outcomes, constraints = 2**6, 40 + 2  # red lines and the two reservations
    analyses = 1 + constraints + 2  # the deal's binding red lines and headroom, or fewer sets
    needed = explain_checks(outcomes, 2, constraints, analyses)
    with pytest.raises(WorkTooLarge, match="--max-work") as info:
        explain(scenario, max_work=needed // 1000)
    assert info.value.estimate <= needed and info.value.budget == needed // 1000
    assert explain(scenario, max_work=needed).constraints  # within the budget it answers
    path = tmp_path / "lines.yaml"
    path.write_text(with_red_lines(2, 6, 40), encoding="utf-8")
    result = runner.invoke(app, ["explain", str(path), "--max-work", "1000"])
    assert result.exit_code == 2 and "more than the limit of 1,000" in result.output
    assert "Traceback" not in result.output


def test_the_explanation_budget_refuses_two_thousand_red_lines_on_many_outcomes():
    with pytest.raises(WorkTooLarge, match="explaining 65,536 outcomes under 2,002"):
        check_explain(2**16, 2, 2002, 1 + 2002 + 2, redline.limits.MAX_EXPLAIN_WORK)
    check_explain(2**10, 2, 302, 1 + 302 + 2, redline.limits.MAX_EXPLAIN_WORK)


def test_binding_red_lines_are_found_in_one_pass_per_rule():
    """Each rule's variant (every rule but it) is read off one count of broken rules; the
    binding red lines are those whose removal changes the frontier, as by removing each."""
    from redline.space import analyze
    from redline.space.explain import without_red_lines

    def frontier(analysis) -> set[tuple[int, ...]]:
        return {tuple(row) for row in analysis.frontier.options.tolist()}

    scenario = redline.load(with_red_lines(2, 6, 9))
    result = analyze(scenario, method="enumerate")
    assert result.applied_red_lines and result.binding_red_lines  # the test has teeth
    for rule in result.applied_red_lines:
        alone = analyze(without_red_lines(scenario, [rule]), method="enumerate")
        moved = frontier(alone) != frontier(result)
        assert (rule in result.binding_red_lines) == moved, rule


def test_numeric_marks_that_are_not_a_list_are_a_clear_error():
    data = yaml.safe_load(scenario_text(2, 1))
    data["issues"].append({"id": "n", "name": "n", "range": [0, 10], "marks": float("inf")})
    for party in data["preferences"].values():
        party["weights"]["n"] = 1
    with pytest.raises(redline.errors.ScenarioError, match="marks must be a list"):
        redline.load(data)


def test_a_tournament_of_the_27_eu_members_is_refused_before_it_plays(examples):
    """256 sampled profiles x 1 chunk x 100 rounds x 27 parties: refused with the estimate."""
    path = str(examples / "eu-council-qmv.yaml")
    args = ["tournament", path, "--strategies", "linear,boulware", "--runs", "1"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    message = " ".join(result.output.split())
    assert f"{tournament_turns(256, 1, 2048, 100, 27):,} turns" in message
    assert f"{MAX_TOURNAMENT_TURNS:,}" in message and "--max-turns" in message
    # fewer rounds fit the budget, and the flag lets a larger one through (3 rounds keep it short)
    fits = runner.invoke(app, [*args, "--rounds", "3", "--format", "json"])
    assert fits.exit_code == 0, fits.output
    raised = runner.invoke(app, [*args, "--rounds", "3", "--max-turns", "10", "--format", "json"])
    assert raised.exit_code == 2 and "more than the limit of 10" in " ".join(raised.output.split())


def test_tournament_turns_count_chunks_not_sessions():
    assert tournament_turns(36, 200, 2048, 100, 2) == 36 * 100 * 2  # one chunk of 200 sessions
    assert tournament_turns(36, 5000, 2048, 100, 2) == 36 * 3 * 100 * 2  # three chunks


def test_talks_refused_by_an_agenda_red_line_build_no_table_and_are_not_refused(examples):
    """The mediator's budget counts tables that will be built: a refused agenda builds none."""
    result = runner.invoke(app, ["simulate", str(examples / "us-iran-2026.yaml"), "--runs", "3",
                                 "--protocol", "mediated-nash", "--max-mediation", "1"])
    assert result.exit_code == 0, result.output
    assert "No talks" in " ".join(result.output.split())


def test_break_even_values_count_packages_times_settings_before_they_start(tmp_path):
    from redline.report.gather import RUNNERS, Options, situation_of
    from redline.space.thresholds import thresholds

    scenario = redline.load(scenario_text(2, 6))  # 2^6 packages x (2 reservations + 12 weights)
    needed = 2**6 * (2 + 2 * 6)
    with pytest.raises(WorkTooLarge, match="--max-work") as info:
        thresholds(scenario, max_work=needed - 1)
    assert info.value.estimate == needed
    assert len(thresholds(scenario, max_work=needed).items) >= 14  # within the budget: answers
    path = tmp_path / "six.yaml"
    path.write_text(scenario_text(2, 6), encoding="utf-8")
    result = runner.invoke(app, ["thresholds", str(path), "--max-work", "100"])
    assert result.exit_code == 2 and "more than the limit of 100" in " ".join(
        result.output.split()) and "Traceback" not in result.output
    # Two parties on 20 yes/no issues (17 CPU-s of break-even values) pass the default budget:
    # the report leaves the section out, with the message, and still writes everything else.
    big = redline.load(scenario_text(2, 20))
    with pytest.raises(WorkTooLarge):
        thresholds(big)
    section = RUNNERS["thresholds"](situation_of(big, Options()), Options())
    assert section["thresholds"] == [] and "package-settings" in section["skipped"]
