"""Articles -> statements: parse, apply the rules, resolve actors, speakers, issues and dates."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from redline.news import dates, gazetteer
from redline.news.clauses import (
    REPORTING,
    SPOKESPEOPLE,
    Mentions,
    Speaker,
    actor_of,
    describe,
    doc_text,
    is_pronoun,
    placed,
    role_words,
    span_range,
    speaker_of,
    subject,
)
from redline.news.groups import Group, agent_sector, group_of
from redline.news.language import pipeline
from redline.news.reading import expand, read_file
from redline.news.resolution import resolve_articles
from redline.news.rules import Finding, findings
from redline.news.stakes import issue_phrase
from redline.news.statement import (
    STANCE_PLOVER,
    Article,
    ArticleStatements,
    Extraction,
    Statement,
)

METHOD = "dependency-rules"


def _sentences(doc: Any) -> Iterable[Any]:
    for sent in doc.sents:
        if sent.text.strip():
            yield sent


def _actor(token: Any, mentions: Mentions, memory: list[str]) -> str | None:
    return actor_of(token, mentions, memory)[0] if token is not None else None


_EXCLUDING = frozenset("beyond except besides excluding unlike".split())
# Clauses that set the scene for an act ("..., as the two sides held talks on the border"):
# the circumstance, not what the act is about.
_CIRCUMSTANCE = frozenset("as while since because whereas although though amid".split())


def _issue_text(token: Any, trigger: Any = None) -> str:
    """The words of an issue phrase without what it excludes ("beyond X"), the price of an
    offer ("in exchange for X", "if X", "on condition that X") or the circumstance of the act
    ("as talks on X opened")."""
    dropped: set[int] = set()
    if trigger is not None and trigger.i != token.i and \
            token.left_edge.i <= trigger.i <= token.right_edge.i:
        # "a request the company turned down": the refusal's own clause is not what it refuses
        dropped.update(t.i for t in trigger.subtree)
    for node in token.subtree:
        if node.dep_ == "prep" and (node.lower_ in _EXCLUDING or node.lower_ == "in" and any(
                c.lower_ in ("exchange", "return") for c in node.children) or
                node.lower_ == "on" and any(c.lower_ == "condition" for c in node.children)) or (
                node.dep_ == "advcl" and any(c.lower_ in ("if", "unless", "provided")
                                             for c in node.children)) or (
                node.dep_ == "advcl" and node.i != token.i and any(
                    c.dep_ == "mark" and c.lower_ in _CIRCUMSTANCE for c in node.children)):
            dropped.update(t.i for t in node.subtree)
    return " ".join(t.text for t in token.subtree if t.i not in dropped)


_GROUPS = frozenset("sides countries governments parties delegations nations capitals".split())
# People who hold talks for the two sides: "negotiators met again", "the envoys held talks".
_NEGOTIATORS = frozenset("negotiators delegations delegates envoys officials ministers experts "
                         "diplomats mediators representatives teams".split())


def _both_sides(token: Any, mentions: Mentions | None = None) -> bool:
    """"both sides", "the two countries", "delegations from the two countries", "negotiators"
    (no side named): the pair the article is about."""
    if token.lower_ in _GROUPS and any(c.lower_ in ("both", "two") for c in token.children):
        return True
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "from"):
            if any(_both_sides(c) for c in prep.children if c.dep_ == "pobj"):
                return True
    if token.lower_ in _NEGOTIATORS and mentions is not None:
        start, end = span_range(token)
        return not mentions.within(start, end)
    return False


def _governing_subject(pronoun: Any) -> Any | None:
    """The subject of the clause governing a pronoun ("both sides said they ..." -> "sides")."""
    head = pronoun.head
    for _ in range(6):
        if head.head.i == head.i:
            break
        head = head.head
        named = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")
                      and c.i != pronoun.i and not is_pronoun(c)), None)
        if named is not None:
            return named
    return None


def _last_two(memory: list[str]) -> list[str]:
    """The two sides the article is about so far: the two actors named most often (an
    organisation too, "the EU and China", but not a non-governmental one), the later named
    first on a tie."""
    seen: dict[str, tuple[int, int]] = {}
    for place, code in enumerate(memory):
        if code != "NGO":
            seen[code] = (seen.get(code, (0, 0))[0] + 1, place)
    ranked = sorted(seen, key=lambda c: seen[c], reverse=True)
    return ranked[:2]


def _person_again(sent: Any, people: list[Any]) -> Speaker | None:
    """A person quoted before, named again by surname as the subject of a sentence that
    states no position, where the tagger took the surname for a common noun ("Albers called
    the move welcome. She signalled ..."): the antecedent of a later "he" or "she"."""
    who = subject(sent.root) if sent.root.pos_ in ("VERB", "AUX") else None
    if who is None or not who.text.istitle():
        return None
    return next((p for p in reversed(people) if p.name and p.name.split()[-1] == who.text),
                None)


def _known(speaker: Speaker, people: list[Any]) -> Speaker:
    """A speaker whose side is unknown here, seen earlier with a side (by full name or
    surname)."""
    last = speaker.name.split()[-1] if speaker.name else None
    for earlier in reversed(people):
        if earlier.actor and earlier.name and last and earlier.name.split()[-1] == last:
            return Speaker(earlier.name, speaker.role or earlier.role, earlier.actor,
                           speaker.token_i)
    return speaker


def _build(finding: Finding, sent: Any, article: Article, mentions: Mentions,
           memory: list[str], published: date | None, offset: int = 0,
           people: list[Any] | None = None,
           groups: list[Group | None] | None = None) -> Statement:
    trigger = finding.trigger
    people = people if people is not None else []
    groups = groups if groups is not None else []
    speaker = speaker_of(trigger, mentions, memory, published)
    if speaker is not None and speaker.name is None and speaker.token_i is not None and \
            sent.doc[speaker.token_i].lower_ in ("he", "she") and people:
        speaker = people[-1]  # "He added that ...": the person quoted before
    own_subject = finding.actor if finding.actor is not None else subject(trigger)
    if finding.actor is not None and actor_of(finding.actor, mentions, memory)[0] is None:
        # "Members would begin blocking the gates ..., he warned": a doer that names no actor
        # ("members", "farmers") acts for the one who warns
        own_subject = subject(trigger) or own_subject
    if speaker is None and own_subject is not None and own_subject.lower_ in ("he", "she") \
            and people:
        # "She called on them to ...": the person named last, not a body named in a relative
        # clause or apposition of the sentence before ("whose office chairs talks with X")
        speaker = people[-1]
    if speaker is not None and speaker.name and speaker.actor is None:
        speaker = _known(speaker, people)  # "Orlov said ...": the Pavel Orlov quoted before
    if speaker is not None and (speaker.name or speaker.token_i is not None and speaker.role and
                                sent.doc[speaker.token_i].lemma_.lower() in SPOKESPEOPLE):
        people.append(speaker)  # a named person, or "a government spokesman"
    actor_token = finding.actor
    if actor_token is None:
        actor_token = subject(trigger)
        topic = finding.issue
        if actor_token is not None and topic is not None and actor_token.i == topic.i:
            actor_token = None  # "missiles have never been part of the agenda": topic, not actor
        if actor_token is not None and actor_token.lower_ in ("that", "which", "issue"):
            actor_token = None
    if finding.rule == "RL-CALLED" and actor_token is not None:
        # "..., a condition Salas called unacceptable": Salas draws the line
        speaker = describe(actor_token, mentions, memory, published)
    elif speaker is not None and _reported_act(finding, actor_token, speaker):
        # "the union said the authority had rejected its claim": the refusal is the
        # authority's, reported by the union
        speaker = describe(actor_token, mentions, memory, published)
    confidence = finding.confidence
    own = None
    pronoun = False
    if actor_token is not None:
        own, pronoun = actor_of(actor_token, mentions, memory)
        if own is not None and speaker is None and actor_token.pos_ in ("PROPN", "NOUN") \
                and actor_token.dep_ in ("nsubj", "nsubjpass", "ROOT"):
            described = describe(actor_token, mentions, memory, published)
            if described.name or described.role:
                speaker = described
            if described.name:
                people.append(described)  # "The envoy, X, arrived ... She called on ..."
    both_other = None
    if finding.stance == "consult":
        # talks are a fact reported, not the reporter's position: the actor is a participant
        if actor_token is not None and is_pronoun(actor_token) and \
                (named := _governing_subject(actor_token)) is not None and \
                _both_sides(named, mentions):
            own = None  # "Both sides said they would meet again": the pair, not the last named
            actor_token = named
        if own is None and (actor_token is None or _both_sides(actor_token, mentions)):
            pair = _last_two(memory)
            own = pair[0] if pair else None
            both_other = pair[1] if len(pair) > 1 else None
        actor = own
    else:
        actor = speaker.actor if speaker is not None and speaker.actor else own
    who = sent.doc[speaker.token_i] if speaker is not None and speaker.token_i is not None \
        else actor_token
    group = group_of(who, mentions, groups) if finding.stance != "consult" else None
    if finding.stance != "consult":
        groups.append(group)
    if group is not None:
        if group.actor is not None or group.sector != "military":
            actor = group.actor  # a union's own state, or none: never a state merely nearby
    if actor is None and group is None and who is not None:
        actor = _named_before(who, mentions, sent.start_char)  # "the Commission" said ...
    if actor is None and group is None and who is not None and who.pos_ == "NOUN" and \
            agent_sector(who) == "government":
        # "the transport minister urged ...": an official of the state the article is about
        actor = next((c for c in reversed(memory) if len(c) == 3 and c.isupper()), None)
        confidence -= 0.2
    if actor is None and group is None and finding.issue is not None:  # "Tehran's missile capabilities ..."
        poss = next((c for c in finding.issue.children if c.dep_ == "poss"), None)
        if poss is not None:
            actor = _actor(poss, mentions, memory)
    if actor is None and group is None:
        candidates = [m for m in mentions.within(sent.start_char, trigger.idx)
                      if not placed(m, doc_text(sent.doc))]
        actor = candidates[-1].code if candidates else None
        confidence -= 0.2
    if pronoun:
        confidence -= 0.1
    stake = finding.issue
    if stake is not None and stake.pos_ == "PRON" and stake.lower_ in _POINTERS:
        stake = None  # "we will not trade it away": what "it" is, the sentence says
    issue = issue_phrase(stake)
    issue_text = _issue_text(stake, trigger) if stake is not None else None
    if finding.stance == "red_line" and (before := _pointed_at(finding.issue, sent)) is not None:
        issue, issue_text = None, before  # "That part of the decree is not negotiable"
    addressee = _actor(finding.addressee, mentions, memory) or both_other
    place = _actor(finding.place, mentions, memory)
    mediator = _actor(finding.mediator, mentions, memory) if finding.mediator is not None \
        and finding.mediator.i != trigger.i else None
    if finding.stance == "consult":
        if addressee is None or addressee == actor:
            others = [m.code for m in mentions.within(sent.start_char, sent.end_char)
                      if m.code not in (actor, place)]
            addressee = others[0] if others else None
        if mediator is None and place is not None and place not in (actor, addressee):
            mediator = place
    when, _how = dates.resolve(sent.text, published)
    if actor is not None:
        memory.append(actor)
        if speaker is not None and speaker.name and speaker.actor is None and people and \
                people[-1] is speaker:
            people[-1] = Speaker(speaker.name, speaker.role, actor, speaker.token_i)
    return Statement(
        actor=actor, stance=finding.stance, sentence=sent.text.strip(),
        start=offset + sent.start_char, end=offset + sent.end_char, source=article.source,
        rule=finding.rule,
        confidence=round(max(0.05, min(1.0, confidence)), 2),
        speaker=speaker.name if speaker else None,
        speaker_role=speaker.role if speaker else None, issue=issue,
        condition=finding.condition, addressee=addressee if addressee != actor else None,
        mediator=mediator, place=place, plover=STANCE_PLOVER[finding.stance],
        date=when.isoformat() if when else None,
        sector=group.sector if group is not None else None,
        group=group.name if group is not None else None,
        issue_text=issue_text,
        speaker_text=_words_of(who, trigger) if who is not None else None)


# Nouns that, after "that" or "this", point at what was just said: "That part is closed".
_POINTED = frozenset("part question issue point matter principle".split())


def _pointed_at(topic: Any, sent: Any) -> str | None:
    """The sentence before, when a red line's subject opens its sentence and points back at it
    inside a quote that runs on from that sentence ('"Data stays on our soil. That part of the
    decree is not negotiable," she said'): what is at stake is what the speaker just said."""
    if topic is None or sent.start == 0 or not (
            topic.lower_ in ("that", "this", "it") or topic.lemma_.lower() in _POINTED and any(
                c.dep_ == "det" and c.lower_ in ("that", "this") for c in topic.children)):
        return None
    if any(t.pos_ not in ("PUNCT", "DET") for t in sent.doc[sent.start:topic.i]):
        return None  # the pointer does not open the sentence
    before = sent.doc[sent.start - 1].sent
    text = doc_text(sent.doc)
    opened = text[text.rfind("\n", 0, before.start_char) + 1:sent.start_char]
    if "\n" in text[before.end_char:sent.start_char] or \
            sum(opened.count(q) for q in "\"“”") % 2 == 0:
        return None  # not inside a quote that runs on from the sentence before
    return str(before.text).strip(" \"“”'‘’")


# Pronouns that point at what is at stake rather than name it.
_POINTERS = frozenset("it this that them these those".split())
_ASIDES = frozenset("relcl acl advcl ccomp".split())


# Acts a speaker can report of another party as done: refusing and giving in.
_REPORTABLE = frozenset(("reject", "concede"))
_MODAL_WORDS = frozenset("will would shall may might can could must should 'll wo ca".split())


def _reported_act(finding: Finding, doer: Any, speaker: Speaker) -> bool:
    """A refusal or concession done by a named party other than the reporter ("X said Y had
    rejected ...", "... after Y refused to ..., X said"): an act in the past (no modal), whose
    own subject is a name or a noun (not "it", "we") distinct from the reporter."""
    trigger = finding.trigger
    if finding.stance not in _REPORTABLE or doer is None or speaker.token_i is None:
        return False
    if doer.i == speaker.token_i or doer.pos_ not in ("PROPN", "NOUN") or is_pronoun(doer):
        return False
    if doer.dep_ not in ("nsubj", "nsubjpass") or doer.head.i != trigger.i:
        return False
    if trigger.tag_ not in ("VBD", "VBN") or any(
            c.dep_ == "aux" and c.lower_ in _MODAL_WORDS for c in trigger.children):
        return False
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for node in (
            trigger, *trigger.ancestors) for c in node.children):
        return False  # "only if Venezuela withdrew its troops": a condition, not a report
    return bool(doer.lemma_ != doer.doc[speaker.token_i].lemma_)


