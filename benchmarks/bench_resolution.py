"""Resolved positions: statements mapped onto a scenario's actors and issues, against positions
written by hand (actor, stance, issue as scenario ids).

    python benchmarks/bench_resolution.py [PREFIX ...]
        (default: held res bata batb ... batz bba ... bbl drl drm)

Each held-back article of tests/news/articles (`held*`, which earlier rounds used to tune the
extractor), each `res*`, `bata*` and `batb*` article (written with its scenario and expected
positions before anything was run on it, measured once, then used to develop the resolver),
each `batc*` to `batz*` and `bba*` to `bbl*` article (written the same way, measured once,
then tuned on in the next round, except `bbc*` and `bbi*` to `bbl*`, not tuned on; docs/news.md
keeps each batch's
first run; from `bbe*` on each expected position gives its sentence as its `evidence`, and
from `bbg*` on the scenario's aliases are general names, not phrases of the article) and
each drill (`drl*`, `drm*`: development data, every stance in other words or the hardest
stances in plain words) has a
small scenario with aliases and its expected positions under `resolved/`. Precision = paired /
found positions (statements whose actor resolves to one of the scenario's), recall = paired /
expected, pairs one to one (a talks statement may name either side; a triple written twice
in an expected file counts once, as the codebook defines a position). The peer, run in the same
process, maps the extractor's output as it stood before resolution: the actor's code if it is a
scenario id, the issue by the scenario's issue names in the statement's issue words (else, with
no issue words, in its sentence).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from redline.news.issues import IssueMatcher  # noqa: E402
from redline.news.scoring import (  # noqa: E402
    RESOLVED,
    resolved_article,
    resolved_positions,
    score,
)

ARTICLES = ROOT / "tests" / "news" / "articles"


def peer_positions(statements, scenario) -> list[dict]:
    """The old mapping: extractor codes that are scenario ids, issue names in the issue words."""
    matcher = IssueMatcher.from_scenario(scenario)
    ids = {a.id for a in scenario.actors}
    out = []
    for s in statements:
        if s.actor in ids:
            issue = matcher.find(s.issue_text) if s.issue_text else (
                matcher.find(s.sentence) if s.stance != "reject" else None)
            out.append({"actor": s.actor, "stance": s.stance, "issue": issue})
    return out


def measure(prefix: str) -> None:
    ours, peer = [], []
    for text in sorted(ARTICLES.glob(f"{prefix}*.txt")):
        if not (ARTICLES / "resolved" / f"{text.stem}.yaml").is_file():
            continue  # an article with no scenario of its own is not part of this measure
        scenario, found, expected = resolved_article(ARTICLES, text.stem)
        ours.append((text.stem, resolved_positions(found), expected))
        peer.append((text.stem, peer_positions(found, scenario), expected))
    for name, results in (("resolution", ours), ("peer: codes + issue names", peer)):
        result = score(results, RESOLVED)
        o = result.overall
        print(f"{prefix + '*':6s} {name:28s} precision {o.precision:.3f} recall {o.recall:.3f} "
              f"({o.paired} paired, {o.found} found, {o.expected} expected)")
        if name == "resolution":
            for stance, counts in result.per_stance.items():
                print(f"    {stance:18s} P {counts.precision:.2f} R {counts.recall:.2f} "
                      f"({counts.paired}/{counts.found}/{counts.expected})")


def main() -> None:
    for prefix in sys.argv[1:] or ("held", "res", "bata", "batb", "batc", "batd", "bate", "batf",
                                         "batg", "bath", "bati", "batj", "batk", "batl", "batm",
                                         "batn", "bato", "batp", "batq", "batr", "bats",
                                         "batt", "batu", "batv", "batw", "batx", "baty",
                                         "batz", "bba", "bbb", "bbc", "bbd", "bbe", "bbf",
                                         "bbg", "bbh", "bbi", "bbj", "bbk", "bbl", "drl",
                                         "drm"):
        measure(prefix)


if __name__ == "__main__":
    main()
