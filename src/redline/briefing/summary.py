"""The brief: a scenario's answers on one page, in plain words, each figure naming where it comes
from (the command and the report section that hold it in full).

Sections, in the order a reader needs them:

1. the verdict: no talks (a party refuses the agenda), no deal (the ZOPA is empty) or a deal;
2. the likely package (the Nash bargaining point, Nash 1950) in words, with each party's gain;
3. what blocks it or binds it, and what would open a deal: `explain`'s smallest concessions
   (minimal blocking sets) or its binding red lines and reservation headroom; with no talks, the
   best agenda that has a deal (`agendas`);
4. the forecast (compromise model) read as a package and reconciled with the bargaining view:
   the red lines it breaks, the parties it leaves below no deal, the nearest package every party
   accepts (:mod:`redline.forecast.situated`, :mod:`redline.space.nearest`);
5. with a Monte Carlo run: P(deal) and the parameters whose swing matters most;
   and, under a decision rule other than unanimity, right after the verdict: the likeliest
   winning coalition, the deal it would adopt, who is pivotal and what it overrides
   (:func:`redline.space.coalitions.analyze_coalitions`; the other sections stay the deal of
   every party);
6. with an earlier version: what changed since (`diff`).

Nothing is computed here that an engine does not compute: the brief calls them and words them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from redline.briefing.diff import Diff, diff
from redline.forecast.situated import forecast_situation
from redline.scenario import Scenario
from redline.scenario.situation import Situation, situation
from redline.space import Analysis, analyze
from redline.space.agendas import analyze_agendas
from redline.space.explain import Explanation, explain
from redline.space.nearest import nearest_acceptable
from redline.version import __version__

TOP_PARAMETERS = 3


@dataclass(frozen=True)
class Point:
    """One statement of the brief, with the figures in it and where they come from."""

    text: str
    source: str  # the command (and report section) holding it in full, e.g. "explain (#binds)"
    figures: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The point as JSON: text, source and figures."""
        return {"text": self.text, "source": self.source, "figures": self.figures}


@dataclass(frozen=True)
class Brief:
    """The brief of a situation: the verdict and its sections of points in reading order."""
    title: str
    verdict: str  # "no talks", "no deal", "a deal"
    situation: Situation
    sections: tuple[tuple[str, tuple[Point, ...]], ...]  # (heading, points), in reading order
    method: str = "brief"
    parameters: dict[str, Any] = field(default_factory=dict)
    version: str = __version__

    def _repr_html_(self) -> str:
        """The brief in a Jupyter notebook: the verdict, then each section's points."""
        from html import escape

        parts = [f"<div class=\"redline-brief\"><strong>{escape(self.title)}</strong>"
                 f"<p>Verdict: <b>{escape(self.verdict)}</b></p>"]
        for heading, points in self.sections:
            parts.append(f"<h4>{escape(heading)}</h4><ul>")
            parts += [f"<li>{escape(p.text)} <small>({escape(p.source)})</small></li>"
                      for p in points]
            parts.append("</ul>")
        return "".join(parts) + "</div>"

    def section(self, heading: str) -> tuple[Point, ...]:
        """The points under ``heading`` (none when the brief has no such section)."""
        return next((points for name, points in self.sections if name == heading), ())

    def to_dict(self) -> dict[str, Any]:
        """The ``redline-brief/1`` JSON document: verdict, situation, and each section's points."""
        return {"format": "redline-brief/1", "scenario": self.title, "verdict": self.verdict,
                "situation": self.situation.to_dict(),
                "sections": [{"heading": h, "points": [p.to_dict() for p in points]}
                             for h, points in self.sections],
                "method": self.method, "parameters": self.parameters, "version": self.version}


def _issue(scenario: Scenario, issue: str) -> str:
    return scenario.issue(issue).name


