"""Resolved statements in the store (migration 0002), and suggestions in the right direction:
one test per stance, the conditional offer on the right side, timelines issue by issue."""

from __future__ import annotations

import copy

import pytest
import yaml

from redline.news.resolution import resolve_statements
from redline.news.statement import Article, ArticleStatements, Statement
from redline.scenario import load, parse_rule
from redline.store import ingest, stored_statements, suggest, timeline


def said(sentence, stance, actor, issue=None, date="2026-02-10", **more):
    return Statement(actor=actor, stance=stance, sentence=sentence, start=0, end=len(sentence),
                     source=f"test/{abs(hash(sentence))}", rule="TEST", confidence=0.8,
                     issue=issue, date=date, **more)


def store_all(store, scenario, *statements):
    """Each statement as its own article, resolved to `scenario` (None: stored unresolved)."""
    found = []
    for s in statements:
        resolved = resolve_statements([s], scenario) if scenario is not None else (s,)
        found.append(ArticleStatements(Article(s.source, s.sentence), resolved))
    return ingest(store, found)


def kinds(result):
    return [(s.kind, s.actor, s.issue) for s in result.items]


def fragment(result, kind):
    [item] = [s for s in result.items if s.kind == kind]
    return yaml.safe_load(item.fragment)


# --- the store keeps resolved ids ---------------------------------------------------------

def test_resolved_ids_are_stored_and_two_phrasings_merge(store, scenario):
    store_all(store, scenario,
              said("Tehran's missile programme is a red line.", "red_line", "IRN",
                   "missile programme"),
              said("Iran's missile capabilities are a red line.", "red_line", "IRN",
                   "missile capabilities"))
    [row] = stored_statements(store, "IRN", "missiles")
    assert (row.resolved_actor, row.resolved_issue, row.scenario) == ("IRN", "missiles",
                                                                      scenario.title)
    assert row.matched["issue"].startswith("issue phrase") and len(row.citations) == 2
    assert row.issue == "missile programme"  # the text's words stay


def test_a_person_alias_gives_the_stored_actor(store, scenario):
    store_all(store, scenario, said("Netanyahu said missile limits were a must.", "demand", None,
                                    "missile limits", speaker="Benjamin Netanyahu"))
    [row] = stored_statements(store, "ISR")
    assert row.actor is None and row.who == "ISR" and row.about == "missiles"


def test_an_older_database_is_migrated_with_its_rows(tmp_path):
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, text

    from redline.store import open_store
    from redline.store.database import MIGRATIONS

    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    engine = create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(text("insert into statements (key, actor, stance, issue, confidence) "
                          "values ('k', 'IRN', 'red_line', 'missiles', 0.9)"))
    engine.dispose()
    with open_store(url) as store:
        [row] = stored_statements(store, "IRN", "missiles")
        assert row.resolved_actor is None and row.stance == "red_line"


# --- suggestions: one stance at a time -------------------------------------------------------

def test_red_line_is_no_worse_than_today_for_the_actor(store, scenario):
    store_all(store, scenario, said("Iran said enrichment was a red line.", "red_line", "IRN",
                                    "enrichment"),
              said("Washington said a deal without missile limits was a red line.", "red_line",
                   "USA", "missile limits"))
    result = suggest(store, scenario)
    rules = {s.actor: yaml.safe_load(s.fragment)["red_lines"][0]["rule"]
             for s in result.items if s.kind == "new_red_line"}
    # Iran prefers the status quo (the first option): it stays; the US prefers later options
    # and today is its worst: its red line is a move its way
    assert rules == {"IRN": "enrichment == 'current'", "USA": "missiles > 'no-limits'"}


def test_rejection_is_a_less_credible_red_line(store, scenario):
    store_all(store, scenario, said("Iran rejected any limits on its stockpile.", "reject", "IRN",
                                    "limits", issue_text="any limits on its stockpile"))
    red = fragment(suggest(store, scenario), "new_red_line")["red_lines"][0]
    assert red["rule"] == "stockpile == 'as-is'" and red["credibility"] == 0.5


