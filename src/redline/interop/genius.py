"""GENIUS XML (the format of the ANAC competitions and of NegMAS): domains and utility profiles.

A *domain* file lists the issues and their values::

    <negotiation_template><utility_space number_of_issues="2">
      <objective index="0" name="party" type="objective" etype="objective">
        <issue index="1" name="food" type="discrete" etype="discrete" vtype="discrete">
          <item index="1" value="chips"/> ...

A *profile* (utility space) repeats the issues with an ``evaluation`` on each item, gives one
``<weight index=... value=...>`` per issue (index = the issue's index), and optionally a
``<discount_factor value=...>`` and a ``<reservation value=...>``. The utility of an outcome is
sum_i w_i * e_i(value) / max_v e_i(v): GENIUS divides each issue's evaluations by their maximum.
This reader follows that rule, so redline values are in [0, 1] with a maximum of 1 per issue.

Integer and real issues (bounds, and per profile an ``<evaluator>``: linear, constant or
triangular, clipped to [0, 1] and *not* rescaled, as GENIUS does) become numeric issues with a
piecewise-linear value function (:mod:`redline.interop.genius_numeric`). What GENIUS tolerates
and XML does not (a bare ``&`` in a value), a ``-inf`` or out-of-range reservation and
out-of-range evaluations are read as documented in ``docs/interop.md``, each with a notice on the
scenario. Red lines, actor roles and sources have no GENIUS counterpart: the writer leaves them
out and says so.
"""

from __future__ import annotations

import dataclasses
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redline.errors import Problem, ScenarioError
from redline.interop.genius_numeric import GeniusError, evaluator_points, issue_bounds
from redline.scenario import Scenario, load

MAX_BYTES = 10_000_000
REAL_GRID_POINTS = 11
"""Grid points of a GENIUS real issue for the enumerating engines (``step`` = range / 10)."""
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]*$")
_BARE_AMPERSAND = re.compile(r"&(?!(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#x[0-9A-Fa-f]+);)")


@dataclass(frozen=True)
class GeniusIssue:
    """An issue of a GENIUS domain: index, name, its items (discrete issues) or bounds (integer
    and real issues), and description."""
    index: str
    name: str
    values: tuple[str, ...]  # discrete issues: the items; numeric issues: ()
    description: str | None = None
    kind: str = "discrete"  # "discrete", "integer" or "real"
    bounds: tuple[float, float] | None = None  # integer and real issues


@dataclass(frozen=True)
class GeniusProfile:
    """One utility profile: weights by issue name, evaluations by issue and value."""

    name: str
    weights: dict[str, float]
    evaluations: dict[str, dict[str, float]]
    reservation: float | None
    discount: float | None
    # integer and real issues: issue name -> value function as points [(x, value), ...]
    functions: dict[str, list[tuple[float, float]]] = field(default_factory=dict)


@dataclass(frozen=True)
class Export:
    """GENIUS XML texts made from a scenario, and what could not be carried over."""

    domain: str
    profiles: dict[str, str]  # actor id -> profile XML
    notices: tuple[str, ...]


# --- reading ---------------------------------------------------------------------------------

def _parse(text: str, origin: str, notices: list[str] | None = None) -> ET.Element:
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise GeniusError(f"{origin}: larger than {MAX_BYTES // 1_000_000} MB; "
                          "GENIUS files are small: check that this is the right file")
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise GeniusError(f"{origin}: has a DOCTYPE or ENTITY declaration; GENIUS files need none "
                          "(remove it)")
    bare = _BARE_AMPERSAND.findall(text)
    if bare:
        # GENIUS's own parser takes '&' literally ("farmer & mun."); XML needs '&amp;'
        text = _BARE_AMPERSAND.sub("&amp;", text)
        if notices is not None:
            notices.append(f"{origin}: {len(bare)} bare '&' read as a literal '&', as GENIUS "
                           "does (XML would write '&amp;')")
    try:
        return ET.fromstring(text)
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise GeniusError(f"{origin}: not well-formed XML ({exc}); fix the file near line {line}"
                          ) from None


