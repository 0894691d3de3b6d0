"""A priori voting power under a decision rule: the Shapley–Shubik and Banzhaf indices.

For member i with swings counted over coalitions S of the others (S loses, S + i wins):

- Shapley–Shubik (Shapley & Shubik 1954): phi_i = sum_S |S|! (n - |S| - 1)! / n! [i swings S],
  the share of the n! orderings in which i is pivotal;
- Banzhaf (Banzhaf 1965; Penrose 1946): beta'_i = swings_i / 2^(n-1) (absolute), and
  beta_i = swings_i / sum_j swings_j (normalised).

**Exact** (``generating-functions``): the method of generating functions (Brams & Affuso 1976;
Bilbao, Fernández, Jiménez Losada & López 2000, "Generating functions for computing power
indices efficiently", TOP 8(2)). The product over members of (1 + y z^veto x^w) counts the
coalitions by size (y), number of veto holders (z) and total of each weight in a quota (x); a
weight axis is cut at its quota, its last cell holding "quota reached" (min(total, quota) is
compatible with addition, so the product stays exact). Member i's coalitions of the others are
the full product divided by i's factor, a recurrence over sizes: g_s = f_s - shift_i(g_{s-1}).
Counts are exact 64-bit integers (so up to 62 members); the work is members x cells.

**Monte Carlo** (``monte-carlo``) beyond that: random orderings for Shapley–Shubik, random
coalitions of the others for Banzhaf, from a seeded Generator. Each estimate is a mean of 0/1
draws, so by Hoeffding's inequality with a union bound over members, every absolute estimate is
within ``error_bound`` = sqrt(ln(2m / delta) / (2 N)) of its exact value with probability at
least 1 - delta (m estimates of N draws; delta = 0.05).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from redline.errors import RedlineError
from redline.scenario.decision import MEMBERS, VotingGame
from redline.version import __version__

EXACT_CELLS = 30_000_000  # the generating function's largest table (cells) the exact method takes
EXACT_MEMBERS = 62  # exact integer counts up to this many members (int64)
DEFAULT_SAMPLES = 100_000
CONFIDENCE_DELTA = 0.05
METHODS = ("auto", "exact", "monte-carlo")


class PowerError(RedlineError):
    """A power computation that cannot be done as asked (e.g. exact on too large a game)."""


@dataclass(frozen=True)
class Power:
    """Power indices per member, with the method and parameters that produced them."""

    rule: str
    members: tuple[str, ...]
    shapley_shubik: tuple[float, ...]
    banzhaf: tuple[float, ...]  # normalised: shares of all swings
    banzhaf_absolute: tuple[float, ...]  # swings / 2^(n-1)
    swings: tuple[int, ...] | None  # exact counts (None for Monte Carlo)
    method: str
    error_bound: float | None = None  # Monte Carlo: bound on every absolute estimate
    parameters: dict[str, Any] = field(default_factory=dict)
    version: str = __version__

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract ``redline-power/1``."""
        return {
            "format": "redline-power/1",
            "rule": self.rule,
            "members": list(self.members),
            "shapley_shubik": dict(zip(self.members, self.shapley_shubik, strict=True)),
            "banzhaf": dict(zip(self.members, self.banzhaf, strict=True)),
            "banzhaf_absolute": dict(zip(self.members, self.banzhaf_absolute, strict=True)),
            "swings": (None if self.swings is None
                       else dict(zip(self.members, self.swings, strict=True))),
            "method": self.method,
            "error_bound": self.error_bound,
            "parameters": self.parameters,
            "version": self.version,
        }


