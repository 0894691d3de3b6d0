"""The twenty-first round (docs/news.md, "A twenty-first round"), read from batch U after its
first run: a speaker named with its owner ("Greece's main seamen's union") is the head of the
phrase, not its owner, when both are scenario actors; a phrase naming two actors side by side
stays with the extractor's code. Sentences and a made-up dispute written for this test."""

from __future__ import annotations

import pytest

from redline.scenario import load
from tests.news.made_up import DAY, issue, preferences
from tests.news.positions import positions

FERRIES = {
    "format": "redline/1",
    "title": "A ferry line and the seamen's union",
    "actors": [
        {"id": "SEA", "name": "Seamen's Federation", "role": "party",
         "aliases": ["seamen's union", "the union"]},
        {"id": "FLN", "name": "Kyma Ferries", "role": "party", "aliases": ["the company"]},
        {"id": "GRC", "name": "Greece", "role": "stakeholder",
         "aliases": ["Greek government", "Athens"]},
    ],
    "issues": [issue("jobs", "Job cuts", ["job cuts", "posts"]),
               issue("wage", "Wages", ["pay rise", "wages"])],
    "preferences": preferences(("SEA", "FLN"), ("jobs", "wage")),
}


@pytest.mark.parametrize(("text", "expected"), [
    # the head of the phrase speaks; its owner only says whose union it is
    ("Greece's main seamen's union said it would strike unless Kyma Ferries dropped the job "
     "cuts.", [("SEA", "threaten", "jobs")]),
    # the owner alone is the speaker when nothing else is named
    ("Greece's labour minister rejected the job cuts.", [("GRC", "reject", "jobs")]),
])
def test_the_head_of_a_possessive_phrase_speaks(text, expected):
    assert positions(text, load(FERRIES), DAY, talks=False) == expected
