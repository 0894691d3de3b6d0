"""Cross-reference checks of a scenario document, each problem with its path and its fix."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from redline.errors import RuleSyntaxError
from redline.limits import MAX_POWER, MAX_WEIGHT
from redline.scenario.aliases import check_aliases
from redline.scenario.decision import check_rule
from redline.scenario.document import Path
from redline.scenario.model import Document, Issue, Number, Triangular, ValueFunction, point
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
    """Every cross-reference problem in `doc`, and the red-line rules bound to its issues."""
    found: Found = []
    actors = {a.id: a for a in doc.actors}
    issues = {i.id: i for i in doc.issues}
    sources = {s.id for s in doc.sources}
    options = {i.id: list(i.options) for i in doc.issues}
    issue_list = ", ".join(issues)

    _unique(found, "actors", [a.id for a in doc.actors])
    _unique(found, "issues", [i.id for i in doc.issues])
    _unique(found, "red_lines", [r.id for r in doc.red_lines])
    _unique(found, "sources", [s.id for s in doc.sources])
    _unique(found, "events", [e.id for e in doc.events])

    for index, actor in enumerate(doc.actors):
        _range(found, ("actors", index, "power"), actor.power, 0.0, MAX_POWER, "power")
        if point(actor.power) <= 0:
            found.append((("actors", index, "power"), "power must be positive",
                          "give a capability > 0 (1 is the default)"))
        _sources(found, ("actors", index), actor.source, sources)
    for index, source in enumerate(doc.sources):
        if source.actor is not None and source.actor not in actors:
            found.append((("sources", index, "actor"), f"unknown actor {source.actor!r}",
                          f"use one of {', '.join(actors)}"))

    for index, issue in enumerate(doc.issues):
        labels = Counter(issue.options)
        for label, count in labels.items():
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
    found.extend(check_aliases(doc))

    if not any(a.role == "party" for a in doc.actors):
        found.append((("actors",), "no actor has role 'party'",
                      "give the negotiating sides role: party"))
    for actor in doc.actors:
        if actor.role == "party" and actor.id not in doc.preferences:
            found.append((("preferences",), f"party {actor.id!r} has no preferences",
                          f"add preferences.{actor.id} with weights, values and reservation"))

    for who, pref in doc.preferences.items():
        base: Path = ("preferences", who)
        if who not in actors:
            found.append((base, f"preferences for unknown actor {who!r}",
                          f"use one of {', '.join(actors)}"))
        for issue_id, weight in pref.weights.items():
            if issue_id not in issues:
                found.append(((*base, "weights", issue_id), f"unknown issue {issue_id!r}",
                              f"use one of {issue_list}"))
            _range(found, (*base, "weights", issue_id), weight, 0.0, MAX_WEIGHT, "a weight")
        if pref.weights and sum(point(w) for w in pref.weights.values()) <= 0:
            found.append(((*base, "weights"), "the weights add up to 0",
                          "give at least one issue a positive weight"))
        if not pref.weights:
            found.append(((*base, "weights"), "no weights given",
                          "give each issue the actor cares about a weight >= 0"))
        for issue_id, table in pref.values.items():
            path = (*base, "values", issue_id)
            if issue_id not in issues:
                found.append((path, f"unknown issue {issue_id!r}", f"use one of {issue_list}"))
                continue
            labels_ = options[issue_id]
            numeric = issues[issue_id].range is not None
            if isinstance(table, ValueFunction) or numeric:
                _value_function(found, path, table, issues[issue_id])
                continue
            if isinstance(table, list):
                if len(table) != len(labels_):
                    found.append((path, f"{len(table)} values for {len(labels_)} options",
                                  f"give one value per option, in order: {', '.join(labels_)}"))
                for k, value in enumerate(table):
                    _range(found, (*path, k), value, 0.0, 1.0, "a value")
            else:
                for label, value in table.items():
                    if label not in labels_:
                        found.append(((*path, label), f"issue {issue_id!r} has no option {label!r}",
                                      f"use one of {', '.join(labels_)}"))
                    _range(found, (*path, label), value, 0.0, 1.0, "a value")
                missing = [label for label in labels_ if label not in table]
                if missing:
                    found.append((path, f"no value for option(s) {', '.join(missing)}",
                                  "give a value in [0, 1] to every option"))
        for issue_id, weight in pref.weights.items():
            if issue_id in issues and point(weight) > 0 and issue_id not in pref.values:
                found.append(((*base, "values"), f"issue {issue_id!r} has a weight but no values",
                              f"add values.{issue_id} (one number in [0, 1] per option, or "
                              "points: [[x, value], ...] for a numeric issue)"))
        _range(found, (*base, "reservation"), pref.reservation, 0.0, 1.0, "the reservation")
        if pref.discount is not None:
            _range(found, (*base, "discount"), pref.discount, MIN_DISCOUNT, 1.0,
                   "a discount factor (more than 0, at most 1)")
        _sources(found, base, pref.source, sources)

    bound: dict[str, BoundRule] = {}
    for index, red in enumerate(doc.red_lines):
        base = ("red_lines", index)
        if red.actor not in actors:
            found.append(((*base, "actor"), f"unknown actor {red.actor!r}",
                          f"use one of {', '.join(actors)}"))
        _range(found, (*base, "credibility"), red.credibility, 0.0, 1.0, "credibility")
        _sources(found, base, red.source, sources)
        if red.refuses_agenda is not None:
            for k, issue_id in enumerate(red.refuses_agenda):
                if issue_id not in issues:
                    found.append(((*base, "refuses_agenda", k), f"unknown issue {issue_id!r}",
                                  f"use one of {issue_list}"))
        if red.rule is not None:
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

    for index, edge in enumerate(doc.influence):
        base = ("influence", index)
        for key, who in (("from", edge.from_), ("to", edge.to)):
            if who not in actors:
                found.append(((*base, key), f"unknown actor {who!r}",
                              f"use one of {', '.join(actors)}"))
        if edge.issue not in issues:
            found.append(((*base, "issue"), f"unknown issue {edge.issue!r}",
                          f"use one of {issue_list}"))
        _range(found, (*base, "strength"), edge.strength, 0.0, 1.0, "strength")
        _sources(found, base, edge.source, sources)

    for index, event in enumerate(doc.events):
        base = ("events", index)
        _sources(found, base, event.source, sources)
        for k, effect in enumerate(event.effects):
            where = (*base, "effects", k)
            if effect.actor not in actors:
                found.append(((*where, "actor"), f"unknown actor {effect.actor!r}",
                              f"use one of {', '.join(actors)}"))
            if effect.reservation is not None:
                _range(found, (*where, "reservation"), effect.reservation, -1.0, 1.0,
                       "a reservation shift")
            for issue_id, shift in effect.weights.items():
                if issue_id not in issues:
                    found.append(((*where, "weights", issue_id), f"unknown issue {issue_id!r}",
                                  f"use one of {issue_list}"))
                _range(found, (*where, "weights", issue_id), shift, -1.0, 1.0, "a weight shift")
    found += check_rule(doc, sources)
    return found, bound
