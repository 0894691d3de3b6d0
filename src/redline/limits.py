"""Every budget and tolerance of redline, named once.

A budget bounds the work a small input can ask for (a 547-byte YAML alias bomb, 30 parties over
one yes/no issue, a rule of 1,000 nested ``not``); it is checked *before* the work starts, and
going past it is a :class:`redline.errors.RedlineError` that names the limit and how to raise it.

The budgets of a scenario document live in one frozen :class:`Limits`. The active one is held
in a context variable so that the command line can raise them for one command
(``redline --limit parties=80 analyze big.yaml``) without threading a parameter through every
layer; library callers use :func:`raised` the same way::

    with raised(parties=80):
        scenario = redline.load("big.yaml")

Tolerances (``TOLERANCE``) are the rounding allowances the numeric code shares.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace

# --- tolerances --------------------------------------------------------------------------------

TOLERANCE = 1e-12
"""Rounding allowance of utilities and scores: values this close count as equal."""

# --- enumeration budgets (each command also takes a flag) --------------------------------------

MAX_OUTCOMES = 5_000_000
"""Outcomes (packages) one analysis may enumerate; ``--max-outcomes`` raises it."""

MAX_AGENDAS = 4096
"""Agendas one agenda analysis may analyse; ``--max-agendas`` raises it."""

MAX_AGENDA_WORK = MAX_OUTCOMES
"""Outcomes one agenda analysis may analyse over all its agendas together (as many as one
analysis may list); the agendas left when it is spent are counted, not analysed (narrow the
pool of issues with --issues)."""

MAX_MEDIATION = 20_000_000
"""Cells of the tables a mediator builds before its first proposal: every text times every move
in its reach (``redline.negotiate.domain.Domain.neighbours``), and for the Nash mediator that
again times the issues (it compares every move with its target issue by issue). Two parties on
20 yes/no issues make 2^20 x 210 = 220 million cells (1.7 GB, minutes); ``--max-mediation``
raises it."""

MAX_TOURNAMENT_TURNS = 250_000
"""Turns a tournament may play, counted before it starts: strategy profiles played x chunks of
sessions x rounds x parties (the sessions of a chunk move together, so a chunk's turn is one
step of Python whatever its size). A turn costs tens of microseconds, more under a vote: 256
sampled profiles of the 27 EU members over 100 rounds are 691,200 turns (about a minute);
``--max-turns`` raises it."""

MAX_THRESHOLD_WORK = 20_000_000
"""Packages x settings one break-even computation may weigh, counted before it starts: each
weight's break-even value probes the Nash package at every cut of its envelope (tens of
passes over the packages the other parties accept). Measured: 2^20 packages x 42 settings
(two parties, 20 yes/no issues) take 17 CPU-s, so the limit is a few CPU-seconds.
``redline thresholds --max-work`` raises it; the report leaves the section out with this
message."""

MAX_EXPLAIN_WORK = 5_000_000_000
"""Constraint checks one explanation may make: it analyses the agenda once for every red line
and party (what binds, how much headroom), each analysis checking every outcome against every
constraint, so the work grows with outcomes x constraints^2 (2,000 red lines on 12 issues:
1.8 x 10^10 checks, 18 CPU-s). ``--max-work`` raises it."""

MAX_PARTIAL_AGENDAS = 256
"""Agendas one search for partial agreements may analyse (redline.space.partial: only agendas
that differ in which agenda-refusing issues they leave off, largest first; the others are
dominated); ``redline coalitions --max-partial-agendas`` raises it."""

MAX_PROFILES = 4096
"""Seatings of strategies on parties one tournament plays in full (strategies ** parties);
beyond, it plays a seeded sample of SAMPLED_PROFILES (redline.negotiate.tournament)."""

# --- numbers in a scenario ----------------------------------------------------------------------

MAX_WEIGHT = 1e6
"""Largest issue weight. Weights are normalised to sum 1, so only ratios matter; the bound
keeps every sum of weights finite (two weights of 1e308 would add up to infinity)."""

MAX_POWER = 1e6
"""Largest actor power (capability); forecast models multiply powers, so they must stay finite."""

# --- the rule language --------------------------------------------------------------------------

MAX_RULE_LENGTH = 4000
"""Characters of one red-line rule."""

MAX_RULE_DEPTH = 64
"""Nesting of one rule: parentheses, ``not`` and ``implies`` each open a level."""


@dataclass(frozen=True)
class Limits:
    """The budgets of one scenario document, checked before any work (see the module docstring).

    Each field's name (with ``_`` written ``-``) is what ``redline --limit NAME=N`` raises.
    """

    document_bytes: int = 5_000_000
    """Size of a scenario file (or request body) in bytes."""
    nesting: int = 64
    """Depth of nested mappings and lists in the document."""
    nodes: int = 1_000_000
    """Values in the document after YAML aliases are expanded (the alias-bomb guard)."""
    list_items: int = 100_000
    """Entries of any one list or mapping."""
    actors: int = 1_000
    """Actors in the scenario."""
    parties: int = 64
    """Actors with role ``party`` (each adds a dimension to every utility table)."""
    issues: int = 2_000
    """Issues in the scenario."""
    options: int = 10_000
    """Options of one issue."""
    red_lines: int = 2_000
    """Red lines in the scenario."""

    def to_dict(self) -> dict[str, int]:
        """The budgets as JSON, by field name."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


DEFAULT_LIMITS = Limits()

_ACTIVE: contextvars.ContextVar[Limits] = contextvars.ContextVar("redline_limits",
                                                                default=DEFAULT_LIMITS)


def active() -> Limits:
    """The budgets in force (the defaults unless raised with :func:`raised`)."""
    return _ACTIVE.get()


@contextmanager
def raised(**changes: int) -> Iterator[Limits]:
    """Run a block with some budgets changed, e.g. ``raised(parties=80)``."""
    known = {f.name for f in fields(Limits)}
    unknown = sorted(set(changes) - known)
    if unknown:
        raise ValueError(f"unknown limit(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    token = _ACTIVE.set(replace(_ACTIVE.get(), **changes))
    try:
        yield _ACTIVE.get()
    finally:
        _ACTIVE.reset(token)


def use(limits: Limits) -> None:
    """Make `limits` the budgets in force from here on in this context (the command line's
    ``--limit``; library code prefers :func:`raised`)."""
    _ACTIVE.set(limits)


def limit_fix(name: str) -> str:
    """How to raise the budget `name` on the command line (for error messages)."""
    return f"raise it with `redline --limit {name.replace('_', '-')}=N COMMAND ...`"


__all__ = [
    "DEFAULT_LIMITS",
    "MAX_AGENDA_WORK",
    "MAX_AGENDAS",
    "MAX_EXPLAIN_WORK",
    "MAX_THRESHOLD_WORK",
    "MAX_MEDIATION",
    "MAX_OUTCOMES",
    "MAX_PARTIAL_AGENDAS",
    "MAX_POWER",
    "MAX_PROFILES",
    "MAX_RULE_DEPTH",
    "MAX_RULE_LENGTH",
    "MAX_WEIGHT",
    "MAX_TOURNAMENT_TURNS",
    "TOLERANCE",
    "Limits",
    "active",
    "limit_fix",
    "raised",
    "use",
]
