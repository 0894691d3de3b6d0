"""The negotiation domain: the outcomes on the table and what each party makes of them.

A :class:`Domain` is the numeric form the protocols work on: every outcome of the agenda's issues
(issues off the agenda stay at their status quo), each party's utility of each outcome, its
reservation (the value of no agreement), and which outcomes its own outcome red lines allow.
Outcomes are numbered in mixed radix over the agenda issues (the last issue varies fastest), so
a neighbouring text (one or two issues changed) is a table lookup.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import NDArray

from redline.errors import RedlineError
from redline.limits import MAX_OUTCOMES, TOLERANCE
from redline.scenario import Scenario
from redline.scenario.rules import evaluate
from redline.scenario.situation import Situation, situate


class DomainError(RedlineError):
    """A negotiation that cannot be set up from the given scenario, agenda or tables."""


class DomainTooLarge(DomainError):
    """An agenda with more packages than a negotiation may list (``max_outcomes``)."""


def _frozen(array: NDArray[Any]) -> NDArray[Any]:
    array.setflags(write=False)
    return array


@dataclass(frozen=True)
class Domain:
    """Outcomes, utilities, reservations and red lines of one negotiation.

    ``utilities[p, o]`` is party ``p``'s utility of outcome ``o``; ``allowed[p, o]`` says whether
    ``o`` meets every outcome red line of party ``p``; ``admissible`` adds individual rationality
    (utility at least the reservation): a party never offers or accepts anything else.
    ``refused_by`` lists the parties whose agenda red lines rule the agenda out: they do not sit
    down, and every session ends before it starts.
    """

    parties: tuple[str, ...]
    issues: tuple[str, ...]  # the agenda: issues on the table, in outcome-numbering order
    options: tuple[tuple[str, ...], ...]  # option labels per agenda issue
    grid: NDArray[np.int64]  # (n_outcomes, n_agenda_issues) option index per issue
    utilities: NDArray[np.float64]  # (n_parties, n_outcomes)
    reservations: NDArray[np.float64]  # (n_parties,)
    allowed: NDArray[np.bool_]  # (n_parties, n_outcomes): meets the party's outcome red lines
    status_quo: int  # outcome index of the status quo text
    refused_by: tuple[str, ...] = ()
    mediator: str | None = None
    _neighbours: dict[int, NDArray[np.int64]] = field(default_factory=dict, repr=False,
                                                      compare=False)

    # --- derived views ---------------------------------------------------------------------------
    @property
    def n_outcomes(self) -> int:
        """How many outcomes the agenda spans (rows of the grid)."""
        return int(self.grid.shape[0])

    @property
    def n_parties(self) -> int:
        """How many parties negotiate."""
        return len(self.parties)

    @cached_property
    def admissible(self) -> NDArray[np.bool_]:
        """(n_parties, n_outcomes): allowed by the party's red lines and individually rational."""
        return _frozen(self.allowed & (self.utilities >= self.reservations[:, None] - TOLERANCE))

    @cached_property
    def agreeable(self) -> NDArray[np.bool_]:
        """(n_outcomes,): outcomes every party could accept."""
        return _frozen(np.asarray(self.admissible.all(axis=0)))

    @property
    def obstacle(self) -> str | None:
        """Why no session can even start, as the session's ending: ``refused`` (a party's agenda
        red line rules the agenda out) or ``no-zone`` (some party can accept no outcome at all);
        None when talks can be played."""
        if self.refused_by:
            return "refused"
        if not self.admissible.any(axis=1).all():
            return "no-zone"
        return None

    def party_index(self, party: str) -> int:
        """The position of ``party`` among the parties; :class:`DomainError` naming the parties
        when it is not one."""
        try:
            return self.parties.index(party)
        except ValueError:
            raise DomainError(f"{party!r} is not a party of this negotiation; the parties are "
                              + ", ".join(self.parties)) from None

    def describe(self, outcome: int) -> dict[str, str]:
        """An outcome as {issue: option label} over the agenda."""
        return {issue: self.options[i][int(self.grid[outcome, i])]
                for i, issue in enumerate(self.issues)}

    def neighbours(self, reach: int = 2) -> NDArray[np.int64]:
        """(n_outcomes, n_moves): the texts that change one and up to ``reach`` issues.

        Column ``j`` is the same move for every outcome (issues ``I`` to option offsets ``k``),
        so a row lists the neighbours of one text in a fixed order.
        """
        if reach in self._neighbours:
            return self._neighbours[reach]
        sizes = [len(o) for o in self.options]
        strides = np.ones(len(sizes), dtype=np.int64)
        for i in range(len(sizes) - 2, -1, -1):
            strides[i] = strides[i + 1] * sizes[i + 1]
        columns = []
        for count in range(1, min(reach, len(sizes)) + 1):
            for chosen in itertools.combinations(range(len(sizes)), count):
                for shifts in itertools.product(*(range(1, sizes[i]) for i in chosen)):
                    index = np.zeros(self.n_outcomes, dtype=np.int64)
                    for i in range(len(sizes)):
                        option = self.grid[:, i]
                        if i in chosen:
                            option = (option + shifts[chosen.index(i)]) % sizes[i]
                        index += option * strides[i]
                    columns.append(index)
        table = _frozen(np.stack(columns, axis=1) if columns
                        else np.zeros((self.n_outcomes, 0), dtype=np.int64))
        self._neighbours[reach] = table
        return table

    def to_dict(self) -> dict[str, Any]:
        """The domain as JSON: parties, agenda, number of outcomes, reservations, the status quo,
        who refuses the agenda, and the mediator."""
        return {
            "parties": list(self.parties),
            "agenda": list(self.issues),
            "outcomes": self.n_outcomes,
            "reservations": dict(zip(self.parties, self.reservations.tolist(), strict=True)),
            "status_quo": self.describe(self.status_quo),
            "refused_by": list(self.refused_by),
            "mediator": self.mediator,
        }


