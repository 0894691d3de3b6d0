"""Speaker attribution and the classes read on batch E (docs/news.md, "Batch E" and "A sixth
round"), each as a general rule, tested on sentences written for this test about two made-up
disputes (no words of any article the rules were measured on): a dockworkers' strike at a port
operator with a state mediator, and prisoner talks between a government and a rebel front in
Doha, with Qatar, the UN, the Red Crescent and a families' association. Negative cases
(background, history, speculation, questions) must give no position."""

from __future__ import annotations

from datetime import date

import pytest

from redline.news.extraction import extract_articles
from redline.news.reading import read_text
from tests.news.positions import positions


def _preferences(actors, issues):
    return {who: {"weights": {i: 1 for i in issues},
                  "values": {i: ([0.0, 1.0] if k % 2 else [1.0, 0.0]) for i in issues},
                  "reservation": 0.3} for k, who in enumerate(actors)}


_PORT_ISSUES = ("pay", "automation", "contracts", "arbitration", "ferries")
PORT = {
    "format": "redline/1",
    "title": "Dockworkers' strike at Baltica Ports",
    "actors": [
        {"id": "DWF", "name": "Dockworkers' Federation", "role": "party",
         "aliases": ["dockworkers' federation", "the federation", "dockworkers",
                     {"name": "Ines Moreau", "role": "federation leader"}]},
        {"id": "BPO", "name": "Baltica Ports", "role": "party",
         "aliases": ["port operator", "the operator", "the company",
                     {"name": "Tomas Reed", "role": "chief executive"}]},
        {"id": "MED", "name": "State mediator", "role": "mediator",
         "aliases": ["state mediator", "the mediator",
                     {"name": "Olga Berg", "role": "state mediator"}]},
    ],
    "issues": [
        {"id": "pay", "name": "Pay rise", "options": ["none", "rise"], "status_quo": "none",
         "aliases": ["pay rise", "pay offer", "wages"]},
        {"id": "automation", "name": "Automated cranes", "options": ["planned", "dropped"],
         "status_quo": "planned", "aliases": ["automation", "automated cranes"]},
        {"id": "contracts", "name": "Temporary contracts", "options": ["allowed", "limited"],
         "status_quo": "allowed", "aliases": ["temporary contracts", "agency workers"]},
        {"id": "arbitration", "name": "Compulsory arbitration", "options": ["no", "yes"],
         "status_quo": "no", "aliases": ["compulsory arbitration", "arbitration"]},
        {"id": "ferries", "name": "Ferry services", "options": ["struck", "exempt"],
         "status_quo": "struck", "aliases": ["ferry services", "ferries"]},
    ],
    "preferences": _preferences(("DWF", "BPO", "MED"), _PORT_ISSUES),
}

_TALKS_ISSUES = ("prisoners", "ceasefire", "lists", "corridors")
TALKS = {
    "format": "redline/1",
    "title": "Prisoner talks in Doha",
    "actors": [
        {"id": "GOV", "name": "Chadian government", "role": "party",
         "aliases": ["the government", "government delegation", "N'Djamena",
                     {"name": "Idriss Mahamat", "role": "chief government negotiator"}]},
        {"id": "FFC", "name": "Front for Change", "role": "party",
         "aliases": ["the Front", "FFC", "the rebels",
                     {"name": "Hassan Abakar", "role": "rebel negotiator"}]},
        {"id": "QAT", "name": "Qatar", "role": "mediator", "aliases": ["Doha", "Qatari"]},
        {"id": "UN", "name": "United Nations", "role": "mediator",
         "aliases": ["U.N.", "UN", {"name": "Marta Kovacs", "role": "UN envoy"}]},
        {"id": "CRC", "name": "Red Crescent", "role": "stakeholder",
         "aliases": ["the Red Crescent"]},
        {"id": "FAM", "name": "Families of the Missing Association", "role": "stakeholder",
         "aliases": ["families' association", "the association"]},
    ],
    "issues": [
        {"id": "prisoners", "name": "Prisoner exchange", "options": ["none", "all"],
         "status_quo": "none", "aliases": ["prisoner exchange", "detainees", "prisoners",
                                           "fighters", "soldiers"]},
        {"id": "ceasefire", "name": "Ceasefire", "options": ["no", "yes"],
         "status_quo": "no", "aliases": ["ceasefire", "truce"]},
        {"id": "lists", "name": "Lists of names", "options": ["secret", "shared"],
         "status_quo": "secret", "aliases": ["list of names", "lists of names"]},
        {"id": "corridors", "name": "Aid corridors", "options": ["closed", "open"],
         "status_quo": "closed", "aliases": ["aid corridors", "humanitarian corridors"]},
    ],
    "preferences": _preferences(("GOV", "FFC", "QAT"), _TALKS_ISSUES),
}


