"""Sections about the bargaining space: the utility-space plot, the solutions, what binds."""

from __future__ import annotations

from typing import Any

from redline.report.explaining import parallel_frontier
from redline.report.figures import space_figures
from redline.report.markup import Section, figure, number, package, paragraph, table, text
from redline.space.explain import Concession

SOLUTION_NAMES = {
    "nash": "Nash",
    "kalai_smorodinsky": "Kalai–Smorodinsky",
    "egalitarian": "egalitarian",
    "utilitarian": "utilitarian",
}


def bargaining_space(analysis: dict[str, Any], space: dict[str, Any] | None,
                     document: dict[str, Any] | None = None) -> Section:
    """ZOPA summary, the utility-space plot(s) and a table of the solutions."""
    parties = analysis["parties"]
    parts = [paragraph(
        f"Agenda: <b>{text(', '.join(analysis['agenda']) or '(none)')}</b>",
        _off_agenda(analysis))]
    if analysis["refused_by"]:
        refusals = "; ".join(f"{r['actor']} (red line {r['red_line']})"
                             for r in analysis["refused_by"])
        parts.append(paragraph("<b class=\"bad\">No talks on this agenda:</b> refused by ",
                               text(refusals), "."))
        refused = _refused_issues(analysis, document)
        if refused:
            rest = [i for i in analysis["agenda"] if i not in refused]
            parts.append(paragraph(text(
                f"Without {', '.join(refused)} on the table the parties would sit down: "
                f"try --agenda {','.join(rest)}." if rest else "")))
    else:
        parts.append(paragraph(
            f"{number(analysis['outcomes'])} outcomes; {number(analysis['feasible'])} satisfy "
            f"every party's red lines; {number(analysis['zopa_size'])} are also better than no "
            f"deal for every party (the ZOPA).",
            " <b class=\"good\">A deal exists.</b>" if analysis["zopa"]
            else " <b class=\"bad\">The ZOPA is empty.</b>"))
    reservations = ", ".join(f"{p} {analysis['reservations'][p]:.2f}" for p in parties)
    parts.append(paragraph("Reservation values (utility of no deal): ", text(reservations), "."))
    if space and space.get("too_large"):
        parts.append(paragraph(text(f"The space has {space['outcomes']:,} outcomes: too many to "
                                    "plot; only the frontier is shown.")))
    elif space and space.get("sampled"):
        parts.append(paragraph(text(f"The plot shows a fixed sample of {len(space['points']):,} "
                                    f"of the {space['outcomes']:,} outcomes.")))
    for svg in space_figures(analysis, space):
        parts.append(figure(svg, "Each dot is an outcome; dashed lines are the reservation values."))
    if len(parties) >= 3:
        lines_svg = parallel_frontier(analysis)
        if lines_svg:
            parts.append(figure(lines_svg, "Every frontier package as a line across the parties' "
                                           "utilities: no line lies below another on every axis "
                                           "(a pair of parties alone hides why a point is on the "
                                           "frontier); the Nash package in red."))
    rows = []
    for key, label in SOLUTION_NAMES.items():
        s = analysis["solutions"].get(key)
        if s:
            rows.append(_solution_row(label, s, parties))
    for party, s in analysis.get("best_for", {}).items():
        if s:
            rows.append(_solution_row(f"best for {party}", s, parties))
    if rows:
        parts.append("<h3>Solutions on the Pareto frontier</h3>")
        parts.append(table(["solution", "package", *[f"{p} utility (gain)" for p in parties],
                            "ties"], rows, css="wide"))
    return Section("space", "The bargaining space", "".join(parts))


def _refused_issues(analysis: dict[str, Any], document: dict[str, Any] | None) -> list[str]:
    if not document:
        return []
    lines = {r["id"]: r for r in document.get("red_lines", [])}
    found: list[str] = []
    for refusal in analysis["refused_by"]:
        for issue in lines.get(refusal["red_line"], {}).get("refuses_agenda") or []:
            if issue in analysis["agenda"] and issue not in found:
                found.append(issue)
    return found


