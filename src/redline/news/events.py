"""PLOVER event coding: who did what to whom, for one sentence at a time.

The event is read off the sentence's main predicate (past the reporting verb of "X said Y"):
a verb of a known category, the noun a light verb carries ("staged a hunger strike"), a framing
verb's complement ("decided to allow"), or a stated intention ("will withdraw unless ...",
hostile intent is a threat, other intent an agreement; refusals are rejections). The source is
the predicate's subject (or passive agent) resolved with the gazetteer; the target its object.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from redline.news import gazetteer, lexicon, plover
from redline.news.clauses import Mentions, span_range
from redline.news.language import pipeline

METHOD = "plover-dependency-rules"
Token = Any

_INTENT_ADJ = frozenset("willing ready prepared determined eager".split())
_MODALS = frozenset("will would shall may might 'll could".split())


@dataclass(frozen=True)
class CodedEvent:
    """One sentence coded: the PLOVER category (or None), source and target actor codes."""

    id: str
    event: str | None
    source: tuple[str, ...]
    target: tuple[str, ...]
    rule: str
    trigger: str | None = None
    method: str = METHOD

    def to_dict(self) -> dict[str, Any]:
        """The coded event as JSON: its fields, with source and target as lists."""
        out = asdict(self)
        out["source"], out["target"] = list(self.source), list(self.target)
        return out


def _child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


_PARTICLES = frozenset("out off down back up away over".split())


def _lemma(token: Token) -> str:
    """The verb's lemma with its particle ("pull out"), also when the parser reads the
    particle as an adverb or preposition ("pulled its troops out of the region")."""
    particle = _child(token, "prt") or next(
        (c for c in token.children if c.dep_ in ("advmod", "prep") and c.i > token.i
         and c.lower_ in _PARTICLES), None)
    lemma = token.lemma_.lower()
    return f"{lemma} {particle.lower_}" if particle is not None else lemma


def predicate(sent: Any) -> Token:
    """The main event predicate: the root, or what a reporting root reports."""
    root = sent.root
    for _ in range(3):
        if root.lemma_.lower() not in plover.REPORTING:
            break
        inner = _child(root, "ccomp", "parataxis")
        if inner is None:
            # "..., a newspaper said": the event clause may hang off the root differently
            inner = next((c for c in root.children if c.dep_ in ("advcl", "xcomp", "conj")
                          and c.pos_ in ("VERB", "AUX")), None)
        if inner is None:
            break
        root = inner
    return root


def _noun_category(token: Token) -> str | None:
    for node in [token, *[c for c in token.children if c.dep_ in ("compound", "amod")]]:
        category = plover.NOUNS.get(node.lower_) or plover.NOUNS.get(node.lemma_.lower())
        if category:
            return category
    return None


def _object_category(verb: Token) -> tuple[str | None, str | None]:
    """The category carried by a light verb's object or prepositional object."""
    for child in verb.children:
        if child.dep_ in ("dobj", "attr", "nsubjpass", "acomp", "oprd"):
            category = _noun_category(child)
            if category:
                return category, child.text
        if child.dep_ in ("prep", "agent"):
            for pobj in child.children:
                if pobj.dep_ == "pobj" and (category := _noun_category(pobj)):
                    return category, pobj.text
    return None, None


def _verb_category(verb: Token) -> str | None:
    lemma = _lemma(verb)
    return plover.VERBS.get(lemma) or plover.VERBS.get(verb.lemma_.lower())


def _cameo_category(verb: Token) -> str | None:
    """A verb our lexicon does not know, by the CAMEO verb dictionary mapped to PLOVER: its
    particle or object word first ("pulled its troops out", "voiced support"), then the verb."""
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() in plover.REPORTING:
        return None
    table = lexicon.cameo_verbs()
    lemmas = (verb.lemma_.lower(), verb.lemma_.lower() + "e", verb.lower_)  # "lambast(e)"
    words = [c for c in verb.children if c.dep_ in ("dobj", "prt")] + \
        [c for c in verb.children if c.dep_ == "prep" and c.i > verb.i]
    for child in words:
        for lemma in lemmas:
            for word in (child.lower_, child.lemma_.lower()):
                if (found := table.get((lemma, word))) is not None:
                    return found
    return next((found for lemma in lemmas if (found := table.get((lemma, ""))) is not None),
                None)


def _intent(verb: Token) -> bool:
    """A stated intention: will/would do, willing/ready to do, plans to do."""
    if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children):
        return True
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_.lower() in _INTENT_ADJ


