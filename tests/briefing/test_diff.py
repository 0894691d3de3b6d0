"""`redline diff`: input changes by path, and what they changed in the answers."""

from __future__ import annotations

import json

import yaml
from typer.testing import CliRunner

import redline
from redline.briefing import diff, input_changes
from redline.cli import commands  # noqa: F401
from redline.cli.app import app

runner = CliRunner()
NUCLEAR = ["enrichment", "inspections", "stockpile", "sanctions"]


def edited(examples, tmp_path, change):
    document = yaml.safe_load((examples / "us-iran-2026.yaml").read_text(encoding="utf-8"))
    change(document)
    path = tmp_path / "v2.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


def test_lists_are_matched_by_id_not_by_position():
    old = {"red_lines": [{"id": "a", "credibility": 1}, {"id": "b", "credibility": 0.5}]}
    new = {"red_lines": [{"id": "b", "credibility": 0.7}, {"id": "a", "credibility": 1}]}
    changes = input_changes(old, new)
    assert [(c.path, c.old, c.new) for c in changes] == [("red_lines[b].credibility", 0.5, 0.7)]
    added = input_changes({"issues": [{"id": "x"}]}, {"issues": [{"id": "x"}, {"id": "y"}]})
    assert [(c.path, c.old, c.new) for c in added] == [("issues[y]", None, {"id": "y"})]


def test_raising_a_reservation_past_its_break_even_closes_the_deal(examples, tmp_path):
    def harder(document):
        document["preferences"]["IRN"]["reservation"] = 0.995  # 0.895 after the buildup

    path = edited(examples, tmp_path, harder)
    result = diff(redline.load(examples / "us-iran-2026.yaml"), redline.load(path), NUCLEAR)
    assert [c.path for c in result.inputs] == ["preferences.IRN.reservation"]
    changed = {c.path: (c.old, c.new) for c in result.results}
    assert changed["verdict"] == ("a deal", "no deal")
    assert changed["zopa_size"][1] == 0 and changed["nash"][1] is None
    # the figures are the engine's own
    after = redline.analyze(redline.load(path), NUCLEAR)
    assert result.new.zopa_size == after.zopa_size == 0


def test_the_same_file_changes_nothing(examples):
    scenario = redline.load(examples / "us-iran-2026.yaml")
    result = diff(scenario, scenario, NUCLEAR)
    assert result.inputs == () and result.results == ()


def test_cli_diff_json_and_compare_with_two_files(examples, tmp_path):
    def softer(document):
        for red in document["red_lines"]:
            if red["id"] == "irn-missiles-off-agenda":
                red["refuses_agenda"] = ["sanctions"]

    path = edited(examples, tmp_path, softer)
    old = str(examples / "us-iran-2026.yaml")
    result = runner.invoke(app, ["diff", old, str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["format"] == "redline-diff/1"
    assert data["inputs"] == [{"path": "red_lines[irn-missiles-off-agenda].refuses_agenda",
                               "old": ["missiles"], "new": ["sanctions"]}]
    compared = runner.invoke(app, ["compare", old, str(path), "--format", "json"])
    assert compared.exit_code == 0, compared.output
    assert json.loads(compared.stdout)["inputs"] == data["inputs"]
