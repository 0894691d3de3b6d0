"""Scoring extracted statements against hand-written expected statements (precision, recall).

An expected statement names an actor, a stance and, where it matters, an issue keyword, an
addressee and a condition keyword. Found and expected statements of one article are paired one
to one, as many pairs as possible:

- level ``stance``: same actor and stance (for ``consult``, talks between two sides, the actor
  may be either side); an expected ``sector`` (union, business, party, ...) must be the found
  one, and an expected actor of ``null`` (a union whose country the text does not give) needs a
  found actor of none; with no expected sector, the found one must be none or ``government``;
- level ``issue``: as ``stance`` and, when the expected issue is given, its keyword appears in
  the found issue (case-insensitive).

Precision = paired / found, recall = paired / expected, summed over articles, also per stance.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redline.errors import RedlineError

LEVELS = ("stance", "issue")
RESOLVED = "resolved"  # actor, stance and issue as scenario ids (an issue None must be None)


class ExpectedError(RedlineError):
    """An expected-statements file that cannot be read."""


@dataclass(frozen=True)
class Counts:
    """Paired, found and expected statements, and the precision and recall they give."""

    paired: int
    found: int
    expected: int

    @property
    def precision(self) -> float:
        """Paired / found (0 when nothing was found)."""
        return self.paired / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        """Paired / expected (0 when nothing was expected)."""
        return self.paired / self.expected if self.expected else 0.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall; between two annotators it is their
        positive specific agreement, the same whichever is read as the reference."""
        total = self.found + self.expected
        return 2 * self.paired / total if total else 0.0

    def to_dict(self) -> dict[str, Any]:
        """The counts with their precision and recall, as JSON."""
        return {"paired": self.paired, "found": self.found, "expected": self.expected,
                "precision": self.precision, "recall": self.recall}


@dataclass(frozen=True)
class Score:
    """Precision and recall of one level over a set of articles, overall and per stance, and the
    expected statements that were missed (article, actor, stance, issue)."""

    level: str
    overall: Counts
    per_stance: dict[str, Counts] = field(default_factory=dict)
    missed: tuple[tuple[str, str | None, str, str | None], ...] = ()
    spurious: tuple[tuple[str, str | None, str, str | None], ...] = ()
    method: str = "maximum one-to-one pairing"
    parameters: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The score as JSON: level, overall and per-stance counts, missed and spurious items."""
        return {"level": self.level, "overall": self.overall.to_dict(),
                "per_stance": {k: v.to_dict() for k, v in self.per_stance.items()},
                "missed": [list(m) for m in self.missed],
                "spurious": [list(s) for s in self.spurious],
                "method": self.method, "parameters": dict(self.parameters)}


def read_expected(path: str | Path) -> dict[str, Any]:
    """An expected-statements file: ``{"date": ISO date, "statements": [{actor, stance, ...}]}``."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ExpectedError(f"{path}: cannot read the expected statements ({exc}); "
                            "write a JSON object with 'date' and 'statements'") from exc
    if not isinstance(data, dict) or not isinstance(data.get("statements"), list):
        raise ExpectedError(f"{path}: expected a JSON object with a 'statements' list")
    for i, item in enumerate(data["statements"]):
        if not isinstance(item, dict) or not item.get("stance") or not (
                item.get("actor") or item.get("sector")):
            raise ExpectedError(f"{path}: statement {i} needs a 'stance' and an 'actor' "
                                "(or a 'sector' for a speaker whose country is not given)")
    return data


def _actor_fits(found: Mapping[str, Any], want: Mapping[str, Any]) -> bool:
    if want.get("sector"):
        if found.get("sector") != want["sector"]:
            return False
    elif found.get("sector") not in (None, "government"):
        return False
    if want["stance"] == "consult":
        sides = {want["actor"], want.get("addressee")}
        return found.get("actor") in sides
    return bool(found.get("actor") == want.get("actor"))


