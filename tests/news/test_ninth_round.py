"""The ninth round of rules (docs/news.md, "A ninth round"): codebook rules the resolver broke
on batches I and J, each as a rule meant to hold in any article, tested on sentences written for
this test about two made-up disputes (no words of the articles): dockworkers against a port
operator, with a mediation board and a shippers' council; Norland and Vesta over electricity
from a border dam. Each rule has fresh passages and look-alikes that must give no position (or
not the wrong one)."""

from __future__ import annotations

import pytest

from tests.news.made_up import DAY
from tests.news.made_up import positions_of as _positions
from tests.news.positions import positions, statements

# --- 1. a limit stated "under no circumstances" ---------------------------------------------


@pytest.mark.parametrize(("which", "text", "expected"), [
    ("power", "Norland will under no circumstances lower the price of power for the winter, "
              "Lars Eng said on Tuesday.", [("NOR", "red_line", "price")]),
    ("docks", "Henrik Dahl said Kestrel would on no account give up the automated cranes.",
     [("PKO", "red_line", "cranes")]),
    ("docks", "The union said that in no case would it accept a pay rise below inflation.",
     [("DWU", "red_line", "pay")]),
    # the least of it, refused: not even a single one
    ("power", "The power company said it would not export a single megawatt of deliveries on "
              "credit.", [("BRC", "red_line", "deliveries")]),
])
def test_an_act_ruled_out_whatever_happens_is_a_red_line(made_up, which, text, expected):
    assert _positions(text, made_up[which]) == expected


@pytest.mark.parametrize(("which", "text", "expected"), [
    # circumstances that are no negation: no red line
    ("power", "Lars Eng said the circumstances of the electricity price talks had changed.",
     []),
    # a plain refusal of a proposal stays a refusal
    ("docks", "The union said it would not accept the operator's offer on wages.",
     [("DWU", "reject", "pay")]),
])
def test_look_alikes_of_a_limit(made_up, which, text, expected):
    assert _positions(text, made_up[which]) == expected


# --- 2. a harm announced under a condition is a threat -----------------------------------


@pytest.mark.parametrize(("which", "text", "expected"), [
    # withholding what the other side receives
    ("power", "Tomas Holm said the power company would halt deliveries to Vesta if the unpaid "
              "invoices were not settled by March.", [("BRC", "threaten", "deliveries")]),
    ("power", "Ines Varga said Marholm could stop buying power exports from the dam if the "
              "tariff rose again.", [("VES", "threaten", "deliveries")]),
    # passive: what would be cut off; naming no issue, the threat is over its condition
    ("power", "Holm added that supplies to the border towns would be suspended on May 2 if "
              "Vesta had not paid its arrears.", [("BRC", "threaten", "arrears")]),
    # force
    ("docks", "Okafor said dockers would occupy the cranes by force if the operator brought in "
              "replacement crews.", [("DWU", "threaten", "cranes")]),
    # calling a collective action; the threat is about the act threatened, not the condition
    ("docks", "The union said on Monday it would call a strike on all terminals from June 3 "
              "unless Kestrel raised hourly pay.", [("DWU", "threaten", "strike")]),
])
def test_a_harm_announced_under_a_condition_is_a_threat(made_up, which, text, expected):
    assert _positions(text, made_up[which]) == expected


@pytest.mark.parametrize(("which", "text", "expected"), [
    # easing a burden or ending a hostile act at a price is an offer
    ("power", "Eng said Norland would cut the tariff if Vesta paid its arrears.",
     [("NOR", "conditional_offer", "price")]),
    ("docks", "Okafor said the union would end the strike if Kestrel raised hourly pay.",
     [("DWU", "conditional_offer", "strike")]),
])
def test_easing_at_a_price_is_a_conditional_offer(made_up, which, text, expected):
    assert _positions(text, made_up[which]) == expected


# --- 3. the condition is not what is offered -------------------------------------------------


@pytest.mark.parametrize(("which", "text", "expected"), [
    ("power", "Ostby has proposed that Marholm pay into an escrow account rather than in "
              "advance, on condition that Vesta keeps electricity deliveries flowing all year.",
     [("NOR", "conditional_offer", "arrears")]),
    # "but only if" parsed as a second clause: the condition's past tense is no concession
    ("docks", "Dahl said the operator was prepared to raise hourly pay, but only if the union "
              "first dropped its walkout.", [("PKO", "conditional_offer", "pay")]),
    # a second act after ", but": the offer before it has no condition of that act's, and
    # the warning is a threat of its own (over what its condition is about)
    ("power", "Holm said the power company was ready to keep the deliveries going through "
              "the winter, but warned that if the tariff fell the company would have to shut "
              "down.", [("BRC", "offer", "deliveries"), ("BRC", "threaten", "price")]),
])
def test_the_condition_is_not_what_is_offered(made_up, which, text, expected):
    assert _positions(text, made_up[which]) == expected


