"""Budgets before work: a small input cannot ask for unbounded memory or time, and going past a
budget is one clear error naming the limit and how to raise it."""

from __future__ import annotations

import copy

import numpy as np
import pytest
import yaml

import redline
from redline.errors import RuleSyntaxError, ScenarioError
from redline.limits import DEFAULT_LIMITS, MAX_AGENDA_WORK, MAX_RULE_DEPTH, raised
from redline.scenario.rules import parse_rule, to_text
from redline.space.agendas import AGENDA_OVERHEAD, analyze_agendas
from redline.space.pareto import pareto_mask, staircase
from tests.core.test_loading import MINIMAL

# Nine anchored lists, each of nine aliases of the one before: 547 bytes that expand to 9^9
# (387 million) strings. Built without expansion by the safe loader, it blows up in anything
# that walks it (our line finder, pydantic, json).
ALIAS_BOMB = (
    "format: redline/1\ntitle: bomb\nactors: []\nissues: []\n"
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n"
              for a, b in zip("abcdefgh", "bcdefghi", strict=True))
)


def scenario_text(parties: int, issues: int = 1, options: int = 2) -> str:
    data = {
        "format": "redline/1", "title": f"{parties} parties",
        "actors": [{"id": f"P{p}", "name": f"P{p}", "role": "party"} for p in range(parties)],
        "issues": [{"id": f"i{k}", "name": f"i{k}", "options": [f"o{j}" for j in range(options)],
                    "status_quo": "o0"} for k in range(issues)],
        "preferences": {f"P{p}": {
            "weights": {f"i{k}": 1 for k in range(issues)},
            "values": {f"i{k}": [((j + p) % options) / (options - 1) for j in range(options)]
                       for k in range(issues)}} for p in range(parties)},
    }
    return yaml.safe_dump(data)


def only_problem(source) -> str:
    error = pytest.raises(ScenarioError, redline.load, source).value
    assert len(error.problems) >= 1
    return str(error)


def test_the_alias_bomb_is_refused_before_it_expands():
    assert len(ALIAS_BOMB.encode()) < 600
    message = only_problem(ALIAS_BOMB)
    assert "expands to more than 1,000,000 values" in message
    assert "--limit nodes=N" in message


def test_deep_nesting_is_refused_without_recursion():
    deep = "format: redline/1\ntitle: " + "[" * 100_000 + "]" * 100_000 + "\n"
    message = only_problem(deep)
    assert "nested more than 64 deep" in message and "--limit nesting=N" in message
    with raised(nesting=10):  # the budget is the one in force, not a constant
        assert "nested more than 10 deep" in only_problem(
            "format: redline/1\ntitle: " + "[" * 11 + "]" * 11 + "\n")


def test_deep_plain_data_is_refused_without_recursion():
    data = copy.deepcopy(MINIMAL)
    deep: list = []
    data["description"] = deep
    for _ in range(100_000):
        deep.append([])
        deep = deep[0]
    assert "nested more than 64 deep" in only_problem(data)


def test_a_long_list_is_refused_before_validation():
    text = "format: redline/1\ntitle: t\nsources: [" + ", ".join(["1"] * 100_001) + "]\n"
    assert "more than 100,000 entries" in only_problem(text)


