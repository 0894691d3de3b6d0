"""Alternating offers and the mediated single text, on exact scripted sequences and as
properties over many seeded sessions."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redline.negotiate import (
    REGISTRY,
    Domain,
    Setup,
    from_scenario,
    opposed,
    run_chunk,
    session_seeds,
    simulate,
    strategy,
)
from redline.negotiate.sessions import ENDINGS

from .scripted import Scripted


def open_domain(parties: int = 2) -> Domain:
    """An opposed domain where every outcome is admissible for everyone (reservation 0)."""
    base = opposed([4, 3], seed=2)
    if parties == 2:
        return base
    from redline.negotiate import from_tables
    rng = np.random.default_rng(0)
    values = [rng.random((parties, 4)), rng.random((parties, 3))]
    return from_tables([f"P{k}" for k in range(parties)], np.full((parties, 2), 0.5), values)


def test_bilateral_exact_sequence() -> None:
    domain = open_domain()
    a = Scripted(offers=(1, 2, 3))
    b = Scripted(offers=(5, 6), accept_on=(2,))  # accepts on its third response
    result = run_chunk(Setup(domain, (a, b), rounds=10), session_seeds(0, 1), transcript=True)
    # A offers 1; B rejects with 5; A rejects with 2; B rejects with 6; A rejects with 3;
    # B accepts 3: the fifth offer, made in round 3 (turn 4)
    assert result.agreed[0] and result.outcome[0] == 3 and result.rounds[0] == 3
    assert ENDINGS[result.ending[0]] == "agreement"
    assert np.allclose(result.utilities[0], domain.utilities[:, 3])
    events = result.transcript[0]["events"]
    offers = [(e["actor"], e["outcome"]) for e in events if e["action"] == "offer"]
    assert [actor for actor, _ in offers] == ["A", "B", "A", "B", "A"]
    assert [e["accept"] for e in events if e["action"] == "response"] == [
        False, False, False, False, True]


def test_multilateral_offer_needs_every_other_party_in_turn() -> None:
    domain = open_domain(3)
    p0 = Scripted(offers=(4,), accept_on=())
    p1 = Scripted(offers=(7,), accept_on=(0, 1))  # accepts 4 on its first response
    p2 = Scripted(offers=(9,), accept_on=(1,))  # counters first with 9, then accepts
    result = run_chunk(Setup(domain, (p0, p1, p2), rounds=5), session_seeds(1, 1))
    # round 1: P0 offers 4, P1 accepts, P2 counters 9; round 2: P0 rejects 9 and offers 4
    # again, P1 accepts, P2 accepts: agreement on 4 in round 2
    assert result.agreed[0] and result.outcome[0] == 4 and result.rounds[0] == 2


def test_deadline_ends_without_agreement() -> None:
    domain = open_domain()
    never = (Scripted(offers=(0,)), Scripted(offers=(1,)))
    result = run_chunk(Setup(domain, never, rounds=7), session_seeds(2, 3))
    assert not result.agreed.any() and (result.rounds == 7).all()
    assert np.allclose(result.utilities, domain.reservations)
    assert result.endings() == {"deadline": 3}


def test_breakdown_risk_ends_talks_geometrically() -> None:
    domain = open_domain()
    never = (Scripted(offers=(0,)), Scripted(offers=(1,)))
    result = simulate(Setup(domain, never, rounds=200, breakdown=0.1), runs=2000, seed=3)
    broke = np.array([ENDINGS[e] == "breakdown" for e in result.ending])
    assert broke.mean() == pytest.approx(1 - 0.9**200, abs=1e-3)
    assert result.rounds.mean() == pytest.approx(1 / 0.1, rel=0.1)  # geometric mean 1/p


def test_refused_agenda_ends_every_session_before_it_starts(us_iran) -> None:
    domain = from_scenario(us_iran)  # missiles on the table
    for protocol in ("alternating", "mediated"):
        setup = Setup(domain, (strategy("conceder"), strategy("conceder")), protocol=protocol)
        result = simulate(setup, runs=5, seed=0)
        assert result.endings() == {"refused": 5} and (result.rounds == 0).all()


def test_a_party_that_can_accept_nothing_ends_every_session_before_it_starts() -> None:
    """Both protocols share one check of whether talks can start (Domain.obstacle)."""
    from redline.negotiate import from_tables

    values = [np.array([[0.0, 1.0], [1.0, 0.0]])]
    playable = from_tables(("A", "B"), np.ones((2, 1)), values, reservations=[0.5, 0.5])
    assert playable.obstacle is None
    hopeless = from_tables(("A", "B"), np.ones((2, 1)), values, reservations=[0.5, 1.5])
    assert hopeless.obstacle == "no-zone"
    for protocol in ("alternating", "mediated", "mediated-nash"):
        setup = Setup(hopeless, (strategy("conceder"), strategy("random")), protocol=protocol)
        result = simulate(setup, runs=4, seed=0)
        assert result.endings() == {"no-zone": 4} and (result.rounds == 0).all()
        assert not simulate(Setup(playable, setup.strategies, protocol=protocol), 4, 0
                            ).endings().get("no-zone")


@pytest.mark.parametrize("protocol", ["alternating", "mediated", "mediated-nash"])
def test_no_agreement_ever_crosses_a_red_line(talks: Domain, protocol: str) -> None:
    names = list(REGISTRY)
    for a in names:
        for b in names:
            setup = Setup(talks, (strategy(a), strategy(b)), protocol=protocol, rounds=40)
            result = simulate(setup, runs=20, seed=11)
            deals = result.outcome[result.agreed]
            assert talks.agreeable[deals].all(), (a, b)
            gains = result.utilities - talks.reservations
            assert (gains[result.agreed] >= -1e-12).all()


def test_conceders_agree_fast_and_hardliners_never(talks: Domain) -> None:
    soft = simulate(Setup(talks, (strategy("conceder"), strategy("conceder"))), 10, seed=1)
    hard = simulate(Setup(talks, (strategy("hardliner"), strategy("hardliner"))), 10, seed=1)
    assert soft.agreed.all() and soft.rounds.max() < 20
    assert not hard.agreed.any()


def test_mediator_adopts_only_unanimous_proposals() -> None:
    domain = open_domain()
    yes_then_no = (Scripted(yes_on=(0, 2)), Scripted(yes_on=(0, 1, 2)))
    result = run_chunk(Setup(domain, yes_then_no, protocol="mediated", rounds=3),
                       session_seeds(4, 1), transcript=True)
    events = result.transcript[0]["events"]
    proposals = [e["outcome"] for e in events if e["action"] == "proposal"]
    final = domain.describe(int(result.outcome[0]))
    # proposals 1 and 3 are adopted, proposal 2 is vetoed by A
    assert final == proposals[2]
    assert proposals[1] != proposals[2]
    assert [e["accept"] for e in events if e["action"] == "vote"] == [
        True, True, False, True, True, True]


def test_nash_mediator_first_proposes_the_reported_nash_text(talks: Domain) -> None:
    from redline.negotiate.measures import nash_point_of
    truthful = (strategy("hardliner"), strategy("hardliner"))
    result = run_chunk(Setup(talks, truthful, protocol="mediated-nash", rounds=5),
                       session_seeds(5, 1), transcript=True)
    first = next(e for e in result.transcript[0]["events"] if e["action"] == "proposal")
    nash = nash_point_of(talks.utilities, talks.reservations, talks.allowed.all(axis=0))
    assert first["outcome"] == talks.describe(nash)
    assert result.agreed[0] and result.outcome[0] == nash  # both prefer it to the status quo


def test_mediated_deal_is_struck_when_every_party_would_sign() -> None:
    domain = open_domain()
    # A signs on its 3rd signature call, B on its 2nd and 3rd: the deal comes in round 3
    a = Scripted(accept_on=(2,), yes_on=(0, 1, 2, 3))
    b = Scripted(accept_on=(1, 2), yes_on=(0, 1, 2, 3))
    result = run_chunk(Setup(domain, (a, b), protocol="mediated", rounds=10),
                       session_seeds(6, 1), transcript=True)
    assert result.agreed[0] and result.rounds[0] == 3
    events = result.transcript[0]["events"]
    proposals = [e["outcome"] for e in events if e["action"] == "proposal"]
    assert len(proposals) == 2  # the signature comes first in round 3: no third proposal
    assert domain.describe(int(result.outcome[0])) == proposals[-1]
    assert not [e for e in events if e["action"] == "ratification"]


def test_nash_mediator_holds_the_nash_text(talks: Domain) -> None:
    from redline.negotiate.measures import nash_point_of
    nash = nash_point_of(talks.utilities, talks.reservations, talks.allowed.all(axis=0))
    pair = (strategy("boulware"), strategy("conceder"))
    result = simulate(Setup(talks, pair, protocol="mediated-nash", rounds=100), 50, seed=3)
    assert (result.outcome == nash).all()


def test_mediated_breakdown_risk(talks: Domain) -> None:
    pair = (strategy("hardliner"), strategy("random"))
    calm = simulate(Setup(talks, pair, protocol="mediated", rounds=60), 400, seed=2)
    tense = simulate(Setup(talks, pair, protocol="mediated", rounds=60, breakdown=0.2), 400,
                     seed=2)
    assert "breakdown" not in calm.endings()
    assert tense.endings()["breakdown"] > 300 and tense.agreed.mean() < calm.agreed.mean()
    assert np.allclose(tense.utilities[~tense.agreed], talks.reservations)


def test_pareto_seekers_find_efficient_deals_that_boulware_misses() -> None:
    from redline.negotiate import reference, summarize

    domain = opposed([6, 6, 6, 6], seed=4)
    landmarks = reference(domain)
    figures = {}
    for name in ("pareto", "boulware"):
        run = simulate(Setup(domain, (strategy(name), strategy(name))), runs=20, seed=0)
        figures[name] = summarize(run, landmarks)
    assert figures["pareto"].agreement_rate == 1.0
    assert figures["pareto"].frontier_distance < figures["boulware"].frontier_distance
    assert figures["pareto"].pareto_rate > figures["boulware"].pareto_rate


@pytest.mark.parametrize("protocol", ["alternating", "mediated", "mediated-nash"])
def test_three_party_talks_respect_every_party(protocol: str) -> None:
    from redline import scenario

    from .conftest import ROOT

    coalition = from_scenario(scenario.load(ROOT / "examples" / "coalition-budget.yaml"))
    assert coalition.n_parties == 3
    for names in (("conceder", "linear", "boulware"), ("random", "pareto", "tit-for-tat")):
        setup = Setup(coalition, tuple(strategy(n) for n in names), protocol=protocol,
                      rounds=60)
        result = simulate(setup, runs=30, seed=21)
        assert result.agreed.any()
        assert coalition.agreeable[result.outcome[result.agreed]].all()


@given(seed=st.integers(0, 10_000), sizes=st.lists(st.integers(2, 5), min_size=1, max_size=3),
       reservations=st.tuples(st.floats(0.0, 0.6), st.floats(0.0, 0.6)),
       names=st.tuples(st.sampled_from(sorted(REGISTRY)), st.sampled_from(sorted(REGISTRY))),
       protocol=st.sampled_from(["alternating", "mediated", "mediated-nash"]),
       rounds=st.integers(1, 30))
@settings(max_examples=60, deadline=None)
def test_deals_are_individually_rational_and_rounds_bounded(seed, sizes, reservations, names,
                                                            protocol, rounds) -> None:
    base = opposed(sizes, seed=seed)
    domain = Domain(base.parties, base.issues, base.options, base.grid, base.utilities,
                    np.array(reservations), base.allowed, base.status_quo)
    result = simulate(Setup(domain, tuple(strategy(n) for n in names), protocol=protocol,
                            rounds=rounds), runs=4, seed=seed)
    assert (result.rounds <= rounds).all()
    deals = result.agreed
    assert domain.agreeable[result.outcome[deals]].all()
    assert np.allclose(result.utilities[deals], domain.utilities[:, result.outcome[deals]].T)
    assert np.allclose(result.utilities[~deals], domain.reservations)
