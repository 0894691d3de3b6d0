"""The classes read on batch F (docs/news.md, "Batch F" and "A seventh round"), each as a
general rule, tested on sentences written for this test about three made-up disputes (no words
of any article the rules were measured on): bus drivers against a city transit authority, with
a workers' confederation and a council finance committee; Guyana and Suriname over their river
border, a joint fishery and timber concessions, with a CARICOM envoy, Brazil and a loggers'
association; Zambia and a power producer over its tariff and licence. Each rule has several
fresh sentences, and negative cases (background, questions, speculation, descriptions) that must
give no position."""

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


_BUS_ISSUES = ("pay", "backpay", "review", "sickrule", "routes", "strike")
BUS = {
    "format": "redline/1",
    "title": "Bus drivers' dispute with the city transit authority",
    "actors": [
        {"id": "BDU", "name": "Bus Drivers' Union", "role": "party",
         "aliases": ["the union", "drivers", {"name": "Karen Otieno", "role": "union leader"}]},
        {"id": "CTA", "name": "City Transit Authority", "role": "party",
         "aliases": ["the authority", "the city",
                     {"name": "Paul Nkemba", "role": "transport commissioner"}]},
        {"id": "TWC", "name": "Transport Workers' Confederation", "role": "stakeholder",
         "aliases": ["the confederation"]},
        {"id": "FIN", "name": "Council finance committee", "role": "stakeholder",
         "aliases": ["finance committee"]},
    ],
    "issues": [
        _issue("pay", "Pay rise", ["pay rise", "wages", "one-off bonus"]),
        _issue("backpay", "Back pay owed to drivers", ["back pay", "unpaid overtime"]),
        _issue("review", "Review of drivers' pay scales", ["pay review", "review of pay scales"]),
        _issue("sickrule", "The sick-leave rule", ["sick-leave rule"]),
        _issue("routes", "Night routes", ["night routes", "night buses"]),
        _issue("strike", "The strike", ["strike", "stop work", "walkout"]),
    ],
    "preferences": _preferences(("BDU", "CTA"), _BUS_ISSUES),
}

_RIVER_ISSUES = ("border", "fishery", "concessions")
RIVER = {
    "format": "redline/1",
    "title": "Guyana and Suriname on the river border",
    "actors": [
        {"id": "GUY", "name": "Guyana", "role": "party",
         "aliases": ["Georgetown", "Guyanese", {"name": "Mark Persaud", "role": "envoy"}]},
        {"id": "SUR", "name": "Suriname", "role": "party",
         "aliases": ["Paramaribo", "Surinamese", {"name": "Lia Venetiaan", "role": "minister"}]},
        {"id": "CAR", "name": "CARICOM", "role": "mediator",
         "aliases": [{"name": "Ana Lopes", "role": "CARICOM special envoy"}]},
        {"id": "BRA", "name": "Brazil", "role": "stakeholder", "aliases": ["Brasilia"]},
        {"id": "LOG", "name": "Upper River Loggers' Association", "role": "stakeholder",
         "aliases": ["loggers' association", "loggers"]},
    ],
    "issues": [
        _issue("border", "The river border", ["border", "tribunal's award", "the award"]),
        _issue("fishery", "Joint fishery on the lower river",
               ["joint fishery", "fish jointly", "share the catch"]),
        _issue("concessions", "Timber concessions in the disputed forest",
               ["timber concessions", "concession round", "logging"]),
    ],
    "preferences": _preferences(("GUY", "SUR"), _RIVER_ISSUES),
}

_POWER_ISSUES = ("tariff", "arrears", "licence")
POWER = {
    "format": "redline/1",
    "title": "Zambia and Kafue Power over the power tariff",
    "actors": [
        {"id": "ZMB", "name": "Zambian government", "role": "party",
         "aliases": ["Zambia", "Lusaka", "the government"]},
        {"id": "KPW", "name": "Kafue Power", "role": "party",
         "aliases": ["the company", "the producer"]},
    ],
    "issues": [
        _issue("tariff", "Power tariff", ["tariff", "price per unit"]),
        _issue("arrears", "Arrears owed to the producer", ["arrears", "unpaid bills"]),
        _issue("licence", "Renewal of the generation licence", ["licence", "license"]),
    ],
    "preferences": _preferences(("ZMB", "KPW"), _POWER_ISSUES),
}


@pytest.fixture(scope="module")
def scenarios(nlp):
    from redline.scenario import load

    return {"bus": load(BUS), "river": load(RIVER), "power": load(POWER)}


