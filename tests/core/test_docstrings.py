"""Every public definition in src/redline says what it is (STYLE.md: docstrings that cite).

Public means: a module-level function or class whose name does not start with "_", and a
method of such a class whose name does not start with "_" (dunder methods included in that
exclusion: their meaning is Python's). Properties count (they are read like fields and need
saying what they hold); ``@overload`` stubs and ``@x.setter``/``@x.deleter`` halves do not
(the implementation and the getter carry the docstring). Definitions under
``if TYPE_CHECKING:`` or ``try:`` at module level count like any other. Pydantic and
dataclass machinery (generated ``__init__``, fields) is not a definition in the source, so it
is not walked.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "redline"

# Definitions exempt from the rule, each as a file (relative to src/redline) and a dotted
# name: none today; an entry must say why in a comment.
NOT_YET: frozenset[tuple[str, str]] = frozenset()


def _decorator_names(node: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    names = set()
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(target, ast.Name):
            names.add(target.id)
        elif isinstance(target, ast.Attribute):
            names.add(target.attr)  # typing.overload, x.setter, functools.cache
    return names


def _needs_docstring(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    if node.name.startswith("_"):
        return False
    return not _decorator_names(node) & {"overload", "setter", "deleter"}


def _top_level(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Module-level statements, looking inside ``if``/``try`` blocks (not functions)."""
    for node in body:
        if isinstance(node, ast.If):
            yield from _top_level(node.body)
            yield from _top_level(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody):
                yield from _top_level(block)
            for handler in node.handlers:
                yield from _top_level(handler.body)
        else:
            yield node


def public_definitions(tree: ast.Module) -> Iterator[tuple[str, ast.AST]]:
    """(dotted name, node) for every definition this test requires a docstring on."""
    functions = (ast.FunctionDef, ast.AsyncFunctionDef)
    for node in _top_level(tree.body):
        if isinstance(node, functions) and _needs_docstring(node):
            yield node.name, node
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            yield node.name, node
            for member in _top_level(node.body):
                if isinstance(member, functions) and _needs_docstring(member):
                    yield f"{node.name}.{member.name}", member


def missing_docstrings() -> list[tuple[str, int, str]]:
    """(file relative to src/redline, line, dotted name) of every undocumented definition."""
    missing = []
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for name, node in public_definitions(tree):
            assert isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
            docstring = ast.get_docstring(node)
            if docstring is None or not docstring.strip():
                missing.append((relative, node.lineno, name))
    return missing


def test_every_public_definition_has_a_docstring():
    offenders = [f"src/redline/{file}:{line} {name}" for file, line, name in missing_docstrings()
                 if (file, name) not in NOT_YET]
    assert not offenders, (f"{len(offenders)} public definitions have no docstring; say what "
                           "each is or returns (and cite its model):\n" + "\n".join(offenders))


def test_the_exemptions_are_still_needed():
    """An exemption whose definition gained a docstring (or was renamed) is dropped from NOT_YET."""
    missing = {(file, name) for file, _, name in missing_docstrings()}
    stale = sorted(NOT_YET - missing)
    assert not stale, f"remove these from NOT_YET, they are documented or gone: {stale}"


def test_the_walk_finds_what_it_should():
    """The rules above, on a small module: what counts and what does not."""
    source = '''
from typing import overload, TYPE_CHECKING

def public(): pass
def _private(): pass

class Shown:
    """Documented."""
    def method(self): pass
    def __init__(self): pass
    def _helper(self): pass
    @property
    def value(self): pass
    @value.setter
    def value(self, v): pass
    @overload
    def pick(self, x: int) -> int: ...
    def pick(self, x): pass

class _Hidden:
    def method(self): pass

if TYPE_CHECKING:
    def typed(): pass
'''
    names = [name for name, _ in public_definitions(ast.parse(source))]
    assert names == ["public", "Shown", "Shown.method", "Shown.value", "Shown.pick", "typed"]
