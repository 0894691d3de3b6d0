"""Non-state speakers: the sector a subject phrase speaks for, and its country where the text
gives it ("Kenya's teachers' union" -> KEN, union; "a farmers' union" -> no state, union).

The sector comes from the agent noun of the phrase (the Phoenix agents dictionary, through
`redline.news.lexicon`: "union" -> union, "carmaker" -> business, "army" -> military), from a
named group in the gazetteer (Sinn Fein -> party, the ELN -> rebels) or from a company name of
the Phoenix international actors. The country is a state named inside the phrase or its
apposition ("Volkswagen, Germany's biggest carmaker"), never a state merely nearby: a union
whose country the text does not give keeps no state. "The union", "the company", "the party",
"its leader" refer back to the last group of that sector (or the last speaker) in the article.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from redline.news import lexicon
from redline.news.clauses import Mentions, is_pronoun, span_range

Token = Any

# Roles that speak for the body that owns them ("the union's general secretary").
ROLES = frozenset("leader leaders secretary spokesman spokeswoman spokesperson chief head "
                  "president chairman chairwoman chair negotiator negotiators commander "
                  "representative representatives official officials member members "
                  "director founder boss executive general secretary-general".split())
_DEFINITE = frozenset("the this that its their".split())


@dataclass(frozen=True)
class Group:
    """A non-state speaker: its state (None when the text does not give it), sector and name."""

    actor: str | None
    sector: str
    name: str


def _phrase(token: Token) -> list[Token]:
    """The head noun with the words before it that modify it (compounds, adjectives,
    possessive nouns: "France's largest farmers' union")."""
    keep = [token]
    for child in token.children:
        if child.i < token.i and child.dep_ in ("compound", "amod", "nmod", "poss"):
            keep.extend(child.subtree)
    return sorted(keep, key=lambda t: t.i)


# Bodies whose members say what sector they are: "the bishops' conference", "a farmers'
# association", "the Congress of Trade Unions".
BODIES = frozenset("conference council association federation congress committee league "
                   "movement front coalition assembly body".split())


def agent_sector(token: Token) -> str | None:
    """The sector an agent noun phrase names ("transport minister" -> government), or None."""
    sector = _agent_sector(token)
    if token.lemma_.lower() in BODIES:
        members = [t for t in _phrase(token) if t.i != token.i and t.pos_ in ("NOUN", "PROPN")]
        members += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.subtree if g.pos_ in ("NOUN", "PROPN")]
        for member in members:
            table = lexicon.agents()
            word = member.lower_.rstrip("'")
            for key in (word, word[:-1] if word.endswith("s") else word, member.lemma_.lower()):
                if key in table and table[key] != "government":
                    return table[key]
    return sector


def _agent_sector(token: Token) -> str | None:
    """The sector of an agent noun: the longest run of words ending at the head found in the
    agents dictionary ("opposition party", then "party")."""
    table = lexicon.agents()
    words = [t for t in _phrase(token) if t.dep_ != "case" and t.pos_ != "PUNCT"]
    words = words[words.index(token) - min(2, words.index(token)):words.index(token) + 1]
    for start in range(len(words)):
        text = " ".join(t.lower_.rstrip("'") for t in words[start:])
        for key in (text, text[:-1] if text.endswith("s") else text,
                    " ".join([*(t.lower_ for t in words[start:-1]), token.lemma_.lower()])):
            if key in table:
                return table[key]
    return None


def _state_inside(token: Token, mentions: Mentions) -> str | None:
    """A state named inside the phrase, its apposition or an "of/in/from X" after it."""
    spans = [span_range(token, frozenset({"relcl", "acl", "appos", "prep"}))]
    for child in token.children:
        if child.dep_ == "appos" or child.dep_ == "prep" and child.lower_ in ("of", "in",
                                                                             "from"):
            spans.append(span_range(child))
    for start, end in spans:
        for m in mentions.within(start, end):
            if m.kind in ("state", "demonym", "capital", "group") and m.code.isupper() and \
                    len(m.code) == 3:
                return m.code
    return None


def _named(token: Token, mentions: Mentions) -> tuple[str | None, str] | None:
    """(state, sector) of a group or company the phrase names, if it names one."""
    start, end = span_range(token, frozenset({"relcl", "acl", "appos", "prep"}))
    for m in mentions.within(start, end):
        if m.kind == "group":
            from redline.news.gazetteer import sector_of_group

            return m.code, sector_of_group(m.text)
    if token.pos_ == "PROPN":
        words = " ".join(t.lower_ for t in _phrase(token) if t.pos_ == "PROPN")
        org = lexicon.organisations().get(words)
        if org is not None and org.kind == "MNC":
            return None, "business"
    return None


def group_of(token: Token | None, mentions: Mentions,
             groups: list[Group | None]) -> Group | None:
    """The non-state group a subject phrase speaks for, or None for states, their officials
    and organisations. `groups` holds the article's speakers so far (None for a state or an
    organisation): a pronoun refers to the last of them."""
    if token is None:
        return None
    if is_pronoun(token):
        return groups[-1] if groups else None
    start, end = span_range(token, frozenset({"relcl", "acl", "appos", "prep"}))
    if any(m.kind == "organisation" and m.start < end and start < m.end
           for m in mentions.before(end)):
        return None  # an organisation ("the Economic Community of West African States")
    owner = next((c for c in token.children if c.dep_ == "poss"), None) or next(
        (g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
         for g in c.children if g.dep_ == "pobj"), None)  # "the leader of X's party"
    if token.lower_ in ROLES and owner is not None:  # "the union's general secretary"
        if is_pronoun(owner):
            return groups[-1] if groups else None
        return group_of(owner, mentions, groups)
    named = _named(token, mentions)
    sector = named[1] if named else agent_sector(token)
    appos = next((c for c in token.children if c.dep_ == "appos"), None)
    if appos is not None and token.pos_ == "PROPN" and sector in (None, "government"):
        sector = agent_sector(appos) or sector  # "Equinor, the energy company"
    if sector is None or sector == "government":
        return None
    state = named[0] if named and named[0] else _state_inside(token, mentions)
    name = "".join(t.text_with_ws for t in _phrase(token)).strip()
    if state is None and any(c.lower_ in _DEFINITE for c in token.children) and \
            not any(c.dep_ in ("compound", "amod") for c in token.children):
        earlier = next((g for g in reversed(groups) if g is not None and g.sector == sector),
                       None)
        if earlier is not None:  # "the union said ...": the union named before
            return earlier
    return Group(state, sector, name)
