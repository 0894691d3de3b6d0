"""Cross-reference checks of a scenario document, each problem with its path and its fix."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from redline.errors import RuleSyntaxError
from redline.limits import MAX_POWER, MAX_WEIGHT
from redline.scenario.aliases import check_aliases
from redline.scenario.decision import check_rule
from redline.scenario.document import Path
from redline.scenario.model import (
    Document,
    Issue,
    Number,
    Preference,
    Triangular,
    ValueFunction,
    point,
)
from redline.scenario.numeric import MAX_NUMBER, values_of
from redline.scenario.rules import BoundRule, bind, parse_rule

Found = list[tuple[Path, str, str]]  # (path, message, fix)
MIN_STEP = 1e-9  # a numeric issue's grid step: more than 0 (and a grid that stays computable)
MIN_DISCOUNT = 1e-9  # a discount factor per turn: in (0, 1]


def _range(found: Found, path: Path, value: Number, low: float, high: float, what: str) -> None:
    """A number (each of low, mode and high of a distribution) must lie in [low, high]; NaN
    and the infinities lie in no such range, so they are refused with the same message."""
    numbers = [value.low, value.mode, value.high] if isinstance(value, Triangular) else [value]
    for number in numbers:
        if not low <= float(number) <= high:
            found.append((path, f"{what} must lie in [{low:g}, {high:g}], got {number:g}",
                          f"give a number between {low:g} and {high:g}"))
            return


def _excerpt(text: str, width: int = 80) -> str:
    return repr(text) if len(text) <= width else repr(text[:width]) + " ..."


def _unique(found: Found, section: str, ids: Iterable[str]) -> None:
    counts = Counter(ids)
    for index, item in enumerate(ids):
        if counts[item] > 1:
            found.append(((section, index, "id"), f"the id {item!r} is used twice in {section}",
                          "give every entry its own id"))


def _sources(found: Found, path: Path, ref: str | list[str] | None, known: set[str]) -> None:
    refs = [] if ref is None else [ref] if isinstance(ref, str) else ref
    for item in refs:
        if item not in known:
            hint = f"one of {', '.join(sorted(known))}" if known else "an id listed under sources"
            found.append(((*path, "source"), f"unknown source {item!r}", f"use {hint}"))


def _value_function(found: Found, path: Path, table: object, issue: Issue) -> None:
    """A numeric issue's value function: points inside the range, in increasing x, values in
    [0, 1]; and no value function on an issue of options."""
    if issue.range is None:
        found.append((path, f"issue {issue.id!r} has options, not a range: a value function "
                       "(points or linear) needs a numeric issue",
                       "give one value per option, or give the issue a range"))
        return
    if not isinstance(table, ValueFunction):
        found.append((path, f"issue {issue.id!r} is numeric: its values are a function, not "
                      "one value per option",
                      "write points: [[x, value], ...] or linear: [value at low, value at high]"))
        return
    low, high = issue.range
    if table.linear is not None:
        for k, value in enumerate(table.linear):
            _range(found, (*path, "linear", k), value, 0.0, 1.0, "a value")
        return
    points = table.points or []
    if not points:
        found.append(((*path, "points"), "no points", "give at least one [x, value] pair"))
    for k, (x, value) in enumerate(points):
        _range(found, (*path, "points", k, 0), x, low, high, "x (inside the issue's range)")
        if k and x <= points[k - 1][0]:
            found.append(((*path, "points", k), f"x = {x:g} does not come after "
                          f"{points[k - 1][0]:g}", "list the points in increasing x, each once"))
        _range(found, (*path, "points", k, 1), value, 0.0, 1.0, "a value")


def _numeric_ranges(found: Found, path: Path, issue: Issue) -> None:
    """A numeric issue's range ends, step and marks: finite, and each where it fits."""
    assert issue.range is not None
    for k, end in enumerate(issue.range):
        _range(found, (*path, "range", k), end, -MAX_NUMBER, MAX_NUMBER, "a range end")
    low, high = issue.range
    span = high - low if high > low else MAX_NUMBER
    if issue.step is not None:
        _range(found, (*path, "step"), issue.step, MIN_STEP, span,
               "a step (more than 0, at most the range's width)")
    for k, mark in enumerate(issue.marks):
        _range(found, (*path, "marks", k), mark, low, high, "a mark (inside the range)")


