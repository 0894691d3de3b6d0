"""Batch G's and H's failure classes (docs/news.md, "Batch G", "Batch H", "An eighth round"),
each as a rule meant to hold in any article, tested on sentences written for this test about two
made-up disputes (no words of the articles the rules were read on): hospital cleaners against a
health trust, with a conciliation service and a patients' group; Bolivia and Paraguay over a gas
pipeline, with a Mercosur envoy and an exporters' chamber. Each rule has several fresh passages
and look-alikes that must give no position (or not the wrong one)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.news.positions import positions


def _preferences(actors, issues):
    return {who: {"weights": {i: 1 for i in issues},
                  "values": {i: ([0.0, 1.0] if k % 2 else [1.0, 0.0]) for i in issues},
                  "reservation": 0.3} for k, who in enumerate(actors)}


def _issue(ident, name, aliases):
    return {"id": ident, "name": name, "options": ["no", "yes"], "status_quo": "no",
            "aliases": aliases}


_CLEAN_ISSUES = ("wage", "contracts", "shifts", "walkout")
CLEANERS = {
    "format": "redline/1",
    "title": "Hospital cleaners against the Northfield Health Trust",
    "actors": [
        {"id": "HCU", "name": "Hospital Cleaners' Union", "role": "party",
         "aliases": ["the union", "cleaners", {"name": "Grace Mbeki", "role": "union secretary"}]},
        {"id": "NHT", "name": "Northfield Health Trust", "role": "party",
         "aliases": ["the trust", {"name": "Oliver Stanhope", "role": "chief executive"}]},
        {"id": "ACS", "name": "Arbitration and Conciliation Service", "role": "mediator",
         "aliases": ["the conciliation service",
                     {"name": "Rhona Keir", "role": "chief conciliator"}]},
        {"id": "PAT", "name": "Northfield Patients' Voice", "role": "stakeholder",
         "aliases": ["the patients' group"]},
    ],
    "issues": [
        _issue("wage", "Hourly wage", ["hourly wage", "pay rate", "living wage"]),
        _issue("contracts", "Outsourced contracts", ["outsourcing", "outsourced contracts",
                                                     "in-house contracts"]),
        _issue("shifts", "Night shift rota", ["night shifts", "shift rota"]),
        _issue("walkout", "The walkout", ["walkout", "strike"]),
    ],
    "preferences": _preferences(("HCU", "NHT"), _CLEAN_ISSUES),
}

_GAS_ISSUES = ("price", "volume", "arbitration")
PIPELINE = {
    "format": "redline/1",
    "title": "Bolivia and Paraguay over the Chaco gas pipeline",
    "actors": [
        {"id": "BOL", "name": "Bolivia", "role": "party",
         "aliases": ["La Paz", "Bolivian", {"name": "Jorge Quispe", "role": "energy minister"}]},
        {"id": "PRY", "name": "Paraguay", "role": "party",
         "aliases": ["Asuncion", "Paraguayan",
                     {"name": "Lucia Benitez", "role": "industry secretary"}]},
        {"id": "MSR", "name": "Mercosur", "role": "mediator",
         "aliases": [{"name": "Tomas Ferreyra", "role": "Mercosur envoy"}]},
        {"id": "URY", "name": "Uruguay", "role": "mediator",
         "aliases": ["Montevideo", "Uruguayan officials"]},
        {"id": "CHX", "name": "Chaco Exporters' Chamber", "role": "stakeholder",
         "aliases": ["the chamber", "exporters"]},
    ],
    "issues": [
        _issue("price", "Gas price", ["gas price", "price per million BTU", "price formula"]),
        _issue("volume", "Contracted volume", ["volumes", "contracted volume", "daily volume"]),
        _issue("arbitration", "Arbitration of the dispute", ["arbitration", "arbitral panel"]),
    ],
    "preferences": _preferences(("BOL", "PRY"), _GAS_ISSUES),
}

SCENARIOS = {"cleaners": CLEANERS, "pipeline": PIPELINE}


@pytest.fixture(scope="module")
def scenarios(nlp):
    from redline.scenario import load

    return {name: load(data) for name, data in SCENARIOS.items()}


def _positions(text, scenario):
    return positions(text, scenario, date(2026, 6, 9), talks=False)


# --- 1. a position whose object names no issue ----------------------------------------------


@pytest.mark.parametrize(("which", "text", "expected"), [
    # a red line that points back ("That is the minimum", "It is non-negotiable") defends what
    # the same speaker said just before it
    ("cleaners", 'The union said the trust must raise the hourly wage to 14 pounds. "That is the '
                 'minimum, and it is not negotiable," Grace Mbeki said.',
     [("HCU", "demand", "wage"), ("HCU", "red_line", "wage")]),
    ("pipeline", 'Bolivia wants a higher gas price under the new contract. "It is '
                 'non-negotiable," Jorge Quispe told reporters.',
     [("BOL", "demand", "price"), ("BOL", "red_line", "price")]),
    # a refusal whose object is no issue of the scenario, in the same speaker's run
    ("pipeline", "Paraguay offered to raise the daily volume it buys by a fifth. Lucia Benitez "
                 "said Asuncion would not accept paying for gas it could not burn.",
     [("PRY", "offer", "volume"), ("PRY", "reject", "volume")]),
    # with nothing before it by that speaker, the statement just after it says what it is about
    ("cleaners", "Stanhope said the trust could not afford it and would not agree. He said the "
                 "trust was ready to raise the pay rate by 2 percent.",
     [("NHT", "reject", "wage"), ("NHT", "offer", "wage")]),
    # said again, it is one position
    ("pipeline", 'Jorge Quispe said Bolivia wants a higher gas price. "It is not negotiable," he '
                 'said. "It is not negotiable," he repeated.',
     [("BOL", "demand", "price"), ("BOL", "red_line", "price")]),
])
def test_a_position_about_no_issue_takes_the_speakers_issue(scenarios, which, text, expected):
    assert _positions(text, scenarios[which]) == expected


@pytest.mark.parametrize(("which", "text", "expected"), [
    # nothing the speaker said nearby names an issue: no position
    ("cleaners", "The trust rejected it on Tuesday.", []),
    ("cleaners", "The trust said it would not accept the union's terms.", []),
    # history with no issue of the scenario
    ("cleaners", "A hospital in the city said in 2019 that it had not agreed to any change.", []),
    # another side speaks in between: the pointing red line has nothing of its speaker's to
    # point at, and is not given the other side's issue
    ("cleaners", 'The union demanded a living wage. The trust offered to review the night '
                 'shifts. "It is not negotiable," Mbeki said.',
     [("HCU", "demand", "wage"), ("NHT", "offer", "shifts")]),
])
def test_no_position_when_nothing_names_the_issue(scenarios, which, text, expected):
    assert _positions(text, scenarios[which]) == expected


# --- 2. who speaks ---------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    # "The minister" after the talks' host is named: the scenario person who holds that office
    ("Talks opened in Montevideo, with Uruguayan officials in the chair. The minister said the "
     "government was willing to accept an arbitral panel.", [("BOL", "offer", "arbitration")]),
    ("Talks opened in Montevideo, with Uruguayan officials in the chair. The secretary said the "
     "government would not accept a higher gas price.", [("PRY", "reject", "price")]),
    ("Talks opened in Montevideo, with Uruguayan officials in the chair. The envoy urged both "
     "sides to agree on volumes.", [("MSR", "urge", "volume")]),
])
def test_a_speaker_named_by_office(scenarios, text, expected):
    assert _positions(text, scenarios["pipeline"]) == expected


@pytest.mark.parametrize(("which", "text", "expected"), [
    # a mediator (a stakeholder) reporting what one side did or will do: that side's position
    ("pipeline", "Tomas Ferreyra said Bolivia had offered to accept an arbitral panel.",
     [("BOL", "offer", "arbitration")]),
    ("pipeline", "Uruguayan officials said Paraguay was ready to buy larger volumes if the gas "
                 "price fell.", [("PRY", "conditional_offer", "volume")]),
    ("cleaners", "Rhona Keir said the trust had offered to review the night shifts.",
     [("NHT", "offer", "shifts")]),
    ("cleaners", "Rhona Keir told reporters that the union would not suspend the walkout.",
     [("HCU", "reject", "walkout")]),
    # the mediator's own words stay its own: an appeal, what a side "should" do, itself as
    # subject, a subject that is not the side itself, the speaker's own second verb
    ("pipeline", "Tomas Ferreyra urged Bolivia to accept an arbitral panel.",
     [("MSR", "urge", "arbitration")]),
    # (what a side "should" do was read as nothing until the twenty-seventh round; from a
    # mediator it is an appeal, as "urged" is)
    ("pipeline", "Tomas Ferreyra said Bolivia should accept an arbitral panel.",
     [("MSR", "urge", "arbitration")]),
    ("pipeline", "Tomas Ferreyra said he was ready to chair an arbitral panel.",
     [("MSR", "offer", "arbitration")]),
    ("pipeline", "Tomas Ferreyra said Bolivian companies were ready to accept an arbitral "
                 "panel.", [("MSR", "offer", "arbitration")]),
    ("cleaners", "The patients' group said the trust had been wrong to cut the night shifts and "
                 "demanded a living wage for cleaners.", [("PAT", "demand", "wage")]),
])
def test_a_mediator_reporting_a_side(scenarios, which, text, expected):
    assert _positions(text, scenarios[which]) == expected


# --- 3. neighbouring stances and second objects -------------------------------------------


@pytest.mark.parametrize(("which", "text", "expected"), [
    # "could go further only if ...": more of what the speaker offered before, a conditional
    # offer on that issue (not a demand on the condition's issue)
    ("pipeline", "Paraguay offered to buy a larger daily volume. Lucia Benitez said Asuncion "
                 "could go further only if Bolivia accepted an arbitral panel.",
     [("PRY", "offer", "volume"), ("PRY", "conditional_offer", "volume")]),
    ("cleaners", "The trust offered to review the night shifts. Stanhope said the trust could "
                 "go further if the cleaners called off the walkout.",
     [("NHT", "offer", "shifts"), ("NHT", "conditional_offer", "shifts")]),
    # with no offer before, nothing says what "further" is: no position
    ("cleaners", "Stanhope said the trust could go further only if the union accepted "
                 "arbitration.", []),
])
def test_going_further_is_more_of_the_earlier_offer(scenarios, which, text, expected):
    assert _positions(text, scenarios[which]) == expected


def test_what_a_side_will_do_if_the_talks_fail_is_a_threat(scenarios):
    found = _positions("Mbeki said the union was willing to work extra night shifts. If the "
                       "negotiations collapse, the cleaners will stay out for a month, she said.",
                       scenarios["cleaners"])
    assert [(a, s) for a, s, _ in found] == [("HCU", "offer"), ("HCU", "threaten")]
    # a fallback accepted if the talks broke down is still an offer
    assert _positions("Quispe said Bolivia would accept arbitration if the talks broke down.",
                      scenarios["pipeline"]) == [("BOL", "conditional_offer", "arbitration")]


@pytest.mark.parametrize(("which", "text", "expected"), [
    # two things asked (refused) at once, the second after "as well as": two positions
    ("cleaners", "The union demanded a living wage, as well as an end to outsourcing.",
     [("HCU", "demand", "wage"), ("HCU", "demand", "contracts")]),
    ("cleaners", "The union wants a living wage as well as fewer night shifts.",
     [("HCU", "demand", "wage"), ("HCU", "demand", "shifts")]),
    ("pipeline", "Bolivia is demanding a higher gas price, as well as a larger contracted "
                 "volume.", [("BOL", "demand", "price"), ("BOL", "demand", "volume")]),
    ("cleaners", "The union rejected the night shifts, as well as the outsourcing plan.",
     [("HCU", "reject", "shifts"), ("HCU", "reject", "contracts")]),
    # a second thing that is no issue, or the same issue again: one position
    ("cleaners", "The union demanded a living wage, as well as respect from managers.",
     [("HCU", "demand", "wage")]),
    ("cleaners", "The union demanded a living wage, as well as a higher hourly wage for night "
                 "work.", [("HCU", "demand", "wage")]),
])
def test_a_second_object_after_as_well_as(scenarios, which, text, expected):
    assert _positions(text, scenarios[which]) == expected


def test_a_sides_proposal_on_a_named_issue(scenarios):
    # "rejected the Paraguayan proposal on an arbitral panel": of that side's positions, the
    # one on the issue the sentence names, not its last one
    found = _positions("Paraguay demanded arbitration. Paraguay offered to buy larger volumes. "
                       "Quispe rejected the Paraguayan proposal on an arbitral panel, saying it "
                       "favoured Asuncion.", scenarios["pipeline"])
    assert found[:3] == [("PRY", "demand", "arbitration"), ("PRY", "offer", "volume"),
                         ("BOL", "reject", "arbitration")]


def test_function_words_of_a_long_issue_name_name_nothing(nlp):
    from redline.news.scenario_names import ScenarioNames
    from redline.scenario import load

    data = {**CLEANERS, "issues": [*CLEANERS["issues"], _issue(
        "audits", "Hygiene audits for wards that stay open", ["hygiene audits"])],
        "preferences": _preferences(("HCU", "NHT"), (*_CLEAN_ISSUES, "audits"))}
    names = ScenarioNames.of(load(data))
    said = "The trust said that it would keep the outsourced contracts."
    assert {m.id for m in names.issues.find(said)} == {"contracts"}
    assert {m.id for m in names.issues.find("wards stay open")} == {"audits"}


# --- 4. sentences after a headline with no stop ---------------------------------------------


@pytest.mark.parametrize(("headline", "lede", "subject"), [
    ("Cleaners Hold Out for Living Wage as Hospital Talks Stall",
     "Hospital cleaning staff said on Monday they would strike.", "Hospital cleaning staff"),
    ("Andean Producers Dig In as Gas Talks Stall",
     "Bolivian energy officials said on Monday they would block any contract.",
     "Bolivian energy officials"),
    ("Growers Hold Out for Higher Prices as Cocoa Talks Stall",
     "Ivorian cocoa growers said on Friday they would not sell below the floor price.",
     "Ivorian cocoa growers"),
])
def test_no_sentence_starts_inside_a_line(nlp, headline, lede, subject):
    from redline.news.language import pipeline

    doc = pipeline()(f"{headline}\n\n          {lede} Talks go on. He said no more.")
    sentences = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sentences == [headline, lede, "Talks go on.", "He said no more."]
    assert sentences[1].startswith(subject)
