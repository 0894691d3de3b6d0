"""Rules over the dependency parse that find statements of position, each with an ID.

A rule looks at one token (its lemma, its children, its place in the tree) and, when it fires,
returns a `Finding`: the stance, the word that triggered it, the phrase naming the actor, the
phrase naming the issue, the condition or addressee when there is one, and a confidence. The
extraction step turns findings into statements with actors, speakers, issues and dates.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from redline.news.clauses import child as _child
from redline.news.clauses import doc_text, is_pronoun, subject
from redline.news.clauses import prep_object as _prep_object
from redline.news.dates import MONTHS
from redline.news.groups import agent_sector
from redline.news.senses import (
    DEALS,
    NO_COMMENT,
    SPELLS,
    at_request,
    failed_to,
    goes_to_law,
    harms,
    paying,
    perfect,
    quits,
    second_predicate,
    sides_from,
    wished,
)

Token = Any
Span = Any

REJECT = frozenset("reject refuse decline dismiss rebuff oppose veto spurn repudiate deny "
                   "resist".split())
DEMAND = frozenset("demand insist push press seek want require call ask".split())
URGE = frozenset("urge appeal encourage exhort implore press call ask plead beg "
                 "entreat challenge".split())
OFFER = frozenset("offer propose promise pledge".split())
WILLING = frozenset("willing ready prepared open".split())
# What a party offers when it says it would do it ("would allow more inspections").
OFFERABLE = frozenset("allow permit give cap limit reduce freeze halt suspend discuss negotiate "
                      "consider release dilute ship export open guarantee grant restore "
                      "reopen pay provide fund".split())
THREATEN = frozenset("threaten warn vow caution".split())
# Acts that give something up when they are reported as done ("released four detainees").
PAST_CONCESSIONS = frozenset("release free withdraw return reopen lift unblock pay "
                             "hand exempt spare".split())
# What is released or returned without conceding anything ("released a statement").
NOT_CONCEDED = frozenset("statement report video figure figures detail details data "
                         "result results plan communique communiqué document footage "
                         "image images book album".split())
CONCEDE = frozenset("concede relent yield compromise soften drop lift ease accept".split())
SUPPORT = frozenset("support back welcome endorse praise favor favour applaud defend "
                    "agree".split())
TALKS = frozenset("talk discussion negotiation meeting consultation summit round contact "
                  "dialogue visit".split())
HOLD_TALKS = frozenset("hold take begin resume start open continue end plan schedule set host "
                       "attend mediate have conduct reconvene conclude complete "
                       "wrap".split())
EXPECTING = frozenset("expect schedule set plan due likely".split())
ARRIVE = frozenset("arrive travel fly".split())
MEET = frozenset("meet visit host mediate telephone confer convene reconvene".split())
NEGOTIABLE_VERBS = frozenset("discuss negotiate bargain include put trade reopen renegotiate "
                             "revisit".split())
ACCEPTING = frozenset("accept agree allow meet negotiate discuss give".split())
_RED_PHRASE = re.compile(r"\bnon-?\s?negotiable\b|\bnot negotiable\b|\boff[- ]limits\b|"
                         r"\boff the table\b|\bnot on the table\b|"
                         r"\bnot up for (?:negotiation|discussion|debate)\b|"
                         r"\b(?:un|not )acceptable\b|\bnon-?\s?starter\b|"
                         r"\bout of the question\b|\bnot for sale\b|"
                         r"\b(?:is|was|are|were|be) not an option\b|"
                         r"\b(?:is|was|are|were) (?:(?:its|their|our|the) )?final(?: offer)?"
                         r"(?=[\s.,;\"”]|$)|"
                         r"\ba precondition for\b|"
                         r"\bline (?:that )?\w+ (?:will|would|shall|can|could) (?:not|never) "
                         r"cross\b|\bline \w+ (?:won't|cannot|can't) cross\b", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """What a rule found in a sentence (tokens, not yet resolved to actors and issues)."""

    rule: str
    stance: str
    trigger: Token
    actor: Token | None
    issue: Token | None
    confidence: float
    addressee: Token | None = None
    condition: str | None = None
    mediator: Token | None = None
    place: Token | None = None


def _nominal(token: Token) -> bool:
    """A noun, or a word the tagger read as a verb where it heads a noun phrase ("agreed to a
    2 percent cut": "cut" with its determiner)."""
    return bool(token.pos_ == "NOUN" or token.dep_ == "pobj" and
                any(c.dep_ == "det" for c in token.children))


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children) or any(
        c.dep_ == "neg" for c in token.head.children if token.dep_ in ("xcomp", "acomp")
        and token.head.lemma_ in ("be", "will")) or _in_no_case(token) is not None or \
        token.dep_ == "pcomp" and token.head.lower_ == "without"  # "ended without agreeing"


# "under no circumstances", "on no account", "in no case": an act ruled out whatever happens.
NO_WAY = frozenset("circumstance circumstances account case".split())


def _case_phrase(verb: Token, det: str, preps: tuple[str, ...]) -> Token | None:
    """The `det` ("no", "any") of a case phrase said of `verb`: "under no circumstances",
    "on no account", "in any case"."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in preps and \
                (case := _child(prep, "pobj")) is not None and case.lower_ in NO_WAY and \
                (found := next((c for c in case.children if c.lower_ == det), None)) is not None:
            return found
    return None


def _in_any_case(verb: Token) -> bool:
    """A negated act "under any circumstances" or "in any case": "will not return to subsidised
    diesel under any circumstances"."""
    return any(c.dep_ == "neg" for c in verb.children) and \
        _case_phrase(verb, "any", ("under", "in")) is not None


def _in_no_case(verb: Token) -> Token | None:
    """The "no" of "will under no circumstances use ...", "would on no account reopen ...",
    "in no case would it accept ..." said of `verb`."""
    return _case_phrase(verb, "no", ("under", "on", "in"))


def _object(token: Token) -> Token | None:
    """The thing a verb is about: its object, its clausal complement, or `on/for X`."""
    found = _child(token, "dobj", "xcomp", "ccomp", "attr")
    if found is not None:
        return found
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in ("on", "for", "to", "about", "over"):
            pobj = _child(prep, "pobj", "pcomp")
            if pobj is not None and pobj.lower_ not in TIMES:
                return pobj
    return None


# Days and times: "rejected on Monday" is not about Monday.
TIMES = frozenset("monday tuesday wednesday thursday friday saturday sunday today tomorrow "
                  "yesterday weekend week month year morning evening night january february "
                  "march april may june july august september october november december jan "
                  "jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept "
                  "sept. oct oct. nov nov. dec dec.".split())


def condition_of(token: Token) -> str | None:
    """The price of an offer: "only in exchange for X", "if X", "provided that X"."""
    for node in token.subtree:
        if node.lower_ in ("exchange", "return") and node.head.lower_ == "in":
            pobj = next((_child(p, "pobj") for p in node.children if p.lower_ == "for"), None)
            if pobj is not None:
                return " ".join(t.text for t in pobj.subtree)
        if node.dep_ == "mark" and node.lower_ in ("if", "provided", "unless") or (
                node.lower_ == "provided" and node.dep_ in ("prep", "advcl", "mark")):
            clause = node.head if node.dep_ == "mark" else node
            words = [t.text for t in clause.subtree if t.i != node.i]
            while words and words[0].lower() in ("only", "even", "that", "just"):
                words = words[1:]
            return " ".join(words)
        if node.dep_ == "advcl" and (aux := next(iter(node.children), None)) is not None and \
                aux.dep_ in ("aux", "auxpass") and aux.lower_ in ("should", "had", "were") and \
                aux.i == node.left_edge.i and (doer := _child(node, "nsubj", "nsubjpass")) \
                is not None and aux.i < doer.i:
            # "Should the operator withdraw the cranes, ...": a condition said by inversion
            return " ".join(t.text for t in node.subtree if t.i != aux.i)
        if node.lower_ == "condition" and node.head.lower_ == "on":
            clause = _child(node, "acl", "ccomp")
            if clause is not None:
                return " ".join(t.text for t in clause.subtree if t.lower_ != "that")
    return None


_CONDITION_TEXT = re.compile(
    r"\b(?:provided(?: that)?|providing(?: that)?|on (?:the )?condition that|(?<!for )as long as|"
    r"(?<!for )so long as|only (?:once|when|after)|only if|if|unless|in exchange for|in return for|"
    r"only (?:at|on|with) the (?:request|invitation|consent|agreement|approval) of|"
    r"on the understanding that|subject to|as part of an? (?:wider |broader )?package that|"
    r"\bwere(?= (?:the |its |(?-i:[A-Z]))\S*(?: \S+)? to )|"
    r"without(?! (?:any |further )?(?:delay|hesitation|exception|fail))"
    r"(?! (?:an? |any )?(?:agreement|deal|breakthrough|result|results|progress|success)"
    r"\s*(?:[,.;]|$)))\s+(.+?)"
    r"[.;!?\"”]*$", re.IGNORECASE)


def condition_text(token: Token, sent: Span) -> str | None:
    """The condition of an offer read from the words after the trigger when the parse does
    not attach it ("could accept X provided that Y")."""
    rest = doc_text(sent.doc)[token.idx:sent.end_char].rstrip()  # a paragraph ends in "\n\n"
    turn = re.search(r",\s+but\s+(?!only\b|not\b|if\b|provided\b|unless\b)", rest)
    if turn is not None:  # "ready to keep X running, but warned that if ...": another act's
        rest = rest[:turn.start()]
    match = _CONDITION_TEXT.search(rest)
    if match is None:
        return None
    words = match.group(1).split()
    while words and words[0].lower() in ("only", "even", "that", "just"):
        words = words[1:]
    return " ".join(words) or None


def _condition(token: Token, sent: Span, *more: Token) -> str | None:
    for node in (token, *more):
        if found := condition_of(node):
            return found
    return condition_text(token, sent)


def _negated_subject(word: Token) -> Token | None:
    """The noun a "not"/"no" negates: "Not one metre ...", "no territory ..."."""
    noun = word.head
    for _ in range(2):
        if noun.pos_ in ("NOUN", "PROPN"):
            return noun
        noun = noun.head
    return None


# Holding firm: "would not compromise on X", "will not budge on X".
NO_COMPROMISE = frozenset("compromise budge bend waver yield".split())
HOLD_FIRM = frozenset({("back", "down"), ("trade", "away"), ("bargain", "away"),
                       ("sign", "away"), ("give", "away")})
GIVE_UP = frozenset("give abandon surrender cede relinquish renounce".split())
NEVER_GIVE = frozenset("give abandon surrender cede stop halt negotiate accept allow "
                       "relinquish renounce dismantle trade compromise agree recognise "
                       "recognize tolerate permit sign hand return withdraw yield concede "
                       "release".split())
# Verbs of putting one's name to a text: "will not back any resolution that ..." is a limit on
# any text, as "will not accept any deal that ..." is (codebook).
ENDORSE = frozenset("back support endorse approve ratify".split())
# What a side makes the cost of any deal: "X is the price of any agreement".
DEAL_TERMS = frozenset("price condition precondition prerequisite".split())


# What may come of talks, in "whatever anybody signs", "whatever comes out of this room".
_WHATEVER_COMES = frozenset("sign agree decide come go say happen emerge propose offer "
                            "negotiate".split())


def _whatever_comes(token: Token) -> Finding | None:
    """"The levy will go ahead, whatever comes out of this room", "the sponsor's consent stays,
    whatever else goes into the text", "Whatever is agreed has to ...": a position held
    against any outcome of the talks, a limit on any deal (codebook)."""
    said = token.head
    if token.lower_ != "whatever" or said.lemma_.lower() not in _WHATEVER_COMES or \
            said.dep_ not in ("relcl", "ccomp", "advcl", "csubj"):
        return None
    if said.dep_ != "csubj" and (token.i == 0 or token.doc[token.i - 1].text != ","):
        return None  # "whatever they agree, we will ..." said first is read by other rules
    main = said.head
    if main.lemma_ in ("say", "tell") or main.i == said.i:
        return None
    held = _child(main, "dobj") or _child(main, "nsubj", "nsubjpass")
    if said.dep_ == "csubj":
        held = _child(_child(main, "xcomp") or main, "dobj") or main
    return Finding("RL-WHATEVER", "red_line", main, None, held or main, 0.7)


