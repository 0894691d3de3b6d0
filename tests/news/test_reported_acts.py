"""The failure classes read on batch C (docs/news.md, "Measured again"), each as a general
rule tested on sentences written for this test about a made-up bus drivers' dispute (no words
of any article the rules were measured on): a refusal reported by another speaker, inability
as refusal, coordinated verbs, a passive conditional offer with a red line appended to it,
talks agreed for later, a demand said with "needed", a wish recalled ("had long sought")."""

from __future__ import annotations

from datetime import date

import pytest

from tests.news.positions import positions

_ISSUES = ("overtime", "fares", "grant", "hiring", "routes")
BUS = {
    "format": "redline/1",
    "title": "Bus drivers' overtime in Porto Verde",
    "actors": [
        {"id": "TRA", "name": "Metropolitan Transit Authority", "role": "party",
         "aliases": ["transit authority", "the authority",
                     {"name": "Helena Duarte", "role": "transport commissioner"}]},
        {"id": "UNI", "name": "Bus Drivers' Union", "role": "party",
         "aliases": ["drivers' union", "the union",
                     {"name": "Joao Mendes", "role": "union leader"}]},
        {"id": "CIT", "name": "City council", "role": "party",
         "aliases": ["the city", "city hall", {"name": "Rui Tavares", "role": "mayor"}]},
        {"id": "REG", "name": "Regional government", "role": "stakeholder",
         "aliases": ["regional government", "the region"]},
    ],
    "issues": [
        {"id": "overtime", "name": "Overtime pay", "options": ["cut", "kept"],
         "status_quo": "cut", "aliases": ["overtime", "overtime pay", "overtime scheme"]},
        {"id": "fares", "name": "Fares", "options": ["current", "higher"],
         "status_quo": "current", "aliases": ["fares", "fare increase", "ticket prices"]},
        {"id": "grant", "name": "Regional grant", "options": ["frozen", "paid"],
         "status_quo": "frozen", "aliases": ["grant", "subsidy"]},
        {"id": "hiring", "name": "Hiring", "options": ["open", "frozen"],
         "status_quo": "open", "aliases": ["hiring", "recruitment"]},
        {"id": "routes", "name": "Night routes", "options": ["none", "new"],
         "status_quo": "none", "aliases": ["night route", "night routes"]},
    ],
    "preferences": {
        who: {"weights": {i: 1 for i in _ISSUES},
              "values": {i: ([0.0, 1.0] if who == "UNI" else [1.0, 0.0]) for i in _ISSUES},
              "reservation": 0.3}
        for who in ("TRA", "UNI", "CIT")},
}


@pytest.fixture(scope="module")
def bus():
    from redline.scenario import load

    return load(BUS)


def _positions(text, scenario):
    return positions(text, scenario, date(2026, 5, 5))


@pytest.mark.parametrize("text", [
    "The drivers' union said the transit authority had rejected its claim for overtime pay.",
    "Night buses stayed in their depots on Friday after the transit authority refused to "
    "restore overtime pay, the drivers' union said.",
])
def test_a_refusal_reported_by_another_speaker_is_the_refusers(nlp, bus, text):
    assert _positions(text, bus) == [("TRA", "reject", "overtime")]


def test_a_refusal_by_the_speakers_own_side_stays_with_it(nlp, bus):
    assert _positions("The union said it had rejected the overtime offer.", bus) == [
        ("UNI", "reject", "overtime")]


def test_a_refusal_inside_a_condition_is_not_reported_as_done(nlp, bus):
    text = ("The union said it was ready to suspend the walkout, but only if the authority "
            "dropped its plan to cut overtime pay.")
    assert ("TRA", "concede", "overtime") not in _positions(text, bus)


@pytest.mark.parametrize(("text", "issue"), [
    ("Mayor Rui Tavares said the city could not pay more for overtime while the regional "
     "grant was withheld.", "overtime"),
    ("Tavares said the city cannot raise fares this year.", "fares"),
])
def test_what_a_party_says_it_cannot_do_is_a_refusal(nlp, bus, text, issue):
    assert _positions(text, bus) == [("CIT", "reject", issue)]


def test_could_not_confirm_is_no_refusal(nlp, bus):
    assert _positions("Duarte said she could not confirm the overtime figures.", bus) == []


def test_the_second_of_two_coordinated_verbs_is_a_statement_too(nlp, bus):
    text = ("Helena Duarte urged the drivers to end the walkout and warned that the authority "
            "would cut overtime pay.")
    assert ("TRA", "threaten", "overtime") in _positions(text, bus)


def test_a_passive_offer_at_a_price_and_the_red_line_appended_to_it(nlp, bus):
    text = ("The regional government said the grant would be released only if the city froze "
            "hiring, a demand Tavares called unacceptable.")
    positions = _positions(text, bus)
    assert ("REG", "conditional_offer", "grant") in positions
    assert ("CIT", "red_line", "hiring") in positions
    assert not any(actor == "REG" and stance == "red_line" for actor, stance, _ in positions)


def test_a_passive_act_announced_unless_stays_a_threat(nlp, bus):
    text = "The authority said overtime would be suspended unless drivers returned."
    assert _positions(text, bus) == [("TRA", "threaten", "overtime")]


def test_talks_agreed_for_later_continue_the_talks_reported(nlp, bus):
    text = ("Negotiators for the union and the transit authority met on Tuesday without "
            "agreement. Mendes said the two sides agreed to meet again next week.")
    positions = _positions(text, bus)
    assert [p for p in positions if p[1] == "consult"] == [("UNI", "consult", None)]


@pytest.mark.parametrize(("text", "actor", "issue"), [
    ("Tavares said the city needed a fare increase of 10 percent to balance its budget.",
     "CIT", "fares"),
    ("Duarte said the authority needs a guarantee that overtime would be capped.",
     "TRA", "overtime"),
])
def test_what_a_party_says_it_needs_is_a_demand(nlp, bus, text, actor, issue):
    assert _positions(text, bus) == [(actor, "demand", issue)]


@pytest.mark.parametrize("text", [
    "The authority opened two night routes, a step the union had long sought.",
    "The authority opened two night routes last month, which the union had long demanded.",
])
def test_a_wish_recalled_is_no_demand_of_anyone(nlp, bus, text):
    assert not any(stance == "demand" for _, stance, _ in _positions(text, bus))
