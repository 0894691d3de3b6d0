"""KTAB's nine SMP switches, each against the behaviour KTAB documents (kmodel.h, the SMP
papers), and KTAB's XML scenario format."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from redline.forecast import load_space, read_ktab_xml, smp
from redline.forecast.ktab_xml import KtabXmlError
from redline.forecast.smp import _bargains, challenges, values
from redline.forecast.smp_rules import (
    CHOICES,
    Switches,
    big_r,
    election,
    estimated_risk,
    interpolate,
    pce,
    third_party_sides,
    victory,
    vote,
)
from redline.forecast.space import ForecastInputError

from .test_backtest_cli import run

SAMPLE = Path(__file__).parent / "data" / "harbour-tariff.xml"


def test_voting_rules():
    """kmodel: binary is the sign (interpolated within 1e-8), propbin 0.8 prop + 0.2 binary,
    propcbc half proportional half cubic, asymprosp answers gains with 2/3 of its response to
    losses (so v(i:k) + v(k:i) != 0)."""
    du = np.array([0.3, -0.3, 5e-9])
    a, b = du, np.zeros(3)
    assert vote("proportional", 2.0, a, b) == pytest.approx([0.6, -0.6, 1e-8])
    assert vote("binary", 2.0, a, b) == pytest.approx([2.0, -2.0, 1.0])
    assert vote("propbin", 2.0, a, b)[0] == pytest.approx(2 * (0.8 * 0.3 + 0.2))
    assert vote("propcbc", 2.0, a, b)[0] == pytest.approx(2 * (0.15 + 0.5 * 0.027))
    assert vote("cubic", 2.0, a, b)[:2] == pytest.approx([0.054, -0.054])
    assert vote("asymprosp", 2.0, a, b)[:2] == pytest.approx([0.4, -0.6])
    for rule in CHOICES["voting_rule"]:
        there, back = vote(rule, 1.0, a, b), vote(rule, 1.0, b, a)
        assert (np.abs(there + back) > 1e-12).any() == (rule == "asymprosp")


@pytest.mark.parametrize("model,two_to_one,three_to_one,eleven_to_ten", [
    ("linear", 2 / 3, 3 / 4, 0.524), ("square", 4 / 5, 9 / 10, 0.548),
    ("quartic", 16 / 17, 81 / 82, 0.594), ("octic", 256 / 257, 6561 / 6562, 0.682)])
def test_victory_probability_laws(model, two_to_one, three_to_one, eleven_to_ten):
    """The figures of kmodel.h's comment on VPModel."""
    s1, s2 = np.array([2.0, 3.0, 11.0]), np.array([1.0, 1.0, 10.0])
    p = victory(model, s1, s2)
    assert p[:2] == pytest.approx([two_to_one, three_to_one])
    assert p[2] == pytest.approx(eleven_to_ten, abs=5e-4)
    assert victory(model, s2, s1) == pytest.approx(1 - p)


def test_binary_victory_decides_at_a_ten_percent_advantage():
    p = victory("binary", np.array([1.1, 1.05, 1.0, 0.0]), np.array([1.0, 1.0, 1.0, 0.0]))
    assert p[0] == pytest.approx(1.0, abs=1e-5)
    assert p[1] == pytest.approx((1.05 / 2.05 * 2.1 - 1) / 0.1)
    assert p[2] == pytest.approx(0.5) and p[3] == 0.5


def test_pce_models_agree_on_two_options_and_on_symmetry():
    strength = np.array([[0.0, 3.0], [1.0, 0.0]])
    pairwise = victory("linear", strength, strength.T)
    for model in CHOICES["pce"]:
        assert pce(model, strength, pairwise) == pytest.approx([0.75, 0.25], abs=1e-5)
    cycle = np.array([[0.0, 2.0, 1.0], [1.0, 0.0, 2.0], [2.0, 1.0, 0.0]])  # a Condorcet cycle
    cyclic = victory("linear", cycle, cycle.T)
    for model in CHOICES["pce"]:
        assert pce(model, cycle, cyclic) == pytest.approx([1 / 3] * 3, abs=1e-5)
    # a Condorcet winner is the likeliest under every model
    u = np.array([[1.0, 0.6, 0.2], [0.7, 1.0, 0.1], [0.8, 0.5, 1.0]])
    w = np.array([1.0, 1.0, 1.5])
    for model in CHOICES["pce"]:
        chances = election(u, w, Switches(pce=model))  # type: ignore[arg-type]
        assert chances.sum() == pytest.approx(1.0) and int(np.argmax(chances)) == 0


