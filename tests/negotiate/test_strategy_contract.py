"""The contract every strategy keeps (seeded, reset, red lines and reservation respected), then
each family's own behaviour against scripted offers."""

from __future__ import annotations

import copy

import numpy as np
import pytest

import redline.negotiate.strategies.subgame  # noqa: F401  (every family imported)
from redline.negotiate import REGISTRY, Domain, StrategyError, split, strategy
from redline.negotiate.strategies import (
    AbsoluteTitForTat,
    Boulware,
    Conceder,
    Hardliner,
    Moment,
    NiceTitForTat,
    ParetoSeeker,
    PartyView,
    RelativeTitForTat,
    Strategy,
    SubgamePerfect,
    TitForTat,
)
from redline.negotiate.strategies.concession import Linear

BATCH = 16
ROUNDS = 30


def subclasses(kind: type) -> list[type]:
    found = []
    for sub in kind.__subclasses__():
        found += [sub, *subclasses(sub)]
    return found


def everyone() -> list[Strategy]:
    """Every Strategy subclass redline ships (not only the registry), with its defaults."""
    shipped = {kind for kind in subclasses(Strategy) if kind.__module__.startswith("redline.")}
    assert set(REGISTRY.values()) <= shipped
    return [kind() for kind in sorted(shipped, key=lambda k: (k.__module__, k.__name__))]


