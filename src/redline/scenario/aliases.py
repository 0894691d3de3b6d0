"""The names a scenario gives its actors, issues and options in news text, and their checks.

An actor is named by its id, its name and its `aliases`: plain strings (a capital, a demonym,
an organisation's name, an event coder's code such as ``IRN``) or people ``{name, role}``. An
issue is named by its id, its name and its `aliases`; an option by its label and the phrases of
the issue's `option_aliases`. A name that could stand for two actors (or two options of one
issue) would make every match on it a guess, so the checks refuse it.
"""

from __future__ import annotations

from collections.abc import Iterator

from redline.scenario.model import Actor, Document, Issue, Person

Path = tuple[str | int, ...]
Found = list[tuple[Path, str, str]]  # (path, message, fix), as in validation


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def actor_names(actor: Actor) -> Iterator[tuple[str, str | None, str]]:
    """Every name of `actor` as (text, role of a person or None, where it comes from)."""
    yield actor.id, None, "id"
    yield actor.name, None, "name"
    for alias in actor.aliases:
        if isinstance(alias, Person):
            yield alias.name, alias.role, "person"
        else:
            yield alias, None, "alias"


def issue_names(issue: Issue) -> Iterator[tuple[str, str]]:
    """Every name of `issue` as (text, where it comes from): id (dashes as spaces), name,
    aliases."""
    yield issue.id.replace("-", " ").replace("_", " "), "id"
    yield issue.name, "name"
    for alias in issue.aliases:
        yield alias, "alias"


def option_names(issue: Issue) -> Iterator[tuple[str, str, str]]:
    """Every name of each option of `issue` as (text, option label, where it comes from)."""
    for label in issue.options:
        yield label.replace("-", " ").replace("_", " "), label, "label"
        for phrase in issue.option_aliases.get(label, ()):
            yield phrase, label, "alias"


def check_aliases(doc: Document) -> Found:
    """Blank aliases, a name shared by two actors, option aliases of unknown options or shared
    by two options of one issue."""
    found: Found = []
    owner: dict[str, str] = {}
    for index, actor in enumerate(doc.actors):
        for k, alias in enumerate(actor.aliases):
            text = alias.name if isinstance(alias, Person) else alias
            path: Path = ("actors", index, "aliases", k)
            if not text.strip():
                found.append((path, "an alias is blank", "remove it or write the name"))
        places: list[Path] = [("actors", index, "id"), ("actors", index, "name")]
        places += [("actors", index, "aliases", k) for k in range(len(actor.aliases))]
        for (text, _role, _kind), place in zip(actor_names(actor), places, strict=True):
            key = _key(text)
            if not key:
                continue
            other = owner.setdefault(key, actor.id)
            if other != actor.id:
                found.append((place, f"the name {text!r} stands for both {other} and {actor.id}",
                              "keep it on one of the two actors (a shared name makes every "
                              "match on it a guess)"))
    for index, issue in enumerate(doc.issues):
        seen: dict[str, str] = {}
        for label, phrases in issue.option_aliases.items():
            path = ("issues", index, "option_aliases", label)
            if label not in issue.options:
                found.append((path, f"issue {issue.id!r} has no option {label!r}",
                              f"use one of {', '.join(issue.options)}"))
                continue
            for k, phrase in enumerate(phrases):
                key = _key(phrase)
                if not key:
                    found.append(((*path, k), "an option alias is blank",
                                  "remove it or write the phrase"))
                    continue
                other = seen.setdefault(key, label)
                if other != label:
                    found.append(((*path, k), f"the phrase {phrase!r} names both option "
                                  f"{other!r} and {label!r}", "keep it on one option"))
    return found