def _words_of(who: Any, trigger: Any) -> str | None:
    """The words naming the speaker: the phrase of `who` before the statement's word, without
    what describes it ("China, which has close ties to Phnom Penh," -> "China")."""
    if who.i == trigger.i:
        return None
    dropped: set[int] = set()
    for node in who.subtree:
        if node.dep_ in _ASIDES and node.i != who.i:
            dropped.update(t.i for t in node.subtree)
    words = [t.text_with_ws for t in who.subtree if t.i not in dropped and t.i != trigger.i
             and (who.i > trigger.i or t.i < trigger.i)]
    return "".join(words).strip(" ,") or None


def extract_article(article: Article, scenario: Any = None,
                    published: date | None = None) -> ArticleStatements:
    """The statements of one article (an empty tuple for an article with no text)."""
    return extract_articles([article], scenario, published).articles[0]


def _statements(article: Article, parsed: list[tuple[int, str, Any]],
                published: date | None) -> ArticleStatements:
    """Apply the rules to one article's parsed pieces (offset, text, spaCy doc)."""
    day = published or _metadata_date(article.date) or dates.dateline(article.text,
                                                                       date.today())
    memory: list[str] = []
    people: list[Any] = []
    groups: list[Group | None] = []
    statements = []
    met: list[Statement] = []  # meetings already reported in the article's body
    for offset, piece, doc in parsed:
        mentions = Mentions(gazetteer.find_mentions(piece))
        for sent in _sentences(doc):
            built = []
            for finding in findings(sent):
                if _history(finding.trigger, day) or _observed(finding.trigger):
                    continue
                statement = _build(finding, sent, article, mentions, memory, day, offset,
                                   people, groups)
                if finding.stance == "consult":
                    if _repeated_meeting(finding, statement, met):
                        continue  # "... and will meet again on Friday": the same talks
                    if statement.start >= _headline_end(article.text):
                        met.append(statement)
                built.append(statement)
                built.extend(_co_actors(finding, statement, mentions, memory))
            statements.extend(built)
            if not any(s.speaker for s in built) and (named := _person_named(
                    sent, mentions, memory, day) or _person_again(sent, people)) is not None:
                people.append(named)  # "X, the minister, spoke on Monday. She said ..."
            for m in mentions.within(sent.start_char, sent.end_char):
                if not placed(m, piece):
                    memory.append(m.code)
            subjects = [s.actor for s in built if s.actor and s.stance != "consult"]
            if subjects:  # the subject of the last sentence is the likeliest "it" / "they"
                memory.append(subjects[0])
    statements = _quoted_red_lines(statements, article.text)
    statements = [_quote_attributed(s, article.text) for s in statements]
    return ArticleStatements(article, _without_headline_repeats(statements, article.text))


