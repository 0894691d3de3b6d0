"""Statements resolved to a scenario's ids: actors by person, code or name; issues by the issue
phrase, else the sentence; options; the issue a condition asks for; None where the text is
silent or ambiguous, and a record of what matched."""

from __future__ import annotations

import pytest

from redline.news.resolution import resolve
from redline.news.scenario_names import ScenarioNames
from redline.news.statement import Statement


@pytest.fixture
def us_iran(examples):
    from redline.scenario import load

    return load(examples / "us-iran-2026.yaml")


def said(sentence, stance="red_line", actor=None, **more):
    return Statement(actor=actor, stance=stance, sentence=sentence, start=0, end=len(sentence),
                     source="t", rule="TEST", confidence=0.8, **more)


def test_a_quoted_person_names_the_actor_even_against_the_code(us_iran):
    s = said("Netanyahu said a deal without missile limits would be a mistake.", "reject",
             actor="IRN", speaker="Benjamin Netanyahu", issue="deal")
    r = resolve(s, us_iran)
    assert r.actor == "ISR" and r.matched["actor"] == "person 'Benjamin Netanyahu'"
    # a surname alone is the same person
    assert resolve(said("x", actor=None, speaker="Araghchi"), us_iran).actor == "IRN"


def test_code_and_generic_codes(us_iran):
    assert resolve(said("Iran said so.", actor="IRN"), us_iran).matched["actor"] == "code IRN"
    # an organisation code names no actor: the text does ("Omani officials")
    r = resolve(said("Omani officials said the talks would go on.", "consult", actor="IGO"),
                us_iran)
    assert r.actor == "OMN" and r.matched["actor"] == "sentence before the issue: alias 'Omani'"
    # a state the scenario does not have stays unresolved, even if a party is named
    r = resolve(said("France urged Iranian negotiators to accept.", "urge", actor="FRA"), us_iran)
    assert r.actor is None and "actor" not in r.matched


def test_a_capital_as_a_place_is_not_the_speaker(us_iran):
    r = resolve(said("Officials meeting in Muscat said Tehran wanted more time.", "demand"),
                us_iran)
    assert r.actor == "IRN" and "Tehran" in r.matched["actor"]


def test_acronyms_match_in_capitals_only(us_iran):
    # "us" is a pronoun, "US" the United States
    assert resolve(said("Let us be clear: this is a red line."), us_iran).actor is None
    assert resolve(said("US officials called it a red line."), us_iran).actor == "USA"


def test_issue_from_the_phrase_then_the_sentence_never_a_guess(us_iran):
    r = resolve(said("The missile programme is a red line, he said.", actor="IRN",
                     issue="missile programme"), us_iran)
    assert r.issue == "missiles" and r.matched["issue"].startswith("issue phrase")
    # no issue phrase: the one issue the sentence names
    r = resolve(said("Iran drew a red line on enrichment.", actor="IRN"), us_iran)
    assert r.issue == "enrichment" and r.matched["issue"].startswith("sentence")
    # two issues and no phrase to choose: unresolved
    r = resolve(said("Iran drew red lines on enrichment and missiles.", actor="IRN"), us_iran)
    assert r.issue is None and "issue" not in r.matched
    # a phrase that names no issue is not replaced by a guess from the sentence
    r = resolve(said("Iran rejected the proposal, citing sanctions.", "reject", actor="IRN",
                     issue="proposal"), us_iran)
    assert r.issue is None


def test_option_named_by_its_alias_and_the_price_of_an_offer(us_iran):
    s = said("Tehran would cap enrichment at 3.67 percent if oil sanctions were lifted.",
             "conditional_offer", actor="IRN", issue="enrichment",
             issue_text="enrichment at 3.67 percent", condition="oil sanctions were lifted")
    r = resolve(s, us_iran)
    assert (r.actor, r.issue, r.option, r.condition_issue) == ("IRN", "enrichment",
                                                               "cap-3.67pct", "sanctions")
    assert r.matched["option"] == "issue phrase: alias '3.67 percent'"
    assert r.matched["condition_issue"] == "condition: id 'sanctions'"
    # the option of the condition is not the option of the offer
    s2 = said("Iran would accept inspections if Washington agreed to full sanctions relief.",
              "conditional_offer", actor="IRN", issue="inspections",
              condition="Washington agreed to full sanctions relief")
    assert resolve(s2, us_iran).option is None