def _fits(found: Mapping[str, Any], want: Mapping[str, Any], level: str) -> bool:
    if found.get("stance") != want["stance"] or not _actor_fits(found, want):
        return False
    if level == RESOLVED:
        return found.get("issue") == want.get("issue")
    if level == "issue" and want.get("issue"):
        return str(want["issue"]).lower() in str(found.get("issue") or "").lower()
    return True


def pair(found: Sequence[Mapping[str, Any]], expected: Sequence[Mapping[str, Any]],
         level: str) -> list[tuple[int, int]]:
    """(found index, expected index) pairs, one to one, as many as possible (a maximum
    bipartite matching by augmenting paths, so the order of the statements does not matter)."""
    if level not in (*LEVELS, RESOLVED):
        raise ValueError(f"unknown level {level!r}")
    fits = [[i for i, item in enumerate(found) if _fits(item, want, level)] for want in expected]
    owner: dict[int, int] = {}  # found index -> expected index

    def augment(j: int, visited: set[int]) -> bool:
        for i in fits[j]:
            if i in visited:
                continue
            visited.add(i)
            if i not in owner or augment(owner[i], visited):
                owner[i] = j
                return True
        return False

    for j in range(len(expected)):
        augment(j, set())
    return sorted(owner.items())


def score(results: Iterable[tuple[str, Sequence[Mapping[str, Any]],
                                  Sequence[Mapping[str, Any]]]], level: str) -> Score:
    """Score (article name, found statements, expected statements) triples at one level."""
    tally: dict[str, list[int]] = {}
    missed: list[tuple[str, str | None, str, str | None]] = []
    spurious: list[tuple[str, str | None, str, str | None]] = []
    names = []
    for name, found, expected in results:
        names.append(name)
        pairs = pair(found, expected, level)
        hit_found = {i for i, _ in pairs}
        hit_expected = {j for _, j in pairs}
        for i, item in enumerate(found):
            row = tally.setdefault(item["stance"], [0, 0, 0])
            row[1] += 1
            row[0] += i in hit_found
            if i not in hit_found:
                spurious.append((name, item.get("actor"), item["stance"], item.get("issue")))
        for j, want in enumerate(expected):
            tally.setdefault(want["stance"], [0, 0, 0])[2] += 1
            if j not in hit_expected:
                missed.append((name, want.get("actor"), want["stance"], want.get("issue")))
    per_stance = {k: Counts(*v) for k, v in sorted(tally.items())}
    overall = Counts(*(sum(v[k] for v in tally.values()) for k in range(3)))
    return Score(level, overall, per_stance, tuple(missed), tuple(spurious),
                 parameters={"articles": names})


def score_articles(folder: str | Path, prefix: str = "",
                   scenario: Any = None) -> dict[str, Score]:
    """Extract every ``<prefix>*.txt`` article in `folder` (dated by the ``date`` of its
    ``.json`` expected statements next to it) and score it at each level."""
    from datetime import date

    from redline.news.extraction import extract_articles
    from redline.news.reading import read_text

    folder = Path(folder)
    names = sorted(p.stem for p in folder.glob(f"{prefix}*.txt"))
    if not names:
        raise ExpectedError(f"{folder}: no {prefix}*.txt articles to score")
    results = []
    for name in names:
        expected = read_expected(folder / f"{name}.json")
        try:
            day = date.fromisoformat(expected["date"]) if expected.get("date") else None
        except (TypeError, ValueError) as exc:
            raise ExpectedError(f"{folder / name}.json: 'date' must be an ISO date") from exc
        articles = read_text((folder / f"{name}.txt").read_text(encoding="utf-8"),
                             f"{name}.txt")
        found = [s.to_dict() for s in extract_articles(articles, scenario, day).statements]
        results.append((name, found, expected["statements"]))
    return {level: score(results, level) for level in LEVELS}