def _refine(category: str | None, verb: Token) -> str | None:
    """Word-sense choices that hang on the verb's arguments."""
    lemma = _lemma(verb)
    obj = _child(verb, "dobj")
    obj_category = _noun_category(obj) if obj is not None else None
    if lemma.replace(" ", "_") in plover.STOPPING and obj_category is not None:
        if obj_category in plover.COOPERATIVE:
            return "SANCTION"
        if obj_category in plover.HOSTILE or obj_category == "PROTEST":
            return "CONCEDE"
    if verb.lemma_.lower() == "accept" and obj is not None and obj.lemma_.lower() in (
            "demand", "term", "condition", "ultimatum"):
        return "CONCEDE"
    if obj is not None and obj.lemma_.lower() in ("protest", "complaint") and \
            verb.lemma_.lower() in ("lodge", "file", "register", "deliver", "send", "make"):
        return "DISAPPROVE"
    if verb.lemma_.lower() == "set" and obj is not None and obj.lower_ == "fire":
        return "COERCE"
    if verb.lemma_.lower() in ("fire", "use") and obj is not None and (
            obj.lemma_.lower() in plover.CROWD_CONTROL or any(
            c.lower_ in plover.CROWD_CONTROL for c in obj.children)):
        return "COERCE"  # "fired tear gas at protesters"
    if verb.lemma_.lower() in ("withdraw", "recall", "expel") and obj is not None and \
            obj.lemma_.lower() in plover.ENVOYS:
        return "SANCTION"
    refined = _yielding(lemma, verb, obj)
    if refined is not None:
        return refined
    if verb.lemma_.lower() in plover.EXCHANGING and obj_category is not None:
        return obj_category
    if verb.lemma_.lower() in plover.CARRYING and obj is not None and "AID" in (
            _noun_category(n) for n in (obj, *[g for c in obj.children if c.lower_ == "of"
                                               for g in c.children])):
        return "AID"  # "flew tonnes of medical supplies to ...": carrying aid is giving it
    if verb.lemma_.lower() in plover.CARRYING and obj is not None and any(
            n.lemma_.lower() in plover.GOODS for n in (obj, *obj.conjuncts)):
        return "AID"  # "shipped fuel and food to the besieged city"
    if verb.lemma_.lower() in plover.FUNDING and obj is not None and \
            obj.lemma_.lower() in plover.FUNDS:
        return "AID"  # "offered Sri Lanka a low-interest loan", "approved a loan"
    if verb.lemma_.lower() == "strike" and obj is not None:
        # "jets struck weapons depots" is war; "struck a deal" an agreement; a labour strike
        # has no object
        return "AGREE" if obj.lemma_.lower() in plover.DEALS else "FIGHT"
    if verb.lemma_.lower() in plover.MOVING_UNITS and obj is not None and \
            obj.lemma_.lower() in plover.UNITS:
        return "MOBILIZE"  # "moved additional brigades to the northern border"
    if lemma in plover.LIGHT and obj is not None and any(
            c.lower_ == "joint" for c in obj.children) and \
            obj.lemma_.lower() not in plover.DRILLS:
        return "COOPERATE"  # "launched joint patrols against illegal mining"
    if verb.lemma_.lower() == "call" and any(c.dep_ == "prep" and c.lower_ in (
            "on", "upon", "for") for c in verb.children):
        return "DEMAND"  # "called on X to ...", "called for X": an appeal
    if verb.lemma_.lower() in plover.MOVING:
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "for":
                pobj = _child(prep, "pobj")
                if pobj is not None and _noun_category(pobj) == "CONSULT":
                    return "CONSULT"
    if category == "ASSAULT" and verb.lemma_.lower() in ("kill", "wound"):
        doer = _child(verb, "nsubj")
        agent = _child(verb, "agent")
        if agent is not None:
            doer = _child(agent, "pobj")
        if doer is not None and (doer.lemma_.lower() in plover.MILITARY or doer.lower_ in
                                 plover.MILITARY):
            return "FIGHT"
    return category


def _yielding(lemma: str, verb: Token, obj: Token | None) -> str | None:
    """Senses of freeing, handing over, pledging money and blocking roads (PLOVER codebook:
    releasing people and yielding things are CONCEDE, extradition COOPERATE, money promised
    AID, a crowd blocking a road PROTEST)."""
    head = verb.lemma_.lower()
    if obj is None:
        return None
    noun = obj.lemma_.lower()
    if head in ("release", "free") and (noun in plover.HELD or obj.lower_ in plover.HELD):
        return "CONCEDE"  # "freed eleven fishermen"
    if lemma.replace(" ", "_") in plover.HANDING:
        return "COOPERATE" if noun in plover.WANTED or any(
            c.lemma_.lower() == "wanted" for c in obj.children) else "CONCEDE"
    if head == "pledge" and (obj.ent_type_ == "MONEY" or any(
            c.lower_ in plover.CURRENCY_UNITS or c.ent_type_ == "MONEY"
            for c in obj.subtree)):
        return "AID"  # "pledged 50 million crowns for reconstruction"
    if head in ("block", "barricade", "occupy") and noun in plover.ROADS:
        doer = _child(verb, "nsubj")
        if doer is not None and (doer.lemma_.lower() in plover.CROWDS
                                 or doer.lower_ in plover.CROWDS):
            return "PROTEST"  # "truck drivers blocked a highway"
    return None


