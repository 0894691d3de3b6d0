"""Reader for KTAB's XML scenarios of the Spatial Model of Politics (KAPSARC Toolkit for
Behavioral Analysis, MIT licence; layout of its ``smpSchema.xsd``).

Layout: a root ``<Scenario>`` holding ``<name>``, ``<desc>``, ``<prngSeed>`` (optional here),
an optional ``<ModelParameters>`` block naming all nine model switches in KTAB's words
(``<VictoryProbModel>Linear</VictoryProbModel>``, ``<VotingRule>Prop</VotingRule>``,
``<PCEModel>``, ``<StateTransitions>``, ``<BigRRange>``, ``<BigRAdjust>``,
``<ThirdPartyCommit>``, ``<InterVecBrgn>``, ``<BargnModel>``), ``<Dimensions>`` with one
``<dName>`` per dimension, and ``<Actors>``, each ``<Actor>`` with ``<name>``,
``<description>``, ``<capability>`` (> 0), ``<Position>`` with one ``<dCoord>`` per dimension
(0–100) and ``<Salience>`` with one ``<dSal>`` per dimension (0–100, at most 100 in all).
``<IdealAdjustment>`` (KTAB's accommodation of ideals toward other actors' positions) is not
modelled by redline's SMP: a file that sets any off-diagonal adjustment is refused rather than
run with it silently dropped.

The parser is the standard library's; documents with a DOCTYPE (entities) are refused.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np

from redline.forecast.smp_rules import CHOICES, KTAB_NAMES, Switches
from redline.forecast.space import SCALE, ForecastInputError, IssueSpace, source_text


class KtabXmlError(ForecastInputError):
    """An XML file that does not follow KTAB's SMP scenario layout."""


@dataclass(frozen=True)
class KtabScenario:
    """A KTAB XML scenario: the issue space, the model switches it names (our names and
    settings, all nine when the file has ``<ModelParameters>``, else none) and its seed."""

    space: IssueSpace
    switches: Mapping[str, str]
    seed: int | None
    name: str
    description: str

    def smp_parameters(self) -> dict[str, Any]:
        """Keyword arguments for :func:`redline.forecast.smp` (the seed where given)."""
        params: dict[str, Any] = dict(self.switches)
        if self.seed is not None:
            params["seed"] = self.seed % 2**32
        return params


def _text(parent: ET.Element, tag: str, where: str, name: str, required: bool = True) -> str:
    child = parent.find(tag)
    if child is None or child.text is None or not child.text.strip():
        if not required:
            return ""
        raise KtabXmlError(f"{name} ({where}): no <{tag}>. Fix: add <{tag}>…</{tag}>")
    return child.text.strip()


