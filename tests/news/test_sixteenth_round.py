"""The sixteenth round (docs/news.md, "A sixteenth round"), read from batch Q after its first
run and from the codebook: a stoppage or lockout said in a phrase ("walk off the job", "lock
out") is a harm, so announcing it under a condition is a threat; "X will be
answered" of the other side's act is a threat; "not for sale" is a red-line phrase; "no
agreement is possible while X" is a precondition of any deal, not a limit for now; and a
position said again in an article is one position (codebook), in the resolver's output and in
the expected positions the scoring reads. Sentences written for this test about the made-up
disputes of tests/news/made_up.py."""

from __future__ import annotations

from datetime import date

import pytest

from redline.news.scoring import distinct_positions
from tests.news.made_up import DAY
from tests.news.made_up import positions_of as _positions
from tests.news.positions import statements


@pytest.mark.parametrize(("text", "expected"), [
    ("Dahl said Kestrel would lock out the union's members from Dec. 4 if there was no "
     "agreement on hourly pay.", [("PKO", "threaten", "pay")]),
    ("Okafor said the union would walk out on Monday unless Kestrel raised hourly pay.",
     [("DWU", "threaten", "pay")]),
    ("Any further strike at the port will be answered, Dahl said.",
     [("PKO", "threaten", "strike")]),
    ("Hourly pay is not for sale, Okafor said.", [("DWU", "red_line", "pay")]),
    ("Okafor said no agreement was possible while the automated cranes stayed on the quay.",
     [("DWU", "red_line", "cranes")]),
])
def test_threats_and_red_lines_in_other_words(made_up, text, expected):
    assert _positions(text, made_up["docks"]) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # questions answered are no threat
    ("All questions about hourly pay will be answered, Dahl said.", []),
    # a lockout reported as done is no threat
    ("Kestrel locked out the dockers last year, Dahl said.", []),
])
def test_look_alikes(made_up, text, expected):
    assert _positions(text, made_up["docks"]) == expected


def test_a_position_said_again_is_one_position(made_up):
    text = ("Union rejects automated cranes\n\nThe dockworkers' union rejected the automated "
            "cranes on Monday, Okafor said. \"We reject the automated cranes,\" she told "
            "reporters.")
    found = statements(text, made_up["docks"], DAY)
    kept = [s for s in found if s.resolved is not None and s.resolved.position]
    said_again = [s for s in found if s.resolved is not None and not s.resolved.position]
    assert [(s.resolved.actor, s.stance, s.resolved.issue) for s in kept] == [
        ("DWU", "reject", "cranes")]
    # the repeats are kept in the output, marked as restating the first
    assert said_again and all(
        s.resolved.matched["position"].startswith("restates") for s in said_again)


def test_expected_positions_count_each_triple_once():
    written = [{"actor": "A", "stance": "reject", "issue": "x"},
               {"actor": "A", "stance": "reject", "issue": "x"},
               {"actor": "A", "stance": "consult", "issue": None, "addressee": "B"},
               {"actor": "A", "stance": "consult", "issue": None, "addressee": "C"}]
    assert distinct_positions(written) == [written[0], written[2], written[3]]
    assert date(2026, 7, 14) == DAY  # the made-up disputes' day, as the other rounds use
