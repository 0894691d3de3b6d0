"""A procedural model of EU legislative decisions: the Commission proposes, the Council votes by
its rule (qualified majority or unanimity), Parliament holds a veto under co-decision.

The agenda-setter model (Romer & Rosenthal 1978; for the EU Steunenberg 1994 and Tsebelis 1994;
tested on DEU data by Thomson, Stokman, Achen & König, *The European Union Decides*, 2006, ch.
4-5). On each issue, with the reference point q (DEU's ``rp``) as the default, actor i's utility
is -|x - x_i| (so i accepts x over q when |x - x_i| <= |q - x_i|). The *acceptable* outcomes are
those that

- a winning coalition of member states accepts: under QMV the accepting states hold at least
  ``quota`` of the Council's votes (Nice Treaty weights, 260 of 352 with Croatia, TEU art. 16 and
  Protocol 36 for votes before November 2014); under unanimity every state accepts;
- Parliament accepts, under co-decision (COD; under consultation, CNS, it has no veto).

A state or Parliament without a position on the issue accepts whatever the others accept (DEU
records no position where an actor did not take part in the discussion). The Commission
proposes the acceptable outcome nearest its own position (ties: nearest q); q is always
acceptable, so the model always gives an answer. Outcomes are searched on a 0.5-point grid.

Where the model cannot apply, it gives the compromise (capability x salience weighted mean) and
says so in ``details["fallback"]``: an issue without a reference point (23% of DEU III's rows),
without a Commission position, with an unknown procedure, or a space whose actors are not the
DEU member-state codes (then every issue falls back).

Procedures come from the DEU file's ``counvte`` (``QMV``, ``QMV(10)``: QMV; ``Unan``:
unanimity) and ``proc`` (``COD``, ``CNS``) columns: :func:`read_procedures`. Without them, the
model reads them from ``space.source`` when that is a DEU file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from redline.forecast.compromise import compromise
from redline.forecast.result import Forecast
from redline.forecast.space import ForecastInputError, IssueSpace, source_text

NICE_VOTES = {
    "de": 29, "fr": 29, "it": 29, "uk": 29, "es": 27, "pl": 27, "ro": 14, "nl": 13, "be": 12,
    "cz": 12, "el": 12, "hu": 12, "pt": 12, "at": 10, "bu": 10, "se": 10, "dk": 7, "ie": 7,
    "lt": 7, "sk": 7, "fi": 7, "cr": 7, "cy": 4, "ee": 4, "lv": 4, "lu": 4, "si": 4, "mt": 3,
}
"""Council votes per member state (DEU III actor codes) under the Treaty of Nice."""

NICE_QUOTA = 260 / 352
"""The qualified majority under Nice with 28 members: 260 of 352 votes."""

GRID = np.linspace(0.0, 100.0, 201)
COMMISSION, PARLIAMENT = "com", "ep"


@dataclass(frozen=True)
class Procedure:
    """How one DEU issue was decided: the Council's rule and the legislative procedure."""

    rule: str  # "qmv" or "unanimity"
    procedure: str  # "COD", "CNS", or another code (Parliament without a veto)


def read_procedures(source: str | Path, *, text: str | None = None) -> dict[str, Procedure]:
    """Issue id (``isnr``) -> :class:`Procedure`, from a DEU III file's ``counvte`` and ``proc``."""
    rows = list(csv.reader(io.StringIO(source_text(source, text)), delimiter="\t"))
    if not rows:
        raise ForecastInputError(f"{source}: the file is empty. Fix: pass a DEU III file")
    header = [h.strip().strip('"') for h in rows[0]]
    missing = [c for c in ("isnr", "counvte", "proc") if c not in header]
    if missing:
        raise ForecastInputError(f"{source} (line 1): no {', '.join(missing)} column. Fix: the "
                                 "procedural model needs DEU III's procedure columns")
    index = {h: k for k, h in enumerate(header)}
    found = {}
    for row in rows[1:]:
        if len(row) <= max(index.values()):
            continue
        issue = row[index["isnr"]].strip().strip('"')
        vote = row[index["counvte"]].strip().strip('"').lower()
        if not issue or not vote:
            continue
        rule = "unanimity" if vote.startswith("unan") else "qmv" if vote.startswith("qmv") \
            else "unknown"
        found[issue] = Procedure(rule, row[index["proc"]].strip().strip('"').upper())
    return found


def procedural(space: IssueSpace, *, procedures: Mapping[str, Procedure] | None = None,
               quota: float = NICE_QUOTA) -> Forecast:
    """The agenda-setter forecast of every issue (see the module docstring)."""
    if procedures is None:
        procedures = _procedures_of(space)
    fallback = compromise(space).outcome
    outcome = fallback.copy()
    reasons: dict[str, str] = {}
    states = [a for a in space.actors if a not in (COMMISSION, PARLIAMENT)]
    known = bool(states) and all(a in NICE_VOTES for a in states) and COMMISSION in space.actors
    for k, issue in enumerate(space.issues):
        why = _cannot(space, k, procedures.get(issue), known)
        if why:
            reasons[issue] = why
            continue
        outcome[k] = _agenda_setter(space, k, procedures[issue], states, quota)
    return Forecast("procedural", {"quota": quota, "grid": float(GRID[1] - GRID[0])},
                    space.actors, space.issues, outcome, outcome[None, :],
                    details={"fallback": reasons,
                             "rules": {i: procedures[i].rule for i in space.issues
                                       if i in procedures}})


