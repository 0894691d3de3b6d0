"""The optional engines as the API runs them: checked parameters, then the same calls (and the
same JSON) as their CLI commands. Each function takes (scenario, parameters, progress); the
parameters `agenda`, `events`, `influence` and `date` mean what they mean on the command line and
are resolved into one situation by :func:`situation_of`."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from redline.errors import RedlineError
from redline.scenario import Scenario
from redline.scenario.situation import Situation, situation
from redline.web.schemas import WEB_MAX_OUTCOMES, IssueId

Progress = Any  # Callable[[float], None]
MAX_RUNS = 20_000  # sessions one request may ask for
MAX_DRAWS = 1_000_000  # Monte Carlo draws one request may ask for (batched: a few seconds a 10^5)

Choice = str | list[Annotated[str, Field(max_length=200)]]


class _Parameters(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SituationParameters(_Parameters):
    """The situation, as every command's --agenda, --events, --influence and --date."""

    agenda: list[IssueId] | None = Field(default=None, max_length=64)
    events: Choice = Field(default="active", description="active, all, none, or event ids.")
    influence: Choice = Field(default="none", description="none, all, or FROM:TO:ISSUE names.")
    date: str | None = Field(default=None, max_length=10, pattern=r"^\d{4}-\d{2}-\d{2}$")
    max_outcomes: int = Field(default=WEB_MAX_OUTCOMES, ge=1, le=WEB_MAX_OUTCOMES)


class AgendasParameters(SituationParameters):
    """The agenda analysis: ``issues`` agendas are made of (default all), at most ``max_agendas`` of
    them."""
    issues: list[IssueId] | None = Field(default=None, max_length=64,
                                         description="The issues agendas are made of (as "
                                                     "'agenda'; default all).")
    max_agendas: int = Field(default=4096, ge=1, le=4096)


class ExplainParameters(SituationParameters):
    """Why no deal: blocking sets of up to ``max_size`` constraints."""
    max_size: int = Field(default=3, ge=1, le=5)


class MonteCarloParameters(SituationParameters):
    """Monte Carlo over the scenario's uncertainty: ``runs`` draws from ``seed``, the ``output``
    measured, and the Sobol base sample (0: no sensitivity)."""
    runs: int = Field(default=1000, ge=1, le=MAX_DRAWS)
    seed: int = Field(default=0, ge=0, le=2**63 - 1)
    output: str = Field(default="zopa", max_length=80)
    sobol: int = Field(default=256, ge=0, le=1024)


class ForecastParameters(SituationParameters):
    """The forecast: which collective-decision ``model`` to run."""
    model: str = Field(default="compromise", max_length=40)


class SimulateParameters(SituationParameters):
    """Simulated negotiations: the protocol, each party's strategy (and the default one), sessions,
    rounds, seed, the breakdown risk per round and, for coalition offers, the reach."""
    protocol: Literal["alternating", "mediated", "mediated-nash", "coalition"] = "alternating"
    strategies: dict[Annotated[str, Field(max_length=64)], Annotated[str, Field(max_length=80)]] \
        = Field(default_factory=dict, description="party -> strategy, e.g. {'USA': 'boulware'}")
    default_strategy: str = Field(default="linear", max_length=80)
    runs: int = Field(default=1000, ge=1, le=MAX_RUNS)
    rounds: int = Field(default=100, ge=1, le=1000)
    seed: int = Field(default=0, ge=0, le=2**63 - 1)
    breakdown: float = Field(default=0.0, ge=0.0, lt=1.0)
    reach: int = Field(default=2, ge=1, le=64)


class ParameterError(RedlineError):
    """Engine parameters that do not fit (unknown names, wrong types, out of range)."""


def checked(model: type[_Parameters], given: dict[str, Any]) -> Any:
    """``given`` validated against the parameter model; a :class:`ParameterError` listing every
    problem and the allowed parameters otherwise."""
    from pydantic import ValidationError

    try:
        return model.model_validate(given)
    except ValidationError as exc:
        problems = "; ".join(
            f"parameters.{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        allowed = ", ".join(model.model_fields)
        raise ParameterError(f"{problems}. The parameters are: {allowed}") from None


def situation_of(scenario: Scenario, p: SituationParameters,
                 agenda: list[str] | None = None) -> Situation:
    """The one situation of a request, resolved as the command line resolves it."""
    return situation(scenario, p.agenda if agenda is None else agenda, events=p.events,
                     influence=p.influence, date=p.date)


def agendas(scenario: Scenario, given: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """As `redline agendas --format json`."""
    from redline.space.agendas import analyze_agendas

    p = checked(AgendasParameters, given)
    current = situation_of(scenario, p, p.issues)
    result = analyze_agendas(current, max_outcomes=p.max_outcomes, max_agendas=p.max_agendas)
    data: dict[str, Any] = result.to_dict()
    if not current.scenario.voting_game().is_unanimity:  # a vote: as `redline agendas`'s block
        from redline.space.coalitions import analyze_coalitions

        ruled = [analyze_coalitions(current.scenario, list(entry.issues),
                                    max_outcomes=p.max_outcomes)
                 for entry in result.agendas[:RULE_AGENDAS] if entry.issues]
        data["decision_rule"] = {"rule": ruled[0].rule if ruled else None,
                                 "agendas": [{"issues": list(r.agenda), **r.summary()}
                                             for r in ruled]}
    return data


RULE_AGENDAS = 32
"""Under a vote, the first agendas (best first) whose likeliest winning coalition is found."""


def explain(scenario: Scenario, given: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """As `redline explain --format json`."""
    from redline.space.explain import explain as why

    p = checked(ExplainParameters, given)
    data: dict[str, Any] = why(situation_of(scenario, p), max_size=p.max_size,
                               max_outcomes=p.max_outcomes).to_dict()
    return data


def montecarlo(scenario: Scenario, given: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """As `redline montecarlo --format json` (the local engine: requests get no cluster)."""
    from redline.scenario.sampling import parameters
    from redline.uncertainty import montecarlo as run
    from redline.uncertainty.report import evaluations

    p = checked(MonteCarloParameters, given)
    current = situation_of(scenario, p)
    total = evaluations(len(parameters(scenario)), p.runs, p.sobol)
    done = 0

    def advance(n: int) -> None:  # the run refuses itself if it would not fit in the time left
        nonlocal done
        done += n
        progress(done / total)

    result = run(scenario, p.runs, p.seed, "local", agenda=list(current.agenda),
                 events=current.events, influence=current.influence, output=p.output,
                 sobol_samples=p.sobol, max_outcomes=p.max_outcomes, progress=advance)
    return {**result.to_dict(), "situation": current.to_dict()}


def forecast(scenario: Scenario, given: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """As `redline forecast --format json` (the source is the scenario's title here)."""
    from redline.report.words import forecast_answer

    p = checked(ForecastParameters, given)
    return {"source": scenario.title,
            **forecast_answer(situation_of(scenario, p), p.model, max_outcomes=p.max_outcomes)}


def simulate(scenario: Scenario, given: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """As `redline simulate --format json` for one protocol, reporting progress by chunk."""
    from redline.report.simulation import simulation_record

    p = checked(SimulateParameters, given)
    return simulation_record(situation_of(scenario, p), protocol=p.protocol,
                             strategies=p.strategies, default_strategy=p.default_strategy,
                             runs=p.runs, rounds=p.rounds, seed=p.seed, breakdown=p.breakdown,
                             reach=p.reach, progress=progress)