def _grid(sizes: Sequence[int]) -> NDArray[np.int64]:
    if not sizes:
        return np.zeros((1, 0), dtype=np.int64)
    mesh = np.meshgrid(*(np.arange(k) for k in sizes), indexing="ij")
    return np.stack([m.ravel() for m in mesh], axis=1).astype(np.int64)


def from_scenario(scenario: Scenario | Situation, agenda: Iterable[str] | None = None,
                  max_outcomes: int = MAX_OUTCOMES) -> Domain:
    """The domain of a situation's parties over its agenda (or of a scenario taken as it is,
    over `agenda`: default every issue); see :mod:`redline.scenario.situation`.

    Issues off the agenda stay at their status quo (they must have one); the mediator's first
    text takes each agenda issue's status quo, or its first option where none is given.
    Outcome red lines are compiled per party; agenda red lines that name an issue on the agenda
    put their party in ``refused_by``. Reservations are the situation's (after pressure).
    """
    current = situate(scenario, None if agenda is None else list(agenda))
    scenario = current.scenario
    all_ids = scenario.issue_ids
    on_table = list(current.agenda)
    parties = scenario.parties
    if len(parties) < 2:
        raise DomainError(f"{scenario.origin}: a negotiation needs two or more actors with role "
                          f"'party', found {len(parties)}. Fix: set role: party on the actors "
                          "who hold a veto")
    missing = [p for p in parties if p not in scenario.utilities]
    if missing:
        raise DomainError(f"{scenario.origin}: party {missing[0]!r} has no preferences. "
                          f"Fix: add preferences.{missing[0]} with weights and values")

    def status_quo_index(issue_id: str) -> int:
        issue = scenario.issue(issue_id)
        return issue.options.index(issue.status_quo) if issue.status_quo else 0

    sizes = [len(scenario.issue(i).options) for i in on_table]
    if math.prod(sizes) > max_outcomes:
        raise DomainTooLarge(f"the agenda has {math.prod(sizes):.3g} packages and a negotiation "
                          f"lists them all; the limit is {max_outcomes:,}. Fix: put fewer issues "
                          "on the table with --agenda, or raise --max-outcomes")
    grid = _grid(sizes)
    n = grid.shape[0]
    counts = scenario.option_counts()
    full: dict[str, NDArray[np.int64]] = {}
    for issue_id in all_ids:
        if issue_id in on_table:
            full[issue_id] = grid[:, on_table.index(issue_id)]
        else:
            full[issue_id] = np.full(n, status_quo_index(issue_id), dtype=np.int64)

    utilities = np.zeros((len(parties), n))
    for p, party in enumerate(parties):
        utility = scenario.utilities[party]
        for issue_id in all_ids:
            utilities[p] += utility.table(issue_id)[full[issue_id]]
    reservations = np.array([scenario.utilities[p].reservation for p in parties], dtype=float)

    allowed = np.ones((len(parties), n), dtype=bool)
    refused = list(dict.fromkeys(actor for actor, _ in current.refused_by))
    for red_line in scenario.red_lines:
        if red_line.actor not in parties or red_line.refuses_agenda is not None:
            continue
        p = parties.index(red_line.actor)
        bound = scenario.rules[red_line.id]
        holds = evaluate(bound, lambda issue, table: table[full[issue]], counts)
        allowed[p] &= np.broadcast_to(holds, (n,))

    status_quo = int(sum(status_quo_index(i) * int(np.prod(sizes[k + 1:], dtype=np.int64))
                         for k, i in enumerate(on_table)))
    mediators = [a.id for a in scenario.actors if a.role == "mediator"]
    return Domain(
        parties=tuple(parties),
        issues=tuple(on_table),
        options=tuple(tuple(scenario.issue(i).options) for i in on_table),
        grid=_frozen(grid),
        utilities=_frozen(utilities),
        reservations=_frozen(reservations),
        allowed=_frozen(allowed),
        status_quo=status_quo,
        refused_by=tuple(refused),
        mediator=mediators[0] if mediators else None,
    )


