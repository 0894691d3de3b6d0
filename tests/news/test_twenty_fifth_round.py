"""The twenty-fifth round (docs/news.md, "A twenty-fifth round"), read from batches Y, Z, BBA
and BBB after their first runs: "no" hung on a compound ("will sign no fisheries protocol
that ...") or after "put its name to" still rules the deal out; filing for arbitration or a
complaint is going to law, a threat when announced; standing ready to take a side to court is a
threat; "but only at the request of both parties" is a condition; an option named in a priced
act gives the act its issue. Sentences and a made-up dispute written for this test."""

from __future__ import annotations

import pytest

from redline.scenario import load
from tests.news.made_up import DAY, preferences
from tests.news.positions import positions

CATCH = {
    "format": "redline/1",
    "title": "Foreign trawlers in Norland's waters",
    "actors": [
        {"id": "NOR", "name": "Norland", "role": "party", "aliases": ["Ostby"]},
        {"id": "FLT", "name": "Vesta trawler owners", "role": "party",
         "aliases": ["the owners", {"name": "Jan Holt", "role": "chairman"}]},
    ],
    "issues": [
        {"id": "landing", "name": "Catch brought ashore in Norland", "options": ["none", "some"],
         "status_quo": "none", "aliases": ["landing requirement"],
         "option_aliases": {"some": ["land part of their catch"]}},
        {"id": "cold", "name": "Cold storage at the ports", "options": ["no", "yes"],
         "status_quo": "no", "aliases": ["cold storage"]},
        {"id": "fee", "name": "Licence charge", "options": ["low", "high"],
         "status_quo": "low", "aliases": ["licence charge"],
         "option_aliases": {"high": ["40 euros a tonne"]}},
    ],
    "preferences": preferences(("NOR", "FLT"), ("landing", "cold", "fee")),
}


def _positions(text, scenario):
    return positions(text, scenario, DAY, talks=False)


@pytest.mark.parametrize(("text", "scenario", "expected"), [
    ("Vesta will put its name to no agreement that leaves the unpaid invoices unsettled.",
     "power", ("VES", "red_line", "arrears")),
    # going to law, announced at a price, is a threat
    ("The operator said it would file for arbitration if the union extended the strike.",
     "docks", ("PKO", "threaten", "strike")),
    ("The union said it would file a complaint with the labour inspectorate if the operator "
     "brought in the automated cranes.", "docks", ("DWU", "threaten", "cranes")),
    ("The union said its members were prepared to take the operator to court over the "
     "automated cranes.", "docks", ("DWU", "threaten", "cranes")),
    # a condition said as the only request under which the offer stands
    ("The bank said it was prepared to pay into an escrow account, but only at the request of "
     "both governments.", "power", ("EBK", "conditional_offer", "arrears")),
    # being ready to resume something at a price is an offer, not a threat
    ("Norland was ready to resume electricity deliveries provided Vesta paid the unpaid "
     "invoices.", "power", ("NOR", "conditional_offer", "deliveries")),
])
def test_the_position_read(made_up, text, scenario, expected):
    assert expected in _positions(text, made_up[scenario])


def test_no_on_a_compound_still_rules_the_deal_out():
    # "no" hung on "fisheries", not on "protocol", and a "without" later in the sentence
    text = ("Norland will sign no fisheries protocol that lacks a landing requirement, its "
            "fisheries minister said on Monday, after talks with the owners broke up without "
            "agreement on cold storage.")
    assert _positions(text, load(CATCH)) == [("NOR", "red_line", "landing")]


def test_an_option_in_a_priced_act_gives_its_issue():
    # what is offered is named only by an option's alias; what is asked is another issue
    text = "The owners could bring their offer up to 40 euros a tonne if Ostby built cold storage."
    assert _positions(text, load(CATCH)) == [("FLT", "conditional_offer", "fee")]


@pytest.mark.parametrize(("text", "scenario", "absent"), [
    ("The operator said it would file for arbitration if the union extended the strike.",
     "docks", ("PKO", "conditional_offer", "strike")),
    ("Norland was ready to resume electricity deliveries provided Vesta paid the unpaid "
     "invoices.", "power", ("NOR", "threaten", "deliveries")),
])
def test_the_look_alike_is_not_read(made_up, text, scenario, absent):
    assert absent not in _positions(text, made_up[scenario])
