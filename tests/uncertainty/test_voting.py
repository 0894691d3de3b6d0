"""Monte Carlo under the scenario's decision rule: unanimity unchanged, a vote coalition-aware."""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import pytest
import yaml

from redline.scenario import load
from redline.scenario.sampling import parameters, realise
from redline.space.coalitions import analyze_coalitions
from redline.uncertainty import Bargaining, montecarlo, run

NUCLEAR = ["enrichment", "inspections", "stockpile", "sanctions"]


def council(examples: Any, rule: bool = True) -> Any:
    """The EU Council example with uncertain numbers: the hesitant and one opposed government's
    no-deal values and Germany's weight on peatlands; without `rule`, unanimity."""
    document = yaml.safe_load((examples / "eu-council-qmv.yaml").read_text(encoding="utf-8"))
    preferences = document["preferences"]
    for actor in list(preferences):  # YAML anchors share one dict between governments
        preferences[actor] = copy.deepcopy(preferences[actor])
    for actor in ("AUT", "SVK"):
        preferences[actor]["reservation"] = {"low": 0.6, "mode": 0.75, "high": 0.95}
    preferences["ITA"]["reservation"] = {"low": 0.55, "mode": 0.7, "high": 0.8}
    preferences["DEU"]["weights"]["peatlands"] = {"low": 0.2, "mode": 0.4, "high": 0.6}
    if not rule:
        document.pop("decision_rule")
    return load(document)


def test_unanimity_written_out_gives_todays_numbers(examples):
    document = yaml.safe_load((examples / "us-iran-2026.yaml").read_text(encoding="utf-8"))
    plain = load(document)
    written = load({**document, "decision_rule": {"kind": "unanimity"}})
    assert written.voting_game().is_unanimity
    assert Bargaining(tuple(NUCLEAR)).prepare(parameters(written)) is not None  # batched
    options = {"agenda": NUCLEAR, "sobol_samples": 16, "output": "joint_gain"}
    ours = montecarlo(written, 300, 8, **options).to_dict()
    assert ours == montecarlo(plain, 300, 8, **options).to_dict()
    assert "coalition_members" not in ours and "decision_rule" not in ours["parameters"]
    assert ours["parameters"]["evaluation"] == "batched"


def test_each_draw_records_the_likeliest_coalitions_deal(examples):
    scenario = council(examples)
    params = parameters(scenario)
    draws = run(scenario, Bargaining(), 30, 4)
    adopted = set()
    for point, record in zip(draws.points, draws.records, strict=True):
        found = analyze_coalitions(realise(params, point))
        chosen = found.likeliest
        assert record["zopa"] == (chosen is not None)
        if chosen is None:
            assert record["nash"] is None and record["coalition"] is None
            continue
        nash = chosen.analysis.solutions["nash"]
        assert record["coalition"] == list(chosen.members)
        assert record["nash"] == chosen.analysis.labels(nash.options)
        gains = [u - d for u, d in zip(nash.utilities, chosen.analysis.reservations,
                                       strict=True)]
        assert record["joint_gain"] == np.prod(gains)
        for member, gain in zip(chosen.members, gains, strict=True):
            assert record[f"gain:{member}"] == pytest.approx(gain, abs=1e-12)
        adopted.add(tuple(chosen.members))
    assert len(adopted) > 1  # the draws move the coalition


def test_a_vote_gives_coalition_aware_shares(examples):
    qmv = montecarlo(council(examples), 120, 5, sobol_samples=0).to_dict()
    unanimity = montecarlo(council(examples, rule=False), 120, 5, sobol_samples=0).to_dict()
    assert qmv["parameters"]["decision_rule"].startswith("Council qualified majority")
    assert qmv["parameters"]["evaluation"] == "per-draw"
    # Belgium's no-deal value is above every package it could get: unanimity never agrees,
    # a qualified majority without Belgium does.
    assert unanimity["p_zopa"] == 0.0 and qmv["p_zopa"] > 0.9
    members = qmv["coalition_members"]
    assert members["BEL"] == 0.0 and members["DEU"] == 1.0
    assert 0.0 < members["AUT"] < 1.0  # in when its drawn no-deal value lets it in
    assert sum(qmv["nash_options"]["peatlands"].values()) == 1.0
    assert qmv["gains"]["BEL"] is not None and qmv["gains"]["BEL"]["p95"] < 0  # outvoted


def test_the_report_and_the_cli_show_the_coalition(examples, tmp_path):
    from typer.testing import CliRunner

    import redline.cli.commands  # noqa: F401  (registers the commands)
    from redline.cli.app import app
    from redline.report.outlook_sections import uncertainty

    data = montecarlo(council(examples), 40, 5, sobol_samples=0).to_dict()
    html = uncertainty(data).body
    assert "Council qualified majority" in html and "<td>BEL</td><td>0.0%</td>" in html
    path = tmp_path / "council.yaml"
    path.write_text(yaml.safe_dump(council(examples).document.model_dump(
        mode="json", by_alias=True, exclude_none=True)), encoding="utf-8")
    result = CliRunner().invoke(app, ["montecarlo", str(path), "--runs", "40", "--sobol", "0"])
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    assert "Decision rule: Council qualified majority" in flat
    assert "Share of deals adopted with each party in the coalition: DEU 100%" in flat
