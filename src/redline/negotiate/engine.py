"""Running many sessions: one seed, a child seed per session, batches as pure functions.

:func:`simulate` spawns one child seed per session from the run's seed
(the children ``numpy.random.SeedSequence(seed).spawn(runs)`` gives, as a lazy
:class:`SeedRange`), cuts them into chunks and hands each chunk to
:func:`run_chunk`, a pure function of the setup and the chunk's seeds. Each session draws its
uniforms from its own child seed, so a session's play does not depend on which chunk, which
batch size or which machine ran it: serial, batched and fanned-out runs give identical results.
An *engine* is any callable that maps :func:`run_chunk` over the chunks (:func:`local_engine`
here; the command line runs them on the uncertainty package's engines: worker processes or
Dask, through :func:`play`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, overload

import numpy as np
from numpy.typing import NDArray

from redline.errors import RedlineError
from redline.limits import MAX_MEDIATION
from redline.negotiate import alternating, coalition_offers, mediated
from redline.negotiate.domain import Domain
from redline.negotiate.sessions import Sessions, concatenate
from redline.negotiate.strategies.base import Strategy
from redline.negotiate.transcript import Transcript
from redline.scenario.decision import VotingGame

PROTOCOLS = ("alternating", "mediated", "mediated-nash", "coalition")
"""Protocol names: alternating offers; single-text mediator; mediator steering to Nash;
coalition offers (a winning coalition's acceptance ends the talks; needs ``game``). Given a
``game`` other than unanimity, every protocol ends when a winning coalition accepts."""


class SetupError(RedlineError):
    """Simulation settings that cannot work (a bad protocol, rounds, risk or strategy count)."""


@dataclass(frozen=True)
class Setup:
    """Everything a session needs except its seed."""

    domain: Domain
    strategies: tuple[Strategy, ...]
    protocol: str = "alternating"
    rounds: int = 100
    breakdown: float = 0.0
    discounts: tuple[float, ...] | None = None
    reach: int = 2
    game: VotingGame | None = None  # the decision rule (the coalition protocol needs it)
    max_mediation: int = MAX_MEDIATION  # a mediator's table cells (redline.limits)

    def __post_init__(self) -> None:
        if self.protocol not in PROTOCOLS:
            raise SetupError(f"unknown protocol {self.protocol!r}. Fix: use one of "
                             + ", ".join(PROTOCOLS))
        if self.rounds < 1:
            raise SetupError(f"rounds must be at least 1, got {self.rounds}. "
                             "Fix: pass a positive number of rounds")
        if not 0.0 <= self.breakdown < 1.0:
            raise SetupError(f"breakdown risk must lie in [0, 1), got {self.breakdown}. "
                             "Fix: give a per-round probability such as 0.02")
        if self.discounts is not None and (
                len(self.discounts) != self.domain.n_parties
                or not all(0.0 < d <= 1.0 for d in self.discounts)):
            raise SetupError(f"discounts {list(self.discounts)}: give one factor in (0, 1] per "
                             "party. Fix: e.g. discounts=(0.9, 0.95)")
        if self.discounts is not None and self.protocol != "alternating":
            raise SetupError("discounts apply to alternating offers only. Fix: drop them or "
                             "use protocol='alternating'")
        if self.reach < 1:
            raise SetupError(f"reach must be at least 1, got {self.reach}. "
                             "Fix: let the mediator change at least one issue per proposal")
        if self.protocol == "coalition" and (
                self.game is None or self.game.members != self.domain.parties):
            raise SetupError("the coalition protocol needs the decision rule over the domain's "
                             "parties. Fix: pass game=scenario.voting_game()")
        if self.game is not None and self.game.members != self.domain.parties:
            raise SetupError("the decision rule must be over the domain's parties ("
                             + ", ".join(self.domain.parties) + "). Fix: pass "
                             "game=scenario.voting_game() of the same scenario")
        no_talks = bool(self.domain.refused_by) and (self.game is None
                                                     or self.game.is_unanimity)
        if self.protocol.startswith("mediated") and not no_talks:
            # its tables are sized before they are built (talks refused build none)
            from redline.scenario.budget import check_mediation

            check_mediation([len(o) for o in self.domain.options], self.reach,
                            self.protocol == "mediated-nash", self.max_mediation)
        if len(self.strategies) != self.domain.n_parties:
            raise SetupError(f"{len(self.strategies)} strategies for "
                             f"{self.domain.n_parties} parties ("
                             + ", ".join(self.domain.parties)
                             + "). Fix: give one strategy per party")

    @property
    def rule(self) -> VotingGame | None:
        """The decision rule when it is not unanimity (None: every party must agree, and the
        alternating and mediated protocols play exactly as without a rule)."""
        if self.game is None or self.game.is_unanimity:
            return None
        return self.game

    def noise_shape(self) -> tuple[int, int]:
        """The shape of the uniforms one session of this protocol draws, as the protocol's own
        ``noise_shape`` gives it."""
        if self.protocol == "alternating":
            return alternating.noise_shape(self.domain, self.rounds)
        if self.protocol == "coalition":
            return coalition_offers.noise_shape(self.domain, self.rounds)
        return mediated.noise_shape(self.domain, self.rounds)

    def describe(self) -> dict[str, Any]:
        """The run's settings as JSON: protocol, rounds, breakdown risk, discounts, reach, the
        decision rule when it applies, each party's strategy and the domain."""
        return {"protocol": self.protocol, "rounds": self.rounds, "breakdown": self.breakdown,
                "discounts": None if self.discounts is None else list(self.discounts),
                "reach": self.reach,
                **({"rule": self.game.describe()} if self.game is not None and (
                    self.protocol == "coalition" or self.rule is not None) else {}),
                "strategies": {p: s.describe() for p, s in
                               zip(self.domain.parties, self.strategies, strict=True)},
                "domain": self.domain.to_dict()}


@dataclass(frozen=True)
class SeedRange(Sequence[np.random.SeedSequence]):
    """Children ``start`` to ``stop`` of a seed sequence, made where they are used.

    Child k is what ``root.spawn`` would give as its k-th child (same entropy, spawn key
    extended by k). A chunk of sessions thus travels to a worker as a few numbers rather than
    thousands of seed objects, and the workers, not the caller, build the children.
    """

    entropy: Any
    spawn_key: tuple[int, ...]
    pool_size: int
    start: int
    stop: int

    def __len__(self) -> int:
        return self.stop - self.start

    def child(self, k: int) -> np.random.SeedSequence:
        """Child ``k`` of the root seed sequence, equal to the k-th child ``SeedSequence.spawn``
        would give."""
        return np.random.SeedSequence(self.entropy, spawn_key=(*self.spawn_key, k),
                                      pool_size=self.pool_size)

    @overload
    def __getitem__(self, index: int) -> np.random.SeedSequence: ...

    @overload
    def __getitem__(self, index: slice) -> SeedRange: ...

    def __getitem__(self, index: int | slice) -> np.random.SeedSequence | SeedRange:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                raise ValueError("a seed range slices with step 1 only")
            return replace(self, start=self.start + start,
                           stop=self.start + max(start, stop))
        if not -len(self) <= index < len(self):
            raise IndexError(f"seed {index} of a range of {len(self)}")
        return self.child(self.start + index % len(self))

    def __iter__(self) -> Iterator[np.random.SeedSequence]:
        return (self.child(k) for k in range(self.start, self.stop))


def session_seeds(seed: int | np.random.SeedSequence, runs: int) -> SeedRange:
    """One child seed per session: the next ``runs`` children of the run's seed (those
    ``SeedSequence(seed).spawn(runs)`` gives), made lazily; a SeedSequence passed in is not
    advanced, so the same root gives the same sessions again."""
    root = seed if isinstance(seed, np.random.SeedSequence) else np.random.SeedSequence(seed)
    first = root.n_children_spawned
    return SeedRange(root.entropy, tuple(root.spawn_key), root.pool_size, first, first + runs)


def draw_noise(setup: Setup, seeds: Sequence[np.random.SeedSequence]) -> NDArray[np.float64]:
    """(sessions, turns, draws): each session's uniforms, from its own seed."""
    shape = setup.noise_shape()
    noise = np.empty((len(seeds), *shape))
    for k, child in enumerate(seeds):
        noise[k] = np.random.Generator(np.random.PCG64(child)).random(shape)
    return noise


def run_chunk(setup: Setup, seeds: Sequence[np.random.SeedSequence], first: int = 0,
              transcript: bool = False) -> Sessions:
    """Play the sessions of ``seeds`` as one batch (``first`` numbers them in transcripts)."""
    noise = draw_noise(setup, seeds)
    log = Transcript(setup.domain, first) if transcript else None
    if setup.protocol == "alternating":
        return alternating.alternating_offers(setup.domain, setup.strategies, noise,
                                              setup.rounds, setup.breakdown, setup.discounts,
                                              log, setup.rule)
    if setup.protocol == "coalition":
        assert setup.game is not None  # Setup checks it
        return coalition_offers.coalition_offers(setup.domain, setup.strategies, setup.game,
                                                 noise, setup.rounds, setup.breakdown, log)
    return mediated.single_text(setup.domain, setup.strategies, noise, setup.rounds,
                                "nash" if setup.protocol == "mediated-nash" else "single-text",
                                setup.reach, setup.breakdown, log, game=setup.rule)


Engine = Callable[[Callable[..., Sessions], Setup, list[tuple[int, Sequence[Any]]], bool],
                  list[Sessions]]


def local_engine(task: Callable[..., Sessions], setup: Setup,
                 chunks: list[tuple[int, Sequence[Any]]], transcript: bool) -> list[Sessions]:
    """Run the chunks one after another in this process."""
    return [task(setup, seeds, first, transcript) for first, seeds in chunks]


def play(task: Callable[..., Sessions], setup: Setup, transcript: bool,
         chunk: tuple[int, Sequence[np.random.SeedSequence]]) -> Sessions:
    """One ``(first, seeds)`` chunk through ``task``: the one-argument form a map over chunks
    needs (picklable as ``functools.partial(play, task, setup, transcript)``)."""
    first, seeds = chunk
    return task(setup, seeds, first, transcript)


def simulate(setup: Setup, runs: int, seed: int | np.random.SeedSequence,
             chunk_size: int = 2048, engine: Engine | None = None,
             transcript: bool = False) -> Sessions:
    """Play ``runs`` sessions seeded from ``seed``; the result does not depend on ``chunk_size``
    or the engine."""
    if runs < 1:
        raise SetupError(f"runs must be at least 1, got {runs}. Fix: pass --runs 1 or more")
    if chunk_size < 1:
        raise SetupError("chunk size must be at least 1")
    seeds = session_seeds(seed, runs)
    chunks: list[tuple[int, Sequence[Any]]] = [(k, seeds[k:k + chunk_size])
                                               for k in range(0, runs, chunk_size)]
    parts = (engine or local_engine)(run_chunk, setup, chunks, transcript)
    return concatenate(parts)