def _number(text: str, where: str, name: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise KtabXmlError(f"{name} ({where}): {text!r} is not a number. Fix: write a "
                           "number") from None
    if not math.isfinite(value):
        raise KtabXmlError(f"{name} ({where}): {text!r} is not a finite number")
    return value


def _switches(root: ET.Element, name: str) -> dict[str, str]:
    block = root.find("ModelParameters")
    if block is None:
        return {}
    found = {}
    for ours, (element, ktab) in KTAB_NAMES.items():
        value = _text(block, element, "ModelParameters", name)
        if value not in ktab:
            raise KtabXmlError(f"{name} (ModelParameters/{element}): {value!r} is not one of "
                               f"{', '.join(ktab)}. Fix: use one of those (KTAB's names)")
        found[ours] = CHOICES[ours][ktab.index(value)]
    Switches(**found)  # type: ignore[arg-type]  # every name was checked above
    return found


def _vector(actor: ET.Element, block: str, tag: str, where: str, name: str,
            dims: int) -> list[float]:
    holder = actor.find(block)
    if holder is None:
        raise KtabXmlError(f"{name} ({where}): no <{block}>. Fix: add <{block}> with one "
                           f"<{tag}> per dimension")
    values = [_number((e.text or "").strip(), f"{where}/{block}", name)
              for e in holder.findall(tag)]
    if len(values) != dims:
        raise KtabXmlError(f"{name} ({where}/{block}): {len(values)} <{tag}> for {dims} "
                           f"dimensions. Fix: give one <{tag}> per <dName>")
    bad = [v for v in values if not 0 <= v <= SCALE]
    if bad:
        raise KtabXmlError(f"{name} ({where}/{block}): {bad[0]:g} is outside 0–{SCALE:g}. "
                           "Fix: KTAB scales run from 0 to 100")
    return values


def _check_ideals(root: ET.Element, actors: list[str], name: str) -> None:
    block = root.find("IdealAdjustment")
    if block is None:
        return
    for pair in block.findall("iaPair"):
        who = _text(pair, "adjustingIdeal", "IdealAdjustment/iaPair", name)
        toward = _text(pair, "referencePos", "IdealAdjustment/iaPair", name)
        size = _number(_text(pair, "adjust", "IdealAdjustment/iaPair", name),
                       "IdealAdjustment/iaPair/adjust", name)
        for actor in (who, toward):
            if actor not in actors:
                raise KtabXmlError(f"{name} (IdealAdjustment): no actor {actor!r}. Fix: name "
                                   "an actor of <Actors>")
        if size != (1.0 if who == toward else 0.0):
            raise KtabXmlError(f"{name} (IdealAdjustment): {who} adjusts toward {toward} by "
                               f"{size:g}; redline's SMP keeps each actor's ideal at its "
                               "position. Fix: remove <IdealAdjustment> to run without it")


def read_ktab_xml(source: str | Path, *, text: str | None = None) -> KtabScenario:
    """Read a KTAB SMP XML scenario (saliences scaled to [0, 1])."""
    name = str(source)
    text = source_text(source, text, KtabXmlError)
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise KtabXmlError(f"{name}: DOCTYPE and entity declarations are not accepted. Fix: "
                           "remove them (KTAB scenarios have none)")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        line, column = exc.position
        raise KtabXmlError(f"{name} (line {line}, column {column + 1}): not well-formed XML "
                           f"({exc}). Fix: close every element and quote every attribute"
                           ) from None
    if root.tag != "Scenario":
        raise KtabXmlError(f"{name}: the root element is <{root.tag}>, not <Scenario>. Fix: "
                           "pass a KTAB SMP scenario")
    dims_el = root.find("Dimensions")
    dims = [] if dims_el is None else [(d.text or "").strip() for d in dims_el.findall("dName")]
    if not dims or not all(dims):
        raise KtabXmlError(f"{name} (Dimensions): no named dimension. Fix: add <Dimensions> "
                           "with a non-empty <dName> per dimension")
    actors_el = root.find("Actors")
    actor_els = [] if actors_el is None else actors_el.findall("Actor")
    if len(actor_els) < 2:
        raise KtabXmlError(f"{name} (Actors): {len(actor_els)} actor(s). Fix: give at least "
                           "two <Actor> elements")
    names, caps, pos, sal = [], [], [], []
    for k, actor in enumerate(actor_els, start=1):
        label = _text(actor, "name", f"Actors/Actor {k}", name)
        where = f"actor {label}"
        if label in names:
            raise KtabXmlError(f"{name} ({where}): the name is used twice. Fix: name every "
                               "actor once")
        cap = _number(_text(actor, "capability", where, name), f"{where}/capability", name)
        if cap <= 0:
            raise KtabXmlError(f"{name} ({where}/capability): {cap:g} is not positive. Fix: "
                               "give a capability above 0")
        saliences = _vector(actor, "Salience", "dSal", where, name, len(dims))
        if sum(saliences) > SCALE + 1e-9:
            raise KtabXmlError(f"{name} ({where}/Salience): saliences add up to "
                               f"{sum(saliences):g}. Fix: at most 100 in all")
        names.append(label)
        caps.append(cap)
        pos.append(_vector(actor, "Position", "dCoord", where, name, len(dims)))
        sal.append([v / SCALE for v in saliences])
    _check_ideals(root, names, name)
    seed_text = _text(root, "prngSeed", "Scenario", name, required=False)
    try:
        seed = int(seed_text) if seed_text else None
    except ValueError:
        raise KtabXmlError(f"{name} (prngSeed): {seed_text!r} is not a whole number. Fix: "
                           "write the seed as digits, or leave it out") from None
    space = IssueSpace(tuple(names), tuple(dims), np.array(caps), np.array(pos),
                       np.array(sal), np.full(len(dims), np.nan), np.full(len(dims), np.nan),
                       name)
    return KtabScenario(space, MappingProxyType(_switches(root, name)), seed,
                        _text(root, "name", "Scenario", name, required=False),
                        _text(root, "desc", "Scenario", name, required=False))