def _positions(text, scenario):
    return positions(text, scenario, date(2026, 6, 9), talks=False)


# --- 1. stance near-misses ---------------------------------------------------------------


@pytest.mark.parametrize(("which", "text", "expected"), [
    # a negotiating side that asks the other to act states what it wants done: a demand
    ("bus", "The union asked the authority on Monday to restore the night routes.",
     [("BDU", "demand", "routes")]),
    ("river", "Guyana asked Suriname to suspend the concession round until the border is "
              "settled.", [("GUY", "demand", "concessions")]),
    ("power", "Kafue Power asked the government to clear its unpaid bills within a month.",
     [("KPW", "demand", "arrears")]),
    # a mediator's or a stakeholder's request is an appeal
    ("river", "Ana Lopes asked both governments to halt logging in the disputed forest.",
     [("CAR", "urge", "concessions")]),
    ("bus", "The finance committee asked the authority to settle the back pay quickly.",
     [("FIN", "urge", "backpay")]),
    # an appeal in the words of an appeal stays one whoever makes it
    ("bus", "The union called on the authority to restore the night routes.",
     [("BDU", "urge", "routes")]),
])
def test_a_side_that_asks_demands_a_mediator_appeals(scenarios, which, text, expected):
    assert _positions(text, scenarios[which]) == expected


@pytest.mark.parametrize(("which", "text", "expected"), [
    # the limit of what a side will take, stated in advance, is a red line
    ("bus", "The authority said it would not accept a pay rise of more than 4 percent.",
     [("CTA", "red_line", "pay")]),
    ("power", "The government said it would not agree to a tariff above 9 cents a unit.",
     [("ZMB", "red_line", "tariff")]),
    ("river", "Suriname would not sign any border treaty that left the river islands to "
              "Guyana, its foreign ministry said.", [("SUR", "red_line", "border")]),
    ("power", "The government said it would not accept a tariff higher than 9 cents.",
     [("ZMB", "red_line", "tariff")]),
    ("power", "The company would not accept a tariff cut deeper than 10 percent, its chief "
              "executive said.", [("KPW", "red_line", "tariff")]),
    ("bus", "The union said it would not accept any deal that cut night routes.",
     [("BDU", "red_line", "routes")]),
    # a refusal with no limit stays a refusal
    ("power", "The government said it would not agree to the tariff increase.",
     [("ZMB", "reject", "tariff")]),
    # held only while something lasts, it is a refusal, not a limit for good
    ("bus", "Nkemba said the sick-leave rule would not be withdrawn while the drivers stayed "
            "off work.", [("CTA", "reject", "sickrule")]),
    ("bus", "Nkemba said the sick-leave rule would not be withdrawn as long as the walkout "
            "lasted.", [("CTA", "reject", "sickrule")]),
    ("bus", "Nkemba said the authority would not budge on wages while the drivers stayed off "
            "work.", [("CTA", "reject", "pay")]),
    ("bus", "Nkemba said the authority would not budge on wages.", [("CTA", "red_line", "pay")]),
    # "never" holds it whatever happens meanwhile
    ("bus", "Nkemba said the sick-leave rule would never be withdrawn while the drivers "
            "stayed off work.", [("CTA", "red_line", "sickrule")]),
    ("bus", "Nkemba said the sick-leave rule would never be withdrawn.",
     [("CTA", "red_line", "sickrule")]),
])
def test_a_limit_stated_in_advance_is_a_red_line(scenarios, which, text, expected):
    assert _positions(text, scenarios[which]) == expected


@pytest.mark.parametrize(("which", "text", "expected"), [
    # a clause on the terms reports the refusal of whoever it names
    ("bus", "The authority offered a 3 percent pay rise, a proposal that the union rejected "
            "within hours.", [("CTA", "offer", "pay"), ("BDU", "reject", "pay")]),
    ("power", "The government proposed a lower tariff, an offer that Kafue Power rejected on "
              "Friday.", [("ZMB", "offer", "tariff"), ("KPW", "reject", "tariff")]),
    # inside an appeal or a demand too, and with a phrasal refusal
    ("power", "Lusaka asked the company to accept a lower tariff, a request the company turned "
              "down.", [("ZMB", "demand", "tariff"), ("KPW", "reject", "tariff")]),
    ("bus", "The authority urged the union to accept arbitration on the pay review, a proposal "
            "the union rejected.", [("CTA", "urge", "review"), ("BDU", "reject", "review")]),
    # a clause that only describes the terms reports nobody's position
    ("bus", "The authority offered a 3 percent pay rise, a proposal that the council will "
            "debate next week.", [("CTA", "offer", "pay")]),
    ("power", "The government proposed a lower tariff, a plan that officials drew up in May.",
     [("ZMB", "offer", "tariff")]),
])
def test_a_refusal_in_a_clause_on_the_terms(scenarios, which, text, expected):
    assert _positions(text, scenarios[which]) == expected


