"""The first numbers of many child generators at once: `SeedSequence.spawn` and PCG64, vectorised.

Run r of a Monte Carlo run seeded s draws its point from the generator of
``SeedSequence(s).spawn(n)[r]``, that is ``SeedSequence(s, spawn_key=(r,))``. Building one numpy
generator per run costs about 10 microseconds, more than the batched analysis of the draw. Both
algorithms are short integer recipes, so this module runs them on arrays of run numbers, one
numpy operation for all runs at once:

- numpy's SeedSequence (after M. E. O'Neill's seed_seq design, numpy/random/bit_generator.pyx):
  the entropy words [s, 0, 0, 0, r] are hashed into a pool of four 32-bit words (`hashmix`,
  `mix`), and the pool is hashed again into the 128-bit state and increment of the generator;
- PCG64 (O'Neill 2014, "PCG: A family of simple fast space-efficient statistically good
  algorithms for random number generation"): a 128-bit linear congruential step and the XSL-RR
  output; a double is the top 53 bits of an output over 2^53, as `Generator.random` takes it.

128-bit products are assembled from 32-bit halves in uint64 arithmetic (which wraps modulo 2^64).
`uniform_points` checks its first row against numpy's own generator and fails loudly if they ever
differ, and a test compares whole blocks.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

U32 = np.uint32
U64 = np.uint64
INIT_A, MULT_A = U32(0x43B0D7E5), U32(0x931E8875)
INIT_B, MULT_B = U32(0x8B51F9DD), U32(0x58F38DED)
MIX_MULT_L, MIX_MULT_R = U32(0xCA01F9DD), U32(0x4973F715)
XSHIFT = U32(16)
POOL = 4
MULTIPLIER = (U64(0x2360ED051FC65DA4), U64(0x4385DF649FCCF645))  # PCG 128-bit (high, low)
MASK32 = U64(0xFFFFFFFF)


def _words(n: int) -> list[int]:
    """An integer as little-endian 32-bit words (numpy's `_int_to_uint32_array`)."""
    if n == 0:
        return [0]
    words = []
    while n > 0:
        words.append(n & 0xFFFFFFFF)
        n >>= 32
    return words


class _Hash:
    """The running hash constant of `hashmix`: it depends only on how often it was used."""

    def __init__(self, start: np.uint32, multiplier: np.uint32):
        self.value = start
        self.multiplier = multiplier

    def mix(self, value: NDArray[np.uint32]) -> NDArray[np.uint32]:
        value = value ^ self.value
        self.value = U32(self.value * self.multiplier)
        value = value * self.value
        return value ^ (value >> XSHIFT)


def _mix(x: NDArray[np.uint32], y: NDArray[np.uint32]) -> NDArray[np.uint32]:
    result = (MIX_MULT_L * x) - (MIX_MULT_R * y)
    return np.asarray(result ^ (result >> XSHIFT), dtype=U32)


def child_states(seed: int, runs: NDArray[np.int64]) -> NDArray[np.uint64]:
    """(4, n): `SeedSequence(seed, spawn_key=(r,)).generate_state(4, np.uint64)` per run r."""
    entropy = _words(seed)
    entropy += [0] * (POOL - len(entropy))
    columns = [np.full(len(runs), w, dtype=U32) for w in entropy]
    columns.append(runs.astype(U32))
    with np.errstate(over="ignore"):
        hashing = _Hash(INIT_A, MULT_A)
        pool = [hashing.mix(columns[i]) for i in range(POOL)]
        for source in range(POOL):
            for target in range(POOL):
                if source != target:
                    pool[target] = _mix(pool[target], hashing.mix(pool[source]))
        for source in range(POOL, len(columns)):
            for target in range(POOL):
                pool[target] = _mix(pool[target], hashing.mix(columns[source]))
        out = _Hash(INIT_B, MULT_B)
        halves = [out.mix(pool[k % POOL]) for k in range(8)]
    return np.stack([halves[2 * k].astype(U64) | (halves[2 * k + 1].astype(U64) << U64(32))
                     for k in range(4)])


def _mul64(a: NDArray[np.uint64], b: np.uint64) -> tuple[NDArray[np.uint64], NDArray[np.uint64]]:
    """The full 128-bit product of a and b as (high, low) 64-bit words."""
    a0, a1 = a & MASK32, a >> U64(32)
    b0, b1 = b & MASK32, b >> U64(32)
    p00, p01, p10, p11 = a0 * b0, a0 * b1, a1 * b0, a1 * b1
    middle = (p00 >> U64(32)) + (p01 & MASK32) + (p10 & MASK32)
    high = p11 + (p01 >> U64(32)) + (p10 >> U64(32)) + (middle >> U64(32))
    low = (middle << U64(32)) | (p00 & MASK32)
    return high, low


class _PCG64:
    """PCG64 (XSL-RR 128/64) on arrays of generators."""

    def __init__(self, state: NDArray[np.uint64]):
        zero = np.zeros(state.shape[1], dtype=U64)
        self.inc_high = (state[2] << U64(1)) | (state[3] >> U64(63))
        self.inc_low = (state[3] << U64(1)) | U64(1)
        self.high, self.low = zero, zero.copy()
        self.step()
        low = self.low + state[1]
        self.high = self.high + state[0] + (low < self.low).astype(U64)
        self.low = low
        self.step()

    def step(self) -> None:
        carry_high, low = _mul64(self.low, MULTIPLIER[1])
        high = carry_high + self.low * MULTIPLIER[0] + self.high * MULTIPLIER[1]
        new_low = low + self.inc_low
        self.high = high + self.inc_high + (new_low < low).astype(U64)
        self.low = new_low

    def next64(self) -> NDArray[np.uint64]:
        self.step()
        xored = self.high ^ self.low
        rotation = self.high >> U64(58)
        return np.asarray((xored >> rotation) | (xored << ((U64(64) - rotation) & U64(63))),
                          dtype=U64)

    def doubles(self) -> NDArray[np.float64]:
        return (self.next64() >> U64(11)).astype(np.float64) * (1.0 / 9007199254740992.0)


def uniform_points(seed: int, start: int, stop: int, dimensions: int) -> NDArray[np.float64]:
    """(stop - start, dimensions): row k is `default_rng(SeedSequence(seed, spawn_key=(start +
    k,))).random(dimensions)`."""
    runs = np.arange(start, stop, dtype=np.int64)
    if stop > 1 << 32:  # a spawn key of two words: numpy's own generators
        return np.array([np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(int(r),)))
                         .random(dimensions) for r in runs]).reshape(len(runs), dimensions)
    generators = _PCG64(child_states(seed, runs))
    with np.errstate(over="ignore"):
        points = np.stack([generators.doubles() for _ in range(dimensions)], axis=1) \
            if dimensions else np.zeros((len(runs), 0))
    if len(runs):
        first = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(start,)))
        if not np.array_equal(points[0], first.random(dimensions)):
            raise AssertionError("vectorised seeding disagrees with numpy")  # a bug of ours
    return points