def red_line(token: Token, sent: Span) -> Finding | None:
    """"X is a red line", "non-negotiable", "will not be discussed", "never part of the agenda"."""
    if (whatever := _whatever_comes(token)) is not None:
        return whatever
    if token.lower_ == "line" and any(c.lower_ == "red" for c in token.children):
        clause = token.head
        topic = _child(clause, "nsubj", "nsubjpass")
        return Finding("RL-RED-LINE", "red_line", token, subject(clause) if topic is None
                       or topic.i == token.i else None, topic, 0.9)
    if token.dep_ in ("neg",) and token.head.lemma_ in NEGOTIABLE_VERBS:
        verb = token.head
        if verb.tag_ == "VBN" or any(c.dep_ == "auxpass" for c in verb.children):
            topic = _child(verb, "nsubjpass", "nsubj")
            if topic is not None and topic.lower_ in ("that", "which"):
                return None  # "a red line that will not be discussed": the red-line rule has it
            return Finding("RL-NOT-NEGOTIATED", "red_line", verb, None, topic, 0.75)
    if (token.dep_ == "prep" and _in_no_case(token.head) is not None or
            token.dep_ == "neg" and _in_any_case(token.head)) and (
            token.head.pos_ in ("VERB", "AUX") or any(
                c.dep_ == "aux" for c in token.head.children)) and \
            token.head.lemma_ not in ("say", "tell"):
        # "will under no circumstances use taxpayers' money to subsidise gas", "would on no
        # account reopen the tender", "will not return to the subsidy under any
        # circumstances": the act, with all it is about, is ruled out for good
        return Finding("RL-NO-CIRCUMSTANCES", "red_line", token.head, None, token.head, 0.8)
    if token.lower_ == "never" and token.head.pos_ == "VERB" and (
            token.head.lemma_ in NEVER_GIVE or any(c.dep_ == "nsubj" and (
                is_pronoun(c) and c.lower_ in ("we", "i") or c.pos_ == "PROPN" or _agent(c))
                for c in token.head.children)) and any(
            c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "can", "could")
            for c in token.head.children):
        # "would never accept X", "would never agree to X"; said of a side, any act: "we will
        # never disarm completely", "Austria will never lift the night ban"
        verb = token.head
        return Finding("RL-NEVER", "red_line", verb, None,
                       _child(verb, "dobj") or _prep_object(verb, "to", "from") or verb, 0.8)
    if token.lower_ == "never" and token.head.pos_ == "VERB" and \
            _child(token.head, "auxpass") is not None and any(
                c.dep_ == "aux" and c.lower_ in ("will", "would", "shall")
                for c in token.head.children) and \
            (thing := _child(token.head, "nsubjpass")) is not None and \
            thing.lower_ not in ("that", "which", "who"):
        # "the question will never be settled by a simple majority": ruled out for good
        return Finding("RL-NEVER-PASSIVE", "red_line", token.head, None, thing, 0.75)
    if token.lower_ in ("not", "no") and token.dep_ in ("neg", "det") and \
            (thing := _negated_subject(token)) is not None and thing.dep_ == "nsubjpass" and \
            (thing.head.lemma_ in NEVER_GIVE or thing.head.lemma_ in GIVE_UP) and any(
                c.dep_ == "aux" and c.lower_ in ("will", "would", "shall")
                for c in thing.head.children):
        # "Not one metre of our land will be given away", "no territory would be ceded"
        what = _prep_object(thing, "of") or thing
        return Finding("RL-NOT-ONE", "red_line", thing.head, None, what, 0.75)
    if token.dep_ == "neg" and (token.head.lemma_ in NO_COMPROMISE or any(
            (token.head.lemma_, c.lower_) in HOLD_FIRM for c in token.head.children)) and \
            any(c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "wo")
                for c in token.head.children):
        verb = token.head  # "would not compromise on pensions", "will not back down on X"
        return Finding("RL-NO-COMPROMISE", "red_line", verb, None,
                       _prep_object(verb, "on", "over", "in") or _child(verb, "dobj"), 0.75)
    if token.dep_ == "neg" and token.head.lemma_ in GIVE_UP and any(
            c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "wo", "can", "ca")
            for c in token.head.children) and (
            token.head.lemma_ != "give" or any(c.lower_ == "up" for c in token.head.children)):
        verb = token.head  # "would not give up its claim", "will not abandon enrichment"
        topic = _child(verb, "dobj")
        if topic is not None and topic.lower_ in ("that", "which") or topic is None \
                and verb.dep_ == "relcl":
            topic = verb.head  # "a precondition that Baku would not give up"
        return Finding("RL-NOT-GIVE-UP", "red_line", verb, None, topic, 0.75)
    if _will_not(token) and (token.head.lemma_ in NEVER_GIVE or token.head.lemma_ in (
            "go", "pay", "offer", "sell", "fall", "drop", "settle") or
            token.head.lemma_ in ENDORSE or _puts_name_to(token.head)) and \
            (bound := _bounded(token.head)) is not None:
        # "would not agree to a cut of more than 20 percent", "would not sign any deal that
        # left ...": the limit of what it will take, stated in advance, is a red line
        return Finding("RL-LIMIT", "red_line", token.head, None, bound, 0.75)
    if _will_not(token) and token.head.pos_ == "VERB" and \
            (thing := _child(token.head, "dobj")) is not None and _least(thing):
        # "would not ship a single cubic metre on credit": not even the least of it, ever
        return Finding("RL-NOT-A-SINGLE", "red_line", token.head, None, token.head, 0.75)
    if _will_not(token) and token.head.pos_ in ("VERB", "AUX") and any(
            prep.dep_ == "prep" and prep.lower_ in ("in", "under", "as part of") and
            (deal := _child(prep, "pobj")) is not None and deal.lemma_.lower() in DEALS and
            any(c.lower_ == "any" for c in deal.children) for prep in token.head.children):
        # "would not do so in any new agreement": a limit on any deal (codebook)
        return Finding("RL-ANY-DEAL", "red_line", token.head, None,
                       _child(token.head, "dobj") or token.head, 0.7)
    if _will_not(token) and token.head.pos_ == "VERB" and \
            _marked_clause(token.head, ("before", "until")) is not None:
        # "will not hand over its weapons before a political settlement is reached", "would
        # not sign until the arrears are paid": a precondition of any deal (codebook)
        return Finding("RL-PRECONDITION", "red_line", token.head, None,
                       _child(token.head, "dobj") or token.head, 0.7)
    deal = token.head.head if token.head.dep_ == "compound" else token.head
    signer = deal.head.head if deal.dep_ == "pobj" and deal.head.lower_ == "to" else deal.head
    if token.lower_ == "no" and token.dep_ == "det" and (
            deal.dep_ == "dobj" and signer.lemma_ in NEVER_GIVE or
            deal.dep_ == "pobj" and _puts_name_to(signer)) and any(
                c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "could")
                for c in signer.children):
        # "would sign no agreement that left the rebels in Goma", "will put its name to no
        # agreement that ...": the deal it excludes ("no fisheries protocol": the parser may
        # hang "no" on the compound)
        return Finding("RL-NO-DEAL", "red_line", signer, None, deal, 0.75)
    if token.lower_ == "no" and token.dep_ == "det" and token.head.dep_ in ("attr", "nsubj") \
            and token.head.head.lemma_ == "be":
        verb, withheld = token.head.head, token.head  # "there could be no deal without X"
        kept = _prep_object(verb, "without") or _prep_object(withheld, "without")
        if withheld.lemma_.lower() in DEALS:
            if kept is None:  # "... unless X", "... while X"
                clause = _marked_clause(verb, ("unless", "until", "while"))
                kept = clause if clause is None else _child(clause, "dobj", "attr") or clause
            if kept is not None:
                return Finding("RL-NO-DEAL-WITHOUT", "red_line", verb, None, kept, 0.75)
        elif any(c.dep_ == "aux" and c.lower_ in ("will", "would", "shall")
                 for c in verb.children) and (
                kept is not None or _marked_clause(verb, ("unless", "until")) is not None):
            # "there would be no extra water at all without power in winter": what it is
            # withheld for is a precondition (codebook); "until the survey is done there will
            # be no increase of any size": the thing withheld till then
            return Finding("RL-NONE-WITHOUT", "red_line", verb, None,
                           kept if kept is not None else withheld, 0.7)
    if token.lower_ == "no" and token.dep_ == "det" and token.head.lemma_.lower() in DEALS and \
            token.head.dep_ in ("nsubj", "nsubjpass") and (
            (kept := _child(token.head, "relcl")) is not None and not _aside(kept) or
            (kept := _marked_clause(token.head.head, ("unless", "until", "while", "before")))
            is not None):
        # "No agreement that brings the subsidy back in any form is going to come out of
        # these talks", "no peace treaty can be signed while the monitors remain": every deal
        # of that kind ruled out, or none without it, a limit on any deal (codebook)
        return Finding("RL-NO-DEAL-THAT", "red_line", token.head.head, None, kept, 0.7)
    if token.lower_ in ("no", "any") and token.dep_ == "det" and \
            token.head.lemma_.lower() in DEALS and token.head.dep_ == "nsubj" and \
            (verb := token.head.head).pos_ in ("VERB", "AUX") and any(
                c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "can", "could")
                for c in verb.children) and (token.lower_ == "no") != _negated(verb):
        # "Any settlement that costs jobs will not carry our signature", "No settlement with
        # the province will redraw the boundary": whatever deal comes, not that (codebook: a
        # limit on any agreement)
        kept = _child(token.head, "relcl")
        return Finding("RL-ANY-DEAL-NOT", "red_line", verb, None,
                       kept if kept is not None and not _aside(kept) else
                       _child(verb, "dobj") or verb, 0.7)
    if token.lemma_.lower() in DEAL_TERMS and token.dep_ == "attr" and \
            token.head.lemma_ == "be" and not _negated(token.head) and \
            (deal := _prep_object(token, "of", "for", "in")) is not None and \
            deal.lemma_.lower() in DEALS and any(c.lower_ == "any" for c in deal.children):
        # "bringing agency staff onto the payroll was the price of any new agreement", "a
        # condition of any deal": a precondition of any deal (codebook)
        return Finding("RL-TERM-OF-ANY-DEAL", "red_line", token.head, None,
                       _child(token.head, "nsubj", "csubj"), 0.75)
    if token.dep_ == "neg" and token.head.lemma_ == "be":
        verb = token.head
        attr = _child(verb, "attr")
        if attr is not None and attr.lower_ in ("something", "anything") and any(
                c.dep_ == "relcl" and (c.lemma_ in NEVER_GIVE or c.lemma_ in NEGOTIABLE_VERBS)
                for c in attr.children):
            # "Safe staffing is not something we will trade away"
            return Finding("RL-NOT-SOMETHING", "red_line", verb, None,
                           _child(verb, "nsubj", "csubj"), 0.75)
        if attr is not None and attr.lower_ == "part":
            pobj = _prep_object(attr, "of")
            if pobj is not None and pobj.lemma_ in ("negotiation", "talk", "agenda", "deal",
                                                   "discussion", "agreement"):
                return Finding("RL-NOT-PART", "red_line", verb, None, _child(verb, "nsubj"),
                               0.75)
    return None


_BOUNDS = frozenset("above below beyond over under exceeding".split())
_COMPARED = frozenset("more less fewer greater higher larger bigger deeper lower smaller "
                      "longer shorter later earlier sooner".split())


def _puts_name_to(verb: Token) -> bool:
    """"Put one's name to" a text: to sign it ("will not put our name to any contract that
    ...")."""
    name = _child(verb, "dobj")
    return verb.lemma_.lower() == "put" and name is not None and \
        name.lemma_.lower() in ("name", "signature") and \
        _prep_object(verb, "to", "on") is not None


def _taken(verb: Token) -> Token | None:
    """What an act takes or signs: its direct object, or the text one puts one's name to (or
    one's signature on)."""
    return _prep_object(verb, "to", "on") if _puts_name_to(verb) else _child(verb, "dobj")


def _none_of_it(verb: Token) -> bool:
    """An object refused by its determiner: "would accept no agreement that ...", "will sign
    no deal": the act is ruled out, not offered (the parser may hang "no" on a compound: "no
    | fisheries protocol")."""
    thing = _taken(verb)
    return thing is not None and any(c.dep_ == "det" and c.lower_ == "no"
                                     for c in thing.subtree if c.i < thing.i)


def _will_not(token: Token) -> bool:
    """The "not" of an act refused in advance: "will not", "would not", "shall not", "won't"."""
    return token.dep_ == "neg" and any(
        c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "wo")
        for c in token.head.children)


def _aside(clause: Token) -> bool:
    """A relative clause set off by a comma (", which he said was guaranteed"): an aside."""
    return bool(clause.dep_ == "relcl" and clause.doc[clause.left_edge.i - 1].text == ",")


def _least(thing: Token) -> bool:
    """The least amount of something, refused: "a single cubic metre", "one single cent"."""
    return any(c.lower_ == "single" and c.dep_ == "amod" for c in thing.children)