@pytest.fixture(scope="module")
def port():
    from redline.scenario import load

    return load(PORT)


@pytest.fixture(scope="module")
def talks():
    from redline.scenario import load

    return load(TALKS)


def _positions(text, scenario):
    return positions(text, scenario, date(2026, 5, 3), talks=False)


# --- 1. pronoun speakers ---------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    # "He"/"She" is the person who spoke last, not a body named in a relative clause
    ("The U.N. envoy, Marta Kovacs, whose office chairs the talks with the Red Crescent, "
     "arrived in Doha on Sunday.\nShe called on them to agree a ceasefire before the holiday.",
     [("UN", "urge", "ceasefire")]),
    ("Hassan Abakar, who met officials of the Red Crescent on Saturday, spoke to reporters "
     "in Doha.\nHe demanded the release of all detainees.", [("FFC", "demand", "prisoners")]),
    ("Olga Berg, whose office has mediated with the port operator since March, said talks "
     "would resume.\nShe urged both sides to accept arbitration.",
     [("MED", "urge", "arbitration")]),
])
def test_a_pronoun_speaker_is_the_last_person(nlp, port, talks, text, expected):
    scenario = talks if "Doha" in text else port
    assert _positions(text, scenario) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # an unnamed spokesperson who said something with no position is still who "He" is
    ("A Red Crescent spokesman in Geneva said the agency had not yet received the lists. "
     "He urged the government to open aid corridors.", [("CRC", "urge", "corridors")]),
    # a role with the name in apposition, the verb misparsed as describing it
    ("Qatar's deputy foreign minister, Khalid al-Mansouri, urged N'Djamena to open aid "
     "corridors. Abakar said the rebels would free 40 soldiers if the truce held.\n"
     "He added that the Front backed the Qatari plan.",
     [("QAT", "urge", "corridors"), ("FFC", "conditional_offer", "prisoners"),
      ("FFC", "support", "corridors")]),  # "the Qatari plan": what Qatar urged
])
def test_unnamed_and_appositive_speakers_are_remembered(nlp, talks, text, expected):
    assert _positions(text, talks) == expected


# --- 2. "N at ORG", a group named as subject ------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    # people of a place are the group whose name holds them, not the place
    ("Families of detained fighters in N'Djamena demanded the release of all detainees.",
     [("FAM", "demand", "prisoners")]),
    # people no scenario group is named for are not the place they are at
    ("Passengers at Baltica Ports rejected the pay offer.", []),
])
def test_people_of_a_place_are_the_group_named_for_them(nlp, port, talks, text, expected):
    assert _positions(text, port if "Baltica" in text else talks) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Dockworkers at Baltica Ports rejected the latest pay offer on Tuesday.",
     [("DWF", "reject", "pay")]),
    ("Dockworkers at the port operator's container terminal demanded a ban on automated "
     "cranes.", [("DWF", "demand", "automation")]),
])
def test_workers_at_a_company_are_their_union(nlp, port, text, expected):
    assert _positions(text, port) == expected


def test_a_group_named_as_subject_is_not_the_place_it_stands(nlp, talks):
    text = ("Women from the families' association held a vigil outside the U.N. offices in "
            "Doha and demanded the release of all detainees.")
    assert _positions(text, talks) == [("FAM", "demand", "prisoners")]


# --- 3. statements and anonymous officials ---------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("DOHA, May 3 - In a statement, the Red Crescent said it was ready to open aid "
     "corridors.", [("CRC", "offer", "corridors")]),
    ("A government official, speaking on condition of anonymity, said the government had "
     "offered to free 200 fighters in return for 80 soldiers.",
     [("GOV", "conditional_offer", "prisoners")]),
])
def test_the_body_or_official_that_speaks_holds_the_position(nlp, talks, text, expected):
    assert _positions(text, talks) == expected


