"""Text views of voting power and of bargaining under a decision rule (shared by commands)."""

from __future__ import annotations

from rich.table import Table

from redline.cli.app import out
from redline.scenario.decision import VotingGame
from redline.space.coalitions import CoalitionDeal, Coalitions
from redline.space.partial import PartialAgreements
from redline.space.power import Power


def render_power(result: Power, game: VotingGame) -> None:
    """Print the members' voting weights and their Shapley–Shubik and Banzhaf (normalised and
    absolute) power indices, with the Monte Carlo error bound when they were sampled."""
    out.print(f"[bold]{result.rule}[/]")
    names = [w for w in game.weights if any(q.weight == w for q in game.quotas)]
    table = Table(title=f"Voting power ({result.method})")
    table.add_column("member")
    for name in names:
        table.add_column(name, justify="right")
    for title in ("Shapley-Shubik", "Banzhaf", "Banzhaf (absolute)"):
        table.add_column(title, justify="right")
    order = sorted(range(game.n), key=lambda i: -result.shapley_shubik[i])
    for i in order:
        scales = game.scales or {}
        weights = [f"{game.weights[w][i] / scales.get(w, 1):g}" for w in names]
        table.add_row(game.members[i], *weights, f"{result.shapley_shubik[i]:.4f}",
                      f"{result.banzhaf[i]:.4f}", f"{result.banzhaf_absolute[i]:.4f}")
    out.print(table)
    if result.error_bound is not None:
        out.print(f"Monte Carlo: {result.parameters['samples']:,} draws (seed "
                  f"{result.parameters['seed']}); every Shapley-Shubik and absolute Banzhaf "
                  f"value is within {result.error_bound:.4f} with probability >= 95%.")
    else:
        out.print("Exact (generating functions).")


def render_coalitions(result: Coalitions) -> None:
    """Print bargaining under a decision rule: the coalitions analysed, the deal (Nash point)
    each would adopt, the likeliest, and whether it lies in the core."""
    out.print(f"[bold]{result.scenario.title}[/]")
    out.print(f"Decision rule: {result.rule}")
    counts = []
    if result.winning is not None:
        counts.append(f"winning coalitions: {result.winning:,}, minimal: "
                      f"{result.minimal_winning:,}")
    if result.adoptable is not None:
        counts.append(f"outcomes some winning coalition accepts: {result.adoptable:,}")
    if counts:
        out.print("   ".join(counts))
    kind = ("minimal winning coalitions" if result.candidates == "minimal-winning"
            else "smallest coalitions around a deal (each accepts some outcome and wins)")
    out.print(f"Analysed: {len(result.coalitions)} {kind}")
    table = Table(title="Coalitions and the deal each would adopt (its Nash point)")
    for column in ("coalition", "ZOPA", "deal", "members' gains", "overrides"):
        table.add_column(column)
    for deal in result.coalitions:
        data = deal.to_dict()
        nash = data["nash"]
        labels = "-" if nash is None else ", ".join(
            f"{i}={o}" for i, o in nash["outcome"].items() if i in result.agenda)
        gains = "-" if nash is None else _gains_text(nash["gains"])
        overrides = overrides_text(deal)
        mark = " *" if deal is result.likeliest else ""
        size = "not counted" if deal.analysis.zopa_size is None else \
            f"{deal.analysis.zopa_size:,}"
        table.add_row(coalition_name(deal.members, deal.outsiders) + mark,
                      size if deal.zopa else "empty", labels, gains, overrides or "-")
    out.print(table)
    if result.likeliest is None:
        out.print("[bold red]No winning coalition has a deal[/]: every winning coalition's "
                  "members cannot all gain over no deal within their red lines.")
        return
    chosen = result.likeliest
    out.print(f"[bold green]Likeliest coalition[/] (*): "
              f"{coalition_name(chosen.members, chosen.outsiders)}; pivotal "
              f"(the coalition loses without them): {', '.join(chosen.pivotal) or 'none'}.")
    out.print(f"Criterion: {result.criterion}.")
    if result.blocked_by:
        out.print("Not in the core: blocked by " + "; ".join(", ".join(b) for b in
                                                              result.blocked_by)
                  + " (each has a deal all its members prefer).")
    else:
        scope = "any winning coalition" if result.candidates == "minimal-winning" \
            else "any listed coalition"
        out.print(f"In the core: no deal of {scope} is better for all its members.")


