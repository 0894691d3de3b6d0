"""The eleventh round of rules (docs/news.md, "An eleventh round"): batch L's failure classes as
rules meant to hold in any article, tested on sentences written for this test about the
made-up disputes of the ninth round's test (dockworkers and a port operator; Norland and Vesta
over a dam's electricity), with no words of batch L's articles. Each rule has fresh passages and
look-alikes that must not change."""

from __future__ import annotations

import pytest

from tests.news.made_up import DAY
from tests.news.made_up import positions_of as _positions
from tests.news.positions import positions

# --- 1. limits: "never" in the speaker's own words, and a bound -------------------------


@pytest.mark.parametrize(("which", "text", "expected"), [
    ("docks", '"We will never run the automated cranes without a docker in the cab," Okafor '
              'said.', [("DWU", "red_line", "cranes")]),
    ("power", "Eng said Norland would not go below a 12 percent rise in the tariff.",
     [("NOR", "red_line", "price")]),
    ("docks", "Dahl said Kestrel would not pay above 18 euros in hourly pay.",
     [("PKO", "red_line", "pay")]),
])
def test_limits_in_the_speakers_own_words_are_red_lines(made_up, which, text, expected):
    assert _positions(text, made_up[which]) == expected


@pytest.mark.parametrize(("which", "text", "expected"), [
    # a bound that is no limit of the speaker's: no red line
    ("power", "Eng said electricity deliveries would not go below last year's level.", []),
    # "never" said of someone else's act, by an analyst
    ("docks", '"They will never get the automated cranes past the dockers," said Ana Lopez, a '
              'labour economist at a university in the port city.', []),
])
def test_look_alikes_of_a_limit(made_up, which, text, expected):
    assert _positions(text, made_up[which]) == expected


# --- 2. concessions reported as done -------------------------------------------------------


@pytest.mark.parametrize(("which", "text", "expected"), [
    # a side's own bid moved
    ("docks", "Kestrel has already raised its offer from 3 to 4 percent in hourly pay, Dahl "
              "said.", [("PKO", "concede", "pay")]),
    ("docks", "The union lowered its demand on hourly pay to 6 percent on Monday.",
     [("DWU", "concede", "pay")]),
    # agreed to a proposal, or to open something that is no talks
    ("power", "Vesta agreed on Monday to a joint study of electricity deliveries, Varga said.",
     [("VES", "concede", "deliveries")]),
    ("power", "Norland agreed at the meeting to open the deliveries line to Vesta by April, Eng "
              "said.", [("NOR", "concede", "deliveries")]),
    ("docks", "The union has scaled back its demand on the automated cranes.",
     [("DWU", "concede", "cranes")]),
])
def test_concessions_reported_as_done(made_up, which, text, expected):
    assert _positions(text, made_up[which]) == expected


@pytest.mark.parametrize(("which", "text", "expected"), [
    # a bid moved under a condition is an offer; prices raised are no bid
    ("docks", "The union would lower its demand on hourly pay if Kestrel dropped the "
              "automated cranes.", [("DWU", "conditional_offer", "pay")]),
    ("docks", "Kestrel raised its fees for shipping lines on Monday.", []),
    # agreeing with someone is backing them; agreeing to meet is talks
    ("power", "Eng said Norland agreed with Vesta's plan for the deliveries.",
     [("NOR", "support", "deliveries")]),
])
def test_look_alikes_of_a_concession(made_up, which, text, expected):
    assert _positions(text, made_up[which]) == expected


def test_agreeing_to_open_talks_is_a_meeting(made_up):
    found = positions("Norland and Vesta agreed to open talks in Ostby.", made_up["power"],
                      DAY)
    assert [stance for _, stance, _ in found] == ["consult"]


# --- 3. who speaks: an analyst, a body, a pronoun for a body -----------------------------


def test_an_analyst_speaks_for_no_side(made_up):
    assert _positions("Kestrel needs the automated cranes more than the union needs a pay "
                      "rise, said Tomas Berg, a shipping analyst at a bank in Ostby.",
                      made_up["docks"]) == []


@pytest.mark.parametrize(("text", "expected"), [
    # "it" after the body named in the sentence before: the body, not a name nearby
    ("The union has scaled back its demand on the automated cranes. On Monday it dropped its "
     "call for a 10 percent pay rise, and it now wants hourly pay tied to Kestrel's profits.",
     [("DWU", "concede", "cranes"), ("DWU", "concede", "pay"), ("DWU", "demand", "pay")]),
    # a body named by its own noun ("a dockers' group"), with a country's name nearby
    ("A dockers' group at the Kestrel terminal in Norway has offered to work night shifts on "
     "the automated cranes, the board said.", [("DWU", "offer", "cranes")]),
])
def test_the_speakers_body_names_the_side(made_up, text, expected):
    assert _positions(text, made_up["docks"]) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a side's act reported by a mediator named after it is the side's position
    ("The union has offered to work night shifts on the automated cranes, the board said.",
     [("DWU", "offer", "cranes")]),
    # the mediator's own act, told by its own chief, stays the mediator's
    ("The board has offered to host talks on the automated cranes, Sorensen said.",
     [("MED", "offer", "cranes")]),
])
def test_a_sides_act_reported_after_it_is_the_sides(made_up, text, expected):
    assert _positions(text, made_up["docks"]) == expected


def test_even_if_is_no_defiance(made_up):
    # "even if": a commitment whatever happens, not an act for the other side's defiance
    found = _positions("Holm said that even if Vesta went ahead with the new tariff, the "
                       "company would keep electricity deliveries to hospitals.",
                       made_up["power"])
    assert all(stance != "threaten" for _, stance, _ in found)
    # an act the speaker can give, announced for the other side's defiance, is a threat
    assert _positions("Holm said the company would halt electricity deliveries if Vesta went "
                      "ahead with the new tariff.", made_up["power"]) == [
        ("BRC", "threaten", "deliveries")]
