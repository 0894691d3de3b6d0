"""The twenty-fourth round (docs/news.md, "A twenty-fourth round"), read from batch X after its
first run (and one class of W's): what lies inside a condition is the price asked, not a
statement, even where the parse hides it; "without agreeing" agrees to nothing; a particle after
another adverb ("have already stepped back from"); "no agreement that ..." or "no treaty ...
while ..." as a subject rules the deal out; "cautioned X against Y" is an appeal; staying at the
table is talks, no issue; bringing people onto the streets is a protest; "any X other than Y"
states a limit; a surname the tagger read as a noun is still the antecedent of "she". Sentences
written for this test, read against the made-up disputes."""

from __future__ import annotations

import pytest

from redline.scenario import load
from tests.news.made_up import DAY, DOCKS
from tests.news.positions import positions


def _positions(text, scenario):
    return positions(text, scenario, DAY, talks=False)


@pytest.mark.parametrize(("text", "scenario", "expected"), [
    ("Norland said it would accept a lower electricity price provided Vesta agreed to settle "
     "the unpaid invoices within a year.", "power",
     [("NOR", "conditional_offer", "price")]),
    ("The union has already stepped back from its demand for a pay rise of 12 percent.",
     "docks", [("DWU", "concede", "pay")]),
    ("No agreement that keeps the automated cranes will come out of these talks, the union "
     "said.", "docks", [("DWU", "red_line", "cranes")]),
    ("Norland repeated that no treaty can be signed while the unpaid invoices remain unpaid.",
     "power", [("NOR", "red_line", "arrears")]),
    ("The bank cautioned Norland against any increase in the electricity price.", "power",
     [("EBK", "urge", "price")]),
    ("The board appealed to both sides to stay at the table and spare the port a strike.",
     "docks", [("MED", "urge", None)]),
    ("The union said it would bring its members onto the streets if the operator cut hourly "
     "pay.", "docks", [("DWU", "threaten", "pay")]),
    ("Vesta will not accept an electricity price set by any formula other than the 2019 one, "
     "its economy minister said.", "power", [("VES", "red_line", "price")]),
])
def test_the_positions_read(made_up, text, scenario, expected):
    assert _positions(text, made_up[scenario]) == expected


@pytest.mark.parametrize(("text", "scenario"), [
    # talks that end without agreement concede nothing
    ("The two sides ended the talks without agreeing on the electricity price.", "power"),
    # a caution with no side cautioned against anything is no appeal
    ("The bank cautioned that the electricity price could rise next year.", "power"),
])
def test_nothing_is_read(made_up, text, scenario):
    assert _positions(text, made_up[scenario]) == []


def test_a_conjunct_after_the_condition_is_still_said(made_up):
    # ", and offered to pay ...": a clause joined after the condition is the speaker's own
    found = _positions("Vesta said it could live with the current electricity price provided "
                       "it was allowed to delay the deliveries, and offered to pay the unpaid "
                       "invoices by March.", made_up["power"])
    assert ("VES", "offer", "arrears") in found


def test_a_surname_read_as_a_noun_is_still_the_antecedent_of_she():
    # "Evers" at the head of a sentence is tagged a plural noun; she is still Evers, not the
    # chief executive named last as a speaker
    docks = {**DOCKS, "actors": [
        {**DOCKS["actors"][0], "aliases": ["the union", {"name": "Maria Evers",
                                                         "role": "union leader"}]},
        *DOCKS["actors"][1:]]}
    text = ('"We will not accept automated cranes," said Maria Evers, the union leader. Henrik '
            "Dahl, the operator's chief executive, said the operator would raise hourly pay by 2 "
            'percent. Evers called the offer "a start". She said the union could end the strike '
            "if hourly pay rose by 5 percent.")
    found = _positions(text, load(docks))
    assert ("DWU", "conditional_offer", "strike") in found
    assert ("PKO", "conditional_offer", "strike") not in found