_POINTING = re.compile(r"^\W*(?:that|this|it)\s+(?:is|was|remains|would be)\b", re.IGNORECASE)
_QUOTE_OPEN = re.compile(r"^\s*[\"“‘']")


def _quoted_red_lines(statements: list[Statement], text: str) -> list[Statement]:
    """'"We will not accept X. That is our red line," Y said.': the red line points back at
    the refusal before it in the same paragraph, so the refusal is a red line (one statement),
    said by the speaker named at the end of the quote."""
    out: list[Statement] = []
    for s in statements:
        prev = out[-1] if out else None
        if prev is not None and s.stance == "red_line" and s.issue is None and \
                prev.stance == "reject" and _POINTING.match(s.sentence) and \
                prev.start < s.start and "\n" not in text[prev.start:s.start].rstrip() and \
                (prev.actor is None or prev.actor == s.actor):
            spoken = prev.actor is None and _QUOTE_OPEN.match(prev.sentence) is not None
            out[-1] = replace(
                prev, stance="red_line", rule=f"{prev.rule}+RL-POINTED",
                plover=STANCE_PLOVER["red_line"], actor=prev.actor or s.actor,
                speaker=s.speaker if spoken else prev.speaker,
                speaker_role=s.speaker_role if spoken else prev.speaker_role,
                speaker_text=s.speaker_text if spoken else prev.speaker_text,
                sector=prev.sector or s.sector, group=prev.group or s.group)
            continue
        out.append(s)
    return out


