"""The tenth round of rules (docs/news.md, "A tenth round"): batch K's failure classes as rules
meant to hold in any article, tested on sentences written for this test about the made-up
disputes of the ninth round's test (dockworkers and a port operator; Norland and Vesta over a
dam's electricity), with no words of batch K's articles. Each rule has fresh passages and
look-alikes that must not change."""

from __future__ import annotations

import pytest

from redline.news.statement import Statement
from tests.news.made_up import DAY
from tests.news.made_up import positions_of as _positions
from tests.news.positions import statements

# --- 1. what is announced for the other side's defiance is a threat ------------------------


@pytest.mark.parametrize(("which", "text", "expected"), [
    # the other side keeps to its course, or misses a deadline: whatever the act, a threat
    ("power", "Eng said Norland would review its deliveries contract if Vesta pressed ahead "
              "with the new tariff.", [("NOR", "threaten", "deliveries")]),
    ("docks", "Okafor said the union would take its case to parliament if the operator had "
              "not withdrawn the automated cranes by Friday.", [("DWU", "threaten", "cranes")]),
    # an act aimed at the other side
    ("docks", "Dahl said Kestrel would resume legal action against the union's pickets if the "
              "walkout went on.", [("PKO", "threaten", "strike")]),
    # keeping something from happening
    ("power", "Holm said the company would stop the turbines from running if Vesta tried to "
              "cut the tariff.", [("BRC", "threaten", "price")]),
    # the speaker's own works closed on the other side
    ("docks", '"If the walkout goes on, we will close earlier," Dahl said.',
     [("PKO", "threaten", "strike")]),
    # a refusal announced for the other side's move: withholding, a threat
    ("power", "Varga said Vesta would refuse to renew the deliveries contract if Norland tried "
              "to raise the tariff.", [("VES", "threaten", "deliveries")]),
])
def test_an_act_announced_for_the_other_sides_defiance_is_a_threat(made_up, which, text,
                                                                  expected):
    assert _positions(text, made_up[which]) == expected


@pytest.mark.parametrize(("which", "text", "expected"), [
    # a negation alone is no defiance: easing at a price stays an offer
    ("power", "Eng said Norland would lift its ban on deliveries if Vesta did not raise the "
              "tariff again.", [("NOR", "conditional_offer", "deliveries")]),
    # a hostile act that stops at a price is an offer
    ("docks", "The walkout would stop if Kestrel raised hourly pay, the union said.",
     [("DWU", "conditional_offer", "strike")]),
    # a refusal with no condition stays a refusal
    ("power", "Varga said Vesta would refuse to renew the deliveries contract.",
     [("VES", "reject", "deliveries")]),
])
def test_look_alikes_of_a_threat(made_up, which, text, expected):
    assert _positions(text, made_up[which]) == expected


# --- 2. agreed now, with a contingency, is a concession ------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("Norland has already agreed to keep the tariff frozen until March if the talks run past "
     "December.", [("NOR", "concede", "price")]),
    ("Norland would agree to keep the tariff frozen until March if the talks run past "
     "December.", [("NOR", "conditional_offer", "price")]),
])
def test_agreed_with_a_contingency_is_a_concession(made_up, text, expected):
    assert _positions(text, made_up["power"]) == expected


# --- 3. a threat about nothing named, before the same side's threat in full ---------------


def test_a_threat_about_nothing_named_is_the_next_one_said_first(made_up):
    found = statements("Vesta warned on Monday that it would retaliate. Varga said Vesta would "
                       "cut electricity deliveries unless Norland lowered the tariff.",
                       made_up["power"], DAY)
    threats = [(s.resolved.actor, s.resolved.position) for s in found
               if s.stance == "threaten"]
    assert threats == [("VES", False), ("VES", True)]
    assert _positions("Vesta warned on Monday that it would retaliate. Varga said Vesta would "
                      "cut electricity deliveries unless Norland lowered the tariff.",
                      made_up["power"]) == [("VES", "threaten", "deliveries")]
    # another side in between: the first threat is still about what Vesta fights for, the
    # deliveries of its later threat (twenty-second round), one position
    assert ("VES", "threaten", "deliveries") in _positions(
        "Vesta warned on Monday that it would retaliate. Eng said Norland wanted a higher "
        "tariff. Varga said Vesta would cut electricity deliveries unless Norland lowered the "
        "tariff.", made_up["power"])


# --- 4. the person named before what is at stake speaks ----------------------------------


def test_a_scenario_person_named_before_the_issue_outranks_a_guessed_code(made_up):
    from redline.news.resolution import resolve

    sentence = ("Its country director for Chile, Laura Pinto, welcomed Argentina's idea of a "
                "review of gas exports.")
    said = Statement(actor="CHL", stance="support", sentence=sentence, start=0,
                     end=len(sentence), source="t.txt", rule="SUP-VERB", confidence=0.7,
                     issue="idea", issue_text="Argentina 's idea of a review of gas exports")
    resolution = resolve(said, made_up["andes"])
    assert (resolution.actor, resolution.issue) == ("ADB", "gas")
    # with the speaker named by the extractor, that name decides as before
    named = Statement(**{**said.to_dict(), "speaker": "Rosa Vidal", "resolved": None})
    assert resolve(named, made_up["andes"]).actor == "CHL"
    # two people before the issue: no one is chosen by this step
    both = ("Laura Pinto and Rosa Vidal welcomed Argentina's idea of a review of gas exports.")
    two = Statement(**{**said.to_dict(), "sentence": both, "end": len(both), "resolved": None})
    assert resolve(two, made_up["andes"]).actor == "CHL"
