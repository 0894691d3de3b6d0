"""Agreement between annotators (docs/codebook.md): the consensus of several codings, the F1 of
two, and that every independent coding shipped speaks its article's scenario."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from redline.news.scoring import RESOLVED, Counts, consensus_positions, score
from redline.news.statement import STANCES

ARTICLES = Path(__file__).parent / "articles"
ANNOTATORS = ARTICLES / "annotators"


def test_consensus_keeps_what_enough_annotators_coded():
    first = [{"actor": "A", "stance": "reject", "issue": "x"},
             {"actor": "A", "stance": "consult", "issue": None, "addressee": "B"},
             {"actor": "B", "stance": "offer", "issue": "y"}]
    second = [{"actor": "A", "stance": "red_line", "issue": "x"},
              {"actor": "B", "stance": "consult", "issue": None, "addressee": "A"},
              {"actor": "B", "stance": "offer", "issue": "y"},
              {"actor": "B", "stance": "offer", "issue": "y"}]  # a repeat votes once
    third = [{"actor": "A", "stance": "red_line", "issue": "x"}]
    two = consensus_positions([first, second, third], 2)
    assert [(p["actor"], p["stance"], p["issue"]) for p in two] == [
        ("A", "consult", None), ("B", "offer", "y"), ("A", "red_line", "x")]
    assert consensus_positions([first, second, third], 3) == []
    assert len(consensus_positions([first, second, third], 1)) == 4
    with pytest.raises(ValueError, match="between 1 and 3"):
        consensus_positions([first, second, third], 4)


def test_agreement_f1_is_the_same_whichever_annotator_is_the_reference():
    a = [{"actor": "A", "stance": "reject", "issue": "x"},
         {"actor": "B", "stance": "offer", "issue": "y"},
         {"actor": "B", "stance": "demand", "issue": "x"}]
    b = [{"actor": "A", "stance": "reject", "issue": "x"},
         {"actor": "B", "stance": "urge", "issue": "x"}]
    one = score([("t", b, a)], RESOLVED).overall
    other = score([("t", a, b)], RESOLVED).overall
    assert (one.precision, one.recall) == (other.recall, other.precision) == (0.5, 1 / 3)
    assert one.f1 == other.f1 == pytest.approx(2 * 1 / (2 + 3))
    assert Counts(0, 0, 0).f1 == 0.0


def _codings():
    if not ANNOTATORS.is_dir():
        return []
    return sorted(ANNOTATORS.glob("*/*.json"))


@pytest.mark.parametrize("path", _codings(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_each_independent_coding_speaks_its_scenario(path):
    scenario = yaml.safe_load((ARTICLES / "resolved" / f"{path.stem}.yaml").read_text("utf-8"))
    actors = {a["id"] for a in scenario["actors"]}
    issues = {i["id"] for i in scenario["issues"]} | {None}
    positions = json.loads(path.read_text("utf-8"))["positions"]
    assert positions, f"{path}: no positions"
    for p in positions:
        assert p["stance"] in STANCES, (path, p)
        assert p["actor"] in actors and p.get("issue") in issues, (path, p)
        if p["stance"] == "consult":
            assert p.get("addressee") in actors | {None}, (path, p)