def play_scripted(player: Strategy, view: PartyView, offers: np.ndarray,
                  noise: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Feed scripted offers (rounds, batch); return proposals, responses and votes."""
    state = player.start(view, offers.shape[1])
    proposals, answers, votes = [], [], []
    for r in range(offers.shape[0]):
        moment = Moment((r + 1) / (offers.shape[0] + 1), r, noise[r])
        answers.append(player.respond(state, view, moment, offers[r]))
        proposals.append(player.propose(state, view, moment))
        votes.append(player.vote(state, view, moment, offers[r], offers[(r + 1) % len(offers)]))
    return np.array(proposals), np.array(answers), np.array(votes)


def script(domain: Domain, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    offers = rng.integers(0, domain.n_outcomes, size=(ROUNDS, BATCH))
    return offers, rng.random((ROUNDS, BATCH, 2))


@pytest.fixture(params=["talks", "small"])
def domain(request: pytest.FixtureRequest) -> Domain:
    return request.getfixturevalue(request.param)


@pytest.mark.parametrize("player", everyone(), ids=lambda s: type(s).__name__)
@pytest.mark.parametrize("party", [0, 1])
class TestContract:
    def test_same_noise_same_play(self, player: Strategy, party: int, domain: Domain) -> None:
        offers, noise = script(domain, 3)
        view = PartyView(domain, party)
        first = play_scripted(player, view, offers, noise)
        again = play_scripted(copy.deepcopy(player), view, offers, noise)
        for a, b in zip(first, again, strict=True):
            assert np.array_equal(a, b)

    def test_start_resets(self, player: Strategy, party: int, domain: Domain) -> None:
        offers, noise = script(domain, 4)
        view = PartyView(domain, party)
        state = player.start(view, BATCH)
        for r in range(5):  # play a little on one state, then start afresh
            player.respond(state, view, Moment(0.5, r, noise[r]), offers[r])
        fresh = player.start(view, BATCH)
        replay = player.start(view, BATCH)
        moment = Moment(0.2, 0, noise[0])
        assert np.array_equal(player.propose(fresh, view, moment),
                              player.propose(replay, view, moment))
        assert np.array_equal(play_scripted(player, view, offers, noise)[0],
                              play_scripted(player, view, offers, noise)[0])

    def test_red_lines_and_reservation(self, player: Strategy, party: int,
                                       domain: Domain) -> None:
        offers, noise = script(domain, 5)
        view = PartyView(domain, party)
        proposals, answers, votes = play_scripted(player, view, offers, noise)
        assert view.admissible[proposals].all()
        assert not (answers & ~view.admissible[offers]).any()
        # a text within the red lines is never swapped for one outside them
        current, proposed = offers, np.roll(offers, -1, axis=0)
        assert not (votes & view.allowed[current] & ~view.allowed[proposed]).any()

    def test_propose_changes_no_state(self, player: Strategy, party: int,
                                      domain: Domain) -> None:
        offers, noise = script(domain, 6)
        view = PartyView(domain, party)
        state = player.start(view, BATCH)
        player.respond(state, view, Moment(0.3, 1, noise[1]), offers[1])
        before = copy.deepcopy(state)
        player.propose(state, view, Moment(0.4, 2, noise[2]))
        for key, value in before.items():
            if isinstance(value, np.ndarray):
                assert np.array_equal(value, state[key], equal_nan=True), key


def test_names_and_parameters_are_recorded() -> None:
    assert strategy("Boulware").describe() == {
        "name": "boulware", "parameters": {"exponent": 4.0, "spread": 0.0, "tolerance": 1e-4,
                                           "initial": 0.0, "clock": "deadline"}}


def test_boulware_holds_out_longer_than_conceder(small: Domain) -> None:
    view = PartyView(small, 0)
    noise = np.zeros((1, 2))
    best = small.utilities[0].max()
    for t in (0.25, 0.5, 0.75):
        tough = Boulware().propose(Boulware().start(view, 1), view, Moment(t, 0, noise))
        soft = Conceder().propose(Conceder().start(view, 1), view, Moment(t, 0, noise))
        assert small.utilities[0, tough[0]] > small.utilities[0, soft[0]]
    # at t = 0.5 Boulware still demands 1 - 0.5**4 of the range: within 7 % of its best
    tough = Boulware().propose(Boulware().start(view, 1), view, Moment(0.5, 0, noise))
    assert small.utilities[0, tough[0]] >= best - 0.0625 * (best - small.utilities[0].min())


def test_hardliner_offers_its_best_and_accepts_only_that(talks: Domain) -> None:
    usa = talks.party_index("USA")
    view = PartyView(talks, usa)
    player = Hardliner()
    state = player.start(view, 1)
    noise = np.zeros((1, 2))
    best = talks.utilities[usa][talks.admissible[usa]].max()
    for t in (0.01, 0.5, 0.99):
        offer = player.propose(state, view, Moment(t, 0, noise))
        assert talks.utilities[usa, offer[0]] == pytest.approx(best)
    everything = np.arange(talks.n_outcomes)
    yes = player.respond(player.start(view, len(everything)), view,
                         Moment(0.99, 0, np.zeros((len(everything), 2))), everything)
    assert np.allclose(talks.utilities[usa, yes], best)


def test_tit_for_tat_gives_back_each_concession(small: Domain) -> None:
    view = PartyView(small, 0)
    player = AbsoluteTitForTat(goodwill=0.0)
    state = player.start(view, 1)
    order = np.argsort(small.utilities[0])
    worst_offer, better_offer = order[:1], order[len(order) // 2: len(order) // 2 + 1]
    noise = np.zeros((1, 2))
    player.respond(state, view, Moment(0.1, 0, noise), worst_offer)
    assert state["demand"][0] == pytest.approx(small.utilities[0].max())
    player.respond(state, view, Moment(0.2, 1, noise), better_offer)
    gain = small.utilities[0, better_offer[0]] - small.utilities[0, worst_offer[0]]
    assert state["demand"][0] == pytest.approx(small.utilities[0].max() - gain)
    player.respond(state, view, Moment(0.3, 2, noise), worst_offer)  # a retraction
    assert state["demand"][0] == pytest.approx(small.utilities[0].max())


def test_pareto_seeker_learns_what_the_other_side_keeps(small: Domain) -> None:
    view = PartyView(small, 0)
    player = ParetoSeeker()
    state = player.start(view, 1)
    # the opponent always keeps issue 0 at option 4 and varies the rest
    wanted = np.flatnonzero(small.grid[:, 0] == 4)
    noise = np.zeros((1, 2))
    for r, o in enumerate(wanted[:8]):
        player.respond(state, view, Moment(0.1, r, noise), np.array([o]))
    offer = player.propose(state, view, Moment(0.6, 9, noise))
    assert small.grid[offer[0], 0] == 4
    # and still never offers below its own demand
    assert small.utilities[0, offer[0]] >= player.target(state, 0.6) - 1e-9


def test_random_offers_spread_over_the_admissible_set(talks: Domain) -> None:
    view = PartyView(talks, 1)
    player = strategy("random")
    noise = np.random.default_rng(0).random((4000, 2))
    offers = player.propose(player.start(view, 4000), view, Moment(0.5, 0, noise))
    assert set(offers.tolist()) == set(np.flatnonzero(talks.admissible[1]).tolist())


def test_subgame_perfect_asks_for_rubinstein_share() -> None:
    pie = split(1000)
    player = SubgamePerfect(own_discount=0.9, other_discount=0.8)
    view = PartyView(pie, 0)
    offer = player.propose(player.start(view, 1), view, Moment(0.0, 0, np.zeros((1, 2))))
    share = (1 - 0.8) / (1 - 0.9 * 0.8)
    assert share - 1e-3 <= pie.utilities[0, offer[0]] <= share
    with pytest.raises(ValueError, match="discount"):
        SubgamePerfect(own_discount=1.0)


def test_parameters_from_the_command_line() -> None:
    assert strategy("linear:exponent=2.5") == Linear(exponent=2.5)
    assert strategy("random: acceptance=0.2").acceptance == 0.2
    for spec, message in [("linear:speed=2", "not a parameter of linear"),
                          ("linear:exponent=fast", "'fast' is not a number"),
                          ("linear:exponent=-1", "exponent must be > 0"),
                          ("bluff", "unknown strategy 'bluff'")]:
        with pytest.raises(StrategyError, match=message):
            strategy(spec)
    assert strategy("linear:exponent=2.5").label == "linear:exponent=2.5"
    assert strategy("boulware").label == "boulware"


def test_tit_for_tat_is_faratins_absolute_tit_for_tat(small: Domain) -> None:
    """The command line's `tit-for-tat` plays exactly as `absolute-tit-for-tat`."""
    offers, noise = script(small, 9)
    view = PartyView(small, 1)
    plain = play_scripted(TitForTat(), view, offers, noise)
    absolute = play_scripted(strategy("absolute-tit-for-tat"), view, offers, noise)
    for a, b in zip(plain, absolute, strict=True):
        assert np.array_equal(a, b)


def test_relative_tit_for_tat_gives_back_the_same_share(small: Domain) -> None:
    """Faratin's relative tit-for-tat: the other side closes a share of the gap between its
    offer and the party's best; the party gives up the same share of its remaining room, so a
    concession that is small in absolute terms but large in share moves it more than it moves
    the absolute reciprocator."""
    view = PartyView(small, 0)
    u = small.utilities[0]
    order = np.argsort(u)
    worst, mid = order[:1], order[len(order) // 2: len(order) // 2 + 1]
    noise = np.zeros((1, 2))
    relative, absolute = RelativeTitForTat(goodwill=0.0), AbsoluteTitForTat(goodwill=0.0)
    states = [p.start(view, 1) for p in (relative, absolute)]
    for player, state in zip((relative, absolute), states, strict=True):
        player.respond(state, view, Moment(0.1, 0, noise), worst)
        player.respond(state, view, Moment(0.2, 1, noise), mid)
    ladder = states[0]["ladder"]
    share = (u[mid[0]] - u[worst[0]]) / (ladder.best - u[worst[0]])
    expected = ladder.best - share * (ladder.best - ladder.worst)
    assert states[0]["demand"][0] == pytest.approx(expected)
    assert states[1]["demand"][0] == pytest.approx(ladder.best - (u[mid[0]] - u[worst[0]]))
    # a retraction raises the demand again
    relative.respond(states[0], view, Moment(0.3, 2, noise), worst)
    assert states[0]["demand"][0] > expected


def test_nice_tit_for_tat_moves_toward_the_estimated_nash_point(talks: Domain) -> None:
    """Baarslag et al. (2013): no concession while the other side stands still (bar goodwill);
    once it has moved all the way to the Nash point, the party demands no more than the Nash
    point's utility for itself, and it never demands less than that."""
    usa = talks.party_index("USA")
    view = PartyView(talks, usa)
    player = NiceTitForTat(goodwill=0.0)
    state = player.start(view, 1)
    noise = np.zeros((1, 2))
    other = PartyView(talks, 1 - usa)
    their_best = np.flatnonzero(other.admissible)[np.argmax(other.utility[other.admissible])]
    for r in range(3):  # the other side repeats its best offer
        player.respond(state, view, Moment(0.1 * (r + 1), r, noise), np.array([their_best]))
    assert state["demand"][0] == pytest.approx(state["ladder"].best)
    nash = player.nash_estimate(state, view)[0]
    generous = np.flatnonzero(view.admissible & (view.utility >= nash))
    offer = generous[np.argmax(view.utility[generous])]
    player.respond(state, view, Moment(0.5, 3, noise), np.array([offer]))
    estimate = player.nash_estimate(state, view)[0]
    if view.utility[offer] >= estimate:  # it moved (at least) all the way: so does the party
        assert state["demand"][0] == pytest.approx(estimate)
    assert state["demand"][0] >= estimate - 1e-9  # never past the Nash point


@pytest.mark.parametrize("name", ["boulware", "linear", "conceder", "pareto"])
def test_time_based_parties_reach_their_worst_admissible_utility_at_the_deadline(
        talks: Domain, name: str) -> None:
    """Faratin's clock: t = 1 in the last round, so the demand is the party's lowest admissible
    utility then (its reservation or the red lines bound it); NegMAS's clock stops short."""
    from redline.negotiate.strategies.base import progress

    usa = talks.party_index("USA")
    view = PartyView(talks, usa)
    rounds = 100
    player = strategy(name)
    state = player.start(view, 1)
    ladder = state["ladder"]
    last = Moment(rounds / (rounds + 1), rounds - 1, np.zeros((1, 2)),
                  progress(rounds - 1, rounds))
    first = Moment(1 / (rounds + 1), 0, np.zeros((1, 2)), progress(0, rounds))
    assert talks.utilities[usa, player.propose(state, view, first)[0]] == pytest.approx(
        ladder.best)
    assert player.target(state, last.clock("deadline")) == pytest.approx(ladder.worst)
    assert talks.utilities[usa, player.propose(state, view, last)[0]] == pytest.approx(
        ladder.worst)
    if name == "boulware":  # the figure: NegMAS's clock leaves 3.9% of the range
        held = player.target(state, last.clock("negmas")) - ladder.worst
        assert held / (ladder.best - ladder.worst) == pytest.approx(1 - (100 / 101) ** 4)


def test_exponent_and_initial_concession_follow_faratins_polynomial(small: Domain) -> None:
    """target = lo + (hi - lo)(1 - k)(1 - t^e): Genius's Boulware (beta = 0.2) is e = 5."""
    view = PartyView(small, 0)
    genius = strategy("boulware:exponent=5,initial=0.1")
    state = genius.start(view, 1)
    ladder = state["ladder"]
    for t in (0.0, 0.3, 0.8, 1.0):
        assert genius.target(state, t) == pytest.approx(
            ladder.worst + (ladder.best - ladder.worst) * 0.9 * (1 - t**5))
    assert strategy("linear:clock=negmas").clock == "negmas"
    with pytest.raises(StrategyError, match="clock must be one of"):
        strategy("linear:clock=sundial")