def test_big_r_range_and_adjustment():
    p = np.array([0.1, 0.3, 0.6])
    assert big_r(p, "min") == pytest.approx([0.0, 0.4, 1.0])
    assert big_r(p, "mid") == pytest.approx([-0.5, 0.1, 1.0])
    assert big_r(p, "max") == pytest.approx([-1.0, -0.2, 1.0])
    r = np.array([-0.5, 1.0])
    expected = {"none": -0.5, "one_third": 0.0, "half": 0.25, "two_thirds": 0.5, "full": 1.0}
    for adjust, value in expected.items():
        assert estimated_risk(r, adjust)[0, 1] == pytest.approx(value)  # 0's guess of 1
        assert estimated_risk(r, adjust)[1, 1] == pytest.approx(1.0)


def test_third_party_commitment():
    """Only a semi-committed third party can prefer one side: KTAB gives both sides the same
    odds, so with full or no commitment joining either side is worth the same."""
    p, uni, unj, unn = np.array([0.7]), np.array([0.9]), np.array([0.2]), np.array([1.0])
    i_side, j_side = third_party_sides("semi", p, uni, unj, unn)
    assert i_side[0] == pytest.approx(0.7 * 2.8 + 0.3 * 0.6)
    assert j_side[0] == pytest.approx(0.7 * 2.7 + 0.3 * 1.4)
    for commit in ("full", "none"):
        i_side, j_side = third_party_sides(commit, p, uni, unj, unn)
        assert i_side == pytest.approx(j_side)


def test_bargain_interpolations():
    ti, tj = np.array([[0.2]]), np.array([[0.8]])
    si, sj = np.array([[0.5]]), np.array([[1.0]])
    pi, pj = np.array([0.6]), np.array([0.4])
    wi, wj = 0.5 * 0.6, 1.0 * 0.4  # s1p1
    assert interpolate("s1p1", ti, si, pi, tj, sj, pj)[0][0, 0] == pytest.approx(
        (wi * 0.2 + wj * 0.8) / (wi + wj), abs=1e-4)
    wi, wj = 0.25 * 0.36, 1.0 * 0.16  # s2p2
    bi, bj = interpolate("s2p2", ti, si, pi, tj, sj, pj)
    assert bi[0, 0] == pytest.approx((wi * 0.2 + wj * 0.8) / (wi + wj), abs=1e-4)
    assert bi[0, 0] == pytest.approx(bj[0, 0], abs=1e-4)
    # s2pmax: only the less likely winner moves, by its deficit weighted by salience
    bi, bj = interpolate("s2pmax", ti, si, pi, tj, sj, pj)
    assert bi[0, 0] == pytest.approx(0.2) and bj[0, 0] > 0.2
    deficit = 0.2
    share = deficit * 0.25 / (deficit * 0.25 + 1e-6 + 0.8 * 1.0)
    assert bj[0, 0] == pytest.approx(0.8 + share * (0.2 - 0.8))


def test_bargain_models():
    space = read_ktab_xml(SAMPLE).space
    x, s, c = space.positions / 100, space.saliences, space.capabilities
    v = values(x, s)
    est = np.broadcast_to(v, (4, 4, 4)).copy()
    total = s.sum(axis=1)
    init, rcvr, p = np.array([0, 2]), np.array([1, 3]), np.array([0.7, 0.55])
    strength = c * total
    one = _bargains(x, s, c, est, strength, total, init, rcvr, p, Switches())
    two = _bargains(x, s, c, est, strength, total, init, rcvr, p,
                    Switches(bargain="initiator_receiver"))
    mix = _bargains(x, s, c, est, strength, total, init, rcvr, p,
                    Switches(bargain="compromise"))
    assert len(one[0]) == 2 and len(two[0]) == 4 and len(mix[0]) == 2
    assert np.array_equal(two[2][:2], one[2])  # the challenger's view comes first
    p_rcvr, _ = challenges(est, strength, total, rcvr, init, init, rcvr)
    theirs = interpolate("s2p2", x[init], s[init], p_rcvr, x[rcvr], s[rcvr], 1 - p_rcvr)
    assert np.allclose(two[2][2:], theirs[0])
    low = np.minimum(one[2], theirs[0]) - 1e-12
    high = np.maximum(one[2], theirs[0]) + 1e-12
    assert np.all((mix[2] >= low) & (mix[2] <= high))  # between the two views


