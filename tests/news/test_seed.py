"""Done-when: `redline extract` finds the seed article's statements (read from ../shared/seed)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from redline.cli import commands  # noqa: F401
from redline.cli.app import app


def _extract(seed_dir, examples, nlp):
    result = CliRunner().invoke(app, ["extract", str(seed_dir), "--scenario",
                                      str(examples / "us-iran-2026.yaml"), "--date",
                                      "2026-02-10", "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["statements"]


def test_seed_statements(seed_dir, examples, nlp):
    found = _extract(seed_dir, examples, nlp)

    def having(**want):
        return [s for s in found if all((s["resolved"] if k == "issue" else s)[k] == v
                                        for k, v in want.items())]

    shamkhani = having(stance="red_line", actor="IRN", issue="missiles", speaker="Ali Shamkhani")
    assert shamkhani and "Supreme Leader" in shamkhani[0]["speaker_role"]
    assert shamkhani[0]["plover"] == "REJECT" and shamkhani[0]["rule"].startswith("RL-")

    offer = having(stance="conditional_offer", actor="IRN")
    assert offer and "sanctions" in offer[0]["condition"]
    assert offer[0]["resolved"]["issue"] == "enrichment"  # "nuclear limits": alias of enrichment
    assert offer[0]["resolved"]["condition_issue"] == "sanctions"
    assert offer[0]["issue"] == "nuclear limits"  # the phrase at stake, not the light verb

    assert having(stance="reject", actor="IRN")  # refuses to link the issues
    assert having(stance="demand", actor="USA", issue="missiles")
    assert having(stance="urge", actor="ISR", addressee="USA", issue="missiles")

    talks = having(stance="consult", place="OMN")
    assert talks and talks[0]["mediator"] == "OMN"
    assert {talks[0]["actor"], talks[0]["addressee"]} == {"USA", "IRN"}
    assert talks[0]["date"] == "2026-02-03"  # "last week" before the article's date

    for statement in found:  # provenance: the offsets point at the sentence in the article
        text = next(seed_dir.glob("*.txt")).read_text(encoding="utf-8")
        assert text[statement["start"]:statement["end"]].strip() == statement["sentence"]