def _read(path: str | Path) -> tuple[str, str]:
    file = Path(path)
    if not file.is_file():
        raise GeniusError(f"{file}: no such file; give the GENIUS domain and profile .xml files")
    try:
        return file.read_text(encoding="utf-8"), str(file)
    except UnicodeDecodeError:
        raise GeniusError(f"{file}: not UTF-8 text; is this a GENIUS XML file?") from None


def _utility_space(root: ET.Element, origin: str) -> ET.Element:
    space = root if root.tag == "utility_space" else root.find("utility_space")
    if space is None:
        raise GeniusError(f"{origin}: no <utility_space> element; this is not a GENIUS domain "
                          "or profile")
    return space


def _objective(root: ET.Element, origin: str) -> ET.Element:
    objective = _utility_space(root, origin).find("objective")
    if objective is None:
        raise GeniusError(f"{origin}: <utility_space> has no <objective>; not a GENIUS file")
    return objective


def _issues(objective: ET.Element, origin: str) -> list[GeniusIssue]:
    found: list[GeniusIssue] = []
    for node in objective.iter("issue"):
        name = node.get("name")
        kind = (node.get("type") or node.get("etype") or "discrete").lower()
        if not name:
            raise GeniusError(f"{origin}: an <issue> has no name attribute; give every issue a "
                              "name")
        if kind in ("integer", "real"):
            found.append(GeniusIssue(str(node.get("index", len(found) + 1)), name, (),
                                     node.get("description") or None, kind,
                                     issue_bounds(node, kind, origin)))
            continue
        if kind != "discrete":
            raise GeniusError(f"{origin}: issue {name!r} is of type {kind!r}; redline reads "
                              "discrete, integer and real issues")
        values = tuple(str(item.get("value")) for item in node.findall("item")
                       if item.get("value") is not None)
        if len(values) < 2:
            raise GeniusError(f"{origin}: issue {name!r} has {len(values)} value(s); an issue "
                              "needs at least two <item value=...> entries")
        found.append(GeniusIssue(str(node.get("index", len(found) + 1)), name, values,
                                 node.get("description") or None))
    if not found:
        raise GeniusError(f"{origin}: no <issue> elements; a GENIUS domain lists its issues")
    return found


def _number(node: ET.Element, attribute: str, origin: str, what: str) -> float:
    raw = node.get(attribute)
    try:
        value = float(raw) if raw is not None else float("nan")
    except ValueError:
        value = float("nan")
    if value != value or value in (float("inf"), float("-inf")):
        raise GeniusError(f"{origin}: {what} has {attribute}={raw!r}, not a finite number")
    return value


def read_domain(text: str, origin: str = "<domain>", notices: list[str] | None = None
                ) -> tuple[str | None, list[GeniusIssue]]:
    """The domain's name (if given) and its issues; `notices` collects what was read leniently."""
    objective = _objective(_parse(text, origin, notices), origin)
    return objective.get("name") or None, _issues(objective, origin)


def read_profile(text: str, name: str, origin: str = "<profile>",
                 notices: list[str] | None = None) -> GeniusProfile:
    """A utility profile: per-issue weights and evaluations (value functions of integer and real
    issues), reservation and discount; `notices` collects what was read leniently."""
    root = _parse(text, origin, notices)
    objective = _objective(root, origin)
    issues = _issues(objective, origin)
    by_index = {i.index: i.name for i in issues}
    weights: dict[str, float] = {}
    for node in objective.iter("weight"):
        index = node.get("index")
        if index not in by_index:
            raise GeniusError(f"{origin}: <weight index={index!r}> names no issue; indices are "
                              f"{', '.join(by_index)}")
        weights[by_index[index]] = _number(node, "value", origin, f"the weight of {index}")
    evaluations: dict[str, dict[str, float]] = {}
    functions: dict[str, list[tuple[float, float]]] = {}
    numeric = {i.name: i for i in issues if i.kind != "discrete"}
    for issue_node in objective.iter("issue"):
        issue = str(issue_node.get("name"))
        if issue in numeric:
            functions[issue] = evaluator_points(issue_node, numeric[issue], origin, notices)
            continue
        evaluations[issue] = {
            str(item.get("value")): _number(item, "evaluation", origin,
                                            f"value {item.get('value')!r} of issue {issue!r}")
            for item in issue_node.findall("item") if item.get("evaluation") is not None
        }
    space = _utility_space(root, origin)
    reservation = space.find("reservation")
    discount = space.find("discount_factor")
    return GeniusProfile(
        name, weights, evaluations,
        _reservation(reservation, origin) if reservation is not None else None,
        _number(discount, "value", origin, "<discount_factor>") if discount is not None else None,
        functions)


