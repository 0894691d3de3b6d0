"""GENIUS XML: reading its semantics, writing, round trips, a NegMAS cross-check, clear errors."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from redline.cli import app, commands  # noqa: F401
from redline.interop import GeniusError, load_genius, to_genius, write_genius
from redline.scenario import load
from redline.space import analyze, outcome_space

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "us-iran-2026.yaml"

DOMAIN = """<negotiation_template>
<utility_space number_of_issues="2">
<objective index="0" description="" name="Party planning" type="objective" etype="objective">
  <issue index="1" etype="discrete" type="discrete" vtype="discrete" name="Food type">
    <item index="1" value="Chips and Nuts" cost="0" description=""/>
    <item index="2" value="Finger-Food" cost="0" description=""/>
    <item index="3" value="Catering" cost="0" description=""/>
  </issue>
  <issue index="2" etype="discrete" type="discrete" vtype="discrete" name="Music">
    <item index="1" value="MP3"/>
    <item index="2" value="DJ"/>
  </issue>
</objective>
</utility_space>
</negotiation_template>
"""


def profile(food: tuple[float, float, float], music: tuple[float, float], w_food: float,
            reservation: str = '<reservation value="0.25"/>', discount: float = 1.0) -> str:
    return f"""<utility_space>
<objective index="0" description="" name="Party planning" type="objective" etype="objective">
  <issue index="1" etype="discrete" type="discrete" vtype="discrete" name="Food type">
    <item index="1" value="Chips and Nuts" evaluation="{food[0]}"/>
    <item index="2" value="Finger-Food" evaluation="{food[1]}"/>
    <item index="3" value="Catering" evaluation="{food[2]}"/>
  </issue>
  <issue index="2" etype="discrete" type="discrete" vtype="discrete" name="Music">
    <item index="1" value="MP3" evaluation="{music[0]}"/>
    <item index="2" value="DJ" evaluation="{music[1]}"/>
  </issue>
  <weight index="1" value="{w_food}"/>
  <weight index="2" value="{1 - w_food}"/>
