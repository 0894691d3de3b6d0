"""Cross-check against NegMAS (the `peer` extra): the same time-based strategies on the same
domain make the same offers, turn by turn (on NegMAS's clock; redline's default clock reaches
t = 1 in the last round, NegMAS's does not)."""

from __future__ import annotations

import numpy as np
import pytest

from redline.negotiate import Setup, from_tables, simulate, strategy

pytestmark = pytest.mark.peer


@pytest.mark.parametrize("pair", [("boulware", "conceder"), ("boulware", "boulware"),
                                  ("linear", "conceder")])
@pytest.mark.parametrize("seed", [0, 1])
def test_offer_sequence_matches_negmas_saomechanism(pair: tuple[str, str], seed: int) -> None:
    negmas = pytest.importorskip("negmas")
    from negmas.preferences import LinearAdditiveUtilityFunction
    from negmas.preferences.value_fun import TableFun
    from negmas.sao import BoulwareTBNegotiator, ConcederTBNegotiator, LinearTBNegotiator

    rng = np.random.default_rng(seed)
    weights = rng.random((2, 3)) + 0.1
    weights /= weights.sum(axis=1, keepdims=True)
    values = []
    for _ in range(3):
        ladder = np.sort(rng.random(6))
        ladder = (ladder - ladder[0]) / (ladder[-1] - ladder[0])
        values.append(np.stack([ladder, 1 - ladder]))
    domain = from_tables(("A", "B"), weights, values)
    # NegMAS's clock, (r + 1) / (R + 1), which never reaches 1: the clock=negmas setting
    players = (strategy(pair[0] + ":clock=negmas"), strategy(pair[1] + ":clock=negmas"))
    ours = simulate(Setup(domain, players, rounds=40), 1, 0, transcript=True)
    offered = [tuple(int(label[1:]) for label in e["outcome"].values())
               for e in ours.transcript[0]["events"] if e["action"] == "offer"]

    kinds = {"boulware": BoulwareTBNegotiator, "conceder": ConcederTBNegotiator,
             "linear": LinearTBNegotiator}
    space = negmas.make_os([negmas.make_issue(6, name=f"issue{i}") for i in range(3)])
    ufuns = [LinearAdditiveUtilityFunction(
        values=[TableFun({k: float(v[p, k]) for k in range(6)}) for v in values],
        weights=[float(w) for w in weights[p]], outcome_space=space, reserved_value=0.0)
        for p in range(2)]
    mechanism = negmas.SAOMechanism(outcome_space=space, n_steps=40)
    mechanism.add(kinds[pair[0]](name="A"), ufun=ufuns[0])
    mechanism.add(kinds[pair[1]](name="B"), ufun=ufuns[1])
    state = mechanism.run()
    theirs = [tuple(outcome) for _, _, outcome in mechanism.extended_trace]
    assert offered == theirs
    assert ours.agreed[0] == (state.agreement is not None)
    if state.agreement is not None:
        assert np.allclose(ours.utilities[0], [float(u(state.agreement)) for u in ufuns])