def _obligation(verb: Token) -> bool:
    """"X must do Y" / "X has to do Y" / "X should do Y"."""
    return any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in verb.children)


def classify(verb: Token, sent: Any) -> tuple[str | None, str, str | None]:
    """(category, rule id, trigger word) for the predicate `verb` of sentence `sent`."""
    lemma = verb.lemma_.lower()
    threat = any(t.lower_ == "unless" for t in sent)
    conditional = threat or any(t.lower_ == "if" and t.dep_ == "mark" for t in sent)
    if _obligation(verb):
        return "DEMAND", "EV-MUST", verb.text
    if lemma == "be" and (adj := _child(verb, "acomp")) is not None:
        for prep in adj.children:
            inner = _child(prep, "pcomp") if prep.dep_ == "prep" else None
            if inner is not None and inner.pos_ == "VERB":
                found = classify(inner, sent)
                if found[0] is not None:
                    return found[0], "EV-ADJ-" + found[1].removeprefix("EV-"), found[2]
    if _negated(verb) and (lemma in plover.ACCEPTING or _verb_category(verb) in (
            "AGREE", "CONCEDE", "COOPERATE", "SUPPORT", "CONSULT", "RETREAT", "AID")):
        return "REJECT", "EV-NEG-ACCEPT", verb.text
    adj = verb if lemma in _INTENT_ADJ else _child(verb, "acomp") if lemma == "be" else None
    if adj is not None and (adj is verb or adj.lemma_.lower() in _INTENT_ADJ):
        inner = _child(adj, "xcomp")
        if inner is not None:
            category = _verb_category(inner)
            if category in plover.HOSTILE:
                return "THREATEN", "EV-INTENT-HOSTILE", inner.text
            if category == "REJECT" or _negated(inner):
                return "REJECT", "EV-INTENT-REFUSE", inner.text
            return "AGREE", "EV-INTENT", adj.text
    plain = _verb_category(verb)
    category = _refine(plain, verb)
    if category != plain:
        return _intended(category, verb, threat) if category else category, "EV-SENSE", \
            verb.text
    xcomp = _child(verb, "xcomp")
    if category in ("AGREE", "THREATEN", "REJECT", "DEMAND") and xcomp is not None:
        inner = _verb_category(xcomp)
        if category == "AGREE" and inner in plover.HOSTILE and lemma in ("vow", "promise"):
            return "THREATEN", "EV-VOW-HOSTILE", xcomp.text
        return category, "EV-FRAME", verb.text
    if (lemma in plover.FRAMES or category is None) and xcomp is not None \
            and xcomp.pos_ in ("VERB", "AUX"):
        inner_category, rule, trigger = classify(xcomp, sent)
        if inner_category is not None:
            return inner_category, "EV-FRAMED-" + rule.removeprefix("EV-"), trigger
    if lemma in plover.LIGHT or category is None:
        object_category, word = _object_category(verb)
        if object_category is not None:
            category = object_category
            if _intent(verb) or conditional and lemma in ("impose", "extend"):
                category = "THREATEN" if category in plover.HOSTILE or threat else "AGREE"
                return category, "EV-INTENT-OBJECT", word
            return category, "EV-LIGHT-OBJECT", word
    if category is not None:
        if _intent(verb) and category not in ("REJECT", "DEMAND", "THREATEN", "DISAPPROVE"):
            if category in plover.HOSTILE or threat:
                return "THREATEN", "EV-INTENT-HOSTILE", verb.text
            if category != "AGREE":
                return "AGREE", "EV-INTENT", verb.text
        if conditional and category in plover.HOSTILE:
            return "THREATEN", "EV-CONDITIONAL", verb.text
        return category, "EV-VERB", verb.text
    if any(c.lower_ == "must" for c in verb.children):
        return "DEMAND", "EV-MUST", "must"
    if (category := _cameo_category(verb)) is not None:  # a verb our lexicon does not know
        return _intended(category, verb, threat), "EV-CAMEO", verb.text
    # Anything else: the first verb or noun of a known category anywhere in the sentence.
    for token in sent:
        if token.pos_ == "VERB" and token.lemma_.lower() not in plover.REPORTING:
            if (category := _verb_category(token)) is not None:
                return category, "EV-ANY-VERB", token.text
    for token in sent:
        if token.pos_ == "NOUN" and (category := _noun_category(token)) is not None:
            return category, "EV-ANY-NOUN", token.text
    for token in sent:
        if token.pos_ == "VERB" and (category := _cameo_category(token)) is not None:
            return category, "EV-ANY-CAMEO", token.text
    return None, "EV-NONE", None


