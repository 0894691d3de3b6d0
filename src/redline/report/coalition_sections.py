"""The decision-rule section: who can adopt a deal, the likeliest coalition, voting power.

Renders `redline coalitions --format json` (`redline-coalitions/1`), with the optional "power"
block (`redline-power/1`) the report's gatherer adds; a unanimity result has no section.
"""

from __future__ import annotations

from typing import Any

from redline.report.markup import Section, package, paragraph, table, text


def decision_rule(data: dict[str, Any]) -> Section | None:
    """Candidate coalitions with their deals, the likeliest one, the core test and power."""
    if data.get("unanimity", True):
        return None
    parts = [paragraph(text(f"Decision rule: {data.get('rule', '')}. A deal needs a winning "
                            "coalition, not every party."))]
    rows = []
    for entry in data.get("coalitions", []):
        nash = entry.get("nash") or {}
        gains = nash.get("gains") or {}
        overrides = list(entry.get("overrides", []))
        if entry.get("below_reservation"):
            overrides.append("below no deal: " + ", ".join(entry["below_reservation"]))
        members = entry.get("members", [])
        outsiders = entry.get("outsiders", [])
        who = (f"all {len(members)} but {', '.join(outsiders)}"
               if outsiders and len(outsiders) < len(members) else ", ".join(members))
        low = min(gains.values()) if gains else None
        rows.append([who + (" (likeliest)" if members == data.get("likeliest") else ""),
                     "yes" if entry.get("zopa") else "no", package(nash.get("outcome", {}))
                     or "—", "—" if low is None else f"{low:+.3f}",
                     "; ".join(overrides) or "—"])
    parts.append(table(["coalition", "deal", "Nash package", "least gain", "overrides"], rows,
                       css="wide"))
    if data.get("likeliest") is None:
        parts.append(paragraph(text("No winning coalition has a deal.")))
    else:
        core = "it is in the core" if data.get("in_core") else (
            "it is not in the core: blocked by " + "; ".join(
                ", ".join(b) for b in data.get("blocked_by", [])))
        parts.append(paragraph(text(f"Likeliest coalition by {data.get('criterion', '')}; "
                                    f"{core}.")))
    power = data.get("power")
    if isinstance(power, dict) and power.get("shapley_shubik"):
        ss, bz = power["shapley_shubik"], power.get("banzhaf", {})
        order = sorted(ss, key=lambda m: -ss[m])
        parts.append(table(["member", "Shapley–Shubik", "Banzhaf"],
                           [[m, f"{ss[m]:.4f}", f"{bz.get(m, 0.0):.4f}"] for m in order]))
        parts.append(paragraph(text(f"Voting power ({power.get('method', '')}): the share of "
                                    "orderings in which a member is pivotal (Shapley–Shubik) "
                                    "and its share of all swings (Banzhaf).")))
    return Section("decision-rule", "Decision rule: who can adopt a deal", "".join(parts))
