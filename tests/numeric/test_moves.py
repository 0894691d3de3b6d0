"""How far a red line's number must move for a deal to open: the exact number (not a grid step),
checked by solving again with the threshold just past it and just short of it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

pytest.importorskip("scipy.optimize", reason="the exact number comes from HiGHS (scipy)")

from redline.cli import app, commands  # noqa: E402, F401
from redline.scenario import load  # noqa: E402
from redline.space import exact_solutions  # noqa: E402
from redline.space.explain import explain  # noqa: E402

HERE = Path(__file__).parent


def deal(rules: list[dict[str, Any]], seller: float = 0.35, buyer: float = 0.25
         ) -> dict[str, Any]:
    data = yaml.safe_load((HERE / "three-way-price.yaml").read_text())
    data["red_lines"] = rules
    data["preferences"]["SEL"]["reservation"] = seller
    data["preferences"]["BUY"]["reservation"] = buyer
    return data


def opens(data: dict[str, Any], rule: str) -> bool:
    """Whether the exact method finds a deal with the buyer's red line replaced by `rule`."""
    changed = {**data, "red_lines": [{"id": "cheap", "actor": "BUY", "rule": rule}]}
    return exact_solutions(load(changed)).zopa


def test_a_price_cap_must_rise_to_the_sellers_exact_break_even() -> None:
    # The seller needs 0.7 v(p) + 0.2 + 0.1 >= 0.35 at best, v(p) = (p - 80) / 40 below 100:
    # p >= 80 + 40/14 = 82.857..., between the 5-euro grid points 80 and 85.
    data = deal([{"id": "cheap", "actor": "BUY", "rule": "price <= 82"}])
    explained = explain(load(data))
    assert not explained.zopa
    (blocking,) = [b for b in explained.blocking_sets if b.constraints == ("cheap",)]
    move = blocking.gives_up[0].move
    assert move is not None and move.issue == "price" and move.unit == "EUR/t"
    assert move.before == 82 and move.after == pytest.approx(80 + 40 / 14, abs=1e-9)
    assert move.by == pytest.approx(40 / 14 - 2, abs=1e-9) and not move.strict
    assert opens(data, f"price <= {move.after + 1e-7}")
    assert not opens(data, f"price <= {move.after - 1e-4}")


def test_a_floor_an_interval_and_a_strict_cap_move_to_the_nearest_opening_number() -> None:
    # a seller's floor against a buyer needing 0.7: at
    # best 0.6 (1 - (p - 80) / 60) + 0.25 + 0.15 >= 0.7, so p <= 110
    floor = deal([{"id": "cheap", "actor": "SEL", "rule": "price >= 139"}], buyer=0.7)
    (blocking,) = [b for b in explain(load(floor)).blocking_sets if b.constraints == ("cheap",)]
    move = blocking.gives_up[0].move
    assert move is not None and move.after == pytest.approx(110.0, abs=1e-9) and move.before == 139
    window = deal([{"id": "cheap", "actor": "SEL", "rule": "price in [131, 138]"}], buyer=0.7)
    (blocking,) = [b for b in explain(load(window)).blocking_sets if b.constraints == ("cheap",)]
    move = blocking.gives_up[0].move
    assert move is not None and move.before == 131 and move.after == pytest.approx(110, abs=1e-9)
    strict = deal([{"id": "cheap", "actor": "BUY", "rule": "price < 82"}])
    (blocking,) = [b for b in explain(load(strict)).blocking_sets if b.constraints == ("cheap",)]
    move = blocking.gives_up[0].move
    assert move is not None and move.strict
    assert move.after == pytest.approx(80 + 40 / 14, abs=1e-9)


def test_a_rule_on_options_has_no_number_to_move() -> None:
    data = deal([{"id": "cheap", "actor": "BUY", "rule": "insurer == 'buyer' and price <= 82"}])
    for blocking in explain(load(data)).blocking_sets:
        assert all(g.move is None for g in blocking.gives_up)


def test_explain_says_how_far_the_number_must_move(tmp_path: Path) -> None:
    path = tmp_path / "cap.yaml"
    path.write_text(yaml.safe_dump(deal([{"id": "cheap", "actor": "BUY",
                                          "rule": "price <= 82"}])))
    result = CliRunner().invoke(app, ["explain", str(path)])
    assert result.exit_code == 0, result.output
    assert "from 82 to 82.8571" in " ".join(result.output.split())
    data = CliRunner().invoke(app, ["explain", str(path), "--format", "json"])
    sets = __import__("json").loads(data.output)["blocking_sets"]
    moves = [g["move"] for b in sets for g in b["gives_up"] if "move" in g]
    assert moves and moves[0]["to"] == pytest.approx(80 + 40 / 14)


def test_a_stored_explanation_keeps_the_move() -> None:
    from redline.space.explain import Concession

    data = deal([{"id": "cheap", "actor": "BUY", "rule": "price <= 82"}])
    (blocking,) = [b for b in explain(load(data)).blocking_sets if b.constraints == ("cheap",)]
    concession = blocking.gives_up[0]
    again = Concession.from_dict(concession.to_dict())
    assert again == concession
    assert "or moves the number in 'price <= 82' from 82 to 82.8571 EUR/t" in again.in_words()