def package_words(scenario: Scenario, package: dict[str, str]) -> str:
    """A package as "Uranium enrichment: cap-3.67pct; Sanctions: full-lifting"."""
    return "; ".join(f"{_issue(scenario, i)}: {o}" for i, o in package.items())


def _verdict_point(scenario: Scenario, result: Analysis) -> Point:
    if result.refused_by:
        who = ", ".join(sorted({a for a, _ in result.refused_by}))
        lines = ", ".join(r for _, r in result.refused_by)
        return Point(f"No talks: {who} refuses to negotiate this agenda ({lines}).",
                     "analyze (#space)", {"refused_by": [r for _, r in result.refused_by]})
    if not result.zopa:
        return Point("No deal: no package satisfies every red line and beats no deal for every "
                     f"party ({result.feasible:,} of {result.outcomes:,} packages satisfy the red "
                     "lines).", "analyze (#space)",
                     {"zopa_size": result.zopa_size, "feasible": result.feasible})
    size = "an uncounted number of" if result.zopa_size is None else f"{result.zopa_size:,}"
    return Point(f"A deal: {size} of {result.outcomes:,} packages beat no deal for every party.",
                 "analyze (#space)", {"zopa_size": result.zopa_size, "outcomes": result.outcomes})


def _package_points(scenario: Scenario, result: Analysis) -> tuple[Point, ...]:
    nash = result.solutions["nash"]
    if nash is None:
        return ()
    labels = result.labels(nash.options)
    package = {i: labels[i] for i in result.agenda}
    gains = {p: round(u - d, 12) for p, u, d in
             zip(result.parties, nash.utilities, result.reservations, strict=True)}
    points = [Point(f"Likely package (Nash point): {package_words(scenario, package)}.",
                    "analyze (#space)", {"package": package})]
    off = {i.id: i.status_quo for i in scenario.issues if i.id not in result.agenda}
    if off:
        points.append(Point("Off the table, at the status quo: "
                            f"{package_words(scenario, {k: str(v) for k, v in off.items()})}.",
                            "analyze (#space)", {"off_agenda": off}))
    points.append(Point("Each party's gain over no deal: " + ", ".join(
        f"{p} {g:+.3f}" for p, g in gains.items()) + ".", "analyze (#space)", {"gains": gains}))
    return tuple(points)


def _rule_points(current: Situation) -> tuple[Point, ...]:
    """Under a vote: which winning coalition would adopt which deal, and over whom."""
    from redline.space.coalitions import analyze_coalitions

    found = analyze_coalitions(current.scenario, list(current.agenda))
    points = [Point(f"Decision rule: {found.rule}; a deal needs a winning coalition, not every "
                    "party.", "coalitions (#decision-rule)", {"rule": found.rule})]
    chosen = found.likeliest
    if chosen is None:
        points.append(Point("No winning coalition has a deal either.",
                            "coalitions (#decision-rule)", {"likeliest": None}))
        return tuple(points)
    summary = found.summary()
    package = {i: summary["deal"]["outcome"][i] for i in current.agenda}
    outside = chosen.outsiders
    who = (f"all {len(chosen.members)} but {', '.join(outside)}"
           if outside and len(outside) < len(chosen.members) else ", ".join(chosen.members))
    points.append(Point(f"Likeliest winning coalition: {who}; it would adopt "
                        f"{package_words(current.scenario, package)}.",
                        "coalitions (#decision-rule)",
                        {"likeliest": list(chosen.members), "package": package}))
    text = f"Pivotal (the coalition loses without them): {', '.join(chosen.pivotal) or 'none'}."
    if chosen.overridden:
        text += f" The deal overrides {', '.join(chosen.overridden)}."
    if chosen.below_reservation:
        text += f" It leaves {', '.join(chosen.below_reservation)} worse off than no deal."
    points.append(Point(text, "coalitions (#decision-rule)",
                        {"pivotal": list(chosen.pivotal), "overrides": list(chosen.overridden),
                         "below_reservation": list(chosen.below_reservation)}))
    return tuple(points)


