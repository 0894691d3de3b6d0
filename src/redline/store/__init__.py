"""The only package that talks to the database: articles, statements, scenarios.

SQLAlchemy, Alembic and platformdirs are optional (the `store` extra), imported on first use.
"""

from redline.store.database import ENV, Store, StoreError, default_url, open_store, resolve_url
from redline.store.feeds import PollReport, poll, poll_feed, watch
from redline.store.ingest import IngestReport, content_hash, ingest, statement_key
from redline.store.queries import Citation, StoredStatement, stored_statements
from redline.store.scenarios import (
    StoredScenario,
    delete_scenario,
    get_scenario,
    list_scenarios,
    put_scenario,
)
from redline.store.suggest import Suggestion, Suggestions, suggest
from redline.store.timeline import Move, Timeline, timeline
from redline.store.versions import (
    ScenarioVersion,
    delete_history,
    get_version,
    save_version,
    scenario_history,
)

__all__ = [
    "ENV",
    "Citation",
    "IngestReport",
    "Move",
    "PollReport",
    "Store",
    "StoreError",
    "StoredScenario",
    "ScenarioVersion",
    "StoredStatement",
    "Suggestion",
    "Suggestions",
    "Timeline",
    "content_hash",
    "default_url",
    "delete_history",
    "delete_scenario",
    "get_scenario",
    "get_version",
    "ingest",
    "list_scenarios",
    "open_store",
    "poll",
    "poll_feed",
    "put_scenario",
    "resolve_url",
    "save_version",
    "scenario_history",
    "statement_key",
    "stored_statements",
    "suggest",
    "timeline",
    "watch",
]
