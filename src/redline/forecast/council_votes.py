"""The agenda-setter model with the Council's own voting weights (Treaty of Nice).

:func:`redline.forecast.procedural.procedural` weighs member states by DEU's capabilities
(GDP-based) against a 65% quota, standing in for the Lisbon double majority. Most DEU III
proposals were decided under the Treaty of Nice's weighted votes (TEU art. 16(5) and Protocol 36
until 31 October 2014): a qualified majority is 260 of 352 votes (255 of 345 before Croatia
joined) cast by a majority of the members. ``procedural-nice`` runs the same model with those
votes as the weights, a quota of 260/352 and half the members: the rule, not a proxy for it.

Where a space's member states are not all DEU codes with a Nice vote (every redline scenario,
KTAB files), it is the plain procedural model (which itself falls back to the compromise where
it has no setter or no reference point).
"""

from __future__ import annotations

import numpy as np

from redline.forecast.procedural import procedural
from redline.forecast.result import Forecast
from redline.forecast.space import IssueSpace

NICE_VOTES = {
    "de": 29, "fr": 29, "it": 29, "uk": 29, "es": 27, "pl": 27, "ro": 14, "nl": 13, "be": 12,
    "cz": 12, "el": 12, "hu": 12, "pt": 12, "at": 10, "bu": 10, "se": 10, "dk": 7, "ie": 7,
    "lt": 7, "sk": 7, "fi": 7, "cr": 7, "cy": 4, "ee": 4, "lv": 4, "lu": 4, "si": 4, "mt": 3,
}
"""Council votes per member state under the Treaty of Nice (DEU III actor codes)."""

NICE_QUOTA = 260 / 352
"""The qualified majority of the Treaty of Nice with 28 members."""


def procedural_nice(space: IssueSpace, *, setter: str = "com",
                    parliament: str = "ep") -> Forecast:
    """The procedural model with Nice votes as the Council's weights (see the module docstring)."""
    states = [a for a in space.actors if a not in (setter, parliament)]
    if not states or not all(a in NICE_VOTES for a in states):
        result = procedural(space, setter=setter, parliament=parliament)
        votes_used = False
    else:
        votes = np.array([NICE_VOTES.get(a, 1.0) for a in space.actors], dtype=float)
        result = procedural(space.with_capabilities(votes), setter=setter,
                            parliament=parliament, quota=NICE_QUOTA, members=0.5)
        votes_used = True
    return Forecast("procedural-nice", {**result.parameters, "nice_votes": votes_used},
                    space.actors, space.issues, result.outcome, result.trajectory,
                    details=dict(result.details))
