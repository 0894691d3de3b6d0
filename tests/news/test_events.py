"""PLOVER event coding: accuracy on the gold standard's development half, and our own cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from redline.cli import commands  # noqa: F401
from redline.cli.app import app
from redline.news import plover
from redline.news.events import code_events


def _gold_codes(actors):
    if not actors or isinstance(actors, str):
        return []
    items = [actors] if isinstance(actors, dict) else actors
    return ["JPN" if a.get("code") == "JAP" else a.get("code") for a in items]


def test_accuracy_on_the_plover_development_half(shared_data, nlp):
    records = json.loads((shared_data / "plover" / "plover-gsr-dev.json").read_text())
    coded = code_events(records)
    n = len(records)
    event = sum(c.event == r["event"] for c, r in zip(coded, records, strict=True)) / n
    source = sum(bool(c.source) and c.source[0] in _gold_codes(r["source"])
                 for c, r in zip(coded, records, strict=True)) / n
    # goals for held-out gold: >= 75% events, >= 85% source actors (baselines 46% / 35%)
    assert event >= 0.75, event
    assert source >= 0.85, source
    assert {c.event for c in coded} <= set(plover.EVENTS)


@pytest.mark.parametrize("text, event, source, target", [
    ("Chile accused Peru of violating the fishing treaty.", "DISAPPROVE", "CHL", "PER"),
    ("Canadian troops withdrew from the disputed hill on Friday.", "RETREAT", "CAN", None),
    ("Thousands of Kenyan students demonstrated in Nairobi against fee rises.", "PROTEST",
     "KEN", None),
    ("Sweden said it would send medical supplies to Ukraine.", "AGREE", "SWE", "UKR"),
    ("Poland threatened to close its border with Belarus unless the flights stopped.",
     "THREATEN", "POL", "BLR"),
    ("The Egyptian foreign minister met his Sudanese counterpart in Cairo.", "CONSULT",
     "EGY", "SDN"),
    ("Japan refused to lift the ban on Korean fish imports.", "REJECT", "JPN", "KOR"),
    ("The government of Ghana said Togo must hand over the suspects.", "DEMAND", "GHA", "TGO"),
    ("Indian police arrested forty opposition activists in Delhi.", "COERCE", "IND", None),
    ("Brazil suspended military cooperation with Paraguay.", "SANCTION", "BRA", "PRY"),
    ("Greek police fired tear gas at protesters in Athens on Saturday.", "COERCE", "GRC", None),
    ("Armenian and Azerbaijani forces exchanged artillery fire along the border.", "FIGHT",
     "ARM", "AZE"),
    ("The Dutch government withdrew its ambassador from Turkey.", "SANCTION", "NLD", "TUR"),
    ("North Korea fired two ballistic missiles into the sea, South Korea said.", "FIGHT", "PRK",
     None),
    ("A UN team began investigating allegations of chemical weapons use in Syria.",
     "INVESTIGATE", "IGO", "SYR"),
    ("Pakistan put its air force on high alert after the border incident.", "MOBILIZE", "PAK",
     None),
])
def test_our_own_sentences(nlp, text, event, source, target):
    coded = code_events([{"id": "x", "text": text}])[0]
    assert coded.event == event, coded
    assert coded.source[:1] == (source,)
    if target:
        assert target in coded.target


def test_no_event_in_plain_description(nlp):
    assert code_events([{"id": "1", "text": "The lake is deep and cold."}])[0].event is None


def test_code_events_cli_jsonl(tmp_path, nlp):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a", "text": "Chile accused Peru of spying."}\n\n'
                    '{"id": "b", "text": "Norway praised Denmark."}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["code-events", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [(x["id"], x["event"], x["source"], x["target"]) for x in lines] == [
        ("a", "DISAPPROVE", ["CHL"], ["PER"]), ("b", "SUPPORT", ["NOR"], ["DNK"])]


def test_code_events_cli_bad_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "text": "ok"}\nnot json\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["code-events", str(path)])
    assert result.exit_code == 2
    assert "line 2" in result.stderr and "Fix" in result.stderr


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(max_size=200), min_size=1, max_size=4))
def test_any_text_codes_to_a_category_or_none(nlp, texts):
    coded = code_events([{"id": str(i), "text": t} for i, t in enumerate(texts)])
    assert [c.id for c in coded] == [str(i) for i in range(len(texts))]
    assert all(c.event is None or c.event in plover.EVENTS for c in coded)


OWN = Path(__file__).parent / "plover"


def test_own_sentences_development_floor_and_held_back_figures(nlp, capsys):
    """tests/news/plover: PLOVER-style sentences written for redline before the coder ran on
    them. own-dev was read while adding the CAMEO-derived verb lexicon (floor just under what
    it reaches); own-held was read in the next round (word senses of carrying, lending,
    striking, moving units, joint acts); own-new was written before that round ran and
    measured once: its figures are printed (docs/news.md)."""
    from redline.news.events import code_events

    # own-new was read in the round after; own-d was written before that round's run and
    # measured once (docs/news.md): its figures are printed, no floor is tuned to it.
    for name, floor in (("own-dev", 0.875), ("own-held", 0.875), ("own-new", 0.875),
                        ("own-d", None)):
        records = json.loads((OWN / f"{name}.json").read_text(encoding="utf-8"))
        coded = code_events(records)
        event = sum(c.event == r["event"] for c, r in zip(coded, records, strict=True))
        event /= len(records)
        if floor is not None:
            assert event >= floor, [(r["id"], c.event) for c, r in zip(coded, records,
                                                                        strict=True)]
        with capsys.disabled():
            print(f"\n{name}: PLOVER event accuracy {event:.3f} (n={len(records)})")


def test_cameo_verbs_reach_plover_through_the_conversion_table(nlp):
    from redline.news import lexicon
    from redline.news.events import code_events

    table = lexicon.cameo_verbs()
    assert table[("lambaste", "")] == "DISAPPROVE" and table[("march", "troops")] == "MOBILIZE"
    coded = code_events([{"id": "1", "text": "Uruguay lambasted Paraguay over the dam."}])
    assert (coded[0].event, coded[0].source, coded[0].rule) == ("DISAPPROVE", ("URY",),
                                                                "EV-CAMEO")


@pytest.mark.parametrize(("text", "event"), [
    # sentences written for this test (not from any gold or own set)
    ("Qatar trucked tents and blankets to the flooded province of Sindh.", "AID"),
    ("The African Development Bank approved a grant to rebuild schools in Malawi.", "AID"),
    ("Russian drones struck a power station near Kharkiv overnight.", "FIGHT"),
    ("Ecuador and Peru struck a deal on river navigation.", "AGREE"),
    ("Dockworkers in Antwerp struck for a second day.", "PROTEST"),
    ("Venezuela moved three battalions to the border with Guyana.", "MOBILIZE"),
    ("Kenya and Uganda launched joint patrols on Lake Victoria.", "COOPERATE"),
])
def test_word_senses_that_hang_on_the_object(nlp, text, event):
    from redline.news.events import code_events

    assert code_events([{"id": "1", "text": text}])[0].event == event


@pytest.mark.parametrize(("text", "event", "source"), [
    # sentences written for this test: the senses read on own-new's errors (docs/news.md)
    ("Guatemalan authorities freed eleven fishermen arrested near the maritime boundary.",
     "CONCEDE", "GTM"),
    ("Myanmar's junta released 300 political prisoners on Thursday.", "CONCEDE", "MMR"),
    ("Norway pledged 50 million crowns for reconstruction in Gaza.", "AID", "NOR"),
    ("Libyan militiamen handed over two kidnapped engineers to Italian diplomats.",
     "CONCEDE", "LBY"),
    ("Ecuadorian police handed two suspected smugglers over to Peruvian prosecutors.",
     "COOPERATE", "ECU"),
    ("Paraguayan farmers blocked a main avenue in Asuncion to oppose the land law.",
     "PROTEST", "PRY"),
    ("Peruvian police blocked a highway outside Lima to stop the marchers.", "COERCE", "PER"),
    ("The Philippine navy deployed two frigates to the Spratly Islands.", "MOBILIZE", "PHL"),
])
def test_releasing_handing_over_pledging_money_and_blocking_roads(nlp, text, event, source):
    from redline.news.events import code_events

    coded = code_events([{"id": "1", "text": text}])[0]
    assert (coded.event, coded.source[:1]) == (event, (source,))
