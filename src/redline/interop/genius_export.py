"""Writing a scenario as GENIUS XML: one domain file and one utility profile per party.

A numeric issue is written as a GENIUS integer or real issue when every party's value function
is one straight line over its range (GENIUS's linear evaluator); otherwise as a discrete issue
whose items are its grid, with a notice."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import quoteattr

from redline.interop.genius import Export, _identifier
from redline.interop.genius_numeric import linear_evaluator
from redline.output import write_file
from redline.scenario import Scenario, point
from redline.scenario.model import Issue


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
    evaluators = _evaluators(scenario, notices)
    for k, issue in enumerate(issues, start=1):
        name, description = _issue_name(issue.id, issue.name)
        names.append(name)
        if issue.id in evaluators:
            lines.append(_numeric_issue(k, issue, name, description))
            continue
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
            if issue.id in evaluators:
                attributes = " ".join(f"{key}={quoteattr(value)}"
                                      for key, value in evaluators[issue.id][party].items())
                body.append(_numeric_issue(k, issue, names[k - 1], None,
                                           f"    <evaluator {attributes}/>"))
                continue
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
        discount = 1.0 if utility.discount is None else utility.discount
        body += ["</objective>", f'<discount_factor value="{discount!r}"/>',
                 f'<reservation value="{float(utility.reservation)!r}"/>', "</utility_space>", ""]
        profiles[party] = "\n".join(body)
    if scenario.red_lines:
        notices.append(f"{len(scenario.red_lines)} red line(s) left out: GENIUS has no red lines")
    others = [a.id for a in scenario.actors if a.role != "party"]
    if others:
        notices.append(f"actors that are not parties left out: {', '.join(others)}")
    return Export(domain, profiles, tuple(notices))


def _evaluators(scenario: Scenario, notices: list[str]) -> dict[str, dict[str, dict[str, str]]]:
    """Per numeric issue that GENIUS can hold as such: each party's evaluator attributes."""
    found: dict[str, dict[str, dict[str, str]]] = {}
    for issue in scenario.issues:
        if issue.range is None:
            continue
        low, high = issue.range
        per_party = {}
        for party in scenario.parties:
            xs, vs = scenario.utilities[party].functions[issue.id]
            points = [(float(x), float(v)) for x, v in zip(xs, vs, strict=True)]
            evaluator = linear_evaluator(points, low, high, issue.integer)
            if evaluator is None:
                notices.append(f"issue {issue.id!r}: {party}'s value function is not one straight "
                               "line, which GENIUS cannot hold; written as a discrete issue of "
                               f"its {len(issue.options)} grid points")
                break
            per_party[party] = evaluator
        else:
            found[issue.id] = per_party
    return found


def _numeric_issue(k: int, issue: Issue, name: str, description: str | None,
                   evaluator: str | None = None) -> str:
    """A GENIUS integer issue (bounds as attributes) or real issue (a <range> child)."""
    assert issue.range is not None
    low, high = issue.range
    kind = "integer" if issue.integer else "real"
    head = (f'  <issue index="{k}" etype="{kind}" type="{kind}" vtype="{kind}" '
            f'name={quoteattr(name)}'
            + ("" if description is None else f" description={quoteattr(description)}"))
    if issue.integer:
        head += f' lowerbound="{int(low)}" upperbound="{int(high)}"'
        inner = [] if evaluator is None else [evaluator]
    else:
        inner = [f'    <range lowerbound="{low!r}" upperbound="{high!r}"/>',
                 *([] if evaluator is None else [evaluator])]
    if not inner:
        return head + "/>"
    return "\n".join([head + ">", *inner, "  </issue>"])


def _weights(scenario: Scenario, party: str) -> list[float]:
    """The weights as the document gives them when they already sum to 1 (so that reading them
    back normalises them to the very same floats) or are to be used as given, else
    normalised (GENIUS uses the weights as it reads them)."""
    preference = scenario.document.preferences[party]
    raw = [point(preference.weights.get(i.id, 0.0)) for i in scenario.issues]
    if abs(sum(raw) - 1.0) <= 1e-9 or not preference.normalise_weights:
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