def check(doc: Document) -> tuple[Found, dict[str, BoundRule]]:
    """Every cross-reference problem in `doc`, and the red-line rules bound to its issues:
    unique ids, actors and sources, issues, parties, preferences, red lines, influence, events
    and the decision rule, in that order."""
    found: Found = []
    for key, ids in (("actors", [a.id for a in doc.actors]), ("issues", [i.id for i in doc.issues]),
                     ("red_lines", [r.id for r in doc.red_lines]),
                     ("sources", [s.id for s in doc.sources]),
                     ("events", [e.id for e in doc.events])):
        _unique(found, key, ids)
    _check_actors(found, doc)
    _check_issues(found, doc)
    found.extend(check_aliases(doc))
    _check_parties(found, doc)
    for who, pref in doc.preferences.items():
        _check_preferences(found, doc, who, pref)
    bound = _check_red_lines(found, doc)
    _check_influence(found, doc)
    _check_events(found, doc)
    found += check_rule(doc, {s.id for s in doc.sources})
    return found, bound


def _known(found: Found, where: Path, what: str, name: str, known: Iterable[str]) -> bool:
    """False (and a problem noted) when `name` is not one of the `known` ids of `what`."""
    ids = list(known)
    if name in ids:
        return True
    found.append((where, f"unknown {what} {name!r}", f"use one of {', '.join(ids)}"))
    return False


def _check_actors(found: Found, doc: Document) -> None:
    """Each actor's power, and the sources and the actors they name."""
    sources = {s.id for s in doc.sources}
    for index, actor in enumerate(doc.actors):
        _range(found, ("actors", index, "power"), actor.power, 0.0, MAX_POWER, "power")
        if point(actor.power) <= 0:
            found.append((("actors", index, "power"), "power must be positive",
                          "give a capability > 0 (1 is the default)"))
        _sources(found, ("actors", index), actor.source, sources)
    for index, source in enumerate(doc.sources):
        if source.actor is not None:
            _known(found, ("sources", index, "actor"), "actor", source.actor,
                   (a.id for a in doc.actors))


def _check_issues(found: Found, doc: Document) -> None:
    """Each issue's options, numeric range and status quo."""
    sources = {s.id for s in doc.sources}
    for index, issue in enumerate(doc.issues):
        for label, count in Counter(issue.options).items():
            if count > 1:
                found.append((("issues", index, "options"), f"option {label!r} is listed twice",
                              "give each option once"))
        if issue.range is None and (issue.integer or issue.step is not None or issue.marks
                                    or issue.unit is not None):
            found.append((("issues", index), "integer, step, unit and marks belong to a numeric "
                          "issue, and this one has no range", "give range: [low, high] or "
                          "drop them"))
        if issue.range is not None:
            _numeric_ranges(found, ("issues", index), issue)
        if issue.status_quo is not None and issue.status_quo not in issue.options:
            found.append((("issues", index, "status_quo"),
                          f"status quo {issue.status_quo!r} is not one of the options",
                          f"use one of {', '.join(repr(o) for o in issue.options)}"))
        _sources(found, ("issues", index), issue.source, sources)


def _check_parties(found: Found, doc: Document) -> None:
    """At least one party, and preferences for every party."""
    if not any(a.role == "party" for a in doc.actors):
        found.append((("actors",), "no actor has role 'party'",
                      "give the negotiating sides role: party"))
    for actor in doc.actors:
        if actor.role == "party" and actor.id not in doc.preferences:
            found.append((("preferences",), f"party {actor.id!r} has no preferences",
                          f"add preferences.{actor.id} with weights, values and reservation"))


def _check_preferences(found: Found, doc: Document, who: str, pref: Preference) -> None:
    """One actor's weights, values (per issue), reservation, discount and source."""
    base: Path = ("preferences", who)
    issues = {i.id: i for i in doc.issues}
    _known(found, base, "actor", who, (a.id for a in doc.actors))
    for issue_id, weight in pref.weights.items():
        _known(found, (*base, "weights", issue_id), "issue", issue_id, issues)
        _range(found, (*base, "weights", issue_id), weight, 0.0, MAX_WEIGHT, "a weight")
    if pref.weights and sum(point(w) for w in pref.weights.values()) <= 0:
        found.append(((*base, "weights"), "the weights add up to 0",
                      "give at least one issue a positive weight"))
    if not pref.weights:
        found.append(((*base, "weights"), "no weights given",
                      "give each issue the actor cares about a weight >= 0"))
    for issue_id, table in pref.values.items():
        path = (*base, "values", issue_id)
        if _known(found, path, "issue", issue_id, issues):
            _check_values(found, path, table, issues[issue_id])
    for issue_id, weight in pref.weights.items():
        if issue_id in issues and point(weight) > 0 and issue_id not in pref.values:
            found.append(((*base, "values"), f"issue {issue_id!r} has a weight but no values",
                          f"add values.{issue_id} (one number in [0, 1] per option, or "
                          "points: [[x, value], ...] for a numeric issue)"))
    _range(found, (*base, "reservation"), pref.reservation, 0.0, 1.0, "the reservation")
    if pref.discount is not None:
        _range(found, (*base, "discount"), pref.discount, MIN_DISCOUNT, 1.0,
               "a discount factor (more than 0, at most 1)")
    _sources(found, base, pref.source, {s.id for s in doc.sources})