def test_talks_that_ended_without_agreement_are_no_condition(made_up):
    found = statements("Eng said Norland would release the unpaid invoices next week, after "
                       "talks in Ostby ended without agreement.", made_up["power"],
                       DAY)
    offers = [s for s in found if s.stance in ("offer", "conditional_offer")]
    assert [(s.stance, s.condition) for s in offers] == [("offer", None)]


def test_a_speaker_named_by_a_pronoun_is_not_who_the_condition_names(made_up):
    # "It" is not resolved from the words of the condition ("provided the union ...")
    found = _positions("It has offered to slow the automation, provided the union calls off "
                       "the stoppage.", made_up["docks"])
    assert all(actor != "DWU" for actor, _, _ in found)


# --- 4. appeals for talks and talks that are no news --------------------------------------


@pytest.mark.parametrize(("which", "text", "expected"), [
    ("docks", "Sorensen urged both sides to return to the table with better offers before "
              "the holidays.", [("MED", "urge", None)]),
    # talks said to be on an issue are about it
    ("docks", "Sorensen urged both sides to return to the table for talks on the automated "
              "cranes.", [("MED", "urge", "cranes")]),
    ("power", "The bank urged Norland and Vesta to resume talks before the tariff expires.",
     [("EBK", "urge", None)]),
    # an appeal that says what to do on an issue keeps it
    ("docks", "Sorensen urged both sides to settle the hourly pay dispute.",
     [("MED", "urge", "pay")]),
])
def test_an_appeal_for_talks_is_about_no_issue(made_up, which, text, expected):
    assert _positions(text, made_up[which]) == expected


@pytest.mark.parametrize(("which", "text"), [
    ("power", "A new round of talks on the tariff has not been scheduled."),
    ("power", "No talks were held between Norland and Vesta last week."),
    ("docks", "Okafor said dockers would keep working normally for as long as the talks "
              "continued."),
    ("docks", "The board called on the union and the operator to meet halfway."),
    # talks to come, as the time of an appeal
    ("docks", "Sorensen urged the union to soften its pay claim when talks resume next week."),
])
def test_talks_that_are_no_news_are_no_meeting(made_up, which, text):
    found = positions(text, made_up[which], DAY)
    assert all(stance != "consult" for _, stance, _ in found)


def test_talks_opened_in_a_circumstance_are_still_talks(made_up):
    found = positions("Kestrel offered a pay rise of 3 percent on Monday, as the two sides "
                      "opened talks at the port.", made_up["docks"], DAY)
    assert any(stance == "consult" for _, stance, _ in found)


# --- 5. a thing refuses nothing, and "call" is not always an appeal ---------------------


@pytest.mark.parametrize(("which", "text", "expected"), [
    ("power", "The power company says the reservoir will not meet deliveries in dry years.",
     []),
    # "said on Monday": Monday is called on by no one
    ("docks", "The union said on Monday it would call a stoppage at the main terminal.",
     [("DWU", "threaten", "strike")]),
])
def test_refusals_and_appeals_need_someone(made_up, which, text, expected):
    assert _positions(text, made_up[which]) == expected


def test_a_priced_offer_is_about_what_its_whole_act_gives(made_up):
    # what is given ("power") names no issue, the rest of its act does: the offer is on that,
    # and the condition does not turn it into a demand on the arrears
    found = _positions("Holm said the company would supply power on the deliveries route "
                       "only if Vesta paid its arrears.", made_up["power"])
    assert found == [("BRC", "conditional_offer", "deliveries")]


@pytest.mark.parametrize(("text", "talks"), [
    # the same two sides told twice, and one side alone after them: one position
    ("Norland and Vesta held talks in Ostby on Monday. Lars Eng met Ines Varga again on "
     "Tuesday. Vesta said the talks had been useful.", 1),
    # other pairs are other talks
    ("Norland and Vesta held talks in Ostby on Monday. The bank met the power company on "
     "Tuesday.", 2),
])
def test_the_same_talks_are_one_position(made_up, text, talks):
    found = positions(text, made_up["power"], DAY)
    assert sum(stance == "consult" for _, stance, _ in found) == talks


@pytest.mark.parametrize(("text", "sides"), [
    ("Norland and Vesta held talks in Ostby on Monday.", {"NOR", "VES"}),
    ("Lars Eng met Ines Varga in Marholm on Tuesday.", {"NOR", "VES"}),
])
def test_talks_name_their_other_side(made_up, text, sides):
    found = [s for s in statements(text, made_up["power"], DAY)
             if s.stance == "consult"]
    assert [{s.resolved.actor, s.resolved.addressee} for s in found] == [sides]
