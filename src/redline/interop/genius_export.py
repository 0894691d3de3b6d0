"""Writing a scenario as GENIUS XML: one domain file and one utility profile per party."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import quoteattr

from redline.interop.genius import Export, _identifier
from redline.output import write_file
from redline.scenario import Scenario, point


def _issue_name(issue_id: str, name: str) -> tuple[str, str]:
    """GENIUS name and description of an issue. The reader makes an id from the GENIUS name, so
    the name is written when it reads back as the same id (a scenario that came from GENIUS);
    otherwise the id is written, with the readable name as the description."""
    if _identifier(name, set()) == issue_id:
        return name, ""
    return issue_id, name


def to_genius(scenario: Scenario) -> Export:
    """GENIUS domain and profile XML for the scenario's parties; notices say what was left out."""
    notices: list[str] = []
    title = quoteattr(scenario.title)
    issues = scenario.issues
    lines = ["<negotiation_template>",
             f'<utility_space number_of_issues="{len(issues)}">',
             f'<objective index="0" description="" name={title} type="objective" '
             'etype="objective">']
    names = []
    for k, issue in enumerate(issues, start=1):
        name, description = _issue_name(issue.id, issue.name)
        names.append(name)
        lines.append(f'  <issue index="{k}" etype="discrete" type="discrete" vtype="discrete" '
                     f'name={quoteattr(name)} description={quoteattr(description)}>')
        for j, option in enumerate(issue.options, start=1):
            lines.append(f'    <item index="{j}" value={quoteattr(option)} cost="0" '
                         'description=""/>')
        lines.append("  </issue>")
    lines += ["</objective>", "</utility_space>", "</negotiation_template>", ""]
    domain = "\n".join(lines)

    profiles: dict[str, str] = {}
    for party in scenario.parties:
        utility = scenario.utilities[party]
        body = ['<utility_space>',
                f'<objective index="0" description="" name={title} type="objective" '
                'etype="objective">']
        for k, issue in enumerate(issues, start=1):
            values = utility.values[issue.id]
            top = float(values.max()) if len(values) else 0.0
            if 0 < top < 1 and utility.weights[issue.id] > 0:
                notices.append(f"{party}: the best value of issue {issue.id!r} is {top:g}, not 1; "
                               "GENIUS rescales each issue to a best value of 1, so utilities "
                               "on this issue will read higher there")
            body.append(f'  <issue index="{k}" etype="discrete" type="discrete" vtype="discrete" '
                        f'name={quoteattr(names[k - 1])}>')
            for j, (option, value) in enumerate(zip(issue.options, values, strict=True), start=1):
                body.append(f'    <item index="{j}" value={quoteattr(option)} '
                            f'evaluation="{float(value)!r}"/>')
            body.append("  </issue>")
        for k, weight in enumerate(_weights(scenario, party), start=1):
            body.append(f'  <weight index="{k}" value="{weight!r}"/>')
        body += ["</objective>", '<discount_factor value="1.0"/>',
                 f'<reservation value="{float(utility.reservation)!r}"/>', "</utility_space>", ""]
        profiles[party] = "\n".join(body)
    if scenario.red_lines:
        notices.append(f"{len(scenario.red_lines)} red line(s) left out: GENIUS has no red lines")
    others = [a.id for a in scenario.actors if a.role != "party"]
    if others:
        notices.append(f"actors that are not parties left out: {', '.join(others)}")
    return Export(domain, profiles, tuple(notices))


def _weights(scenario: Scenario, party: str) -> list[float]:
    """The weights as the document gives them when they already sum to 1 (so that reading them
    back normalises them to the very same floats), else normalised."""
    raw = [point(scenario.document.preferences[party].weights.get(i.id, 0.0))
           for i in scenario.issues]
    if abs(sum(raw) - 1.0) <= 1e-9:
        return [float(w) for w in raw]
    return [float(scenario.utilities[party].weights[i.id]) for i in scenario.issues]


def write_genius(scenario: Scenario, domain_path: str | Path) -> list[Path]:
    """Write the domain to `domain_path` and each party's profile beside it
    (`<stem>-<party>.xml`); returns the files written."""
    target = Path(domain_path)
    export = to_genius(scenario)
    write_file(target, export.domain)
    written = [target]
    for party, text in export.profiles.items():
        path = target.with_name(f"{target.stem}-{party}.xml")
        write_file(path, text)
        written.append(path)
    return written
