"""Statements from our own test article: stances, actors, speakers, issues, dates, rule IDs."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redline.news import STANCES, extract_article, read_text


def _field(statement, key):
    """A statement's field; with a scenario, `issue` is the scenario id it was resolved to."""
    if key == "issue" and statement.resolved is not None:
        return statement.resolved.issue
    return getattr(statement, key)


def _one(story, **want):
    found = [s for s in story.statements if all(_field(s, k) == v for k, v in want.items())]
    assert found, f"no statement with {want}; got {[s.to_dict() for s in story.statements]}"
    return found[0]


def test_red_line_with_speaker_from_dated_office(story):
    s = _one(story, stance="red_line", issue="enrichment")
    assert s.actor == "IRN" and s.speaker_role == "president"
    assert s.speaker == "Masoud Pezeshkian"  # who held the office on the article's date
    assert s.date == "2026-03-03"  # "on Tuesday" before Thursday 5 March 2026
    assert s.rule == "RL-RED-LINE" and s.plover == "REJECT"


def test_conditional_offer_keeps_its_condition(story):
    s = _one(story, stance="conditional_offer")
    assert s.actor == "IRN" and s.resolved.issue == "inspections"
    assert s.condition == "sanctions were lifted"
    assert s.speaker == "Abbas Araghchi" and s.speaker_role == "foreign minister"
    # the condition is part of the offer, not a concession of its own
    assert not [x for x in story.statements if x.sentence == s.sentence and x.stance == "concede"]


def test_reject_demand_urge(story):
    assert _one(story, stance="reject", actor="USA").resolved.issue == "stockpile"
    assert _one(story, stance="demand", actor="USA").resolved.issue == "stockpile"  # HEU is the stockpile
    urge = _one(story, stance="urge", actor="ISR")
    assert urge.addressee == "USA" and urge.resolved.issue == "missiles"
    # the content of the appeal ("to insist on ...") is not a second statement
    assert not [x for x in story.statements if x.sentence == urge.sentence and x is not urge]


def test_talks_place_mediator_and_relative_date(story):
    s = _one(story, stance="consult", place="OMN")  # Muscat is Oman's capital
    assert {s.actor, s.addressee} == {"USA", "IRN"} and s.mediator == "OMN"
    assert s.date == "2026-03-04"  # yesterday


def test_threat_support_concession(story):
    assert _one(story, stance="threaten").actor == "IRN"  # "the Iranian government"
    assert _one(story, stance="support").actor == "FRA"
    assert _one(story, stance="concede", actor="IRN").resolved.issue == "inspections"


def test_every_statement_is_complete(story):
    for s in story.statements:
        assert s.stance in STANCES and s.rule and 0 < s.confidence <= 1
        assert s.source == "story.txt" and s.sentence in story.article.text


def test_without_scenario_issue_is_a_short_phrase(nlp):
    text = "Brazil rejected the proposed tariff cuts on steel imports."
    found = extract_article(read_text(text, "x")[0]).statements
    assert len(found) == 1 and found[0].stance == "reject" and found[0].actor == "BRA"
    assert "tariff cuts" in found[0].issue and len(found[0].issue.split()) <= 8


def test_pronoun_resolves_to_governing_subject(nlp):
    text = "Germany said it was ready to cut its coal subsidies if France did the same."
    s = extract_article(read_text(text, "x")[0]).statements[0]
    assert s.stance == "conditional_offer" and s.actor == "DEU"
    assert s.condition == "France did the same"


def test_no_date_without_article_date(nlp):
    s = extract_article(read_text("Chile rejected the plan last week.", "x")[0]).statements[0]
    assert s.date is None


@pytest.mark.parametrize("text", ["", "   \n\n", "The weather was mild and the market busy."])
def test_nothing_to_find(nlp, text):
    assert extract_article(read_text(text, "x")[0], None, date(2026, 1, 1)).statements == ()


