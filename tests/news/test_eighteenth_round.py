"""The eighteenth round (docs/news.md, "An eighteenth round"), read from batches P, Q and R
after their first runs: talks whose subject names both sides ("Delegations from Ostby and
Marholm met ...", "the two delegations met ..., chaired by the board") are between those
sides, not with the mediator in the room; "will not sign an agreement unless X" is a
precondition of any deal, a red line about X (withholding anything else unless X stays a
threat); and a meeting in a participle clause of the past ("was killed while visiting
troops") is no talks. Sentences written for this test about the made-up disputes of
tests/news/made_up.py."""

from __future__ import annotations

import pytest

from tests.news.made_up import DAY
from tests.news.made_up import positions_of as _positions
from tests.news.positions import positions, statements


def _talks(text, scenario):
    return [(s.resolved.actor, s.resolved.addressee) for s in statements(text, scenario, DAY)
            if s.stance == "consult" and s.resolved is not None and s.resolved.position]


def test_talks_are_between_the_sides_the_subject_names(made_up):
    text = ("Delegations from Ostby and Marholm met for six hours at a hotel in Geneva, with "
            "officials of the Eastern Development Bank in the room.")
    assert _talks(text, made_up["power"]) == [("NOR", "VES")]


def test_the_two_delegations_are_the_sides_so_far(made_up):
    text = ("The union demanded a pay rise, Okafor said. Kestrel rejected the pay rise, Dahl "
            "said. The two delegations met behind closed doors on Monday, chaired by the "
            "chief mediator, Anna Sorensen.")
    assert _talks(text, made_up["docks"]) in ([("DWU", "PKO")], [("PKO", "DWU")])


def test_a_subject_with_one_side_keeps_the_other_side_it_meets(made_up):
    text = "Kestrel met the union on Monday, Dahl said."
    assert _talks(text, made_up["docks"]) == [("PKO", "DWU")]


@pytest.mark.parametrize(("which", "text", "expected"), [
    ("power", "Norland will not sign a new agreement with Vesta unless Marholm pays the unpaid "
              "invoices, Eng said.", [("NOR", "red_line", "arrears")]),
    # withholding something else unless the other side moves is a threat
    ("power", "Norland will not renew the electricity deliveries unless Vesta pays the unpaid "
              "invoices, Eng said.", [("NOR", "threaten", "deliveries")]),
])
def test_no_deal_unless(made_up, which, text, expected):
    assert _positions(text, made_up[which]) == expected


def test_a_visit_in_a_clause_of_the_past_is_no_talks(made_up):
    text = "Eng was injured in 2021 while visiting workers at the Brenna dam."
    assert positions(text, made_up["power"], DAY) == []
