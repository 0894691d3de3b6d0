"""The exported JSON Schema of redline/1 (`redline schema`) accepts every scenario the project
ships (as written and as written back) and says what the validators say about an issue: options
or a range, numeric keys only with a range, a status quo that may be a number, exactly one kind
of value function."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from redline.cli import app, commands  # noqa: F401
from redline.errors import RedlineError
from redline.scenario import load

jsonschema_rs = pytest.importorskip("jsonschema_rs", reason="jsonschema-rs (the dev extra) "
                                    "validates documents against the exported schema")

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted(p for folder in ("examples", "tests") for p in (ROOT / folder).rglob("*.yaml")
                   if yaml.safe_load(p.read_text(encoding="utf-8")).__class__ is dict
                   and yaml.safe_load(p.read_text(encoding="utf-8")).get("format") == "redline/1")


@pytest.fixture(scope="module")
def validator() -> Any:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    return jsonschema_rs.validator_for(json.loads(result.output))


def plain(path: Path) -> Any:
    """The YAML as JSON data (dates as strings, as a JSON document would have them)."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


def test_the_shipped_scenarios_include_numeric_issues() -> None:
    numeric = [p.name for p in SCENARIOS if any("range" in i for i in plain(p)["issues"])]
    assert {"us-iran-enrichment.yaml", "enrichment-cap.yaml", "three-way-price.yaml"} <= set(numeric)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_scenario_validates_as_written_and_written_back(validator: Any,
                                                                      path: Path) -> None:
    data = plain(path)
    assert list(validator.iter_errors(data)) == []
    written = json.loads(json.dumps(load(data).to_dict(), default=str))
    assert list(validator.iter_errors(written)) == []


def base() -> dict[str, Any]:
    return {"format": "redline/1", "title": "t",
            "actors": [{"id": "A", "name": "A", "role": "party"},
                       {"id": "B", "name": "B", "role": "party"}],
            "issues": [{"id": "price", "name": "price", "range": [0, 10], "status_quo": 10}],
            "preferences": {"A": {"weights": {"price": 1},
                                  "values": {"price": {"linear": [0, 1]}}},
                            "B": {"weights": {"price": 1},
                                  "values": {"price": {"points": [[0, 1], [10, 0]]}}}}}


def change(path: str, value: Any) -> dict[str, Any]:
    data = base()
    *parents, last = path.split(".")
    node: Any = data
    for key in parents:
        node = node[int(key)] if key.isdigit() else node[key]
    key: Any = int(last) if last.isdigit() else last
    if value is None:
        del node[key]
    else:
        node[key] = value
    return data


def test_a_numeric_issue_with_a_range_and_a_number_as_status_quo_validates(validator: Any
                                                                            ) -> None:
    assert validator.is_valid(base())
    load(base())


@pytest.mark.parametrize(("path", "value"), [
    ("issues.0.range", None),  # neither options nor range
    ("issues.0", {"id": "d", "name": "d", "options": ["a", "b"], "step": 1}),
    ("issues.0", {"id": "d", "name": "d", "options": ["a", "b"], "integer": True}),
    ("issues.0", {"id": "d", "name": "d", "options": ["a", "b"], "unit": "%"}),
    ("issues.0", {"id": "d", "name": "d", "options": ["a", "b"], "marks": [1]}),
    ("preferences.A.values.price", {"linear": [0, 1], "points": [[0, 0], [10, 1]]}),
])
def test_what_the_validators_refuse_the_schema_refuses(validator: Any, path: str,
                                                       value: Any) -> None:
    data = change(path, value)
    assert not validator.is_valid(data)
    with pytest.raises(RedlineError):
        load(data)
