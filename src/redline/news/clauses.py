"""Reading a dependency parse: who speaks, which actor a phrase names, short phrases.

Works on spaCy tokens; every function here is pure over the parse and the actor mentions.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from redline.news import gazetteer
from redline.news.gazetteer import Mention

Token = Any  # spacy.tokens.Token (spaCy is optional, so no import at module level)

REPORTING = frozenset(
    "say tell state declare announce add stress emphasize emphasise reaffirm reiterate confirm "
    "claim argue note assert insist report quote write explain maintain acknowledge "
    "suggest indicate underline underscore signal warn caution".split())
PRONOUNS = frozenset("it they he she we its their his her them this".split())
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_DETERMINERS = frozenset("a an the its their his her our this that these those".split())


@dataclass
class Mentions:
    """The actor mentions of one text, searchable by character range."""

    items: tuple[Mention, ...]
    starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.starts = [m.start for m in self.items]

    def within(self, start: int, end: int) -> list[Mention]:
        """Mentions lying wholly inside characters [start, end), in text order."""
        i = bisect_left(self.starts, start)
        found = []
        while i < len(self.items) and self.items[i].start < end:
            if self.items[i].end <= end:
                found.append(self.items[i])
            i += 1
        return found

    def before(self, offset: int) -> list[Mention]:
        """Mentions that start before character `offset`, in text order."""
        return list(self.items[:bisect_left(self.starts, offset)])


def span_range(token: Token, skip: frozenset[str] = frozenset()) -> tuple[int, int]:
    """Character range of a token's subtree, leaving out children attached by `skip` labels."""
    tokens = [token]
    stack = [c for c in token.children if c.dep_ not in skip]
    while stack:
        child = stack.pop()
        tokens.append(child)
        stack.extend(child.children)
    return (min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens))


def doc_text(doc: Any) -> str:
    """A parsed document's text, kept with it: spaCy rebuilds `Doc.text` on every access, which
    the rules ask for once per statement."""
    text = doc.user_data.get("redline.text")
    if text is None:
        text = doc.user_data["redline.text"] = doc.text
    return str(text)


def child(token: Token, *deps: str) -> Token | None:
    """The first child of `token` attached by one of `deps`."""
    return next((c for c in token.children if c.dep_ in deps), None)


def prep_object(token: Token, *words: str) -> Token | None:
    """The object of a preposition (one of `words`) under `token`: "talks *with* X"."""
    for prep in token.children:
        if prep.dep_ in ("prep", "dative") and prep.lower_ in words:
            return child(prep, "pobj")
    return None


def subject(verb: Token) -> Token | None:
    """The grammatical subject of a verb (or of the verb it is coordinated with / governed by)."""
    current = verb
    for _ in range(6):
        for child in current.children:
            if child.dep_ in SUBJECTS:
                return _after_but(child)
            if child.dep_ == "agent":  # passive "by X"
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        return grand
        climbs = current.dep_ in ("conj", "xcomp", "advcl", "acomp", "pcomp")
        if climbs and current.head.i != current.i:
            current = current.head
            continue
        if current.dep_ == "relcl":  # "a red line that will not be discussed": the noun
            return None
        if current.dep_ == "acl":  # "China, which has ties to ..., called on": a misparse
            root = current.sent.root
            if current.i > 0 and current.doc[current.i - 1].text == "," and \
                    root.pos_ in ("NOUN", "PROPN") and root.i < current.i:
                return root
            noun = current.head
            while noun.dep_ == "appos" and noun.head.i != noun.i:
                noun = noun.head
            if noun.dep_ == "ROOT" and noun.pos_ in ("NOUN", "PROPN"):
                return noun
        return None
    return None


def _after_but(noun: Token) -> Token:
    """The subject of a clause misparsed onto the one before it: in "The owner ... offered to
    cut output, but the town's mayor said she would not sign ...", "but" joins two clauses,
    and the parser may make the mayor a conjunct of the owner, the subject of "said". "But"
    never joins the subjects of one verb: the noun after it is the subject."""
    if any(c.dep_ == "cc" and c.lower_ == "but" for c in noun.children):
        return next((c for c in noun.children if c.dep_ == "conj" and c.i > noun.i), noun)
    return noun


_PLACE_WORDS = ("in", "at", "to", "from", "near", "outside", "inside")


_DATELINE_END = re.compile(r"\s*(?:,|\()")


def placed(mention: Mention, text: str) -> bool:
    """A capital named as a place ("told reporters in Cairo", "talks in Beijing", the dateline
    "ABUJA, May 4 -"), not as the government that sits there."""
    if mention.kind != "capital":
        return False
    line_start = text.rfind("\n", 0, mention.start) + 1
    if not text[line_start:mention.start].strip() and mention.text.isupper() and \
            _DATELINE_END.match(text, mention.end):
        return True
    before = text[max(0, mention.start - 80):mention.start].rstrip().rsplit(None, 2)
    if len(before) >= 2 and before[-1].lower() == "in" and \
            before[-2].lower().strip(",") in _OFFICIALS:
        return False  # "officials in Bishkek said ...": the government that sits there
    return bool(before) and before[-1].lower() in _PLACE_WORDS