def test_addressee_by_code_and_never_the_actor_itself(us_iran):
    r = resolve(said("Israel urged Washington to insist on missile limits.", "urge", actor="ISR",
                     addressee="USA", issue="insist limits",
                     issue_text="to insist on missile limits"), us_iran)
    assert (r.actor, r.addressee, r.issue) == ("ISR", "USA", "missiles")
    r = resolve(said("x", "urge", actor="USA", addressee="USA"), us_iran)
    assert r.addressee is None and "addressee" not in r.matched


def test_resolution_is_recorded_and_deterministic(us_iran):
    s = said("Araghchi said enrichment is a red line.", actor="IRN", speaker="Abbas Araghchi",
             issue="enrichment")
    names = ScenarioNames.of(us_iran)
    first, second = resolve(s, us_iran, names), resolve(s, us_iran)
    assert first == second and first.scenario == us_iran.title
    assert first.to_dict()["matched"] == {"actor": "person 'Abbas Araghchi'",
                                          "issue": "issue phrase: id 'enrichment'"}


def test_a_threat_whose_act_names_no_issue_is_about_its_condition(us_iran):
    s = said("Iran warned it would walk out if inspectors entered military sites.", "threaten",
             actor="IRN", issue="walk out", condition="inspectors entered military sites")
    r = resolve(s, us_iran)
    assert r.issue == "inspections" and r.matched["issue"].startswith("threat's condition")
    # an act that names an issue keeps it
    s = said("Washington threatened new sanctions if enrichment resumed.", "threaten",
             actor="USA", issue="new sanctions", condition="enrichment resumed")
    assert resolve(s, us_iran).issue == "sanctions"
    # other stances do not borrow their condition's issue
    s = said("Iran would talk if enrichment were allowed.", "conditional_offer", actor="IRN",
             issue="talk", condition="enrichment were allowed")
    assert resolve(s, us_iran).issue is None


def test_coordinated_speakers_of_one_scenario_actor_are_one_position():
    from redline.news.resolution import resolve_statements
    from redline.scenario import load

    e3 = load({
        "format": "redline/1", "title": "e3",
        "actors": [{"id": "E3", "name": "E3", "role": "party", "aliases": ["FRA", "DEU", "GBR"]},
                   {"id": "IRN", "name": "Iran", "role": "party"}],
        "issues": [{"id": "snapback", "name": "Snapback", "options": ["off", "on"],
                    "status_quo": "off"}],
        "preferences": {a: {"weights": {"snapback": 1}, "values": {"snapback": [0, 1]}}
                        for a in ("E3", "IRN")}})
    text = "France, Germany and Britain warned of a snapback."
    three = [said(text, "threaten", actor=code, issue="snapback") for code in ("FRA", "DEU", "GBR")]
    later = said("Britain warned of a snapback.", "threaten", actor="GBR", issue="snapback")
    later = Statement(**{**later.to_dict(), "start": 100, "resolved": None})
    out = resolve_statements([*three, later], e3)
    assert [(s.actor, s.resolved.actor) for s in out] == [("FRA", "E3"), ("GBR", "E3")]


def test_a_non_state_speakers_body_names_the_actor():
    from redline.scenario import load

    port = load({
        "format": "redline/1", "title": "port strike",
        "actors": [{"id": "DOCK", "name": "Dockworkers", "role": "party",
                    "aliases": ["Transport and Dock Union"]},
                   {"id": "PORTS", "name": "Port employers", "role": "party"}],
        "issues": [{"id": "pay", "name": "Pay", "options": ["freeze", "rise"],
                    "status_quo": "freeze"}],
        "preferences": {a: {"weights": {"pay": 1}, "values": {"pay": [0, 1]}, "reservation": 0}
                        for a in ("DOCK", "PORTS")}})
    # The extractor gives a union's spokesman no state, only its sector and its body's name.
    s = said("The union's spokesman said a pay freeze was out of the question.", actor=None,
             speaker="a spokesman", sector="union", group="Transport and Dock Union")
    r = resolve(s, port)
    assert r.actor == "DOCK" and r.matched["actor"].startswith("speaker's body")
    assert resolve(said(s.sentence, actor=None, sector="union"), port).actor is None
