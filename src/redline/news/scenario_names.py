"""A scenario's names, indexed for finding them in text: actors (names, people, organisations,
capitals, demonyms, surnames), issues and options, from `redline.scenario.aliases`.

`ScenarioNames.of(scenario)` builds the indexes once per scenario; `NameIndex.find` returns
every name of one index in a text, left to right, overlaps resolved to the longer name; acronyms
and surnames match as written, other names case-folded. Used by :mod:`redline.news.resolution`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from redline.news import gazetteer
from redline.news.issues import GENERIC_WORDS, variants
from redline.scenario import Scenario
from redline.scenario.aliases import actor_names, issue_names, option_names

GENERIC_ACTORS = frozenset({"IGO", "NGO"})  # the extractor's codes that name no one actor
SURNAME = "surname"  # a person's last name alone, matched as written (capitalised)
# A name right after one of these is a place ("talks in Muscat"), not a speaker.
PLACE_WORDS = frozenset("in at from near via through inside outside".split())


@dataclass(frozen=True)
class Mention:
    """A scenario name found in a text: where, which id, and what it was."""

    start: int
    end: int
    text: str
    id: str
    how: str


def _acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 6


def _as_written(name: str, how: str) -> bool:
    """Acronyms ("US") and surnames ("Kos") match only as written; other names in any case."""
    return _acronym(name) or how == SURNAME


@dataclass(frozen=True)
class NameIndex:
    """Names -> ids. Acronyms and codes ("US", "IAEA") match in capitals only, other names in
    any case; a longer name wins over one inside it ("ballistic missile" over "missile")."""

    names: tuple[tuple[str, str, str], ...]  # (name, id, how), longest first
    exact: re.Pattern[str] | None
    folded: re.Pattern[str] | None
    # the matched text (as written, or case-folded) -> (id, how), built once
    lookup: dict[str, tuple[str, str]] = field(default_factory=dict, compare=False, hash=False,
                                               repr=False)

    @classmethod
    def build(cls, entries: Iterable[tuple[str, str, str]], owners: bool = True) -> NameIndex:
        """An index of (name, id, how) entries, longest names first, compiled into one pattern."""
        table: dict[str, tuple[str, str, str]] = {}
        for name, ident, how in entries:
            name = " ".join(name.split())
            if not name:
                continue
            exact = _as_written(name, how)
            forms = {name} if exact else variants(name)
            for form in forms:
                key = form if exact else form.casefold()
                table.setdefault(key, (form, ident, how))
        ordered = tuple(sorted(table.values(), key=lambda e: -len(e[0])))

        def compile_(items: list[str], flags: int) -> re.Pattern[str] | None:
            if not items:
                return None
            alternation = "|".join(re.escape(i) for i in sorted(items, key=len, reverse=True))
            end = r"(?![\w-])" if owners else r"(?![\w-]|['’]s\b)"
            return re.compile(rf"(?<![\w.-])(?:{alternation}){end}", flags)

        return cls(ordered,
                   compile_([n for n, _, h in ordered if _as_written(n, h)], 0),
                   compile_([n for n, _, h in ordered if not _as_written(n, h)], re.IGNORECASE),
                   {(n if _as_written(n, h) else n.casefold()): (i, h) for n, i, h in ordered})

    def find(self, text: str | None) -> list[Mention]:
        """Every name in `text`, left to right, overlaps resolved to the longer name."""
        if not text:
            return []
        text = text.replace("’", "'")  # "makers’ association" as "makers' association"
        lookup = self.lookup
        found: list[Mention] = []
        for pattern in (self.exact, self.folded):
            if pattern is None:
                continue
            for m in pattern.finditer(text):
                key = m.group(0) if pattern is self.exact else m.group(0).casefold()
                ident, how = lookup[key]
                found.append(Mention(m.start(), m.end(), m.group(0), ident, how))
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept: list[Mention] = []
        for mention in found:
            if kept and mention.start < kept[-1].end:
                continue
            kept.append(mention)
        return kept


@dataclass(frozen=True)
class ScenarioNames:
    """The scenario's names compiled once: actors, people, issues, options of each issue."""

    title: str
    actor_ids: frozenset[str]
    actors: NameIndex
    people: tuple[tuple[str, str | None, str], ...]  # (name, role, actor id)
    issues: NameIndex
    options: dict[str, NameIndex]
    parties: frozenset[str] = frozenset()  # the actors with role party
    states: dict[str, str] = field(default_factory=dict)  # a state's code -> the one actor
    # named by that state's name ("Mongolia" for the Mongolian government)
    short_people: dict[str, tuple[str, str]] = field(default_factory=dict)  # a short name
    # ("lee", case-folded) -> (the person's full name, their actor), where one actor holds it

    @classmethod
    def of(cls, scenario: Scenario) -> ScenarioNames:
        """The names of `scenario`'s actors, people, issues and options, indexed once."""
        actor_entries: list[tuple[str, str, str]] = []
        people: list[tuple[str, str | None, str]] = []
        for actor in scenario.actors:
            for text, role, kind in actor_names(actor):
                actor_entries.append((text, actor.id, kind))
                if kind == "person":
                    people.append((text, role, actor.id))
        taken = {" ".join(n.split()).casefold() for n, _, _ in actor_entries}
        owners: dict[str, set[str]] = {}
        for name, _role, ident in people:
            for short in short_names(name):
                owners.setdefault(short, set()).add(ident)
        short_people: dict[str, tuple[str, str]] = {}
        for name, _role, ident in people:
            for short in short_names(name):
                if len(owners[short]) == 1 and short.casefold() not in taken:
                    short_people.setdefault(short.casefold(), (name, ident))
        for short, idents in owners.items():
            if short.casefold() in short_people:
                # "Zupan and Kos met ...", "Lee said" (Lee Sang-hoon), "Harbi" (al-Harbi)
                actor_entries.append((short, next(iter(idents)), SURNAME))
        issue_entries: list[tuple[str, str, str]] = []
        for issue in scenario.issues:
            issue_entries.extend((text, issue.id, kind) for text, kind in issue_names(issue))
        actor_words = {w.casefold() for n, _, _ in actor_entries for w in n.split()}
        for issue in scenario.issues:  # after every full name: a word never shadows one
            for word in re.findall(r"[a-z]+", issue.name.lower()):
                if word not in GENERIC_WORDS and len(word) > 3 and word not in actor_words \
                        and not gazetteer.find_mentions(word.capitalize()):
                    # "ballistic", "stockpile"; not a people or place ("Senegalese boats")
                    issue_entries.append((word, issue.id, "name word"))
        options = {issue.id: NameIndex.build(
            (text, label, kind) for text, label, kind in option_names(issue)
            if kind == "alias" or len(text.split()) > 1)  # one-word labels ("none") are common
            for issue in scenario.issues}
        return cls(scenario.title, frozenset(a.id for a in scenario.actors),
                   NameIndex.build(actor_entries), tuple(people),
                   NameIndex.build(issue_entries, owners=False), options,
                   frozenset(a.id for a in scenario.actors if a.role == "party"),
                   _states(actor_entries), short_people)