def _bounded(verb: Token) -> Token | None:
    """The object of a refused act when it states a limit: "any X that/which ..." (every deal
    of a kind), the least of it ("a single X"), or a quantity past a bound ("more than 20
    percent", "above 12 percent")."""
    thing = _taken(verb) or _prep_object(verb, "to")
    if thing is None:  # "would not go below a 15 percent increase": the bound is the limit;
        # "would not settle for less than a 20 percent stake": a bound after the preposition
        return next((_child(p, "pobj") for p in verb.children if p.dep_ == "prep" and
                     _child(p, "pobj") is not None and any(t.like_num for t in p.subtree) and (
                         p.lower_ in _BOUNDS or any(
                             w.lower_ in _COMPARED and w.nbor().lower_ == "than"
                             for w in p.subtree if w.i + 1 < len(w.doc)))), None)
    if any(c.lower_ == "any" and c.dep_ == "det" for c in thing.children) and (
            limit := next((t for t in thing.subtree if t.dep_ == "relcl" and
                           t.left_edge.lower_ in ("that", "which", "who") and
                           not _aside(t) and not any(_aside(a) for a in t.ancestors
                                                     if a.i in range(thing.i, t.i))),
                          None)) is not None:
        # "any renewal of the treaty that fails to guarantee a minimum flow": the limit is
        # what the clause asks (not ", which he said was guaranteed": an aside)
        return limit if limit.head.i != thing.i else thing
    if _least(thing):
        return thing  # "a single cubic metre"
    words = [w.lower_ for w in thing.subtree]
    if "any" in words and any(a == "other" and b == "than" or a == "except" and b != "for"
                              for a, b in zip(words, [*words[1:], ""], strict=True)):
        # "a frontier drawn from any maps other than the Soviet ones": all but one excluded
        return thing
    for prep in verb.children:  # "would not sell gas | for less than $7"
        words = list(prep.subtree) if prep.dep_ == "prep" and prep.i > thing.i else []
        if any(w.lower_ in _COMPARED and k + 1 < len(words) and words[k + 1].lower_ == "than"
               for k, w in enumerate(words)) and any(w.like_num for w in words):
            return thing
    if any(c.dep_ == "advmod" and c.lower_ in _BOUNDS for c in verb.children) and any(
            t.like_num for t in thing.subtree):
        return thing  # "would not pay | above | 18 euros": the parse makes the bound an adverb
    words = list(thing.subtree)
    for prep in verb.children:  # "a tariff | above 9 cents", the bound hung on the verb
        if prep.i > thing.i and (prep.dep_ == "prep" and prep.lower_ in _BOUNDS or
                                 prep.dep_ == "npadvmod" or  # "| deeper than 10 percent"
                                 prep.dep_ == "advmod" and prep.lower_ in _COMPARED):
            words += list(prep.subtree)  # "any deliveries | later than March"
    for k, word in enumerate(words[:-1]):
        after = words[k + 1:k + 3]
        if (word.lower_ in _COMPARED and after[0].lower_ == "than" or
                word.lower_ in _BOUNDS) and any(_measure(w) for w in after + words[k + 3:k + 4]):
            return thing
        if word.lower_ in _BENCHMARKED and word.dep_ == "prep" and \
                (mark := _child(word, "pobj")) is not None and mark.pos_ == "NOUN":
            return thing  # "a price above the market rate": a ceiling named, not counted
    return None


# Bounds that name their mark rather than count it ("above the scientists' advice").
_BENCHMARKED = frozenset("above below beyond".split())


def _measure(word: Token) -> bool:
    """A number, or a month or year a time bound is measured in ("later than March")."""
    return bool(word.like_num or word.lower_ in MONTHS)


def _refused_limit(verb: Token) -> Token | None:
    """What a refusal verb rules out when it states a limit ("any X that ...", "a share below
    20 percent"); not a proposal refused whatever its size ("rejected an offer of more than
    $5 million" turns down that offer, it sets no limit)."""
    bound = _bounded(verb)
    thing = _child(verb, "dobj")
    if bound is None or thing is None or thing.lemma_.lower() in _ASKED_TERMS and not any(
            c.lower_ == "any" for c in thing.children):
        return None
    return bound


def red_phrase(sent: Span) -> Iterator[Finding]:
    """"declared its missile programme off limits", "non-negotiable"."""
    for match in _RED_PHRASE.finditer(sent.text):
        token = sent.char_span(match.start(), match.end(), alignment_mode="expand")
        if token is None or not len(token):
            continue
        root = token.root
        verb = root
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        if verb.dep_ in ("acl", "relcl") and verb.head.lemma_.lower() in TERMS:
            # "..., a condition the governor called unacceptable": the red line is the
            # governor's (not the reporter's) and is about the term the noun renames
            term = verb.head
            who = _child(verb, "nsubj") or _child(term, "appos")
            yield Finding("RL-CALLED", "red_line", verb, who, _renamed(term, sent) or term,
                          0.8)
            continue
        topic = _child(root, "nsubj", "csubj") or _child(verb, "dobj", "nsubjpass")
        if topic is None:
            topic = _child(verb, "nsubj", "csubj")
        yield Finding("RL-PHRASE", "red_line", verb, None, topic, 0.85)


_REJECT_PHRASE = re.compile(r"\bunaffordable\b|\bnot affordable\b|"
                            r"\b(?:is|was|are|were|be) (?:not|no) (?:a |the )?"
                            r"(?:solution|answer)\b", re.IGNORECASE)


def reject_phrase(sent: Span) -> Iterator[Finding]:
    """"The union's demand is simply not affordable": what is said to cost too much is refused."""
    for match in _REJECT_PHRASE.finditer(sent.text):
        span = sent.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or not len(span):
            continue
        verb = span.root
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        if verb.dep_ in ("acl", "relcl", "amod"):
            continue  # "an unaffordable scheme the union rejected": a description
        yield Finding("REJ-PHRASE", "reject", verb, None, _child(verb, "nsubj", "nsubjpass"),
                      0.7)


# Nouns that rename an act just reported ("..., a step X had long sought").
ACT_NOUNS = frozenset("step move change measure decision reform concession gesture "
                      "shift".split())
# Nouns that rename a term set by someone ("a condition", "a demand").
TERMS = frozenset("condition demand term requirement proposal offer precondition "
                  "ultimatum".split())


def _renamed(term: Token, sent: Span) -> Token | None:
    """What "a condition" appended after a conditional clause renames: the object of the
    nearest "if"/"unless"/"provided" clause before it ("only if the city froze hiring, a
    demand ..." -> hiring)."""
    clauses = [t for t in sent if t.i < term.i and t.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "mark" and c.lower_ in ("if", "unless", "provided") for c in t.children)]
    if not clauses:
        return None
    return _child(clauses[-1], "dobj", "xcomp", "attr") or clauses[-1]


def main_acl(token: Token) -> bool:
    """A verb the parser hung from the sentence's root noun as a modifier although it is the
    sentence's predicate: "China, which has close ties to Phnom Penh, called on ..." parsed
    with "China" as root and "called" as its `acl` (the sentence has no other main verb)."""
    if token.dep_ != "acl" or token.tag_ not in ("VBD", "VBZ", "VBN"):
        return False
    root = token.sent.root
    if token.i > 0 and token.doc[token.i - 1].text == "," and root.pos_ in ("NOUN", "PROPN") \
            and root.i < token.i and not any(t.pos_ in ("VERB", "AUX") and t.dep_ == "ROOT"
                                             for t in token.sent):
        return True  # "The Council, which speaks for travellers, called on ...": after an aside
    noun = token.head
    for _ in range(4):
        if noun.dep_ != "appos":
            break
        noun = noun.head
    return noun.dep_ == "ROOT" and noun.pos_ in ("NOUN", "PROPN") and not any(
        t.pos_ in ("VERB", "AUX") and t.dep_ == "ROOT" for t in noun.sent)


# Refusals said with a particle: "turned down the offer", "ruled out a devaluation".
PHRASAL_REJECTS = frozenset({("turn", "down"), ("rule", "out"), ("throw", "out"),
                             ("brush", "aside"), ("brush", "off"), ("shoot", "down")})
# "no intention of X-ing", "no plans to X": a refusal of X.
INTENTIONS = frozenset("intention intent plan plans desire".split())
# A side's own bid moved: "raised its offer", "lowered its demand", "sweetened its proposal".
MOVED = frozenset("raise improve increase sweeten lower reduce cut soften narrow "
                  "trim".split())
BIDS = frozenset("offer bid proposal demand claim ask".split())
# Giving way said with a particle: "backed down on X", "gave in to X", "climbed down".
PHRASAL_CONCESSIONS = frozenset({("back", "down"), ("climb", "down"), ("give", "in"),
                                 ("cave", "in"), ("back", "off"), ("scale", "back"),
                                 ("water", "down"), ("tone", "down"), ("step", "back"),
                                 ("row", "back"), ("back", "away")})
_PARTICLES = frozenset("back down in off out up away over aside".split())
# What is accepted without giving anything up: "accepted an invitation to the talks".
NOT_ACCEPTED = frozenset("invitation invite responsibility award resignation "
                         "credentials".split()) | TALKS
# Negated acts that are no refusal: "would not hesitate to strike" threatens.
NOT_REFUSALS = frozenset("be have say hesitate stand rest stop give comment speculate "
                         "elaborate confirm know see tell explain rule find reach "
                         "verify predict wait feed live survive become remain seem appear "
                         "prove happen".split())
# Verbs that order an addressee to act ("ordered the operator to halve its fees"): a demand.
ORDER = frozenset("order instruct direct tell".split())
# What a party charges others: cutting it gives something up ("cut the charge by 10 percent").
PRICES = frozenset("fee fees charge charges price prices tariff tariffs duty duties toll tolls "
                   "levy rate rates tax taxes".split())
PRICE_CUTS = frozenset("cut lower reduce slash halve scrap".split())


def verbs(token: Token, sent: Span) -> Finding | None:
    """Verbs of rejecting, demanding, urging, offering, threatening, conceding, supporting; in
    the passive with an agent ("the offer was rejected by the union") the agent is the actor
    and the passive subject what is at stake."""
    found = _verbs(token, sent)
    if found is None or found.actor is not None or _child(token, "auxpass") is None or \
            found.rule == "REJ-NOT-CHANGED":
        return found
    doer = _prep_object(token, "by") if _child(token, "agent") is None else next(
        (g for c in token.children if c.dep_ == "agent" for g in c.children
         if g.dep_ == "pobj"), None)
    thing = _child(token, "nsubjpass")
    if doer is None or found.trigger.i != token.i:
        return found
    return replace(found, actor=doer, issue=thing if thing is not None and (
        found.issue is None or found.issue.i == token.i or found.issue.dep_ == "pobj")
        else found.issue)


