"""Statements in a scenario's terms: which scenario actor, issue and option a statement is about.

The extractor codes a speaker as a state (ISO 3166 alpha-3) or an organisation and keeps the
issue as a phrase of the text. `resolve` maps these onto one scenario's ids by the names the
scenario gives them (`redline.scenario.aliases`): actors by a quoted person's name, the
extractor's code, or a name in the text; the issue by its names in the statement's issue phrase,
else in the rest of its sentence; the option by its label or `option_aliases`; the price of a
conditional offer by the issue named in its condition. Where the text does not name one of them
unambiguously the id is None: a guess is never presented as a fact. `matched` records what
named each id ("person 'Ali Shamkhani'", "issue phrase: alias 'nuclear limits'", ...).

A deterministic dictionary method (the actor and agent dictionaries of event coders such as
PETRARCH work the same way: a name list per actor, the longest match wins), here over the
scenario's own names.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import replace

from redline.news.issues import GENERIC_WORDS, variants
from redline.news.scenario_names import (
    GENERIC_ACTORS,
    PLACE_WORDS,
    SURNAME,
    Mention,
    NameIndex,
    ScenarioNames,
)
from redline.news.statement import STANCES, ArticleStatements, Resolution, Statement
from redline.scenario import Scenario


def _person(speaker: str | None, names: ScenarioNames) -> tuple[str, str] | None:
    """The actor of a quoted person: their full name, or their short name alone ("Kos", "Lee"
    for Lee Sang-hoon)."""
    if not speaker:
        return None
    said = " ".join(speaker.split()).casefold()
    for name, _role, actor in names.people:
        full = name.casefold()
        if said == full or said.split()[-1] == full.split()[-1] and (
                len(said.split()) == 1 or said.split()[0] == full.split()[0]):
            return actor, f"person {name!r}"
    if (short := names.short_people.get(said)) is not None:
        return short[1], f"person {short[0]!r}"  # a short name one actor's people hold
    # "Ramliana" for Lal Ramliana Bawm, "Lopez Obrador" for Andres Manuel Lopez Obrador: the
    # words after the first name, or some of them in a row, held by one actor's people only
    words = said.split()
    holders = {(name, actor) for name, _role, actor in names.people
               if len(words[0]) > 3 and _inner_run(words, name.casefold().split())}
    if len({actor for _name, actor in holders}) == 1:
        name, actor = sorted(holders)[0]
        return actor, f"person {name!r}"
    return None


def _inner_run(words: list[str], full: list[str]) -> bool:
    """`words` stand in a row in the name `full`, after its first word."""
    return any(full[k:k + len(words)] == words for k in range(1, len(full) - len(words) + 1))


def _person_before(statement: Statement, names: ScenarioNames) -> tuple[str, str] | None:
    """The one scenario person named in the sentence before what is at stake, when the
    extractor named no speaker ("In Brasilia, Minister Roberto Mattos said his government was
    willing to ...", "Its country director, Elena Marchetti, welcomed ..."): the side they
    speak for, before a code guessed from the words around them."""
    if statement.speaker or statement.stance == "consult":
        return None
    head, _tail = _speaker_part(statement)
    found = {m.id: m for m in names.actors.find(head) if m.how in ("person", SURNAME)}
    if len(found) != 1:
        return None
    ident, mention = next(iter(found.items()))
    return ident, f"person before the issue: {mention.text!r}"


# Who comments on a dispute without a side in it.
_OUTSIDE = re.compile(r"\b(?:analysts?|researchers?|professors?|economists?|experts?|scholars?|"
                      r"lecturers?|consultants?|commentators?|strategists?|think[- ]tanks?)\b",
                      re.IGNORECASE)


def _outside_voice(statement: Statement) -> bool:
    """The speaker is an analyst, a researcher, a professor or the like, by their role or the
    words naming them."""
    return bool(statement.speaker) and bool(
        _OUTSIDE.search(statement.speaker_role or "") or
        _OUTSIDE.search(statement.speaker_text or ""))


_FUNCTION_WORDS = frozenset("the a an of in for and to at on its their his her our".split())


def _body(statement: Statement, names: ScenarioNames) -> tuple[str, str] | None:
    """The body the extractor says speaks ("it" after "The union has scaled back ...": the
    union; "A rebel group in Colombia's province of Nariño": a rebel group), as one scenario
    actor: named as "the <body>", else the one actor with a name sharing its words ("rebel" in
    "the rebels"), people's names left out."""
    body = (statement.group or "").strip()
    if not body or body.split()[0].casefold() in ("his", "her", "its", "their", "our", "my"):
        return None  # "He warned that his fighters would ...": the speaker's own, not a body
    named = {m.id for m in names.actors.find(f"the {body}")}
    if len(named) == 1:
        ident = named.pop()
        return ident, f"speaker's body: {body!r}"
    words = {w.rstrip("s") for w in re.findall(r"[a-z]+", body.casefold())} - _FUNCTION_WORDS
    owners = {ident for name, ident, how in names.actors.names
              if how not in ("person", SURNAME) and words & {
                  w.rstrip("s") for w in re.findall(r"[a-z]+", name.casefold())}}
    if len(owners) != 1:
        return None
    ident = owners.pop()
    return ident, f"speaker's body, by its words: {body!r}"


def _role(statement: Statement, names: ScenarioNames) -> tuple[str, str] | None:
    """An office the scenario gives one of its people, named without the name ("the labour
    minister appealed ..." where Karin Holm is the labour minister)."""
    words = (statement.speaker_text or "").casefold().split()
    if not words or statement.speaker:
        return None
    said = " ".join(w for w in words if w not in ("the", "a", "an"))
    owners = {actor for _name, role, actor in names.people
              if role and len(role.split()) > 1 and said == role.casefold()}
    if len(owners) != 1:
        return None
    owner = owners.pop()
    return owner, f"role {said!r}"


_OFFICES = frozenset("minister secretary envoy mediator negotiator spokesman spokeswoman "
                     "spokesperson chairman chairwoman chair president director governor "
                     "ambassador commissioner mayor".split())


def _office(statement: Statement, names: ScenarioNames) -> tuple[str, str] | None:
    """A speaker named only by the office of someone named before ("The minister said ..."
    after "Mining Minister Ana Ruiz"): the one scenario person whose role holds that word,
    before the code the extractor guessed from a place (the host of the talks, a dateline)."""
    words = (statement.speaker_text or "").casefold().split()
    if statement.speaker or len(words) != 2 or words[0] != "the" or words[1] not in _OFFICES:
        return None
    owners = {actor for _name, role, actor in names.people
              if role and words[1] in re.findall(r"[a-z]+", role.casefold())}
    if len(owners) != 1:
        return None
    owner = owners.pop()
    return owner, f"office {words[1]!r} of a named person"


def _code(code: str | None, names: ScenarioNames) -> tuple[str, str] | None:
    """A scenario actor for the extractor's code: the same id, or an alias equal to it (a
    generic code such as IGO only when the scenario lists it as an alias: "IGO means the EU
    here")."""
    if not code:
        return None
    if code in names.actor_ids and code not in GENERIC_ACTORS:
        return code, f"code {code}"
    owners = {m.id for m in names.actors.find(code) if m.text == code and m.end - m.start ==
              len(code)}
    if len(owners) == 1:
        owner = owners.pop()
        return owner, f"code {code} (alias of {owner})"
    if code in names.states:  # "the country's mining minister" (MNG): the actor "Mongolia"
        return names.states[code], f"code {code} (the state named by {names.states[code]})"
    return None


def _not_a_place(text: str, mention: Mention) -> bool:
    before = text[:mention.start].split()
    return not before or before[-1].lower() not in PLACE_WORDS


def _actor_in_text(texts: list[tuple[str, str | None]], names: ScenarioNames,
                   avoid: str | None = None) -> tuple[str, str] | None:
    """The first scenario actor named (not as a place) in the first of `texts` naming one."""
    for where, text in texts:
        for mention in names.actors.find(text):
            if mention.id != avoid and _not_a_place(text or "", mention) and not (
                    where == "sentence" and _OWNER.match(text or "", mention.end)):
                # after the words at stake, an owner ("backed the operator's offer") is part
                # of what is at stake, not who speaks
                return mention.id, f"{where}: {mention.how} {mention.text!r}"
    return None


_OWNER = re.compile(r"\s*['’]s\b")


def _own_words(statement: Statement, names: ScenarioNames,
               addressee: str | None) -> tuple[str, str] | None:
    """The scenario actor named in the words of the speaker themselves ("The head of the
    government delegation, X", "the rebels' chief negotiator", "women from the families'
    association"): these come before the code the extractor guessed from elsewhere (a dateline's
    state, a body named in a relative clause)."""
    if statement.stance == "consult":
        return None
    words = _RELATIVE.sub("", statement.speaker_text or "")
    members = _MEMBERS_AT.match(words)
    if members is not None and (group := _group_of(members.group(1), names)) is not None:
        return group  # "Pilots at Nordlys Air rejected ...": the pilots, not the airline
    found = [m for m in names.actors.find(words) if _not_a_place(words, m)]
    owned = [m for m in found if not _OWNER.match(words, m.end)]
    if len({m.id for m in found}) > 1 and len({m.id for m in owned}) == 1 and \
            owned[0].id != addressee:
        # "Greece's main seamen's union": the owner names whose union it is, the head who
        # speaks
        return owned[0].id, f"speaker's own words: {owned[0].how} {owned[0].text!r}"
    named = {m.id for m in found}
    if len(named) != 1:
        return None  # "The United States and France urged ...": each co-actor keeps its code
    return _actor_in_text([("speaker's own words", words)], names, addressee)


# "Pilots at X", "Doctors in state hospitals", "workers from the plant": people of a place.
_MEMBERS_AT = re.compile(r"^(?:the\s+|some\s+|many\s+|dozens of\s+|hundreds of\s+)?"
                         r"([a-z]+s)\s+(?:at|of|in|from|with)\s+", re.IGNORECASE)


def _group_of(members: str, names: ScenarioNames) -> tuple[str, str] | None:
    """The one scenario actor one of whose names holds `members` or its singular ("pilots":
    "the pilots", "Nordlys Pilot Association"), people being their union or association."""
    plural = members.casefold()
    forms = {plural, plural[:-1]}
    owners = {ident for name, ident, how in names.actors.names if how not in ("person", SURNAME) and
              forms & set(re.findall(r"[a-z]+", name.casefold()))}
    if len(owners) != 1:
        return None
    owner = owners.pop()
    return owner, f"members of a group: {members!r}"


_RELATIVE = re.compile(r",?\s+(?:which|who|whose|where)\b.*$", re.IGNORECASE | re.DOTALL)


def _named_person(statement: Statement) -> bool:
    """The speaker is a named person ("Opposition leader Peter Chirwa") who is none of the
    scenario's people: another actor named in the sentence is not who speaks."""
    if statement.speaker:
        return True
    words = re.split(r"\s+(?:in|of|from|at|for|with)\s+|,", statement.speaker_text or "")[0]
    last = words.split()[-2:]
    return len(last) == 2 and all(w[:1].isupper() and w.isalpha() and
                                  w not in ("The", "A", "An") for w in last)


_COMMENT = re.compile(r",\s+(?:saying|adding|arguing|calling|citing|warning|noting|claiming)\b"
                      r".*$", re.IGNORECASE | re.DOTALL)


def _in_text(phrase: str, text: str, words: int | None = None) -> re.Match[str] | None:
    """A phrase of the parse (tokens joined by spaces: "operator 's licence") found as written
    in `text`, by its first `words` words (all of them without a number)."""
    return re.search(r"\s*".join(re.escape(w) for w in phrase.split()[:words]), text)


def _locate(phrase: str | None, text: str) -> int | None:
    """Where a phrase of the parse starts, found by its first four words."""
    match = _in_text(phrase, text, 4) if phrase else None
    return match.start() if match else None


def _speaker_part(statement: Statement) -> tuple[str, str]:
    """The sentence (outside its condition) up to the words at stake, and the rest without
    its trailing explanation (", saying ..."): where the speaker is named, in that order."""
    sentence = _without(statement.sentence, statement.condition)
    at = _locate(statement.issue_text, sentence)
    if at is None or at == 0:
        return sentence, ""
    return sentence[:at], _COMMENT.sub("", sentence[at:])


def _without(sentence: str, part: str | None) -> str:
    """The sentence with a part (its condition, as the parse wrote it: "Jujuy 's supreme
    court") blanked out, offsets kept."""
    match = _in_text(part, sentence) if part else None
    if match is None:
        return sentence
    return sentence[:match.start()] + " " * (match.end() - match.start()) + \
        sentence[match.end():]


def _as_text(phrase: str | None) -> str | None:
    """A phrase of the parse (tokens joined by spaces) as written: "Goma 's airport" ->
    "Goma's airport", "one - off" -> "one-off"."""
    if not phrase:
        return phrase
    return re.sub(r"\s+-\s+", "-", re.sub(r"\s+(['’]s)\b", r"\1", phrase))


_TALKS_TOPIC = re.compile(r"\b(?:on|about|over|concerning|regarding)\s+(.+)$", re.IGNORECASE)


def _talks_issue(statement: Statement, names: ScenarioNames) -> tuple[str, str] | None:
    """Talks are about an issue only when the text says what they are on ("talks on the
    truce"); who meets, where and when ("talks in Jeddah with the Rapid Support Forces") is no
    issue, nor is the rest of the sentence."""
    topic = _TALKS_TOPIC.search(_as_text(statement.issue_text) or "")
    found = [m for m in names.issues.find(topic.group(1)) if _strength(m) > 0] if topic else []
    if not found:
        return None
    best = max(found, key=lambda m: m.end - m.start)
    return best.id, f"talks on: {best.how} {best.text!r}"


_BACK_TO_TALKS = re.compile(
    r"^(?:to\s+)?(?:(?:return|come\s+back|go\s+back|get\s+back|returning|coming\s+back)\s+to\s+"
    r"(?:the\s+)?(?:negotiating\s+)?(?:table|talks|negotiations|dialogue)|"
    r"(?:resume|restart|reopen|continue|resuming|restarting)\s+(?:the\s+|their\s+)?"
    r"(?:talks|negotiations|dialogue)|(?:keep\s+)?talking|"
    r"(?:stay|remain|staying|remaining)\s+at\s+the\s+(?:negotiating\s+)?table)\b",
    re.IGNORECASE)


def _issue(statement: Statement, names: ScenarioNames) -> tuple[str, str] | None:
    """The issue named in the issue phrase (short or in full); with no issue phrase (and not a
    refusal, whose object is what is refused), the one issue named in the sentence outside its
    condition; several there: none. Talks: only what they are said to be on."""
    if statement.stance == "consult" or statement.stance in ("urge", "demand") and \
            _BACK_TO_TALKS.match(_as_text(statement.issue_text) or ""):
        # "urged both platforms to return to the table with improved offers": an appeal for
        # talks is about an issue only when it says what they are on
        return _talks_issue(statement, names)
    short = _best(names, statement.issue)
    full = _best(names, _as_text(statement.issue_text))
    if full is not None and (short is None or _strength(full) > _strength(short) or
                             short.text.casefold() in full.text.casefold() and
                             len(full.text) > len(short.text)):
        # "six border guards who had been detained" names the detained guards, not the border;
        # a word of an issue's name ("treatment") gives way to a full name said in full
        short = full
    if short is not None and (statement.stance != "threaten" or _strength(short) > 0):
        return short.id, f"issue phrase: {short.how} {short.text!r}"
    if statement.stance in ("threaten", "conditional_offer") and \
            (said := _act_issue(statement, names)) is not None:
        # a threat's (a priced offer's) act is its whole clause: "would declare the drug a
        # matter of public interest" is about the licence that declaration opens, named after
        # its object; "would supply food on the island only if ..." gives on the island
        return said
    if short is not None and statement.stance == "threaten" and (
            strong := {m.id: m for m in names.issues.find(_as_text(statement.condition))
                       if _strength(m) > 0}) and len(strong) == 1:
        # "would take all necessary measures to protect its maritime territory if any company
        # began drilling": a word of an issue's name in the act gives way to a full name of
        # what the threat is against
        mention = next(iter(strong.values()))
        return mention.id, f"threat's condition: {mention.how} {mention.text!r}"
    if short is not None:
        return short.id, f"issue phrase: {short.how} {short.text!r}"
    for where, text in (("issue phrase", statement.issue),
                        ("issue phrase", _as_text(statement.issue_text))):
        by_option = _option_issues(names, text)
        if len(by_option) == 1:
            ident = by_option.pop()
            return ident, f"{where}: an option of {ident}"
    if statement.rule == "CONC-FRAMED":
        # "In a concession, X said the doctors would return to emergency wards while the rest
        # of the strike continued": what the sentence's concession gives ground on
        return _one_issue_in_sentence(statement, names)
    if statement.issue is not None or statement.stance == "reject":
        return None  # the rule read what is at stake, and it names no issue of the scenario
    return _one_issue_in_sentence(statement, names)


def _option_issues(names: ScenarioNames, text: str | None) -> set[str]:
    """The issues one of whose options `text` names."""
    return {ident for ident, index in names.options.items() if index.find(text)}


def _act_issue(statement: Statement, names: ScenarioNames) -> tuple[str, str] | None:
    """The one issue named by its full name in the words from a threat's (or a conditional
    offer's) object to the end of its clause (its condition and a trailing explanation left
    out)."""
    _head, tail = _speaker_part(statement)
    found = {m.id: m for m in names.issues.find(tail) if _strength(m) > 0}
    if len(found) != 1:
        # an option named in the act ("could land some of their cod in Greenland, provided
        # ..."): the issue it is an option of
        by_option = _option_issues(names, tail)
        if not found and len(by_option) == 1:
            ident = by_option.pop()
            return ident, f"the act's clause: an option of {ident}"
        return None
    mention = next(iter(found.values()))
    return mention.id, f"the act's clause: {mention.how} {mention.text!r}"


def _strength(mention: Mention) -> int:
    """How surely a name names its issue: a word of the issue's name (0) or a name (1)."""
    return 0 if mention.how == "name word" else 1


def _best(names: ScenarioNames, text: str | None) -> Mention | None:
    """The surest, then longest, issue name in a phrase, names scattered over it included."""
    found = names.issues.find(text) + _scattered(names, text)
    if not found:
        return None
    return max(found, key=lambda m: (_strength(m), m.end - m.start))


_WINDOW = 6  # words between the first and the last word of a scattered name


def _scattered(names: ScenarioNames, text: str | None) -> list[Mention]:
    """Names of two or three words said in another order or with words between them:
    "fishermen who had been detained" for "detained fishermen", "tests of long-range
    missiles" for "missile tests" (plural and singular alike)."""
    if not text:
        return []
    words = [(m.start(), m.end(), m.group(0).casefold()) for m in re.finditer(r"[\w'-]+", text)]
    where: dict[str, list[int]] = {}
    for k, (_, _, word) in enumerate(words):
        where.setdefault(word, []).append(k)
    out = []
    for ident, how, parts in _scatter_table(names.issues):
        places = [sorted(k for form in forms for k in where.get(form, ())) for forms in parts]
        if not all(places):
            continue
        for first in places[0]:
            chosen = [_nearest(at, first) for at in places]
            if max(chosen) - min(chosen) <= _WINDOW and len(set(chosen)) == len(parts):
                start, end = words[min(chosen)][0], words[max(chosen)][1]
                out.append(Mention(start, end, text[start:end], ident, f"{how} words"))
                break
    return out


@functools.cache
def _scatter_table(index: NameIndex) -> tuple[tuple[str, str, tuple[frozenset[str], ...]], ...]:
    """The names of two or three words of an index, each word with its variants (once per
    scenario)."""
    table = []
    for name, ident, how in index.names:
        parts = [w for w in name.casefold().split() if w not in GENERIC_WORDS]
        if how != "name word" and 2 <= len(parts) <= 3:
            table.append((ident, how, tuple(frozenset(variants(p)) for p in parts)))
    return tuple(table)


def _nearest(places: list[int], first: int) -> int:
    return min(places, key=lambda k: abs(k - first))


def _one_issue_in_sentence(statement: Statement,
                           names: ScenarioNames) -> tuple[str, str] | None:
    """The one issue the sentence names outside the statement's condition (several: none)."""
    rest = _without(statement.sentence, statement.condition)
    found = names.issues.find(rest)
    if not found:
        return None
    if len({m.id for m in found}) > 1:
        # a name of one issue outranks a word of another's name ("remove the camps, saying
        # they protected villagers"); several names and nothing to choose between them: none
        found = [m for m in found if _strength(m) > 0]
        if len({m.id for m in found}) != 1:
            return None
    return found[0].id, f"sentence: {found[0].how} {found[0].text!r}"


# Objects that point back at something said before: "rejected the idea", "welcomed the move".
REFERRING = frozenset("idea order proposal proposals plan plans move offer offers demand "
                      "demands request call calls decision step steps measure measures "
                      "suggestion initiative it this that terms ultimatum conditions approach "
                      "package draft bid scheme".split())
_PHRASE_END = frozenset("by for of from to on in with at over that which , saying".split())


def _refers_back(statement: Statement) -> bool:
    """A refusal, a welcome or a concession whose object is no issue but points back ("the
    idea", "the European move", "a proposal by the bloc") or that has no object ("refused,
    saying ...")."""
    if statement.stance not in ("reject", "support", "concede"):
        return False
    if not statement.issue_text:
        return True
    words: list[str] = []
    for word in statement.issue_text.split():
        if word.lower() in _PHRASE_END:
            break
        words.append(word.lower())
    return bool(words) and words[-1] in REFERRING


# What a pointing word points back at: a proposal at an offer, a demand at a demand.
_POINTS_TO = {
    **dict.fromkeys("proposal proposals offer offers plan plans package draft bid scheme "
                    "idea suggestion initiative".split(), ("offer", "conditional_offer")),
    **dict.fromkeys("demand demands request call calls ultimatum conditions terms".split(),
                    ("demand", "urge")),
}


def _pointer(statement: Statement) -> str | None:
    """The last word of the object before its complement ("the proposal by the bloc")."""
    words: list[str] = []
    for word in (statement.issue_text or "").split():
        if word.lower() in _PHRASE_END:
            break
        words.append(word.lower())
    return words[-1] if words else None


def _issue_in_context(statement: Statement, actor: str | None, earlier: list[Statement],
                      names: ScenarioNames) -> tuple[str, str] | None:
    """What a refusal (welcome, concession) that points back is about. An object that names
    an actor ("the European move") refers to that actor's last position with an issue; else
    the one issue named in the sentence ("rejected the idea, saying a levy on banks would
    ..."), and with no object at all, first the last position of another actor ("refused,
    saying ..." answers what was asked before)."""
    named = [m.id for m in names.actors.find(statement.issue_text) if m.id != actor]
    positions = [e for e in reversed(earlier) if e.resolved is not None and e.stance != "consult"
                 and e.resolved.issue is not None and e.resolved.actor is not None
                 and e.resolved.actor != actor]
    kind = _POINTS_TO.get(_pointer(statement) or "")
    if kind is not None and not named:
        # "turned the proposal down" answers the last proposal of another side, not its last
        # position of any kind (a red line stated after the offer)
        positions = [e for e in positions if e.stance in kind] + \
            [e for e in positions if e.stance not in kind]
    in_sentence = _one_issue_in_sentence(statement, names)
    said = in_sentence[0] if in_sentence is not None else ""
    for e in positions if named and said else ():
        if e.resolved is not None and e.resolved.actor == named[0] and e.resolved.issue == said:
            # "rejected the bloc's proposal on licences, saying know-how ...": of that actor's
            # positions, the one on the issue the sentence names
            return said, f"refers to {named[0]}'s position: {e.sentence!r}"
    for e in positions if named else ():
        if e.resolved is not None and e.resolved.actor == named[0]:
            return e.resolved.issue or "", f"refers to {named[0]}'s position: {e.sentence!r}"
    previous = None
    if positions and positions[0].resolved is not None:
        previous = (positions[0].resolved.issue or "",
                    f"refers to the position before: {positions[0].sentence!r}")
    if not statement.issue_text:
        return previous or in_sentence
    return in_sentence or previous


def _option(statement: Statement, issue: str, names: ScenarioNames) -> tuple[str, str] | None:
    index = names.options.get(issue)
    if index is None:
        return None
    for where, text in (("issue phrase", _as_text(statement.issue_text) or statement.issue),
                        ("sentence", _without(statement.sentence, statement.condition))):
        labels = {m.id: m for m in index.find(text)}
        if len(labels) == 1:
            label, mention = next(iter(labels.items()))
            return label, f"{where}: {mention.how} {mention.text!r}"
    return None


def resolve(statement: Statement, scenario: Scenario,
            names: ScenarioNames | None = None) -> Resolution:
    """`statement` in the terms of `scenario` (pass `names` to reuse a compiled index)."""
    names = names or ScenarioNames.of(scenario)
    matched: dict[str, str] = {}

    def keep(key: str, found: tuple[str, str] | None) -> str | None:
        if found is None:
            return None
        matched[key] = found[1]
        return found[0]

    addressee = keep("addressee", _code(statement.addressee, names))
    speaker_texts: list[tuple[str, str | None]] = [("speaker", statement.speaker),
                                                   ("speaker role", statement.speaker_role),
                                                   ("speaker's words", statement.speaker_text),
                                                   ("speaker's body", statement.group)]
    person = _person(statement.speaker, names)
    if _outside_voice(statement) and person is None:
        # "said Lina Cabrera, a conflict researcher at a Bogota think tank": an analyst speaks
        # for no side (codebook: a speaker who is not in the scenario takes no position)
        return Resolution(names.title, None, None, None, addressee, None,
                          {**matched, "actor": "an outside voice: "
                                               f"{statement.speaker_role or statement.speaker_text!r}"})
    actor_found = person or _own_words(statement, names, addressee) \
        or _office(statement, names) or _person_before(statement, names) or \
        _body(statement, names) or _code(statement.actor, names) or _role(statement, names)
    if actor_found is None:
        # A state code the scenario does not have ("Kenya's Communications Authority": KEN)
        # gives way to the scenario's name in the words naming the speaker. With no code, the
        # speaker is named before what is at stake ("Omani officials said the talks ..."); a
        # name after it, in an explanation ("..., saying the government had lost ..."), is
        # someone else.
        texts = list(speaker_texts)
        if (statement.actor is None or statement.actor in GENERIC_ACTORS) and \
                not _named_person(statement):  # who speaks for no one named nearby
            head, tail = _speaker_part(statement)
            texts += [("sentence before the issue", head), ("sentence", tail)]
        actor_found = _actor_in_text(texts, names, addressee)
    actor = keep("actor", actor_found)
    condition = names.issues.find(_as_text(statement.condition))
    issue_found = _issue(statement, names)
    if issue_found is None and statement.stance == "threaten" and \
            len({m.id for m in condition}) > 1:
        # "if Kosovo police entered the northern municipalities": a name of an issue
        # ("police") outranks a word of another's name ("municipalities")
        condition = [m for m in condition if _strength(m) > 0] or condition
    if issue_found is None and statement.stance == "threaten" and condition and \
            len({m.id for m in condition}) == 1:
        # "would resume air strikes if the corridors were attacked": an act that names no
        # issue of the scenario threatens over what its condition is about
        issue_found = (condition[0].id, f"threat's condition: {condition[0].how} "
                                        f"{condition[0].text!r}")
    if issue_found is None and statement.stance == "threaten" and not condition and \
            len(by_option := _option_issues(names, _as_text(statement.condition))) == 1:
        # "if the final text keeps the 'local only' rule": a condition named by an option
        ident = by_option.pop()
        issue_found = (ident, f"threat's condition: an option of {ident}")
    issue = keep("issue", issue_found)
    option = keep("option", _option(statement, issue, names)) if issue else None
    condition_issue = None
    if condition and len({m.id for m in condition}) == 1:
        condition_issue = keep("condition_issue", (
            condition[0].id, f"condition: {condition[0].how} {condition[0].text!r}"))
    if addressee is not None and addressee == actor:
        addressee = None
        del matched["addressee"]
    return Resolution(names.title, actor, issue, option, addressee, condition_issue, matched)


def _same(statement: Statement) -> tuple[object, ...]:
    r = statement.resolved
    assert r is not None
    return (statement.source, statement.start, statement.stance, r.actor, r.issue, r.option,
            r.addressee, r.condition_issue)


# Who holds talks when the text names no side: "Negotiators met for eight hours".
_UNNAMED = frozenset("negotiators delegations delegates envoys officials mediators teams sides "
                     "parties representatives".split())


def _unnamed_sides(statement: Statement) -> bool:
    words = (statement.speaker_text or "").lower().split()
    return not words or words[-1] in _UNNAMED


def _two_unnamed(statement: Statement) -> bool:
    """"The two delegations", "both sides": the sides of the dispute, not named here."""
    words = (statement.speaker_text or "").lower().split()
    return len(words) >= 2 and words[-2] in ("two", "both")


def _sides_named(statement: Statement, names: ScenarioNames) -> tuple[str, str] | None:
    """The two scenario actors a talks statement's subject names ("Negotiators from the union
    and the employers' association"), in the order named; None unless exactly two."""
    found: list[str] = []
    for mention in names.actors.find(statement.speaker_text or ""):
        if mention.id not in found:
            found.append(mention.id)
    return (found[0], found[1]) if len(found) == 2 else None


def _sides_so_far(resolution: Resolution, earlier: list[Statement]) -> Resolution:
    """Talks whose sides the text does not name are between the two scenario actors the
    article has given positions to most often so far (the later first on a tie)."""
    counts: dict[str, tuple[int, int]] = {}
    for place, e in enumerate(earlier):
        if e.resolved is not None and e.resolved.actor is not None:
            counts[e.resolved.actor] = (counts.get(e.resolved.actor, (0, 0))[0] + 1, place)
    ranked = sorted(counts, key=lambda a: counts[a], reverse=True)
    if len(ranked) < 2:
        return resolution
    return replace(resolution, actor=ranked[0], addressee=ranked[1],
                   matched={**resolution.matched,
                            "actor": "talks with no side named: the two sides so far"})


def _other_side(statement: Statement, resolution: Resolution,
                names: ScenarioNames) -> Resolution:
    """Talks whose other side the extractor gave no code ("Norland and Vesta held talks",
    "X met Y"): the one other scenario actor named in the sentence (not as a place), if there
    is just one."""
    others = {m.id: m for m in names.actors.find(statement.sentence)
              if m.id != resolution.actor and _not_a_place(statement.sentence, m)}
    if len(others) != 1:
        return resolution
    ident, mention = next(iter(others.items()))
    return replace(resolution, addressee=ident, matched={
        **resolution.matched, "addressee": f"the other side named: {mention.how} "
                                           f"{mention.text!r}"})


_REST = re.compile(r"^(?:the\s+)?(?:rest|remainder|balance)\b", re.IGNORECASE)
_OWN_DEMANDS = re.compile(r"\b(?:their|its|our|his|her)\s+(?:own\s+)?(?:concerns?|demands?|"
                          r"grievances?|conditions|requests?|calls?|claims?)\b", re.IGNORECASE)


def _own_demand(statement: Statement, actor: str,
                earlier: list[Statement]) -> tuple[str, str] | None:
    """What a threat is against when its condition points back at the speaker's own demands
    ("would block the road if their concerns were ignored again"): the issue of that actor's
    last demand (appeal) in the article."""
    if not _OWN_DEMANDS.search(statement.condition or ""):
        return None
    return _last_of(actor, earlier, ("demand", "urge"), "threat over its own demand")


def _last_of(actor: str, earlier: list[Statement], stances: tuple[str, ...],
             why: str) -> tuple[str, str] | None:
    """The issue of `actor`'s last statement in one of `stances` with an issue, in the article
    so far, and `why` with its sentence (what the resolution records)."""
    for e in reversed(earlier):
        r = e.resolved
        if r is not None and r.actor == actor and r.issue is not None and e.stance in stances:
            return r.issue, f"{why}: {e.sentence!r}"
    return None


# "said (that) Bolivia had offered to ...": the subject of a reported clause and its verb.
_REPORTED = re.compile(r"\b(?:said|says|told\s+[\w ]{1,30}?|added|announced|confirmed)\s+"
                       r"(?:that\s+)?((?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,4}?)\s+"
                       r"(?:had|has|was|were|is|are|would|will|could)\b")
_OWN_STANCES = frozenset(("urge", "support", "consult"))


def _reported_side(statement: Statement, names: ScenarioNames) -> tuple[str, str] | None:
    """A mediator or stakeholder who reports what a side did or will do ("the envoy said
    Bolivia had offered to ...", "officials said the rebels were ready to ... if ..."): the
    position is that side's, when the reported clause's subject is one party named alone and
    the act comes after it. Its own appeals and welcomes, and what a side "should" or "must"
    do, stay the speaker's."""
    if statement.stance in _OWN_STANCES or not statement.issue_text:
        return None
    match = _REPORTED.search(statement.sentence)
    if match is None:
        return None
    subject = match.group(1)
    first = re.compile(rf"\b{re.escape(statement.issue_text.split()[0])}\b")
    act = found_at.start() if (found_at := first.search(statement.sentence, match.end())) \
        else -1
    if re.search(r"\band\b|;", statement.sentence[match.end():max(act, match.end())]):
        return None  # "said the trust had erred and demanded ...": the speaker's own act
    found = names.actors.find(subject)
    if act < 0 or len({m.id for m in found}) != 1 or found[0].id not in names.parties:
        return None
    if len(subject) - (found[0].end - found[0].start) > len("the "):
        return None  # "Bolivia's neighbours", "a Bolivian company": not the side itself
    return found[0].id, f"the side a non-party reports: {subject!r}"


_SUBJECT_FIRST = re.compile(r"^\W*(.{3,90}?)\s+(?:has|had|have|would|will|was|were|is|are|could)"
                            r"\b")


def _reported_before(statement: Statement, names: ScenarioNames) -> tuple[str, str] | None:
    """A mediator or stakeholder named after what a side did ("A dockers' group ... has offered
    to ..., the mediator said"): the position is that side's, the one named first in the
    clause's subject (within its first three words), when it is a party."""
    if statement.stance in _OWN_STANCES or not statement.speaker_text:
        return None
    after = re.search(rf",\s*{re.escape(statement.speaker_text)}\b[^.]*?\b(?:said|says|told)\b",
                      statement.sentence)
    subject = _SUBJECT_FIRST.match(statement.sentence)
    if after is None or subject is None or subject.end() > after.start():
        return None
    found = [m for m in names.actors.find(subject.group(1))
             if _not_a_place(subject.group(1), m)]
    if not found or found[0].id not in names.parties or \
            len(subject.group(1)[:found[0].start].split()) > 2:
        return None
    return found[0].id, f"the side a non-party reports: {subject.group(1)!r}"


_TALKS_FAIL = re.compile(r"\bif\s+(?:the|these|this|our|its)\s+(?:talks|negotiations|"
                         r"dialogue|mediation|process)\s+(?:fail|collapse|break\s+down)",
                         re.IGNORECASE)
_MORE_OF_IT = re.compile(r"\b(?:go|move|do|give|offer|pay)\s+(?:further|more|beyond)\b|"
                         r"\b(?:improve|sweeten|raise|increase|widen)\s+(?:its|their|our|the|"
                         r"that)\s+offer\b", re.IGNORECASE)


def _last_offer(actor: str, earlier: list[Statement]) -> tuple[str, str] | None:
    """The issue of `actor`'s last offer (conditional or not) in the article."""
    return _last_of(actor, earlier, ("offer", "conditional_offer"), "more of its earlier offer")


_ALSO = re.compile(r"(?:,\s*)?(?:\b|^)(?:as well as|along with|in addition to|together with|"
                   r"and (?:also )?(?=to\s|for\s))\s*(.+)$", re.IGNORECASE)


def _also_asked(statement: Statement, names: ScenarioNames) -> tuple[Statement, ...]:
    """A demand (appeal, refusal) of two things joined by "as well as" ("demanded a full
    amnesty, as well as a share of the mine royalties") or of two acts joined by "and to"
    ("wants the army to dismantle the camps and to free the detainees"): a second position on
    the second thing when it names another issue, or an option of one, alone, before any
    relative clause."""
    r = statement.resolved
    if r is None or r.actor is None or r.issue is None or \
            statement.stance not in ("demand", "urge", "reject"):
        return ()
    phrase = _as_text(statement.issue_text) or ""
    sentence = statement.sentence
    after = sentence[sentence.index(phrase) + len(phrase):] if phrase and phrase in sentence \
        else None  # the sentence after the phrase, where the parse may have ended it early
    also = _ALSO.search(phrase)
    if also is not None and after is not None:
        # "and to free | about 90 men held without trial": read on to the end of its clause
        also = _ALSO.search(phrase + re.split(r"[,;:]", after, maxsplit=1)[0])
    if also is None and after is not None:
        also = _ALSO.match(after.lstrip(" ,"))  # the object ended before "as well as"
    if also is None:
        return ()
    second = _RELATIVE.sub("", re.split(r"\s+that\s+", also.group(1))[0])
    found = {m.id: f"{m.how} {m.text!r}" for m in names.issues.find(second)} or {
        ident: f"an option of {ident}" for ident in _option_issues(names, second)}
    if len(found) != 1 or r.issue in found:
        return ()
    ident, how = next(iter(found.items()))
    return (replace(statement, resolved=replace(r, issue=ident, option=None, matched={
        **r.matched, "issue": f"second object after {_connective(also)!r}: {how}"})),)


def _connective(also: re.Match[str]) -> str:
    """The words that join the second object: "as well as", "and to"."""
    return also.group(0)[:also.start(1) - also.start(0)].strip(" ,") or "and"


def resolve_statements(statements: Iterable[Statement], scenario: Scenario,
                       names: ScenarioNames | None = None) -> tuple[Statement, ...]:
    """Each statement with its `resolved` ids in `scenario`. Statements of one sentence that
    resolve to the same position are one ("France, Germany and Britain warned ..." with one
    `E3` actor in the scenario): the first is kept."""
    names = names or ScenarioNames.of(scenario)
    out: list[Statement] = []
    seen: set[tuple[object, ...]] = set()
    for s in statements:
        resolution = resolve(s, scenario, names)
        if resolution.issue is None and resolution.actor is not None and _refers_back(s):
            back = _issue_in_context(s, resolution.actor, out, names)
            if back is not None:
                resolution = replace(resolution, issue=back[0],
                                     matched={**resolution.matched, "issue": back[1]})
        if resolution.issue is None and resolution.actor is not None and \
                _REST.match(s.issue_text or "") and (before := next(
                    (e for e in reversed(out) if e.start == s.start and e.resolved is not None
                     and e.resolved.issue is not None), None)) is not None and \
                before.resolved is not None:
            # "had released a first tranche and would pay the rest": the rest of that
            resolution = replace(resolution, issue=before.resolved.issue,
                                 matched={**resolution.matched,
                                          "issue": "the rest of what the clause before gave"})
        if s.stance == "threaten" and resolution.issue is None and resolution.actor is not None \
                and (own := _own_demand(s, resolution.actor, out)) is not None:
            resolution = replace(resolution, issue=own[0],
                                 matched={**resolution.matched, "issue": own[1]})
        if resolution.actor is not None and resolution.actor not in names.parties and \
                (side := _reported_side(s, names) or _reported_before(s, names)) is not None:
            resolution = replace(resolution, actor=side[0],
                                 matched={**resolution.matched, "actor": side[1]})
        if s.stance == "consult" and (pair := _sides_named(s, names)) is not None:
            # "Delegations from Islamabad and Kabul met ...": the sides are those the subject
            # names, whoever else the sentence puts in the room
            resolution = replace(resolution, actor=pair[0], addressee=pair[1], matched={
                **resolution.matched, "actor": f"talks between the sides named: "
                                               f"{s.speaker_text!r}"})
        elif s.stance == "consult" and (resolution.actor is None or _two_unnamed(s)) and \
                _unnamed_sides(s):
            resolution = _sides_so_far(resolution, out)
        if s.stance == "consult" and resolution.actor is not None and \
                resolution.addressee is None:
            resolution = _other_side(s, resolution, names)
        resolved = replace(s, resolved=resolution)
        if s.rule == "URGE-ASK" and resolution.actor in names.parties:
            # a side that asks the other to do something states what it wants done: a demand
            # (a mediator's or a stakeholder's request stays an appeal)
            resolved = replace(resolved, stance="demand", rule="DEM-ASK")
        elif s.rule == "DEM-SHOULD" and resolution.actor is not None and \
                resolution.actor not in names.parties:
            # "the bank said the company should close the gap": a mediator or a stakeholder
            # saying what a side should do appeals to it (codebook)
            resolved = replace(resolved, stance="urge", rule="URGE-SHOULD")
        elif s.stance in ("offer", "conditional_offer") and resolution.actor is not None and \
                _TALKS_FAIL.search(f"if {s.condition}" if s.condition else s.sentence):
            # "If these talks fail, the army will restore order by other means": what a side
            # will do when the talks fail is a threat, not an offer
            resolved = replace(resolved, stance="threaten", rule=s.rule + "-FAIL")
        elif s.stance == "conditional_offer" and resolution.issue is None and \
                resolution.actor is not None and _MORE_OF_IT.search(s.issue_text or "") and \
                (last := _last_offer(resolution.actor, out)) is not None:
            # "could go further only if ...": more of what the speaker offered before
            resolved = replace(resolved, resolved=replace(resolution, issue=last[0], matched={
                **resolution.matched, "issue": last[1]}))
        elif s.stance == "conditional_offer" and resolution.issue is None and \
                resolution.condition_issue is not None and resolution.actor is not None:
            # "its board could approve the programme only once creditors agreed to deeper
            # relief": what is offered is none of the scenario's issues, what is asked in
            # return is one: the speaker's demand on it
            resolved = replace(resolved, stance="demand", rule=s.rule + "-DEMAND",
                               resolved=replace(resolution, issue=resolution.condition_issue))
        for item in (resolved, *_also_asked(resolved, names)):
            key = _same(item)
            if item.resolved is not None and item.resolved.actor is not None:
                if key in seen:
                    continue
                seen.add(key)
            out.append(item)
    return _one_position_per_triple(_one_talks_per_pair(
        _issues_of_the_dispute(_settle_open_issues(out))))


def _sides(statement: Statement) -> frozenset[str]:
    r = statement.resolved
    assert r is not None
    return frozenset(x for x in (r.actor, r.addressee) if x)


def _one_talks_per_pair(out: tuple[Statement, ...]) -> tuple[Statement, ...]:
    """Talks between the same sides are one position in an article, however often the article
    tells of them ("met for six hours" ... "the two sides held talks"): a mention whose sides
    are those of another mention, or fewer (one side named alone), is kept as no new position.
    The first of the fullest mentions is the position."""
    talks = [(k, _sides(s)) for k, s in enumerate(out) if s.stance == "consult" and
             s.resolved is not None and s.resolved.actor is not None and s.resolved.position]
    again = {k for k, sides in talks if any(
        sides < other or sides == other and j < k for j, other in talks if j != k)}
    return tuple(replace(s, resolved=replace(s.resolved, position=False, matched={
        **s.resolved.matched, "position": "the same talks told again"}))
        if k in again and s.resolved is not None else s for k, s in enumerate(out))


def _one_position_per_triple(out: tuple[Statement, ...]) -> tuple[Statement, ...]:
    """A position said again in an article (the headline and the lede, a quote and its
    paraphrase) is one position (codebook): a statement with the actor, stance and issue of
    an earlier one is kept as no new position."""
    seen: dict[tuple[str, str, str | None], str] = {}
    kept = []
    for s in out:
        r = s.resolved
        if r is None or r.actor is None or not r.position or s.stance == "consult":
            kept.append(s)
            continue
        key = (r.actor, s.stance, r.issue)
        if key in seen:
            kept.append(replace(s, resolved=replace(r, position=False, matched={
                **r.matched, "position": f"restates {seen[key]!r}"})))
            continue
        seen[key] = s.sentence
        kept.append(s)
    return tuple(kept)


# Stances that take a position on something: with a scenario, one about none of its issues is
# no position in it (an appeal, an offer, a threat or talks may be about nothing named).
_NEEDS_ISSUE = frozenset(("reject", "red_line", "demand", "concede", "conditional_offer"))
_BORROWS_ISSUE = _NEEDS_ISSUE | {"threaten"}


def _run_neighbour(out: list[Statement], at: int, step: int) -> Statement | None:
    """The nearest statement of another sentence, before (`step` -1) or after (+1) `at`, by
    the same actor with an issue, with no other actor's position in between: the same
    speaker's run of statements ("It is the floor," after the demand it defends)."""
    r = out[at].resolved
    assert r is not None
    k = at + step
    while 0 <= k < len(out):
        e, other = out[k], out[k].resolved
        k += step
        if other is None or other.actor is None or e.start == out[at].start:
            continue
        if other.actor != r.actor:
            return None
        if other.issue is not None:
            return e
    return None


def _same_sentence(out: list[Statement], at: int) -> Statement | None:
    """The same actor's statement with an issue in the same sentence, for a refusal or a
    concession that names none: "is seeking a 9 percent raise, having already lowered its
    claim from 12 percent" (the claim is the raise), "rejected that figure but offered 4
    percent"."""
    r = out[at].resolved
    assert r is not None
    return next((e for k, e in enumerate(out) if k != at and e.start == out[at].start and
                 e.source == out[at].source and e.resolved is not None and
                 e.resolved.actor == r.actor and e.resolved.issue is not None and
                 e.stance in _BIDS_AND_REFUSALS), None)


_BIDS_AND_REFUSALS = frozenset(("demand", "offer", "conditional_offer", "reject", "red_line"))


def _settle_open_issues(out: list[Statement]) -> tuple[Statement, ...]:
    """Positions whose object names none of the scenario's issues ("It is non-negotiable",
    "They do not accept paying for it", a refusal with no object): such a statement is about
    the issue of the same speaker's statement just before it (a refusal or a threat: else just
    after it, "would not go back to the old rates, but offered ...", a headline's "X threatens
    strikes" before the lede's threat in full) when no other actor speaks in between; said
    again in the same stance, before or just after, it is that position restated (kept, as no
    new position). A refusal, red line, demand, concession or conditional offer still about no
    issue is kept with `position` False: it is no position in the scenario's terms (the
    expected positions never give one an empty issue). No statement is dropped."""
    kept: list[Statement] = []
    for at, s in enumerate(out):
        r = s.resolved
        if r is None or r.actor is None or r.issue is not None or s.stance not in _BORROWS_ISSUE:
            kept.append(s)
            continue
        near = (_same_sentence(out, at) if s.stance in ("reject", "concede") else None) or \
            _run_neighbour(out, at, -1) or (
            _run_neighbour(out, at, +1) if s.stance in ("reject", "threaten") else None)
        if near is not None and near.resolved is not None:
            issue = near.resolved.issue
            if any(e.resolved is not None and e.resolved.actor == r.actor and
                   e.resolved.issue == issue and e.stance == s.stance for e in kept) or \
                    near.stance == s.stance and near.start > s.start:
                # said again, or said first in a headline and then in full ("X threatens
                # strikes" over "X will call strikes unless ...")
                kept.append(replace(s, resolved=replace(r, position=False, matched={
                    **r.matched, "position": f"restates {near.sentence!r}"})))
                continue  # the same position said again: kept, as no new position
            kept.append(replace(s, resolved=replace(r, issue=issue, matched={
                **r.matched, "issue": f"the same speaker's statement: {near.sentence!r}"})))
        elif s.stance in _NEEDS_ISSUE:  # kept, with no position in the scenario's terms
            kept.append(replace(s, resolved=replace(r, position=False, matched={
                **r.matched, "position": "about none of the scenario's issues"})))
        else:
            kept.append(s)
    return tuple(kept)


# Stances almost never taken on none of the scenario's issues (the codebook's positions give a
# threat or an offer an issue in all but a handful of cases): one that names none is about the
# dispute its speaker is in.
_ABOUT_THE_DISPUTE = frozenset(("threaten", "offer"))


_POSITION_STANCES = tuple(stance for stance in STANCES if stance != "consult")


def _own_issue(out: tuple[Statement, ...], actor: str, at: int) -> tuple[str, str] | None:
    """The issue of `actor`'s last position with an issue before `at`, else of its first
    after (`_last_of` over the statements after, nearest last)."""
    why = "the speaker's own position"
    return _last_of(actor, list(out[:at]), _POSITION_STANCES, why) or \
        _last_of(actor, list(reversed(out[at + 1:])), _POSITION_STANCES, why)


def _issues_of_the_dispute(out: tuple[Statement, ...]) -> tuple[Statement, ...]:
    """Threats and offers still about no issue. One that names nothing at stake ("warned
    Harare would ask the regional bloc to arbitrate", "would be prepared to fold 300 former
    fighters into the gendarmerie") is about what its speaker is fighting for in the article:
    the issue of the same speaker's last position before, else of its first after, whoever
    spoke in between. (A side backed by name, "stood by Chisinau", is left as it is: coders
    read it either as support on no issue or on the side's issue, and the side's last issue
    is often not the one meant.)"""
    kept = []
    for at, s in enumerate(out):
        r = s.resolved
        own = _own_issue(out, r.actor, at) if r is not None and r.actor is not None and \
            r.issue is None and r.position and s.stance in _ABOUT_THE_DISPUTE else None
        if r is None or own is None:
            kept.append(s)
            continue
        kept.append(replace(s, resolved=replace(r, issue=own[0], matched={
            **r.matched, "issue": own[1]})))
    return tuple(kept)


def resolve_articles(found: Iterable[ArticleStatements],
                     scenario: Scenario) -> tuple[ArticleStatements, ...]:
    """Articles' statements with their `resolved` ids (the scenario's names compiled once)."""
    names = ScenarioNames.of(scenario)
    return tuple(ArticleStatements(item.article, resolve_statements(item.statements, scenario,
                                                                    names)) for item in found)
