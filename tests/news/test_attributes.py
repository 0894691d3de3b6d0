"""The fast attribute ruler gives exactly what spaCy's own gives."""

from __future__ import annotations

from tests.news.conftest import STORY


def test_same_tags_morphology_and_lemmas_as_spacy(nlp):
    from redline.news.attributes import FastAttributeRuler
    from redline.news.language import pipeline

    reference = pipeline(fast_attributes=False)
    assert isinstance(nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
    texts = [STORY, "There's a deal they're gonna sign, but it ain't done; let's see. "
             "Y'all know the U.S. won't wait, c'mon.", "The talks, which began in 2019, "
             "stalled; nonetheless, both sides said they'd return to Geneva."]
    for fast, slow in zip(nlp.pipe(texts), reference.pipe(texts), strict=True):
        assert [(t.pos_, t.tag_, str(t.morph), t.lemma_) for t in fast] == \
               [(t.pos_, t.tag_, str(t.morph), t.lemma_) for t in slow]
