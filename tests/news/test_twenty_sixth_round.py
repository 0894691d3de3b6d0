"""The twenty-sixth round (docs/news.md, "A twenty-sixth round"), read from batch BBD and, after
their first runs, from batches BBE and BBF, whose expected positions give the sentence that
carries each: an act announced with ", she warned" at the end is the warner's; a doer that
names no actor ("members would begin ...") acts for the one who warns; "agreed to a 2 percent
cut" is a concession even where the tagger reads "cut" as a verb; "any settlement that ... will
not carry our signature" and "no settlement ... will ..." rule out every deal of the kind; a
person quoted by a name after the first ("Ramliana" for Lal Ramliana Bawm) is that person; a
demand of two acts joined by "and to" is two positions when the second names another issue or
one of its options. Sentences and made-up disputes written for this test."""

from __future__ import annotations

import pytest

from redline.scenario import load
from tests.news.made_up import DAY, preferences
from tests.news.positions import positions

HILLS = {
    "format": "redline/1",
    "title": "The hill front and the government of Norland",
    "actors": [
        {"id": "NOR", "name": "Norland", "role": "party", "aliases": ["the government"]},
        {"id": "HLF", "name": "Hill Liberation Front", "role": "party",
         "aliases": ["the front", {"name": "Tan Koru Velasi", "role": "chief negotiator"}]},
    ],
    "issues": [
        {"id": "camps", "name": "Army camps in the hills", "options": ["stay", "gone"],
         "status_quo": "stay", "aliases": ["army camps"],
         "option_aliases": {"gone": ["close the camps"]}},
        {"id": "prisoners", "name": "Release of detained villagers", "options": ["held", "freed"],
         "status_quo": "held", "aliases": ["detained villagers"],
         "option_aliases": {"freed": ["release the villagers it holds"]}},
        {"id": "rifles", "name": "The front's rifles", "options": ["kept", "stored"],
         "status_quo": "kept", "aliases": ["rifles"]},
    ],
    "preferences": preferences(("NOR", "HLF"), ("camps", "prisoners", "rifles")),
}


def _positions(text, scenario):
    return positions(text, scenario, DAY, talks=False)


def test_a_closing_warned_names_who_threatens(made_up):
    text = ("Union leader Maria Okafor said dockers would not accept the pay offer. Members "
            "would begin a walkout at the main terminal on Monday unless the operator raised its "
            "pay offer, she warned.")
    found = _positions(text, made_up["docks"])
    assert ("DWU", "threaten", "strike") in found
    assert not any(actor == "PKO" for actor, _stance, _issue in found)


def test_a_doer_named_by_no_actor_acts_for_the_warner(made_up):
    text = ("Maria Okafor said dockers would not accept the pay offer. She warned that members "
            "would stage a walkout at the main terminal if the operator cut the pay rise.")
    found = _positions(text, made_up["docks"])
    assert ("DWU", "threaten", "strike") in found
    assert ("PKO", "threaten", "strike") not in found


def test_a_cut_agreed_to_is_a_concession(made_up):
    text = "The union agreed last week to a 5 percent cut in the pay rise."
    assert _positions(text, made_up["docks"]) == [("DWU", "concede", "pay")]


@pytest.mark.parametrize("text", [
    "Any settlement that cuts the pay rise will not carry our signature, Okafor said.",
    "No settlement with the operator will cut the pay rise, Okafor said.",
])
def test_every_deal_of_a_kind_ruled_out(made_up, text):
    assert _positions(text, made_up["docks"]) == [("DWU", "red_line", "pay")]


def test_any_settlement_the_side_will_sign_is_no_limit(made_up):
    # "any" with no "not": an offer to sign whatever comes, not a red line
    text = "Any settlement that raises the pay rise will carry our signature, Okafor said."
    assert ("DWU", "red_line", "pay") not in _positions(text, made_up["docks"])


def test_a_person_quoted_by_a_later_name():
    text = ("The front's chief negotiator, Tan Koru Velasi, met the government on Tuesday. "
            "Koru said the front would never hand over its rifles.")
    assert ("HLF", "red_line", "rifles") in _positions(text, load(HILLS))


def test_a_later_name_held_by_two_sides_names_neither():
    data = {**HILLS, "actors": [
        {"id": "NOR", "name": "Norland", "role": "party",
         "aliases": [{"name": "Ana Koru Lind", "role": "home minister"}]},
        HILLS["actors"][1]]}
    text = "Koru said the front would never hand over its rifles."
    assert not any(actor == "HLF" for actor, _s, _i in _positions(text, load(data)))


def test_two_acts_asked_for_are_two_positions():
    text = ("The front wants the army to close the camps in the north and to release the "
            "villagers it holds without trial, its negotiators said.")
    found = _positions(text, load(HILLS))
    assert ("HLF", "demand", "camps") in found
    assert ("HLF", "demand", "prisoners") in found


def test_a_quote_of_two_sentences_is_spoken_by_who_closes_it(made_up):
    # the first sentence's own subject is "we": the one the closing words name speaks
    text = ('"We will never accept automated cranes at this port. That question is closed," '
            'union leader Maria Okafor said.')
    assert ("DWU", "red_line", "cranes") in _positions(text, made_up["docks"])


def test_what_a_running_quote_points_back_at(made_up):
    text = ('"Automated cranes stay out of this port. That part of the deal is not '
            'negotiable," Okafor said.')
    assert _positions(text, made_up["docks"]) == [("DWU", "red_line", "cranes")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Okafor said the union would not put its signature on any pay rise below 6 percent.",
     ("DWU", "red_line", "pay")),
    ("But Okafor said the union would sign nothing without a clause that bans automated "
     "cranes.", ("DWU", "red_line", "cranes")),
    ("Okafor said there would be no end to the walkout at all without a pay rise.",
     ("DWU", "red_line", "pay")),
    ("Until the walkout ends, there will be no pay rise of any size, Dahl said.",
     ("PKO", "red_line", "pay")),
])
def test_limits_and_preconditions(made_up, text, expected):
    assert expected in _positions(text, made_up["docks"])


def test_no_precondition_where_nothing_is_withheld(made_up):
    text = "Dahl said there would be no pay rise this year."
    assert ("PKO", "red_line", "pay") not in _positions(text, made_up["docks"])


def test_leaving_the_market_at_a_price_is_a_threat(made_up):
    text = ("If the union extends the strike, the operator will wind down its container "
            "business at the port, Dahl said.")
    found = _positions(text, made_up["docks"])
    assert ("PKO", "threaten", "strike") in found
    assert ("PKO", "conditional_offer", "strike") not in found


def test_a_threat_over_an_option_named_in_its_condition():
    data = {**HILLS, "issues": [*HILLS["issues"][:2], {
        "id": "rifles", "name": "The front's rifles", "options": ["kept", "stored"],
        "status_quo": "kept", "aliases": ["rifles"],
        "option_aliases": {"stored": ["depots under guard"]}}]}
    text = ("If the government insists on depots under guard, the front will resume its "
            "attacks on convoys, Velasi said.")
    assert ("HLF", "threaten", "rifles") in _positions(text, load(data))


def test_a_name_outranks_a_word_of_another_issues_name():
    # "villagers" is a word of the prisoners issue's name; "army camps" names the camps
    text = ("The front demanded the release of the detained villagers. The government rejected "
            "the call to remove the army camps, saying they protected villagers.")
    assert ("NOR", "reject", "camps") in _positions(text, load(HILLS))