def _verbs(token: Token, sent: Span) -> Finding | None:
    lemma = token.lemma_.lower()
    if token.pos_ not in ("VERB", "AUX") and lemma not in WILLING:
        return None
    if token.dep_ in ("acl", "relcl") and (lemma in REJECT or any(
            (lemma, c.lower_) in PHRASAL_REJECTS for c in token.children if c.dep_ == "prt")) \
            and token.tag_ in ("VBD", "VBN") and \
            token.head.lemma_.lower() in _ASKED_TERMS and not _negated(token) and \
            (doer := _child(token, "nsubj")) is not None and \
            doer.lower_ not in ("that", "which") and (doer.pos_ == "PROPN" or _agent(doer)):
        # "..., a proposal that the creditors rejected within hours": the clause on the terms
        # reports the creditors' refusal of them
        return Finding("REJ-TERMS-CLAUSE", "reject", token, None, token.head, 0.65)
    if token.dep_ in ("amod", "compound", "acl", "nmod", "poss") and not main_acl(token):
        return None  # "the proposed cuts": a modifier, not a predicate
    if token.dep_ == "relcl" and token.head.pos_ == "NOUN" and not _agent(token.head) and \
            any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("that", "which")
                for c in token.children):
        return None  # "the resolution that endorsed the deal": a description of a thing
    if token.dep_ in ("relcl", "acl") and token.head.lemma_.lower() in ACT_NOUNS and \
            token.head.i < token.i:
        return None  # "a step biochar makers had long sought": the act's history, no position
    if token.dep_ == "relcl" and token.head.dep_ in ("dobj", "pobj", "attr") and \
            token.head.lemma_.lower() not in TERMS and not any(
                c.tag_ in ("WDT", "WP", "WP$") for c in token.children):
        return None  # "cannot afford the pay rise the union wants": what is refused, described
    if any(c.dep_ == "aux" and c.lower_ == "had" for c in token.children) and any(
            c.dep_ == "advmod" and c.lower_ in ("long", "always") for c in token.children):
        return None  # "... had long sought": a wish recalled, however the clause is parsed
    if token.dep_ == "xcomp" and token.head.lemma_ == "fail" or failed_to(token):
        return None  # "failed to agree on the budget", headline "Fail to Agree": no agreement
    if lemma in REJECT | {"refuse"} and (deed := _child(token, "xcomp")) is not None and \
            deed.lemma_.lower() in NO_COMMENT:
        return None  # "declined to comment": no position on anything
    negated = _negated(token)
    obj = _object(token)
    addressee = _child(token, "dobj")
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None) or next(
        (c.lower_ for c in token.children if c.dep_ == "advmod" and c.lower_ in _PARTICLES),
        None) or next((c.lower_ for c in token.children if c.dep_ == "advmod"), None)
    # "have already stepped back from": the particle, not the first adverb
    if lemma == "have" and not negated and (plan := _child(token, "dobj")) is not None and \
            plan.lemma_.lower() in INTENTIONS and any(c.lower_ == "no" for c in plan.children):
        # "had no intention of cutting support", "has no plans to reopen the border"
        deed = _child(plan, "acl", "relcl") or next(
            (g for c in plan.children if c.dep_ == "prep" and c.lower_ == "of"
             for g in c.children if g.dep_ in ("pcomp", "pobj")), None)
        if deed is not None:
            return Finding("REJ-NO-INTENTION", "reject", token, None, deed, 0.7)
    if (lemma in REJECT or (lemma, particle) in PHRASAL_REJECTS) and not negated and \
            (limit := _refused_limit(token)) is not None:
        # "ruled out any share below 20 percent", "rejected any cut of more than 5 percent":
        # a refusal that states its limit is a red line (codebook)
        return Finding("RL-REFUSED-LIMIT", "red_line", token, None, limit, 0.7)
    if (lemma, particle) in PHRASAL_REJECTS and not negated:
        return Finding("REJ-PHRASAL", "reject", token, None, obj, 0.75)  # "turned down"
    if (lemma, particle) in PHRASAL_CONCESSIONS and not negated:
        # "backed down on outsourcing", "gave in to the union's demands"
        return Finding("CONC-PHRASAL", "concede", token, None,
                       _prep_object(token, "on", "over", "to", "from") or obj, 0.7)
    if lemma == "accept" and not negated and token.tag_ == "VBD" and \
            token.dep_ in ("ROOT", "ccomp", "conj") and _by_a_party(token) and not any(
                c.dep_ in ("aux", "auxpass") for c in token.children) and \
            (taken := _child(token, "dobj")) is not None and \
            taken.lemma_.lower() not in NOT_ACCEPTED and not _condition(token, sent):
        # "the union accepted a 4 percent pay rise": a settlement taken, a concession
        return Finding("CONC-ACCEPTED", "concede", token, None, taken, 0.6)
    if negated and lemma not in NOT_REFUSALS and token.dep_ in ("ROOT", "ccomp", "conj") and \
            lemma not in ACCEPTING and lemma not in REJECT and any(
                c.dep_ == "aux" and c.lower_ in ("will", "would", "wo", "shall", "could", "can",
                                                 "ca", "cannot")
                for c in token.children) and (doer := _child(token, "nsubj")) is not None and \
            doer.lower_ not in ("that", "this", "which", "what") and \
            (doer.pos_ in ("PROPN", "PRON") or _agent(doer) or paying(token)):
        # "Malawi would not devalue the currency": an act refused; "the city could not pay
        # more": an act the speaker says it is unable to do is refused all the same
        amount = obj is not None and obj.lower_ in ("more", "less", "much", "anything", "any")
        if obj is not None and obj.lower_ == "part":  # "would not take part in arbitration"
            obj = _prep_object(obj, "in") or _prep_object(token, "in") or obj
        what = obj if obj is not None and not amount else \
            _prep_object(token, "for", "on", "towards") or token
        unless = _marked_clause(token, ("unless",))
        if unless is not None and obj is not None and obj.lemma_.lower() in DEALS and \
                lemma in NEVER_GIVE | ENDORSE:
            # "will not sign a trade agreement unless Brussels improves access for beef": no
            # deal without it, a precondition of any deal (codebook), about what it asks
            return Finding("RL-NO-DEAL-UNLESS", "red_line", token, None, unless, 0.7)
        if (condition := _condition(token, sent)) and (unless is not None or
                                                       _defiant(condition, sent)):
            # "will not approve the permits unless the company agrees to ...": what it
            # withholds until the other side gives in is a threat
            return Finding("THR-WITHHOLD-UNLESS" if not _defiant(condition, sent) else
                           "THR-WITHHOLD-IF", "threaten", token, None, what, 0.6,
                           condition=condition)
        return Finding("REJ-WILL-NOT", "reject", token, None, what, 0.6)
    if lemma in UNCHANGED and negated and _child(token, "auxpass") is not None and \
            token.dep_ in ("ROOT", "ccomp", "conj") and any(
                c.dep_ == "aux" and c.lower_ in ("can", "could", "ca", "cannot", "will", "would",
                                                 "wo", "should")
                for c in token.children):
        # "the royalty terms could not be changed by one party alone", "the directive would
        # not be withdrawn": the speaker refuses to change or drop them (the agent says by
        # whom they cannot be, not who speaks)
        thing = _child(token, "nsubjpass")
        if thing is None and token.dep_ == "conj":
            thing = _child(token.head, "nsubjpass", "nsubj")  # "were fixed and could not be"
        if thing is None:  # a subject the parser gave a participle before ("terms set out")
            thing = next((t for t in reversed(sent[:token.i - sent.start])
                          if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "NOUN"), None)
        if thing is not None and thing.lower_ not in ("that", "which") and \
                thing.lemma_.lower() not in NOT_CONCEDED:
            return Finding("REJ-NOT-CHANGED", "reject", token, None, thing, 0.6)
    if lemma in ("go", "proceed", "continue") and not negated and \
            token.dep_ in ("ROOT", "ccomp", "conj") and (lemma != "go" or particle == "ahead") \
            and any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll")
                    for c in token.children) and _regardless(token) and \
            (thing := _child(token, "nsubj")) is not None and thing.pos_ == "NOUN" and \
            not _agent(thing) and thing.tag_ != "NNS":
        # "the licensing round would go ahead as planned": what the other side asked to stop
        # will not be stopped, a refusal (REJ-GO-AHEAD)
        return Finding("REJ-GO-AHEAD", "reject", token, None, thing, 0.6)
    if lemma in REJECT:
        if negated:
            return None
        if lemma == "refuse" and any(c.dep_ == "aux" and c.lower_ in ("would", "will", "'ll")
                                     for c in token.children) and \
                _defiant(condition := _condition(token, sent), sent):
            # "would refuse to approve the budget if Brazil tried to impose a lower tariff":
            # what it withholds if the other side goes its way is a threat
            return Finding("THR-WITHHOLD-IF", "threaten", token, None, obj, 0.6,
                           condition=condition)
        return Finding("REJ-VERB", "reject", token, None, obj, 0.8)
    if negated and lemma in ACCEPTING and not (
            (doer := _child(token, "nsubj")) is not None and doer.tag_ == "NN" and
            not _agent(doer)):  # not "the lake will not meet demand": a thing refuses nothing
        return Finding("REJ-NOT-ACCEPT", "reject", token, None, obj, 0.65)
    asked = _child(token, "xcomp", "ccomp") or next(
        (c for c in token.children if c.dep_ == "advcl" and any(
            g.dep_ == "aux" and g.lower_ == "to" for g in c.children)), None) \
        if lemma in URGE else None  # "exhorted both sides | to find a settlement" (advcl)
    if asked is not None and addressee is None and asked.dep_ == "ccomp" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in asked.children):
        addressee = _child(asked, "nsubj")  # "implored | both sides to settle": the parser
        # makes the addressee the subject of the act asked
    if asked is not None and addressee is not None and not negated:
        # "asked the creditors to accept a deeper cut": an appeal in form; the resolver makes
        # it the asker's demand when a negotiating party asks it (URGE-ASK)
        return Finding("URGE-ASK" if lemma == "ask" else "URGE-VERB", "urge", token, None,
                       asked, 0.8, addressee=addressee)
    if lemma == "urge" and not negated and addressee is not None and \
            addressee.pos_ == "NOUN" and not _agent(addressee) and \
            _child(token, "xcomp", "ccomp") is None:
        # "urged restraint", "urged a swift return to the talks": an appeal to no one named
        return Finding("URGE-VERB", "urge", token, None, addressee, 0.7)
    if lemma in ("call", "appeal") and (on := _prep_object(token, "on", "upon", "to")) is not None \
            and on.lower_ not in TIMES and not _cuts_off(token):
        # not "would call a strike (said) on Monday": an appeal has someone called on
        deed = _child(token, "xcomp", "advcl") or _child(on, "acl", "relcl", "infmod") or \
            _prep_object(token, "to")  # a misparsed "to triple grants"
        return Finding("URGE-CALL-ON", "urge", token, None, deed or obj, 0.75, addressee=on)
    if lemma in ("expect", "require") and not negated and \
            (deed := _child(token, "xcomp", "ccomp")) is not None and \
            any(c.dep_ == "aux" and c.lower_ == "to" for c in deed.children) and \
            (whom := addressee or _child(deed, "nsubj")) is not None and \
            (whom.pos_ == "PROPN" or _agent(whom)):
        # "the EU expected Vietnam to cut its subsidies": what a party expects of another
        return Finding("DEM-EXPECT", "demand", token, None, deed, 0.65, addressee=whom)
    if lemma in ORDER and not negated and addressee is not None and \
            (deed := _child(token, "xcomp")) is not None and not any(
                c.dep_ == "poss" for c in addressee.children):
        # "ordered Savanna Mobile to halve its fees" (not "ordered its troops to withdraw")
        return Finding("DEM-ORDER", "demand", token, None, deed, 0.7, addressee=addressee)
    if lemma == "need" and not negated and token.dep_ in ("ccomp", "ROOT", "conj") and \
            (wanted := _child(token, "dobj")) is not None and wanted.pos_ in ("NOUN", "PROPN") \
            and (doer := _child(token, "nsubj")) is not None and (
                doer.pos_ in ("PROPN", "PRON") or _agent(doer)):
        # "said the city needed a fare increase": what a party says it needs it asks for
        return Finding("DEM-NEED", "demand", token, None, wanted, 0.6)
    if lemma in ("need", "want") and not negated and token.dep_ in ("ccomp", "ROOT", "conj") \
            and (see := _child(token, "xcomp")) is not None and see.lemma_ == "see" and \
            (seen := _child(see, "ccomp", "dobj", "xcomp")) is not None and \
            (doer := _child(token, "nsubj")) is not None and (
                doer.pos_ in ("PROPN", "PRON") or _agent(doer)):
        # "the fund needed to see the currency float before ...": what it wants to see done
        return Finding("DEM-NEED", "demand", token, None, seen, 0.6)
    if lemma in DEMAND and not negated and not (lemma == "call" and _cuts_off(token)) and \
            not (lemma == "want" and _child(token, "auxpass") is not None):
        # not "commanders are wanted by the courts": sought by a court is no demand
        # not "would call a strike": a collective action announced (the threat rules read it)
        if lemma in ("call", "ask", "press", "push") and (clause := wished(token)) is not None:
            # "called for aid convoys to be allowed in": the clause is the demand
            return Finding("DEM-VERB", "demand", token, None, clause, 0.7)
        if lemma in ("call", "ask") and _prep_object(token, "for") is None:
            return None
        if lemma in ("press", "push") and _child(token, "xcomp") is None and \
                _prep_object(token, "for") is None:
            return None
        return Finding("DEM-VERB", "demand", token, None, obj, 0.75)
    if lemma in WILLING and token.dep_ in ("acomp", "amod", "ROOT", "ccomp", "conj") and \
            not negated:
        what = _child(token, "xcomp")
        if what is None and lemma == "open":  # "open to discussing a wage deal"
            what = _prep_object(token, "to") or next(
                (g for c in token.children if c.dep_ == "prep" and c.lower_ == "to"
                 for g in c.children if g.dep_ == "pcomp"), None)
        if what is None:
            return None
        condition = _condition(what, sent, token, *((token.head,) if token.dep_ == "acomp"
                                                     else ()))
        if what.pos_ in ("VERB", "AUX") and (goes_to_law(what) or quits(what)):
            # "were prepared to take the state to court to stop it", "ready to quit the
            # talks": a costly act the side stands ready to take, a threat (not "ready to
            # deploy south of the river provided ...", an offer)
            return Finding("THR-WILLING", "threaten", token, None, _threatened(what), 0.6,
                           condition=condition)
        stance = "conditional_offer" if condition else "offer"
        rule = "OFFER-WILLING-COND" if condition else "OFFER-WILLING"
        return Finding(rule, stance, token, None, what, 0.8, condition=condition)
    if lemma in ("accept", "agree") and not negated and not _none_of_it(token) and not (
            token.tag_ == "VBD" and not any(c.dep_ == "aux" for c in token.children) or
            perfect(token)) and (condition := _condition(token, sent)):
        # not "has already agreed to keep the tariff ... if the talks run past December":
        # agreed now, a concession with a contingency (the concession rules read it)
        return Finding("OFFER-ACCEPT-COND", "conditional_offer", token, None, obj, 0.75,
                       condition=condition)
    if lemma in ("accept", "agree") and not negated and not _none_of_it(token) and any(
            c.dep_ == "aux" and c.lower_ in ("would", "will", "could") for c in token.children):
        return Finding("OFFER-ACCEPT", "offer", token, None, obj, 0.7)
    if lemma in OFFERABLE and not negated and not _none_of_it(token) and not quits(token) and \
            not _cuts_off(token) and \
            _by_a_party(token) and any(
            c.dep_ == "aux" and c.lower_ in ("would", "will", "could", "'d") for c in token.children):
        condition = _condition(token, sent)
        if _defiant(condition, sent):
            # "would halt vouchers if the government went ahead with the cut": a threat
            return Finding("THR-INTENT", "threaten", token, None, obj or _threatened(token),
                           0.6, condition=condition)
        return Finding("OFFER-INTENT-COND" if condition else "OFFER-INTENT",
                       "conditional_offer" if condition else "offer", token, None,
                       obj or token, 0.7 if condition else 0.6, condition=condition)
    if lemma == "give" and not negated and (ultimatum := _ultimatum(token)) is not None:
        return ultimatum
    if lemma == "give" and not negated and addressee is not None and \
            _prep_object(token, "until", "till") is not None and \
            (deed := _child(token, "advcl", "xcomp")) is not None and \
            any(c.dep_ == "aux" and c.lower_ == "to" for c in deed.children):
        # "gave Kyrgyzstan until Friday to reopen the road": an ultimatum, a demand
        return Finding("DEM-DEADLINE", "demand", token, None, deed, 0.7, addressee=addressee)
    if lemma == "make" and not negated and (made := _child(token, "dobj")) is not None and \
            any(t.lower_ == "conditional" for t in token.subtree) and \
            (price := _prep_object(token, "on", "upon")) is not None:
        # "made the reopening of the road conditional on the release of the guards"
        return Finding("OFFER-MADE-CONDITIONAL", "conditional_offer", token, None, made, 0.7,
                       condition=" ".join(t.text for t in price.subtree))
    if not negated and (_hostile(token) and not _eases(token) or goes_to_law(token) or
                        quits(token) or _cuts_off(token)) and \
            _by_a_party(token) and any(
            c.dep_ == "aux" and c.lower_ in ("would", "will", "'ll") for c in token.children):
        # "said it would block any resolution": a hostile act announced is a threat; one
        # announced at a price ("would deploy more officers provided that ...") is an offer
        condition = _condition(token, sent)
        if condition and re.search(r"\b(?:provided|providing|in exchange for|in return for|on "
                                   r"(?:the )?condition that)\b",
                                   doc_text(sent.doc)[token.idx:sent.end_char], re.IGNORECASE):
            return Finding("OFFER-INTENT-COND", "conditional_offer", token, None, obj or token,
                           0.6, condition=condition)
        if (suffered := _child(token, "nsubjpass")) is not None and not _agent(suffered):
            obj = suffered  # "deliveries would be halted on Dec. 1 if ...": what is cut off
        if obj is not None and goes_to_law(token) and (obj.pos_ == "PROPN" or _agent(obj)):
            # "would sue the operator over the pension scheme": the party sued is no issue
            obj = _prep_object(token, "over", "on", "about", "for") or _threatened(token)
        return Finding("THR-INTENT", "threaten", token, None, obj or _threatened(token), 0.6,
                       condition=condition)
    if not negated and token.dep_ in ("ROOT", "ccomp") and any(
            c.dep_ == "auxpass" for c in token.children) and any(
            c.dep_ == "aux" and c.lower_ in ("would", "will", "could") for c in token.children) \
            and (thing := _child(token, "nsubjpass")) is not None and \
            (condition := _condition(token, sent)) and not _hostile(token) and \
            not _cuts_off(token):
        # "the transfers would be paid only if ...": something given at a price, in the passive
        if re.search(r"\bunless\b", doc_text(sent.doc)[token.idx:sent.end_char], re.IGNORECASE):
            return None  # "would be suspended unless ...": the threat rules read it
        return Finding("OFFER-PASSIVE-COND", "conditional_offer", token, None, thing, 0.6,
                       condition=condition)
    if lemma == "have" and not negated and (choice := _child(token, "dobj")) is not None and \
            choice.lemma_.lower() in ("choice", "option", "alternative") and any(
                c.lower_ == "no" for c in choice.children) and (any(
                c.dep_ == "aux" and c.lower_ in ("would", "will", "'ll", "'d")
                for c in token.children) or token.dep_ == "ccomp") and (act := next(
                    (g for c in (*choice.children, *token.children) if c.lower_ in ("but", "than")
                     for g in c.children if g.dep_ in ("pcomp", "pobj") and g.pos_ == "VERB"),
                    None)) is not None and (_hostile(act) or goes_to_law(act) or quits(act)):
        # "would have no choice but to take the dispute to arbitration if ...": the act is
        # announced as forced on the speaker, a threat all the same
        obj = _child(act, "dobj")
        if obj is not None and goes_to_law(act) and (
                obj.lemma_.lower() in ("dispute", "case", "matter", "issue") or
                obj.pos_ == "PROPN" or _agent(obj)):
            # the party or the dispute taken to court is no issue; what it is over may be
            obj = next((g for p in act.subtree if p.dep_ == "prep" and p.lower_ in (
                "over", "about") for g in p.children if g.dep_ == "pobj"), None)
        return Finding("THR-NO-CHOICE", "threaten", token, None, obj, 0.65,
                       condition=_condition(token, sent) or _condition(act, sent))
    if lemma == "hesitate" and negated and (act := _child(token, "xcomp")) is not None and \
            any(c.dep_ == "aux" and c.lower_ in ("would", "will", "'ll") for c in token.children):
        # "would not hesitate to impose arbitration if ...": the act is announced, a threat
        return Finding("THR-NO-HESITATE", "threaten", token, None,
                       _child(act, "dobj") or _threatened(act), 0.65,
                       condition=_condition(token, sent))
    if not negated and lemma not in THREATEN and lemma not in ("be", "have") and any(
            c.dep_ == "aux" and c.lower_ in ("would", "could", "can", "will", "'d")
            for c in token.children) and _child(token, "nsubj") is not None and \
            token.dep_ in ("ROOT", "ccomp") and (excluded := _child(token, "dobj")) is not None \
            and (lemma in NEVER_GIVE or lemma in ENDORSE) and (
                excluded.lower_ == "nothing" or excluded.lemma_.lower() in DEALS and any(
                    c.lower_ == "no" for c in excluded.children)) and \
            (kept := _marked_clause(token, ("unless", "until", "before")) or
             _prep_object(token, "without")) is not None:
        # "would sign nothing until the government frees all of their fighters", "would sign
        # no water deal unless it commits to ...", "would sign nothing without a clause ...":
        # no deal without it (codebook)
        return Finding("RL-NO-DEAL-UNLESS", "red_line", token, None, kept, 0.7)
    if not negated and lemma not in THREATEN and lemma not in ("be", "have") and any(
            c.dep_ == "aux" and c.lower_ in ("would", "could", "can", "will", "'d")
            for c in token.children) and _child(token, "nsubj") is not None and \
            token.dep_ in ("ROOT", "ccomp") and not _none_of_it(token) and \
            (condition := _condition(token, sent)):
        if harms(token) or _cuts_off(token) or _hostile(token) and not _eases(token) or \
                _against(token) or _prevents(token) or _defiant(condition, sent) or \
                _action_begins(token) or goes_to_law(token):
            # "would respond proportionately if ...", "X would face retaliatory duties if ...",
            # "could stop showing news links if ...": the consequence hurts the other side, a
            # threat, not an offer
            hit = _child(token, "nsubj")
            target = hit if lemma == "face" and hit is not None and hit.pos_ == "NOUN" and \
                not _agent(hit) else _threatened(obj or token)
            return Finding("THR-CONSEQUENCE", "threaten", token, None, target, 0.6,
                           condition=condition)
        if re.search(r"\bunless\b", doc_text(sent.doc)[token.idx:sent.end_char], re.IGNORECASE):
            # "would strike unless talks resumed": an act announced unless: a threat
            return Finding("THR-MODAL-UNLESS", "threaten", token, None, _threatened(obj or token),
                           0.65, condition=condition)
        return Finding("OFFER-MODAL-COND", "conditional_offer", token, None, obj or token, 0.6,
                       condition=condition)
    if lemma in OFFER and not negated:
        condition = _condition(token, sent)
        stance = "conditional_offer" if condition else "offer"
        return Finding("OFFER-VERB-COND" if condition else "OFFER-VERB", stance, token, None,
                       obj, 0.75, condition=condition)
    if lemma in ("warn", "caution") and not negated and addressee is not None and \
            (_agent(addressee) or addressee.pos_ == "PROPN") and \
            (against := _prep_object(token, "against")) is not None:
        # "cautioned the authorities against any return to fuel subsidies", "warned Kampala
        # against raising the fee": an appeal not to do it
        return Finding("URGE-AGAINST", "urge", token, None, against, 0.7, addressee=addressee)
    if lemma in ("warn", "vow", "caution") and not _promises(token):
        return None  # "warned that time was running out" is not a threat
    if lemma in THREATEN and not negated:
        act = _child(token, "ccomp")
        doer = _child(act, "nsubj") if act is not None else None
        if doer is not None and (is_pronoun(doer) or doer.pos_ not in ("NOUN", "PROPN")):
            doer = None
        # "warned that the bloc would reimpose border closures": the bloc threatens (a pronoun
        # is the one who warns)
        return Finding("THR-VERB", "threaten", token, doer, _threatened(obj), 0.8,
                       addressee=_prep_object(token, "against", "to") or addressee,
                       condition=_condition(token, sent))
    if lemma in CONCEDE and not negated and lemma != "accept" or (
            lemma == "accept" and obj is not None and obj.lemma_ in ("demand", "term",
                                                                     "condition", "proposal")):
        return Finding("CONC-VERB", "concede", token, None, obj, 0.65)
    if lemma == "agree" and not negated and (meeting := _prep_object(token, "to")) is not None \
            and (meeting.lemma_.lower() in TALKS or meeting.lower_.rstrip("s") in TALKS):
        return Finding("CONS-AGREE-TALKS", "consult", token, None, meeting, 0.75,
                       addressee=_prep_object(token, "with"))  # "agreed to a new round of talks"
    if lemma in ("allow", "permit", "let") and not negated and token.tag_ == "VBD" and \
            token.dep_ in ("ROOT", "ccomp", "conj") and _by_a_party(token) and \
            _lets_act(token) and not any(
                c.dep_ in ("aux", "auxpass") for c in token.children):
        # "Iran allowed inspectors to visit a facility": access given, a concession
        return Finding("CONC-ALLOWED", "concede", token, None, token, 0.6)
    if lemma in PRICE_CUTS and not negated and token.tag_ == "VBD" and \
            token.dep_ in ("ROOT", "ccomp", "conj") and _by_a_party(token) and \
            (price := _child(token, "dobj")) is not None and price.lower_ in PRICES:
        return Finding("CONC-PRICE-CUT", "concede", token, None, price, 0.6)
    if lemma in PAST_CONCESSIONS and not negated and (token.tag_ == "VBD" or perfect(token)) \
            and token.dep_ in ("ROOT", "ccomp", "conj") and _by_a_party(token) and not any(
                c.dep_ in ("aux", "auxpass") and c.lemma_ != "have" for c in token.children) and \
            (done := _child(token, "dobj")) is not None and \
            done.lemma_.lower() not in NOT_CONCEDED:
        if lemma == "exempt" and _prep_object(token, "from") is not None:
            done = token  # "exempted ambulance flights from the strike": both are at stake
        return Finding("CONC-PAST-ACT", "concede", token, None, done, 0.6)
    if not negated and token.tag_ == "VBD" and token.dep_ in ("ROOT", "ccomp", "conj") and \
            _by_a_party(token) and (done := _child(token, "dobj")) is not None and \
            at_request(token):
        # "increased releases at Baghdad's request": an act done as another asked, given
        return Finding("CONC-AT-REQUEST", "concede", token, None, done, 0.6)
    if lemma in MOVED and not negated and (token.tag_ == "VBD" or perfect(token) or
                                           _having(token)) and \
            (token.dep_ in ("ROOT", "ccomp", "conj") or _having(token)) and \
            (moved := _child(token, "dobj")) is not None \
            and moved.lemma_.lower() in BIDS and any(c.dep_ == "poss" for c in moved.children):
        # "has already raised its offer from 4.5 to 6 percent", "lowered its demand": a side
        # that moved its own bid towards the other has conceded
        return Finding("CONC-MOVED-BID", "concede", token, None, moved, 0.65)
    if lemma == "agree" and not negated and (deed := _child(token, "xcomp")) is not None:
        if (deed.lemma_ in MEET or deed.lemma_ in HOLD_TALKS or deed.lemma_ in TALKS) and (
                (opened := _child(deed, "dobj")) is None or opened.lemma_.lower() in TALKS):
            return None  # "agreed to meet again": the talks rule reads it (not "agreed to
            # open a crossing")
        return Finding("CONC-AGREE-TO", "concede", token, None, deed, 0.65)
    if lemma == "agree" and not negated and (token.tag_ == "VBD" or perfect(token)) and \
            (granted := _child(token, "ccomp")) is not None and any(
                c.dep_ == "mark" and c.lower_ == "that" for c in granted.children) and \
            not _condition(token, sent):
        # "the government agreed that they would be held no later than June": a point
        # conceded (agreeing with someone is backing them)
        return Finding("CONC-AGREE-THAT", "concede", token, None, granted, 0.6)
    if lemma == "agree" and not negated and (token.tag_ == "VBD" or perfect(token) or
                                             _having(token)) and \
            (taken := _prep_object(token, "to")) is not None and _nominal(taken) and \
            not _agent(taken) and not _condition(token, sent):
        # "agreed on Monday to a U.N.-led feasibility study": a proposal taken, a concession
        # (agreeing with someone is backing them)
        return Finding("CONC-AGREE-TO", "concede", token, None, taken, 0.65)
    if lemma == "agree" and not negated and (taken := _child(token, "dobj")) is not None and \
            taken.pos_ == "NOUN" and not _agent(taken) and not any(
                c.dep_ == "aux" for c in token.children) and not _condition(token, sent):
        # "Kenya and Uganda agree joint patrols", "agreed a ceasefire": an agreement reached on
        # it, a move reported as done (agreeing with someone is backing them)
        return Finding("CONC-AGREED", "concede", token, None, taken, 0.6)
    if lemma in SUPPORT and not negated and not any(
            c.lower_ in ("whatever", "whichever") for c in token.children):
        # not "whatever we agree, ...": a free relative, no backing of anything
        if obj is not None and (obj.pos_ == "PROPN" or _agent(obj)) and \
                (topic := _prep_object(token, "on", "over")) is not None:
            # "backed Indonesia on the certification schemes": a side backed on an issue
            return Finding("SUP-VERB-ON", "support", token, None, topic, 0.65, addressee=obj)
        return Finding("SUP-VERB", "support", token, None, obj, 0.65, addressee=addressee)
    if (lemma in ("stand", "side") or lemma == "throw" and addressee is not None
            and addressee.lower_ == "weight") and not negated and \
            token.dep_ in ("ROOT", "ccomp", "conj") and \
            (backed := _prep_object(token, *_STANDS_BY.get(lemma, ()))) is not None and \
            (backed.pos_ == "PROPN" or _agent(backed) or backed.lemma_.lower() in TERMS or
             backed.tag_ == "NNS" and token.dep_ == "ccomp"):  # "said it stood by the doctors",
        # not "the leaders stood by the depot gates"
        # "said it stood by the resident doctors", "sided with the union", "threw its weight
        # behind the proposal": support for a side or its terms
        # "stood with Cairo on the need for a binding agreement": backed on that issue
        topic = _prep_object(token, "on", "over")
        return Finding("SUP-STAND-BY", "support", token, None, topic or backed, 0.65,
                       addressee=backed)
    return None