def power_indices(game: VotingGame, *, method: str = "auto", samples: int = DEFAULT_SAMPLES,
          seed: int = 0) -> Power:
    """Shapley–Shubik and Banzhaf indices of every member of `game`.

    `method`: ``exact`` (generating functions), ``monte-carlo`` (`samples` draws, `seed`), or
    ``auto``: exact when the game has at most EXACT_MEMBERS members and its table at most
    EXACT_CELLS cells, else Monte Carlo.
    """
    if method not in METHODS:
        raise PowerError(f"unknown method {method!r}. Fix: use one of {', '.join(METHODS)}")
    cells = table_cells(game)
    fits = game.n <= EXACT_MEMBERS and cells <= EXACT_CELLS
    if method == "exact" and not fits:
        raise PowerError(f"the exact method needs at most {EXACT_MEMBERS} members and "
                         f"{EXACT_CELLS:,} table cells; this game has {game.n} members and "
                         f"{cells:,} cells. Fix: use --method monte-carlo, or state weights "
                         "in coarser units")
    if method == "exact" or (method == "auto" and fits):
        return exact_power(game)
    if samples < 1:
        raise PowerError("samples must be at least 1. Fix: give e.g. --samples 100000")
    return sampled_power(game, samples, np.random.default_rng(seed), seed)


# --- exact: generating functions ------------------------------------------------------------

def _axes(game: VotingGame) -> tuple[list[str], list[int]]:
    """The weight axes of the table (weights in some quota other than members) and their caps."""
    caps: dict[str, int] = {}
    for quota in game.quotas:
        if quota.weight != MEMBERS:
            caps[quota.weight] = max(caps.get(quota.weight, 0), max(quota.amount, 0))
    return list(caps), list(caps.values())


def table_cells(game: VotingGame) -> int:
    """Cells of the generating function's table: sizes x veto counts x weight cells."""
    _, caps = _axes(game)
    return (game.n + 1) * (len(game.vetoes) + 1) * math.prod(c + 1 for c in caps)


def _shift(table: NDArray[np.int64], axis: int, amount: int) -> NDArray[np.int64]:
    """Add `amount` along a saturating axis (last cell = quota reached)."""
    if amount == 0:
        return table
    cap = table.shape[axis] - 1
    out = np.zeros_like(table)
    head = [slice(None)] * table.ndim
    tail = [slice(None)] * table.ndim
    if amount < cap:
        head[axis], tail[axis] = slice(amount, cap), slice(0, cap - amount)
        out[tuple(head)] = table[tuple(tail)]
    last = [slice(None)] * table.ndim
    last[axis] = slice(cap, cap + 1)
    tail[axis] = slice(max(cap - amount, 0), cap + 1)
    out[tuple(last)] = table[tuple(tail)].sum(axis=axis, keepdims=True)
    return out


def _contribution(game: VotingGame, names: list[str], i: int) -> tuple[int, list[int]]:
    veto = int(game.members[i] in game.vetoes)
    return veto, [int(game.column(name)[i]) for name in names]


def _add_shifted(target: NDArray[np.int64], source: NDArray[np.int64], veto: int,
                 weights: list[int], sign: int) -> None:
    """target += sign * (source with one member added): shift the veto and weight axes
    (axes 0 and 1.. of a one-size slice); in place."""
    if veto:
        target, source = target[1:], source[:-1]
    if len(weights) == 1 and weights[0] > 0:
        amount, cap = weights[0], target.shape[-1] - 1
        if amount < cap:
            _accumulate(target[..., amount:cap], source[..., :cap - amount], sign)
        _accumulate(target[..., cap], source[..., max(cap - amount, 0):].sum(axis=-1), sign)
        return
    for k, amount in enumerate(weights):
        source = _shift(source, 1 + k, amount)
    _accumulate(target, source, sign)


def _divide_out(full: NDArray[np.int64], below: NDArray[np.int64], target: NDArray[np.int64],
                veto: int, weights: list[int]) -> None:
    """target = full - (below with the member added): one step of dividing the member's factor
    out of the product, in one pass over the table (the recurrence of the module docstring)."""
    if len(weights) != 1:
        target[...] = full
        _add_shifted(target, below, veto, weights, -1)
        return
    if veto:
        target[0] = full[0]
        full, below, target = full[1:], below[:-1], target[1:]
    amount, cap = weights[0], full.shape[-1] - 1
    if amount == 0:
        np.subtract(full, below, out=target)
        return
    cut = min(amount, cap)
    target[..., :cut] = full[..., :cut]
    if amount < cap:
        np.subtract(full[..., amount:cap], below[..., :cap - amount], out=target[..., amount:cap])
    target[..., cap] = full[..., cap] - below[..., max(cap - amount, 0):].sum(axis=-1)


