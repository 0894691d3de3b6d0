"""Numbers are numbers: NaN, the infinities and huge values are refused in every numeric field
of the format, with a message that gives the field's range.

The numeric fields are derived from the pydantic models (not listed by hand), so a new field
cannot escape: the test fails until FULL below gives it a value and validation gives it a range.
"""

from __future__ import annotations

import copy
import types
import typing

import pytest
from pydantic import BaseModel

import redline
from redline.errors import ScenarioError
from redline.scenario.model import Document


def tri():
    return {"low": 0.1, "mode": 0.2, "high": 0.3}


FULL = {
    "format": "redline/1",
    "title": "every numeric field",
    "sources": [{"id": "s1", "statement": "said"}],
    "actors": [{"id": "A", "name": "A", "role": "party", "power": 2.0},
               {"id": "B", "name": "B", "role": "party", "power": tri()},
               {"id": "M", "name": "M", "role": "mediator"}],
    "issues": [{"id": "x", "name": "X", "options": ["lo", "hi"], "status_quo": "lo"},
               {"id": "y", "name": "Y", "options": ["no", "yes"], "status_quo": "no"},
               {"id": "z", "name": "Z", "range": [0, 10], "step": 2.5, "marks": [3.67],
                "status_quo": 0}],
    "preferences": {
        "A": {"weights": {"x": 1, "y": tri(), "z": 1},
              "values": {"x": [0, 1], "y": {"no": 0, "yes": tri()},
                         "z": {"points": [[0, 0.2], [5, tri()]]}},
              "reservation": 0.1, "discount": 0.9},
        "B": {"weights": {"x": 1, "y": 2, "z": 1},
              "values": {"x": [1, tri()], "y": [0.5, 0.5], "z": {"linear": [tri(), 0.0]}},
              "reservation": tri()},
    },
    "decision_rule": {"kind": "vote", "weights": {"votes": {"A": 2, "B": 1}},
                      "thresholds": [{"weight": "members", "share": 0.5},
                                     {"weight": "votes", "quota": 2}]},
    "red_lines": [{"id": "r1", "actor": "A", "rule": "x == 'hi'", "credibility": 0.9},
                  {"id": "r2", "actor": "B", "refuses_agenda": ["y"], "credibility": tri()}],
    "influence": [{"from": "A", "to": "B", "issue": "x", "strength": 0.5},
                  {"from": "B", "to": "A", "issue": "y", "strength": tri()}],
    "events": [{"id": "e1", "description": "d", "effects": [
        {"actor": "A", "reservation": 0.1, "weights": {"x": 0.1}},
        {"actor": "B", "reservation": tri(), "weights": {"y": tri()}}]}],
}


def _members(annotation):
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return typing.get_args(annotation)
    return (annotation,)


def _matches(member, value) -> bool:
    origin = typing.get_origin(member) or member
    if member is float:
        return isinstance(value, int | float)
    if isinstance(origin, type) and issubclass(origin, BaseModel):
        return isinstance(value, dict)
    if origin is dict:
        return isinstance(value, dict)
    if origin in (list, tuple):
        return isinstance(value, list | tuple)
    return False


def numeric_paths(annotation, value, path=(), owner=("Document", "")):
    """(path, (model, field)) of every number in `value`, read against its annotation."""
    annotation = typing.get_args(annotation)[0] if typing.get_origin(annotation) is \
        typing.Annotated else annotation
    for member in _members(annotation):
        if member is type(None) or not _matches(member, value):
            continue
        origin = typing.get_origin(member) or member
        if member is float:
            yield path, owner
        elif origin is dict and not (isinstance(origin, type) and issubclass(origin, BaseModel)):
            _, item = typing.get_args(member)
            for key, sub in value.items():
                yield from numeric_paths(item, sub, (*path, key), owner)
        elif origin is list:
            (item,) = typing.get_args(member)
            for index, sub in enumerate(value):
                yield from numeric_paths(item, sub, (*path, index), owner)
        elif origin is tuple:  # a fixed pair such as a range or a point [x, value]
            for index, (item, sub) in enumerate(zip(typing.get_args(member), value,
                                                    strict=True)):
                yield from numeric_paths(item, sub, (*path, index), owner)
        else:
            for name, info in member.model_fields.items():
                key = info.alias or name
                if key in value:
                    yield from numeric_paths(info.annotation, value[key], (*path, key),
                                             (member.__name__, name))
        return