_STANDS_BY = {"stand": ("by", "behind", "with"), "side": ("with",), "throw": ("behind",)}


def _regardless(verb: Token) -> bool:
    """"as planned", "as scheduled", "regardless", "anyway", "despite X": going on whatever
    the other side says."""
    for c in verb.children:
        if c.dep_ == "advcl" and c.lemma_.lower() in ("plan", "schedule") and any(
                g.lower_ == "as" for g in c.children):
            return True
        if c.lower_ in ("regardless", "anyway", "nonetheless", "despite"):
            return True
    return False


_SPANS = frozenset("hour day week month".split())
# Terms a party will not see changed: "could not be changed / altered / amended".
UNCHANGED = frozenset("change alter amend revise rewrite modify rework touch withdraw lift "
                      "scrap rescind reverse repeal cancel restore reinstate resume".split())


def _ultimatum(verb: Token) -> Finding | None:
    """"gave the government 21 days to meet their demands, after which it would withdraw its
    members": the act announced for when the time runs out is a threat (THR-ULTIMATUM); the
    time given with nothing announced is a demand (DEM-DEADLINE)."""
    whom = _child(verb, "dative")
    time = _child(verb, "dobj", "npadvmod")
    if whom is None and time is not None and time.lemma_.lower() not in _SPANS:
        whom, time = time, _child(verb, "npadvmod")  # "gave the authority a week to ..."
    if whom is None or time is None and _prep_object(verb, "until", "till") is None or \
            time is not None and time.lemma_.lower() not in _SPANS:
        return None
    deed = _child(verb, "advcl", "xcomp") or (
        _child(time, "relcl", "acl") if time is not None else None)  # "30 days | to pay"
    if deed is None or not any(c.dep_ == "aux" and c.lower_ == "to" for c in deed.children):
        return None
    for node in verb.subtree:
        # "..., after which it would ...", "..., failing which drivers would ..."
        then = node.head if node.dep_ == "prep" and node.lower_ == "after" else \
            _child(node, "ccomp") if node.lower_ == "failing" else None
        if then is not None and node.i > deed.i and any(
                c.lower_ == "which" for c in (*node.children, *then.children)) and any(
                c.dep_ == "aux" and c.lower_ in ("would", "will", "could")
                for c in then.children):
            act = then
            then = {t.i for t in act.subtree}
            asked = " ".join(t.text for t in deed.subtree if t.i not in then)
            return Finding("THR-ULTIMATUM", "threaten", act, None, act, 0.7, addressee=whom,
                           condition=asked.strip(" ,"))
    return Finding("DEM-DEADLINE", "demand", verb, None, deed, 0.7, addressee=whom)


