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

Only discrete issues are read (integer and real issues are refused with a clear message). Red lines,
actor roles and sources have no GENIUS counterpart: the writer leaves them out and says so.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redline.errors import Problem, RedlineError, ScenarioError
from redline.scenario import Scenario, load

MAX_BYTES = 10_000_000
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]*$")


class GeniusError(RedlineError):
    """A GENIUS file that cannot be read."""


@dataclass(frozen=True)
class GeniusIssue:
    index: str
    name: str
    values: tuple[str, ...]
    description: str | None = None


@dataclass(frozen=True)
class GeniusProfile:
    """One utility profile: weights by issue name, evaluations by issue and value."""

    name: str
    weights: dict[str, float]
    evaluations: dict[str, dict[str, float]]
    reservation: float | None
    discount: float | None


@dataclass(frozen=True)
class Export:
    """GENIUS XML texts made from a scenario, and what could not be carried over."""

    domain: str
    profiles: dict[str, str]  # actor id -> profile XML
    notices: tuple[str, ...]


# --- reading ---------------------------------------------------------------------------------

def _parse(text: str, origin: str) -> ET.Element:
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise GeniusError(f"{origin}: larger than {MAX_BYTES // 1_000_000} MB; "
                          "GENIUS files are small: check that this is the right file")
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise GeniusError(f"{origin}: has a DOCTYPE or ENTITY declaration; GENIUS files need none "
                          "(remove it)")
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
        kind = node.get("type") or node.get("etype") or "discrete"
        if not name:
            raise GeniusError(f"{origin}: an <issue> has no name attribute; give every issue a "
                              "name")
        if kind != "discrete":
            raise GeniusError(f"{origin}: issue {name!r} is of type {kind!r}; redline reads "
                              "discrete issues only (list its values as <item> elements)")
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


def read_domain(text: str, origin: str = "<domain>") -> tuple[str | None, list[GeniusIssue]]:
    """The domain's name (if given) and its issues."""
    objective = _objective(_parse(text, origin), origin)
    return objective.get("name") or None, _issues(objective, origin)


def read_profile(text: str, name: str, origin: str = "<profile>") -> GeniusProfile:
    """A utility profile: per-issue weights and evaluations, reservation and discount."""
    root = _parse(text, origin)
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
    for issue_node in objective.iter("issue"):
        issue = str(issue_node.get("name"))
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
        _number(reservation, "value", origin, "<reservation>") if reservation is not None else None,
        _number(discount, "value", origin, "<discount_factor>") if discount is not None else None)


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
                    profiles: Sequence[GeniusProfile]) -> dict[str, Any]:
    """A redline/1 document (plain data) from a GENIUS domain and its profiles (one party each)."""
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
        actor: dict[str, Any] = {"id": who, "name": profile.name, "role": "party"}
        if profile.discount is not None and profile.discount != 1.0:
            actor["rationale"] = (f"GENIUS discount factor {profile.discount:g} (time discounting "
                                  "is not part of redline's analysis)")
        actors.append(actor)
        values: dict[str, list[float]] = {}
        for issue in issues:
            given = profile.evaluations.get(issue.name, {})
            missing = [v for v in issue.values if v not in given]
            if missing:
                raise GeniusError(f"profile {profile.name!r}: issue {issue.name!r} has no "
                                  f"evaluation for {', '.join(map(repr, missing))}; give every "
                                  "item an evaluation")
            top = max(given[v] for v in issue.values)
            values[issue_ids[issue.name]] = [given[v] / top if top > 0 else 0.0
                                             for v in issue.values]
        weights = {issue_ids[i.name]: profile.weights.get(i.name, 0.0) for i in issues}
        if sum(weights.values()) <= 0:
            raise GeniusError(f"profile {profile.name!r}: no positive <weight>; give each issue a "
                              "weight")
        preferences[who] = {"weights": weights, "values": values,
                            "reservation": _clip(profile.reservation)}
    return {
        "format": "redline/1",
        "title": domain_name,
        "description": "Imported from GENIUS XML.",
        "actors": actors,
        "issues": [
            {"id": issue_ids[i.name], "name": i.description or i.name, "options": list(i.values)}
            for i in issues
        ],
        "preferences": preferences,
    }


def _clip(reservation: float | None) -> float:
    # GENIUS writes -inf or omits the value for "no reservation": utility 0 is the floor here.
    if reservation is None:
        return 0.0
    return min(1.0, max(0.0, reservation))


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


def load_genius(domain: str | Path, profiles: Sequence[str | Path]) -> Scenario:
    """A Scenario from a GENIUS domain file and its utility profile files (one party each)."""
    if not profiles:
        raise GeniusError("give the profile files after the domain file (one per party)")
    text, origin = _read(domain)
    title, issues = read_domain(text, origin)
    read = []
    for path, party in zip(profiles, party_names([Path(p).stem for p in profiles]), strict=True):
        profile_text, profile_origin = _read(path)
        read.append(read_profile(profile_text, party, profile_origin))
    if not title or title in ("root", "any"):
        title = Path(domain).stem
    document = genius_document(title, issues, read)
    try:
        return load(document)
    except ScenarioError as exc:
        raise ScenarioError(origin, [Problem(p.where, p.message, p.fix) for p in exc.problems]
                            ) from None