# Family names that come first in the names of China, Korea and Vietnam as the press writes
# them ("Li Wenjun" is Li on second mention); a hyphenated given name ("Lee Sang-hoon",
# "Hassan Ma-ae") marks the same order.
_FAMILY_FIRST = frozenset(
    "Li Wang Zhang Liu Chen Yang Zhao Huang Zhou Wu Xu Sun Ma Zhu Hu Guo He Lin Luo Gao Zheng "
    "Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye "
    "Wei Su Lu Ding Shen Kim Lee Park Choi Jung Jeong Kang Cho Yoon Jang Lim Shin Oh Seo Kwon "
    "Hwang Ahn Song Yoo Hong Nguyen Tran Le Pham Hoang Phan Vu Vo Dang Bui Do Ho Ngo Duong Ly"
    .split())
# Arabic articles written onto a family name: "Faisal al-Harbi" is Harbi on second mention.
_ARTICLE = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az|ul)-(?=[A-Z])")


def short_names(name: str) -> tuple[str, ...]:
    """How a report names a person of the scenario on second mention: the last name ("Kos"),
    without an Arabic article ("Harbi" for "al-Harbi"); the first name where it is the family
    name ("Li Wenjun", "Lee Sang-hoon") or where the given name is hyphenated ("Hassan
    Ma-ae"). One-word names have no short form."""
    words = name.split()
    if len(words) < 2:
        return ()
    first, last = words[0], words[-1]
    out = [w for w in (last, _ARTICLE.sub("", last)) if len(w) > 2 and w[:1].isupper()]
    if first in _FAMILY_FIRST or "-" in last and not _ARTICLE.match(last):
        out.append(first)
    return tuple(dict.fromkeys(out))


def _states(entries: list[tuple[str, str, str]]) -> dict[str, str]:
    """The state code of each scenario actor named by a state's name ("Mongolia" -> MNG), kept
    only where one actor holds that state's names."""
    owners: dict[str, set[str]] = {}
    for text, ident, kind in entries:
        if kind in ("person", SURNAME):
            continue
        for mention in gazetteer.find_mentions(text):
            if mention.kind == "state" and mention.end - mention.start == len(text):
                owners.setdefault(mention.code, set()).add(ident)
    return {code: next(iter(ids)) for code, ids in owners.items() if len(ids) == 1}
