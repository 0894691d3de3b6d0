"""Alternating offers, the mediators and the tournament under a decision rule: a winning
coalition's acceptance ends the talks; under unanimity every session is exactly as before."""

from __future__ import annotations

import numpy as np
import pytest

import redline
from redline.negotiate import Setup, SetupError, from_scenario, simulate, strategy, tournament
from redline.negotiate.engine import run_chunk, session_seeds
from redline.negotiate.sessions import ENDINGS, concatenate
from tests.conftest import EXAMPLES
from tests.negotiate.scripted import Scripted

SEATS = {"kind": "vote", "weights": {"seats": {"SOC": 40, "GRN": 25, "LIB": 35}},
         "thresholds": [{"weight": "seats", "share": 0.5}]}
KEYS = ("agreed", "outcome", "rounds", "utilities", "ending")


def budget(rule=None):
    data = redline.load(EXAMPLES / "coalition-budget.yaml").to_dict()
    if rule is not None:
        data["decision_rule"] = rule
    return redline.load(data)


def same(a, b):
    return all(np.array_equal(getattr(a, k), getattr(b, k)) for k in KEYS)


@pytest.mark.parametrize("protocol", ["alternating", "mediated", "mediated-nash"])
@pytest.mark.parametrize("rule", [None, {"kind": "unanimity"}])
def test_unanimity_plays_exactly_as_without_a_rule(protocol, rule):
    scenario = budget(rule)
    domain = from_scenario(scenario)
    names = (strategy("random"), strategy("conceder"), strategy("boulware"))
    plain = simulate(Setup(domain, names, protocol=protocol, rounds=30), runs=40, seed=3)
    ruled = simulate(Setup(domain, names, protocol=protocol, rounds=30,
                           game=scenario.voting_game()), runs=40, seed=3)
    assert same(plain, ruled) and dict(plain.parameters) == dict(ruled.parameters)


def index_of(domain, labels):
    row = [domain.options[k].index(labels[i]) for k, i in enumerate(domain.issues)]
    return int(np.flatnonzero((domain.grid == row).all(axis=1))[0])


def test_alternating_offers_end_when_a_winning_coalition_accepts():
    # SOC offers the SOC-GRN deal; GRN accepts at once; LIB never accepts.
    deal = {"tax": "raise", "rail": "large", "motorway": "repairs"}
    voted = budget(SEATS)
    domain = from_scenario(voted)
    x = index_of(domain, deal)
    assert domain.admissible[:2, x].all() and not domain.admissible[2, x]
    players = (Scripted(offers=(x,)), Scripted(offers=(x,), accept_on=(0,)),
               Scripted(offers=(x,)))
    seeds = session_seeds(0, 1)
    under_rule = run_chunk(Setup(domain, players, rounds=3, game=voted.voting_game()), seeds)
    assert under_rule.agreed[0] and under_rule.outcome[0] == x and under_rule.rounds[0] == 1
    # LIB is outvoted: the deal is below its no-deal value and breaks its red line
    assert under_rule.utilities[0, 2] < domain.reservations[2]
    unanimous = budget()
    everyone = run_chunk(Setup(from_scenario(unanimous), players, rounds=3,
                               game=unanimous.voting_game()), seeds)
    assert not everyone.agreed[0]  # LIB's yes was needed


@pytest.mark.parametrize("protocol", ["alternating", "mediated", "mediated-nash"])
def test_every_deal_under_a_majority_is_accepted_by_a_winning_coalition(protocol):
    scenario = budget(SEATS)
    domain = from_scenario(scenario)
    game = scenario.voting_game()
    setup = Setup(domain, (strategy("random"), strategy("conceder"), strategy("linear")),
                  protocol=protocol, rounds=40, game=game)
    result = simulate(setup, runs=80, seed=9)
    assert result.agreed.any() and result.parameters["rule"] == game.describe()
    for outcome in result.outcome[result.agreed]:
        assert game.wins(domain.admissible[:, outcome][None, :])[0]
    chunked = simulate(setup, runs=80, seed=9, chunk_size=13)
    serial = concatenate([run_chunk(setup, [c]) for c in session_seeds(9, 80)])
    assert same(result, chunked) and same(result, serial)


