"""Request bodies of the JSON API, with their limits."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from redline.limits import MAX_OUTCOMES

WEB_MAX_OUTCOMES = MAX_OUTCOMES  # the most outcomes one request may enumerate (the CLI default)
DEFAULT_MAX_OUTCOMES = WEB_MAX_OUTCOMES

ScenarioId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_\-]{0,63}$",
                                  description="Id of a stored scenario.")]
IssueId = Annotated[str, Field(min_length=1, max_length=64)]


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ScenarioRef(_Request):
    """A scenario given inline (a redline/1 document as JSON) or by the id of a stored one."""

    scenario: dict[str, Any] | None = Field(
        default=None, description="A scenario document (format redline/1) as JSON.")
    scenario_id: ScenarioId | None = None

    @model_validator(mode="after")
    def _one(self) -> ScenarioRef:
        if (self.scenario is None) == (self.scenario_id is None):
            raise ValueError("give exactly one of 'scenario' (a document) or 'scenario_id'")
        return self


class AnalyzeRequest(ScenarioRef):
    """A situation to analyse: the scenario, the agenda, the events and influence edges applied, the
    date, and the enumeration limit."""
    agenda: list[IssueId] | None = Field(default=None, max_length=64,
                                         description="Issue ids on the table (default: all).")
    max_outcomes: int = Field(default=DEFAULT_MAX_OUTCOMES, ge=1, le=WEB_MAX_OUTCOMES,
                              description="Enumeration limit.")
    events: str | list[Annotated[str, Field(max_length=64)]] = Field(
        default="active", max_length=64,
        description="Events applied: active (the default, as on the CLI), all, none, or ids.")
    influence: str | list[Annotated[str, Field(max_length=200)]] = Field(
        default="none", max_length=64,
        description="Influence edges applied: none (the default), all, or FROM:TO:ISSUE names.")
    date: str | None = Field(default=None, max_length=10, pattern=r"^\d{4}-\d{2}-\d{2}$",
                             description="The situation as of this date (YYYY-MM-DD).")


class ReportRequest(AnalyzeRequest):
    """The HTML report of a situation: Monte Carlo draws and simulated sessions (``runs``), the
    seed, and the Sobol base sample."""
    runs: int = Field(default=1000, ge=1, le=20_000,
                      description="Monte Carlo draws and simulated sessions.")
    seed: int = Field(default=0, ge=0, le=2**63 - 1)
    sobol: int = Field(default=256, ge=0, le=1024, description="Sobol base sample (0: none).")


class SpaceRequest(AnalyzeRequest):
    """The outcome space of a situation for the chart: at most ``cap`` outcomes (a fixed sample)."""
    cap: int = Field(default=4000, ge=10, le=20_000,
                     description="At most this many outcomes are returned (a fixed sample).")


class EngineRequest(ScenarioRef):
    """A request to an optional engine: the scenario and the engine's own parameters."""

    parameters: dict[str, Any] = Field(default_factory=dict,
                                       description="The engine's options, as in its CLI command.")


class ExtractRequest(_Request):
    """Article text (and its date) to extract statements from, matched against an inline or stored
    scenario when one is given."""
    text: str = Field(min_length=1, max_length=200_000, description="Article text.")
    date: str | None = Field(default=None, max_length=10, description="Article date YYYY-MM-DD.")
    scenario: dict[str, Any] | None = None
    scenario_id: ScenarioId | None = None

    @model_validator(mode="after")
    def _at_most_one(self) -> ExtractRequest:
        if self.scenario is not None and self.scenario_id is not None:
            raise ValueError("give at most one of 'scenario' and 'scenario_id'")
        return self


class ValidateRequest(_Request):
    """A scenario document to validate (format redline/1)."""
    scenario: dict[str, Any] = Field(description="A scenario document (format redline/1).")
