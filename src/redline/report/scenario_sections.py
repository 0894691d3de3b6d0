"""Sections about the scenario itself: at a glance, and the statements it rests on."""

from __future__ import annotations

from typing import Any

from redline.report.markup import Raw, Section, number, paragraph, table, text


def _point(value: Any) -> Any:
    if isinstance(value, dict) and "mode" in value:
        return f"{value['mode']:g} ({value['low']:g}–{value['high']:g})"
    return value


def _refs(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def glance(document: dict[str, Any]) -> Section:
    """Actors, issues and red lines with their sources, from the scenario document (as JSON)."""
    sources = {s["id"]: s for s in document.get("sources", [])}
    prefs = document.get("preferences", {})
    parts = []
    if document.get("description"):
        parts.append(paragraph(text(document["description"])))
    if document.get("date"):
        parts.append(paragraph("As of ", text(document["date"]), "."))
    parts.append("<h3>Actors</h3>")
    parts.append(table(
        ["id", "name", "role", "power", "reservation", "top issue"],
        [[a["id"], a["name"], a["role"], number(_point(a.get("power", 1.0)), 2),
          number(_point(prefs.get(a["id"], {}).get("reservation", "")), 2),
          _top_issue(prefs.get(a["id"]))] for a in document["actors"]]))
    parts.append("<h3>Issues</h3>")
    parts.append(table(
        ["id", "name", "options (ordered)", "status quo"],
        [[i["id"], i["name"], _options(i), i.get("status_quo", "—")]
         for i in document["issues"]]))
    red_lines = document.get("red_lines", [])
    if red_lines:
        parts.append("<h3>Red lines</h3>")
        rows = []
        for red in red_lines:
            kind = (f"refuses agenda with: {', '.join(red['refuses_agenda'])}"
                    if red.get("refuses_agenda") else f"rule: {red['rule'].strip()}")
            cited = [sources[s]["statement"].strip() for s in _refs(red.get("source"))
                     if s in sources]
            rows.append([red["id"], red["actor"], kind,
                         number(_point(red.get("credibility", 1.0)), 2),
                         red.get("description", ""),
                         Raw("<br>".join(f"<q>{text(c)}</q>" for c in cited))])
        parts.append(table(["id", "actor", "red line", "credibility", "meaning", "source"],
                           rows, css="wide"))
    return Section("glance", "The scenario at a glance", "".join(parts))


def situation(block: dict[str, Any] | None) -> Section | None:
    """What every later section assumes: the one situation (agenda, events, influence, date,
    reservations after pressure, refusals), from the `situation` block of the engines' JSON."""
    if not block:
        return None
    rows = [["on the table", ", ".join(block["agenda"]) or "(none)"],
            ["off the table (status quo)",
             ", ".join(f"{i}: {o}" for i, o in block["off_agenda"].items()) or "—"],
            ["events applied", ", ".join(block["events"]) or "none"],
            ["influence applied", ", ".join(block["influence"]) or "none"],
            ["as of", block.get("date") or "—"],
            ["no-deal values (after pressure)",
             ", ".join(f"{p} {d:.2f}" for p, d in block["reservations"].items())],
            ["refuses this agenda",
             "; ".join(f"{r['actor']} ({r['red_line']})" for r in block["refused_by"]) or "nobody"]]
    note = paragraph(text("Every section below answers about this one situation: the same "
                          "agenda, events, influence and red lines."))
    return Section("situation", "The situation analysed", note + table(["", ""], rows))


def _top_issue(preference: dict[str, Any] | None) -> str:
    if not preference:
        return "—"
    weights = {k: float(v["mode"] if isinstance(v, dict) else v)
               for k, v in preference.get("weights", {}).items()}
    if not weights:
        return "—"
    total = sum(weights.values()) or 1.0
    best = max(sorted(weights), key=lambda k: weights[k])
    return f"{best} ({weights[best] / total:.0%})"


def statements(document: dict[str, Any], extracted: dict[str, Any] | None) -> Section | None:
    """The statements behind the scenario (its sources) and those extracted from news."""
    parts = []
    sources = document.get("sources", [])
    if sources:
        parts.append("<h3>Sources cited by the scenario</h3>")
        parts.append(table(
            ["id", "actor", "speaker", "statement", "date", "outlet / url"],
            [[s["id"], s.get("actor", ""), _speaker(s), s["statement"].strip(), s.get("date", ""),
              " ".join(x for x in (s.get("outlet"), s.get("url")) if x)] for s in sources],
            css="wide"))
    found = (extracted or {}).get("statements", [])
    if found:
        parts.append("<h3>Statements extracted from the news</h3>")
        parts.append(table(
            ["actor", "speaker", "stance", "issue", "sentence", "source", "date", "confidence"],
            [[_resolved(s, "actor"), _speaker(s), s.get("stance", ""), _resolved(s, "issue"),
              s.get("sentence", ""), s.get("source", ""), s.get("date", ""),
              number(s.get("confidence", ""), 2)] for s in found],
            css="wide"))
    if not parts:
        return None
    return Section("statements", "Statements behind the scenario", "".join(parts))


def _resolved(statement: dict[str, Any], key: str) -> str:
    """A statement's actor or issue: the scenario id it was resolved to (`redline extract
    --scenario`), else the extractor's own code or phrase."""
    resolved = statement.get("resolved") or {}
    return str(resolved.get(key) or statement.get(key) or "")


def _speaker(statement: dict[str, Any]) -> str:
    who = statement.get("speaker") or ""
    role = statement.get("speaker_role") or ""
    return f"{who} ({role})" if who and role else who or role


def _options(issue: dict[str, Any]) -> str:
    """An issue's ordered options, or a numeric issue's range, unit and grid."""
    if issue.get("range") is None:
        return " < ".join(issue["options"])
    low, high = issue["range"]
    unit = f" {issue['unit']}" if issue.get("unit") else ""
    return f"{low:g} to {high:g}{unit} ({len(issue['options'])} grid points)"
