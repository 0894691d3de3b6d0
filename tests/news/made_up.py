"""Made-up disputes for the news tests of the ninth round on (our own sentences, no words of
any article): dockworkers against a port operator, with a mediation board and a shippers'
council; Norland and Vesta over electricity from a border dam; Chile and Argentina over winter
gas, with a development bank. `SCENARIOS` holds them as `redline/1` data; the `made_up`
fixture (conftest) loads them once; `positions_of` reads a text against one."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.news.positions import positions

DAY = date(2026, 7, 14)


def preferences(actors: tuple[str, ...], issues: tuple[str, ...]) -> dict[str, Any]:
    return {who: {"weights": {i: 1 for i in issues},
                  "values": {i: ([0.0, 1.0] if k % 2 else [1.0, 0.0]) for i in issues},
                  "reservation": 0.3} for k, who in enumerate(actors)}


def issue(ident: str, name: str, aliases: list[str]) -> dict[str, Any]:
    return {"id": ident, "name": name, "options": ["no", "yes"], "status_quo": "no",
            "aliases": aliases}


_DOCK_ISSUES = ("pay", "cranes", "strike")
DOCKS = {
    "format": "redline/1",
    "title": "Dockworkers against the Kestrel port operator",
    "actors": [
        {"id": "DWU", "name": "Harbour Dockworkers' Union", "role": "party",
         "aliases": ["the union", "dockers", {"name": "Maria Okafor", "role": "union leader"}]},
        {"id": "PKO", "name": "Kestrel Port Operations", "role": "party",
         "aliases": ["the operator", "Kestrel",
                     {"name": "Henrik Dahl", "role": "chief executive"}]},
        {"id": "MED", "name": "Labour Mediation Board", "role": "mediator",
         "aliases": ["the board", {"name": "Anna Sorensen", "role": "chief mediator"}]},
        {"id": "SHC", "name": "Shippers' Council", "role": "stakeholder",
         "aliases": ["the council", "shippers"]},
    ],
    "issues": [
        issue("pay", "Hourly pay", ["hourly pay", "pay rise", "wages"]),
        issue("cranes", "Automated cranes", ["automated cranes", "automation"]),
        issue("strike", "The strike", ["strike", "walkout", "stoppage"]),
    ],
    "preferences": preferences(("DWU", "PKO"), _DOCK_ISSUES),
}

_POWER_ISSUES = ("price", "deliveries", "arrears")
POWER = {
    "format": "redline/1",
    "title": "Norland and Vesta over electricity from the Brenna dam",
    "actors": [
        {"id": "NOR", "name": "Norland", "role": "party",
         "aliases": ["Ostby", {"name": "Lars Eng", "role": "energy minister"}]},
        {"id": "VES", "name": "Vesta", "role": "party",
         "aliases": ["Marholm", {"name": "Ines Varga", "role": "economy minister"}]},
        {"id": "BRC", "name": "Brenna Power Company", "role": "party",
         "aliases": ["the power company", {"name": "Tomas Holm", "role": "chief executive"}]},
        {"id": "EBK", "name": "Eastern Development Bank", "role": "stakeholder",
         "aliases": ["the bank"]},
    ],
    "issues": [
        issue("price", "Electricity price", ["electricity price", "tariff", "price of power"]),
        issue("deliveries", "Electricity deliveries", ["electricity deliveries",
                                                        "power exports", "deliveries"]),
        issue("arrears", "Unpaid invoices", ["unpaid invoices", "arrears", "escrow account"]),
    ],
    "preferences": preferences(("NOR", "VES", "BRC"), _POWER_ISSUES),
}

ANDES = {
    "format": "redline/1",
    "title": "Chile and Argentina over winter gas",
    "actors": [
        {"id": "CHL", "name": "Chile", "role": "party",
         "aliases": ["Santiago", {"name": "Rosa Vidal", "role": "energy minister"}]},
        {"id": "ARG", "name": "Argentina", "role": "party",
         "aliases": ["Buenos Aires", {"name": "Martin Ruiz", "role": "energy secretary"}]},
        {"id": "ADB", "name": "Andean Development Bank", "role": "stakeholder",
         "aliases": ["the bank", {"name": "Laura Pinto", "role": "country director"}]},
    ],
    "issues": [issue("gas", "Gas exports", ["gas exports"]),
               issue("price", "Gas price", ["gas price"])],
    "preferences": preferences(("CHL", "ARG"), ("gas", "price")),
}
SCENARIOS = {"docks": DOCKS, "power": POWER, "andes": ANDES}


def positions_of(text: str, scenario: Any) -> list[tuple[str, str, str | None]]:
    """(actor, stance, issue) of the positions `text` takes in `scenario`, talks left out."""
    return positions(text, scenario, DAY, talks=False)
