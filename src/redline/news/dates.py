"""Dates in news text, resolved against the article's date ("last week" -> a calendar date)."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from redline.errors import RedlineError

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}

_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DMY = re.compile(rf"\b(\d{{1,2}}) ({'|'.join(MONTHS)}),? (\d{{4}})\b", re.IGNORECASE)
_MDY = re.compile(rf"\b({'|'.join(MONTHS)}) (\d{{1,2}}),? (\d{{4}})\b", re.IGNORECASE)
_AGO = re.compile(r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten) "
                  r"(day|week|month|year)s? ago\b", re.IGNORECASE)
_WEEKDAY = re.compile(rf"\b(?:on |last |this )?({'|'.join(WEEKDAYS)})\b", re.IGNORECASE)
# Words before a capitalised weekday that still make it a day ("On Monday", "Last Friday").
_DAY_WORDS = frozenset("on last this next since by until from early late".split())
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
# "ABUJA, May 4 (Reuters) -", "LIMA, Peru, Jan. 14, 2025 -", "WASHINGTON (Reuters) -".
_DATELINE = re.compile(
    rf"^[A-Z][A-Z.'’ -]+(?:, [A-Z][A-Za-z.'’ ]+)?,\s+((?:{'|'.join(m.title() for m in MONTHS)}|"
    rf"{_MONTH_ABBR})\s+\d{{1,2}}(?:,\s+\d{{4}})?)\s*(?:\([^)]*\))?\s*[-–—]", re.MULTILINE)


class DateError(RedlineError):
    """A date given by the user that is not an ISO date."""


def parse_date(text: str, where: str = "--date") -> date:
    """An ISO date (YYYY-MM-DD) given by the user."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise DateError(f"{where}: {text!r} is not a date. Fix: write it as YYYY-MM-DD, "
                        "e.g. 2026-02-10") from None


def _calendar(match: re.Match[str], order: str) -> date | None:
    try:
        if order == "iso":
            return date(int(match[1]), int(match[2]), int(match[3]))
        if order == "dmy":
            return date(int(match[3]), MONTHS.index(match[2].lower()) + 1, int(match[1]))
        return date(int(match[3]), MONTHS.index(match[1].lower()) + 1, int(match[2]))
    except ValueError:
        return None


def resolve(sentence: str, published: date | None) -> tuple[date | None, str]:
    """The date a sentence's event happened on, and how it was found.

    Absolute calendar dates win; relative expressions ("yesterday", "last week", "on Tuesday",
    "three days ago") are counted back from the article's date; otherwise the article's date.
    Returns (None, "unknown") when neither the sentence nor the article gives one.
    """
    for pattern, order in ((_ISO, "iso"), (_DMY, "dmy"), (_MDY, "mdy")):
        match = pattern.search(sentence)
        if match and (found := _calendar(match, order)) is not None:
            return found, "calendar"
    if published is None:
        return None, "unknown"
    lower = sentence.lower()
    if re.search(r"\byesterday\b", lower):
        return published - timedelta(days=1), "yesterday"
    if re.search(r"\btomorrow\b", lower):
        return published + timedelta(days=1), "tomorrow"
    if match := _AGO.search(lower):
        count = int(match[1]) if match[1].isdigit() else _NUMBERS[match[1]]
        return published - timedelta(days=count * _UNIT_DAYS[match[2]]), "ago"
    for phrase, days, how in (("last week", -7, "last week"), ("next week", 7, "next week"),
                              ("last month", -30, "last month"), ("next month", 30, "next month"),
                              ("last year", -365, "last year")):
        if phrase in lower:
            return published + timedelta(days=days), how
    if match := _weekday(sentence):
        weekday = WEEKDAYS.index(match[1].lower())
        back = (published.weekday() - weekday) % 7
        if match.group(0).lower().startswith("last ") and back == 0:
            back = 7
        return published - timedelta(days=back), "weekday"
    return published, "article"


def _weekday(sentence: str) -> re.Match[str] | None:
    """The first weekday that names a day, not part of a name: "Good Friday Agreement", "Easter
    Monday", "the Sunday Times" are names (a capitalised word before or after the weekday)."""
    for match in _WEEKDAY.finditer(sentence):
        before = sentence[:match.start(1)].split()
        after = sentence[match.end(1):].split()
        prev = before[-1] if before else ""
        nxt = after[0] if after else ""
        if prev[:1].isupper() and prev.lower() not in _DAY_WORDS and not prev.endswith((".", ":")):
            continue
        if nxt[:1].isupper() and nxt.rstrip(".,").lower() not in MONTHS:
            continue
        return match
    return None


# Any dateline: a place in capitals, then a date and/or "(Agency)", then a dash.
_DATELINE_ANY = re.compile(
    rf"^[A-Z][A-Z.'’ -]+(?:, [A-Z][A-Za-z.'’ ]+)?"
    rf"(?:,\s+(?:{'|'.join(m.title() for m in MONTHS)}|{_MONTH_ABBR})\s+\d{{1,2}}"
    rf"(?:,\s+\d{{4}})?\s*(?:\([^)]*\))?|\s*\([^)]*\))\s*[-–—]+\s*", re.MULTILINE)


def dateline_span(text: str) -> tuple[int, int] | None:
    """Where a wire dateline ("ABUJA, May 4 (Reuters) - ", "WASHINGTON (AP) — ") sits in the
    first lines of an article, so that it can be kept out of the parse: it is no part of
    the first sentence's grammar."""
    head = "\n".join(text.splitlines()[:4])
    match = _DATELINE_ANY.search(head)
    return (match.start(), match.end()) if match else None


def dateline(text: str, reference: date) -> date | None:
    """The date of a wire dateline at the start of a line near the top of an article ("ABUJA,
    May 4 (Reuters) -"), read with dateparser; without a year, the latest such day not after
    `reference` (the day the article is read). None when the dateline gives no date."""
    head = "\n".join(text.splitlines()[:4])
    match = _DATELINE.search(head)
    if match is None:
        return None
    import dateparser  # the nlp extra; imported on first use

    base = datetime.combine(reference, time(12))
    found = dateparser.parse(match[1].replace("Sept.", "Sep."), languages=["en"], settings={
        "PREFER_DATES_FROM": "past", "RELATIVE_BASE": base, "STRICT_PARSING": False})
    return found.date() if found is not None else None
