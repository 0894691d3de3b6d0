"""How well extraction generalises: our own news-style articles (written for this test, nine
stories on other negotiations than the seed) scored against hand-written expected statements.

The `dev*` articles were used while improving the rules; the `held*` ones were written before
any result was seen and never used for tuning: their figures are printed, the honest estimate.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.news.scoring import ExpectedError, pair, read_expected, score, score_articles

ARTICLES = Path(__file__).parent / "articles"

# Reached on the development parts (docs/news.md), minus a small margin: dev01-06 (rounds one
# to three) and dev07-09 (organisations, unions, companies, parties; issue 12).
FLOORS = {("dev0", "stance"): (0.90, 0.98), ("dev0", "issue"): (0.84, 0.91),
          ("dev07-09", "stance"): (0.85, 0.85), ("dev07-09", "issue"): (0.78, 0.78)}
_SETS = {"dev0": ("dev01", "dev02", "dev03", "dev04", "dev05", "dev06"),
         "dev07-09": ("dev07", "dev08", "dev09")}


def _combined(prefixes, level):
    parts = [score_articles(ARTICLES, prefix)[level] for prefix in prefixes]
    return tuple(sum(getattr(p.overall, key) for p in parts)
                 for key in ("paired", "found", "expected")), parts


@pytest.mark.parametrize(("name", "level"), list(FLOORS))
def test_development_floors(nlp, name, level):
    (paired, found, expected), parts = _combined(_SETS[name], level)
    floor_p, floor_r = FLOORS[(name, level)]
    assert expected >= 30  # the set is all there
    assert paired / found >= floor_p, [p.spurious for p in parts]
    assert paired / expected >= floor_r, [p.missed for p in parts]


def test_held_back_figures(nlp, capsys):
    # held01-03 were used once to judge a round of changes; held04-06 were written afterwards,
    # before the next round, and measured before and after it (docs/news.md).
    sets = {"held01-03": ("held01", "held02", "held03"),
            "held04-06": ("held04", "held05", "held06"),
            "held07-09": ("held07", "held08", "held09"),
            "held10-12": ("held10", "held11", "held12")}
    with capsys.disabled():
        for name, prefixes in sets.items():
            parts = [score_articles(ARTICLES, prefix) for prefix in prefixes]
            for level in ("stance", "issue"):
                paired, found, expected = (sum(getattr(part[level].overall, key)
                                               for part in parts)
                                           for key in ("paired", "found", "expected"))
                print(f"\n{name} {level}: precision {paired / found:.3f} recall "
                      f"{paired / expected:.3f} ({paired} paired, {found} found, "
                      f"{expected} expected)")
                assert expected >= 25 and found > 0


def test_every_expected_file_reads_and_uses_known_stances():
    from redline.news import STANCES

    files = sorted(ARTICLES.glob("*.json"))
    assert len(files) >= 9
    for path in files:
        data = read_expected(path)
        assert path.with_suffix(".txt").is_file()
        assert {s["stance"] for s in data["statements"]} <= set(STANCES), path


def test_pairing_is_one_to_one_and_maximal():
    found = [{"actor": "EGY", "stance": "red_line", "issue": "water security"},
             {"actor": "EGY", "stance": "red_line", "issue": "filling schedule"}]
    # A greedy pairing would give "water" the first statement and leave "water security" alone.
    expected = [{"actor": "EGY", "stance": "red_line", "issue": "water"},
                {"actor": "EGY", "stance": "red_line", "issue": "water security"}]
    assert len(pair(found, expected, "issue")) == 1
    expected[0]["issue"] = "filling"
    assert sorted(pair(found, expected, "issue")) == [(0, 1), (1, 0)]
    assert len(pair(found * 2, expected[:1], "stance")) == 1


def test_talks_count_for_either_side_and_scores_add_up():
    found = [{"actor": "ETH", "stance": "consult", "issue": None},
             {"actor": "ETH", "stance": "reject", "issue": "quota"}]
    expected = [{"actor": "EGY", "stance": "consult", "addressee": "ETH", "issue": None},
                {"actor": "EGY", "stance": "reject", "issue": "quota"}]
    result = score([("a", found, expected)], "stance")
    assert (result.overall.paired, result.overall.found, result.overall.expected) == (1, 2, 2)
    assert result.overall.precision == result.overall.recall == 0.5
    assert result.per_stance["consult"].recall == 1.0
    assert result.per_stance["reject"].recall == 0.0
    assert result.missed == (("a", "EGY", "reject", "quota"),)
    assert result.to_dict()["overall"]["paired"] == 1


def test_bad_expected_file_is_one_clear_error(tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text('{"statements": [{"stance": "demand"}]}', encoding="utf-8")
    with pytest.raises(ExpectedError, match="statement 0 needs a 'stance' and an 'actor'"):
        read_expected(bad)
    bad.write_text("not json", encoding="utf-8")
    with pytest.raises(ExpectedError, match="cannot read"):
        read_expected(bad)
    with pytest.raises(ExpectedError, match="no held"):
        score_articles(tmp_path, "held")


def _found(text, day="2026-03-01"):
    from datetime import date

    from redline.news import extract_article, read_text

    return [s.to_dict() for s in extract_article(read_text(text, "t.txt")[0], None,
                                                 date.fromisoformat(day)).statements]


# New sentences (not from the articles above), one per generalisation.
@pytest.mark.parametrize(("text", "actor", "stance", "rule"), [
    ("Chile said a toll on the mountain road would be unacceptable.", "CHL", "red_line",
     "RL-PHRASE"),
    ("Peru said access to the lake is a line it will not cross.", "PER", "red_line",
     "RL-PHRASE"),
    ("Bolivia said it would not give up its claim to the coast.", "BOL", "red_line",
     "RL-NOT-GIVE-UP"),
    ("Later, Ghana agreed to return the seized trawlers.", "GHA", "concede", "CONC-AGREE-TO"),
    ("Kenya said Nairobi could lower its duties, but only if Uganda also cut its levies.",
     "KEN", "conditional_offer", "OFFER-MODAL-COND"),
    ("Mali was ready to reopen the border provided that Niger paid the fees.\n\n", "MLI",
     "conditional_offer", "OFFER-WILLING-COND"),
    ("Chile said it would never agree to a toll on the border road.", "CHL", "red_line",
     "RL-NEVER"),
    ("Chile would never recognise the new border.", "CHL", "red_line", "RL-NEVER"),
    ("Peru released six fishermen on Tuesday.", "PER", "concede", "CONC-PAST-ACT"),
    ("The Turkish government withdrew its troops from the valley.", "TUR", "concede",
     "CONC-PAST-ACT"),
    ("Ghana and Togo agreed to a new round of talks on the lagoon.", "GHA", "consult",
     "CONS-AGREE-TALKS"),
    ("Ghana and Togo Agree to Talks on Lagoon Dispute\n\nThe text follows.", "GHA", "consult",
     "CONS-AGREE-TALKS"),
])
def test_new_phrasings(nlp, text, actor, stance, rule):
    found = _found(text)
    assert any(s["actor"] == actor and s["stance"] == stance and s["rule"] == rule
               for s in found), found


@pytest.mark.parametrize("text", [
    "Chile said it would never agree to a toll on the border road.",
    "Ghana and Togo agreed to a new round of talks on the lagoon.",
    "Peru released a statement on Tuesday.",
    "Peru has not released the fishermen.",
])
def test_no_wrong_stance_for_new_phrasings(nlp, text):
    stances = {s["stance"] for s in _found(text)}
    # never-agree is a red line (not a refusal), agreeing to talks is consulting (not support),
    # a released statement or an act not done concedes nothing.
    assert not stances & {"reject", "support", "concede"}, stances


def test_people_places_and_coordinated_subjects(nlp):
    found = _found("Mexico asked for a water treaty.\n"
                   "Foreign Minister Ana Ruiz, speaking in Washington, said Mexico was ready to "
                   "release more water if the drought eased.\n"
                   "Later, Ruiz said the quota must fall.\n"
                   "Spain and Portugal urged the two countries to settle the dispute.\n")
    later = next(s for s in found if s["sentence"].startswith("Later"))
    assert later["actor"] == "MEX"  # the person quoted before, not the capital named as a place
    urged = {s["actor"] for s in found if s["stance"] == "urge"}
    assert urged == {"ESP", "PRT"}


@pytest.mark.parametrize(("text", "actor", "word"), [
    ("Japan warned it would walk out unless China lifted the seafood ban.", "JPN", "seafood"),
    ("Israel warned that it would act alone if negotiators failed to curb Iran's ballistic "
     "missile programme.", "ISR", "missile"),
    ("Egypt warned that it would resume strikes if the talks failed.", "EGY", "strikes"),
])
def test_threat_finds_its_issue(nlp, text, actor, word):
    found = _found(text)
    threats = [s for s in found if s["stance"] == "threaten"]
    assert [s["actor"] for s in threats] == [actor], found
    assert word in (threats[0]["issue"] or ""), threats
    # the threatened act is part of the threat, not an offer of its own
    assert not any(s["stance"] == "conditional_offer" for s in found), found


def test_brussels_speaks_for_the_eu(nlp):
    found = _found("Officials in Brussels urged Hungary to respect the court ruling.")
    assert [(s["actor"], s["stance"]) for s in found] == [("EU", "urge")], found
