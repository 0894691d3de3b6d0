"""Stored statements in a scenario's ids: those stored with this scenario keep their
resolution, the others (stored without a scenario, or with another) are resolved now by
`redline.news.resolution`, from the fields the store keeps."""

from __future__ import annotations

from dataclasses import dataclass

from redline.news.resolution import resolve
from redline.news.scenario_names import ScenarioNames
from redline.news.statement import Statement
from redline.scenario import Scenario
from redline.store.database import Store
from redline.store.queries import StoredStatement, stored_statements


@dataclass(frozen=True)
class Position:
    """A stored statement in the scenario's ids (None where the text did not say)."""

    actor: str
    stance: str
    issue: str | None
    addressee: str | None
    condition_issue: str | None
    date: str | None
    stored: StoredStatement


def positions(store: Store, scenario: Scenario, since: str | None = None) -> list[Position]:
    """Stored statements (dated `since` or later) in `scenario`'s ids; an actor the scenario
    does not have keeps the extractor's code."""
    names = ScenarioNames.of(scenario)
    out = []
    for item in stored_statements(store):
        if since is not None and (item.date or "") < since:
            continue
        if item.scenario == scenario.title:
            actor, issue = item.resolved_actor, item.resolved_issue
            addressee, price = item.resolved_addressee, item.condition_issue
        else:
            first = item.citations[0] if item.citations else None
            statement = Statement(
                actor=item.actor, stance=item.stance, sentence=first.sentence if first else "",
                start=0, end=0, source=first.source if first else "", rule="stored",
                confidence=item.confidence, speaker=item.speaker,
                speaker_role=item.speaker_role, issue=item.issue, issue_text=item.issue_text,
                condition=item.condition, addressee=item.addressee)
            r = resolve(statement, scenario, names)
            actor, issue, addressee, price = r.actor, r.issue, r.addressee, r.condition_issue
        actor = actor or item.actor
        if actor:
            out.append(Position(actor, item.stance, issue, addressee, price, item.date, item))
    return out