def test_long_articles_are_parsed_in_pieces_with_true_offsets(nlp):
    from redline.news.extraction import chunks

    line = "Peru rejected the offer from Chile on fishing rights."
    text = "\n".join([line] * 3000)  # ~160,000 characters
    pieces = chunks(text)
    assert len(pieces) > 1 and "".join(p for _, p in pieces) == text
    assert all(len(p) <= 50_000 for _, p in pieces)
    found = extract_article(read_text(text, "long")[0]).statements
    assert len(found) == 3000
    assert all(text[s.start:s.end].strip() == s.sentence == line for s in found)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text_gives_statements_or_nothing_never_an_error(nlp, text):
    result = extract_article(read_text(text, "fuzz")[0], None, date(2026, 1, 1))
    for s in result.statements:
        assert s.stance in STANCES and 0 <= s.start <= s.end <= len(text)


@given(st.text(max_size=200))
@settings(max_examples=50, deadline=None)
def test_chunks_cover_the_text(text):
    from redline.news.extraction import chunks

    pieces = chunks(text, size=17)
    assert "".join(p for _, p in pieces) == text
    assert all(text[o:o + len(p)] == p for o, p in pieces)


SECOND = "\n".join([
    "Qatar's foreign minister arrived in Tehran on Sunday carrying a message from Washington.",
    "Speaking to state television, Iran's president said his country would never give up "
    "enrichment, which he described as a national right.",
    "He added that Tehran could accept tighter inspections provided that Washington lifted "
    "oil sanctions first.",
    "European diplomats welcomed the renewed contacts but warned that time was running out.",
    "The talks are expected to resume in Muscat next week, according to Omani officials.",
])


@pytest.fixture(scope="module")
def second(nlp, scenario):
    return extract_article(read_text(SECOND, "second.txt")[0], scenario, date(2026, 3, 10))


def test_never_give_up_is_a_red_line(second):
    s = _one(second, stance="red_line")
    assert (s.actor, s.resolved.issue, s.rule, s.speaker) == ("IRN", "enrichment", "RL-NEVER",
                                                     "Masoud Pezeshkian")


def test_condition_read_from_the_words_and_speaker_carried_to_he(second):
    s = _one(second, stance="conditional_offer")
    assert s.resolved.issue == "inspections"
    assert s.condition == "Washington lifted oil sanctions first"
    assert s.speaker == "Masoud Pezeshkian"  # "He added ..." after the president spoke


def test_a_warning_about_time_is_not_a_threat(second):
    assert not [s for s in second.statements if s.stance == "threaten"]


def test_visits_and_planned_talks_are_consultations(second):
    visit = _one(second, stance="consult", actor="QAT")
    assert visit.addressee == "IRN" and visit.date == "2026-03-08"  # Sunday before Tuesday
    planned = _one(second, stance="consult", place="OMN")
    assert planned.date == "2026-03-17"  # next week


THIRD = "\n".join([
    "\"Our missile programme is not negotiable,\" Iran's foreign minister told reporters in "
    "Geneva on Friday.",
    "According to a senior US official, Washington is prepared to ease some sanctions in return "
    "for a freeze on enrichment.",
    "The two sides will meet again in Vienna later this month, the IAEA said.",
    "Saudi Arabia expressed support for the American position on missiles.",
    "Mr Araghchi said Iran would not accept any limits on its missiles.",
])


@pytest.fixture(scope="module")
def third(nlp, scenario):
    return extract_article(read_text(THIRD, "third.txt")[0], scenario, date(2026, 3, 13))


def test_quoted_red_line_and_price_of_an_offer(third):
    red = _one(third, stance="red_line")
    assert (red.actor, red.resolved.issue, red.speaker) == ("IRN", "missiles", "Abbas Araghchi")
    offer = _one(third, stance="conditional_offer")
    assert (offer.actor, offer.resolved.issue, offer.condition) == ("USA", "sanctions",
                                                          "a freeze on enrichment")


def test_reported_talks_belong_to_the_sides_not_the_reporter(third):
    talks = _one(third, stance="consult")
    assert {talks.actor, talks.addressee} == {"IRN", "USA"} and talks.place == "AUT"


def test_stance_in_a_noun_and_a_title_before_a_surname(third):
    assert _one(third, stance="support").actor == "SAU"
    refusal = _one(third, stance="reject", issue="missiles")
    assert refusal.speaker == "Abbas Araghchi" and refusal.speaker_role == "foreign minister"
