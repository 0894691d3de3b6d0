"""The seventeenth round (docs/news.md, "A seventeenth round"), read from the drills
(development data): "will not settle for less than X" states a floor, "made the case for",
"is angling for" and "X ought to Y" are demands, "spoke up for" is support, and delegations
that "convened" met. Sentences written for this test about the made-up disputes of
tests/news/made_up.py, with look-alikes that keep their old reading."""

from __future__ import annotations

import pytest

from tests.news.made_up import positions_of as _positions


@pytest.mark.parametrize(("which", "text", "expected"), [
    ("power", "Vesta will not settle for less than a 20 percent cut in the electricity price, "
              "Varga said.", [("VES", "red_line", "price")]),
    ("docks", "Dahl made the case for automated cranes at every berth.",
     [("PKO", "demand", "cranes")]),
    ("docks", "The union is angling for a pay rise of 9 percent.", [("DWU", "demand", "pay")]),
    ("docks", "Okafor said the operator ought to raise hourly pay.", [("DWU", "demand", "pay")]),
    ("docks", "The shippers' council spoke up for the union's call for a pay rise.",
     [("SHC", "support", "pay")]),
])
def test_the_drills_wording(made_up, which, text, expected):
    assert _positions(text, made_up[which]) == expected


@pytest.mark.parametrize(("which", "text", "expected"), [
    # settling a dispute is no floor
    ("power", "Vesta will not settle the dispute over the electricity price this week, Varga "
              "said.", [("VES", "reject", "price")]),
    # "ought not" is no demand to act
    ("docks", "Okafor said the operator ought not to be blamed for the strike.", []),
])
def test_look_alikes(made_up, which, text, expected):
    assert _positions(text, made_up[which]) == expected


def test_delegations_that_convened_met(made_up):
    from tests.news.made_up import DAY
    from tests.news.positions import positions

    text = "Negotiators for the union and the operator convened in the capital on Monday."
    assert positions(text, made_up["docks"], DAY) == [("DWU", "consult", None)]