def _check_values(found: Found, path: Path,
                  table: ValueFunction | dict[str, Number] | list[Number], issue: Issue) -> None:
    """One issue's values for one actor: a value function on a numeric issue, else one value
    in [0, 1] per option (a list in order, or a table by label)."""
    labels = list(issue.options)
    if isinstance(table, ValueFunction) or issue.range is not None:
        _value_function(found, path, table, issue)
        return
    if isinstance(table, list):
        if len(table) != len(labels):
            found.append((path, f"{len(table)} values for {len(labels)} options",
                          f"give one value per option, in order: {', '.join(labels)}"))
        for k, value in enumerate(table):
            _range(found, (*path, k), value, 0.0, 1.0, "a value")
        return
    for label, value in table.items():
        if label not in labels:
            found.append(((*path, label), f"issue {issue.id!r} has no option {label!r}",
                          f"use one of {', '.join(labels)}"))
        _range(found, (*path, label), value, 0.0, 1.0, "a value")
    missing = [label for label in labels if label not in table]
    if missing:
        found.append((path, f"no value for option(s) {', '.join(missing)}",
                      "give a value in [0, 1] to every option"))


def _check_red_lines(found: Found, doc: Document) -> dict[str, BoundRule]:
    """Each red line's actor, credibility, source, refused agenda and rule; the rules that
    parse and bind, by red-line id."""
    issues = [i.id for i in doc.issues]
    options = {i.id: list(i.options) for i in doc.issues}
    sources = {s.id for s in doc.sources}
    bound: dict[str, BoundRule] = {}
    for index, red in enumerate(doc.red_lines):
        base: Path = ("red_lines", index)
        _known(found, (*base, "actor"), "actor", red.actor, (a.id for a in doc.actors))
        _range(found, (*base, "credibility"), red.credibility, 0.0, 1.0, "credibility")
        _sources(found, base, red.source, sources)
        for k, issue_id in enumerate(red.refuses_agenda or ()):
            _known(found, (*base, "refuses_agenda", k), "issue", issue_id, issues)
        if red.rule is None:
            continue
        try:
            tree = parse_rule(red.rule)
        except RuleSyntaxError as exc:
            found.append(((*base, "rule"), f"the rule does not parse: {exc.detail} "
                          f"(character {exc.position + 1} of {_excerpt(red.rule)})",
                          "write e.g. missiles == 'no limits' or "
                          "(nuclear > 'none') implies (sanctions >= 'partial')"))
            continue
        numbers = {i.id: values_of(i.options) for i in doc.issues if i.range is not None}
        rule, problems = bind(red.rule, tree, options, numbers)
        for message in problems:
            found.append(((*base, "rule"), message, "use the ids and labels of the issues"))
        if not problems:
            bound[red.id] = rule
    return bound


def _check_influence(found: Found, doc: Document) -> None:
    """Each influence edge's actors, issue, strength and source."""
    actors = [a.id for a in doc.actors]
    sources = {s.id for s in doc.sources}
    for index, edge in enumerate(doc.influence):
        base: Path = ("influence", index)
        for key, who in (("from", edge.from_), ("to", edge.to)):
            _known(found, (*base, key), "actor", who, actors)
        _known(found, (*base, "issue"), "issue", edge.issue, (i.id for i in doc.issues))
        _range(found, (*base, "strength"), edge.strength, 0.0, 1.0, "strength")
        _sources(found, base, edge.source, sources)


def _check_events(found: Found, doc: Document) -> None:
    """Each pressure event's source and effects (actor, reservation and weight shifts)."""
    actors = [a.id for a in doc.actors]
    issues = [i.id for i in doc.issues]
    sources = {s.id for s in doc.sources}
    for index, event in enumerate(doc.events):
        base: Path = ("events", index)
        _sources(found, base, event.source, sources)
        for k, effect in enumerate(event.effects):
            where = (*base, "effects", k)
            _known(found, (*where, "actor"), "actor", effect.actor, actors)
            if effect.reservation is not None:
                _range(found, (*where, "reservation"), effect.reservation, -1.0, 1.0,
                       "a reservation shift")
            for issue_id, shift in effect.weights.items():
                _known(found, (*where, "weights", issue_id), "issue", issue_id, issues)
                _range(found, (*where, "weights", issue_id), shift, -1.0, 1.0, "a weight shift")