@pytest.mark.parametrize(("which", "text", "expected"), [
    # what is asked in return for an offer of nothing at stake is a demand; the other side's
    # agreement inside "only once" is the condition, not its support
    ("bus", "The finance committee said it could approve the budget only once the authority "
            "had agreed to a review of pay scales.", [("FIN", "demand", "review")]),
    ("power", "The government said the cabinet could sign the new contract only once Kafue "
              "Power had accepted a lower tariff.", [("ZMB", "demand", "tariff")]),
    # an offer of something at stake keeps its price: a conditional offer
    ("bus", "The authority said it could restore the night routes only once the drivers had "
            "returned to work.", [("CTA", "conditional_offer", "routes")]),
])
def test_a_price_asked_for_nothing_at_stake_is_a_demand(scenarios, which, text, expected):
    assert _positions(text, scenarios[which]) == expected


@pytest.mark.parametrize("text", [
    # a question, speculation and history give none
    "Would the authority accept a pay rise of more than 4 percent?",
    "Analysts said the union could ask the authority to restore the night routes.",
    "In 2019 the union asked the authority to restore the night routes.",
])
def test_near_misses_in_background_state_no_position(scenarios, text):
    assert _positions(text, scenarios["bus"]) == []


# --- 2. the issue: the object's most specific name -----------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    # the scene set by an "as/while" clause is not what the proposal is about
    ("Guyana proposed on Monday that the two countries fish jointly in the lower river, as "
     "their envoys opened talks on the river border.", [("GUY", "offer", "fishery")]),
    ("Suriname offered to share the catch with Guyanese boats while the two sides argued over "
     "the tribunal's award.", [("SUR", "offer", "fishery")]),
    # without a scene-setting clause the border is the object
    ("Guyana proposed that the two countries respect the river border.",
     [("GUY", "offer", "border")]),
])
def test_the_object_names_the_issue_not_the_circumstance(scenarios, text, expected):
    assert _positions(text, scenarios["river"]) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a word of an issue's name in the act ("river") gives way to the full name of what the
    # threat is against in its condition
    ("Guyana warned that it would take all necessary steps to protect its river territory if "
     "any firm began logging under a Surinamese licence.", [("GUY", "threaten", "concessions")]),
    ("Paramaribo warned it would defend its river islands if Guyanese boats tried to fish "
     "jointly with foreign trawlers.", [("SUR", "threaten", "fishery")]),
])
def test_a_threat_is_about_what_it_is_against(scenarios, text, expected):
    assert _positions(text, scenarios["river"]) == expected


def test_the_proposal_refused_is_the_last_proposal(scenarios):
    text = ("Guyana proposed a joint fishery on the lower river. Its envoy said Georgetown "
            "would never accept a border that cut its ports off from the sea.\n"
            "Suriname turned the proposal down.")
    assert _positions(text, scenarios["river"]) == [
        ("GUY", "offer", "fishery"), ("GUY", "red_line", "border"), ("SUR", "reject", "fishery")]


def test_the_demand_refused_is_the_last_demand(scenarios):
    text = ("The union demanded the return of the night routes. The authority said it would "
            "never accept a pay rise above inflation.\nThe authority rejected the demand.")
    assert _positions(text, scenarios["bus"]) == [
        ("BDU", "demand", "routes"), ("CTA", "red_line", "pay"), ("CTA", "reject", "routes")]


# --- 3. statements that were missed ----------------------------------------------------------


@pytest.mark.parametrize(("which", "text", "expected"), [
    # support for a side
    ("bus", "The confederation said it stood by the drivers.", [("TWC", "support", "None")]),
    ("bus", "The confederation sided with the union on Tuesday.", [("TWC", "support", "None")]),
    ("river", "Brazil threw its weight behind the Surinamese proposal.",
     [("BRA", "support", "None")]),
])
def test_standing_by_a_side_is_support(scenarios, which, text, expected):
    found = [(a, s, str(i)) for a, s, i in _positions(text, scenarios[which])]
    assert found == expected