_OFFICIALS = frozenset("officials official diplomats diplomat sources source government "
                       "authorities leaders ministers negotiators".split())


def is_pronoun(token: Token) -> bool:
    """Whether the token is a personal pronoun that can stand for a speaker (he, she, it, they, ...)."""
    return token.lower_ in PRONOUNS and token.pos_ == "PRON"


def actor_of(token: Token, mentions: Mentions, memory: list[str],
             skip: frozenset[str] = frozenset({"relcl", "acl"}),
             places: bool = True) -> tuple[str | None, bool]:
    """The actor a noun phrase names: (code, resolved_from_a_pronoun).

    The first actor mention inside the phrase wins ("Lebanon's new president" -> LBN); a pronoun
    is resolved to the subject of the clause that governs it, else to the latest actor seen.
    With `places=False` a capital named as a place ("X, speaking in Cairo") does not count.
    """
    if token.lower_ in ("country", "government", "regime", "side", "leadership"):
        start, end = span_range(token, skip)
        found = mentions.within(start, end)
        if found:  # "the Iranian government"
            return found[0].code, False
    if is_pronoun(token) or token.lower_ in ("country", "government", "regime", "side",
                                             "leadership"):
        head = token.head
        for _ in range(6):
            if head.head.i == head.i:
                break
            head = head.head
            governing = next((c for c in head.children if c.dep_ in SUBJECTS
                              and c.i != token.i and not is_pronoun(c)), None)
            if governing is not None:
                code, _ = actor_of(governing, mentions, memory, skip)
                if code:
                    return code, True
        return (memory[-1] if memory else None), True
    start, end = span_range(token, skip)
    found = mentions.within(start, end)
    if not places and found:
        text = doc_text(token.doc)
        found = [m for m in found if not placed(m, text)]
    if found:
        return found[0].code, False
    if token.lower_ in ("bloc", "alliance", "organisation", "organization") and \
            token.pos_ in ("NOUN", "PROPN"):
        # "the bloc wants ...": the organisation named last, else a union of states
        organisations = gazetteer.organisation_identities()
        return next((code for code in reversed(memory) if code in organisations), "IGO"), False
    return None, False


# Nouns that say little on their own: their complement names the issue ("the demand to include
# missile defence", "progress on delimitation", "a reduction of its share of the water").
LIGHT_NOUNS = frozenset("position proposal demand idea offer plan request call progress "
                        "reduction increase cut change claim question issue matter deal "
                        "agreement talks dispute share part".split())


def noun_phrase(token: Token, limit: int = 8) -> str:
    """A short phrase for a noun or a verb: compounds and modifiers, or verb + object (through
    "keep observing X"), and for a light noun its complement."""
    if token.pos_ in ("VERB", "AUX"):
        obj = next((c for c in token.children if c.dep_ in ("dobj", "attr", "pobj")), None)
        if obj is None:  # "return to negotiations"
            obj = next((g for c in token.children if c.dep_ == "prep"
                        and c.lower_ in ("to", "on", "into", "for", "with")
                        for g in c.children if g.dep_ == "pobj"), None)
        if obj is None and limit > 2:  # "keep observing the limits"
            obj = next((c for c in token.children if c.dep_ == "xcomp"), None)
        words = [token.text] + ([noun_phrase(obj, limit - 1)] if obj is not None else [])
        topic = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if obj is None and topic is not None and topic.pos_ == "NOUN" and limit > 2:
            words.insert(0, noun_phrase(topic, limit - 1))  # "subsidies must end"
        return " ".join(w for w in words if w)
    keep = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod", "nummod", "poss")
            and c.i < token.i]
    tokens = sorted([t for c in keep for t in c.subtree] + [token], key=lambda t: t.i)
    words = [t.text for t in tokens if t.lower_ not in _DETERMINERS and t.dep_ != "case"]
    phrase = " ".join(words[-limit:])
    if token.lemma_.lower() in LIGHT_NOUNS and limit > 3:
        more = next((g for c in token.children if c.dep_ == "prep" and c.lower_ in (
            "of", "on", "over", "for", "about", "to") for g in c.children if g.dep_ == "pobj"),
            None) or next((c for c in token.children if c.dep_ in ("acl", "relcl")
                           and c.pos_ == "VERB" and c.i > token.i), None)
        if more is not None:
            phrase = f"{phrase} {noun_phrase(more, limit - len(words))}".strip()
    return phrase


@dataclass(frozen=True)
class Speaker:
    """Who speaks in a sentence: the name and role as written, the actor they resolve to, and the token."""
    name: str | None
    role: str | None
    actor: str | None
    token_i: int | None


TITLES = frozenset("president prime minister foreign defence defense secretary supreme leader "
                   "ayatollah king queen sheikh emir sultan general gen. chancellor envoy "
                   "spokesman spokeswoman spokesperson ambassador senator mr. mrs. ms. dr. "
                   "mr mrs ms dr "
                   "vice deputy chief commander special state interior".split())