# Where a quote of several sentences names its speaker: after the closing quote mark, in the
# same paragraph ('"A. B," general manager Javier Olaechea told reporters.').
_QUOTE_CLOSE = re.compile(r"[,.!?][\"”’']\s+((?:[\w'’.-]+\s+){1,8}?)(?:said|says|told|added)\b")


def _quote_attributed(statement: Statement, text: str) -> Statement:
    """A statement in the first sentence of a quote that runs on ('"2049 is non-negotiable.
    It is signed ...," federation chairman Dariusz Kolodziej told reporters'), with no speaker
    named in it: spoken by the one the quote names where it closes (the sentence's own subject,
    "we" or "the state", is what the speaker speaks of, not who speaks)."""
    if statement.speaker or _QUOTE_OPEN.match(statement.sentence) is None or \
            sum(statement.sentence.count(q) for q in "\"“”") % 2 == 0:
        return statement
    paragraph_end = text.find("\n", statement.end)
    rest = text[statement.end:paragraph_end if paragraph_end >= 0 else len(text)]
    found = _QUOTE_CLOSE.search(rest)
    if found is None:
        return statement
    return replace(statement, speaker_text=found.group(1).strip())


def _history(trigger: Any, day: date | None) -> bool:
    """An act dated in an earlier year ("In 2019 the union rejected a similar offer", "...
    declared a drug of public interest in 2024"): background, no position now."""
    if day is None:
        return False
    node = trigger
    for _ in range(4):
        for prep in node.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "during"):
                year = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if year is not None and re.fullmatch(r"(?:19|20)\d\d", year.text) and \
                        int(year.text) < day.year:
                    return True
        if node.head.i == node.i or node.dep_ not in ("ccomp", "conj", "xcomp", "advcl"):
            break
        node = node.head
    return False