def _off_agenda(analysis: dict[str, Any]) -> str:
    off = analysis.get("off_agenda") or {}
    if not off:
        return ""
    kept = ", ".join(f"{k} at {v}" for k, v in off.items())
    return f"; off the table (status quo): {text(kept)}"


def _solution_row(label: str, s: dict[str, Any], parties: list[str]) -> list[Any]:
    cells: list[Any] = [label, package(s["outcome"])]
    cells += [f"{s['utilities'][p]:.3f} ({s['gains'][p]:+.3f})" for p in parties]
    cells.append(s.get("ties", 1))
    return cells


def what_binds(analysis: dict[str, Any], explain: dict[str, Any] | None) -> Section:
    """Why no deal (the minimal blocking sets) or which red lines shape the frontier."""
    parts = []
    if analysis["refused_by"]:
        parts.append(paragraph("Talks fail before any package is weighed: an agenda red line "
                               "refuses the issues on the table. Take them off the agenda."))
    binding = analysis["binding_red_lines"]
    if binding and not analysis["refused_by"]:
        parts.append(paragraph("Binding red lines (removing one changes the Pareto frontier): ",
                               text(", ".join(binding)), "."))
    elif not analysis["refused_by"]:
        parts.append(paragraph("No single red line binds: removing any one leaves the frontier "
                               "unchanged."))
    applied = analysis.get("applied_red_lines", [])
    if applied:
        parts.append(paragraph("Red lines applied to agreements (the parties'): ",
                               text(", ".join(applied)), "."))
    if explain:
        parts.extend(_explanation(explain, analysis))
    title = "What binds" if analysis["zopa"] else "Why no deal"
    return Section("binds", title, "".join(parts))


def _explanation(explain: dict[str, Any], analysis: dict[str, Any]) -> list[str]:
    """`redline-explain/1`: minimal blocking sets (no ZOPA) or what binds the Nash point."""
    parts: list[str] = []
    sets = explain.get("blocking_sets", [])
    if sets:
        parts.append("<h3>Minimal sets of constraints whose removal opens a deal</h3>")
        rows = []
        for entry in sets:
            opens = entry.get("opens") or {}
            utilities = opens.get("utilities", {})
            concessions = [Concession.from_dict(g) for g in entry.get("gives_up", [])]
            rows.append([", ".join(entry.get("constraints", [])),
                         "; ".join(c.in_words() for c in concessions) or "—",
                         package(opens.get("outcome", {})) or "—",
                         ", ".join(f"{p} {u:.3f}" for p, u in utilities.items())])
        parts.append(table(["remove", "who gives up what", "deal that opens (Nash)",
                            "utilities"], rows, css="wide"))
        if explain.get("beyond_limit"):
            parts.append(paragraph(text(f"{explain['beyond_limit']} larger minimal set(s) beyond "
                                        "the size limit are not listed.")))
    elif not explain.get("zopa", analysis["zopa"]):
        parts.append(paragraph("No set of constraints within the search limit opens a deal."))
    binding = explain.get("binding", [])
    if binding:
        parts.append("<h3>Red lines that bind the Nash point</h3>")
        parts.append(table(
            ["red line", "of", "Nash point without it", "change in utility"],
            [[b.get("constraint", ""), b.get("actor", ""),
              package((b.get("nash_without") or {}).get("outcome", {})) or "—",
              ", ".join(f"{p} {c:+.3f}" for p, c in (b.get("change") or {}).items())]
             for b in binding], css="wide"))
    headroom = explain.get("headroom") or {}
    if headroom:
        parts.append(paragraph(text("Headroom (how far each party's reservation could rise "
                                    "before the deal closes): " + ", ".join(
                                        f"{p} {h:.3f}" for p, h in headroom.items()) + ".")))
    return parts
