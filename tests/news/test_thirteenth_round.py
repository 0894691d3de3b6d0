"""The thirteenth round of rules (docs/news.md, "A thirteenth round"): the codebook's words for a
red line ("will never", "under no circumstances", "any deal that", a stated floor or ceiling, a
precondition), which the lede of most unseen articles uses and the resolver read as a plain
refusal. Tested on sentences written for this test about the made-up disputes of
tests/news/made_up.py; each rule has look-alikes that must stay refusals or no position."""

from __future__ import annotations

import pytest

from tests.news.made_up import positions_of as _positions


@pytest.mark.parametrize(("which", "text", "expected"), [
    # "will never", said of a side
    ("power", "Norland will never lift its ban on electricity deliveries to Vesta, Eng said on "
              "Tuesday.", [("NOR", "red_line", "deliveries")]),
    # "not ... under any circumstances"
    ("power", "Vesta will not raise the tariff under any circumstances, Varga said.",
     [("VES", "red_line", "price")]),
    # a floor stated in a phrase after the object
    ("power", "Norland will not sell electricity deliveries to Vesta for less than 9 cents a "
              "unit, Eng said.", [("NOR", "red_line", "deliveries")]),
    # a precondition of any deal
    ("docks", "The union will not end the walkout before Kestrel withdraws the automated "
              "cranes, Okafor said.", [("DWU", "red_line", "strike")]),
    # "any X that ...": the limit is what the clause asks
    ("docks", "Kestrel will not sign any agreement with the union that limits automation, Dahl "
              "said.", [("PKO", "red_line", "cranes")]),
])
def test_the_codebooks_red_line_words(made_up, which, text, expected):
    assert _positions(text, made_up[which]) == expected


@pytest.mark.parametrize(("which", "text", "expected"), [
    # "never" said of a thing, not a side: no position
    ("power", "Eng said the reservoir would never fill again in dry years.", []),
    # "under the circumstances" is no "any": a refusal for now
    ("power", "Under the circumstances, Vesta will not raise the tariff this week, Varga said.",
     [("VES", "reject", "price")]),
    # an aside after a comma is no limit of the object: a refusal
    ("docks", "Dahl said Kestrel would not accept any limit on automation, which he said was "
              "already the law.", [("PKO", "reject", "cranes")]),
])
def test_look_alikes_of_the_red_line_words(made_up, which, text, expected):
    assert _positions(text, made_up[which]) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the first sentence of a quote that runs on is spoken by the one named where it closes
    ('"The automated cranes are non-negotiable. They are in the contract," chief executive '
     'Henrik Dahl told reporters.', [("PKO", "red_line", "cranes")]),
    # a quote whose speaker the paragraph never names stays unattributed
    ('"The automated cranes are non-negotiable. They are in the contract."', []),
])
def test_a_quote_of_several_sentences_is_its_closing_speakers(made_up, text, expected):
    assert _positions(text, made_up["docks"]) == expected