def from_tables(parties: Sequence[str], weights: NDArray[np.float64],
                values: Sequence[NDArray[np.float64]],
                reservations: Sequence[float] | None = None) -> Domain:
    """A linear-additive domain from numbers: ``weights[p, i]`` and ``values[i][p, option]``.

    Used for synthetic domains (benchmarks, tests); no red lines, status quo is outcome 0.
    """
    weights = np.asarray(weights, dtype=float)
    n_parties, n_issues = weights.shape
    if len(parties) != n_parties or len(values) != n_issues:
        raise DomainError("tables: weights must be (parties, issues) and values one table per "
                          "issue. Fix: check the shapes")
    sizes = [np.asarray(v).shape[1] for v in values]
    grid = _grid(sizes)
    utilities = np.zeros((n_parties, grid.shape[0]))
    for i, table in enumerate(values):
        utilities += weights[:, i:i + 1] * np.asarray(table, dtype=float)[:, grid[:, i]]
    reserve = np.zeros(n_parties) if reservations is None else np.asarray(reservations, float)
    return Domain(
        parties=tuple(parties),
        issues=tuple(f"issue{i}" for i in range(n_issues)),
        options=tuple(tuple(f"v{k}" for k in range(s)) for s in sizes),
        grid=_frozen(grid),
        utilities=_frozen(utilities),
        reservations=_frozen(reserve.copy()),
        allowed=_frozen(np.ones((n_parties, grid.shape[0]), dtype=bool)),
        status_quo=0,
    )


def split(steps: int = 1000, parties: Sequence[str] = ("A", "B")) -> Domain:
    """A finely divisible pie: outcome ``k`` gives ``k/steps`` to the first party, the rest to the
    second (the textbook domain of Rubinstein bargaining); reservations are zero."""
    if steps < 1:
        raise DomainError("split: steps must be at least 1. Fix: pass a positive number")
    share = np.linspace(0.0, 1.0, steps + 1)
    return Domain(
        parties=tuple(parties),
        issues=("share",),
        options=(tuple(f"{x:.6g}" for x in share),),
        grid=_frozen(np.arange(steps + 1, dtype=np.int64)[:, None]),
        utilities=_frozen(np.stack([share, 1.0 - share])),
        reservations=_frozen(np.zeros(2)),
        allowed=_frozen(np.ones((2, steps + 1), dtype=bool)),
        status_quo=0,
    )


def opposed(options_per_issue: Sequence[int], seed: int | np.random.SeedSequence,
            parties: Sequence[str] = ("A", "B")) -> Domain:
    """A random linear-additive bilateral domain with opposed values (what one gains, the other
    loses on every issue) and random weights: the classic synthetic test domain."""
    rng = np.random.default_rng(seed)
    n_issues = len(options_per_issue)
    weights = rng.random((2, n_issues)) + 0.1
    weights /= weights.sum(axis=1, keepdims=True)
    values = []
    for k in options_per_issue:
        ladder = np.sort(rng.random(k))
        ladder = (ladder - ladder[0]) / max(ladder[-1] - ladder[0], TOLERANCE)
        values.append(np.stack([ladder, 1.0 - ladder]))
    return from_tables(parties, weights, values)
