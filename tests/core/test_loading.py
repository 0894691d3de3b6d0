"""Loading scenarios: accepted forms, normalisation notices, and clear located errors."""

from __future__ import annotations

import copy
import json

import numpy as np
import pytest
import yaml

import redline
from redline.errors import ScenarioError

MINIMAL = {
    "format": "redline/1",
    "title": "minimal",
    "actors": [{"id": "A", "name": "A", "role": "party"}, {"id": "B", "name": "B", "role": "party"}],
    "issues": [{"id": "x", "name": "X", "options": ["lo", "hi"], "status_quo": "lo"}],
    "preferences": {
        "A": {"weights": {"x": 1}, "values": {"x": [0, 1]}},
        "B": {"weights": {"x": 1}, "values": {"x": {"lo": 1, "hi": 0}}, "reservation": 0.2},
    },
}


def errors_of(data) -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        redline.load(data)
    return info.value


def test_us_iran_example_loads_with_parties_rules_and_values(examples):
    scenario = redline.load(examples / "us-iran-2026.yaml")
    assert scenario.parties == ("USA", "IRN")
    assert set(scenario.rules) == {"irn-no-missile-limits", "irn-nuclear-for-sanctions",
                                   "usa-no-high-enrichment"}
    usa = scenario.utilities["USA"]
    assert sum(usa.weights.values()) == pytest.approx(1.0)
    assert usa.reservation == 0.30  # the mode of a triangular reservation
    np.testing.assert_allclose(usa.values["stockpile"], [0.0, 0.6, 1.0])


def test_every_shipped_example_is_valid(examples):
    for path in sorted(examples.glob("*.yaml")):
        assert redline.load(path).title


def test_dict_json_and_yaml_text_give_the_same_scenario():
    from_dict = redline.load(MINIMAL)
    from_json = redline.load(json.dumps(MINIMAL))
    from_yaml = redline.load(yaml.safe_dump(MINIMAL))
    assert from_dict.document == from_json.document == from_yaml.document


def test_weights_are_normalised_and_the_loader_says_so():
    data = copy.deepcopy(MINIMAL)
    data["issues"].append({"id": "y", "name": "Y", "options": ["a", "b"], "status_quo": "a"})
    data["preferences"]["A"]["weights"] = {"x": 3, "y": 1}
    data["preferences"]["A"]["values"]["y"] = [0, 1]
    scenario = redline.load(data)
    assert scenario.utilities["A"].weights == {"x": 0.75, "y": 0.25}
    assert any("preferences.A.weights add up to 4" in n for n in scenario.notices)
    assert not any("preferences.B" in n for n in scenario.notices)


def test_problems_carry_path_line_and_fix(tmp_path):
    text = yaml.safe_dump(MINIMAL, sort_keys=False).replace("- 1\n", "- 1.5\n", 1)
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    error = errors_of(path)
    assert str(path) in str(error)
    (problem,) = error.problems
    assert problem.where == "preferences.A.values.x[1]"
    assert problem.line == text.splitlines().index("      - 1.5") + 1
    assert "between 0 and 1" in problem.fix


@pytest.mark.parametrize(
    ("mutate", "where", "words"),
    [
        (lambda d: d["preferences"]["A"]["weights"].update(x=-1), "preferences.A.weights.x",
         "a weight must lie in [0, 1e+06]"),
        (lambda d: d["preferences"]["A"]["weights"].update(q=1), "preferences.A.weights.q",
         "unknown issue 'q'"),
        (lambda d: d["preferences"]["B"].update(reservation=2), "preferences.B.reservation",
         "reservation must lie in [0, 1]"),
        (lambda d: d["preferences"].pop("B"), "preferences", "party 'B' has no preferences"),
        (lambda d: d["issues"][0].update(status_quo="mid"), "issues[0].status_quo",
         "not one of the options"),
        (lambda d: d["issues"][0].update(options=["lo"]), "issues[0].options", "at least 2"),
        (lambda d: d["actors"][0].update(role="boss"), "actors[0].role", "'party'"),
        (lambda d: d["actors"].append({"id": "A", "name": "again", "role": "stakeholder"}),
         "actors[2].id", "used twice"),
        (lambda d: d.update(red_lines=[{"id": "r", "actor": "A", "rule": "x >> 'lo'"}]),
         "red_lines[0].rule", "does not parse"),
        (lambda d: d.update(red_lines=[{"id": "r", "actor": "A", "rule": "x == 'mid'"}]),
         "red_lines[0].rule", "no option 'mid'"),
        (lambda d: d.update(red_lines=[{"id": "r", "actor": "Z", "refuses_agenda": ["x"]}]),
         "red_lines[0].actor", "unknown actor 'Z'"),
        (lambda d: d.update(red_lines=[{"id": "r", "actor": "A"}]), "red_lines[0]",
         "exactly one of 'rule' or 'refuses_agenda'"),
        (lambda d: d["preferences"]["A"].update(reservation={"low": 0.5, "mode": 0.2, "high": 0.6}),
         "preferences.A.reservation", "low <= mode <= high"),
        (lambda d: d.update(colour="red"), "colour", "Extra inputs are not permitted"),
        (lambda d: d["actors"][0].update(source="nowhere"), "actors[0].source",
         "unknown source 'nowhere'"),
        (lambda d: d.update(influence=[{"from": "A", "to": "B", "issue": "x", "strength": 3}]),
         "influence[0].strength", "strength must lie in [0, 1]"),
        (lambda d: d.update(events=[{"id": "e", "description": "d",
                                     "effects": [{"actor": "Q", "reservation": -0.1}]}]),
         "events[0].effects[0].actor", "unknown actor 'Q'"),
    ],
)
def test_each_mistake_gets_a_located_message(mutate, where, words):
    data = copy.deepcopy(MINIMAL)
    mutate(data)
    error = errors_of(data)
    assert any(p.where == where and words in p.message for p in error.problems), error


def test_format_line_is_required_and_checked():
    data = {k: v for k, v in MINIMAL.items() if k != "format"}
    assert "format: redline/1" in errors_of(data).problems[0].fix
    assert "unknown format" in str(errors_of({**MINIMAL, "format": "redline/9"}))


def test_yaml_syntax_error_and_duplicate_keys_give_lines():
    error = errors_of("format: redline/1\ntitle: [unclosed\nactors: []\n")
    assert "not valid YAML/JSON" in str(error)
    assert error.problems[0].line is not None
    error = errors_of("format: redline/1\ntitle: a\ntitle: b\n")
    assert error.problems[0].where == "title" and error.problems[0].line == 3


def test_missing_file_non_mapping_and_non_utf8(tmp_path):
    assert "no such file" in str(errors_of(str(tmp_path / "nope.yaml")))
    assert "not a mapping" in str(errors_of("- just\n- a list\n"))
    binary = tmp_path / "junk.yaml"
    binary.write_bytes(b"\xff\xfe\x00junk")
    assert "not UTF-8" in str(errors_of(binary))


def test_python_tags_are_not_constructed():
    error = errors_of("format: redline/1\ntitle: !!python/object/apply:os.system ['true']\n")
    assert "not valid YAML/JSON" in str(error)