# Who comments on a dispute without being a party to it: "analysts said the union could ...".
_OBSERVERS = frozenset("analyst observer expert economist commentator pundit academic "
                       "researcher".split())


def _observed(trigger: Any) -> bool:
    """A statement an observer makes about a party ("Analysts said the union could strike if
    the talks failed") is speculation, no position of the party."""
    for node in trigger.ancestors:
        if node.lemma_ in REPORTING or node.lemma_ in ("expect", "believe", "think", "predict"):
            who = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            return who is not None and who.lemma_.lower() in _OBSERVERS
    return False


_CONTINUED = re.compile(r"\b(?:again|another|further|follow-up)\b", re.IGNORECASE)


def _repeated_meeting(finding: Finding, statement: Statement, met: list[Statement]) -> bool:
    """Talks announced for later that continue talks already reported: in the same sentence
    ("met in Geneva, and a further round is planned"), said to continue ("will meet again",
    "another meeting is scheduled") or between the same sides (a visit is not talks: talks
    planned after one are news of their own)."""
    if not met or not _planned(finding.trigger):
        return False
    sides = {statement.actor, statement.addressee} - {None}
    return any(m.start == statement.start for m in met) or bool(
        _CONTINUED.search(statement.sentence)) or any(
        sides and m.rule != "CONS-VISIT" and sides == {m.actor, m.addressee} - {None}
        for m in met)


