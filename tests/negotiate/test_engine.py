"""One seed, a child seed per session: same results serial, batched, chunked or fanned out."""

from __future__ import annotations

import json
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pytest

from redline.negotiate import (
    Domain,
    Sessions,
    Setup,
    SetupError,
    run_chunk,
    session_seeds,
    simulate,
    strategy,
)
from redline.negotiate.sessions import concatenate


def same(a: Sessions, b: Sessions) -> bool:
    return all(np.array_equal(getattr(a, k), getattr(b, k))
               for k in ("agreed", "outcome", "rounds", "utilities", "ending"))


PAIRS = [("random", "random"), ("pareto", "tit-for-tat"), ("conceder", "random")]


@pytest.mark.parametrize("protocol", ["alternating", "mediated", "mediated-nash"])
@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_serial_and_batched_agree(talks: Domain, protocol: str, a: str, b: str) -> None:
    setup = Setup(talks, (strategy(a), strategy(b)), protocol=protocol, rounds=30,
                  breakdown=0.02)
    batched = simulate(setup, runs=40, seed=123)
    serial = concatenate([run_chunk(setup, [child]) for child in session_seeds(123, 40)])
    chunked = simulate(setup, runs=40, seed=123, chunk_size=7)
    assert same(batched, serial) and same(batched, chunked)
    # the sessions differ from one another (the seeds matter), yet a seed repeats exactly
    assert len(set(map(tuple, batched.utilities.round(9).tolist()))) > 1
    assert same(batched, simulate(setup, runs=40, seed=123))
    assert not same(batched, simulate(setup, runs=40, seed=124))


def pool_engine(task, setup, chunks, transcript):  # type: ignore[no-untyped-def]
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(task, setup, seeds, first, transcript) for first, seeds in chunks]
        return [f.result() for f in futures]


def test_fanned_out_engine_gives_the_same_sessions(talks: Domain) -> None:
    setup = Setup(talks, (strategy("random"), strategy("boulware")), rounds=20, breakdown=0.05)
    local = simulate(setup, runs=30, seed=9)
    fanned = simulate(setup, runs=30, seed=9, chunk_size=8, engine=pool_engine)
    assert same(local, fanned)


def test_transcript_records_every_turn_as_json(talks: Domain) -> None:
    setup = Setup(talks, (strategy("boulware"), strategy("conceder")), rounds=25)
    result = simulate(setup, runs=3, seed=1, chunk_size=2, transcript=True)
    assert [t["session"] for t in result.transcript] == [0, 1, 2]
    json.dumps(result.transcript)
    for session, rounds in zip(result.transcript, result.rounds, strict=True):
        events = session["events"]
        offers = [e for e in events if e["action"] == "offer"]
        responses = [e for e in events if e["action"] == "response"]
        # each turn after the first answers the standing offer, and every rejection is a
        # counter-offer; the last response accepts, in the session's last round
        assert len(offers) == len(responses)
        assert [e["accept"] for e in responses] == [False] * (len(responses) - 1) + [True]
        assert responses[-1]["round"] == rounds
        assert [e["step"] for e in events[::2]] == list(range(len(offers)))
        assert responses[-1]["outcome"] == offers[-1]["outcome"]
        for e in offers:  # every offer within the proposer's red lines and reservation
            p = talks.party_index(e["actor"])
            o = [talks.describe(k) for k in range(talks.n_outcomes)].index(e["outcome"])
            assert talks.admissible[p, o]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"protocol": "auction"}, "unknown protocol 'auction'"),
    ({"rounds": 0}, "rounds must be at least 1"),
    ({"breakdown": 1.5}, "breakdown risk"),
    ({"discounts": (0.9,)}, "one factor in"),
    ({"discounts": (0.9, 1.2)}, "one factor in"),
    ({"reach": 0}, "reach must be at least 1"),
    ({"protocol": "mediated", "discounts": (0.9, 0.9)}, "alternating offers only"),
])
def test_bad_setup_is_one_clear_error(talks: Domain, kwargs: dict, message: str) -> None:
    with pytest.raises(SetupError, match=message):
        Setup(talks, (strategy("linear"), strategy("linear")), **kwargs)
    with pytest.raises(SetupError, match="one strategy per party"):
        Setup(talks, (strategy("linear"),))


def test_dask_engine_gives_the_same_sessions(talks: Domain) -> None:
    dask = pytest.importorskip("dask", reason="Dask comes with the uncertainty package's extra")

    def dask_engine(task, setup, chunks, transcript):  # type: ignore[no-untyped-def]
        jobs = [dask.delayed(task)(setup, seeds, first, transcript) for first, seeds in chunks]
        return list(dask.compute(*jobs, scheduler="processes", num_workers=2))

    setup = Setup(talks, (strategy("random"), strategy("tit-for-tat")), protocol="mediated",
                  rounds=20, breakdown=0.05)
    assert same(simulate(setup, runs=24, seed=17),
                simulate(setup, runs=24, seed=17, chunk_size=5, engine=dask_engine))


def test_seed_range_gives_the_spawned_children() -> None:
    """Session seeds are made lazily, yet they are exactly the children `spawn` gives, so a
    chunk can travel to a worker as a few numbers."""
    import pickle

    spawned = np.random.SeedSequence(77).spawn(50)
    lazy = session_seeds(77, 50)
    assert len(lazy) == 50
    states = [s.generate_state(4).tolist() for s in spawned]
    assert [s.generate_state(4).tolist() for s in lazy] == states
    assert [s.generate_state(4).tolist() for s in lazy[10:25]] == states[10:25]
    assert [s.generate_state(4).tolist() for s in lazy[10:25][3:]] == states[13:25]
    assert lazy[-1].generate_state(4).tolist() == states[-1]
    assert len(lazy[45:90]) == 5 and len(lazy[30:10]) == 0
    with pytest.raises(IndexError):
        lazy[50]
    assert len(pickle.dumps(lazy[0:40])) < 400  # a chunk ships as numbers, not 40 seed objects
    # a seed sequence that has spawned before: the next children, as spawn would give them
    root = np.random.SeedSequence(3)
    root.spawn(2)
    assert [s.generate_state(2).tolist() for s in session_seeds(root, 3)] == [
        s.generate_state(2).tolist() for s in root.spawn(3)]
