"""Coalition offers: a winning coalition's acceptance ends the talks; unanimity needs all."""

from __future__ import annotations

import numpy as np
import pytest

import redline
from redline.negotiate import Setup, SetupError, from_scenario, run_chunk, simulate, strategy
from redline.negotiate.coalition_offers import adoptable
from redline.negotiate.engine import session_seeds
from redline.negotiate.sessions import ENDINGS, concatenate
from tests.conftest import EXAMPLES

SEATS = {"kind": "vote", "weights": {"seats": {"SOC": 40, "GRN": 25, "LIB": 35}},
         "thresholds": [{"weight": "seats", "share": 0.5}]}


def budget(rule=None):
    data = redline.load(EXAMPLES / "coalition-budget.yaml").to_dict()
    if rule is not None:
        data["decision_rule"] = rule
    return redline.load(data)


@pytest.mark.parametrize("names", [("linear",) * 3, ("random", "conceder", "boulware"),
                                   ("hardliner", "random", "linear")])
def test_agreements_are_adopted_by_a_winning_coalition(names):
    scenario = budget(SEATS)
    domain = from_scenario(scenario)
    game = scenario.voting_game()
    setup = Setup(domain, tuple(strategy(n) for n in names), protocol="coalition", rounds=40,
                  game=game)
    result = simulate(setup, runs=60, seed=5)
    assert result.agreed.any()
    for outcome in result.outcome[result.agreed]:
        accepting = domain.admissible[:, outcome]
        assert game.wins(accepting[None, :])[0]
    # the Liberals are outvoted in some sessions: a deal below their no-deal value
    lib = domain.parties.index("LIB")
    assert (result.utilities[result.agreed, lib] < domain.reservations[lib]).any()


def test_under_unanimity_every_agreement_suits_every_party():
    scenario = budget()
    domain = from_scenario(scenario)
    setup = Setup(domain, (strategy("random"),) * 3, protocol="coalition", rounds=40,
                  game=scenario.voting_game())
    result = simulate(setup, runs=80, seed=2)
    assert result.agreed.any()
    assert domain.agreeable[result.outcome[result.agreed]].all()


def test_same_seed_same_sessions_serial_or_chunked():
    scenario = budget(SEATS)
    setup = Setup(from_scenario(scenario), (strategy("random"), strategy("conceder"),
                                            strategy("tit-for-tat")),
                  protocol="coalition", rounds=30, breakdown=0.05, game=scenario.voting_game())
    batched = simulate(setup, runs=30, seed=11)
    chunked = simulate(setup, runs=30, seed=11, chunk_size=7)
    serial = concatenate([run_chunk(setup, [c]) for c in session_seeds(11, 30)])
    for other in (chunked, serial):
        for key in ("agreed", "outcome", "rounds", "utilities", "ending"):
            assert np.array_equal(getattr(batched, key), getattr(other, key))
    assert "breakdown" in batched.endings()


def test_no_adoptable_outcome_ends_before_the_talks_and_the_game_is_required():
    scenario = budget()
    domain = from_scenario(scenario)
    rule = {**SEATS, "thresholds": [{"weight": "seats", "share": 0.5}], "vetoes": ["LIB"]}
    strict = budget(rule)
    assert adoptable(domain, strict.voting_game()).any()
    with pytest.raises(SetupError, match="decision rule"):
        Setup(domain, (strategy("linear"),) * 3, protocol="coalition")
    # nobody can accept anything: every reservation above 1
    data = scenario.to_dict()
    for party in data["preferences"].values():
        party["reservation"] = 1.0
    blocked = redline.load(data)
    setup = Setup(from_scenario(blocked), (strategy("linear"),) * 3, protocol="coalition",
                  rounds=5, game=blocked.voting_game())
    result = simulate(setup, runs=3, seed=0)
    assert not result.agreed.any()
    assert {ENDINGS[e] for e in result.ending} <= {"no-zone", "refused"}


def test_a_tournament_of_many_parties_plays_a_seeded_sample_of_profiles():
    from redline.negotiate import tournament
    from redline.negotiate.tournament import SAMPLED_PROFILES

    domain = from_scenario(redline.load(EXAMPLES / "eu-council-qmv.yaml"))
    one = tournament(domain, 1, 3, ["linear", "boulware"], rounds=2)
    again = tournament(domain, 1, 3, ["linear", "boulware"], rounds=2)
    assert one.parameters["profiles"] == 2**27 and one.parameters["played"] == SAMPLED_PROFILES
    assert len({tuple(e.strategies.values()) for e in one.entries}) == SAMPLED_PROFILES
    assert [e.strategies for e in one.entries] == [e.strategies for e in again.entries]