def _person_named(sent: Any, mentions: Mentions, memory: list[str],
                  day: date | None) -> Speaker | None:
    """The person a sentence is about when it states no position ("Portugal's transport
    minister, Elena Ruiz, spoke to reporters"): the antecedent of a later "he" or "she"."""
    root = sent.root
    who = subject(root) if root.pos_ in ("VERB", "AUX") else None
    if who is None and root.lemma_ in REPORTING:
        # "The envoy, X, whose office co-chairs the talks, said ...", misparsed: the first
        # subject of the sentence
        who = next((t for t in sent if t.i < root.i and t.dep_ == "nsubj" and
                    t.pos_ in ("NOUN", "PROPN")), None)
    if who is None:
        return None
    by = next((g for c in root.children if c.dep_ == "agent" for g in c.children
               if g.dep_ == "pobj"), None) if root.pos_ in ("VERB", "AUX") else None
    # "The talks are chaired by the AU's envoy, X, who said ...": the agent of a passive
    # is who the sentence is about
    named = [who, *(c for c in who.children if c.dep_ == "appos")]
    if by is not None:
        named += [by, *(c for c in by.children if c.dep_ == "appos")]
    for token in named:
        if token.pos_ == "PROPN":
            found = describe(token, mentions, memory, day)
            if found.name:
                actor = found.actor or _actor(who, mentions, memory)
                role = found.role or (role_words(who, mentions) if token is not who else None)
                return Speaker(found.name, role, actor, found.token_i)
    if who.pos_ == "NOUN" and who.lemma_.lower() in SPOKESPEOPLE and root.lemma_ in REPORTING:
        # "A WTO spokesman in Geneva said ...": the antecedent of "He encouraged ..."
        return Speaker(None, role_words(who, mentions), _actor(who, mentions, memory), who.i)
    return None


def _planned(trigger: Any) -> bool:
    """Talks announced for later ("will meet again", "a further round is planned", "another
    meeting is scheduled for next week"): after talks already reported, a second mention of
    the same process, not a second meeting."""
    if any(c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "'ll") for c in
           trigger.children):
        return True
    return trigger.lemma_.lower() in ("plan", "schedule", "expect", "due", "set") or (
        trigger.dep_ == "xcomp" and trigger.head.lemma_.lower() in _PLANNING)


# Heads of talks to come: "planned to meet", "agreed to meet again", "decided to reconvene".
_PLANNING = frozenset("plan schedule expect due set agree decide promise pledge "
                      "arrange".split())


def _headline_end(text: str) -> int:
    """Where an article's headline ends: its first line when that line has no closing
    punctuation and text follows (a headline restates what the article reports); else 0."""
    first = text.lstrip("\n")
    skipped = len(text) - len(first)
    line, _, rest = first.partition("\n")
    if not rest.strip() or not line.strip() or line.rstrip()[-1:] in ".!?\"”:" or \
            len(line) > 200:
        return 0
    return skipped + len(line)


def _without_headline_repeats(statements: list[Statement], text: str) -> tuple[Statement, ...]:
    """The statements without those of the headline that the body reports too (same actor and
    stance; for talks, either side): a headline summarises the article, it is no statement of
    its own."""
    end = _headline_end(text)
    body = [s for s in statements if s.start >= end]

    def repeated(s: Statement) -> bool:
        if s.stance == "consult":
            return any(b.stance == "consult" for b in body)
        return any(b.stance == s.stance and b.actor == s.actor for b in body)

    return tuple(s for s in statements if s.start >= end or not repeated(s))


