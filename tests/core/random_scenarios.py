"""Hypothesis strategies for random, valid scenario documents (additive, with red lines)."""

from __future__ import annotations

from hypothesis import strategies as st

COMPARATORS = ["==", "!=", "<", "<=", ">", ">="]


@st.composite
def documents(draw, parties=(2, 3), issues=(1, 4), options=(2, 4), red_lines=(0, 3)):
    n_parties = draw(st.integers(*parties))
    n_issues = draw(st.integers(*issues))
    issue_list = []
    for i in range(n_issues):
        n = draw(st.integers(*options))
        labels = [f"o{k}" for k in range(n)]
        issue_list.append({"id": f"i{i}", "name": f"Issue {i}", "options": labels,
                           "status_quo": labels[draw(st.integers(0, n - 1))]})
    # Values on a coarse grid make exact ties likely, which the tests want to exercise.
    value = st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0])
    preferences = {}
    for p in range(n_parties):
        weights = {f"i{i}": draw(st.sampled_from([0.0, 1.0, 2.0, 3.0])) for i in range(n_issues)}
        if sum(weights.values()) == 0:
            weights["i0"] = 1.0
        values = {issue["id"]: [draw(value) for _ in issue["options"]] for issue in issue_list}
        preferences[f"P{p}"] = {"weights": weights, "values": values,
                                "reservation": draw(st.sampled_from([0.0, 0.1, 0.3, 0.5]))}
    rules = []
    for r in range(draw(st.integers(*red_lines))):
        rules.append({"id": f"r{r}", "actor": f"P{draw(st.integers(0, n_parties - 1))}",
                      "rule": draw(rule_text(issue_list))})
    return {
        "format": "redline/1",
        "title": "random",
        "actors": [{"id": f"P{p}", "name": f"Party {p}", "role": "party"} for p in range(n_parties)],
        "issues": issue_list,
        "preferences": preferences,
        "red_lines": rules,
    }


@st.composite
def rule_text(draw, issue_list):
    def atom():
        issue = draw(st.sampled_from(issue_list))
        label = draw(st.sampled_from(issue["options"]))
        return f"{issue['id']} {draw(st.sampled_from(COMPARATORS))} '{label}'"

    kind = draw(st.integers(0, 3))
    if kind == 0:
        return atom()
    if kind == 1:
        return f"{atom()} implies {atom()}"
    if kind == 2:
        return f"{atom()} or {atom()}"
    return f"not ({atom()} and {atom()})"