def numeric_fields(model=Document, seen=None):
    """Every (model, field) whose annotation can hold a number, over all nested models."""
    seen = set() if seen is None else seen
    found = set()
    for name, info in model.model_fields.items():
        stack = [info.annotation]
        while stack:
            annotation = stack.pop()
            if annotation is float:
                found.add((model.__name__, name))
            elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
                if annotation not in seen:
                    seen.add(annotation)
                    found |= numeric_fields(annotation, seen)
            else:
                stack.extend(typing.get_args(annotation))
    return found


PATHS = list(numeric_paths(Document, FULL))


def test_full_document_loads_and_reaches_every_numeric_field():
    redline.load(copy.deepcopy(FULL))
    reached = {owner for _, owner in PATHS}
    missing = numeric_fields() - reached
    assert not missing, f"give these numeric fields a value in FULL (and a range): {missing}"
    assert len(PATHS) > 30


def _where(path) -> str:
    from redline.scenario.document import format_path

    return format_path(tuple(p for p in path if p not in ("low", "mode", "high")))


def _set(data, path, value):
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), float("-inf"), 1e308, -1e308])
@pytest.mark.parametrize("path", [p for p, _ in PATHS], ids=lambda p: ".".join(map(str, p)))
def test_every_numeric_field_refuses_non_numbers_with_its_range(path, bad):
    data = copy.deepcopy(FULL)
    _set(data, path, bad)
    with pytest.raises(ScenarioError) as info:
        redline.load(data)
    problems = [p for p in info.value.problems if p.where == _where(path)]
    assert problems, f"{bad} at {_where(path)} was not named: {info.value}"
    ordered = path[-1] in ("low", "mode", "high") and abs(bad) < float("inf")
    assert any(("must lie in [" in p.message and "inf" not in p.message.split("got")[0])
               or (ordered and "needs low <= mode <= high" in p.message)
               for p in problems), str(info.value)


def test_two_huge_weights_are_refused_rather_than_summed_to_infinity():
    data = copy.deepcopy(FULL)
    data["preferences"]["A"]["weights"] = {"x": 1e308, "y": 1e308}
    error = pytest.raises(ScenarioError, redline.load, data).value
    assert "a weight must lie in [0, 1e+06]" in str(error)


def test_nan_power_in_yaml_text_is_refused():
    text = ("format: redline/1\ntitle: t\nactors:\n- {id: A, name: A, role: party, power: .nan}\n"
            "- {id: B, name: B, role: party}\nissues:\n- {id: x, name: X, options: [a, b]}\n"
            "preferences:\n  A: {weights: {x: 1}, values: {x: [0, 1]}}\n"
            "  B: {weights: {x: 1}, values: {x: [1, 0]}}\n")
    error = pytest.raises(ScenarioError, redline.load, text).value
    assert error.problems[0].where == "actors[0].power"
    assert "power must lie in [0, 1e+06], got nan" in error.problems[0].message


def test_the_largest_weights_explain_without_an_assertion():
    """An infinite weight used to reach explain's "relaxing () should open a ZOPA" assertion;
    weights at the top of their range now give the same answer as their ratio."""
    from redline.space.explain import explain
    from tests.core.test_loading import MINIMAL

    big, small = copy.deepcopy(MINIMAL), copy.deepcopy(MINIMAL)
    big["issues"].append({"id": "y", "name": "Y", "options": ["lo", "hi"], "status_quo": "lo"})
    small["issues"] = copy.deepcopy(big["issues"])
    for data, scale in ((big, 1e6), (small, 1.0)):
        data["preferences"]["A"]["weights"] = {"x": scale, "y": scale}
        data["preferences"]["A"]["values"]["y"] = [0, 1]
    found = [explain(redline.load(data)).to_dict() for data in (big, small)]
    assert found[0]["zopa"] == found[1]["zopa"]
    assert found[0]["blocking_sets"] == found[1]["blocking_sets"]