# --- 4 and 5. roles naming a delegation, possessive subjects -------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    # a dateline's state is where the text was filed, not who speaks
    ("DOHA, May 3 - The head of the government delegation, Yusuf Deby, said the government "
     "would not release any fighters.", [("GOV", "reject", "prisoners")]),
    ("DOHA, May 3 - The rebels' chief negotiator said the group wanted a ceasefire before "
     "any exchange.", [("FFC", "demand", "ceasefire")]),
    # the speaker's own words name the party; a body in their relative clause does not
    ("DOHA, May 3 - The head of the government delegation, Yusuf Deby, who met Qatari "
     "officials on Sunday, said N'Djamena wanted a ceasefire.", [("GOV", "demand", "ceasefire")]),
    ("The United States and France urged the rebels to accept the truce.", []),
])
def test_a_role_naming_a_party_speaks_for_it(nlp, talks, text, expected):
    assert _positions(text, talks) == expected


# --- 6. threats written as conditions --------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("The federation said it would respond proportionately if the company hired agency "
     "workers.", [("DWF", "threaten", "contracts")]),
    ("Berg said she would not hesitate to impose compulsory arbitration if the strike went "
     "on.", [("MED", "threaten", "arbitration")]),
    ("Baltica Ports said the ferries would face penalties if the dockworkers blocked them.",
     [("BPO", "threaten", "ferries")]),
])
def test_a_harmful_consequence_under_a_condition_is_a_threat(nlp, port, text, expected):
    assert _positions(text, port) == expected


# --- 7. two positions in one clause, a quoted red line -----------------------------------


def test_seeking_two_things_is_two_demands(nlp, port):
    text = "The federation is seeking a 7 percent pay rise and a ban on automated cranes."
    assert _positions(text, port) == [("DWF", "demand", "pay"), ("DWF", "demand", "automation")]


def test_what_a_demand_is_preferred_to_is_no_demand(nlp, port):
    text = "The federation wanted a three-year wage deal rather than annual pay talks."
    assert [p for p in _positions(text, port) if p[1] == "demand"] == [("DWF", "demand", "pay")]


def test_a_second_object_after_a_time_phrase_is_a_demand_too(nlp, port):
    text = ("The federation is seeking an 8 percent pay rise this year and limits on the use "
            "of agency workers at the container terminal.")
    assert _positions(text, port) == [("DWF", "demand", "pay"), ("DWF", "demand", "contracts")]


@pytest.mark.parametrize("text", [
    "The rebels renewed their demand that the government free all detainees.",
    # an aside after it ("an issue X said ...") does not make X the speaker
    "The Front also renewed its demand that the government free the detainees held in its "
    "northern prisons, an issue government negotiators said had no place in these talks.",
])
def test_a_renewed_demand_is_a_demand(nlp, talks, text):
    assert _positions(text, talks) == [("FFC", "demand", "prisoners")]


def test_that_is_our_red_line_makes_the_refusal_a_red_line(nlp, port):
    text = '"We will not accept temporary contracts. That is our red line," Moreau said.'
    assert _positions(text, port) == [("DWF", "red_line", "contracts")]


# --- 8. concessions done, offers with a price --------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("The federation has exempted ferry services from the strike.",
     [("DWF", "concede", "ferries")]),
    # what is exempted names no issue: what it is exempted from does
    ("The rebels have exempted medical convoys from the truce.",
     [("FFC", "concede", "ceasefire")]),
    ("On Monday the rebels freed 20 soldiers as a goodwill gesture.",
     [("FFC", "concede", "prisoners")]),
    ("The government offered to free 300 fighters in return for an extended truce.",
     [("GOV", "conditional_offer", "prisoners")]),
])
def test_concessions_done_and_offers_with_a_price(nlp, port, talks, text, expected):
    scenario = port if "federation" in text else talks
    assert _positions(text, scenario) == expected


def test_ready_but_only_once_keeps_the_condition(nlp, talks):
    text = "The Front said it was ready to share the list of names, but only once the truce held."
    found = extract_articles(read_text(text, "t.txt"), talks, date(2026, 5, 3)).statements
    assert [(s.resolved.actor, s.stance, s.resolved.issue, s.resolved.condition_issue)
            for s in found] == [("FFC", "conditional_offer", "lists", "ceasefire")]


# --- no position ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "In 2019 the federation rejected a similar pay offer.",
    "Analysts said the rebels could free more soldiers if the truce held.",
    "Would the government free more fighters?",
    "Dockworkers at the port have struck three times since 2015.",
])
def test_background_and_speculation_state_no_position(nlp, port, talks, text):
    scenario = port if "federation" in text or "ockworkers" in text else talks
    assert _positions(text, scenario) == []
