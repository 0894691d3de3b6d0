"""Matching words in a sentence to a scenario's issues (by id, name, aliases and their words)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# Words of an issue name too general to name the issue on their own.
GENERIC_WORDS = frozenset("and or of the a an in on for to with programme program time limits limit "
                     "relief issue issues deal agreement talks treaty accord pact".split()) | frozenset(
    # function words in a long name ("contracts for laboratories that receive samples")
    "that which whose with from into onto their them they this these those than over under "
    "were will would have been after before about each every other such only more less when "
    "while within without upon".split())


def variants(phrase: str) -> set[str]:
    """A phrase and its singular/plural and British/American spellings."""
    phrase = phrase.lower().strip().replace("’", "'")
    out = {phrase, phrase.replace("programme", "program"), phrase.replace("program", "programme")}
    if " " in phrase or "-" in phrase:  # "air strikes", "air-strikes"
        out |= {phrase.replace(" ", "-"), phrase.replace("-", " ")}
    more = set()
    for item in out:
        more.add(item[:-1] if item.endswith("s") and not item.endswith("ss") else item + "s")
    return out | more


@dataclass(frozen=True)
class IssueMatcher:
    """Finds scenario issue ids in text; the longest, then nearest, matching phrase wins."""

    phrases: tuple[tuple[str, str], ...]  # (phrase, issue id), longest first
    pattern: re.Pattern[str] | None

    @classmethod
    def from_scenario(cls, scenario: Any) -> IssueMatcher:
        """A matcher of the scenario's issues by their ids, names and aliases."""
        pairs: dict[str, str] = {}
        for issue in scenario.issues:
            names = [issue.id.replace("-", " "), issue.name, *list(issue.aliases or ())]
            for name in names:
                for variant in variants(name):
                    pairs.setdefault(variant, issue.id)
            # a distinctive single word of the name ("Ballistic missiles" -> "ballistic")
            for word in re.findall(r"[a-z]+", issue.name.lower()):
                if word not in GENERIC_WORDS and len(word) > 3:
                    for variant in variants(word):
                        pairs.setdefault(variant, issue.id)
        ordered = tuple(sorted(pairs.items(), key=lambda kv: -len(kv[0])))
        if not ordered:
            return cls((), None)
        alternation = "|".join(re.escape(p) for p, _ in ordered)
        return cls(ordered, re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE))

    def find(self, text: str, near: int | None = None) -> str | None:
        """The issue named in `text`; with `near` (a character offset), the closest mention."""
        if self.pattern is None:
            return None
        lookup = dict(self.phrases)
        matches = list(self.pattern.finditer(text))
        if not matches:
            return None
        if near is not None:
            matches.sort(key=lambda m: min(abs(m.start() - near), abs(m.end() - near)))
        return lookup[matches[0].group(0).lower()]