# What one side puts to another, refused in a clause on it ("a request the company turned down").
_ASKED_TERMS = TERMS | frozenset("request plan call idea package deal".split())


def _marked_clause(verb: Token, marks: tuple[str, ...]) -> Token | None:
    """The verb's adverbial clause opened by one of `marks` ("unless", "until", "before",
    "while"): what must come first, or how long the act holds."""
    return next((c for c in verb.children if c.dep_ == "advcl" and any(
        g.dep_ == "mark" and g.lower_ in marks for g in c.children)), None)


def _having(verb: Token) -> bool:
    """A perfect participle clause of the main clause's subject: "..., having already lowered
    its claim from 12 percent": an act it has done."""
    return bool(verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "having"
                                             for c in verb.children))


def _by_a_party(verb: Token) -> bool:
    """An act done by a party (a name, a pronoun, an agent noun: "the army released ..."), not
    by a thing ("the current arrangement allowed 400 boats to fish": background)."""
    if _child(verb, "auxpass") is not None:
        return True  # "overtime would be suspended": done by someone the clause does not name
    doer = subject(verb)
    # a plural noun is people more often than not ("fishermen", "pilots"); a singular one that
    # names no agent is a thing ("the arrangement", "the terminal", "the 2019 deal")
    return doer is None or doer.pos_ != "NOUN" or doer.tag_ == "NNS" or _agent(doer)


def _lets_act(verb: Token) -> bool:
    """"allowed inspectors to visit", parsed with the inspectors as object or as the subject of
    an infinitive clause."""
    deed = _child(verb, "xcomp", "ccomp")
    if deed is None or not any(c.dep_ == "aux" and c.lower_ == "to" for c in deed.children):
        return False
    who = _child(verb, "dobj") or _child(deed, "nsubj")
    # people or things let in ("inspectors", "trucks"), not "allowed the deadline to pass"
    return who is not None and (who.tag_ in ("NNS", "NNPS", "NNP") or _agent(who))


def _agent(noun: Token) -> bool:
    """A noun naming people who can act (an army, a union, a government, negotiators)."""
    return agent_sector(noun) is not None or noun.lemma_.lower() in _ACTING


_ACTING = frozenset("force troop army military police government side country state "
                    "fund lender creditor donor bank group movement coalition alliance bloc "
                    "board committee commission cabinet parliament management junta regime "
                    "opposition delegation staff crew leadership presidency agency office "
                    "department mission secretariat executive senate congress assembly "
                    "authority regulator ministry official member worker leader province "
                    "region city council municipality administration employer".split())


def _hostile(verb: Token) -> bool:
    """A verb whose PLOVER category is hostile (fight, coerce, sanction, assault, mobilise,
    protest) in the event coder's lexicon: "block", "expel", "strike", "impose"."""
    from redline.news import plover

    return plover.VERBS.get(verb.lemma_.lower()) in plover.HOSTILE or any(
        (verb.lemma_.lower(), c.lower_) in _WALKOUTS for c in verb.children
        if c.dep_ in ("prt", "prep", "dobj", "advmod")) or any(
        # "would bring its supporters onto the streets", "take to the streets": a protest
        c.dep_ == "prep" and c.lower_ in ("onto", "into", "to", "on") and any(
            g.lower_ == "streets" for g in c.children) for c in verb.children)


# Stopping work or shutting the other side out, said in a phrase: "walk off the job", "walk
# out", "lock out the members", "stop work", "wind down its business in the country".
_WALKOUTS = frozenset({("walk", "out"), ("walk", "off"), ("lock", "out"), ("stop", "work"),
                       ("wind", "down")})


# Collective actions a side calls or stages against another: calling one is a threat, calling
# one off a concession ("would end the strike if ...").
ACTIONS = frozenset("strike walkout stoppage boycott shutdown go-slow protest demonstration "
                    "blockade sit-in embargo sanction sanctions offensive attack siege "
                    "hostility hostilities occupation raid".split())
CUTTING = frozenset("stop halt suspend cut cancel terminate shut close freeze end withdraw "
                    "reduce".split())
# What one side gives the other and can withhold: stopping it hurts ("would halt deliveries"),
# unlike cutting a burden ("would cut tariffs") or ending a hostile act ("end the strike").
SUPPLIES = frozenset("supply supplies delivery deliveries shipment shipments aid assistance "
                     "funding fund funds payment payments loan loans credit electricity power "
                     "gas oil fuel water food access link links service services cooperation "
                     "import imports export exports flight flights trade transit "
                     "subsidy subsidies grant grants contract ration rations voucher vouchers "
                     "benefit benefits".split())


# What a collective action does when it is announced: "walkouts could begin in January".
_BEGINS = frozenset("begin start follow resume go proceed escalate spread continue".split())


def _action_begins(verb: Token) -> bool:
    """A collective action against the other side as the subject of its start: "walkouts
    could begin in the second week of January", "the blockade would resume if ..." (its end,
    "the strike would end if ...", is no threat)."""
    doer = _child(verb, "nsubj")
    return verb.lemma_.lower() in _BEGINS and doer is not None and \
        doer.lemma_.lower() in ACTIONS


def _cuts_off(verb: Token) -> bool:
    """An act that takes from the other side what it gets, or uses force on it: "could stop
    showing news links", "deliveries would be halted", "would retake the terminal by force",
    "would call a strike". Cutting a burden ("would cut tariffs") or ending a hostile act
    ("would end the strike") is none."""
    thing = _child(verb, "dobj", "nsubjpass")
    if verb.lemma_.lower() == "call":
        return thing is not None and thing.lemma_.lower() in ACTIONS
    force = _prep_object(verb, "by")
    if force is not None and force.lower_ == "force":
        return True
    if verb.lemma_.lower() not in CUTTING:
        return False
    if thing is None and (doing := _child(verb, "xcomp")) is not None and doing.tag_ == "VBG":
        thing = _child(doing, "dobj")  # "stop showing news links"
    elif thing is None and verb.lemma_.lower() in ("close", "shut", "halt", "stop") and \
            not any(c.dep_ in ("xcomp", "ccomp") for c in verb.children):
        # "we will close earlier", "the plant would have to shut down": the speaker's works
        # closed on the other side (not "the strikes would stop": a hostile act ended)
        doer = _child(verb, "nsubj")
        return doer is None or doer.lemma_.lower() not in ACTIONS
    return thing is not None and thing.lemma_.lower() in SUPPLIES


def _against(verb: Token) -> bool:
    """An act aimed at someone: "would resume operations against the group", "would vote
    against the budget"."""
    thing = _child(verb, "dobj")
    return _prep_object(verb, "against") is not None or (
        thing is not None and _prep_object(thing, "against") is not None)


def _prevents(verb: Token) -> bool:
    """Stopping or keeping something from happening: "would stop voting from taking place",
    "would prevent the ships from docking"."""
    if verb.lemma_.lower() not in CUTTING | {"prevent", "bar", "block", "keep"}:
        return False
    for head in (verb, *(c for c in verb.children if c.dep_ in ("xcomp", "dobj"))):
        if any(c.dep_ == "prep" and c.lower_ == "from" and _child(c, "pcomp") is not None
               for c in head.children):
            return True
    return False


# A condition that the other side keeps to its course or misses a deadline ("if the
# government pressed ahead", "if it had not signed a ceasefire by Dec. 15", "if the talks
# collapse"): what is announced for that event is a threat, whatever its verb. A negation
# alone is no sign ("would lift the curfew if the rebels did not attack again").
_DEFIANT = re.compile(r"\b(?:fail(?:s|ed)?\s+to|refus(?:e|es|ed)\s+to|press(?:es|ed)?\s+ahead|"
                      r"tr(?:y|ies|ied)\s+to|insist(?:s|ed)?\s+on|"
                      r"go(?:es)?\s+ahead|went\s+ahead|persist(?:s|ed)?|lapse[sd]?|"
                      r"collapse[sd]?|(?:broke|breaks?)\s+down)\b", re.IGNORECASE)
_MISSED_DEADLINE = re.compile(
    r"(?:\b(?:not|never|no)\b|n't\b).*\bby\s+(?:the\s+(?:end|middle)\s+of\s+)?(?:\d|mid\s*-|next\b|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b)",
    re.IGNORECASE)


def _defiant(condition: str | None, sent: Span) -> bool:
    """Whether `condition` (of an act in `sent`) is the other side's defiance; not under "even
    if" (a commitment whatever happens: "even if the cut went ahead, the agency would keep
    ...")."""
    if condition and re.search(
            rf"\beven\s+(?:if|when|though)\s+{re.escape(condition.split()[0])}", sent.text,
            re.IGNORECASE):
        return False
    return bool(condition) and (_DEFIANT.search(condition or "") is not None or
                                _MISSED_DEADLINE.search(condition or "") is not None)


def _eases(verb: Token) -> bool:
    """Cutting or ending what is no supply of the other side's: "would cut tariffs", "would end
    the strike" (an event coder's hostile verb, here a step towards the other side)."""
    return verb.lemma_.lower() in CUTTING and not _cuts_off(verb)


def _threatened(act: Token | None) -> Token | None:
    """What a threat is about. An act with an object is about that object ("would resume
    strikes"); an act without one ("would act alone if the talks failed to curb the missile
    programme") is about the object of its condition."""
    if act is None or act.pos_ not in ("VERB", "AUX") or _child(act, "dobj", "attr") is not None \
            or _prep_object(act, "on", "against", "over", "to") is not None:
        return act
    for clause in act.children:
        if clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless")
                                          for c in clause.children):
            target = next((n for n in clause.subtree if n.dep_ == "dobj"), None)
            if target is not None:
                return target
    return act


