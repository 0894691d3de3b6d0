"""GENIUS completeness: integer and real issues in and out, a bare '&', -inf and out-of-range
reservations, negative evaluations, discount factors, weights as read. The XML files in
tests/interop/genius/ are small ones written for these tests in the shapes of the GENIUS
distribution's SON (real issues), 6issues (integer issues) and templates with 'farmer & mun.'."""

from __future__ import annotations

import itertools
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from redline.cli import app, commands  # noqa: F401
from redline.interop import GeniusError, load_genius, to_genius, write_genius
from redline.scenario import Scenario, load
from redline.space import outcome_space

FILES = Path(__file__).parent / "genius"
SETS = {
    "son": ("son_domain.xml", ["son_client.xml", "son_provider.xml"]),
    "six": ("six_domain.xml", ["six_a.xml", "six_b.xml"]),
    "farm": ("farm_domain.xml", ["farm_farmer.xml", "farm_town.xml"]),
}


def read(name: str, **options: Any) -> Scenario:
    domain, profiles = SETS[name]
    return load_genius(FILES / domain, [FILES / p for p in profiles], **options)


def genius_utility(profile: Path, outcome: dict[str, float]) -> float:
    """GENIUS's own arithmetic, written independently from the XML: weights as read, integer
    evaluators c + s (x - low) and real ones p0 + p1 x, each clipped to [0, 1]."""
    root = ET.parse(profile).getroot()
    weights = {w.get("index"): float(w.get("value", "0")) for w in root.iter("weight")}
    total = 0.0
    for issue in root.iter("issue"):
        evaluator = issue.find("evaluator")
        assert evaluator is not None
        x = outcome[str(issue.get("name"))]
        if issue.get("type") == "integer":
            raw = float(evaluator.get("offset", "0")) + float(evaluator.get("slope", "0")) * (
                x - float(issue.get("lowerbound", "0")))
        else:
            raw = float(evaluator.get("parameter0", "0")) + float(
                evaluator.get("parameter1", "0")) * x
        total += weights[str(issue.get("index"))] * min(1.0, max(0.0, raw))
    return total


def utility_at(scenario: Scenario, party: str, outcome: dict[str, float]) -> float:
    """redline's utility of a package of numbers, through the compiled value functions."""
    utility = scenario.utilities[party]
    return sum(utility.weights[i] * float(np.interp(x, *utility.functions[i]))
               for i, x in outcome.items())


def test_real_issues_read_as_numeric_issues_with_genius_arithmetic() -> None:
    son = read("son", normalise_weights=False)
    assert son.numeric_issues == ("Price", "Quality", "Time", "Penalty")
    assert son.issue("Price").range == (0.0, 1.0)
    assert len(son.issue("Price").options) == 11  # the declared grid: step = range / 10
    rng = np.random.default_rng(7)
    for _ in range(50):
        outcome = dict(zip(son.issue_ids, rng.uniform(0, 1, 4), strict=True))
        for party, file in zip(son.parties, SETS["son"][1], strict=True):
            assert utility_at(son, party, outcome) == pytest.approx(
                genius_utility(FILES / file, outcome), abs=1e-12)
    # the provider's penalty evaluator 1.25 - 1.25 x is clipped at 1: a kink at x = 0.2
    xs, vs = son.utilities["provider"].functions["Penalty"]
    assert xs.tolist() == pytest.approx([0.0, 0.2, 1.0]) and vs.tolist() == [1.0, 1.0, 0.0]
    assert any("'Penalty' runs from 1.25 to 0; clipped" in n for n in son.notices)


def test_integer_issues_enumerate_every_value() -> None:
    six = read("six", normalise_weights=False)
    assert all(six.issue(i).options == [str(k) for k in range(10)] for i in six.issue_ids)
    assert six.grid_errors() == {"a": 0.0, "b": 0.0}  # the grid is the issue
    rng = np.random.default_rng(3)
    for _ in range(30):
        outcome = {i: float(rng.integers(0, 10)) for i in six.issue_ids}
        for party, file in zip(six.parties, SETS["six"][1], strict=True):
            table = sum(six.utilities[party].table(i)[int(x)] for i, x in outcome.items())
            assert table == pytest.approx(genius_utility(FILES / file, outcome), abs=1e-12)


def test_bare_ampersand_is_read_as_genius_reads_it_with_a_notice() -> None:
    text = (FILES / "farm_domain.xml").read_text()
    with pytest.raises(ET.ParseError):  # what a strict XML parser makes of the file
        ET.fromstring(text)
    farm = read("farm")
    assert farm.issue("Owner").options == ["farmer & mun.", "state", "R&D fund"]
    assert sum("bare '&'" in n for n in farm.notices) == 3  # domain and both profiles


def test_reservations_and_evaluations_outside_the_scale_are_said() -> None:
    son, six, farm = read("son"), read("six"), read("farm")
    assert son.utilities["client"].reservation == 0.0
    assert any("reservation -inf" in n for n in son.notices)
    assert six.utilities["b"].reservation == 1.0
    assert any("reservation 1.4 lies outside [0, 1]; read as 1" in n for n in six.notices)
    assert farm.utilities["town"].values["Use"].tolist() == [0.0, 1.0]
    assert any("negative evaluations for 'crops'" in n for n in farm.notices)