def _accumulate(target: NDArray[np.int64], source: NDArray[np.int64], sign: int) -> None:
    if sign > 0:
        np.add(target, source, out=target)
    else:
        np.subtract(target, source, out=target)


def _swings_by_size(game: VotingGame, names: list[str], others: NDArray[np.int64],
                    veto: int, weights: list[int]) -> NDArray[np.int64]:
    """Per size s, the coalitions S of the others that member i swings (S loses, S + i wins).

    Along a weight axis, whether S or S + i meets a quota a only changes at the cells a - w and
    a, so the table is first summed over the runs between those cells (``reduceat``) and the
    winning test is made once per run, at its first cell."""
    table, starts = others, []
    for k, amount in enumerate(weights):
        cap = others.shape[2 + k] - 1
        cuts = {0}
        for quota in game.quotas:
            if quota.weight == names[k]:
                cuts |= {min(max(quota.amount - amount, 0), cap), min(quota.amount, cap)}
        run = np.array(sorted(cuts))
        bounds = [*run.tolist(), cap + 1]
        sums = [_sum_run(table, 2 + k, lo, hi)
                for lo, hi in zip(bounds[1:-1], bounds[2:], strict=True)]
        if len(weights) == 1:  # the first, longest run from the coalitions' count
            first = _counts(game, veto, table.shape[:2]) - sum(sums, np.int64(0))
        else:
            first = _sum_run(table, 2 + k, bounds[0], bounds[1])
        table = np.stack([first, *sums], axis=2 + k)
        starts.append(run)
    shape = table.shape
    flat = [1] * len(starts)
    cells = [np.arange(shape[0]).reshape(-1, 1, *flat), np.arange(shape[1]).reshape(1, -1, *flat)]
    for k, run in enumerate(starts):
        cells.append(run.reshape([1, 1, *(len(run) if j == k else 1 for j in range(len(starts)))]))
    joined = [cells[0] + 1, cells[1] + veto,
              *(np.minimum(cells[2 + k] + amount, others.shape[2 + k] - 1)
                for k, amount in enumerate(weights))]
    pivotal = np.broadcast_to(_wins_at(game, names, joined) & ~_wins_at(game, names, cells),
                              shape)
    return np.asarray(np.sum(table, axis=tuple(range(1, len(shape))), where=pivotal,
                             dtype=np.int64))


def _counts(game: VotingGame, veto: int, shape: tuple[int, ...]) -> NDArray[np.int64]:
    """Coalitions of the other members by size and number of veto holders: C(m, s - v) C(k, v)
    with k veto holders and m other members among them."""
    vetoes = len(game.vetoes) - veto
    plain = game.n - 1 - vetoes
    table = np.zeros(shape, dtype=np.int64)
    for size in range(shape[0]):
        for held in range(min(size, vetoes) + 1):
            if size - held <= plain:
                table[size, held] = math.comb(plain, size - held) * math.comb(vetoes, held)
    return table


def _sum_run(table: NDArray[np.int64], axis: int, low: int, high: int) -> NDArray[np.int64]:
    index: list[slice] = [slice(None)] * table.ndim
    index[axis] = slice(low, high)
    return np.asarray(table[tuple(index)].sum(axis=axis, dtype=np.int64))


def _wins_at(game: VotingGame, names: list[str], grids: list[Any]) -> NDArray[np.bool_]:
    """Whether a coalition with the given (size, vetoes held, weight cells...) wins."""
    size, vetoes = grids[0], grids[1]
    met: Any = np.bool_(True)
    for quota in game.quotas:
        if quota.weight == MEMBERS:
            met = met & (size >= quota.amount)
        else:
            met = met & (grids[2 + names.index(quota.weight)] >= quota.amount)
    if game.blocking_minority is not None:
        met = met | (game.n - size < game.blocking_minority)
    return np.asarray(met & (vetoes == len(game.vetoes)))