def _promises(token: Token) -> bool:
    """A warning or vow that announces an act: "warned it would retaliate", "vowed to hit back",
    "warned of consequences unless ...". A warning that something else would happen ("warned
    that a wider deficit would push up borrowing costs") announces no act of the speaker: its
    clause's subject is neither a pronoun, a name nor an agent (army, union, government)."""
    if _child(token, "xcomp") is not None:
        return True
    clause = _child(token, "ccomp")
    doer = _child(clause, "nsubj") if clause is not None else None
    if doer is not None and doer.pos_ == "NOUN" and not _agent(doer):
        return False
    for node in token.subtree:
        if node.lower_ in ("unless", "if") or node.dep_ == "aux" and node.lower_ in (
                "will", "would", "'ll", "could", "might", "may"):
            return True
    return False


# "expressed support for X", "voiced opposition to X": the stance is in the noun.
STANCE_NOUNS = {"support": "support", "backing": "support", "approval": "support",
                "opposition": "reject", "rejection": "reject", "objection": "reject",
                "willingness": "offer", "readiness": "offer", "demand": "demand",
                "threat": "threaten", "call": "demand", "calls": "demand",
                "insistence": "demand", "refusal": "reject", "offer": "offer"}
EXPRESS = frozenset("express voice reiterate declare pledge signal state reaffirm "
                    "repeat renew restate".split())


def stance_noun(token: Token, sent: Span) -> Finding | None:
    """A stance stated as a noun after a verb of expressing ("expressed willingness to ...",
    "reiterated its demand for ..."); an offer with a condition is a conditional offer."""
    if token.lemma_ not in EXPRESS or token.pos_ != "VERB" or _negated(token):
        return None
    noun = _child(token, "dobj")
    if noun is None or noun.lemma_.lower() not in STANCE_NOUNS:
        return None
    stance = STANCE_NOUNS[noun.lemma_.lower()]
    topic = _prep_object(noun, "for", "to", "of", "on", "against") or _child(noun, "acl")
    condition = _condition(token, sent) if stance == "offer" else None
    if condition:  # "expressed willingness to accept longer shifts if wages rose"
        stance = "conditional_offer"
    return Finding("NOUN-STANCE", stance, token, None, topic, 0.7,
                   addressee=topic if stance == "support" else None, condition=condition)


def must(token: Token, sent: Span) -> Finding | None:
    """"X must do Y" ("X ought to do Y") reported by a speaker: a demand addressed to X."""
    if token.lower_ == "ought" and (deed := _child(token, "xcomp")) is not None and \
            not _negated(token) and not _negated(deed):
        return Finding("DEM-MUST", "demand", deed, None, _object(deed), 0.6,
                       addressee=_child(token, "nsubj"))  # the parser makes "ought" the head
    if token.lower_ == "should" and token.dep_ == "aux" and not _negated(token.head) and \
            token.head.dep_ == "ccomp" and token.head.head.lemma_ in REPORTING and \
            (told := _child(token.head, "nsubj")) is not None and \
            (told.pos_ == "PROPN" or _agent(told)) and \
            (speaker := _child(token.head.head, "nsubj")) is not None and speaker.i != told.i:
        # "Cuna said Indico should bring its compensation closer to the cost of a home": what
        # the speaker asks of a side named in the clause (an appeal unless a side asks its own
        # counterpart: see resolution)
        verb = token.head
        return Finding("DEM-SHOULD", "demand", verb, None, _object(verb) or verb, 0.55,
                       addressee=told)
    if token.lower_ != "must" or token.dep_ != "aux":
        return None
    verb = token.head
    if any(c.dep_ == "neg" for c in verb.children):
        return None
    if verb.dep_ in ("acl", "ccomp") and verb.head.pos_ == "NOUN" and \
            verb.head.lemma_.lower() not in ("demand", "call", "insistence"):
        return None  # "backed Somalia's position that the ruling must be implemented": the
        # content of a view named as a noun, held by its owner, stated by no one here
    if (deal := _child(verb, "nsubj", "nsubjpass")) is not None and \
            deal.lemma_.lower() in DEALS and any(c.lower_ == "any" for c in deal.children):
        # "any new agreement must put the lines on a rotating roster": a term of any deal
        return Finding("RL-ANY-DEAL-MUST", "red_line", verb, None, _object(verb) or verb, 0.7)
    return Finding("DEM-MUST", "demand", verb, None, _object(verb), 0.6,
                   addressee=_child(verb, "nsubj"))


def talks(token: Token, sent: Span) -> Finding | None:
    """Talks held or planned: "talks were held in Oman", "X met Y", "X hosted talks"."""
    lemma = token.lemma_.lower()
    if token.pos_ == "PROPN" and token.lower_.removesuffix("s") in TALKS:
        lemma = token.lower_.removesuffix("s")  # "Talks between X and Y ...": capitalised
    if lemma == "call" and token.pos_ == "NOUN" and any(
            c.lower_ in ("video", "phone", "telephone", "conference") for c in token.children):
        lemma = "talk"  # "held a video call": talks at a distance
    if lemma in TALKS and token.pos_ in ("NOUN", "PROPN"):
        verb = token.head
        if token.dep_ == "pobj" and verb.lower_ == "of" and verb.head.lemma_.lower() in SPELLS:
            token = verb.head  # "held two days of talks", "a second round of negotiations"
            verb = token.head
        if verb.lemma_ in EXPECTING and (then := _child(verb, "xcomp")) is not None \
                and then.lemma_ in HOLD_TALKS:
            verb = then  # "talks are expected to resume in Muscat"
        if token.dep_ in ("nsubj", "nsubjpass", "dobj") and verb.lemma_ in HOLD_TALKS and \
                not _negated(verb) and not any(c.lower_ == "no" for c in token.children) and \
                not (verb.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and (
                    c.lower_ in ("while", "until", "till", "once", "if", "unless") or
                    c.lower_ == "as" and verb.head.lower_ == "long" or
                    c.lower_ == "when" and verb.tag_ in ("VBP", "VBZ", "VB"))
                    for c in verb.children)):
            # not "a new round of talks has not been scheduled", "no talks were held", "(hold
            # fire) while / as long as talks continue", "(meet halfway) when talks resume":
            # talks that are no news of their own
            between = _prep_object(token, "between", "with")
            actor = between
            other = None
            if between is None and token.dep_ == "dobj":
                actor = sides_from(subject(verb))  # "negotiators from X and Y held talks"
            if actor is not None:
                other = _child(actor, "conj")
            actor_phrase = actor or (subject(verb) if token.dep_ == "dobj" else None)
            place = _prep_object(verb, "in", "at") or _prep_object(token, "in", "at")
            if place is None and verb.dep_ == "xcomp":
                place = _prep_object(verb.head, "in", "at")
            mediator = _prep_object(verb, "by", "through", "via") if any(
                c.lower_ in ("through", "via") for c in verb.children) else None
            return Finding("CONS-TALKS-HELD", "consult", verb, actor_phrase, token, 0.8,
                           addressee=other, place=place, mediator=mediator)
        return None
    if lemma in ARRIVE and token.pos_ == "VERB" and not _negated(token):
        place = _prep_object(token, "in", "to", "at")
        if place is not None and place.pos_ == "PROPN":
            return Finding("CONS-VISIT", "consult", token, None, None, 0.6, addressee=place,
                           place=place)
    if lemma in ("answer", "punish") and _child(token, "auxpass") is not None and any(
            c.dep_ == "aux" and c.lower_ in ("will", "would", "shall") for c in token.children) \
            and (act := _child(token, "nsubjpass")) is not None and \
            act.lemma_.lower() in ACTIONS:
        # "any further strike will be answered": the answer to the other side's act, a threat
        return Finding("THR-ANSWERED", "threaten", token, None, act, 0.6)
    if lemma == "meet" and _child(token, "auxpass") is not None:
        answer = _prep_object(token, "with")  # "would be met with a firm response"
        if answer is not None and answer.lemma_.lower() in RESPONSES:
            return Finding("THR-MET-WITH", "threaten", token, None,
                           _child(token, "nsubjpass", "csubjpass") or answer, 0.6)
        return None  # a passive "met" is no meeting
    if lemma == "meet" and (met := _child(token, "dobj")) is not None and \
            met.lemma_.lower() in UNMET:
        return None  # "to meet their demands", "met the deadline": no meeting of anyone
    if lemma == "sit" and token.pos_ == "VERB" and (any(
            c.dep_ == "prt" and c.lower_ == "down" for c in token.children) or any(
            (t := _prep_object(token, p)) is not None and t.lower_ == "table"
            for p in ("across", "at", "around", "round"))):
        lemma = "meet"  # "sat down with the minister", "sat across a table from each other"
    if lemma in MEET and token.dep_ == "advcl" and token.tag_ == "VBG":
        return None  # "was killed while visiting troops": a scene of the past, no talks
    if lemma in MEET and token.pos_ == "VERB" and not _negated(token) and not any(
            c.lower_ in ("halfway", "half-way") for c in token.children) and \
            token.dep_ not in ("acl", "amod", "relcl") and _child(token, "agent") is None and \
            not (token.dep_ in ("xcomp", "ccomp") and token.head.lemma_ in LETTING):
        other = _child(token, "dobj") or _prep_object(token, "with")
        place = _prep_object(token, "in", "at")
        mediator = token if lemma == "mediate" else None
        return Finding("CONS-MEET", "consult", token, None, other, 0.7, addressee=other,
                       place=place, mediator=mediator)
    return None


# What is met without meeting anyone: "meet their demands", "meet the deadline".
UNMET = frozenset("demand deadline target condition requirement need expectation obligation "
                  "cost standard criterion goal term payment".split())
# "allowed inspectors to visit the site": a visit let happen is no meeting of the parties.
LETTING = frozenset("allow permit let".split())

# Stances said in a set phrase of the press rather than a stance verb: (verb lemma, a word the
# phrase needs among the verb's dependents, or "" for none; the stance; the prepositions whose
# object is what the stance is about, "" for the direct object). "poured cold water on the
# plan", "gave short shrift to the idea", "saw no merit in it", "threw its weight behind the
# bid" (SUP-STAND-BY reads that one), "is holding out for a better offer", "put forward a
# plan", "gave ground on pay".
IDIOMS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("pour", "water", "reject", ("on",)),
    ("give", "shrift", "reject", ("to",)),
    ("see", "merit", "reject", ("in",)),
    ("see", "point", "reject", ("in",)),
    ("have", "time", "reject", ("for",)),
    ("close", "door", "reject", ("on",)),
    ("wave", "away", "reject", ("",)),
    ("wave", "off", "reject", ("",)),
    ("slap", "down", "reject", ("",)),
    ("balk", "", "reject", ("at",)),
    ("baulk", "", "reject", ("at",)),
    ("bristle", "", "reject", ("at",)),
    ("get", "behind", "support", ("behind",)),
    ("rally", "", "support", ("behind",)),
    ("give", "blessing", "support", ("to",)),
    ("come", "round", "concede", ("to",)),
    ("come", "around", "concede", ("to",)),
    ("make", "room", "offer", ("for",)),
    ("make", "case", "demand", ("for",)),
    ("angle", "", "demand", ("for",)),
    ("speak", "up", "support", ("for",)),
    ("see", "way", "offer", ("to",)),
    ("come", "forward", "offer", ("with",)),
    ("hold", "out", "demand", ("for",)),
    ("lobby", "", "demand", ("for",)),
    ("clamour", "", "demand", ("for",)),
    ("clamor", "", "demand", ("for",)),
    ("put", "forward", "offer", ("",)),
    ("float", "", "offer", ("",)),
    ("table", "", "offer", ("",)),
    ("give", "ground", "concede", ("on", "over")),
    ("back", "away", "concede", ("from",)),
    ("throw", "weight", "support", ("behind",)),
    ("shelve", "", "concede", ("",)),
)
_MODAL_AUX = frozenset("will would could might may can 'll wo ca".split())
_FAVOUR = frozenset("favour favor".split())
# Words whose "no" makes the phrase ("saw no merit in", "had no time for").
_NO_IDIOMS = frozenset("merit point time".split())


def idiom(token: Token, sent: Span) -> Finding | None:
    """A stance said in one of the press's set phrases (IDIOMS), not negated."""
    lemma = token.lemma_.lower()
    if token.pos_ not in ("VERB", "AUX") or token.dep_ not in ("ROOT", "ccomp", "conj",
                                                                "xcomp") or _negated(token):
        return None  # "the plan Ndlovu tabled", "when lawmakers floated it": history told
    favour = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "in" and
                   (n := _child(c, "pobj")) is not None and n.lemma_.lower() in _FAVOUR), None)
    if favour is not None and (backed := _prep_object(_child(favour, "pobj"), "of")) is not None:
        # "came out in favour of a closed season", "voted in favour of the plan"
        return Finding("IDIOM-SUPPORT", "support", token, None, backed, 0.65,
                       addressee=backed if backed.pos_ == "PROPN" or _agent(backed) else None)
    if lemma in ("put", "place", "lay") and (laid := _child(token, "dobj")) is not None and \
            (table := _prep_object(token, "on")) is not None and table.lower_ == "table" and \
            not any(c.dep_ == "auxpass" for c in token.children):
        # "has put a 6 percent increase on the table": proposed (at a price, if one is named)
        condition = _condition(token, sent)
        return Finding("IDIOM-ON-THE-TABLE", "conditional_offer" if condition else "offer",
                       token, None, laid, 0.65, condition=condition)
    for verb, word, stance, preps in IDIOMS:
        if lemma != verb:
            continue
        marker = next((c for c in token.children if c.lower_ == word or
                       c.lemma_.lower() == word), None) if word else token
        if marker is None or word in _NO_IDIOMS and not any(
                c.lower_ == "no" for c in marker.children):
            continue
        if word == "water" and not any(c.lower_ == "cold" for c in marker.children):
            continue
        about = next((t for p in preps for t in (
            [_child(token, "dobj")] if p == "" else
            [_prep_object(token, p), _prep_object(marker, p) if marker is not token else None])
            if t is not None and t.i != marker.i), None)
        if about is None:
            continue
        if stance == "offer" and any(c.dep_ == "auxpass" for c in token.children):
            continue  # "a plan was floated": by whom the passive does not say here
        if stance == "concede" and any(c.dep_ == "aux" and c.lower_ in _MODAL_AUX
                                       for c in token.children):
            stance = "offer"  # "would give ground on pay": promised, not yet done (codebook)
        side = about if stance == "support" and (about.pos_ == "PROPN" or _agent(about)) \
            else None
        if side is not None:
            # "threw its weight behind the minister on landings", "rallied behind the
            # union over pay": the side backed, and on what
            about = _prep_object(token, "on", "over") or _prep_object(side, "on", "over") or side
        return Finding(f"IDIOM-{stance.upper().replace('_', '-')}", stance, token, None,
                       about, 0.65, addressee=side)
    return None


