"""Errors a user can cause. Anything else raised by redline is a bug and should fail loudly."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a user's input: where it is, what is wrong, and how to fix it."""

    where: str
    message: str
    fix: str = ""
    line: int | None = None

    def __str__(self) -> str:
        place = self.where if self.line is None else f"{self.where} (line {self.line})"
        text = f"{place}: {self.message}"
        return f"{text}. Fix: {self.fix}" if self.fix else text


class RedlineError(Exception):
    """An error caused by the user's input, reported as one clear message, never a traceback."""


class ScenarioError(RedlineError):
    """A scenario that cannot be loaded: every problem found, each with its place and its fix."""

    def __init__(self, source: str, problems: list[Problem] | tuple[Problem, ...]):
        self.source = source
        self.problems = tuple(problems)
        count = len(self.problems)
        head = f"{source}: {count} problem{'s' if count != 1 else ''} in the scenario"
        body = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{head}\n{body}")

    def __reduce__(self) -> tuple[type[ScenarioError], tuple[str, tuple[Problem, ...]]]:
        return (ScenarioError, (self.source, self.problems))  # crosses process boundaries


class RuleSyntaxError(RedlineError):
    """A red-line rule that does not parse; `position` is the 0-based character offset."""

    def __init__(self, rule: str, position: int, message: str):
        self.rule = rule
        self.position = position
        self.detail = message
        pointer = " " * position + "^"
        super().__init__(f"{message} at character {position + 1}\n    {rule}\n    {pointer}")

    def __reduce__(self) -> tuple[type[RuleSyntaxError], tuple[str, int, str]]:
        return (RuleSyntaxError, (self.rule, self.position, self.detail))