@pytest.mark.parametrize(("which", "text", "expected"), [
    # an ultimatum with the act announced for when it runs out is a threat
    ("bus", "The confederation gave the authority 14 days to meet the drivers' demands, after "
            "which it would call a walkout across the network.",
     [("TWC", "threaten", "strike")]),
    ("power", "Kafue Power gave the government 30 days to clear the arrears, after which it "
              "would cut supply to state mines.", [("KPW", "threaten", "arrears")]),
    ("bus", "The confederation gave the authority until Friday to meet the union's demands, "
            "after which it would call a walkout.", [("TWC", "threaten", "strike")]),
    ("bus", "The union gave the authority a week to restore the night routes, failing which "
            "drivers would stop work.", [("BDU", "threaten", "strike")]),
    ("power", "Kafue Power gave the government 30 days to pay the arrears, after which it "
              "would switch off supply.", [("KPW", "threaten", "arrears")]),
    # the time alone is a demand; meeting demands is no meeting
    ("bus", "The union gave the authority ten days to settle the back pay.",
     [("BDU", "demand", "backpay")]),
    # an arbitration or court threat forced on the speaker
    ("power", "Kafue Power said it would have no choice but to take the dispute to "
              "arbitration if the tariff was not raised by June.",
     [("KPW", "threaten", "tariff")]),
    ("bus", "The union said it would have no choice but to take the authority to court over "
            "the back pay.", [("BDU", "threaten", "backpay")]),
    ("power", "Kafue Power said it had no option but to take the government to court over the "
              "arrears.", [("KPW", "threaten", "arrears")]),
    # a refusal to change agreed terms
    ("power", "Kafue Power said the tariff set in its contract could not be changed by one "
              "side alone.", [("KPW", "reject", "tariff")]),
    ("bus", "The authority said the sick-leave rule could not be altered during the dispute.",
     [("CTA", "reject", "sickrule")]),
    ("bus", "The authority said the night routes would not be restored while the strike "
            "continued.", [("CTA", "reject", "routes")]),
    # "not a solution"
    ("bus", "The union said a one-off bonus was not a solution.", [("BDU", "reject", "pay")]),
])
def test_missed_threats_refusals_and_ultimatums(scenarios, which, text, expected):
    assert _positions(text, scenarios[which]) == expected


@pytest.mark.parametrize(("which", "text"), [
    ("bus", "The union said it had no choice but to accept the ruling."),
    ("bus", "The statue stood by the old depot for decades."),
    ("bus", "The union's leaders stood by the depot gates for hours."),
    ("bus", "Officials said the timetable could not be changed because of the holiday, "
            "according to a notice at the depot."),
    ("power", "The government met its budget targets last year."),
    ("power", "In 2024 the government paid part of the arrears after a long dispute."),
    ("bus", "Officials said the figures would not be restored."),
    ("bus", "Would the authority pay the rest of the back pay by March?"),
])
def test_lookalikes_of_the_new_rules_state_no_position(scenarios, which, text):
    assert _positions(text, scenarios[which]) == []


# --- 4. a threat's issue from what it is threatened against ----------------------------------


@pytest.mark.parametrize(("which", "text", "expected"), [
    ("river", "The loggers' association demanded that any treaty protect its members' timber "
              "concessions.\nIts chairman said loggers would block the river if their concerns "
              "were ignored.",
     [("LOG", "demand", "concessions"), ("LOG", "threaten", "concessions")]),
    ("bus", "The union demanded the return of the night routes. Otieno said drivers would block "
            "the depot gates if their demands were not met by Friday.",
     [("BDU", "demand", "routes"), ("BDU", "threaten", "routes")]),
])
def test_a_threat_over_the_speakers_own_demands(scenarios, which, text, expected):
    assert _positions(text, scenarios[which]) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # withholding something until the other side gives in is a threat; "the country's
    # minister" speaks for the actor the scenario names by the country's name
    ("Zambia will not renew the licence unless Kafue Power agrees to a lower tariff, the "
     "country's energy minister said on Monday.", [("ZMB", "threaten", "licence")]),
    ("The government said it would not renew the licence unless the company cut its tariff.",
     [("ZMB", "threaten", "licence")]),
    # with no "unless" it is a plain refusal
    ("The government said it would not renew the licence.", [("ZMB", "reject", "licence")]),
])
def test_withholding_unless_is_a_threat(scenarios, text, expected):
    assert _positions(text, scenarios["power"]) == expected