def _named_before(who: Any, mentions: Mentions, before: int) -> str | None:
    """An organisation named earlier by its full name and now by its last word: "the
    European Commission ... the Commission urged"."""
    if not who.text[:1].isupper() or who.pos_ not in ("PROPN", "NOUN") or \
            who.lower_ in ("it", "they"):
        return None
    for m in reversed(mentions.before(before)):
        if m.kind == "organisation" and " " in m.text and \
                m.text.split()[-1].lower() == who.lower_:
            return m.code
    return None


def _co_actors(finding: Finding, statement: Statement, mentions: Mentions,
               memory: list[str]) -> list[Statement]:
    """"Russia and France urged ...", "Britain, France and Germany said they would ...": the
    same statement for each coordinated subject."""
    if statement.stance == "consult" or finding.actor is not None or statement.speaker:
        return []
    head = subject(finding.trigger)
    reported = speaker_of(finding.trigger, mentions, memory, None)
    if reported is not None and reported.token_i is not None and (
            head is None or head.lower_ in ("they", "we") or
            reported.actor is not None and reported.actor == statement.actor):
        # "Britain and France said they ...", "X and Y both said the villages were not
        # negotiable": the reporters' position
        head = finding.trigger.doc[reported.token_i]
    if head is None:
        return []
    out = []
    seen = {statement.actor}
    for token in head.conjuncts:
        code, _ = actor_of(token, mentions, memory)
        if code is not None and code not in seen:
            seen.add(code)
            out.append(replace(statement, actor=code,
                               addressee=None if statement.addressee == code
                               else statement.addressee))
    return out


def _metadata_date(text: str | None) -> date | None:
    """An article's own date (from HTML or feed metadata), if it is a readable ISO date."""
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _undated(text: str) -> str:
    """The text with its wire dateline blanked out (same length, so offsets still hold): the
    dateline dates the article (`dates.dateline`) but is no part of the first sentence."""
    span = dates.dateline_span(text)
    if span is None:
        return text
    start, end = span
    return text[:start] + " " * (end - start) + text[end:]


CHUNK = 50_000  # characters parsed at once: bounded memory, and spaCy's length limit


def chunks(text: str, size: int = CHUNK) -> list[tuple[int, str]]:
    """The text cut into pieces of at most `size` characters at line breaks (else at sentence
    ends, else anywhere), each with its offset in the text."""
    out: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            cut = text.rfind("\n", start, end)
            if cut <= start:
                cut = text.rfind(". ", start, end) + 1
            if cut > start:
                end = cut + 1 if text[cut:cut + 1] in ("\n", " ") else cut
        out.append((start, text[start:end]))
        start = end
    return out


def extract_articles(articles: Sequence[Article], scenario: Any = None,
                     published: date | None = None) -> Extraction:
    """Statements from articles already read (see `redline.news.reading`).

    All articles' text is parsed in one stream (spaCy's `pipe`), which is faster than one
    article at a time.
    """
    pieces = [(index, offset, piece) for index, article in enumerate(articles)
              if article.text.strip() for offset, piece in chunks(_undated(article.text))]
    docs = pipeline().pipe([piece for _, _, piece in pieces], batch_size=32) if pieces else []
    parsed: dict[int, list[tuple[int, str, Any]]] = {}
    for (index, offset, piece), doc in zip(pieces, docs, strict=True):
        parsed.setdefault(index, []).append((offset, piece, doc))
    found = tuple(_statements(article, parsed.get(index, []), published)
                  for index, article in enumerate(articles))
    if scenario is not None:
        found = resolve_articles(found, scenario)
    return Extraction(found, METHOD, {
        "scenario": getattr(scenario, "title", None) if scenario is not None else None,
        "date": published.isoformat() if published else None})


def extract(paths: Iterable[str | Path], scenario: Any = None,
            published: date | None = None) -> Extraction:
    """Statements from files and directories of articles (text, HTML, RSS/Atom)."""
    articles = [a for path in expand(paths) for a in read_file(path)]
    return extract_articles(articles, scenario, published)
