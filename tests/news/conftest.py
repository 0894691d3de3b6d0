"""Fixtures for the news tests: the spaCy pipeline (skipped without the nlp extra), our own
test articles (our own sentences), the shipped scenario."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "seed"

# Our own sentences, written for these tests (a made-up story, not from any outlet).
STORY = "\n".join([
    'Oman Hosts New Round of Talks',
    "Iran's president said on Tuesday that uranium enrichment is a red line for his government.",
    "Abbas Araghchi, the foreign minister, told reporters that Tehran would accept "
    "inspections only if sanctions were lifted.",
    'The United States rejected the Iranian proposal on the stockpile.',
    'Washington demanded that Iran ship its highly enriched uranium abroad.',
    'Israel urged the United States to insist on limits to ballistic missiles.',
    'Talks between American and Iranian envoys were held in Muscat yesterday.',
    'The Iranian government threatened to expel inspectors of the IAEA.',
    'France welcomed the talks.',
    'Iran later conceded on inspections, allowing monitoring cameras to return.',
]) + "\n"


@pytest.fixture(scope="session")
def nlp():
    pytest.importorskip("spacy", reason="the nlp extra (spaCy) is not installed")
    from redline.news.language import MissingExtraError, pipeline

    try:
        return pipeline()
    except MissingExtraError as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def scenario():
    from redline.scenario import load

    return load(ROOT / "examples" / "us-iran-2026.yaml")


@pytest.fixture(scope="session")
def story(nlp, scenario):
    from datetime import date

    from redline.news import extract_article, read_text

    return extract_article(read_text(STORY, "story.txt")[0], scenario, date(2026, 3, 5))


@pytest.fixture
def seed_dir() -> Path:
    if not SEED.is_dir() or not any(SEED.glob("*.txt")):
        pytest.skip("the seed article ../shared/seed/*.txt is absent (a fresh clone has none)")
    return SEED


@pytest.fixture(scope="session")
def made_up(nlp):
    """The made-up disputes of tests/news/made_up.py, loaded: name -> scenario."""
    from redline.scenario import load
    from tests.news.made_up import SCENARIOS

    return {name: load(data) for name, data in SCENARIOS.items()}
