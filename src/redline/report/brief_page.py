"""The brief as Markdown, plain text, and the report's first section (`<section id="summary">`).
Reads the brief's JSON (`redline-brief/1`); every point keeps the name of its source."""

from __future__ import annotations

from html import escape
from typing import Any

from redline.report.markup import Section

VERDICT_CLASS = {"no talks": "bad", "no deal": "bad", "a deal": "good"}


def _assumes(data: dict[str, Any]) -> str:
    """What the brief assumes, from its situation block: agenda, events, influence, date."""
    situation = data["situation"]
    parts = [f"Agenda: {', '.join(situation['agenda'])}"]
    applied = [*situation.get("events", []), *situation.get("influence", [])]
    if applied:
        parts.append(f"applied: {', '.join(applied)}")
    if situation.get("date"):
        parts.append(f"as of {situation['date']}")
    return "; ".join(parts)


def brief_markdown(data: dict[str, Any]) -> str:
    """One page of Markdown: a heading per section, a bullet per point with its source."""
    lines = [f"# {data['scenario']}", "",
             f"**Verdict: {data['verdict']}.** {_assumes(data)}.", ""]
    for section in data["sections"]:
        lines += [f"## {section['heading']}", ""]
        lines += [f"- {p['text']} *({p['source']})*" for p in section["points"]]
        lines.append("")
    return "\n".join(lines)


def brief_text(data: dict[str, Any]) -> str:
    """The same page as plain text (for a terminal or an e-mail)."""
    lines = [data["scenario"], f"Verdict: {data['verdict'].upper()}. {_assumes(data)}", ""]
    for section in data["sections"]:
        lines.append(section["heading"])
        lines += [f"  - {p['text']} [{p['source']}]" for p in section["points"]]
        lines.append("")
    return "\n".join(lines)


def _anchor(source: str) -> str:
    """'explain (#binds)' -> a link to the report section, when the source names one."""
    if "(#" not in source:
        return escape(source)
    command, _, rest = source.partition("(#")
    target = rest.split(")")[0]
    return f'{escape(command.strip())} (<a href="#{escape(target)}">§{escape(target)}</a>)'


def summary_section(data: dict[str, Any]) -> Section:
    """The report's first section: the brief, each point linked to the section holding it."""
    verdict = data["verdict"]
    parts = [f'<p class="verdict {VERDICT_CLASS.get(verdict, "")}"><strong>Verdict: '
             f'{escape(verdict)}.</strong> {escape(_assumes(data))}</p>']
    for section in data["sections"]:
        parts.append(f"<h3>{escape(section['heading'])}</h3><ul>")
        parts += [f"<li>{escape(p['text'])} <small>({_anchor(p['source'])})</small></li>"
                  for p in section["points"]]
        parts.append("</ul>")
    return Section("summary", "Summary", "".join(parts))


def breakeven_section(data: dict[str, Any]) -> Section | None:
    """`redline-thresholds/1`: each setting's break-even value and what changes there, and the
    sweep of the setting nearest to its break-even value, charted."""
    from redline.report.explaining import sweep_figure
    from redline.report.markup import figure, paragraph, table, text

    if data.get("skipped"):
        return Section("breakeven", "Break-even values", paragraph(text(
            f"Not computed: {data['skipped']}")))
    rows = [[t["parameter"], f"{t['current']:.3f}",
             "—" if t["threshold"] is None else f"{t['threshold']:.3f}", t["effect"]]
            for t in data["thresholds"]]
    parts = [paragraph(text(f"Verdict now: {data['verdict']}. Each row: how far one judgement "
                            "can move before the verdict or the Nash package changes (exact; "
                            "`redline thresholds` gives the same table).")),
             table(["parameter", "now", "break-even", "what changes there"], rows, css="wide")]
    if "sweep" in data:
        sweep = data["sweep"]
        parts.append(figure(sweep_figure(sweep), f"The answer along {sweep['parameter']}, the "
                                                 "setting nearest to its break-even value: each "
                                                 "party's gain, and where the package changes."))
    return Section("breakeven", "Break-even values", "".join(parts))