@pytest.mark.parametrize("switch", sorted(CHOICES))
def test_every_setting_of_every_switch_runs_and_the_defaults_are_ktabs(switch):
    space = read_ktab_xml(SAMPLE).space
    base = smp(space, max_turns=30)
    assert base.parameters[switch] == getattr(Switches(), switch)
    for setting in CHOICES[switch]:
        result = smp(space, max_turns=30, **{switch: setting})
        assert result.parameters[switch] == setting
        assert np.all((result.positions >= -1e-9) & (result.positions <= 100 + 1e-9))
        if switch in ("voting_rule", "risk_adjustment", "interpolation", "bargain") and \
                setting != getattr(Switches(), switch):
            assert not np.allclose(result.outcome, base.outcome), setting
    with pytest.raises(ForecastInputError, match=f"{switch} must be one of"):
        smp(space, **{switch: "nonsense"})


def test_xml_sample_reads_as_ktab_writes_it():
    scenario = read_ktab_xml(SAMPLE)
    space = scenario.space
    assert space.actors == ("Ministry", "Shippers", "PortAuthority", "Exporters")
    assert space.issues == ("Tariff", "Phase-in")
    assert space.positions[1].tolist() == [10.0, 90.0]
    assert space.saliences[1].tolist() == pytest.approx([0.8, 0.15])
    assert dict(scenario.switches) == Switches().to_dict()
    assert scenario.seed == 20261130 and scenario.name == "Harbour-Tariff"
    assert np.array_equal(load_space(SAMPLE).positions, space.positions)
    default = smp(space)
    assert np.array_equal(smp(space, **scenario.smp_parameters()).outcome, default.outcome)


def mutate(old: str, new: str) -> str:
    text = SAMPLE.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize("old,new,message", [
    ("<VotingRule>Prop</VotingRule>", "<VotingRule>Loud</VotingRule>",
     "ModelParameters/VotingRule.*'Loud' is not one of"),
    ("<dCoord>70</dCoord><dCoord>40</dCoord>", "<dCoord>70</dCoord>",
     "actor Ministry/Position.*1 <dCoord> for 2 dimensions"),
    ("<dSal>60</dSal><dSal>30</dSal>", "<dSal>60</dSal><dSal>50</dSal>",
     "saliences add up to 110"),
    ("<capability>60</capability>", "<capability>0</capability>", "is not positive"),
    ("<dCoord>85</dCoord>", "<dCoord>185</dCoord>", "185 is outside 0–100"),
    ("</Actors>", "</Actors>\n  <IdealAdjustment><iaPair><adjustingIdeal>Ministry"
     "</adjustingIdeal><referencePos>Shippers</referencePos><adjust>0.3</adjust></iaPair>"
     "</IdealAdjustment>", "Ministry adjusts toward Shippers"),
    ("<Scenario>", "<!DOCTYPE x [<!ENTITY a 'b'>]>\n<Scenario>", "DOCTYPE"),
    ("</Actors>", "</Actor>", "not well-formed XML"),
    ("<prngSeed>20261130</prngSeed>", "<prngSeed>soon</prngSeed>", "not a whole number"),
])
def test_bad_xml_scenarios_give_one_clear_error(old, new, message):
    with pytest.raises(KtabXmlError, match=message):
        read_ktab_xml("bad.xml", text=mutate(old, new))


def test_a_switch_in_the_xml_file_drives_the_cli_run(tmp_path):
    path = tmp_path / "binary.xml"
    path.write_text(mutate("<VotingRule>Prop</VotingRule>", "<VotingRule>Binary</VotingRule>"),
                    encoding="utf-8")
    result = run("forecast", str(path), "--model", "smp", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["parameters"]["voting_rule"] == "binary"
    assert data["parameters"]["seed"] == 20261130
    overridden = run("forecast", str(path), "--model", "smp", "--set", "voting_rule=cubic",
                     "--format", "json")
    assert json.loads(overridden.stdout)["parameters"]["voting_rule"] == "cubic"
    bad = run("forecast", str(tmp_path / "none.xml"), "--model", "smp")
    assert bad.returncode == 2 and "cannot read the file" in bad.stderr + bad.stdout
    assert math.isfinite(data["outcome"][0])
