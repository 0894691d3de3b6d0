"""The red-line rule language: a small grammar of predicates over outcomes.

Grammar (lowest precedence first; ``implies`` is right-associative)::

    rule       := implies
    implies    := disjunct ("implies" implies)?
    disjunct   := conjunct ("or" conjunct)*
    conjunct   := negation ("and" negation)*
    negation   := "not" negation | atom
    atom       := "(" rule ")" | comparison | membership | "true" | "false"
    comparison := ISSUE ("==" | "!=" | "<" | "<=" | ">" | ">=") (OPTION | NUMBER)
    membership := ISSUE ("in" | "not in") "[" OPTION ("," OPTION)* ","? "]"
                | ISSUE ("in" | "not in") "[" NUMBER "," NUMBER "]"

ISSUE is an issue id (letters, digits, ``_`` and ``-``); OPTION is a quoted option label.
Order comparisons use the issue's option order: ``enrichment <= 'low'`` holds for ``'low'`` and
every option listed before it. On a numeric issue (one with a ``range``) a comparison takes a
NUMBER and compares numbers (``enrichment <= 3.67``), and ``months in [12, 24]`` is the closed
interval 12 <= months <= 24.

Parsing gives a tree of frozen nodes. :func:`bind` checks issue and option names against a scenario
and turns labels into option indices; :func:`evaluate` then computes the rule for many outcomes at
once with numpy broadcasting (no Python call per outcome).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeAlias

import numpy as np
from numpy.typing import NDArray

from redline.errors import RuleSyntaxError
from redline.limits import MAX_RULE_DEPTH, MAX_RULE_LENGTH, TOLERANCE

COMPARATORS = ("==", "!=", "<=", ">=", "<", ">")
KEYWORDS = {"and", "or", "not", "implies", "in", "true", "false"}

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<op>==|!=|<=|>=|<|>)
  | (?P<punct>[()\[\],])
  | (?P<number>-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_\-]*)
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Token:
    """A token of a rule's text: its kind, its text (quotes removed, keywords lower-cased) and
    its position in the rule."""
    kind: str  # "string", "op", "punct", "name", "keyword", "end"
    text: str
    position: int


def tokenize(rule: str) -> list[Token]:
    """Split a rule into tokens, ending with an ``end`` token; :class:`RuleSyntaxError` pointing
    at an unterminated quote or an unexpected character."""
    tokens: list[Token] = []
    position = 0
    while position < len(rule):
        match = _TOKEN.match(rule, position)
        if match is None:
            if rule[position] in "'\"":
                raise RuleSyntaxError(rule, position, "unterminated quoted option")
            raise RuleSyntaxError(rule, position, f"unexpected character {rule[position]!r}")
        kind = match.lastgroup or ""
        text = match.group()
        if kind == "string":
            body = text[1:-1]
            text = re.sub(r"\\(.)", r"\1", body)
        elif kind == "name" and text.lower() in KEYWORDS:
            kind, text = "keyword", text.lower()
        if kind != "space":
            tokens.append(Token(kind, text, position))
        position = match.end()
    tokens.append(Token("end", "", len(rule)))
    return tokens


# --- the tree -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Compare:
    """An atom comparing an issue with an option: ``issue op option`` (``==``, ``!=``, ``<``,
    ``<=``, ``>``, ``>=``; order is the issue's option order, or the number for numeric issues)."""
    issue: str
    op: str
    option: str
    position: int = 0  # where the comparison starts in the rule text
    number: bool = False  # an unquoted number (numeric issues)


@dataclass(frozen=True)
class Member:
    """An atom testing membership: ``issue in [a, b]`` (or ``not in``), or for numeric issues a
    closed interval ``[low, high]``."""
    issue: str
    options: tuple[str, ...]
    negated: bool = False
    position: int = 0
    interval: bool = False  # [low, high] of numbers (numeric issues)


@dataclass(frozen=True)
class Not:
    """Negation of a rule node."""
    operand: Node


@dataclass(frozen=True)
class And:
    """Conjunction: every operand holds."""
    operands: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    """Disjunction: some operand holds."""
    operands: tuple[Node, ...]


@dataclass(frozen=True)
class Implies:
    """Implication: when the premise holds, the conclusion must."""
    premise: Node
    conclusion: Node


@dataclass(frozen=True)
class Constant:
    """A rule that always holds (true) or never does (false)."""
    value: bool


Node: TypeAlias = Compare | Member | Not | And | Or | Implies | Constant


class _Parser:
    """Recursive descent, with the nesting bounded by MAX_RULE_DEPTH (parentheses, ``not`` and
    ``implies`` each open a level), so that every walk of the tree stays shallow too."""

    def __init__(self, rule: str):
        if len(rule) > MAX_RULE_LENGTH:
            raise RuleSyntaxError(rule[:60] + " ...", 0, f"the rule is longer than "
                                  f"{MAX_RULE_LENGTH:,} characters; split it into several red lines")
        self.rule = rule
        self.tokens = tokenize(rule)
        self.index = 0
        self.depth = 0

    def deeper(self, token: Token) -> None:
        self.depth += 1
        if self.depth > MAX_RULE_DEPTH:
            raise RuleSyntaxError(self.rule, token.position, f"the rule nests more than "
                                  f"{MAX_RULE_DEPTH} levels of parentheses, 'not' and 'implies'; "
                                  "simplify it or split it into several red lines")

    @property
    def current(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def fail(self, message: str, token: Token | None = None) -> RuleSyntaxError:
        token = token or self.current
        found = "the end of the rule" if token.kind == "end" else repr(token.text)
        return RuleSyntaxError(self.rule, token.position, f"{message}, found {found}")

    def accept_keyword(self, word: str) -> bool:
        if self.current.kind == "keyword" and self.current.text == word:
            self.index += 1
            return True
        return False

    def expect_punct(self, char: str) -> None:
        if self.current.kind == "punct" and self.current.text == char:
            self.index += 1
            return
        raise self.fail(f"expected {char!r}")

    def parse(self) -> Node:
        if self.current.kind == "end":
            raise RuleSyntaxError(self.rule, 0, "the rule is empty")
        node = self.implies()
        if self.current.kind != "end":
            raise self.fail("expected 'and', 'or', 'implies' or the end of the rule")
        return node

    def implies(self) -> Node:
        premise = self.disjunct()
        token = self.current
        if self.accept_keyword("implies"):
            self.deeper(token)
            conclusion = self.implies()
            self.depth -= 1
            return Implies(premise, conclusion)
        return premise

    def disjunct(self) -> Node:
        operands = [self.conjunct()]
        while self.accept_keyword("or"):
            operands.append(self.conjunct())
        return operands[0] if len(operands) == 1 else Or(tuple(operands))

    def conjunct(self) -> Node:
        operands = [self.negation()]
        while self.accept_keyword("and"):
            operands.append(self.negation())
        return operands[0] if len(operands) == 1 else And(tuple(operands))

    def negation(self) -> Node:
        token = self.current
        if self.accept_keyword("not"):
            self.deeper(token)
            operand = self.negation()
            self.depth -= 1
            return Not(operand)
        return self.atom()

    def atom(self) -> Node:
        token = self.current
        if token.kind == "punct" and token.text == "(":
            self.advance()
            self.deeper(token)
            node = self.implies()
            self.expect_punct(")")
            self.depth -= 1
            return node
        if token.kind == "keyword" and token.text in ("true", "false"):
            self.advance()
            return Constant(token.text == "true")
        if token.kind != "name":
            raise self.fail("expected an issue id, 'not' or '('")
        issue = self.advance().text
        if self.current.kind == "op":
            op = self.advance().text
            if self.current.kind == "number":
                return Compare(issue, op, self.advance().text, token.position, number=True)
            if self.current.kind != "string":
                raise self.fail(f"expected a quoted option after {op!r} (e.g. {issue} {op} 'label')")
            return Compare(issue, op, self.advance().text, token.position)
        negated = False
        if self.current.kind == "keyword" and self.current.text == "not":
            self.advance()
            negated = True
            if not self.accept_keyword("in"):
                raise self.fail("expected 'in' after 'not'")
        elif not self.accept_keyword("in"):
            raise self.fail(f"expected a comparison (==, !=, <, <=, >, >=) or 'in' after {issue!r}")
        self.expect_punct("[")
        if self.current.kind == "number":
            low = self.advance().text
            self.expect_punct(",")
            if self.current.kind != "number":
                raise self.fail("expected the interval's upper number, as in [12, 24]")
            high = self.advance().text
            self.expect_punct("]")
            return Member(issue, (low, high), negated, token.position, interval=True)
        options: list[str] = []
        while True:
            if self.current.kind != "string":
                raise self.fail("expected a quoted option in the list")
            options.append(self.advance().text)
            if self.current.kind == "punct" and self.current.text == ",":
                self.advance()
                if self.current.kind == "punct" and self.current.text == "]":
                    break
                continue
            break
        self.expect_punct("]")
        return Member(issue, tuple(options), negated, token.position)


def parse_rule(rule: str) -> Node:
    """Parse a rule into its tree; raise :class:`RuleSyntaxError` naming the place of the fault."""
    return _Parser(rule).parse()


def issues_of(node: Node) -> frozenset[str]:
    """The issues a rule mentions."""
    match node:
        case Compare(issue=issue) | Member(issue=issue):
            return frozenset({issue})
        case Not(operand=operand):
            return issues_of(operand)
        case And(operands=ops) | Or(operands=ops):
            return frozenset().union(*(issues_of(op) for op in ops))
        case Implies(premise=p, conclusion=c):
            return issues_of(p) | issues_of(c)
        case Constant():
            return frozenset()
    raise TypeError(f"not a rule node: {node!r}")  # pragma: no cover - our bug


def to_text(node: Node) -> str:
    """Render a tree back to rule text (fully parenthesised where needed)."""
    match node:
        case Compare(issue=i, op=op, option=o, number=True):
            return f"{i} {op} {o}"
        case Compare(issue=i, op=op, option=o):
            return f"{i} {op} {_quote(o)}"
        case Member(issue=i, options=(low, high), negated=neg, interval=True):
            return f"{i} {'not in' if neg else 'in'} [{low}, {high}]"
        case Member(issue=i, options=opts, negated=neg):
            return f"{i} {'not in' if neg else 'in'} [{', '.join(_quote(o) for o in opts)}]"
        case Not(operand=x):
            return f"not {_wrap(x)}"
        case And(operands=ops):
            return " and ".join(_wrap(x) for x in ops)
        case Or(operands=ops):
            return " or ".join(_wrap(x) for x in ops)
        case Implies(premise=p, conclusion=c):
            return f"{_wrap(p)} implies {_wrap(c)}"
        case Constant(value=v):
            return "true" if v else "false"
    raise TypeError(f"not a rule node: {node!r}")  # pragma: no cover


def _quote(label: str) -> str:
    return "'" + label.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _wrap(node: Node) -> str:
    text = to_text(node)
    return text if isinstance(node, Compare | Member | Constant | Not) else f"({text})"


# --- binding and evaluation -------------------------------------------------------------------


@dataclass(frozen=True)
class BoundRule:
    """A rule checked against a scenario: each atom is a set of allowed option indices."""

    text: str
    tree: Node
    issues: frozenset[str]
    allowed: tuple[tuple[str, frozenset[int]], ...]  # per atom, in tree order: (issue, indices)

    def atom_tables(self, option_counts: Mapping[str, int]) -> list[NDArray[np.bool_]]:
        """Per atom, in tree order, a boolean table over the issue's options: which options
        satisfy it."""
        tables = []
        for issue, indices in self.allowed:
            table = np.zeros(option_counts[issue], dtype=bool)
            table[list(indices)] = True
            tables.append(table)
        return tables


def number_holds(node: Compare | Member, x: NDArray[np.float64]) -> NDArray[np.bool_]:
    """Where a numeric atom (a comparison with a number, an interval, or a list of numbers)
    holds for the numbers `x` of its issue."""
    if isinstance(node, Compare):
        test = _NUMBER_TESTS[node.op]
        return np.asarray(test(x, float(node.option)), dtype=bool)
    if node.interval:
        inside = (x >= float(node.options[0])) & (x <= float(node.options[1]))
    else:
        inside = np.isin(x, [float(o) for o in node.options])
    return np.asarray(~inside if node.negated else inside, dtype=bool)


def bind(rule: str, tree: Node, options: Mapping[str, Sequence[str]],
         numbers: Mapping[str, NDArray[np.float64]] | None = None
         ) -> tuple[BoundRule, list[str]]:
    """Check issue ids and option labels of a parsed rule; return the bound rule and problems.

    `numbers`: the grid values of the numeric issues; their atoms compare by number."""
    problems: list[str] = []
    allowed: list[tuple[str, frozenset[int]]] = []
    numeric = numbers or {}

    def by_number(node: Compare | Member) -> frozenset[int]:
        texts = (node.option,) if isinstance(node, Compare) else node.options
        try:
            [float(t) for t in texts]
        except ValueError:
            problems.append(f"issue {node.issue!r} is numeric: compare it with a number, e.g. "
                            f"{node.issue} <= {numeric[node.issue][-1]:g}")
            return frozenset()
        if isinstance(node, Member) and node.interval and float(texts[0]) > float(texts[1]):
            problems.append(f"the interval [{texts[0]}, {texts[1]}] of {node.issue!r} is empty: "
                            "write [low, high]")
        return frozenset(np.flatnonzero(number_holds(node, numeric[node.issue])).tolist())

    def labels_index(issue: str, label: str) -> int | None:
        labels = list(options[issue])
        if label in labels:
            return labels.index(label)
        problems.append(
            f"issue {issue!r} has no option {label!r}; its options are "
            + ", ".join(repr(x) for x in labels)
        )
        return None

    def walk(node: Node) -> None:
        match node:
            case Compare(issue=issue) | Member(issue=issue) if issue not in options:
                problems.append(
                    f"unknown issue {issue!r}; the issues are " + ", ".join(options)
                )
                allowed.append((issue, frozenset()))
            case Compare(issue=issue) | Member(issue=issue) if issue in numeric:
                allowed.append((issue, by_number(node)))
            case Compare(number=True) | Member(interval=True):
                problems.append(f"issue {node.issue!r} has options, not numbers: quote an "
                                f"option, e.g. {node.issue} == {_quote(options[node.issue][0])}")
                allowed.append((node.issue, frozenset()))
            case Compare(issue=issue, op=op, option=label):
                index = labels_index(issue, label)
                n = len(options[issue])
                if index is None:
                    allowed.append((issue, frozenset()))
                else:
                    test = _ORDER_TESTS[op]
                    allowed.append((issue, frozenset(k for k in range(n) if test(k, index))))
            case Member(issue=issue, options=labels, negated=negated):
                indices = {labels_index(issue, label) for label in labels}
                chosen = frozenset(k for k in indices if k is not None)
                if negated:
                    chosen = frozenset(range(len(options[issue]))) - chosen
                allowed.append((issue, chosen))
            case Not(operand=x):
                walk(x)
            case And(operands=ops) | Or(operands=ops):
                for op_node in ops:
                    walk(op_node)
            case Implies(premise=p, conclusion=c):
                walk(p)
                walk(c)
            case Constant():
                pass

    walk(tree)
    return BoundRule(rule, tree, issues_of(tree), tuple(allowed)), problems


_ORDER_TESTS: dict[str, Callable[[int, int], bool]] = {
    "==": lambda k, i: k == i,
    "!=": lambda k, i: k != i,
    "<": lambda k, i: k < i,
    "<=": lambda k, i: k <= i,
    ">": lambda k, i: k > i,
    ">=": lambda k, i: k >= i,
}


_NUMBER_TESTS: dict[str, Callable[[NDArray[np.float64], float], NDArray[np.bool_]]] = {
    "==": lambda x, c: np.isclose(x, c, rtol=0, atol=TOLERANCE),
    "!=": lambda x, c: ~np.isclose(x, c, rtol=0, atol=TOLERANCE),
    "<": lambda x, c: x < c,
    "<=": lambda x, c: x <= c + TOLERANCE,
    ">": lambda x, c: x > c,
    ">=": lambda x, c: x >= c - TOLERANCE,
}


def evaluate(
    bound: BoundRule, atom_value: Callable[[str, NDArray[np.bool_]], NDArray[np.bool_]],
    option_counts: Mapping[str, int],
) -> NDArray[np.bool_]:
    """Evaluate a bound rule.

    ``atom_value(issue, table)`` maps an issue's table of allowed options (a boolean vector over
    its options) to a boolean array over outcomes; arrays are combined with numpy broadcasting, so
    an atom may return an array shaped to broadcast over a grid of outcomes, or a flat one.
    """
    tables = iter(bound.atom_tables(option_counts))

    def walk(node: Node) -> NDArray[np.bool_]:
        match node:
            case Compare(issue=issue) | Member(issue=issue):
                return atom_value(issue, next(tables))
            case Not(operand=x):
                return np.logical_not(walk(x))
            case And(operands=ops):
                result = walk(ops[0])
                for op_node in ops[1:]:
                    result = np.logical_and(result, walk(op_node))
                return result
            case Or(operands=ops):
                result = walk(ops[0])
                for op_node in ops[1:]:
                    result = np.logical_or(result, walk(op_node))
                return result
            case Implies(premise=p, conclusion=c):
                return np.logical_or(np.logical_not(walk(p)), walk(c))
            case Constant(value=v):
                return np.asarray(v)
        raise TypeError(f"not a rule node: {node!r}")  # pragma: no cover

    return walk(bound.tree)