def exact_power(game: VotingGame) -> Power:
    """Exact indices by generating functions (see the module docstring)."""
    names, caps = _axes(game)
    n = game.n
    shape = (n + 1, len(game.vetoes) + 1, *(c + 1 for c in caps))
    dtype = np.int32 if n <= 30 else np.int64  # C(30, 15) < 2**31
    full = np.zeros(shape, dtype=dtype)
    full[(0,) * len(shape)] = 1
    for i in range(n):
        veto, weights = _contribution(game, names, i)
        for s in range(i + 1, 0, -1):
            _add_shifted(full[s], full[s - 1], veto, weights, +1)
    ss, swings = [], []
    others = np.empty((n, *shape[1:]), dtype=dtype)
    for i in range(n):
        veto, weights = _contribution(game, names, i)
        others[0] = full[0]
        for s in range(1, n):
            _divide_out(full[s], others[s - 1], others[s], veto, weights)
        per_size = _swings_by_size(game, names, others, veto, weights)
        swings.append(int(per_size.sum()))
        ss.append(sum(int(c) / (n * math.comb(n - 1, s)) for s, c in enumerate(per_size)))
    return _result(game, ss, swings, "exact", {"cells": int(np.prod(shape))})


def _result(game: VotingGame, ss: list[float], swings: list[int], method: str,
            parameters: dict[str, Any]) -> Power:
    total = sum(swings)
    half = 2 ** (game.n - 1)
    return Power(game.describe(), game.members, tuple(ss),
                 tuple(s / total if total else 0.0 for s in swings),
                 tuple(s / half for s in swings), tuple(swings), method,
                 parameters={"method": method, **parameters})


# --- Monte Carlo ----------------------------------------------------------------------------

def sampled_power(game: VotingGame, samples: int, rng: np.random.Generator,
                  seed: int | None = None) -> Power:
    """Indices estimated from `samples` random orderings and coalitions (see module docstring)."""
    n = game.n
    orders = rng.permuted(np.tile(np.arange(n), (samples, 1)), axis=1)
    prefixes = _prefix_wins(game, orders)
    first = prefixes.argmax(axis=1)  # the grand coalition wins in a sensible game
    found = prefixes[np.arange(samples), first]
    pivots = orders[np.arange(samples), first][found]
    ss = np.bincount(pivots, minlength=n) / samples
    draws = rng.random((samples, n)) < 0.5
    absolute = np.empty(n)
    for i in range(n):
        with_i, without_i = draws.copy(), draws.copy()
        with_i[:, i], without_i[:, i] = True, False
        absolute[i] = np.mean(game.wins(with_i) & ~game.wins(without_i))
    total = absolute.sum()
    bound = math.sqrt(math.log(2 * 2 * n / CONFIDENCE_DELTA) / (2 * samples))
    return Power(game.describe(), game.members, tuple(ss.tolist()),
                 tuple((absolute / total if total else absolute).tolist()),
                 tuple(absolute.tolist()), None, "monte-carlo", bound,
                 {"method": "monte-carlo", "samples": samples, "seed": seed,
                  "delta": CONFIDENCE_DELTA})


def _prefix_wins(game: VotingGame, orders: NDArray[np.int64]) -> NDArray[np.bool_]:
    """(samples, n): whether the first k + 1 members of each ordering form a winning coalition."""
    n = game.n
    size = np.arange(1, n + 1)[None, :]
    met = np.ones(orders.shape, dtype=bool)
    for quota in game.quotas:
        if quota.weight == MEMBERS:
            met &= size >= quota.amount
        else:
            met &= np.cumsum(game.column(quota.weight)[orders], axis=1) >= quota.amount
    if game.blocking_minority is not None:
        met |= n - size < game.blocking_minority
    if game.vetoes:
        is_veto = np.array([m in game.vetoes for m in game.members])
        met &= np.cumsum(is_veto[orders], axis=1) == len(game.vetoes)
    return met
