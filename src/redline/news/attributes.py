"""A faster drop-in for spaCy's attribute ruler (tag -> POS and morphology, exceptions).

The English model's attribute ruler runs ~180 single-token patterns through spaCy's general
`Matcher`, which costs about a quarter of the pipeline's time. Nearly all its patterns test one
token's TAG/LOWER/DEP/IS_SPACE, so this component tests those directly, indexed by tag, and
leaves only the few multi-token patterns to a `Matcher`. It applies the same attributes in the
same order (later rules win, as in spaCy), so its output is identical; a test checks that.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Token = Any
Predicate = Callable[[Token], bool]

_GETTERS: dict[str, Callable[[Token], Any]] = {
    "TAG": lambda t: t.tag_, "LOWER": lambda t: t.lower_, "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space, "ORTH": lambda t: t.text, "POS": lambda t: t.pos_,
}


def _equals(get: Callable[[Token], Any], value: str | bool) -> Predicate:
    return lambda t: bool(get(t) == value)


def _among(get: Callable[[Token], Any], values: frozenset[Any]) -> Predicate:
    return lambda t: get(t) in values


def _matches(get: Callable[[Token], Any], pattern: re.Pattern[str]) -> Predicate:
    return lambda t: bool(pattern.search(get(t)))


def _compile(spec: dict[str, Any]) -> Predicate | None:
    """A predicate for one token pattern, or None if it uses anything we do not handle."""
    tests: list[Predicate] = []
    for key, value in spec.items():
        get = _GETTERS.get(key)
        if get is None:
            return None
        if isinstance(value, (str, bool)):
            tests.append(_equals(get, value))
        elif isinstance(value, dict) and set(value) == {"IN"}:
            tests.append(_among(get, frozenset(value["IN"])))
        elif isinstance(value, dict) and set(value) == {"REGEX"}:
            tests.append(_matches(get, re.compile(value["REGEX"])))
        else:
            return None
    return lambda t: all(test(t) for test in tests)


def _values(value: Any) -> list[str | None]:
    """The exact values a pattern key allows, or [None] (any value) if not a plain list."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and set(value) == {"IN"}:
        return list(value["IN"])
    return [None]


class FastAttributeRuler:
    """Applies an `AttributeRuler`'s patterns with direct tests instead of the Matcher."""

    def __init__(self, ruler: Any) -> None:
        from spacy.matcher import Matcher

        self.attrs = ruler.attrs
        self.indices = ruler.indices
        # candidate rules indexed by the token's tag and/or lower-case form
        self.index: dict[tuple[str | None, str | None], list[tuple[int, Predicate]]] = {}
        self.matcher = Matcher(ruler.vocab)
        self.has_multi = False
        for order, rule in enumerate(ruler.patterns):
            for pattern in rule["patterns"]:
                predicate = _compile(pattern[0]) if len(pattern) == 1 else None
                if predicate is None:
                    self.matcher.add(str(order), [pattern])
                    self.has_multi = True
                    continue
                tags = _values(pattern[0].get("TAG"))
                lowers = _values(pattern[0].get("LOWER"))
                for tag in tags:
                    for lower in lowers:
                        self.index.setdefault((tag, lower), []).append((order, predicate))

    def __call__(self, doc: Any) -> Any:
        from spacy.tokens import Span
        from spacy.tokens._retokenize import set_token_attrs

        found: list[tuple[int, int, int]] = []
        index = self.index
        empty: list[tuple[int, Predicate]] = []
        for token in doc:
            tag, lower = token.tag_, token.lower_
            for key in ((tag, lower), (tag, None), (None, lower), (None, None)):
                for order, predicate in index.get(key, empty):
                    if predicate(token):
                        found.append((order, token.i, token.i + 1))
        if self.has_multi:
            for match_id, start, end in self.matcher(doc, allow_missing=True):
                found.append((int(doc.vocab.strings[match_id]), start, end))
        found.sort()
        for order, start, end in found:
            set_token_attrs(Span(doc, start, end)[self.indices[order]], self.attrs[order])
        return doc
