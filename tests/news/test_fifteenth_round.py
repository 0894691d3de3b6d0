"""The fifteenth round of rules (docs/news.md, "A fifteenth round"): wording the drills
(tests/news/articles/drl*, development data written to vary how each stance is said) showed
the resolver missing: a condition said by inversion ("Should X ..., ...", "... were X to Y"),
"on the understanding that", "subject to" and "as part of a package that"; and set phrases of
support, concession, offer and appeal. Tested on sentences written for this test about the
made-up disputes of tests/news/made_up.py, with look-alikes that keep their old reading."""

from __future__ import annotations

import pytest

from tests.news.made_up import positions_of as _positions


@pytest.mark.parametrize(("which", "text", "expected"), [
    ("docks", "Should Kestrel withdraw the automated cranes, the union would end the strike, "
              "Okafor said.", [("DWU", "conditional_offer", "strike")]),
    ("power", "Norland would forgive the unpaid invoices were Vesta to raise the electricity "
              "price, Eng said.", [("NOR", "conditional_offer", "arrears")]),
    ("docks", "The union would accept the automated cranes on the understanding that hourly pay "
              "rises by 5 percent, Okafor said.", [("DWU", "conditional_offer", "cranes")]),
    ("docks", "Kestrel would raise hourly pay by 4 percent, but only as part of a package that "
              "ends the strike, Dahl said.", [("PKO", "conditional_offer", "pay")]),
    ("docks", "Kestrel would raise hourly pay subject to the union ending the strike, Dahl said.",
     [("PKO", "conditional_offer", "pay")]),
])
def test_conditions_said_in_other_ways(made_up, which, text, expected):
    assert _positions(text, made_up[which]) == expected


@pytest.mark.parametrize(("which", "text", "expected"), [
    # "were ... likely to" is no inverted condition
    ("power", "Vesta would reduce the electricity price, Varga said, adding that deliveries were "
              "likely to fall.", [("VES", "offer", "price")]),
    # "had" of a past perfect, not an inversion
    ("docks", "Kestrel had raised hourly pay by 2 percent last year, Dahl said.", []),
])
def test_look_alikes_of_the_conditions(made_up, which, text, expected):
    assert _positions(text, made_up[which]) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The shippers' council came out in favour of the automation plan.",
     [("SHC", "support", "cranes")]),
    ("The shippers' council gave its blessing to the automation plan.",
     [("SHC", "support", "cranes")]),
    ("Kestrel has come round to the union's plan for hourly pay.", [("PKO", "concede", "pay")]),
    ("Kestrel would make room for 50 more dockers on hourly pay contracts, Dahl said.",
     [("PKO", "offer", "pay")]),
    ("Dahl said Kestrel could see its way to a higher hourly pay.", [("PKO", "offer", "pay")]),
    ("The shippers' council challenged both sides to settle the strike before August.",
     [("SHC", "urge", "strike")]),
])
def test_more_set_phrases(made_up, text, expected):
    assert _positions(text, made_up["docks"]) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "challenged" a thing, with no one asked to act: no appeal
    ("Kestrel challenged the strike in court, Dahl said.", []),
    # "in favour" of no one and nothing named: no support
    ("The vote went 40 in favour, Okafor said.", []),
])
def test_look_alikes_of_the_set_phrases(made_up, text, expected):
    assert _positions(text, made_up["docks"]) == expected