def test_conditional_offer_lands_on_the_offering_side(store):
    court = load({
        "format": "redline/1", "title": "court",
        "actors": [{"id": "GOV", "name": "Government", "role": "party", "aliases": ["government"]},
                   {"id": "OPP", "name": "Opposition", "role": "party"}],
        "issues": [{"id": "court", "name": "Court role", "options": ["none", "advisory", "binding"],
                    "status_quo": "none"},
                   {"id": "brake", "name": "Emergency brake", "options": ["none", "brake"],
                    "status_quo": "none", "aliases": ["brake"]}],
        "preferences": {"GOV": {"weights": {"court": 1, "brake": 1},
                                "values": {"court": [1, 0.5, 0], "brake": [0, 1]}},
                        "OPP": {"weights": {"court": 1, "brake": 1},
                                "values": {"court": [0, 0.5, 1], "brake": [1, 0]}}}})
    store_all(store, court, said(
        "The government would accept a court role in exchange for a brake on referrals.",
        "conditional_offer", "IGO", "court role", condition="a brake on referrals"))
    [item] = suggest(store, court).items
    assert (item.kind, item.actor, item.issue) == ("conditional_offer", "GOV", "court")
    rule = yaml.safe_load(item.fragment)["red_lines"][0]
    # the government's concession (any court role) is conditional on its gain (the brake),
    # not the other way round, and it is the government's rule
    assert rule["actor"] == "GOV" and rule["rule"] == "court > 'none' implies brake > 'none'"
    parse_rule(rule["rule"])


def test_conditional_offer_follows_the_actors_values_not_the_option_order(store):
    data = {
        "format": "redline/1", "title": "reversed",
        "actors": [{"id": "A", "name": "Alpha", "role": "party"},
                   {"id": "B", "name": "Beta", "role": "party"}],
        "issues": [{"id": "x", "name": "Tariffs", "options": ["low", "mid", "high"],
                    "status_quo": "high"},
                   {"id": "y", "name": "Quotas", "options": ["none", "some"],
                    "status_quo": "some"}],
        "preferences": {"A": {"weights": {"x": 1, "y": 1},
                              "values": {"x": [0, 0.5, 1], "y": [1, 0]}},
                        "B": {"weights": {"x": 1, "y": 1},
                              "values": {"x": [1, 0.5, 0], "y": [0, 1]}}}}
    store_all(store, load(copy.deepcopy(data)), said(
        "Alpha would lower tariffs if quotas were scrapped.", "conditional_offer", None,
        "tariffs", condition="quotas were scrapped"))
    item = fragment(suggest(store, load(data)), "conditional_offer")["red_lines"][0]
    # Alpha likes high tariffs and no quotas: its concession is lower tariffs, its gain fewer
    # quotas
    assert item["actor"] == "A" and item["rule"] == "x < 'high' implies y < 'some'"


def test_offer_and_concession_weaken_the_red_line_that_guards_the_issue(store, scenario):
    store_all(store, scenario, said("Iran offered a test moratorium on missiles.", "offer", "IRN",
                                    "test moratorium on missiles"))
    result = suggest(store, scenario)
    # both of Iran's red lines on missiles (off the agenda, no limits) guard it: 0.9 -> 0.8
    assert kinds(result) == [("weaker_red_line", "IRN", "missiles")] * 2
    edits = [yaml.safe_load(s.fragment)["red_lines"][0] for s in result.items]
    assert edits == [{"id": "irn-missiles-off-agenda", "credibility": 0.8},
                     {"id": "irn-no-missile-limits", "credibility": 0.8}]


def test_concession_weakens_too(store, scenario):
    store_all(store, scenario, said("Iran conceded on missile range.", "concede", "IRN",
                                    "missile range"))
    assert kinds(suggest(store, scenario)) == [("weaker_red_line", "IRN", "missiles")] * 2


def test_threat_firms_the_red_line_that_guards_the_issue(store, scenario):
    store_all(store, scenario, said("Washington threatened strikes over enrichment.", "threaten",
                                    "USA", "strikes over enrichment"))
    edit = fragment(suggest(store, scenario), "firmer_red_line")["red_lines"][0]
    assert edit == {"id": "usa-no-high-enrichment", "credibility": 0.8}  # mode was 0.7


