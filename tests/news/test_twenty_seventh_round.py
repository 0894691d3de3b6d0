"""The twenty-seventh round (docs/news.md, "A twenty-seventh round"), read from batches BBG and
BBH after their first runs (their scenarios' aliases are general names, written as an analyst
would before reading the article): the press's set phrases for support ("threw its weight
behind"), for a concession ("shelved its plan"), for talks ("sat down with", "sat across a
table from"), for a proposal ("put 6 percent on the table"); what a side "should" do, said by
another (a demand from a side, an appeal from anyone else); a position held "whatever comes out
of the talks" (a limit on any deal); "cautioned that ... would" as "warned". Sentences written
for this test, on the made-up disputes of tests/news/made_up.py."""

from __future__ import annotations

import pytest

from tests.news.made_up import DAY
from tests.news.positions import positions


def _positions(text, scenario, talks=False):
    return positions(text, scenario, DAY, talks=talks)


@pytest.mark.parametrize(("text", "expected"), [
    ("The shippers' council threw its weight behind the union's call for a pay rise.",
     ("SHC", "support", "pay")),
    ("The operator has already shelved a plan to bring in automated cranes next year.",
     ("PKO", "concede", "cranes")),
    ("The operator has put a 4 percent pay rise on the table.", ("PKO", "offer", "pay")),
    ("The operator has put a 4 percent pay rise on the table, provided the union ends the "
     "walkout.", ("PKO", "conditional_offer", "pay")),
    ("Henrik Dahl said the union should call off the walkout.", ("PKO", "demand", "strike")),
    ("Anna Sorensen said the operator should raise its pay offer.", ("MED", "urge", "pay")),
    ('"Automated cranes will come to this port, whatever comes out of these talks," Henrik Dahl '
     'said.', ("PKO", "red_line", "cranes")),
    ("But Maria Okafor cautioned that the union would call a strike if the operator brought "
     "in automated cranes.", ("DWU", "threaten", "strike")),
])
def test_the_position_read(made_up, text, expected):
    assert expected in _positions(text, made_up["docks"])


def test_sitting_down_with_the_other_side_is_talks(made_up):
    text = "Maria Okafor sat down with Henrik Dahl on Monday for six hours."
    found = _positions(text, made_up["docks"], talks=True)
    assert any(stance == "consult" and actor in ("DWU", "PKO") for actor, stance, _ in found)


@pytest.mark.parametrize("text", [
    "Maria Okafor sat in the front row as Henrik Dahl spoke.",  # sitting is no meeting
    "Henrik Dahl said the pay rise should reach dockers by March.",  # no side is told
    "Henrik Dahl said the union should not call off the walkout.",  # nothing asked of it
])
def test_no_position_where_the_phrase_says_none(made_up, text):
    found = _positions(text, made_up["docks"], talks=True)
    assert not any(stance in ("consult", "demand", "urge") for _actor, stance, _ in found)
