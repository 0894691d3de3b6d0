"""The twelfth round of rules (docs/news.md, "A twelfth round"): batch M's failure classes as
rules meant to hold in any article, tested on sentences written for this test about the
made-up disputes of the ninth round's test, with no words of batch M's articles. Each rule has
fresh passages and look-alikes that must not change."""

from __future__ import annotations

import pytest

from tests.news.made_up import positions_of as _positions


@pytest.mark.parametrize(("which", "text", "expected"), [
    # a missed deadline put before its speaker, the parse writing "mid - March"
    ("power", "If Vesta did not pay its arrears by mid-March, Eng said, Norland would sell the "
              "electricity deliveries to another buyer.", [("NOR", "threaten", "deliveries")]),
    # a point agreed in a clause: a concession
    ("docks", "Last week Kestrel agreed that the automated cranes would stay idle until June, "
              "Dahl said.", [("PKO", "concede", "cranes")]),
])
def test_batch_m_failure_classes(made_up, which, text, expected):
    assert _positions(text, made_up[which]) == expected


@pytest.mark.parametrize(("which", "text", "expected"), [
    # sought by the courts is no one's demand
    ("docks", "The union's leaders are wanted by Kestrel for questioning over the walkout.",
     []),
    # patience running out is no refusal
    ("power", "Eng said Norland would not wait indefinitely for the unpaid invoices.", []),
    # a state of affairs that "cannot go on" refuses nothing
    ("docks", "Dockers cannot live on this hourly pay, and that cannot go on, Okafor said.", []),
    # a hardship ("cannot feed her children on ...") is no refusal (seen in batches I and N)
    ("docks", 'The union demanded a rise in hourly pay. "A worker who unloads ships all night '
              'cannot feed her children on 15 euros," Okafor said.', [("DWU", "demand", "pay")]),
    # while a side that will not go back to work refuses
    ("docks", "Okafor said the union would not go back to work on the automated cranes.",
     [("DWU", "reject", "cranes")]),
])
def test_look_alikes_that_state_no_position(made_up, which, text, expected):
    assert _positions(text, made_up[which]) == expected
