"""Statements of position with provenance, and the frozen result of one extraction run."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

STANCES = ("red_line", "demand", "offer", "conditional_offer", "reject", "urge", "support",
           "threaten", "concede", "consult")

# The PLOVER event category a stance expresses (appeals count as demands, offers as agreement).
STANCE_PLOVER = {
    "red_line": "REJECT", "demand": "DEMAND", "offer": "AGREE", "conditional_offer": "AGREE",
    "reject": "REJECT", "urge": "DEMAND", "support": "SUPPORT", "threaten": "THREATEN",
    "concede": "CONCEDE", "consult": "CONSULT",
}


@dataclass(frozen=True)
class Resolution:
    """A statement in a scenario's terms: actor, issue, option, addressee and the issue of its
    condition as scenario ids, or None where the text does not say; `matched` records, for each
    id found, what in the text named it (see `redline.news.resolution`). `position` is False
    for a statement that takes no position of its own in the scenario: a refusal, red line,
    demand, concession or conditional offer about none of its issues, or a restatement of the
    position the same speaker took just before (`matched["position"]` says which)."""

    scenario: str
    actor: str | None = None
    issue: str | None = None
    option: str | None = None
    addressee: str | None = None
    condition_issue: str | None = None
    matched: dict[str, str] = field(default_factory=dict)
    method: str = "scenario-names"
    position: bool = True

    def to_dict(self) -> dict[str, Any]:
        """The resolution as JSON: its ids, what named each, and the method."""
        return asdict(self)


@dataclass(frozen=True)
class Statement:
    """One actor's position in one sentence, with where it was found and the rule that found it."""

    actor: str | None
    stance: str
    sentence: str
    start: int
    end: int
    source: str
    rule: str
    confidence: float
    speaker: str | None = None
    speaker_role: str | None = None
    issue: str | None = None
    condition: str | None = None
    addressee: str | None = None
    mediator: str | None = None
    place: str | None = None
    plover: str | None = None
    date: str | None = None
    sector: str | None = None  # a non-state speaker's sector: union, business, party, ...
    group: str | None = None  # that speaker's name as the text gives it ("the FNSEA")
    issue_text: str | None = None  # the issue phrase's words in full (issue is its short form)
    resolved: Resolution | None = None  # with a scenario: its ids (redline.news.resolution)
    speaker_text: str | None = None  # the words naming who speaks ("Kenya's Communications
    # Authority"): where the resolver looks for the scenario's name of the speaker

    def __post_init__(self) -> None:
        if self.stance not in STANCES:  # our own rules produced it: a bug, fail loudly
            raise ValueError(f"unknown stance {self.stance!r}")

    def to_dict(self) -> dict[str, Any]:
        """The statement as JSON: every field, its resolution included."""
        return asdict(self)


@dataclass(frozen=True)
class Article:
    """One article's text (plain, after HTML or feed parsing) and what is known about it."""

    source: str
    text: str
    title: str | None = None
    date: str | None = None
    kind: str = "text"  # text, html, feed
    language: str = "en"
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The article as JSON: source, text, title, date, kind, language and note."""
        return asdict(self)


@dataclass(frozen=True)
class ArticleStatements:
    """The statements found in one article."""

    article: Article
    statements: tuple[Statement, ...]

    def to_dict(self) -> dict[str, Any]:
        """The article (without its text) and its statements, as JSON."""
        return {"article": {k: v for k, v in self.article.to_dict().items() if k != "text"},
                "statements": [s.to_dict() for s in self.statements]}


@dataclass(frozen=True)
class Extraction:
    """The frozen result of `extract`: statements per article, with the method and parameters."""

    articles: tuple[ArticleStatements, ...]
    method: str = "dependency-rules"
    parameters: dict[str, Any] = field(default_factory=dict)

    @property
    def statements(self) -> tuple[Statement, ...]:
        """Every article's statements, in article order."""
        return tuple(s for a in self.articles for s in a.statements)

    def to_dict(self) -> dict[str, Any]:
        """The extraction as JSON: method, parameters, articles and all statements."""
        return {"method": self.method, "parameters": dict(self.parameters),
                "articles": [a.to_dict() for a in self.articles],
                "statements": [s.to_dict() for s in self.statements]}
