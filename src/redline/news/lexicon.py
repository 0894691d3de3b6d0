"""The field's lexicons as redline uses them: organisations with their own identity, armed
groups with their home state, and agent nouns with the sector they speak for.

Derived from the PETRARCH2/Phoenix dictionaries (MIT) by ``tools/build_lexicons.py``; the
files and their licence notice are in ``news/lexicons/``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

FOLDER = Path(__file__).parent / "lexicons"
SECTORS = ("government", "military", "party", "union", "business", "rebels", "civil society")


@dataclass(frozen=True)
class Organisation:
    """An organisation as news names it: its identity ("EU"), kind (IGO, NGO, MNC) and CAMEO
    code."""

    identity: str
    kind: str
    cameo: str


def _rows(name: str) -> list[list[str]]:
    text = (FOLDER / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@functools.cache
def organisations() -> dict[str, Organisation]:
    """Lower-case name -> organisation (Phoenix international actors, undated entries)."""
    return {row[0]: Organisation(row[1], row[2], row[3]) for row in _rows("organisations.tsv")}


@functools.cache
def armed_groups() -> dict[str, str]:
    """Lower-case name -> home state (ISO alpha-3) of an armed non-state group."""
    return {row[0]: row[1] for row in _rows("armed_groups.tsv")}


@functools.cache
def agents() -> dict[str, str]:
    """Lower-case agent noun phrase ("trade union", "army chief") -> sector."""
    return {row[0]: row[1] for row in _rows("agents.tsv")}


@functools.cache
def kinds() -> dict[str, str]:
    """Organisation identity -> IGO / NGO / MNC (the code PLOVER and CAMEO score)."""
    out: dict[str, str] = {}
    for org in organisations().values():
        out.setdefault(org.identity, org.kind)
    return out


@functools.cache
def cameo_verbs() -> dict[tuple[str, str], str]:
    """(verb lemma, particle or object word or "") -> PLOVER event, from the CAMEO verb
    dictionary through the CAMEO->PLOVER table (CC BY-SA 4.0; see NOTICE)."""
    return {(row[0], row[1]): row[3] for row in _rows("plover_cameo.tsv")}
