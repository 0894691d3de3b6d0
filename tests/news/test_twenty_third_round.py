"""The twenty-third round (docs/news.md, "A twenty-third round"), read from batch W after its
first run: "but" joins clauses, never the subjects of one verb; "would accept no agreement that
..." rules the deal out; a collective action as the subject of its start ("walkouts could
begin") is a threat; "put one's name to" a text is to sign it; "cannot become" refuses nothing;
"agree" with a direct object reports an agreement reached; a side backed "on" an issue is
backed on that issue. Sentences written for this test, read against the made-up disputes."""

from __future__ import annotations

import pytest

from tests.news.made_up import DAY
from tests.news.positions import positions


def _positions(text, scenario):
    return positions(text, scenario, DAY, talks=False)


@pytest.mark.parametrize(("text", "scenario", "expected"), [
    # the red line is the union's, said after "but", not the operator's offer's
    ("The operator of the container terminal blamed for the queues at the gates offered on "
     "Monday to raise hourly pay by 2 percent, but the union's leader said she would not sign "
     "any deal that kept the automated cranes running.", "docks",
     ("DWU", "red_line", "cranes")),
    # a deal refused by its determiner
    ("Vesta said it would accept no agreement that left the unpaid invoices unsettled.",
     "power", ("VES", "red_line", "arrears")),
    # a collective action that begins if the other side acts
    ("If the operator cuts hourly pay, the union said, walkouts could begin on Monday.",
     "docks", ("DWU", "threaten", "strike")),
    ("If Vesta cuts electricity deliveries, Norland's energy minister said, sanctions would "
     "follow within days.", "power", ("NOR", "threaten", "deliveries")),
    # to put one's name to a text is to sign it
    ("The union said it would not put its name to any contract that brought in automated "
     "cranes.", "docks", ("DWU", "red_line", "cranes")),
    # a side backed on an issue
    ("The shippers' council backed the union on the automated cranes.", "docks",
     ("SHC", "support", "cranes")),
    ("The bank stood with Norland on the unpaid invoices.", "power",
     ("EBK", "support", "arrears")),
    # an agreement reached, in a headline's present tense
    ("Norland and Vesta agree an electricity price after two days of talks", "power",
     ("NOR", "concede", "price")),
])
def test_the_position_read(made_up, text, scenario, expected):
    assert expected in _positions(text, made_up[scenario])


@pytest.mark.parametrize(("text", "scenario", "absent"), [
    # the operator offered; the red line is not its own
    ("The operator of the container terminal blamed for the queues at the gates offered on "
     "Monday to raise hourly pay by 2 percent, but the union's leader said she would not sign "
     "any deal that kept the automated cranes running.", "docks",
     ("PKO", "red_line", "cranes")),
    ("Vesta said it would accept no agreement that left the unpaid invoices unsettled.",
     "power", ("VES", "offer", "arrears")),
    # the end of a strike at a price is no threat
    ("If the operator raises hourly pay, the union said, the walkout would end on Monday.",
     "docks", ("DWU", "threaten", "strike")),
    # "cannot become" refuses no act
    ('"The terminal cannot become a museum of old cranes," said Henrik Dahl, the operator\'s '
     "chief executive.", "docks", ("PKO", "reject", "cranes")),
    ("Norland and Vesta agree an electricity price after two days of talks", "power",
     ("NOR", "support", "price")),
])
def test_the_look_alike_is_not_read(made_up, text, scenario, absent):
    assert absent not in _positions(text, made_up[scenario])


def test_backing_a_side_with_nothing_named_stays_about_no_issue(made_up):
    # the issue comes only from what the side is backed "on"
    assert ("SHC", "support", None) in _positions("The shippers' council backed the union.",
                                                  made_up["docks"])