def _reservation(node: ET.Element, origin: str) -> float:
    """A reservation value; GENIUS writes ``-inf`` for "none" (kept here as -inf)."""
    if (node.get("value") or "").strip().lower() in ("-inf", "-infinity"):
        return -math.inf
    return _number(node, "value", origin, "<reservation>")


def _identifier(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^A-Za-z0-9_\-]+", "_", name.strip())[:60] or "issue"
    if not _IDENTIFIER.match(base):
        base = "_" + base
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}_{n}", n + 1
    taken.add(candidate)
    return candidate


def genius_document(domain_name: str, issues: Sequence[GeniusIssue],
                    profiles: Sequence[GeniusProfile], *, normalise_weights: bool = True,
                    notices: list[str] | None = None) -> dict[str, Any]:
    """A redline/1 document (plain data) from a GENIUS domain and its profiles (one party each).

    `normalise_weights`: False keeps each profile's weights as GENIUS reads them (utilities then
    reach the weights' sum, not 1); True (default) rescales them to sum 1, as redline does."""
    said = notices if notices is not None else []
    issue_ids: dict[str, str] = {}
    taken: set[str] = set()
    for issue in issues:
        issue_ids[issue.name] = _identifier(issue.name, taken)
    actor_ids = {p.name: _identifier(p.name, set()) for p in profiles}
    if len(set(actor_ids.values())) != len(actor_ids):
        raise GeniusError("two profiles get the same actor id; give the profile files different "
                          "names")
    actors = []
    preferences: dict[str, Any] = {}
    for profile in profiles:
        who = actor_ids[profile.name]
        actors.append({"id": who, "name": profile.name, "role": "party"})
        values: dict[str, Any] = {}
        for issue in issues:
            if issue.kind != "discrete":
                points = profile.functions.get(issue.name)
                if points is None:
                    raise GeniusError(f"profile {profile.name!r}: issue {issue.name!r} has no "
                                      "<evaluator>; give it one (linear, for instance)")
                values[issue_ids[issue.name]] = {"points": [list(p) for p in points]}
                continue
            given = profile.evaluations.get(issue.name, {})
            missing = [v for v in issue.values if v not in given]
            if missing:
                raise GeniusError(f"profile {profile.name!r}: issue {issue.name!r} has no "
                                  f"evaluation for {', '.join(map(repr, missing))}; give every "
                                  "item an evaluation")
            negative = [v for v in issue.values if given[v] < 0]
            if negative:
                said.append(f"profile {profile.name!r}: issue {issue.name!r} has negative "
                            f"evaluations for {', '.join(map(repr, negative))}; read as 0 (the "
                            "least a value can be)")
            top = max(given[v] for v in issue.values)
            values[issue_ids[issue.name]] = [max(given[v], 0.0) / top if top > 0 else 0.0
                                             for v in issue.values]
        weights = {issue_ids[i.name]: profile.weights.get(i.name, 0.0) for i in issues}
        if sum(weights.values()) <= 0:
            raise GeniusError(f"profile {profile.name!r}: no positive <weight>; give each issue a "
                              "weight")
        negative = [i for i, w in weights.items() if w < 0]
        if negative:
            raise GeniusError(f"profile {profile.name!r}: negative weight on "
                              f"{', '.join(negative)}; GENIUS weights are >= 0")
        preference: dict[str, Any] = {
            "weights": weights, "values": values,
            "reservation": _reservation_value(profile, sum(weights.values()), normalise_weights,
                                              said)}
        if profile.discount is not None and 0 < profile.discount < 1:
            preference["discount"] = profile.discount
        if not normalise_weights:
            preference["normalise_weights"] = False
        preferences[who] = preference
    return {
        "format": "redline/1",
        "title": domain_name,
        "description": "Imported from GENIUS XML.",
        "actors": actors,
        "issues": [_issue_entry(issue_ids[i.name], i) for i in issues],
        "preferences": preferences,
    }