def test_a_file_past_the_size_budget_is_not_read(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text("# padding\n" * 600_000, encoding="utf-8")
    message = only_problem(big)
    assert "larger than the limit document-bytes" in message
    with raised(document_bytes=10_000_000):
        assert "larger than" not in only_problem(big)


def test_an_integer_of_4301_digits_is_a_clear_error():
    text = yaml.safe_dump(MINIMAL).replace("reservation: 0.2", "reservation: " + "7" * 4301)
    assert "more digits than can be read" in only_problem(text)


@pytest.mark.parametrize("title", ['"caf\\udcff"', '"\\ud800"'])
def test_a_lone_surrogate_in_text_is_refused(title):
    text = yaml.safe_dump(MINIMAL).replace("title: minimal", f"title: {title}")
    assert "lone surrogate" in only_problem(text)
    data = copy.deepcopy(MINIMAL)
    data["title"] = yaml.safe_load(title)
    assert "lone surrogate" in only_problem(data)


def test_party_and_issue_counts_have_budgets():
    assert "more than the limit parties (64)" in only_problem(scenario_text(65))
    with raised(parties=65):
        assert redline.load(scenario_text(65)).parties[-1] == "P64"
    big = copy.deepcopy(MINIMAL)
    big["issues"][0]["options"] = [f"o{k}" for k in range(DEFAULT_LIMITS.options + 1)]
    assert "more than the limit options" in only_problem(big)


def test_thirty_parties_on_one_yes_no_issue_need_no_table_per_party():
    """Two buckets a coordinate made the staircase 2^(parties-1) cells: 8 GB at 30 parties."""
    points = np.array([[0] * 30, [1] * 30, [1] + [0] * 29], dtype=np.int64)
    stairs = staircase(points, points.min(axis=0), points.max(axis=0))
    assert stairs.table.size <= 1 << 16
    assert not stairs.dominates(np.ascontiguousarray(points.T)).any()  # sound: never claims
    result = redline.analyze(redline.load(scenario_text(30)))
    assert len(result.frontier) == 2  # both outcomes: each is some party's favourite
    assert pareto_mask(points).tolist() == [False, True, False]


def test_agenda_limit_counts_the_rest_without_visiting_them():
    scenario = redline.load(scenario_text(2, issues=64))
    result = analyze_agendas(scenario, max_agendas=64)
    assert len(result.agendas) == 64
    assert result.skipped == 2**64 - 1 - 64
    assert result.skipped_reasons == {"agenda_limit": 2**64 - 1 - 64}


@pytest.mark.parametrize("rule", [
    "(" * 200 + "x == 'lo'" + ")" * 200,
    "not " * 900 + "x == 'lo'",
    " implies ".join(["x == 'lo'"] * 100),
])
def test_deep_rules_are_refused_with_the_nesting_limit(rule):
    with pytest.raises(RuleSyntaxError, match=f"nests more than {MAX_RULE_DEPTH} levels"):
        parse_rule(rule)
    data = copy.deepcopy(MINIMAL)
    data["red_lines"] = [{"id": "r", "actor": "A", "rule": rule}]
    assert "nests more than" in only_problem(data)


def test_rules_at_the_nesting_limit_still_parse_and_evaluate():
    rule = "(" * (MAX_RULE_DEPTH - 1) + "x == 'hi'" + ")" * (MAX_RULE_DEPTH - 1)
    data = copy.deepcopy(MINIMAL)
    data["red_lines"] = [{"id": "r", "actor": "A", "rule": rule}]
    result = redline.analyze(redline.load(data))
    assert (result.outcomes, result.feasible) == (2, 1)  # the red line keeps only 'hi'
    assert to_text(parse_rule(rule)) == "x == 'hi'"


def test_a_very_long_rule_is_refused():
    with pytest.raises(RuleSyntaxError, match="longer than 4,000 characters"):
        parse_rule(" or ".join(["x == 'lo'"] * 1000))


def test_agendas_stop_when_their_total_work_is_spent(examples):
    """4,096 agendas of 10^4 outcomes each took 20 CPU-s: the total is bounded as well."""

    result = analyze_agendas(redline.load(examples / "many-issues-20.yaml"))
    analysed = len(result.agendas)
    assert result.skipped_reasons["work_limit"] == 2**20 - 1 - analysed
    assert analysed < 4096
    costs = [max(10 ** len(entry.issues), AGENDA_OVERHEAD) for entry in result.agendas]
    assert sum(costs) <= MAX_AGENDA_WORK < sum(costs) + 10**4  # stopped at the next agenda


def test_many_tiny_agendas_count_their_fixed_cost():
    result = analyze_agendas(redline.load(scenario_text(2, issues=64)))
    assert len(result.agendas) == MAX_AGENDA_WORK // AGENDA_OVERHEAD
    assert result.skipped_reasons == {"work_limit": 2**64 - 1 - len(result.agendas)}
