"""One situation for every engine: the same agenda, events, influence and red lines everywhere."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import redline.cli.commands  # noqa: F401  (registers the commands)
from redline.cli.app import app
from redline.forecast.situated import forecast_situation, nearest_option
from redline.report.gather import Options, gather
from redline.report.words import forecast_answer, reconciliation_text
from redline.scenario import load
from redline.scenario.situation import (
    AgendaError,
    SituationError,
    below_reservation,
    red_line_breaches,
    situation,
)
from redline.space import analyze
from redline.space.nearest import nearest_acceptable

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
runner = CliRunner()


def one_issue(p_values, q_values, reservations=(0.0, 0.0), red_lines=(), status_quo="a"):
    options = ["a", "b", "c", "d"][:len(p_values)]
    return load({
        "format": "redline/1", "title": "one issue",
        "actors": [{"id": "P", "name": "P", "role": "party"},
                   {"id": "Q", "name": "Q", "role": "party"}],
        "issues": [{"id": "x", "name": "X", "options": options, "status_quo": status_quo},
                   {"id": "y", "name": "Y", "options": ["no", "yes"], "status_quo": "no"}],
        "preferences": {
            "P": {"weights": {"x": 1, "y": 0}, "values": {"x": list(p_values), "y": [0, 0]},
                  "reservation": reservations[0]},
            "Q": {"weights": {"x": 1, "y": 0}, "values": {"x": list(q_values), "y": [0, 0]},
                  "reservation": reservations[1]},
        },
        "red_lines": list(red_lines),
    })


# --- resolving a situation ---------------------------------------------------------------------


def test_defaults_apply_the_active_events_and_no_influence():
    scenario = load(EXAMPLES / "us-iran-2026.yaml")
    current = situation(scenario)
    assert current.events == ("naval-buildup",) and current.influence == ()
    assert current.agenda == scenario.issue_ids and current.off_agenda == {}
    # The naval buildup lowers both no-deal values (the scenario's event effects).
    assert current.reservations == {"USA": pytest.approx(0.25), "IRN": pytest.approx(0.40)}
    assert current.refused_by == (("IRN", "irn-missiles-off-agenda"),) and not current.talks
    none = situation(scenario, events="none")
    assert none.reservations == {"USA": pytest.approx(0.30), "IRN": pytest.approx(0.50)}


def test_block_names_every_assumption():
    scenario = load(EXAMPLES / "us-iran-2026.yaml")
    current = situation(scenario, "enrichment,sanctions", influence="all")
    block = current.to_dict()
    assert list(block) == ["scenario", "agenda", "off_agenda", "events", "influence", "date",
                           "reservations", "refused_by"]
    assert block["agenda"] == ["enrichment", "sanctions"]
    assert block["off_agenda"] == {"inspections": "limited", "stockpile": "as-is",
                                   "missiles": "no-limits"}
    assert block["influence"] == ["ISR:USA:missiles"] and block["refused_by"] == []


def test_date_leaves_out_later_events():
    scenario = load(EXAMPLES / "us-iran-2026.yaml")
    event = next(e for e in scenario.document.events if e.id == "naval-buildup")
    assert event.date is not None
    before = situation(scenario, date=event.date - dt.timedelta(days=1))
    assert before.events == () and "not applied" in before.notices[0]
    assert situation(scenario, date=event.date.isoformat()).events == ("naval-buildup",)
    with pytest.raises(SituationError, match="dated after"):
        situation(scenario, events="naval-buildup", date=event.date - dt.timedelta(days=1))
    with pytest.raises(SituationError, match="YYYY-MM-DD"):
        situation(scenario, date="yesterday")


def test_agenda_mistakes_are_one_agenda_error():
    scenario = load(EXAMPLES / "us-iran-2026.yaml")
    with pytest.raises(AgendaError, match="unknown issue 'oil'.*Fix"):
        situation(scenario, ["oil"])
    with pytest.raises(AgendaError, match="no issue on the table"):
        situation(scenario, [])


def test_a_party_without_reservation_is_named():
    scenario = one_issue([1, 0.5, 0], [0, 0.5, 1])
    data = scenario.to_dict()
    del data["preferences"]["Q"]["reservation"]
    notices = load(data).notices
    assert any("preferences.Q has no reservation" in n and "Fix" in n for n in notices)
    assert not any("preferences.P" in n for n in notices)
    code, text = call("validate", str(EXAMPLES / "divide-the-dollar.yaml"))
    assert code == 0 and "no reservation" not in text  # every shipped party has one


def call(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


# --- every engine answers about the same situation -------------------------------------------


def flags_for(path: Path) -> list[str]:
    """An agenda small enough for every engine, and all pressure the example has."""
    scenario = load(path)
    ids = scenario.issue_ids
    agenda = ids if len(ids) <= 5 else ids[:3]
    return ["--agenda", ",".join(agenda), "--events", "all", "--influence", "all"]


COMMANDS = {
    "analyze": [],
    "explain": [],
    "agendas": [],
    "forecast": ["--model", "compromise"],
    "simulate": ["--runs", "20", "--rounds", "20", "--protocol", "all"],
    "tournament": ["--runs", "2", "--rounds", "10", "--strategies", "linear,boulware"],
    "montecarlo": ["--runs", "20", "--sobol", "0"],
}


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_every_engine_reports_the_same_situation(example):
    path = EXAMPLES / example
    flags = flags_for(path)
    blocks = {}
    for command, extra in COMMANDS.items():
        code, text = call(command, str(path), *flags, *extra, "--format", "json")
        assert code == 0, f"{command}: {text}"
        data = json.loads(text)
        blocks[command] = data["situation"]
        if command == "simulate":
            assert all(r["situation"] == data["situation"] for r in data["comparison"])
    agenda = flags[1].split(",")
    expected = situation(load(path), agenda, events="all", influence="all").to_dict()
    assert all(block == expected for block in blocks.values()), blocks
    # The report's sections are gathered under that one situation too.
    options = Options(agenda=tuple(agenda), events="all", influence="all", runs=20, sobol=0)
    results = gather(load(path), options)
    for key in ("analysis", "agendas", "explain", "montecarlo", "simulation", "forecast"):
        assert results[key]["situation"] == expected, key


def test_text_output_says_what_it_assumed():
    code, text = call("simulate", str(EXAMPLES / "us-iran-2026.yaml"), "--runs", "10",
                      "--agenda", "enrichment,sanctions", "--events", "none")
    assert code == 0, text
    flat = " ".join(text.split())
    assert "Situation: agenda: enrichment, sanctions" in flat and "events: none" in flat
    code, pressed = call("simulate", str(EXAMPLES / "us-iran-2026.yaml"), "--runs", "10",
                         "--agenda", "enrichment,sanctions")
    assert "USA no-deal value 0.30 -> 0.25" in " ".join(pressed.split())


def test_simulation_uses_the_reservations_after_pressure():
    path = str(EXAMPLES / "us-iran-2026.yaml")
    agenda = "enrichment,inspections,stockpile,sanctions"
    runs = {}
    for events in ("none", "active"):
        code, text = call("simulate", path, "--runs", "200", "--agenda", agenda, "--events",
                          events, "--seed", "4", "--format", "json")
        assert code == 0, text
        runs[events] = json.loads(text)
    # No deal counts as the reservation in the mean utility: the pressured run's is lower where
    # sessions fail, and the situation blocks differ in exactly the reservations and events.
    assert runs["none"]["situation"]["reservations"]["USA"] == pytest.approx(0.30)
    assert runs["active"]["situation"]["reservations"]["USA"] == pytest.approx(0.25)
    agreements = runs["active"]["agreements"]
    assert agreements and sum(a["share"] for a in agreements) <= 1.0 + 1e-9
    assert all(set(a["outcome"]) == set(agenda.split(",")) for a in agreements)
    assert [a["share"] for a in agreements] == sorted((a["share"] for a in agreements),
                                                      reverse=True)


# --- forecasts meet the red lines --------------------------------------------------------------


def test_compromise_that_breaks_a_red_line_is_reported_with_the_nearest_acceptable_package():
    # P wants a, Q wants c, equal weight: the compromise lands in the middle, on b, which Q
    # has ruled out. The nearest packages every party accepts are a and c (50 points away);
    # the tie goes to the larger Nash product, c.
    red = [{"id": "q-not-b", "actor": "Q", "rule": "x != 'b'"}]
    scenario = one_issue([1, 0.5, 0.2], [0.1, 0.5, 1], (0.05, 0.05), red)
    current = situation(scenario, ["x"])
    result = forecast_situation(current, "compromise")
    assert result.labels()["x"] == "b"
    assert result.red_line_breaches == ("q-not-b",) and not result.acceptable
    near = nearest_acceptable(current, {"x": float(result.forecast.by_issue()["x"])})
    assert near.package is not None and near.package.outcome["x"] == "c"
    assert near.distance == pytest.approx(50.0)
    answer = forecast_answer(current, "compromise")
    assert answer["red_line_breaches"] == ["q-not-b"]
    assert answer["nearest_acceptable"]["package"]["outcome"]["x"] == "c"
    words = reconciliation_text(answer)
    assert "breaks q-not-b" in words and "nearest package every party can accept is x c" in words


def test_forecast_below_a_reservation_is_reported():
    scenario = one_issue([1, 0.5, 0], [0, 0.5, 1], (0.6, 0.0))
    current = situation(scenario, ["x"])
    result = forecast_situation(current, "compromise")
    assert result.labels()["x"] == "b" and result.below_reservation == ("P",)
    package = dict(result.package)
    assert below_reservation(current, package) == ("P",)
    assert red_line_breaches(current, package) == ()
    near = nearest_acceptable(current, {"x": 50.0})
    assert near.package is not None and near.package.outcome["x"] == "a"


def test_agenda_holds_in_forecasts():
    scenario = load(EXAMPLES / "us-iran-2026.yaml")
    current = situation(scenario, ["enrichment", "sanctions"])
    for model in ("compromise", "bdm", "exchange", "nash", "smp"):
        result = forecast_situation(current, model)
        package = result.labels()
        assert package["missiles"] == "no-limits" and package["inspections"] == "limited"
        assert package["stockpile"] == "as-is"
        k = result.forecast.issues.index("missiles")
        assert (result.forecast.trajectory[:, k] == 0.0).all()  # flat at the status quo


def test_forecast_says_when_a_party_refuses_the_agenda():
    current = situation(load(EXAMPLES / "us-iran-2026.yaml"))
    answer = forecast_answer(current)
    assert answer["talks"] is False and answer["nearest_acceptable"]["package"] is None
    assert "No talks on this agenda: IRN (irn-missiles-off-agenda)" in reconciliation_text(answer)
    code, text = call("forecast", str(EXAMPLES / "us-iran-2026.yaml"))
    assert code == 0 and "No talks" in text


def test_nearest_option_is_the_option_nearest_on_the_scale():
    assert [nearest_option(4, v) for v in (0, 16, 17, 50, 83, 84, 100)] == [0, 0, 1, 2, 2, 3, 3]
    assert nearest_option(3, float("nan")) == 0


def test_analysis_records_its_situation_and_a_plain_scenario_is_taken_as_it_is():
    scenario = load(EXAMPLES / "us-iran-2026.yaml")
    plain = analyze(scenario, ["enrichment", "sanctions"])
    assert plain.situation is not None and plain.situation.events == ()
    pressed = analyze(situation(scenario, ["enrichment", "sanctions"]))
    assert pressed.to_dict()["situation"]["events"] == ["naval-buildup"]
    assert pressed.reservations == (pytest.approx(0.25), pytest.approx(0.40))
