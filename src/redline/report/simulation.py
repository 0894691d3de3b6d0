"""A simulation run as `redline simulate --format json` records it (one protocol)."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from redline.scenario import Scenario
from redline.scenario.situation import Situation, situate


def simulation_record(scenario: Scenario | Situation, *, protocol: str = "alternating",
                      strategies: Mapping[str, str] | None = None,
                      default_strategy: str = "linear", runs: int = 1000, rounds: int = 100,
                      seed: int = 0, breakdown: float = 0.0, reach: int = 2,
                      agenda: Sequence[str] | None = None,
                      progress: Callable[[float], None] | None = None) -> dict[str, Any]:
    """Play `runs` sessions of a situation (or of a scenario taken as it is, under `agenda`) and
    summarise them in the `redline-simulation/1` JSON."""
    from redline.errors import RedlineError
    from redline.negotiate import from_scenario, landmarks, strategy, summarize
    from redline.negotiate.engine import Setup, simulate

    current = situate(scenario, None if agenda is None else list(agenda))
    domain = from_scenario(current)
    chosen = dict(strategies or {})
    unknown = [party for party in chosen if party not in domain.parties]
    if unknown:
        raise RedlineError(f"strategies: {', '.join(unknown)} is not a party; the parties are "
                           f"{', '.join(domain.parties)}")
    profile = tuple(strategy(chosen.get(party, default_strategy)) for party in domain.parties)
    setup = Setup(domain, profile, protocol=protocol, rounds=rounds, breakdown=breakdown,
                  reach=reach, game=current.scenario.voting_game())  # a vote: a coalition ends

    def engine(task: Any, setup: Any, chunks: list[Any], transcript: bool) -> list[Any]:
        # Sessions are seeded one by one: chunking changes nothing but the progress reports.
        out = []
        for k, (first, seeds) in enumerate(chunks, start=1):
            out.append(task(setup, seeds, first, transcript))
            if progress is not None:
                progress(k / len(chunks))
        return out

    started = time.perf_counter()
    sessions = simulate(setup, runs, seed, chunk_size=max(64, runs // 20), engine=engine)
    summary = summarize(sessions, landmarks(current, domain), time.perf_counter() - started)
    return {**summary.record(protocol, domain), "situation": current.to_dict()}