</objective>
<discount_factor value="{discount}"/>
{reservation}
</utility_space>
"""


@pytest.fixture
def party_files(tmp_path: Path) -> tuple[Path, list[Path]]:
    domain = tmp_path / "party_domain.xml"
    domain.write_text(DOMAIN)
    host = tmp_path / "party_host.xml"
    host.write_text(profile((2, 5, 10), (3, 6), 0.6, discount=0.9))
    guest = tmp_path / "party_guest.xml"
    guest.write_text(profile((10, 4, 1), (8, 2), 0.3, reservation=""))
    return domain, [host, guest]


def grid(scenario: Any) -> np.ndarray:
    return outcome_space(scenario).grid_utilities()


def test_reading_follows_genius_semantics(party_files: tuple[Path, list[Path]]) -> None:
    domain, profiles = party_files
    scenario = load_genius(domain, profiles)
    assert scenario.title == "Party planning"
    assert scenario.parties == ("host", "guest")
    assert scenario.issue_ids == ("Food_type", "Music")
    assert scenario.issue("Food_type").name == "Food type"
    assert scenario.issue("Food_type").options == ["Chips and Nuts", "Finger-Food", "Catering"]
    host = scenario.utilities["host"]
    # evaluations are divided by the issue's maximum
    assert host.values["Food_type"].tolist() == [0.2, 0.5, 1.0]
    assert host.values["Music"].tolist() == [0.5, 1.0]
    assert host.weights["Food_type"] == pytest.approx(0.6)
    assert host.reservation == 0.25
    assert scenario.utilities["guest"].reservation == 0.0  # none given: the utility floor
    assert host.discount == 0.9 and scenario.utilities["guest"].discount is None
    # u(host; Catering, MP3) = 0.6 * 1 + 0.4 * 0.5
    assert grid(scenario)[4, 0] == pytest.approx(0.8)


def test_genius_to_redline_to_genius_keeps_the_problem(tmp_path: Path,
                                                       party_files: tuple[Path, list[Path]]
                                                       ) -> None:
    first = load_genius(*party_files)
    written = write_genius(first, tmp_path / "again.xml")
    assert [p.name for p in written] == ["again.xml", "again-host.xml", "again-guest.xml"]
    assert 'name="Food type"' in written[0].read_text()
    second = load_genius(written[0], written[1:])
    before, after = first.to_dict(), second.to_dict()
    assert before["preferences"]["host"]["discount"] == 0.9  # kept, and written back
    assert after == before


def test_redline_to_genius_to_redline_keeps_the_bargaining_space(tmp_path: Path) -> None:
    original = load(EXAMPLE)
    export = to_genius(original)
    assert any("red line" in n for n in export.notices)
    files = write_genius(original, tmp_path / "us-iran.xml")
    back = load_genius(files[0], files[1:])
    assert back.parties == original.parties
    assert back.issue_ids == original.issue_ids
    assert [i.name for i in back.issues] == [i.name for i in original.issues]
    assert [i.options for i in back.issues] == [i.options for i in original.issues]
    assert np.allclose(grid(back), grid(original), rtol=0, atol=1e-12)
    for party in original.parties:
        assert back.utilities[party].reservation == original.utilities[party].reservation
    # without red lines the two scenarios are the same bargaining problem
    plain = original.to_dict()
    plain["red_lines"] = []
    mine, theirs = analyze(load(plain)).to_dict(), analyze(back).to_dict()
    for key in ("pareto", "solutions", "best_for", "zopa_size", "feasible", "reservations"):
        assert mine[key] == theirs[key], key


@st.composite
def scenarios(draw: Any) -> dict[str, Any]:
    n_issues = draw(st.integers(1, 3))
    issues, prefs = [], {}
    for k in range(n_issues):
        n = draw(st.integers(2, 4))
        issues.append({"id": f"i{k}", "name": f"Issue {k}", "options": [f"o{j}" for j in range(n)]})
    for party in ("A", "B"):
        values = {}
        for issue in issues:
            raw = draw(st.lists(st.floats(0, 1), min_size=len(issue["options"]),
                                max_size=len(issue["options"])))
            top = draw(st.integers(0, len(raw) - 1))
            raw[top] = 1.0
            values[issue["id"]] = raw
        weights = {i["id"]: draw(st.floats(0.05, 1)) for i in issues}
        prefs[party] = {"weights": weights, "values": values,
                        "reservation": draw(st.floats(0, 1))}
    return {"format": "redline/1", "title": "random", "issues": issues, "preferences": prefs,
            "actors": [{"id": p, "name": p, "role": "party"} for p in ("A", "B")]}


@given(scenarios())
@settings(max_examples=40, deadline=None)
def test_round_trip_keeps_every_utility(tmp_path_factory: Any, document: dict[str, Any]) -> None:
    original = load(document)
    folder = tmp_path_factory.mktemp("genius")
    files = write_genius(original, folder / "d.xml")
    back = load_genius(files[0], files[1:])
    assert np.allclose(grid(back), grid(original), rtol=0, atol=1e-12)
    assert [back.utilities[p].reservation for p in "AB"] == \
        [original.utilities[p].reservation for p in "AB"]


@pytest.mark.peer
@pytest.mark.skipif(importlib.util.find_spec("negmas") is None,
                    reason="NegMAS (the 'peer' extra) is not installed")
def test_negmas_reads_our_export_with_the_same_utilities(tmp_path: Path) -> None:
    from negmas.inout import Scenario as NegmasScenario

    original = load(EXAMPLE)
    files = write_genius(original, tmp_path / "us-iran.xml")
    theirs = NegmasScenario.from_genius_files(domain=files[0], ufuns=files[1:],
                                              ignore_discount=True)
    assert theirs is not None
    space = outcome_space(original)
    mine = space.grid_utilities()
    outcomes = space.decode(np.arange(space.size))
    names = [i.name for i in theirs.outcome_space.issues]
    assert names == list(original.issue_ids)
    for row in range(0, space.size, 7):
        labels = tuple(original.issues[k].options[int(j)] for k, j in enumerate(outcomes[row]))
        for col, ufun in enumerate(theirs.ufuns):
            assert float(ufun(labels)) == pytest.approx(mine[row, col], abs=1e-9)
    assert [u.reserved_value for u in theirs.ufuns] == pytest.approx([0.3, 0.5])


def test_unreadable_files_get_one_clear_error(tmp_path: Path,
                                              party_files: tuple[Path, list[Path]]) -> None:
    domain, profiles = party_files
    cases = {
        "integer.xml": (DOMAIN.replace('etype="discrete" type="discrete" vtype="discrete" '
                                       'name="Music"', 'type="integer" name="Music"'),
                        "integer issue 'Music' has no bounds"),
        "objective.xml": (DOMAIN.replace('etype="discrete" type="discrete" vtype="discrete" '
                                         'name="Music"', 'type="ordinal" name="Music"'),
                          "discrete, integer and real issues"),
        "doctype.xml": ('<!DOCTYPE x [<!ENTITY a "aaaa">]>' + DOMAIN, "DOCTYPE"),
        "broken.xml": (DOMAIN[:200], "not well-formed XML"),
        "other.xml": ("<html><body/></html>", "no <utility_space>"),
    }
    for name, (text, message) in cases.items():
        path = tmp_path / name
        path.write_text(text)
        with pytest.raises(GeniusError, match=message):
            load_genius(path, profiles)
    missing = tmp_path / "missing_eval.xml"
    missing.write_text(profile((1, 2, 3), (1, 1), 0.5).replace(' evaluation="2"', ""))
    with pytest.raises(GeniusError, match="no evaluation for 'Finger-Food'"):
        load_genius(domain, [missing, profiles[1]])
    with pytest.raises(GeniusError, match="no such file"):
        load_genius(tmp_path / "nope.xml", profiles)


def test_convert_command_round_trip(tmp_path: Path) -> None:
    runner = CliRunner()
    target = tmp_path / "deal.xml"
    result = runner.invoke(app, ["convert", str(EXAMPLE), str(target)])
    assert result.exit_code == 0, result.output
    assert "red line(s) left out" in result.output
    back = tmp_path / "deal.json"
    result = runner.invoke(app, ["convert", str(target), str(tmp_path / "deal-USA.xml"),
                                 str(tmp_path / "deal-IRN.xml"), str(back)])
    assert result.exit_code == 0, result.output
    assert load(back).parties == ("USA", "IRN")
    bad = runner.invoke(app, ["convert", str(EXAMPLE), str(tmp_path / "x.csv")])
    assert bad.exit_code == 2 and ".yaml, .json" in bad.output