@pytest.mark.parametrize("protocol", ["alternating", "mediated"])
def test_a_qualified_majority_adopts_a_law_that_unanimity_cannot(protocol):
    eu = redline.load(EXAMPLES / "eu-council-qmv.yaml")
    domain = from_scenario(eu)
    assert domain.obstacle == "no-zone" or not domain.agreeable.any()
    players = (strategy("linear"),) * domain.n_parties
    everyone = simulate(Setup(domain, players, protocol=protocol, rounds=20), runs=5, seed=1)
    assert not everyone.agreed.any()
    game = eu.voting_game()
    voted = simulate(Setup(domain, players, protocol=protocol, rounds=20, game=game), runs=5,
                     seed=1)
    assert voted.agreed.any()
    for outcome in voted.outcome[voted.agreed]:
        assert game.wins(domain.admissible[:, outcome][None, :])[0]


def test_no_adoptable_outcome_ends_every_protocol_before_it_starts():
    data = budget(SEATS).to_dict()
    for party in data["preferences"].values():
        party["reservation"] = 1.0
    blocked = redline.load(data)
    for protocol in ("alternating", "mediated"):
        setup = Setup(from_scenario(blocked), (strategy("linear"),) * 3, protocol=protocol,
                      rounds=5, game=blocked.voting_game())
        result = simulate(setup, runs=2, seed=0)
        assert {ENDINGS[e] for e in result.ending} == {"no-zone"}


def test_the_rule_must_be_over_the_domains_parties():
    other = budget(SEATS).voting_game()
    eu = from_scenario(redline.load(EXAMPLES / "eu-council-qmv.yaml"))
    with pytest.raises(SetupError, match="decision rule must be over"):
        Setup(eu, (strategy("linear"),) * eu.n_parties, game=other)


def test_a_tournament_under_a_rule_plays_the_coalition_protocol():
    scenario = budget(SEATS)
    domain = from_scenario(scenario)
    game = scenario.voting_game()
    result = tournament(domain, 10, 4, ["linear", "hardliner"], protocol="coalition", rounds=20,
                        game=game)
    assert result.parameters["rule"] == game.describe() and len(result.entries) == 8
    plain = tournament(domain, 10, 4, ["linear", "hardliner"], rounds=20)
    assert "rule" not in plain.parameters
    unanimous = budget()
    ruled = tournament(from_scenario(unanimous), 10, 4, ["linear", "hardliner"], rounds=20,
                       game=unanimous.voting_game())
    today = tournament(from_scenario(unanimous), 10, 4, ["linear", "hardliner"], rounds=20)
    assert ruled.ranking() == today.ranking() and ruled.parameters == today.parameters
    assert [(e.summary.agreement_rate, e.summary.mean_utilities) for e in ruled.entries] == [
        (e.summary.agreement_rate, e.summary.mean_utilities) for e in today.entries]


def test_the_commands_say_that_a_winning_coalition_ends_the_talks(tmp_path):
    import json

    from typer.testing import CliRunner

    import redline.cli.commands  # noqa: F401  (registers the commands)
    from redline.cli.app import app

    path = tmp_path / "budget.yaml"
    path.write_text(json.dumps(budget(SEATS).to_dict()))
    runner = CliRunner()
    text = runner.invoke(app, ["simulate", str(path), "-n", "20", "-r", "20"]).output
    assert "Decision rule:" in text and "winning coalition" in text
    data = json.loads(runner.invoke(app, ["tournament", str(path), "-n", "5", "-r", "10",
                                          "--protocol", "coalition", "--strategies",
                                          "linear,hardliner", "--format", "json"]).output)
    assert data["parameters"]["protocol"] == "coalition" and "rule" in data["parameters"]
    plain = runner.invoke(app, ["simulate", str(EXAMPLES / "coalition-budget.yaml"), "-n", "5"])
    assert "Decision rule" not in plain.output
