"""The red-line rule language: parsing, errors with their place, and vectorised evaluation."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redline.errors import RuleSyntaxError
from redline.scenario.rules import (
    And,
    Compare,
    Constant,
    Implies,
    Member,
    Not,
    Or,
    bind,
    evaluate,
    issues_of,
    parse_rule,
    to_text,
)

OPTIONS = {"x": ["a", "b", "c"], "y": ["lo", "mid", "hi"], "z": ["no", "yes"]}


def test_and_binds_tighter_than_or_and_implies_is_lowest():
    tree = parse_rule("x == 'a' or y == 'lo' and z == 'no' implies x != 'c'")
    assert isinstance(tree, Implies)
    assert isinstance(tree.premise, Or)
    assert isinstance(tree.premise.operands[1], And)
    assert tree.conclusion == Compare("x", "!=", "c", 44)


def test_implies_is_right_associative():
    tree = parse_rule("x == 'a' implies y == 'lo' implies z == 'no'")
    assert isinstance(tree, Implies) and isinstance(tree.conclusion, Implies)


def test_membership_not_in_parentheses_and_keywords_case():
    tree = parse_rule("NOT (x in ['a', 'b',]) AND y not in [\"hi\"]")
    assert isinstance(tree, And)
    assert tree.operands[0] == Not(Member("x", ("a", "b"), False, 5))
    assert tree.operands[1] == Member("y", ("hi",), True, 27)
    assert issues_of(tree) == {"x", "y"}


def test_quoted_labels_may_hold_spaces_and_escaped_quotes():
    tree = parse_rule(r"x == 'no limits' or x == 'Iran\'s'")
    assert isinstance(tree, Or)
    assert tree.operands[0].option == "no limits"
    assert tree.operands[1].option == "Iran's"


@pytest.mark.parametrize(
    ("rule", "position", "fragment"),
    [
        ("", 0, "empty"),
        ("x == 'a", 5, "unterminated"),
        ("x == a", 5, "quoted option"),
        ("x == 'a' and", 12, "issue id"),
        ("x in ['a'", 9, "']'"),
        ("x 'a'", 2, "comparison"),
        ("x == 'a' y == 'b'", 9, "end of the rule"),
        ("x == 'a' ; drop", 9, "unexpected character"),
        ("(x == 'a'", 9, "')'"),
        ("x not == 'a'", 6, "'in'"),
        ("__import__('os')", 10, "comparison"),
    ],
)
def test_syntax_errors_name_the_place(rule, position, fragment):
    with pytest.raises(RuleSyntaxError) as info:
        parse_rule(rule)
    assert info.value.position == position
    assert fragment in str(info.value)


def test_bind_reports_unknown_issue_and_option():
    _, problems = bind("w == 'a' or x == 'q'", parse_rule("w == 'a' or x == 'q'"), OPTIONS)
    assert any("unknown issue 'w'" in p for p in problems)
    assert any("no option 'q'" in p and "'a', 'b', 'c'" in p for p in problems)


# --- evaluation against a straightforward per-outcome interpreter ---------------------------

labels = st.sampled_from([(issue, label) for issue, opts in OPTIONS.items() for label in opts])


@st.composite
def trees(draw, depth=3):
    if depth == 0 or draw(st.integers(0, 3)) == 0:
        kind = draw(st.integers(0, 2))
        issue, label = draw(labels)
        if kind == 0:
            return Compare(issue, draw(st.sampled_from(["==", "!=", "<", "<=", ">", ">="])), label)
        if kind == 1:
            chosen = draw(st.lists(st.sampled_from(OPTIONS[issue]), min_size=1, max_size=3))
            return Member(issue, tuple(chosen), draw(st.booleans()))
        return Constant(draw(st.booleans()))
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return Not(draw(trees(depth - 1)))
    if kind == 1:
        return Implies(draw(trees(depth - 1)), draw(trees(depth - 1)))
    operands = tuple(draw(st.lists(trees(depth - 1), min_size=2, max_size=3)))
    return And(operands) if kind == 2 else Or(operands)


def interpret(node, outcome, options=OPTIONS):
    """Reference semantics, one outcome ({issue: label}) at a time (test only)."""
    match node:
        case Compare(issue=i, op=op, option=o):
            a, b = options[i].index(outcome[i]), options[i].index(o)
            return {"==": a == b, "!=": a != b, "<": a < b, "<=": a <= b, ">": a > b,
                    ">=": a >= b}[op]
        case Member(issue=i, options=opts, negated=neg):
            return (outcome[i] in opts) != neg
        case Not(operand=x):
            return not interpret(x, outcome, options)
        case And(operands=ops):
            return all(interpret(x, outcome, options) for x in ops)
        case Or(operands=ops):
            return any(interpret(x, outcome, options) for x in ops)
        case Implies(premise=p, conclusion=c):
            return (not interpret(p, outcome, options)) or interpret(c, outcome, options)
        case Constant(value=v):
            return v
    raise AssertionError(node)


def _strip_positions(node):
    match node:
        case Compare(issue=i, op=op, option=o):
            return Compare(i, op, o)
        case Member(issue=i, options=opts, negated=neg):
            return Member(i, opts, neg)
        case Not(operand=x):
            return Not(_strip_positions(x))
        case And(operands=ops):
            return And(tuple(_strip_positions(x) for x in ops))
        case Or(operands=ops):
            return Or(tuple(_strip_positions(x) for x in ops))
        case Implies(premise=p, conclusion=c):
            return Implies(_strip_positions(p), _strip_positions(c))
    return node


@settings(max_examples=200, deadline=None)
@given(trees())
def test_text_round_trip_and_vectorised_evaluation_match_the_reference(tree):
    text = to_text(tree)
    assert _strip_positions(parse_rule(text)) == _strip_positions(tree)
    bound, problems = bind(text, parse_rule(text), OPTIONS)
    assert problems == []
    shape = tuple(len(v) for v in OPTIONS.values())
    names = list(OPTIONS)

    def atom(issue, table):
        k = names.index(issue)
        return table.reshape(tuple(len(table) if d == k else 1 for d in range(len(names))))

    mask = np.broadcast_to(evaluate(bound, atom, {k: len(v) for k, v in OPTIONS.items()}), shape)
    for combo in itertools.product(*(range(n) for n in shape)):
        outcome = {name: OPTIONS[name][k] for name, k in zip(names, combo, strict=True)}
        assert bool(mask[combo]) == interpret(tree, outcome), (text, outcome)
