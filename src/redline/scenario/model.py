"""The scenario document (format ``redline/1``) as frozen pydantic models.

These models check the *shape* of a document (types, ranges, required fields). Cross-references
(an issue named in a weight, an option named in a rule, a source id) are checked by
:mod:`redline.scenario.validation`, which can name the place and the fix.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from redline.scenario.numeric import grid_fields, threshold_marks

Identifier = Annotated[
    str,
    Field(
        min_length=1,
        max_length=64,
        pattern=r"^[A-Za-z_][A-Za-z0-9_\-]*$",
        description="Letters, digits, '_' and '-', starting with a letter or '_'.",
    ),
]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Triangular(_Frozen):
    """An uncertain number: a triangular distribution; analyses use its mode."""

    low: float
    mode: float
    high: float

    @model_validator(mode="after")
    def _ordered(self) -> Triangular:
        # NaN and infinities are left to validation, which names the field's range.
        finite = all(math.isfinite(x) for x in (self.low, self.mode, self.high))
        if finite and not self.low <= self.mode <= self.high:
            raise ValueError(
                f"needs low <= mode <= high, got low={self.low}, mode={self.mode}, high={self.high}"
            )
        return self


Number = float | Triangular
"""A plain number, or a distribution over it (its mode is the point value)."""


def point(value: Number) -> float:
    """The point value of a possibly uncertain number."""
    return value.mode if isinstance(value, Triangular) else float(value)


SourceRef = Identifier | list[Identifier]


class Source(_Frozen):
    """A statement the scenario rests on (paraphrased), with its provenance."""

    id: Identifier
    statement: str = Field(min_length=1, description="What was said, paraphrased.")
    speaker: str | None = None
    speaker_role: str | None = None
    actor: Identifier | None = None
    date: dt.date | None = None
    outlet: str | None = None
    url: str | None = None


class Person(_Frozen):
    """A person who speaks for an actor (an alias with the office held), for news matching."""

    name: str = Field(min_length=1, description="The person's name as news writes it.")
    role: str | None = Field(default=None, description="Office or role, e.g. foreign minister.")


Alias = str | Person
"""Another name of an actor in news text: a plain string (name, capital, demonym, organisation,
an event coder's code) or a person with their role."""


class Actor(_Frozen):
    """A participant: a party (veto over any agreement), a mediator or a stakeholder, with its
    power and the names news uses for it."""
    id: Identifier = Field(description="ISO 3166 alpha-3 for states (USA, IRN), else a short code.")
    name: str
    role: Literal["party", "mediator", "stakeholder"] = Field(
        description="party: has a veto over any agreement; mediator; stakeholder: no veto."
    )
    power: Number = Field(default=1.0, description="Capability (clout), > 0.")
    source: SourceRef | None = None
    rationale: str | None = None
    aliases: list[Alias] = Field(
        default_factory=list,
        description="Other names in news: capitals, demonyms, people {name, role}, codes.")


class Issue(_Frozen):
    """An issue: ordered option labels, or a number in a ``range`` (a numeric issue).

    A numeric issue (``range: [low, high]``, ``integer``, ``step``, ``unit``, ``marks``) is given
    its options here, once: the labels of its grid (see :mod:`redline.scenario.numeric`), so every
    engine that enumerates sees an ordered issue. Its status quo may be written as a number.
    """

    # The exported JSON Schema says what the validators check: options or a range (a numeric
    # issue written back has both: its grid as options), and the numeric keys need a range.
    model_config = ConfigDict(json_schema_extra={
        "anyOf": [{"required": ["options"]}, {"required": ["range"]}],
        "allOf": [
            {"if": {"required": ["integer"], "properties": {"integer": {"const": True}}},
             "then": {"required": ["range"]}},
            {"if": {"required": ["marks"], "properties": {"marks": {"minItems": 1}}},
             "then": {"required": ["range"]}},
            {"if": {"required": ["step"], "properties": {"step": {"type": "number"}}},
             "then": {"required": ["range"]}},
            {"if": {"required": ["unit"], "properties": {"unit": {"type": "string"}}},
             "then": {"required": ["range"]}},
        ],
    })

    id: Identifier
    name: str
    options: list[str] = Field(
        default_factory=list, min_length=2,
        description="Ordered option labels (at least two); a numeric issue gives range instead.")
    status_quo: str | None = Field(
        default=None, description="The option that holds with no deal or off the agenda (a "
        "number in the range for a numeric issue).",
        json_schema_extra={"anyOf": [{"type": "string"}, {"type": "number"}, {"type": "null"}]},
    )
    range: tuple[float, float] | None = Field(
        default=None, description="A numeric issue: its lowest and highest value.")
    integer: bool = Field(default=False, description="A numeric issue that takes whole numbers.")
    step: float | None = Field(
        default=None, description="Grid step of a numeric issue for enumerating engines, > 0.")
    unit: str | None = Field(default=None, description="Unit of a numeric issue (%, months, $).")
    marks: list[float] = Field(
        default_factory=list, description="Extra grid points of a numeric issue (thresholds).")
    aliases: list[str] = Field(default_factory=list, description="Other names, for news matching.")
    option_aliases: dict[str, list[str]] = Field(
        default_factory=dict, description="Option label -> phrases that name it in news text.")
    description: str | None = None
    source: SourceRef | None = None

    @model_validator(mode="before")
    @classmethod
    def _numeric_grid(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("range") is not None:
            return grid_fields(data)
        return data

    @model_validator(mode="after")
    def _options_or_range(self) -> Issue:
        if len(self.options) < 2:
            raise ValueError("give options (at least two labels, in order) or a range "
                             "[low, high] for a numeric issue")
        return self

    @property
    def numeric(self) -> bool:
        """A number in a range (its options are the labels of its grid)."""
        return self.range is not None


class ValueFunction(_Frozen):
    """A party's value of a numeric issue: straight lines through points ``[x, value]``, or
    ``linear: [value at low, value at high]``. Beyond the first and last point it stays flat.
    A value (not an x) may be uncertain, ``{low, mode, high}``: analyses use its mode and Monte
    Carlo draws it."""

    model_config = ConfigDict(json_schema_extra={
        "oneOf": [{"required": ["points"]}, {"required": ["linear"]}]})

    points: list[tuple[float, Number]] | None = None
    linear: tuple[Number, Number] | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> ValueFunction:
        if (self.points is None) == (self.linear is None):
            raise ValueError("give exactly one of 'points' or 'linear'")
        return self


class Preference(_Frozen):
    """A party's additive utility u(o) = sum_i w_i v_i(o_i), and its no-deal value."""

    weights: dict[str, Number] = Field(description="Issue id -> weight >= 0; normalised to sum 1.")
    values: dict[str, ValueFunction | dict[str, Number] | list[Number]] = Field(
        description="Issue id -> option values in [0, 1], by label or as a list in option order; "
        "for a numeric issue a value function (points or linear)."
    )
    reservation: Number = Field(default=0.0, description="Utility of no agreement, in [0, 1].")
    discount: float | None = Field(
        default=None,
        description="Time discount per turn in (0, 1] (GENIUS's discount factor); used by the "
        "alternating-offers simulation when asked.")
    normalise_weights: bool = Field(
        default=True, description="false: use the weights as given (GENIUS reads them so).")
    source: SourceRef | None = None
    rationale: str | None = None


class RedLine(_Frozen):
    """An outcome rule every acceptable agreement must satisfy, or a refusal of an agenda."""

    id: Identifier
    actor: Identifier
    rule: str | None = Field(default=None, description="A predicate in the rule language.")
    refuses_agenda: list[Identifier] | None = Field(
        default=None, description="The actor refuses to negotiate if any of these is on the table."
    )
    credibility: Number = Field(default=1.0, description="Probability that the red line binds.")
    description: str | None = None
    source: SourceRef | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> RedLine:
        if (self.rule is None) == (self.refuses_agenda is None):
            raise ValueError("give exactly one of 'rule' or 'refuses_agenda'")
        if self.refuses_agenda is not None and not self.refuses_agenda:
            raise ValueError("'refuses_agenda' needs at least one issue id")
        return self


class Influence(_Frozen):
    """An influence edge: ``from`` moves ``to``'s weight on ``issue`` toward its own by the
    fraction ``strength``."""
    from_: Identifier = Field(alias="from")
    to: Identifier
    issue: Identifier
    strength: Number = Field(description="In [0, 1]: how far the target's weight moves.")
    source: SourceRef | None = None
    rationale: str | None = None


class Effect(_Frozen):
    """What an event does to one actor: shifts of its reservation and issue weights."""

    actor: Identifier
    reservation: Number | None = Field(default=None, description="Added to the reservation.")
    weights: dict[str, Number] = Field(
        default_factory=dict, description="Issue id -> amount added to the (normalised) weight."
    )


class Event(_Frozen):
    """Something that happens (or may): dated, active or not, with effects on actors'
    reservations and weights."""
    id: Identifier
    description: str
    active: bool = False
    date: dt.date | None = None
    effects: list[Effect] = Field(default_factory=list)
    source: SourceRef | None = None


class Threshold(_Frozen):
    """One condition of a voting rule: a coalition's total of a weight reaches a quota."""

    weight: Identifier = Field(
        description="'members' (one per member) or a name under decision_rule.weights.")
    share: float | None = Field(default=None, description="Least share of the total, in (0, 1].")
    quota: float | None = Field(default=None, description="Least absolute total, > 0.")

    @model_validator(mode="after")
    def _one_kind(self) -> Threshold:
        if (self.share is None) == (self.quota is None):
            raise ValueError("give exactly one of 'share' or 'quota'")
        return self


class DecisionRule(_Frozen):
    """Who must agree: unanimity of the parties (the default), or a vote among them.

    A coalition of parties wins under ``kind: vote`` when it holds every veto, and meets every
    threshold or leaves outside fewer members than ``blocking_minority``.
    """

    kind: Literal["unanimity", "vote"] = Field(
        default="unanimity", description="unanimity: every party holds a veto; vote: thresholds.")
    name: str | None = None
    weights: dict[Identifier, dict[Identifier, float]] = Field(
        default_factory=dict, description="Weight name -> party id -> weight >= 0.")
    thresholds: list[Threshold] = Field(
        default_factory=list, description="Conditions a winning coalition meets, all of them.")
    vetoes: list[Identifier] = Field(
        default_factory=list, description="Parties every winning coalition must include.")
    blocking_minority: int | None = Field(
        default=None, ge=1, description="Least number of members a blocking minority needs.")
    source: SourceRef | None = None
    rationale: str | None = None


class Document(_Frozen):
    """A whole scenario document, format ``redline/1``."""

    format: Literal["redline/1"]
    title: str
    description: str | None = None
    date: dt.date | None = None
    sources: list[Source] = Field(default_factory=list)
    actors: list[Actor] = Field(min_length=1)
    issues: list[Issue] = Field(min_length=1)
    preferences: dict[str, Preference] = Field(default_factory=dict)
    red_lines: list[RedLine] = Field(default_factory=list)
    influence: list[Influence] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    decision_rule: DecisionRule | None = Field(
        default=None, description="Who must agree; absent: unanimity of the parties.")

    @model_validator(mode="before")
    @classmethod
    def _threshold_marks(cls, data: Any) -> Any:
        """Integer issues whose grid skips whole numbers get the red lines' thresholds."""
        if isinstance(data, dict) and data.get("red_lines"):
            return {**data, "issues": threshold_marks(data.get("issues"), data["red_lines"])}
        return data