def test_a_view_backed_is_support_not_a_demand(scenarios):
    text = "Brazil said it backed Guyana's view that the tribunal's award must be respected."
    assert _positions(text, scenarios["river"]) == [("BRA", "support", "border")]


# --- offers, concessions and second objects ------------------------------------------------


@pytest.mark.parametrize(("which", "text", "expected"), [
    # what is given already concedes; what is promised for later is an offer, and "the rest"
    # is the rest of what was given
    ("power", "The government said it had already paid part of the arrears and would pay the "
              "rest by March.", [("ZMB", "concede", "arrears"), ("ZMB", "offer", "arrears")]),
    ("bus", "Nkemba said the authority had already paid half of the back pay and would pay "
            "the balance next month.", [("CTA", "concede", "backpay"), ("CTA", "offer", "backpay")]),
    # an act the sentence itself calls a concession
    ("bus", "In a concession to passengers, Otieno said drivers would staff the hospital "
            "shuttle on Saturdays while the rest of the strike went on.",
     [("BDU", "concede", "strike")]),
    ("bus", "In a concession to passengers, Otieno said drivers would run the night buses on "
            "Saturdays.", [("BDU", "concede", "routes")]),
    ("power", "As a goodwill gesture, Kafue Power said it would keep supplying hospitals "
              "despite the arrears.", [("KPW", "concede", "arrears")]),
])
def test_offers_and_concessions(scenarios, which, text, expected):
    assert _positions(text, scenarios[which]) == expected


@pytest.mark.parametrize(("which", "text", "expected"), [
    # the second object after a relative clause, joined by the parser to the verb
    ("bus", "The union is also demanding a pay review, which it says is ten years overdue, and "
            "the withdrawal of the sick-leave rule.",
     [("BDU", "demand", "review"), ("BDU", "demand", "sickrule")]),
    ("river", "Guyana is demanding a halt to logging, which it says is destroying the forest, "
              "and the return of the tribunal's award maps.",
     [("GUY", "demand", "concessions"), ("GUY", "demand", "border")]),
])
def test_a_second_demanded_object_after_a_relative_clause(scenarios, which, text, expected):
    assert _positions(text, scenarios[which]) == expected


@pytest.mark.parametrize(("which", "text", "expected"), [
    # going ahead as planned with what the other side asked to stop refuses to stop it
    ("river", "Venetiaan said the concession round would go ahead in May as planned.",
     [("SUR", "reject", "concessions")]),
    ("bus", "Otieno said the walkout would go ahead regardless.", [("BDU", "reject", "strike")]),
    # a plan that simply goes ahead, with no one refused, is no position
    ("bus", "The authority said the new timetable would go ahead.", []),
])
def test_going_ahead_as_planned_refuses(scenarios, which, text, expected):
    assert _positions(text, scenarios[which]) == expected


# --- an appeal to pause something, by the person a passive names ---------------------------


@pytest.mark.parametrize(("text", "expected"), [
    # "He"/"She" after a sentence about talks chaired by someone is that someone
    ("Persaud said Georgetown would never accept a border that cut its ports off from the sea.\n"
     "The talks are being chaired by CARICOM's special envoy, Ana Lopes, who said both sides "
     "would meet again in July. She urged the two governments to suspend the concession round "
     "until then.", [("GUY", "red_line", "border"), ("CAR", "urge", "concessions")]),
    ("Venetiaan said Paramaribo wanted a joint fishery.\nThe session was opened by CARICOM's "
     "special envoy, Ana Lopes. She asked both sides to pause all logging in the forest.",
     [("SUR", "demand", "fishery"), ("CAR", "urge", "concessions")]),
])
def test_a_pronoun_after_a_passive_is_its_agent(scenarios, text, expected):
    assert _positions(text, scenarios["river"]) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a call held between the sides is talks; advisers to each side hold them for it
    ("Advisers to Guyana and Suriname held a video call on Friday to compare maps.",
     [("GUY", "consult", None)]),
    ("Officials from Guyana and Suriname held a phone call on Friday.", [("GUY", "consult", None)]),
    # a call for something is no talks
    ("Brazil renewed its call for calm on the river.", []),
])
def test_a_call_held_is_talks(scenarios, text, expected):
    found = positions(text, scenarios["river"], date(2026, 6, 9))
    assert [p for p in found if p[1] == "consult"] == expected
