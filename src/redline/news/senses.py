"""Word senses that make or unmake a stance, read on the dependency parse: paying, going to law,
leaving talks, failing to agree, declining to comment, calling for something to be done, the
sides of talks named through their negotiators, a second predicate the parser coordinated into
an appeal's content, and what a party refuses to conclude without ("no deal without X").

Each is a small predicate over spaCy tokens used by `redline.news.rules`.
"""

from __future__ import annotations

from typing import Any

from redline.news.clauses import child, prep_object

Token = Any

# Paying for something: "the system could not keep paying X", "the budget cannot afford X" is
# the speaker's refusal to pay, whatever the clause's grammatical subject.
PAYING = frozenset("pay afford fund finance subsidise subsidize sustain bear absorb "
                   "shoulder".split())


def paying(verb: Token) -> bool:
    """Paying, or going on paying ("keep paying", "continue to fund")."""
    if verb.lemma_.lower() in PAYING:
        return True
    more = child(verb, "xcomp")
    return verb.lemma_.lower() in ("keep", "continue", "go") and more is not None and \
        more.lemma_.lower() in PAYING


# What a speaker declines to do without refusing anything: "declined to comment".
NO_COMMENT = frozenset("comment elaborate speculate say confirm respond answer "
                       "specify".split())


def failed_to(token: Token) -> bool:
    """"fail to agree", "failed to reach", whatever the parse made of it (a headline in capitals
    is often parsed as names: "Senegal and Mauritania Fail to Agree")."""
    doc = token.doc
    return token.i >= 2 and doc[token.i - 1].lower_ == "to" and \
        doc[token.i - 2].lower_ in ("fail", "fails", "failed", "failing")


# Going to law: "would challenge the licence in court", "would take the union to court",
# "would sue the operator": a hostile act announced (PLOVER files suing under DISAPPROVE).
LAWSUITS = frozenset("sue litigate".split())
TO_LAW = frozenset("challenge contest appeal fight take bring file lodge seek".split())
COURTS = frozenset("court courts tribunal tribunals arbitration judge judges justice "
                   "lawsuit litigation wto icj complaint injunction arbitrator".split())


# Leaving talks or a deal: "would walk away from the talks", "would pull out of the deal".
QUIT = frozenset("quit abandon leave exit withdraw suspend".split())
LEFT = frozenset("deal agreement process accord ceasefire truce negotiation negotiations "
                 "talk talks dialogue round meeting discussion".split())


def quits(verb: Token) -> bool:
    """Leaving talks or a deal: "walk away (from the talks)", "pull out of", "quit the deal"."""
    lemma = verb.lemma_.lower()
    particle = next((c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")), None)
    left = child(verb, "dobj") or prep_object(verb, "from", "of")
    if lemma in ("walk", "pull", "storm") and particle in ("away", "out", "off"):
        return left is None or left.lemma_.lower() in LEFT
    return lemma in QUIT and left is not None and left.lemma_.lower() in LEFT


def goes_to_law(verb: Token) -> bool:
    """Suing, or challenging, contesting, taking something to court (a court or tribunal named
    in the act, outside its condition)."""
    if verb.lemma_.lower() in LAWSUITS:
        return True
    if verb.lemma_.lower() not in TO_LAW:
        return False
    return any(t.lemma_.lower() in COURTS or t.lower_ in ("legally", "legal") or
               t.lower_ == "organization" and t.doc[t.i - 1].lower_ == "trade"
               for t in verb.subtree if t.i != verb.i and not _conditional(t, verb))


def _conditional(token: Token, verb: Token) -> bool:
    """`token` sits in an "if"/"unless" clause under `verb` (a condition, not the act)."""
    node = token
    while node.i != verb.i and node.head.i != node.i:
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless")
                                        for c in node.children):
            return True
        node = node.head
    return False


def wished(verb: Token) -> Token | None:
    """The clause of "called/pressed for X to be done" (the parse hangs it off the verb, with
    "for" as a preposition without object or as the clause's marker)."""
    clause = next((c for c in verb.children if c.dep_ in ("advcl", "ccomp", "xcomp") and any(
        g.dep_ == "mark" and g.lower_ == "for" for g in c.children)), None)
    if clause is None and any(c.dep_ == "prep" and c.lower_ == "for" and child(c, "pobj")
                              is None for c in verb.children):
        clause = child(verb, "ccomp", "xcomp", "advcl")
    if clause is None or not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
        return None
    return clause


# Stretches of talks: "two days of talks", "a fourth round of negotiations".
SPELLS = frozenset("day days hour hours week weeks round rounds session sessions series "
                   "set".split())
# People who hold talks for their side: "negotiators from X and Y".
ENVOYS = frozenset("negotiator delegation delegate envoy official representative team "
                   "minister diplomat adviser advisor".split())


def sides_from(who: Token | None) -> Token | None:
    """The first side named in "officials/negotiators from X and Y" (Y is its conjunct, when
    the parse makes it one)."""
    if who is None or who.lemma_.lower() not in ENVOYS:
        return None
    side = prep_object(who, "from", "of", "for", "to")  # "advisers to X and Y"
    if side is None or any(c.lower_ in ("both", "two", "all") for c in side.children):
        return None  # "delegations from the two countries": the pair the article is about
    return side


def second_predicate(trigger: Token, content: Token) -> bool:
    """A finite verb the parser coordinated with the infinitive of an appeal's content although
    it is the sentence's second predicate: "called on X to order Y and offered to pay Z"
    ("offered" is past tense, "order" an infinitive)."""
    return trigger.dep_ == "conj" and trigger.head.i == content.i and \
        trigger.tag_ in ("VBD", "VBZ") and content.tag_ == "VB" and \
        child(trigger, "nsubj", "nsubjpass") is None and \
        child(content, "nsubj", "nsubjpass") is None  # not "demanded that X fix ... and warned"


# What a party can refuse to conclude without something: "no deal without X".
DEALS = frozenset("deal agreement settlement accord peace ceasefire truce compromise treaty pact "
                  "solution".split())


# Consequences that hurt whom they fall on: "would respond proportionately if ...", "X would
# face retaliatory duties if ...".
RESPONDING = frozenset("respond retaliate react reciprocate".split())
HARMS = frozenset("penalty duty tariff sanction consequence retaliation countermeasure fine "
                  "charge punishment reprisal measure action levy ban".split())


def harms(verb: Token) -> bool:
    """An act announced under a condition whose consequence is harmful to the other side (a
    threat, not a conditional offer): responding or retaliating, or something that "would face"
    penalties, duties, sanctions, consequences."""
    if verb.lemma_ in RESPONDING:
        return True
    faced = child(verb, "dobj")
    return verb.lemma_ == "face" and faced is not None and faced.lemma_.lower() in HARMS


def perfect(verb: Token) -> bool:
    """A perfect of an act done ("has exempted", "have freed"): a past participle with "have"
    and no modal ("would have freed" is not done)."""
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have"
                                      for c in verb.children) and not any(
        c.dep_ == "aux" and c.lower_ in ("would", "could", "might", "should", "may", "must")
        for c in verb.children)


def at_request(verb: Token) -> bool:
    """An act done "at X's request" or "at the request of X": given because another asked."""
    place = prep_object(verb, "at")
    return place is not None and place.lemma_.lower() == "request"