def _blocking_points(explained: Explanation) -> tuple[Point, ...]:
    if explained.zopa:
        points = []
        for entry in explained.binding:
            points.append(Point(
                f"{entry.constraint} ({entry.actor}) binds the package: without it the "
                "package would move (" + ", ".join(
                    f"{p} {c:+.3f}" for p, c in entry.change.items()) + ").",
                "explain (#binds)", {"binding": entry.constraint, "change": entry.change}))
        if not points:
            points.append(Point("No single red line binds the package.", "explain (#binds)"))
        room = ", ".join(f"{p} {r:.3f}" for p, r in explained.headroom.items())
        points.append(Point(f"Room before the deal breaks (how far each no-deal value can rise): "
                            f"{room}.", "thresholds (#breakeven)",
                            {"headroom": explained.headroom}))
        return tuple(points)
    if not explained.blocking_sets:
        return (Point("No concession of up to "
                      f"{explained.parameters['max_size']} constraints opens a deal.",
                      "explain (#binds)"),)
    points = []
    for blocking in explained.blocking_sets[:3]:
        words = "; and ".join(g.in_words() for g in blocking.gives_up)
        points.append(Point(f"A deal opens if {words}.", "explain (#binds)",
                            {"constraints": list(blocking.constraints),
                             "opens": blocking.opens.outcome}))
    return tuple(points)


def _agenda_point(current: Situation) -> tuple[Point, ...]:
    found = analyze_agendas(current)
    best = next((a for a in found.agendas if a.zopa), None)
    if best is None:
        return (Point("No agenda has a deal.", "agendas (#agendas)"),)
    assert best.nash is not None
    package = {i: best.nash.outcome[i] for i in best.issues}
    return (Point(f"Best agenda with a deal: {' + '.join(best.issues)}, package "
                  f"{package_words(current.scenario, package)}.", "agendas (#agendas)",
                  {"agenda": list(best.issues), "package": package, "gains": best.gains}),)


def _forecast_points(current: Situation, result: Analysis) -> tuple[Point, ...]:
    forecast = forecast_situation(current)
    labels = forecast.labels()
    nash = result.solutions["nash"]
    package = result.labels(nash.options) if nash is not None else None
    points = []
    for issue in current.agenda:
        option = labels[issue]
        if package is None:
            text = f"{_issue(current.scenario, issue)}: forecast {option}."
        elif package[issue] == option:
            text = f"{_issue(current.scenario, issue)}: forecast {option}, as in the package."
        else:
            text = (f"{_issue(current.scenario, issue)}: forecast {option}; the package has "
                    f"{package[issue]}.")
        points.append(Point(text, "forecast (#forecast)",
                            {"issue": issue, "forecast": option,
                             "package": None if package is None else package[issue]}))
    if not current.talks:
        return tuple(points)
    problems = []
    if forecast.red_line_breaches:
        problems.append("breaks " + ", ".join(forecast.red_line_breaches))
    if forecast.below_reservation:
        problems.append("leaves " + ", ".join(forecast.below_reservation)
                        + " worse off than no deal")
    figures: dict[str, Any] = {"red_line_breaches": list(forecast.red_line_breaches),
                               "below_reservation": list(forecast.below_reservation)}
    if not problems:
        points.append(Point("The forecast package is one every party can accept.",
                            "forecast (#forecast)", figures))
        return tuple(points)
    target = {i: v for i, v in forecast.forecast.by_issue().items() if i in current.agenda}
    nearest = nearest_acceptable(current, target)
    text = f"The forecast package {' and '.join(problems)}"
    if nearest.package is None:
        text += "; no package is acceptable to every party."
    else:
        near = nearest.package.to_dict()["outcome"]
        figures["nearest_acceptable"] = {i: near[i] for i in current.agenda}
        text += ("; the nearest package every party accepts: "
                 f"{package_words(current.scenario, figures['nearest_acceptable'])}.")
    points.append(Point(text, "forecast (#forecast)", figures))
    return tuple(points)