def resolved_positions(statements: Iterable[Any]) -> list[dict[str, Any]]:
    """Statements resolved to a scenario as positions {actor, stance, issue} in its ids; a
    statement whose actor is not one of the scenario's, or that the resolver marks as taking
    no position of its own (`Resolution.position`), is no position in it."""
    out = []
    for s in statements:
        if s.resolved is not None and s.resolved.actor is not None and s.resolved.position:
            out.append({"actor": s.resolved.actor, "stance": s.stance,
                        "issue": s.resolved.issue})
    return out


def distinct_positions(positions: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The positions as the codebook counts them, one per distinct (actor, stance, issue)
    (talks: per pair of sides, as the pairing reads them): a position an older expected file
    wrote twice counts once."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for position in positions:
        key = _position_key(position)
        if key not in seen:
            seen.add(key)
            out.append(dict(position))
    return out


def _position_key(position: Mapping[str, Any]) -> tuple[Any, ...]:
    if position["stance"] == "consult":  # talks: either side may be the actor
        sides = frozenset(x for x in (position.get("actor"), position.get("addressee")) if x)
        return ("consult", sides)
    return (position.get("actor"), position["stance"], position.get("issue"))


def consensus_positions(annotations: Sequence[Sequence[Mapping[str, Any]]],
                        at_least: int) -> list[dict[str, Any]]:
    """The positions of one article that at least `at_least` of the annotators coded: the same
    actor, stance and issue (talks: the same two sides, in either order). Each annotator counts
    once per position, and the positions come in the order they first appear."""
    if not 1 <= at_least <= len(annotations):
        raise ValueError(f"at_least must be between 1 and {len(annotations)}, not {at_least}")
    votes: dict[tuple[Any, ...], int] = {}
    first: dict[tuple[Any, ...], dict[str, Any]] = {}
    for positions in annotations:
        for key in {_position_key(p) for p in positions}:
            votes[key] = votes.get(key, 0) + 1
        for p in positions:
            first.setdefault(_position_key(p), dict(p))
    return [p for key, p in first.items() if votes[key] >= at_least]


def resolved_article(folder: str | Path,
                     name: str) -> tuple[Any, list[Any], list[dict[str, Any]]]:
    """One article of `folder` read with its own scenario: the scenario
    ``resolved/<name>.yaml``, the statements extracted with it from ``<name>.txt`` (dated by
    the ``date`` of ``<name>.json``), and the expected positions of ``resolved/<name>.json``
    (scenario ids)."""
    from datetime import date

    from redline.news.extraction import extract_articles
    from redline.news.reading import read_text
    from redline.scenario import load

    folder = Path(folder)
    text = folder / f"{name}.txt"
    expected = distinct_positions(json.loads((folder / "resolved" / f"{name}.json").read_text(
        encoding="utf-8"))["positions"])
    day = read_expected(text.with_suffix(".json")).get("date")
    articles = read_text(text.read_text(encoding="utf-8"), text.name)
    scenario = load(folder / "resolved" / f"{name}.yaml")
    found = extract_articles(articles, scenario, date.fromisoformat(day) if day else None)
    return scenario, list(found.statements), expected


def score_resolved(folder: str | Path, prefix: str = "") -> Score:
    """Resolved positions against expected ones: each ``<prefix>*.txt`` article in `folder`
    with a scenario ``resolved/<name>.yaml`` and expected positions ``resolved/<name>.json``
    (``{"positions": [{actor, stance, issue, addressee?}]}``, scenario ids)."""
    folder = Path(folder)
    results = []
    for text in sorted(folder.glob(f"{prefix}*.txt")):
        if not (folder / "resolved" / f"{text.stem}.yaml").is_file():
            continue
        _, found, expected = resolved_article(folder, text.stem)
        results.append((text.stem, resolved_positions(found), expected))
    if not results:
        raise ExpectedError(f"{folder}: no {prefix}*.txt article with a resolved/ scenario")
    return score(results, RESOLVED)
