"""The size of a document, measured before it is built: nesting, values, list lengths, text.

Two measures, both iterative (no recursion, whatever the depth):

- :func:`measure_yaml` reads the YAML event stream, in which an alias is one event, and counts
  what the document *expands to*: an alias adds the size and height of the node it names. A
  547-byte alias bomb (nine lists of nine aliases) expands to 10^9 values and is refused after
  reading 547 bytes, before any Python object is built.
- :func:`measure_data` walks plain data (a dict from JSON or from a caller) the same way.

Both stop at the first budget passed and raise :class:`redline.errors.ScenarioError` naming the
budget (:class:`redline.limits.Limits`) and how to raise it. Text with a lone surrogate (a
half of a UTF-16 pair, which no UTF-8 file can hold and no terminal can print) is refused too.

The *work* a valid scenario asks for is estimated here too, from its sizes alone, before any
table is built: :func:`mediation_cells` (a mediator's tables), :func:`explain_checks` (an
explanation's analyses) and :func:`analysis_checks` (one analysis). Past its budget, the work is
refused with :class:`WorkTooLarge`, which names the estimate, the budget and the fix.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from math import prod
from typing import Any

import yaml

from redline.errors import Problem, RedlineError, ScenarioError
from redline.limits import Limits, limit_fix
from redline.scenario.model import Document

_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class _Tally:
    """Running counts of one measure; `over` raises at the first budget passed."""

    source: str
    limits: Limits
    nodes: int = 0
    lines: list[int] = field(default_factory=list)

    def node(self, count: int = 1, line: int | None = None) -> None:
        self.nodes += count
        if self.nodes > self.limits.nodes:
            self.over("nodes", f"the document expands to more than {self.limits.nodes:,} values"
                      " (YAML aliases count as many times as they are used)", line)

    def depth(self, depth: int, line: int | None = None) -> None:
        if depth > self.limits.nesting:
            self.over("nesting", f"mappings and lists are nested more than "
                      f"{self.limits.nesting} deep", line)

    def items(self, count: int, line: int | None = None) -> None:
        if count > self.limits.list_items:
            self.over("list_items", f"a list or mapping has more than "
                      f"{self.limits.list_items:,} entries", line)

    def text(self, value: str, line: int | None = None) -> None:
        found = _SURROGATE.search(value)
        if found is not None:
            raise ScenarioError(self.source, [Problem(
                "(document)", f"the text {value[:40]!r} holds a lone surrogate "
                f"(\\u{ord(found.group()):04x}), which is not a character",
                "remove the escape or write the character itself", line)])

    def over(self, name: str, message: str, line: int | None) -> None:
        raise ScenarioError(self.source, [Problem(
            "(document)", f"{message}: the limit {name.replace('_', '-')} is "
            f"{getattr(self.limits, name):,}",
            f"make the document smaller, or {limit_fix(name)}", line)])


def measure_yaml(text: str, loader: type[yaml.SafeLoader], source: str, limits: Limits) -> None:
    """Check the budgets of YAML/JSON `text` from its event stream (see the module docstring).

    YAML syntax errors are left to the composer that follows, which reports them with a line.
    """
    tally = _Tally(source, limits)
    # One frame per open collection: [values inside so far, entries, height, anchor, is_map]
    stack: list[list[Any]] = []
    anchors: dict[str, tuple[int, int]] = {}  # anchor -> (values, height) of the node it names

    def leaf(values: int, height: int, anchor: str | None, line: int) -> None:
        tally.node(values, line)
        tally.depth(len(stack) + height, line)
        if anchor is not None:
            anchors[anchor] = (values, height)
        if stack:
            top = stack[-1]
            top[0] += values
            top[1] += 1
            top[2] = max(top[2], height + 1)
            tally.items(top[1] // 2 if top[4] else top[1], line)

    try:
        for event in yaml.parse(text, Loader=loader):
            line = event.start_mark.line + 1 if event.start_mark is not None else 1
            if isinstance(event, yaml.ScalarEvent):
                tally.text(event.value, line)
                leaf(1, 0, event.anchor, line)
            elif isinstance(event, yaml.AliasEvent):
                values, height = anchors.get(event.anchor or "", (1, 0))
                leaf(values, height, None, line)
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                stack.append([0, 0, 0, event.anchor, isinstance(event, yaml.MappingStartEvent)])
                tally.depth(len(stack), line)
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                values, _, height, anchor, _ = stack.pop()
                leaf(values + 1, height, anchor, line)
    except yaml.YAMLError:
        return


def measure_data(data: Any, source: str, limits: Limits) -> None:
    """Check the budgets of plain data (dicts, lists, scalars) without recursion."""
    tally = _Tally(source, limits)
    pending: list[tuple[Any, int]] = [(data, 0)]
    while pending:
        value, depth = pending.pop()
        tally.node()
        tally.depth(depth)
        if isinstance(value, dict):
            tally.items(len(value))
            for key, item in value.items():
                if isinstance(key, str):
                    tally.text(key)
                pending.append((item, depth + 1))
        elif isinstance(value, list | tuple):
            tally.items(len(value))
            pending.extend((item, depth + 1) for item in value)
        elif isinstance(value, str):
            tally.text(value)


def check_counts(doc: Document, source: str, limits: Limits) -> None:
    """Refuse a document with more actors, parties, issues, options or red lines than the
    budgets allow, before any analysis sizes its tables by them."""
    counts = {
        "actors": (len(doc.actors), "actors", "actors"),
        "parties": (sum(a.role == "party" for a in doc.actors), "actors with role 'party'",
                    "actors"),
        "issues": (len(doc.issues), "issues", "issues"),
        "red_lines": (len(doc.red_lines), "red lines", "red_lines"),
    }
    problems = [
        Problem(path, f"{count:,} {what}: more than the limit "
                f"{name.replace('_', '-')} ({getattr(limits, name):,})",
                f"split the scenario, or {limit_fix(name)}")
        for name, (count, what, path) in counts.items() if count > getattr(limits, name)
    ]
    problems += [
        Problem(f"issues[{index}].options",
                f"{len(issue.options):,} options: more than the limit options "
                f"({limits.options:,})", f"group the options, or {limit_fix('options')}")
        for index, issue in enumerate(doc.issues) if len(issue.options) > limits.options
    ]
    if problems:
        raise ScenarioError(source, problems)


# --- the work a scenario asks for ---------------------------------------------------------------


class WorkTooLarge(RedlineError):
    """Work estimated, from the sizes alone, to pass its budget; refused before it starts."""

    def __init__(self, what: str, estimate: int, budget: int, unit: str, fix: str):
        self.what, self.estimate, self.budget, self.unit, self.fix = (what, estimate, budget,
                                                                      unit, fix)
        super().__init__(f"{what} needs about {estimate:,} {unit}, more than the limit of "
                         f"{budget:,}. Fix: {fix}")

    def __reduce__(self) -> tuple[type[WorkTooLarge], tuple[str, int, int, str, str]]:
        return (WorkTooLarge, (self.what, self.estimate, self.budget, self.unit, self.fix))


def cpu_seconds_left() -> float | None:
    """CPU-seconds this process may still use under its kernel limit (``RLIMIT_CPU``, which the
    dashboard sets on each computation's process, or ``ulimit -t``); None without a limit."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not a Unix
        return None
    soft, _ = resource.getrlimit(resource.RLIMIT_CPU)
    if soft == resource.RLIM_INFINITY:
        return None
    return soft - time.process_time()


def refuse_if_late(seconds: float, what: str, fix: str) -> None:
    """Refuse work projected (from a measured sample) to take `seconds` of CPU time when the
    process's CPU limit leaves less than that: a clear :class:`WorkTooLarge` now, rather than
    the kernel's stop at the limit. Without a limit (the command line, usually) nothing is
    refused."""
    left = cpu_seconds_left()
    if left is not None and seconds > left:
        raise WorkTooLarge(what, max(1, round(seconds)), max(0, int(left)),
                           "CPU-seconds (the time left)", fix)


def mediator_moves(sizes: Sequence[int], reach: int) -> int:
    """Moves a mediator can make from one text: change between 1 and `reach` issues (of these
    option counts), each to another of its options. That is the sum over c = 1..reach of the
    elementary symmetric polynomial e_c(size_1 - 1, ..., size_k - 1), by the usual recurrence."""
    e = [1] + [0] * reach  # e[c] over the issues seen so far
    for size in sizes:
        for c in range(reach, 0, -1):
            e[c] += e[c - 1] * (size - 1)
    return sum(e[1:])


def mediation_cells(sizes: Sequence[int], reach: int, nash: bool) -> int:
    """Cells of the tables a mediator builds (see ``redline.limits.MAX_MEDIATION``): texts x
    moves, and for the Nash mediator texts x (moves + 1) x issues (its moves toward the target)."""
    texts, moves = prod(sizes), mediator_moves(sizes, reach)
    return texts * (moves + 1) * max(1, len(sizes)) if nash else texts * moves


def check_mediation(sizes: Sequence[int], reach: int, nash: bool, budget: int) -> None:
    """Refuse a mediated negotiation whose tables would pass `budget` cells."""
    cells = mediation_cells(sizes, reach, nash)
    if cells > budget:
        kind = "the Nash mediator" if nash else "the mediator"
        raise WorkTooLarge(
            f"{kind} on {prod(sizes):,} texts ({len(sizes)} issues, reach {reach})", cells,
            budget, "table cells",
            "narrow the agenda (--agenda), lower --reach, or raise the limit (--max-mediation)")


def analysis_checks(outcomes: int, parties: int, constraints: int) -> int:
    """Checks of one analysis that lists `outcomes`: each outcome against each party's
    utility and reservation and against each red line."""
    return outcomes * (parties + constraints + 1)


def explain_checks(outcomes: int, parties: int, constraints: int, analyses: int) -> int:
    """Checks of an explanation that analyses the agenda `analyses` times
    (``redline.space.explain``: once more for every constraint and party when there is a
    deal, once for every blocking set listed when there is none)."""
    return analyses * analysis_checks(outcomes, parties, constraints)


def check_explain(outcomes: int, parties: int, constraints: int, analyses: int,
                  budget: int) -> None:
    """Refuse an explanation estimated to pass `budget` checks (``MAX_EXPLAIN_WORK``)."""
    checks = explain_checks(outcomes, parties, constraints, analyses)
    if checks > budget:
        raise WorkTooLarge(
            f"explaining {outcomes:,} outcomes under {constraints:,} constraints "
            f"({analyses:,} analyses)", checks, budget, "checks",
            "narrow the agenda (--agenda), lower --max-size, drop red lines you do not need "
            "explained, or raise the limit (--max-work)")


def check_thresholds(outcomes: int, settings: int, budget: int) -> None:
    """Refuse break-even values estimated to weigh more than `budget` packages x settings
    (``MAX_THRESHOLD_WORK``)."""
    work = outcomes * settings
    if work > budget:
        raise WorkTooLarge(
            f"break-even values of {settings:,} settings over {outcomes:,} packages", work,
            budget, "package-settings", "narrow the agenda (--agenda) or raise the limit "
            "(--max-work)")


def tournament_turns(profiles: int, runs: int, chunk_size: int, rounds: int, parties: int) -> int:
    """Turns of a tournament (``redline.limits.MAX_TOURNAMENT_TURNS``): every profile's sessions
    go in chunks of `chunk_size`, a chunk plays up to `rounds` rounds of one turn per party."""
    return profiles * -(-runs // max(1, chunk_size)) * rounds * parties


def check_tournament(profiles: int, runs: int, chunk_size: int, rounds: int, parties: int,
                     budget: int) -> None:
    """Refuse a tournament estimated to pass `budget` turns."""
    turns = tournament_turns(profiles, runs, chunk_size, rounds, parties)
    if turns > budget:
        raise WorkTooLarge(
            f"a tournament of {profiles:,} strategy profiles on {parties} parties over {rounds} "
            "rounds", turns, budget, "turns",
            "name fewer strategies (--strategies), lower --rounds, or raise the limit "
            "(--max-turns)")