def test_demand_raises_a_low_weight(store, scenario):
    store_all(store, scenario, said("Iran demanded an end to snap inspections.", "demand", "IRN",
                                    "end to snap inspections"))
    edit = fragment(suggest(store, scenario), "raised_weight")
    assert edit == {"preferences": {"IRN": {"weights": {"inspections": 0.15}}}}  # was 0.10


def test_urge_adds_influence_only_where_none_is_known(store, scenario):
    store_all(store, scenario,
              said("Israel urged Washington to insist on missile limits.", "urge", "ISR",
                   "missile limits", addressee="USA"),
              said("Israel urged Washington to demand zero enrichment.", "urge", "ISR",
                   "zero enrichment", addressee="USA"))
    result = suggest(store, scenario)
    assert kinds(result) == [("new_influence", "ISR", "enrichment")]
    assert fragment(result, "new_influence")["influence"][0]["to"] == "USA"


@pytest.mark.parametrize("stance", ["support", "consult"])
def test_support_and_talks_are_no_edit(store, scenario, stance):
    store_all(store, scenario, said("Oman backed the talks on sanctions.", stance, "OMN",
                                    "talks on sanctions"))
    assert suggest(store, scenario).items == ()


# --- moves: one actor on one issue over time ------------------------------------------------

def test_a_red_line_then_an_offer_on_another_issue_is_not_softer(store, scenario):
    store_all(store, scenario,
              said("Iran called missiles a red line.", "red_line", "IRN", "missiles",
                   date="2026-02-01"),
              said("Iran offered to accept waivers on sanctions.", "offer", "IRN",
                   "waivers on sanctions", date="2026-02-20"))
    line = timeline(store, "IRN")
    assert line.moves == ()
    assert not [s for s in suggest(store, scenario).items if s.kind == "changed_reservation"]


def test_the_same_issue_over_time_is_a_move(store, scenario):
    store_all(store, scenario,
              said("Iran called missiles a red line.", "red_line", "IRN", "missiles",
                   date="2026-02-01"),
              said("Iran offered sanctions talks.", "offer", "IRN", "sanctions",
                   date="2026-02-10"),
              said("Iran would accept a missile test moratorium if sanctions were lifted.",
                   "conditional_offer", "IRN", "missile test moratorium",
                   condition="sanctions were lifted", date="2026-02-20"))
    moves = timeline(store, "IRN").moves
    assert [(m.issue, m.since, m.date, m.direction) for m in moves] == [
        ("missiles", "2026-02-01", "2026-02-20", "softer")]
    assert timeline(store, "IRN", "sanctions").moves == ()
    change = fragment(suggest(store, scenario), "changed_reservation")
    assert change["events"][0]["effects"][0]["reservation"] == -0.05


def test_statements_stored_without_a_scenario_are_resolved_when_suggesting(store, scenario):
    store_all(store, None, said("Tehran said enrichment was a red line.", "red_line", "IRN",
                                "enrichment"))
    [row] = stored_statements(store)
    assert row.resolved_issue is None
    assert kinds(suggest(store, scenario)) == [("new_red_line", "IRN", "enrichment")]


def test_timeline_with_a_scenario_reads_unresolved_statements_in_its_ids(store, scenario):
    store_all(store, None,
              said("Shamkhani called Tehran's missile capabilities a red line.", "red_line",
                   None, "missile capabilities", speaker="Ali Shamkhani", date="2026-02-01"),
              said("Araghchi said Iran would accept a missile test moratorium.", "offer", "IRN",
                   "missile test moratorium", speaker="Abbas Araghchi", date="2026-03-01"))
    assert timeline(store, "IRN", "missiles").statements == ()  # stored without ids
    line = timeline(store, "IRN", "missiles", scenario)
    assert [s.stance for s in line.statements] == ["red_line", "offer"]
    assert [(m.issue, m.direction) for m in line.moves] == [("missiles", "softer")]
    assert line.parameters["scenario"] == scenario.title
