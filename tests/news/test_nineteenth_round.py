"""The nineteenth round (docs/news.md, "A nineteenth round"), read from batches K, O and P
after their first runs: an act reported in a perfect participle clause ("..., having already
lowered its claim from 12 percent", "having agreed at the start of the round to a 20-year
term") is done, a concession; and a refusal or concession that names no issue takes the issue
of the same speaker's bid or refusal in the same sentence ("rejected that figure but offered 4
percent"), before any earlier sentence's. Sentences written for this test about the made-up
disputes of tests/news/made_up.py."""

from __future__ import annotations

import pytest

from tests.news.made_up import positions_of as _positions


@pytest.mark.parametrize(("text", "expected"), [
    ("The union is seeking a 9 percent pay rise, having already lowered its claim from 12 "
     "percent earlier this month.", [("DWU", "demand", "pay"), ("DWU", "concede", "pay")]),
    ("Okafor said the union had moved a long way, having agreed at the start of the round to a "
     "5 percent pay rise.", [("DWU", "concede", "pay")]),
    # the refusal's object points back; the same sentence's offer says what it is about
    ("The union demanded that the automated cranes be scrapped. Kestrel rejected that figure "
     "but offered a 4 percent pay rise.", [("DWU", "demand", "cranes"),
                                           ("PKO", "reject", "pay"), ("PKO", "offer", "pay")]),
])
def test_acts_done_in_a_participle_and_issues_from_the_same_sentence(made_up, text, expected):
    assert _positions(text, made_up["docks"]) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "having" of a cause, not a move: no concession
    ("Kestrel is losing money, having bought the automated cranes last year, Dahl said.", []),
    # a past act of a stakeholder beside its support borrows no issue: no position
    ("The shippers' council backed the union's call for a pay rise, saying its members had "
     "paid millions in delays.", [("SHC", "support", "pay")]),
])
def test_look_alikes(made_up, text, expected):
    assert _positions(text, made_up["docks"]) == expected
