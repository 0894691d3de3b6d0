"""The gazetteer (names, capitals, demonyms, dated offices) and relative dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redline.news import dates, gazetteer


@pytest.mark.parametrize("text, code", [
    ("Tehran", "IRN"), ("the Kremlin", "RUS"), ("Iranian officials", "IRN"),
    ("Washington", "USA"), ("the U.N. envoy", "UN"), ("Hezbollah fighters", "LBN"),
    ("Kingdom of Norway", "NOR"), ("Viet Nam", "VNM"), ("Britain", "GBR"),
    ("Ali Shamkhani", "IRN"), ("the Supreme Leader", "IRN"), ("Muscat", "OMN"),
])
def test_names_to_codes(text, code):
    assert gazetteer.actor_code(text) == code


def test_case_and_currency_are_respected():
    assert gazetteer.actor_code("talk to us about it") is None  # "us" the pronoun
    assert gazetteer.actor_code("the US") == "USA"
    assert gazetteer.actor_code("worth US $50 million") is None
    assert gazetteer.actor_code("a turkey dinner on fine china") is None


def test_offices_have_dates():
    assert gazetteer.holder("IRN", "foreign minister", date(2026, 2, 10)) == "Abbas Araghchi"
    assert gazetteer.holder("IRN", "foreign minister", date(2019, 1, 1)) == \
        "Mohammad Javad Zarif"
    assert gazetteer.holder("USA", "president", date(2023, 6, 1)) == "Joe Biden"
    assert gazetteer.holder("USA", "president", date(2026, 2, 10)) == "Donald Trump"
    roles = gazetteer.offices_of("Shamkhani", date(2020, 1, 1))
    assert roles[0].role.startswith("secretary")  # before he became an adviser in 2023


def test_resolving_relative_dates():
    day = date(2026, 2, 10)  # a Tuesday
    assert dates.resolve("talks were held last week", day) == (date(2026, 2, 3), "last week")
    assert dates.resolve("He spoke yesterday.", day)[0] == date(2026, 2, 9)
    assert dates.resolve("on Sunday the talks ended", day)[0] == date(2026, 2, 8)
    assert dates.resolve("three days ago", day)[0] == date(2026, 2, 7)
    assert dates.resolve("on 3 March 2025 they met", day)[0] == date(2025, 3, 3)
    assert dates.resolve("nothing dated", day) == (day, "article")
    assert dates.resolve("last week", None) == (None, "unknown")


@settings(deadline=None)  # a property, not a timing: no deadline on a loaded machine
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 1, 1)),
       st.sampled_from(dates.WEEKDAYS))
def test_a_weekday_is_the_latest_such_day_not_after_the_article(day, weekday):
    found, how = dates.resolve(f"They met on {weekday.title()}.", day)
    assert how == "weekday" and found.strftime("%A").lower() == weekday
    assert day - timedelta(days=6) <= found <= day


def test_bad_user_date_is_a_clear_error():
    with pytest.raises(dates.DateError, match="YYYY-MM-DD"):
        dates.parse_date("10/02/2026")