def _procedures_of(space: IssueSpace) -> dict[str, Procedure]:
    path = Path(space.source)
    if path.suffix.lower() != ".tsv" or not path.is_file():
        return {}
    try:
        return read_procedures(path)
    except ForecastInputError:
        return {}


def _cannot(space: IssueSpace, k: int, procedure: Procedure | None, known: bool) -> str:
    """Why the procedural model cannot forecast issue k ('' when it can)."""
    if not known:
        return "actors are not DEU member states with a Commission"
    if procedure is None or procedure.rule == "unknown":
        return "no procedure"
    if np.isnan(space.status_quo[k]):
        return "no reference point"
    if np.isnan(space.positions[space.actors.index(COMMISSION), k]):
        return "no Commission position"
    return ""


def _accepts(position: float, reference: float) -> NDArray[np.bool_]:
    """Over the grid: outcomes an actor at `position` likes at least as well as `reference`
    (an actor without a position accepts everything)."""
    if np.isnan(position):
        return np.ones(GRID.shape, dtype=bool)
    return np.asarray(np.abs(GRID - position) <= abs(reference - position) + 1e-9)


def _agenda_setter(space: IssueSpace, k: int, procedure: Procedure, states: list[str],
                   quota: float) -> float:
    q = float(space.status_quo[k])
    column = {a: float(space.positions[space.actors.index(a), k]) for a in space.actors}
    accepts = np.array([_accepts(column[s], q) for s in states])
    if procedure.rule == "unanimity":
        acceptable = accepts.all(axis=0)
    else:
        votes = np.array([NICE_VOTES[s] for s in states], dtype=float)
        acceptable = votes @ accepts >= quota * votes.sum() - 1e-9
    if procedure.procedure == "COD" and PARLIAMENT in column:
        acceptable &= _accepts(column[PARLIAMENT], q)
    commission = column[COMMISSION]
    candidates = GRID[acceptable]
    distance = np.abs(candidates - commission)
    best = candidates[np.isclose(distance, distance.min())]
    return float(best[np.argmin(np.abs(best - q))])


BLENDS = (0.0, 0.25, 0.5, 0.75, 1.0)


@dataclass(frozen=True)
class ProceduralCheck:
    """Out-of-fold MAE of the procedural model, the compromise, and a blend of the two whose
    weight is chosen on the training folds only (grouped by proposal)."""

    issues: tuple[str, ...]
    outcome: NDArray[np.float64]
    predictions: Mapping[str, NDArray[np.float64]]  # model -> out-of-fold prediction per issue
    chosen: tuple[float, ...]  # the blend weight picked in each fold
    fold_of: tuple[int, ...]  # the fold of each issue
    folds: int
    seed: int

    def mae(self, model: str) -> float:
        return float(np.mean(np.abs(self.predictions[model] - self.outcome)))

    def to_dict(self) -> dict[str, object]:
        return {"issues": len(self.issues), "folds": self.folds, "seed": self.seed,
                "mae": {m: self.mae(m) for m in self.predictions},
                "blend_weights_chosen": list(self.chosen)}


def cross_validate(space: IssueSpace, *, procedures: Mapping[str, Procedure] | None = None,
                   folds: int = 5, seed: int = 0) -> ProceduralCheck:
    """Grouped k-fold cross-validation: proposals (``issue_groups``) are dealt into `folds`
    folds at random (`seed`), so no proposal has issues on both sides. In each fold the blend
    lambda x procedural + (1 - lambda) x compromise takes the lambda of BLENDS with the least
    MAE on the other folds, and is scored on this fold; the procedural model and the
    compromise have nothing to tune and are scored as they are."""
    known = ~np.isnan(space.outcome)
    space = space.subset(np.flatnonzero(known))
    if folds < 2 or len(set(space.issue_groups)) < folds:
        raise ForecastInputError(f"cross-validation needs at least {max(folds, 2)} proposals "
                                 "and 2 folds. Fix: use fewer --folds")
    proc = procedural(space, procedures=procedures).outcome
    comp = compromise(space).outcome
    groups = np.array(space.issue_groups)
    names = np.random.default_rng(seed).permutation(np.unique(groups))
    fold_of = {g: k % folds for k, g in enumerate(names)}
    fold = np.array([fold_of[g] for g in groups])
    blend = np.empty_like(comp)
    chosen = []
    for k in range(folds):
        train, test = fold != k, fold == k
        errors = [np.mean(np.abs(w * proc[train] + (1 - w) * comp[train]
                                 - space.outcome[train])) for w in BLENDS]
        weight = BLENDS[int(np.argmin(errors))]
        chosen.append(weight)
        blend[test] = weight * proc[test] + (1 - weight) * comp[test]
    return ProceduralCheck(space.issues, space.outcome,
                           {"procedural": proc, "compromise": comp, "blend-cv": blend},
                           tuple(chosen), tuple(fold.tolist()), folds, seed)
