"""The twentieth round (docs/news.md, "A twentieth round"), read from the second drills
(`drm*`, development data) and batch held06: "would sign nothing until X" and "would sign no
deal unless X" make X a precondition of any deal (a red line, not a threat); "any new
agreement must X" is a term of any deal; "whatever we agree" backs nothing; and a threat whose
condition names one issue by name and another by a word of its name is about the first.
Sentences written for this test about the made-up disputes of tests/news/made_up.py."""

from __future__ import annotations

import pytest

from tests.news.made_up import positions_of as _positions


@pytest.mark.parametrize(("which", "text", "expected"), [
    ("docks", "The union said it would sign nothing until Kestrel withdrew the automated "
              "cranes.", [("DWU", "red_line", "cranes")]),
    ("docks", "The union said it would sign no pay deal with Kestrel unless it withdrew the "
              "automated cranes.", [("DWU", "red_line", "cranes")]),
    ("docks", "Any new agreement must keep the hourly pay at current levels, Okafor said.",
     [("DWU", "red_line", "pay")]),
    ("docks", "Whatever we agree, the hourly pay has to cover the rent, Okafor said.", []),
    # "tariff" is a name of the price issue, "invoices" only a word of another issue's name
    ("power", "Norland warned that it would leave the talks if Vesta raised the tariff on its "
              "invoices again.", [("NOR", "threaten", "price")]),
])
def test_preconditions_terms_and_conditions(made_up, which, text, expected):
    assert _positions(text, made_up[which]) == expected


@pytest.mark.parametrize(("which", "text", "expected"), [
    # a promise with "until" that excludes no deal stays what it was
    ("docks", "The union would keep working until the talks ended, Okafor said.", []),
    # "the new agreement must" (not "any") is the speaker's demand
    ("docks", "The new agreement must raise hourly pay, Okafor said.",
     [("DWU", "demand", "pay")]),
])
def test_look_alikes(made_up, which, text, expected):
    assert _positions(text, made_up[which]) == expected
