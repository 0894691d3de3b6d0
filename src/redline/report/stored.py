"""The statements kept in the redline database about a scenario's actors, as report input."""

from __future__ import annotations

from typing import Any

from redline.scenario import Scenario


def stored_statements(scenario: Scenario, url: str) -> dict[str, Any]:
    """`redline-statements/1`: every stored statement of the scenario's actors (their scenario
    ids where resolved), oldest first, each with its first citation's sentence and all its
    sources."""
    from redline.store import open_store
    from redline.store import stored_statements as query

    rows: list[dict[str, Any]] = []
    with open_store(url) as store:
        for actor in scenario.actors:
            for s in query(store, actor=actor.id):
                first = s.citations[0] if s.citations else None
                rows.append({
                    "actor": s.who, "speaker": s.speaker, "speaker_role": s.speaker_role,
                    "stance": s.stance, "issue": s.about, "condition": s.condition,
                    "date": s.date, "confidence": s.confidence,
                    "sentence": first.sentence if first else "",
                    "source": "; ".join(dict.fromkeys(c.source for c in s.citations)),
                })
    rows.sort(key=lambda r: (r["date"] is None, r["date"] or "", r["actor"] or "",
                             r["sentence"]))
    return {"format": "redline-statements/1", "statements": rows}