def _issue_entry(issue_id: str, issue: GeniusIssue) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": issue_id, "name": issue.description or issue.name}
    if issue.bounds is None:
        entry["options"] = list(issue.values)
        return entry
    low, high = issue.bounds
    entry["range"] = [low, high]
    if issue.kind == "integer":
        entry["integer"] = True
    else:
        entry["step"] = (high - low) / (REAL_GRID_POINTS - 1)
    return entry


def _reservation_value(profile: GeniusProfile, top: float, normalise: bool,
                       notices: list[str]) -> float:
    """The reservation as redline reads it: missing or ``-inf`` (GENIUS's "none") is 0, the
    least a utility can be; a value outside [0, 1] is brought to the nearest end; each said."""
    value = profile.reservation
    if value is None:
        return 0.0
    if value == -math.inf:
        notices.append(f"profile {profile.name!r}: reservation -inf (GENIUS's 'no reservation') "
                       "read as 0, the least a utility can be")
        return 0.0
    high = 1.0 if normalise else max(1.0, top)
    if not 0.0 <= value <= high:
        clipped = min(high, max(0.0, value))
        notices.append(f"profile {profile.name!r}: reservation {value:g} lies outside "
                       f"[0, {high:g}]; read as {clipped:g}")
        return clipped
    return value


def party_names(stems: Sequence[str]) -> list[str]:
    """Party names from profile file names, without the prefix they share up to a separator
    (`deal-USA`, `deal-IRN` -> `USA`, `IRN`)."""
    if len(stems) < 2:
        return list(stems)
    shared = stems[0]
    for stem in stems[1:]:
        while not stem.startswith(shared):
            shared = shared[:-1]
    cut = max(shared.rfind(sep) for sep in "-_ ") + 1
    names = [stem[cut:] for stem in stems]
    return names if all(names) and len(set(names)) == len(names) else list(stems)


def load_genius(domain: str | Path, profiles: Sequence[str | Path], *,
                normalise_weights: bool = True) -> Scenario:
    """A Scenario from a GENIUS domain file and its utility profile files (one party each).

    `normalise_weights=False` keeps the weights as GENIUS reads them (see :func:`genius_document`).
    What was read leniently (a bare '&', a -inf or out-of-range reservation, negative
    evaluations) is listed in the scenario's ``notices``."""
    if not profiles:
        raise GeniusError("give the profile files after the domain file (one per party)")
    notices: list[str] = []
    text, origin = _read(domain)
    title, issues = read_domain(text, origin, notices)
    read = []
    for path, party in zip(profiles, party_names([Path(p).stem for p in profiles]), strict=True):
        profile_text, profile_origin = _read(path)
        read.append(read_profile(profile_text, party, profile_origin, notices))
    if not title or title in ("root", "any"):
        title = Path(domain).stem
    document = genius_document(title, issues, read, normalise_weights=normalise_weights,
                               notices=notices)
    try:
        scenario = load(document)
    except ScenarioError as exc:
        raise ScenarioError(origin, [Problem(p.where, p.message, p.fix) for p in exc.problems]
                            ) from None
    return dataclasses.replace(scenario, notices=(*notices, *scenario.notices))
