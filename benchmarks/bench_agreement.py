"""Agreement between annotators, and the resolver against each of them and their consensus.

    python benchmarks/bench_agreement.py [PREFIX ...]   (default: every batch with a second coding)

The first coding of an article is its writer's (`tests/news/articles/resolved/<name>.json`); the
others are independent codings of the same article and scenario by annotators who saw neither
the writer's positions nor the scenario's red lines nor any output of the resolver
(`tests/news/articles/annotators/<annotator>/<name>.json`), all under docs/codebook.md. For
each batch, and pooled over them:

- between two annotators, precision and recall of one read against the other and their F1
  (positive specific agreement: the same whichever is the reference), each pair and every pair
  of codings of an article summed;
- the resolver (`redline extract --scenario`) against each annotator, and against the consensus:
  the positions at least two annotators coded;
- on the unseen batches, the same with neighbouring stances merged (red_line/reject,
  demand/urge, offer/conditional_offer/concede), to show how much of the disagreement is
  between neighbours.

A batch the resolver was tuned on (its writer's positions read while rules were written) is
marked; only the others measure unseen text.
"""

from __future__ import annotations

import json
import sys
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from redline.news.scoring import (  # noqa: E402
    RESOLVED,
    Counts,
    consensus_positions,
    resolved_article,
    resolved_positions,
    score,
)

ARTICLES = ROOT / "tests" / "news" / "articles"
ANNOTATORS = ARTICLES / "annotators"
TUNED_ON = ("batg", "bath", "bati", "batj", "batk", "batl", "batm", "batn", "bato", "batp",
            "batq", "batr", "batu", "batw", "batx")  # rounds 8 to 24 (O: quote attribution)
# Neighbouring stances merged, to see how much disagreement is between neighbours: a no (limit
# or refusal), an ask (by a side or an outsider), a give (offered, conditional or done).
FAMILY = {"red_line": "no", "reject": "no", "demand": "ask", "urge": "ask", "offer": "give",
          "conditional_offer": "give", "concede": "give"}


def merged(positions: list[dict]) -> list[dict]:
    """The positions with neighbouring stances merged into their family."""
    return [{**p, "stance": FAMILY.get(p["stance"], p["stance"])} for p in positions]


def codings(name: str) -> dict[str, list[dict]]:
    """Every coding of one article, the writer's first: annotator name -> positions."""
    out = {"writer": json.loads((ARTICLES / "resolved" / f"{name}.json").read_text(
        "utf-8"))["positions"]}
    for folder in sorted(p for p in ANNOTATORS.iterdir() if p.is_dir()):
        path = folder / f"{name}.json"
        if path.is_file():
            out[folder.name] = json.loads(path.read_text("utf-8"))["positions"]
    return out


def resolver(name: str) -> list[dict]:
    """The resolver's positions for one article, with its own scenario."""
    return resolved_positions(resolved_article(ARTICLES, name)[1])


def line(label: str, c: Counts) -> str:
    """One row: precision, recall, F1 and the counts behind them."""
    return (f"  {label:34s} P {c.precision:.3f}  R {c.recall:.3f}  F1 {c.f1:.3f}  "
            f"({c.paired} paired, {c.found} found, {c.expected} expected)")


def measure(names: list[str], title: str, coded: dict[str, dict[str, list[dict]]],
            found: dict[str, list[dict]], coarse: bool = False) -> None:
    """Print the agreement table of a set of articles, given each article's codings and the
    resolver's positions (with `coarse`, stances merged into their families)."""
    if coarse:
        coded = {n: {a: merged(p) for a, p in c.items()} for n, c in coded.items()}
        title += ", neighbouring stances merged"
    names = [n for n in names if len(coded[n]) > 1]
    if not names:
        return
    people = sorted({a for n in names for a in coded[n]}, key=lambda a: (a != "writer", a))
    print(f"{title}: {len(names)} articles, annotators {', '.join(people)}")
    for a, b in combinations(people, 2):
        shared = [n for n in names if a in coded[n] and b in coded[n]]
        if shared:
            result = score([(n, coded[n][b], coded[n][a]) for n in shared], RESOLVED)
            print(line(f"{b} against {a}", result.overall))
    pairs = [(n, coded[n][b], coded[n][a]) for n in names for a, b in combinations(coded[n], 2)]
    print(line("any two annotators", score(pairs, RESOLVED).overall))
    if coarse:
        found = {n: merged(found[n]) for n in names}
    for a in people:
        shared = [n for n in names if a in coded[n]]
        print(line(f"resolver against {a}", score(
            [(n, found[n], coded[n][a]) for n in shared], RESOLVED).overall))
    consensus = [(n, found[n], consensus_positions(list(coded[n].values()), 2))
                 for n in names if len(coded[n]) >= 3]
    if consensus:
        print(line("resolver against 2-of-3 consensus", score(consensus, RESOLVED).overall))


def main() -> None:
    """Each batch with a second coding, then all of them pooled."""
    names = sorted({p.stem for folder in ANNOTATORS.iterdir() if folder.is_dir()
                    for p in folder.glob("*.json")}) if ANNOTATORS.is_dir() else []
    prefixes = sys.argv[1:] or sorted({n[:4] for n in names})
    names = [n for n in names if n[:4] in prefixes]
    coded = {n: codings(n) for n in names}
    found = {n: resolver(n) for n in names}  # each article is extracted once
    for prefix in prefixes:
        tuned = " (tuned on the writer's coding)" if prefix in TUNED_ON else " (unseen)"
        measure([n for n in names if n.startswith(prefix)], prefix + tuned, coded, found)
    if len(prefixes) > 1:
        measure(names, "pooled", coded, found)
    unseen = [n for n in names if n[:4] not in TUNED_ON]
    measure(unseen, "pooled, unseen batches only", coded, found)
    measure(unseen, "pooled, unseen batches only", coded, found, coarse=True)


if __name__ == "__main__":
    main()
