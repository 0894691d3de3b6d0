"""Aliases of actors (names, people with their role, capitals, demonyms, codes) and of options:
the shape `redline/1` accepts and the located errors for names that would make matches guesses."""

from __future__ import annotations

import copy

import pytest
import yaml

import redline
from redline.errors import ScenarioError
from redline.scenario.aliases import actor_names, option_names
from redline.scenario.model import Person

BASE = {
    "format": "redline/1",
    "title": "aliases",
    "actors": [
        {"id": "SAF", "name": "Sudanese Armed Forces", "role": "party",
         "aliases": ["army", "Port Sudan", {"name": "Abdel Fattah al-Burhan", "role": "army chief"}]},
        {"id": "RSF", "name": "Rapid Support Forces", "role": "party", "aliases": ["paramilitaries"]},
    ],
    "issues": [{"id": "ceasefire", "name": "Ceasefire", "options": ["none", "truce", "permanent"],
                "status_quo": "none", "option_aliases": {"truce": ["humanitarian truce"]}}],
    "preferences": {
        "SAF": {"weights": {"ceasefire": 1}, "values": {"ceasefire": [1, 0.5, 0]}},
        "RSF": {"weights": {"ceasefire": 1}, "values": {"ceasefire": [0, 0.5, 1]}},
    },
}


def _errors(mutate):
    data = copy.deepcopy(BASE)
    mutate(data)
    with pytest.raises(ScenarioError) as info:
        redline.load(data)
    return info.value.problems


def test_aliases_load_as_names_and_people_with_roles():
    scenario = redline.load(copy.deepcopy(BASE))
    saf = scenario.actor("SAF")
    assert saf.aliases[2] == Person(name="Abdel Fattah al-Burhan", role="army chief")
    names = list(actor_names(saf))
    assert ("Abdel Fattah al-Burhan", "army chief", "person") in names
    assert ("army", None, "alias") in names and ("SAF", None, "id") in names
    assert ("humanitarian truce", "truce", "alias") in list(option_names(scenario.issue("ceasefire")))
    # the document round-trips: a person stays a mapping, a name a string
    assert scenario.to_dict()["actors"][0]["aliases"][2] == {"name": "Abdel Fattah al-Burhan",
                                                             "role": "army chief"}


def test_a_name_shared_by_two_actors_is_refused_with_its_place():
    [problem] = _errors(lambda d: d["actors"][1]["aliases"].append("Army"))
    assert problem.where == "actors[1].aliases[1]"
    assert "'Army' stands for both SAF and RSF" in problem.message
    assert "one of the two actors" in problem.fix


def test_another_actors_id_is_not_an_alias():
    [problem] = _errors(lambda d: d["actors"][1]["aliases"].append("saf"))
    assert "stands for both SAF and RSF" in problem.message


def test_blank_alias_and_a_person_without_a_name():
    problems = _errors(lambda d: d["actors"][0]["aliases"].append("  "))
    assert problems[0].where == "actors[0].aliases[3]" and "blank" in problems[0].message
    problems = _errors(lambda d: d["actors"][0]["aliases"].append({"role": "spokesman"}))
    assert any("actors[0].aliases[3]" in p.where for p in problems)


def test_option_aliases_must_name_options_and_not_two_of_them():
    [problem] = _errors(lambda d: d["issues"][0]["option_aliases"].update(
        {"armistice": ["armistice"]}))
    assert problem.where == "issues[0].option_aliases.armistice"
    assert "no option 'armistice'" in problem.message and "none, truce, permanent" in problem.fix
    [problem] = _errors(lambda d: d["issues"][0]["option_aliases"].update(
        {"permanent": ["Humanitarian  Truce"]}))
    assert problem.where == "issues[0].option_aliases.permanent[0]"
    assert "names both option 'truce' and 'permanent'" in problem.message


def test_shipped_example_names_the_seed_story_people(examples):
    scenario = redline.load(examples / "us-iran-2026.yaml")
    people = {a.name: (actor.id, a.role) for actor in scenario.actors for a in actor.aliases
              if isinstance(a, Person)}
    assert people["Ali Shamkhani"] == ("IRN", "adviser to the Supreme Leader")
    assert people["Abbas Araghchi"][0] == "IRN" and people["Benjamin Netanyahu"][0] == "ISR"
    assert "Tehran" in scenario.actor("IRN").aliases and "Muscat" in scenario.actor("OMN").aliases


def test_alias_errors_in_a_file_carry_their_line(tmp_path):
    data = copy.deepcopy(BASE)
    data["actors"][1]["aliases"].append("Port Sudan")
    text = yaml.safe_dump(data, sort_keys=False)
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        redline.load(path)
    [problem] = info.value.problems
    assert "'Port Sudan' stands for both SAF and RSF" in problem.message
    assert problem.where == "actors[1].aliases[1]"
    lines = text.splitlines()
    assert problem.line == lines.index("  - Port Sudan", lines.index("- id: RSF")) + 1