def test_weights_as_read_or_normalised() -> None:
    normalised, as_read = read("farm"), read("farm", normalise_weights=False)
    assert dict(normalised.utilities["farmer"].weights) == {"Owner": 0.5, "Use": 0.5}
    assert dict(as_read.utilities["farmer"].weights) == {"Owner": 0.6, "Use": 0.6}
    # as GENIUS computes it, the farmer's best outcome is worth the weights' sum, 1.2
    assert outcome_space(as_read).grid_utilities()[:, 0].max() == pytest.approx(1.2)
    assert outcome_space(normalised).grid_utilities()[:, 0].max() == pytest.approx(1.0)
    assert not any("normalised to sum 1" in n for n in as_read.notices)


@pytest.mark.parametrize("name", sorted(SETS))
@pytest.mark.parametrize("normalise", [True, False])
def test_genius_round_trips(tmp_path: Path, name: str, normalise: bool) -> None:
    first = read(name, normalise_weights=normalise)
    files = write_genius(first, tmp_path / "again.xml")
    second = load_genius(files[0], files[1:], normalise_weights=normalise)
    assert np.allclose(outcome_space(second).grid_utilities(),
                       outcome_space(first).grid_utilities(), rtol=0, atol=1e-12)
    if normalise and name == "farm":  # weights summing to 1.2 are written normalised
        return
    assert second.to_dict() == first.to_dict()
    domain = files[0].read_text()
    if name == "son":
        assert domain.count(' type="real"') == 4 and "<range" in domain
        assert 'ftype="linear"' in files[2].read_text()  # a clipped line stays a line
        assert '<discount_factor value="0.95"/>' in files[1].read_text()
    if name == "six":
        assert domain.count(' type="integer"') == 6 and 'upperbound="9"' in domain


def test_a_value_function_genius_cannot_hold_is_written_as_its_grid(tmp_path: Path) -> None:
    data = read("son").to_dict()
    data["preferences"]["client"]["values"]["Price"] = {"points": [[0, 1], [0.5, 0.9], [1, 0]]}
    scenario = load(data)
    export = to_genius(scenario)
    assert any("'Price'" in n and "discrete issue of its 11 grid points" in n
               for n in export.notices)
    files = write_genius(scenario, tmp_path / "bent.xml")
    back = load_genius(files[0], files[1:])
    assert back.issue("Price").range is None and len(back.issue("Price").options) == 11
    assert np.allclose(outcome_space(back).grid_utilities(),
                       outcome_space(scenario).grid_utilities(), rtol=0, atol=1e-12)


def test_numeric_issue_errors_are_clear(tmp_path: Path) -> None:
    domain = (FILES / "son_domain.xml").read_text()
    client = (FILES / "son_client.xml").read_text()
    cases = {
        "nobounds.xml": (domain.replace('<range lowerbound="0.0" upperbound="1.0"/>', "", 1),
                         client, "real issue 'Price' has no bounds"),
        "bad_ftype.xml": (domain, client.replace('ftype="linear"', 'ftype="spline"', 1),
                          "ftype 'spline'"),
        "no_eval.xml": (domain, client.replace(
            '<evaluator ftype="linear" parameter0="1.0" parameter1="-1.0"/>', "", 1),
            "no <evaluator>"),
    }
    for name, (domain_text, profile_text, message) in cases.items():
        (tmp_path / name).write_text(domain_text)
        (tmp_path / f"p-{name}").write_text(profile_text)
        with pytest.raises(GeniusError, match=message):
            load_genius(tmp_path / name, [tmp_path / f"p-{name}"])


def test_simulation_uses_discount_factors_when_asked(tmp_path: Path) -> None:
    runner = CliRunner()
    target = tmp_path / "farm.yaml"
    files = [str(FILES / f) for f in (SETS["farm"][0], *SETS["farm"][1])]
    result = runner.invoke(app, ["convert", *files, str(target), "--genius-weights", "as-read"])
    assert result.exit_code == 0, result.output
    assert "bare '&'" in result.output
    assert load(target).utilities["farmer"].discount == 0.8
    mean = {}
    for discount in ("none", "scenario"):
        result = runner.invoke(app, ["simulate", str(target), "--runs", "20", "--seed", "1",
                                     "--discount", discount, "--format", "json"])
        assert result.exit_code == 0, result.output
        record = json.loads(result.output)
        mean[discount] = record["mean_utilities"]
        rounds = record["mean_rounds"]
    # every deal comes after `rounds` turns on average: worth 0.8 ** turn of its face value
    assert rounds > 1
    for party in ("farmer", "town"):
        assert mean["scenario"][party] < 0.8 * mean["none"][party]
    bad = runner.invoke(app, ["simulate", str(target), "--discount", "sometimes"])
    assert bad.exit_code != 0 and "give 'none' or 'scenario'" in bad.output


def test_six_issue_space_has_a_million_outcomes() -> None:
    six = read("six")
    assert np.prod(list(six.option_counts().values())) == 10**6
    assert list(itertools.islice(six.option_counts().values(), 1)) == [10]


def test_son_is_solved_exactly_and_the_grid_agrees_at_its_corners() -> None:
    from redline.space import analyze, exact_bargaining

    son = read("son")
    exact, grid = exact_bargaining(son), analyze(son)
    assert exact.real_issues == son.issue_ids and exact.zopa
    # the Nash point trades whole issues (linear values) and one kink: the grid holds it too
    nash = exact.solutions["nash"]
    assert nash.package == {"Price": 0.0, "Quality": 1.0, "Time": 1.0, "Penalty": 0.2}
    assert list(nash.utilities.values()) == pytest.approx(
        list(grid.solutions["nash"].utilities), abs=1e-12)
    # the frontier's corners are where issues change hands in order of marginal rates
    assert len(exact.vertices) == 5
