"""The fourteenth round of rules (docs/news.md, "A fourteenth round"): more of the codebook's
forms of a red line (a bound in time, a text "any" of which is refused, a precondition with
"until", "will never be" said of a thing, a refusal verb that states its limit, a ceiling named
rather than counted, "the price of any deal"), the press's set phrases for the other stances
("poured cold water on", "rallied behind", "put forward", "gave ground on"), and an appeal
whose addressee the parser hangs elsewhere.
Tested on sentences written for this test about the made-up disputes of tests/news/made_up.py;
each rule has look-alikes that must keep their old reading."""

from __future__ import annotations

import pytest

from tests.news.made_up import positions_of as _positions


@pytest.mark.parametrize(("which", "text", "expected"), [
    # a bound in time is a stated limit
    ("power", "Vesta will not accept any electricity deliveries later than March, Varga said.",
     [("VES", "red_line", "deliveries")]),
    # "will not back any X that ...": putting one's name to a text, refused for every such text
    ("power", "Norland will not back any agreement that leaves the unpaid invoices outstanding, "
              "Eng said.", [("NOR", "red_line", "arrears")]),
    # a precondition with "until"
    ("docks", "The union would not call off the strike until Kestrel had withdrawn the "
              "automated cranes, Okafor said.", [("DWU", "red_line", "strike")]),
    # "will never be", said of a thing
    ("docks", "Okafor said the automated cranes would never be accepted at the port.",
     [("DWU", "red_line", "cranes")]),
    # a refusal verb that states its limit
    ("docks", "The union rejected any pay rise of less than 8 percent, Okafor said.",
     [("DWU", "red_line", "pay")]),
    ("docks", "The union ruled out any pay rise smaller than 8 percent, Okafor said.",
     [("DWU", "red_line", "pay")]),
    # a ceiling named rather than counted
    ("power", "Norland will not agree to an electricity price above the market rate, Eng said.",
     [("NOR", "red_line", "price")]),
    # "the price of any deal"
    ("docks", "Okafor said an end to the automated cranes was the price of any new agreement.",
     [("DWU", "red_line", "cranes")]),
])
def test_more_of_the_codebooks_red_line_forms(made_up, which, text, expected):
    assert _positions(text, made_up[which]) == expected


@pytest.mark.parametrize(("which", "text", "expected"), [
    # a proposal turned down whatever its size sets no limit: a refusal
    ("docks", "The union rejected an offer of more than 5 percent on hourly pay, Okafor said.",
     [("DWU", "reject", "pay")]),
    # the limit in an aside's own clause ("..., which ... who have few ...") is not the object's
    ("power", "The bank said it opposed any increase in the electricity price, which it said "
              "would hurt households who have few alternatives.", [("EBK", "reject", "price")]),
    # a price of something that is no deal is no red line
    ("docks", "Okafor said the strike was the price of automation.", []),
    # a time bound on a plain refusal without a stated limit stays a refusal
    ("power", "Vesta rejected the electricity deliveries, Varga said.",
     [("VES", "reject", "deliveries")]),
])
def test_look_alikes_of_the_red_line_forms(made_up, which, text, expected):
    assert _positions(text, made_up[which]) == expected


@pytest.mark.parametrize(("which", "text", "expected"), [
    ("docks", "Kestrel poured cold water on the union's call for a pay rise, Dahl said.",
     [("PKO", "reject", "pay")]),
    ("docks", "Okafor gave short shrift to the operator's plan for automated cranes.",
     [("DWU", "reject", "cranes")]),
    ("docks", "Kestrel saw no merit in the union's wage claim, Dahl told reporters.",
     [("PKO", "reject", "pay")]),
    ("docks", "The union is holding out for a pay rise of 9 percent, Okafor said.",
     [("DWU", "demand", "pay")]),
    ("docks", "Kestrel put forward a plan to phase in the automated cranes over five years.",
     [("PKO", "offer", "cranes")]),
    ("docks", "Kestrel has come forward with a pay rise of 4 percent.",
     [("PKO", "offer", "pay")]),
    ("docks", "The union has given ground on pay, Okafor said.", [("DWU", "concede", "pay")]),
    # promised, not done: an offer (codebook: concede is done)
    ("docks", "The union would give ground on pay, Okafor said.", [("DWU", "offer", "pay")]),
    ("docks", "The shippers' council rallied behind the operator's automation plan.",
     [("SHC", "support", "cranes")]),
])
def test_the_press_set_phrases(made_up, which, text, expected):
    assert _positions(text, made_up[which]) == expected


@pytest.mark.parametrize(("which", "text", "expected"), [
    # "saw merit" without "no" is no refusal
    ("docks", "Kestrel saw some merit in the union's wage claim, Dahl said.", []),
    # history told in a clause: "when lawmakers floated it"
    ("docks", "Dahl said Kestrel had dropped the automated cranes, a plan that had alarmed the "
              "shippers when the board floated it in the spring.",
     [("PKO", "concede", "cranes")]),
])
def test_look_alikes_of_the_set_phrases(made_up, which, text, expected):
    assert _positions(text, made_up[which]) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the parser makes the addressee the subject of the act asked, or the act a purpose clause
    ("The chief mediator, Anna Sorensen, exhorted both sides to find a settlement on pay "
     "before the summer.", [("MED", "urge", "pay")]),
    ("The board implored both sides to settle the strike.", [("MED", "urge", "strike")]),
    ("The board begged both sides to settle the strike.", [("MED", "urge", "strike")]),
])
def test_appeals_whose_addressee_the_parser_moves(made_up, text, expected):
    assert _positions(text, made_up["docks"]) == expected