def _uncertainty_points(data: dict[str, Any]) -> tuple[Point, ...]:
    top = sorted((r for r in data["sensitivity"] if r["swing"] > 0),
                 key=lambda r: -r["swing"])[:TOP_PARAMETERS]
    points = [Point(f"P(deal) = {data['p_zopa']:.2f} (± {1.96 * data['p_zopa_se']:.2f}) over "
                    f"{data['runs']:,} draws (seed {data['seed']}); P(no talks) = "
                    f"{data['p_refused']:.2f}.", "montecarlo (#uncertainty)",
                    {"p_deal": data["p_zopa"], "p_refused": data["p_refused"],
                     "runs": data["runs"], "seed": data["seed"]})]
    if top:
        points.append(Point("Matters most: " + ", ".join(
            f"{r['parameter']} (swing {r['swing']:.2f})" for r in top) + ".",
            "montecarlo (#uncertainty)", {"top": [r["parameter"] for r in top]}))
    return tuple(points)


def _change_points(changes: Diff) -> tuple[Point, ...]:
    inputs = ", ".join(c.path for c in changes.inputs[:6]) + (
        " ..." if len(changes.inputs) > 6 else "")
    points = [Point(f"{len(changes.inputs)} input(s) changed" + (f": {inputs}." if inputs
                                                                  else "."), "diff",
                    {"inputs": len(changes.inputs)})]
    for change in changes.results:
        points.append(Point(f"{change.path.replace('_', ' ')}: {change.old} -> {change.new}.",
                            "diff", {"path": change.path, "old": change.old,
                                     "new": change.new}))
    if not changes.results:
        points.append(Point("The answers did not change.", "diff"))
    return tuple(points)


def brief(subject: Scenario | Situation, agenda: Sequence[str] | None = None, *,
          events: str = "active", influence: str = "none", date: str | None = None,
          montecarlo: dict[str, Any] | None = None, since: Scenario | None = None) -> Brief:
    """The brief of a situation (a scenario is resolved with `agenda`, `events`, `influence` and
    `date` as the command line does); `montecarlo` is a Monte Carlo result's JSON (see
    `redline montecarlo`), `since` an earlier version to report the changes from."""
    current = (subject if isinstance(subject, Situation) else
               situation(subject, agenda, events=events, influence=influence, date=date))
    chosen = current.scenario
    result = analyze(current)
    verdict = ("no talks" if result.refused_by else "a deal" if result.zopa else "no deal")
    sections: list[tuple[str, tuple[Point, ...]]] = [
        ("Verdict", (_verdict_point(chosen, result),))]
    if not chosen.voting_game().is_unanimity:  # only a vote adds the section
        sections.append(("Under the decision rule", _rule_points(current)))
    explained = explain(current)
    if result.zopa:
        sections.append(("Likely package", _package_points(chosen, result)))
        sections.append(("What binds the deal", _blocking_points(explained)))
    else:
        opens = _blocking_points(explained)
        if result.refused_by:
            opens += _agenda_point(current)
        sections.append(("What would open a deal", opens))
    sections.append(("Forecasts against the package", _forecast_points(current, result)))
    if montecarlo is not None:
        sections.append(("How sure", _uncertainty_points(montecarlo)))
    if since is not None:
        changes = diff(since, current.loaded, list(current.agenda),
                       events=",".join(current.events) or "none",
                       influence=",".join(current.influence) or "none",
                       date=None if current.date is None else current.date.isoformat())
        sections.append(("Since the previous version", _change_points(changes)))
    return Brief(chosen.title, verdict, current, tuple(sections),
                 parameters={"agenda": list(current.agenda), "montecarlo": montecarlo is not None,
                             "since": since is not None})