TOKEN_RULES: tuple[Callable[[Token, Span], Finding | None], ...] = (
    red_line, must, talks, stance_noun, idiom, verbs)  # a set phrase before its verb's reading


# What a threat answers with: "would be met with a firm response".
RESPONSES = frozenset("response reply retaliation force resistance countermeasure "
                      "countermeasures reaction".split())
CONDITION_MARKS = frozenset("if unless provided providing".split())
TEMPORAL_MARKS = frozenset("before until till once".split())
ASKING = frozenset("ask wonder question doubt know see".split())
# Stances whose complement is their content: a verb inside it is not a statement of its own.
CARRIERS = frozenset("urge demand offer conditional_offer threaten support concede".split())


def _in_condition(token: Token) -> bool:
    """Inside an "if"/"unless" clause: a condition, not a statement."""
    node = token
    for _ in range(10):
        if node.dep_ in ("advcl", "conj") and any(c.dep_ == "mark" and c.lower_ in
                                                  CONDITION_MARKS for c in node.children):
            return True  # "..., but only if the council lifted its freeze": parsed as a conjunct
        if node.dep_ in ("ccomp", "advcl", "csubj") and any(
                c.dep_ == "mark" and c.lower_ == "whether" for c in node.children) or \
                node.dep_ == "ccomp" and node.head.lemma_.lower() in ASKING and any(
                c.dep_ == "mark" and c.lower_ == "if" for c in node.children):
            return True  # "asked whether the union would strike": a question, no statement
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS
                                        for c in node.children) and any(
                c.dep_ == "aux" and c.lower_ in ("could", "would", "can", "will")
                for c in node.children):
            return True  # "... before its board could consider a programme": a condition
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS
                                        for c in node.children) and any(
                c.dep_ == "advmod" and c.lower_ == "only" for c in node.children):
            return True  # "could approve it only once the creditors had agreed to ...": the
            # creditors' agreement is the condition, not their statement
        if node.head.lower_ in ("provided", "providing") and node.head.i != node.i or (
                node.lower_ == "condition" and node.head.lower_ == "on"):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _in_relative(token: Token) -> bool:
    """Inside a relative clause whose pronoun is "who"/"which" (an aside, between commas)."""
    node = token
    for _ in range(10):
        if main_acl(node):
            return False  # "X, which groups seven states, called on ...": the predicate
        if node.dep_ == "relcl":
            return any(c.lower_ in ("who", "which") and c.dep_ in ("nsubj", "nsubjpass")
                       for c in node.children)
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _inside(token: Token, container: Token) -> bool:
    node = token
    for _ in range(12):
        if node.i == container.i:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _content(finding: Finding) -> Token | None:
    """The clause a statement carries: its issue, or for a threat the threatened act (whose
    issue may sit deeper, in its condition)."""
    if finding.rule == "THR-VERB":
        return _object(finding.trigger)
    return finding.issue


def _apart(finding: Finding, found: list[Finding]) -> bool:
    """A second red line in its own clause ("X is a line we will not cross," he said, adding
    that Moscow would never accept Y): no red line found so far governs it or is governed by
    it, and it names its own topic."""
    if finding.issue is None:
        return False
    for other in found:
        if other.stance != "red_line":
            continue
        if _inside(finding.trigger, other.trigger) or _inside(other.trigger, finding.trigger):
            return False
        if other.issue is not None and (other.issue.i == finding.issue.i or _inside(
                finding.trigger, other.issue) or _inside(other.issue, finding.trigger)):
            return False
    return True


def findings(sent: Span) -> list[Finding]:
    """Every rule that fires in a sentence; one red line per sentence, one finding per word.

    Words inside a condition ("only if sanctions were lifted") or inside the content of an
    appeal or demand ("urged Washington to insist ...") are parts of another statement.
    """
    found: list[Finding] = []
    if sent.text.rstrip().rstrip("\"'”’").endswith("?"):
        return found  # "Would the union accept a lower offer?": a question states nothing
    seen: set[int] = set()
    has_red_line = False
    for phrase in red_phrase(sent):
        found.append(phrase)
        seen.add(phrase.trigger.i)
        has_red_line = True
    for phrase in reject_phrase(sent):
        if phrase.trigger.i not in seen and not _in_condition(phrase.trigger):
            found.append(phrase)
            seen.add(phrase.trigger.i)
    for token in sent:
        for rule in TOKEN_RULES:
            finding = rule(token, sent)
            if finding is None or finding.trigger.i in seen or _in_condition(finding.trigger):
                continue
            if any(f.stance in CARRIERS and (content := _content(f)) is not None and
                   content.pos_ in ("VERB", "AUX") and _inside(finding.trigger, content)
                   and not (finding.stance == "red_line" and f.rule == "DEM-VERB")
                   and finding.rule != "REJ-TERMS-CLAUSE"  # "..., a request X turned down"
                   and not second_predicate(finding.trigger, content)
                   for f in found):
                continue
            if finding.stance == "red_line":
                if has_red_line and not _apart(finding, found):
                    continue
                has_red_line = True
            found.append(finding)
            seen.add(finding.trigger.i)
            break
    if any(not _in_relative(f.trigger) for f in found):
        # "Rwanda, which denies backing M23, welcomed the talks": the aside describes the
        # speaker; the main clause states the position
        found = [f for f in found if not _in_relative(f.trigger) or f.stance == "red_line"]
    if has_red_line:  # "a red line that will not be discussed" is one statement, not two
        found = [f for f in found if f.rule != "REJ-NOT-ACCEPT"]
        # "insisted that X was a red line": the insistence states the red line, no demand
        lines = [f.trigger for f in found if f.stance == "red_line"]
        found = [f for f in found if f.rule != "DEM-VERB" or f.issue is None or not any(
            _inside(t, f.issue) for t in lines)]
    found = _outside_conditions(sent, found)
    found = [*found, *(extra for f in found for extra in _second_objects(f))]
    found = _framed_concession(sent, found)
    return [_unless(_for_now(f), sent) for f in found]


REPORTING = frozenset("say add announce tell state confirm".split())


def _outside_conditions(sent: Span, found: list[Finding]) -> list[Finding]:
    """Findings whose word lies inside another finding's condition, where the parse did not
    show it ("would accept a short list provided wealthy countries agreed to finance a fund":
    the countries' agreement is the price asked, not anyone's statement)."""
    text = doc_text(sent.doc)
    spans = []
    for f in found:
        # the condition's own words up to its first comma: not a clause joined after it (",
        # and offered to pay"), nor the reporting clause and what follows (", a spokesman
        # said on Monday, as the two sides opened talks")
        words = (f.condition or "").split(",")[0].split()
        if len(words) < 3:
            continue
        pattern = r"\s*".join(re.escape(w) for w in words)
        if (at := re.compile(pattern).search(text, sent.start_char, sent.end_char)) is not None:
            spans.append((f, at.start(), at.end()))
    return [f for f in found if not any(
        other is not f and start <= f.trigger.idx < end for other, start, end in spans)]


def _framed_concession(sent: Span, found: list[Finding]) -> list[Finding]:
    """"In a concession to patients' groups, X said the doctors would return to emergency
    wards": an act the sentence itself calls a concession (or a goodwill gesture) is one,
    whether announced or done (CONC-FRAMED)."""
    root = sent.root
    if not any(p.dep_ == "prep" and p.lower_ in ("in", "as") and any(
            c.dep_ == "pobj" and c.lemma_.lower() in ("concession", "gesture")
            for c in p.children) for p in root.children):
        return found
    act = _child(root, "ccomp") if root.lemma_.lower() in REPORTING else root
    if act is None or act.pos_ not in ("VERB", "AUX") or _negated(act):
        return found
    out = [replace(f, rule="CONC-FRAMED", stance="concede") if f.trigger.i == act.i and
           f.stance in ("offer", "conditional_offer", "concede") else f for f in found]
    if not any(f.trigger.i == act.i for f in out):
        out.append(Finding("CONC-FRAMED", "concede", act, None, act, 0.6))
    return out


_FOR_NOW = frozenset("while so as".split())


def _for_now(finding: Finding) -> Finding:
    """A red line held only for a time ("no concession would be made while the doctors stayed
    away", "as long as the strike lasts") is a refusal, not a limit for good; "never" says it
    holds whatever happens meanwhile."""
    if finding.stance != "red_line" or any(c.lower_ == "never" for c in finding.trigger.children) \
            or finding.rule in ("RL-NO-DEAL-WITHOUT", "RL-NO-DEAL-THAT"):
        return finding  # "would never accept inspections while sanctions remain": for good;
        # "no agreement is possible while X": a precondition of any deal (codebook)
    for clause in finding.trigger.children:
        if clause.dep_ != "advcl":
            continue
        marks = [c for c in clause.children if c.dep_ in ("mark", "advmod")]
        if any(m.lower_ == "while" for m in marks) or any(
                m.lower_ == "long" and any(g.lower_ in ("as", "so") for g in m.children)
                for m in marks) or any(c.lower_ == "long" for c in clause.children
                                       if c.dep_ == "advmod" and c.i < clause.i and
                                       clause.doc[c.i - 1].lower_ in ("as", "so")):
            return replace(finding, rule=finding.rule + "-FOR-NOW", stance="reject")
    return finding


def _what_limits(noun: Token) -> Token:
    """A bare noun of measure ("limits", "curbs", "a cap") whose "on X" the parser hung
    elsewhere is about X: "limits on the use of agency pilots"."""
    if any(c.dep_ == "prep" for c in noun.children) or noun.i + 1 >= len(noun.doc):
        return noun
    after = noun.doc[noun.i + 1]
    if after.dep_ == "prep" and after.lower_ in ("on", "to", "for", "of") and \
            (what := _child(after, "pobj")) is not None:
        return what
    return noun


def _second_objects(finding: Finding) -> Iterator[Finding]:
    """"is seeking a pay rise and limits on agency work": each coordinated object of a demand
    is a demand of its own (same trigger, speaker and rule)."""
    if finding.rule != "DEM-VERB" or finding.issue is None or finding.issue.pos_ != "NOUN" or \
            finding.issue.dep_ != "dobj":
        return
    # "seeking a pay rise this year and limits on ...": the parser may hang the second object
    # on the time phrase between them
    times = [c for c in finding.trigger.children if c.dep_ == "npadvmod" and c.lower_ in TIMES]
    for head in (finding.issue, *times):
        if not any(c.dep_ == "cc" and c.lower_ == "and" for c in head.children):
            continue  # "a multi-year deal rather than annual haggling": one demand
        for other in head.children:
            if other.dep_ == "conj" and other.pos_ == "NOUN" and other.lower_ not in TIMES:
                yield replace(finding, issue=_what_limits(other))
    # "demanding a review of salaries, which ..., and the withdrawal of the directive": after
    # a relative clause the parser may join the second object to the verb itself
    for other in finding.trigger.children:
        if other.dep_ == "conj" and other.pos_ == "NOUN" and other.i > finding.issue.i and \
                other.lower_ not in TIMES and any(
                    c.dep_ == "cc" and c.lower_ == "and" and c.i < other.i
                    for c in finding.trigger.children):
            yield replace(finding, issue=_what_limits(other))


def _unless(finding: Finding, sent: Span) -> Finding:
    """An appeal, demand or offer announced with "would/will ... unless X" is a threat: the
    act follows if X does not happen ("would ask the council to restore sanctions unless ...")."""
    trigger = finding.trigger
    if finding.stance not in ("urge", "demand", "offer", "conditional_offer") or not any(
            c.dep_ == "aux" and c.lower_ in ("would", "will", "'ll") for c in trigger.children):
        return finding
    rest = doc_text(sent.doc)[trigger.idx:sent.end_char]
    if not re.search(r"\bunless\b", rest, re.IGNORECASE):
        return finding
    return Finding("THR-UNLESS", "threaten", trigger, finding.actor, finding.issue,
                   min(finding.confidence, 0.65), finding.addressee,
                   finding.condition or condition_text(trigger, sent))
