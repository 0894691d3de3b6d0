"""What is at stake in a statement, without a scenario: the noun phrase it is about, not the
light verb around it ("set a date for presidential elections" -> "presidential elections
(date)", "demanded the release of all political prisoners" -> "release of political
prisoners", "ready to discuss a freeze on missile tests" -> "freeze on missile tests").

Light verbs (set, hold, discuss, accept, ...) give way to their object; nouns of an act
(release, withdrawal, freeze, ...) keep their complement ("of", "on", "to", "for"); a date,
timetable or deadline for something names that thing, with the kind of time in brackets. A
verb that is itself the act keeps its object ("close the crossings").
"""

from __future__ import annotations

from typing import Any

from redline.news.clauses import LIGHT_NOUNS, noun_phrase

Token = Any

# Verbs that carry little meaning of their own: the issue is their object.
LIGHT_VERBS = frozenset("set fix announce discuss negotiate consider hold accept agree take make "
                        "give reach seek want get have keep allow permit ensure guarantee "
                        "include provide name publish respect implement honour honor uphold "
                        "observe restore resume continue start begin open propose offer "
                        "insist demand call press push see study examine review debate "
                        "explore consult".split())
# Nouns of an act, whose complement says what the act is about.
ACT_NOUNS = frozenset("release withdrawal halt freeze end lifting suspension return removal "
                      "reduction cut cap ban limit limits moratorium pullout pull-out exchange "
                      "transfer handover hand-over cessation resumption restoration recognition "
                      "dismantling destruction closure opening reopening access expansion "
                      "extension delay postponement reform repeal review investigation "
                      "inquiry lifting easing increase rise deployment presence "
                      "participation role".split())
# Times set for something: "a date for elections" is about the elections.
TIME_NOUNS = frozenset("date timetable deadline calendar schedule timeline roadmap".split())
_DROP = frozenset("a an the all any every some each its their his her our this that these "
                  "those".split())


def _words(tokens: list[Token]) -> str:
    return " ".join(t.text for t in tokens if t.lower_ not in _DROP and t.dep_ != "case"
                    and t.pos_ != "PUNCT")


def _modified(token: Token) -> list[Token]:
    """The noun with the words before it that modify it ("detained journalists")."""
    keep = [token]
    for child in token.children:
        if child.i < token.i and child.dep_ in ("compound", "amod", "nmod", "nummod", "poss"):
            keep.extend(child.subtree)
    return sorted(keep, key=lambda t: t.i)


def _complement(token: Token, preps: tuple[str, ...]) -> tuple[Token, Token] | None:
    """The first "prep + object" after a word; for an object, also one the parser attached to
    its verb right after it ("discuss a halt | to the drills")."""
    after = [c for c in token.children]
    if token.dep_ in ("dobj", "pobj") and token.head.i != token.i:
        end = max(t.i for t in token.subtree)
        after += [c for c in token.head.children if c.i == end + 1]
    for prep in after:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return prep, obj
    return None


def _noun(token: Token, depth: int = 0) -> str:
    lemma = token.lemma_.lower()
    if lemma in TIME_NOUNS and (found := _complement(token, ("for", "of"))) is not None:
        return f"{_noun(found[1], depth + 1)} ({lemma})"
    phrase = _words(_modified(token))
    if depth < 2 and (lemma in ACT_NOUNS or token.lower_ in ACT_NOUNS) and (
            found := _complement(token, ("of", "on", "to", "for", "from", "in"))) is not None:
        return f"{phrase} {found[0].lower_} {_noun(found[1], depth + 1)}"
    if depth < 2 and lemma in LIGHT_NOUNS and lemma not in ACT_NOUNS:
        return noun_phrase(token)
    return phrase


def _object(verb: Token) -> Token | None:
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "attr")), None)
    if obj is None:
        found = _complement(verb, ("on", "for", "to", "in"))
        obj = found[1] if found else None
    return obj


def issue_phrase(token: Token | None) -> str | None:
    """The noun phrase at stake, from the token a rule found the issue at."""
    if token is None:
        return None
    for _ in range(3):  # "willing to discuss X", "agreed to set X": through light verbs
        if token.pos_ not in ("VERB", "AUX"):
            break
        obj = _object(token)
        if token.lemma_.lower() in LIGHT_VERBS and obj is not None:
            token = obj
            continue
        xcomp = next((c for c in token.children if c.dep_ == "xcomp"), None)
        if token.lemma_.lower() in LIGHT_VERBS and obj is None and xcomp is not None:
            token = xcomp
            continue
        return noun_phrase(token) or None
    if token.pos_ in ("VERB", "AUX"):
        return noun_phrase(token) or None
    return _noun(token) or None