# Nouns naming one person who speaks for a body: "a WTO spokesman", "the chief negotiator".
SPOKESPEOPLE = frozenset("spokesman spokeswoman spokesperson envoy minister official negotiator "
                         "ambassador head chief leader president director secretary chairman "
                         "chairwoman chair commissioner mediator governor mayor "
                         "representative".split())


def _is_actor_word(token: Token, mentions: Mentions) -> bool:
    start, end = token.idx, token.idx + len(token.text)
    return any(m.start < end and start < m.end for m in mentions.items)


def role_words(token: Token, mentions: Mentions | None = None) -> str:
    """An office named by a noun phrase ("Iran's foreign minister" -> "foreign minister")."""
    words = [c.text for c in token.children if c.dep_ in ("amod", "compound") and c.i < token.i
             and not (mentions is not None and _is_actor_word(c, mentions))]
    return " ".join([*words, token.text]).lower()


def person_name(who: Token, mentions: Mentions) -> str | None:
    """A person's name from a proper-noun head and its compounds, titles left out
    ("Supreme Leader Ayatollah Ali Khamenei" -> "Ali Khamenei")."""
    parts = [c for c in who.children if c.dep_ == "compound" and c.pos_ == "PROPN"
             and c.i < who.i] + [who]
    parts.sort(key=lambda t: t.i)
    words: list[str] = []
    for token in parts:
        if token.lower_ in TITLES or _is_actor_word(token, mentions) and token.i != who.i:
            words = []
            continue
        words.append(token.text)
    if not words or _is_actor_word(who, mentions) and len(words) == 1 and \
            not gazetteer.offices_of(who.text, None):
        return None
    return " ".join(words)


def speaker_of(token: Token, mentions: Mentions, memory: list[str],
               when: date | None) -> Speaker | None:
    """The subject of the reporting verb ("X said ...") that governs `token`, if any."""
    current = token
    for _ in range(8):
        if current.head.i == current.i:
            break
        dep, current = current.dep_, current.head
        if current.lemma_ in REPORTING and dep in ("ccomp", "xcomp", "advcl", "parataxis",
                                                   "conj", "dobj") or (
                current.lemma_ in REPORTING and current.i == token.head.i):
            who = subject(current)
            if who is None or _aside(who, token):
                continue
            return describe(who, mentions, memory, when)
    root = token.sent.root if hasattr(token, "sent") else current
    for child in root.children:  # "X is willing to ..., minister Y said": a coordinated "said"
        # (or one set in the middle: "If ..., the minister said, sanctions would follow")
        if child.lemma_ in REPORTING and child.dep_ in ("conj", "parataxis") and \
                (child.i > token.i or child.dep_ == "parataxis") and \
                (who := _own_subject(child)) is not None:
            return describe(who, mentions, memory, when)
    return None


# "..., an issue government negotiators said belonged in wider talks": an aside that tells
# what others said of the thing just named, parsed as the reporter of the whole sentence.
_ASIDE_NOUNS = frozenset("issue matter question point demand step move claim proposal plan "
                         "idea offer condition".split())


def _aside(who: Token, statement: Token) -> bool:
    """The reporter's subject comes after the statement and begins with a noun for the thing
    said ("an issue officials said ..."): an aside on that thing, not who states it."""
    return who.i > statement.i and any(c.dep_ in ("compound", "nmod") and
                                       c.lemma_.lower() in _ASIDE_NOUNS and c.i < who.i
                                       for c in who.children)


def _own_subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in SUBJECTS), None)


def describe(who: Token, mentions: Mentions, memory: list[str], when: date | None) -> Speaker:
    """A speaker from a subject phrase: a person's name and role, or an office, and the actor."""
    actor, _ = actor_of(who, mentions, memory, places=False)
    name = role = None
    if who.pos_ == "PROPN" and (found := person_name(who, mentions)) is not None:
        name = found
        appos = next((c for c in who.children if c.dep_ == "appos"), None)
        if appos is not None:
            words = [t.text for t in appos.subtree if t.dep_ != "punct"]
            if words and words[0].lower() in ("a", "an", "the"):
                words = words[1:]
            role = " ".join(words)
        offices = gazetteer.offices_of(name, when)
        if offices:
            role = offices[0].role if offices[0].held_on(when) else role or offices[0].role
            actor = offices[0].actor
            name = offices[0].person if len(name.split()) == 1 else name
        elif actor is None and appos is not None:
            actor, _ = actor_of(appos, mentions, memory)
    elif who.pos_ == "NOUN" and not is_pronoun(who):
        role = role_words(who, mentions)
        if actor is not None:
            name = gazetteer.holder(actor, role, when)
        appos = next((c for c in who.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if name is None and appos is not None and who.lemma_.lower() in SPOKESPEOPLE:
            # "Syria's deputy water minister, Nabil Hamdan, ...": the person in apposition
            name = person_name(appos, mentions)
    return Speaker(name, role, actor, who.i)