def _intended(category: str, verb: Token, threat: bool) -> str:
    """A stated intention to act is a threat (hostile acts, or "unless") or an agreement."""
    if _intent(verb) and category not in ("REJECT", "DEMAND", "THREATEN", "DISAPPROVE"):
        return "THREATEN" if category in plover.HOSTILE or threat else "AGREE"
    return category


def _codes(token: Token | None, mentions: Mentions) -> tuple[str, ...]:
    if token is None:
        return ()
    start, end = span_range(token, frozenset({"relcl", "acl", "advcl"}))
    found = mentions.within(start, end)
    conjuncts = [c for c in token.conjuncts] if hasattr(token, "conjuncts") else []
    codes = []
    for mention in found:
        if mention.code not in codes:
            codes.append(mention.code)
    if conjuncts and len(codes) > 1:
        return tuple(codes)
    return tuple(codes[:1])


def _source(verb: Token, mentions: Mentions, sent: Any, rule: str) -> tuple[str, ...]:
    current = verb
    if rule == "EV-MUST":  # "A said that B must ...": A demands
        while current.head.i != current.i and current.lemma_.lower() not in plover.REPORTING:
            current = current.head
    for _ in range(5):
        who = _child(current, "nsubj", "csubj")
        agent = _child(current, "agent")
        if agent is not None:
            agent_obj = _child(agent, "pobj")
            if agent_obj is not None and (codes := _codes(agent_obj, mentions)):
                return codes
        if who is not None and (codes := _codes(who, mentions)):
            return codes
        if current.head.i == current.i:
            break
        current = current.head
    found = mentions.within(sent.start_char, sent.end_char)
    return (found[0].code,) if found else ()


def _target(verb: Token, mentions: Mentions, source: tuple[str, ...],
            sent: Any) -> tuple[str, ...]:
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "nsubjpass"):
            if (codes := _codes(child, mentions)) and codes != source:
                return codes
    for child in verb.subtree:
        if child.dep_ == "pobj" and child.head.lower_ in ("to", "with", "against", "on", "from",
                                                          "into", "in", "for", "over"):
            if (codes := _codes(child, mentions)) and codes != source:
                return codes
    others = [m.code for m in mentions.within(sent.start_char, sent.end_char)
              if m.code not in source]
    return (others[0],) if others else source


def code_sentence(doc: Any, record_id: str = "") -> CodedEvent:
    """Code one parsed text (its first sentence with an event wins)."""
    # PLOVER codes organisations by kind (IGO, NGO), not by their own identity
    mentions = Mentions(tuple(replace(m, code=gazetteer.plover_code(m.code))
                              for m in gazetteer.find_mentions(doc.text)))
    sentences = [s for s in doc.sents if s.text.strip()]
    for sent in sentences:
        verb = predicate(sent)
        category, rule, trigger = classify(verb, sent)
        if category is None:
            continue
        if verb.lemma_.lower() in plover.REPORTING and verb.lower_ != trigger:
            verb = next((t for t in sent if t.text == trigger), verb)
            while verb.pos_ == "NOUN" and verb.head.i != verb.i:
                verb = verb.head
        source = _source(verb, mentions, sent, rule)
        return CodedEvent(record_id, category, source, _target(verb, mentions, source, sent),
                          rule, trigger)
    return CodedEvent(record_id, None, (), (), "EV-NONE")


def code_events(records: Sequence[dict[str, Any]] | Iterable[dict[str, Any]],
                batch_size: int = 64) -> list[CodedEvent]:
    """Code records `{"id", "text", ...}`; texts are parsed in batches with spaCy's `pipe`."""
    records = list(records)
    nlp = pipeline()
    texts = [str(r.get("text") or "").strip().strip("{}") for r in records]
    out = []
    for record, doc in zip(records, nlp.pipe(texts, batch_size=batch_size), strict=True):
        out.append(code_sentence(doc, str(record.get("id", ""))))
    return out
