"""Poisson draws of many cities' counts at once, for the status certainty (methodology v2, "How sure is the status").

Every city uses the same N uniform numbers from the fixed seed, turned into Poisson counts by inverting the city's
own cumulative distribution. So a city's draws depend only on its own counts and the seed: never on which other
cities are in the table, their order, or how the work is split into chunks.
"""

from __future__ import annotations

import numpy as np
from scipy.special import gammaln, xlogy

from pioc_metrics import constants as C

TAIL_SDS = 9  # the distribution is tabulated this many standard deviations (+ TAIL_PAD) either side of the mean:
TAIL_PAD = 10  # the mass left outside is below 1e-17, less than one uniform number in 2^53 can reach


def draw_uniforms(pairs: int = C.STATUS_DRAWS) -> np.ndarray:
    """(2 x pairs) uniform numbers in [0, 1) from the fixed seed: row 0 for the baselines, row 1 for the latest."""
    return np.random.default_rng(C.STATUS_DRAW_SEED).random((2, pairs))


def support_width(means) -> np.ndarray:
    """How many values of each Poisson distribution are tabulated (the work and memory one city's draws take)."""
    means = np.asarray(means, dtype=float)
    spread = np.ceil(TAIL_SDS * np.sqrt(means)) + TAIL_PAD
    low = np.maximum(np.floor(means) - spread, 0.0)
    return (np.ceil(means) + spread - low + 1).astype(np.int64)


def poisson_quantiles(means, uniforms) -> np.ndarray:
    """(cities x draws): each city's Poisson(mean) count at each uniform number, the inverse of its distribution.

    Equivalent to counting how many of the sorted uniform numbers fall below each step of the city's cumulative
    distribution, so each city costs one pass over its tabulated values, and the draws are put back in the
    uniform numbers' order.
    """
    means = np.asarray(means, dtype=float)
    uniforms = np.asarray(uniforms, dtype=float)
    spread = np.ceil(TAIL_SDS * np.sqrt(means)) + TAIL_PAD
    low = np.maximum(np.floor(means) - spread, 0.0)
    width = support_width(means)
    steps = np.arange(int(width.max()) if len(means) else 1)
    values = low[:, None] + steps[None, :]
    # P(X = low) from the log-gamma function, then P(X = x + 1) = P(X = x) x mean / (x + 1) along the row
    first = np.exp(xlogy(low, means) - means - gammaln(low + 1.0))
    ratios = np.empty(values.shape)
    ratios[:, 0] = first
    np.divide(means[:, None], values[:, 1:], out=ratios[:, 1:])
    cumulative = np.minimum(np.cumsum(np.cumprod(ratios, axis=1), axis=1), 1.0)
    cumulative[steps[None, :] >= width[:, None] - 1] = 1.0  # every uniform number < 1 lands inside the table
    order = np.argsort(uniforms, kind="stable")
    below = np.searchsorted(uniforms[order], cumulative.ravel(), side="left").reshape(cumulative.shape)
    taken = np.diff(below, axis=1, prepend=0)
    ascending = np.repeat(values.ravel(), taken.ravel()).reshape(len(means), len(uniforms))
    if (order == np.arange(len(order))).all():  # uniform numbers given in ascending order: nothing to put back
        return ascending
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return ascending[:, rank]
