"""Theory checks: Rubinstein's subgame-perfect split, and the single-text mediator's stopping
point under truthful votes."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redline.negotiate import Domain, Setup, opposed, run_chunk, session_seeds, simulate, split
from redline.negotiate.strategies import Hardliner, SubgamePerfect

from .scripted import Scripted

STEPS = 10_000  # a finely divisible pie: shares in steps of 1e-4


def rubinstein_share(d1: float, d2: float) -> float:
    return (1 - d2) / (1 - d1 * d2)


@given(d1=st.floats(0.05, 0.98), d2=st.floats(0.05, 0.98))
@settings(max_examples=40, deadline=None)
def test_subgame_perfect_pair_splits_at_rubinstein_share_in_round_one(d1: float,
                                                                      d2: float) -> None:
    pie = split(STEPS)
    pair = (SubgamePerfect(d1, d2), SubgamePerfect(d2, d1))
    result = run_chunk(Setup(pie, pair, rounds=50, discounts=(d1, d2)), session_seeds(0, 1))
    assert result.agreed[0] and result.rounds[0] == 1
    first = result.utilities[0, 0]
    assert rubinstein_share(d1, d2) - 1.0 / STEPS <= first <= rubinstein_share(d1, d2) + 1e-12
    assert result.utilities[0, 1] == pytest.approx(1 - first)


@pytest.mark.parametrize(("d1", "d2"), [(0.9, 0.9), (0.95, 0.6), (0.5, 0.8)])
def test_asking_for_more_than_the_rubinstein_share_does_not_pay(d1: float, d2: float) -> None:
    pie = split(STEPS)
    x = rubinstein_share(d1, d2)
    greedy = int(round(min(x + 0.05, 1.0) * STEPS))
    # the first mover deviates once, then accepts the counter-offer as its SPE strategy would
    deviant = Scripted(offers=(greedy,), accept_on=(0,))
    result = run_chunk(Setup(pie, (deviant, SubgamePerfect(d2, d1)), rounds=50,
                             discounts=(d1, d2)), session_seeds(0, 1))
    assert result.agreed[0] and result.rounds[0] == 2
    # it gets the responder's offer one period later: d1 * (1 - x_B) = d1 * d1 * x < x
    expected = d1 * (1 - rubinstein_share(d2, d1))
    assert result.utilities[0, 0] == pytest.approx(expected, abs=2.0 / STEPS)
    assert result.utilities[0, 0] < x
    # and equal discount factors give the first mover the larger share, 1 / (1 + delta)
    assert rubinstein_share(0.9, 0.9) == pytest.approx(1 / 1.9)


def improving_neighbours(domain: Domain, text: int, reach: int) -> np.ndarray:
    """Neighbouring texts that every party ranks strictly above ``text`` (red lines first)."""
    score = domain.utilities + 2.0 * domain.allowed
    near = domain.neighbours(reach)[text]
    better = (score[:, near] > score[:, [text]] + 1e-12).all(axis=0)
    result: np.ndarray = near[better]
    return result


@pytest.mark.parametrize("mediator", ["mediated", "mediated-nash"])
@pytest.mark.parametrize("reach", [1, 2])
def test_truthful_single_text_stops_only_where_no_neighbour_pleases_all(
        talks: Domain, mediator: str, reach: int) -> None:
    truthful = (Hardliner(), Hardliner())  # hardliners vote truthfully
    result = simulate(Setup(talks, truthful, protocol=mediator, rounds=2000, reach=reach),
                      runs=200, seed=8)
    assert "deadline" not in result.endings()
    for text in np.unique(result.outcome[result.agreed]):
        assert improving_neighbours(talks, int(text), reach).size == 0
    vetoed = result.endings().get("vetoed", 0)
    assert vetoed + result.agreed.sum() == 200


@given(seed=st.integers(0, 10_000), sizes=st.lists(st.integers(2, 4), min_size=2, max_size=4))
@settings(max_examples=25, deadline=None)
def test_single_text_local_optimum_on_random_domains(seed: int, sizes: list[int]) -> None:
    # not fully opposed: a random third of the value tables point the same way for both
    domain = opposed(sizes, seed=seed)
    rng = np.random.default_rng(seed)
    flip = rng.random(len(sizes)) < 0.33
    utilities = domain.utilities.copy()
    for i in np.flatnonzero(flip):
        share = domain.grid[:, i] / (sizes[i] - 1)
        utilities[1] += 0.2 * share
    domain = Domain(domain.parties, domain.issues, domain.options, domain.grid, utilities,
                    domain.reservations, domain.allowed, domain.status_quo)
    result = run_chunk(Setup(domain, (Hardliner(), Hardliner()), protocol="mediated",
                             rounds=3000, reach=1), session_seeds(seed, 3), transcript=True)
    for s in range(3):
        events = result.transcript[s]["events"]
        final = [e for e in events if e["action"] == "ratification"][0]["outcome"]
        index = int(np.flatnonzero([domain.describe(o) == final
                                    for o in range(domain.n_outcomes)])[0])
        assert improving_neighbours(domain, index, 1).size == 0