def overrides_text(deal: CoalitionDeal) -> str:
    """The outsiders' red lines a deal breaks, and who it leaves below no deal."""
    parts = list(deal.overridden)
    if deal.below_reservation:
        parts.append(f"below no deal: {', '.join(deal.below_reservation)}")
    return "; ".join(parts)


def coalition_name(members: tuple[str, ...], outsiders: tuple[str, ...]) -> str:
    """Members by name, or "all but ..." when the outsiders are fewer."""
    if outsiders and len(outsiders) < len(members) and len(members) > 6:
        return f"all {len(members)} but {', '.join(outsiders)}"
    return ", ".join(members)


def _gains_text(gains: dict[str, float]) -> str:
    if len(gains) <= 6:
        return ", ".join(f"{p} {g:+.2f}" for p, g in gains.items())
    low = min(gains, key=lambda p: gains[p])
    high = max(gains, key=lambda p: gains[p])
    return f"{len(gains)} members, least {low} {gains[low]:+.2f}, most {high} {gains[high]:+.2f}"


def render_rule_note(result: Coalitions, everyone_agrees: bool) -> None:
    """Two lines for analyze and explain: what the decision rule changes."""
    out.print(f"[bold]Decision rule:[/] {result.rule}")
    chosen = result.likeliest
    if chosen is None:
        out.print("No winning coalition has a deal either (`redline coalitions` lists them).")
        return
    deal = chosen.to_dict()["nash"]
    labels = ", ".join(f"{i}={o}" for i, o in deal["outcome"].items() if i in result.agenda)
    overrides = overrides_text(chosen)
    lead = "A winning coalition can also adopt a deal" if everyone_agrees else \
        "A winning coalition opens a deal"
    out.print(f"{lead}: {coalition_name(chosen.members, chosen.outsiders)} would adopt {labels}"
              + (f", overriding {overrides}" if overrides else "")
              + " (likeliest coalition; `redline coalitions` explains).")


def render_partial(result: PartialAgreements) -> None:
    """The best partial agreements, when not every party can agree."""
    out.print("[bold]No deal of every party.[/] Partial agreements (some parties, some issues; "
              "the rest stays at its status quo), most parties first:")
    if not result.agreements:
        out.print(" none: no two parties accept a common outcome on any agenda searched")
    for k, entry in enumerate(result.agreements, 1):
        data = entry.to_dict()
        labels = ", ".join(f"{i}={data['nash']['outcome'][i]}" for i in entry.issues)
        name = coalition_name(entry.parties, tuple(data["left_out"]))
        left = f"; without {', '.join(data['left_out'])}" \
            if data["left_out"] and not name.startswith("all ") else ""
        out.print(f" {k}. {name} on "
                  f"{', '.join(entry.issues)}{left}: {labels}")
    if result.agendas_skipped:
        out.print(f" ({result.agendas_skipped} smaller agendas not searched: raise "
                  "--max-partial-agendas)")


def render_rule_agendas(results: list[Coalitions]) -> None:
    """Under a vote: for each agenda shown, the likeliest winning coalition and its deal."""
    if not results:
        return
    out.print(f"[bold]Decision rule:[/] {results[0].rule}")
    table = Table(title="What a winning coalition would adopt on each agenda (likeliest)")
    for column in ("agenda", "coalition", "deal", "overrides"):
        table.add_column(column)
    for result in results:
        chosen = result.likeliest
        if chosen is None:
            table.add_row(" + ".join(result.agenda), "none", "-", "-")
            continue
        deal = chosen.to_dict()["nash"]
        labels = ", ".join(f"{i}={deal['outcome'][i]}" for i in result.agenda)
        overrides = overrides_text(chosen)
        table.add_row(" + ".join(result.agenda), coalition_name(chosen.members, chosen.outsiders),
                      labels, overrides or "-")
    out.print(table)
