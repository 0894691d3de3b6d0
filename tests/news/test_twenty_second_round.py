"""The twenty-second round (docs/news.md, "A twenty-second round"), read from the development
batches' misses: a person of the scenario named on second mention by the name the press uses
("Choi" for Choi Min-jae, "Sabri" for Khalid al-Sabri, "Yusuf" for Yusuf Ma-ali), and a threat
or an offer that names nothing at stake, which is about what its speaker is fighting for in the
article. Sentences and a made-up shipyard dispute written for this test."""

from __future__ import annotations

import pytest

from redline.news.scenario_names import short_names
from redline.scenario import load
from tests.news.made_up import DAY, issue, preferences
from tests.news.positions import positions

YARD = {
    "format": "redline/1",
    "title": "Wages and the damages suit at the Haedo shipyard",
    "actors": [
        {"id": "UNI", "name": "Haedo Metalworkers' Union", "role": "party",
         "aliases": ["the union", {"name": "Choi Min-jae", "role": "union leader"}]},
        {"id": "YRD", "name": "Haedo Shipbuilding", "role": "party",
         "aliases": ["the shipbuilder", {"name": "Wang Lifen", "role": "spokeswoman"},
                     {"name": "Kim Do-hyun", "role": "finance director"}]},
        {"id": "MIN", "name": "Labour ministry", "role": "mediator",
         "aliases": ["the ministry", {"name": "Khalid al-Sabri", "role": "labour minister"}]},
        {"id": "REB", "name": "Coastal Front", "role": "party",
         "aliases": ["the front", {"name": "Yusuf Ma-ali", "role": "chief negotiator"},
                     {"name": "Maria Okonjo", "role": "spokeswoman"}]},
        {"id": "CLU", "name": "Clerks' Union", "role": "stakeholder",
         "aliases": [{"name": "Kim Sun-hee", "role": "president"}]},
    ],
    "issues": [issue("wage", "Wage rise", ["wage rise", "pay rise"]),
               issue("suit", "Damages suit", ["damages suit", "the suit"])],
    "preferences": preferences(("UNI", "YRD", "REB"), ("wage", "suit")),
}


@pytest.mark.parametrize(("name", "short"), [
    ("Choi Min-jae", ("Min-jae", "Choi")),  # family name first, given name hyphenated
    ("Wang Lifen", ("Lifen", "Wang")),  # a family name that comes first
    ("Khalid al-Sabri", ("Sabri",)),  # an article written onto the family name
    ("Yusuf Ma-ali", ("Ma-ali", "Yusuf")),  # hyphenated given name: called by the first
    ("Maria Okonjo", ("Okonjo",)),  # the usual order: the last name only
    ("Prabowo", ()),  # one name: no short form
])
def test_short_names_of_a_person(name, short):
    assert short_names(name) == short


@pytest.mark.parametrize(("text", "expected"), [
    ('"A wage rise above 8 percent is out of the question," Wang said.',
     [("YRD", "red_line", "wage")]),
    ("Choi rejected the wage rise as too small.", [("UNI", "reject", "wage")]),
    ("Sabri urged both sides to settle the damages suit out of court.",
     [("MIN", "urge", "suit")]),
    ("Yusuf said the front would drop the damages suit if the shipbuilder paid the wage rise.",
     [("REB", "conditional_offer", "suit")]),
])
def test_a_person_named_on_second_mention_speaks_for_their_side(text, expected):
    assert positions(text, load(YARD), DAY, talks=False) == expected


@pytest.mark.parametrize("text", [
    # the usual order: a first name is no short name
    "Maria rejected the wage rise as too small.",
    # "Kim" names two people of two actors: it names neither
    "Kim rejected the wage rise as too small.",
])
def test_a_first_name_or_a_shared_name_names_no_one(text):
    assert positions(text, load(YARD), DAY, talks=False) == []


def test_a_threat_that_names_nothing_is_about_its_speakers_fight():
    text = ("The union is demanding a wage rise of 9 percent. The ministry urged both sides to "
            "keep talking. The union also warned it would take the shipbuilder to court.")
    assert ("UNI", "threaten", "wage") in positions(text, load(YARD), DAY, talks=False)


def test_an_offer_that_names_nothing_is_about_its_speakers_fight():
    text = ("The shipbuilder has refused to withdraw the damages suit. The union urged the "
            "ministry to step in. The shipbuilder said it would be prepared to fold the 40 "
            "dismissed welders back into its own workforce.")
    assert ("YRD", "offer", "suit") in positions(text, load(YARD), DAY, talks=False)


def test_an_appeal_that_names_nothing_keeps_no_issue():
    # an appeal to return to the table is about no issue, whatever its speaker said before
    text = ("The ministry urged the shipbuilder to withdraw the damages suit. Sabri later "
            "urged both sides to come back to the table on Monday.")
    found = positions(text, load(YARD), DAY, talks=False)
    assert ("MIN", "urge", None) in found


def test_a_shared_short_name_resolves_no_speaker():
    # "Kim" is held by people of two actors (the shipbuilder's finance director, the clerks'
    # president): as a speaker it names neither, as the name index does
    from redline.news.resolution import _person
    from redline.news.scenario_names import ScenarioNames

    names = ScenarioNames.of(load(YARD))
    assert _person("Kim", names) is None
    assert _person("Choi", names) == ("UNI", "person 'Choi Min-jae'")
