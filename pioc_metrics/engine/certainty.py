"""How sure is each city's status (methodology v2): the counts behind its baseline and latest value drawn again and
again from their Poisson distributions, and the status rules applied to every draw.

All cities and all draws at once, as a (cities x draws) array, in chunks of cities so that 10,000 cities x 2000
draws never sit in memory whole. The status rules are the same functions progress_table applies to the point
values (engine.formulas), so a draw equal to the observed counts has exactly the point status.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pioc_metrics import constants as C
from pioc_metrics.engine.draws import draw_uniforms, poisson_quantiles, support_width
from pioc_metrics.engine.formulas import progress_rates, status_code, target_value
from pioc_metrics.engine.matrix import Matrix, window_totals
from pioc_metrics.settings import Settings

SHARE_COLUMNS = tuple(f"share_{status}" for status in C.STATUSES)
CHUNK_CELLS = 1_000_000  # cities x draws per chunk (8 MB per float array)
TABLE_CELLS = 2_000_000  # cities x tabulated counts per chunk, for cities with very large counts


def counts_behind(counts: Matrix | None, values: Matrix, baseline_year, latest_year, smoothing: bool):
    """(k_B, k_L): the counts the baseline and the latest value rest on, summed over the smoothing window (over the
    years that have a value); NaN where a year with a value has no count, or where the measure has no counts."""
    n = values.values.shape[0]
    if counts is None:
        return np.full(n, np.nan), np.full(n, np.nan)
    if smoothing:
        counts = window_totals(counts, ~np.isnan(values.values))
    return counts.at(baseline_year), counts.at(latest_year)  # a missing year (NaN) lies outside: NaN


def status_shares(table: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """share_<status> for each status and status_certainty (the share in the point status), one row per city;
    NaN where the baseline or the latest value rests on no counts, or where there is no status."""
    n = len(table)
    shares = np.full((n, len(C.STATUSES)), np.nan)
    column = lambda name: table[name].to_numpy(dtype=float)  # noqa: E731
    baseline, latest = column("baseline"), column("latest")
    k_baseline, k_latest = column("count_behind_baseline"), column("count_behind_latest")
    status = table["status"].to_numpy(dtype=object)
    drawn = (np.isfinite(k_baseline) & np.isfinite(k_latest) & (k_baseline >= 0) & (k_latest >= 0)
             & np.isfinite(baseline) & np.isfinite(latest) & np.isin(status, C.STATUSES)
             & (status != "insufficient_data"))
    rows = np.flatnonzero(drawn)
    if len(rows):
        shares[rows] = _drawn_shares(
            baseline[rows], latest[rows], k_baseline[rows], k_latest[rows],
            column("baseline_year")[rows], column("latest_year")[rows], settings,
        )
    point = np.maximum(pd.Index(C.STATUSES).get_indexer(status), 0)
    certainty = np.where(drawn, shares[np.arange(n), point], np.nan)
    frame = pd.DataFrame(shares, columns=list(SHARE_COLUMNS), index=table.index)
    frame.insert(0, "status_certainty", certainty)
    return frame


def _drawn_shares(baseline, latest, k_baseline, k_latest, baseline_year, latest_year, settings) -> np.ndarray:
    """(cities x statuses) shares of the draws, for cities that all have counts; in chunks of similar counts."""
    uniforms = draw_uniforms()
    uniforms = uniforms[:, np.argsort(uniforms[0], kind="stable")]  # pairs by their baseline number: same pairs
    draws = uniforms.shape[1]
    width = np.maximum(support_width(k_baseline), support_width(k_latest))
    order = np.argsort(width, kind="stable")  # similar widths together: little padding in each chunk's table
    shares = np.empty((len(order), len(C.STATUSES)))
    start = 0
    while start < len(order):  # chunks of cities, each a whole-array step
        stop = min(len(order), start + max(1, CHUNK_CELLS // draws))
        stop = min(stop, start + max(1, TABLE_CELLS // int(width[order[stop - 1]])))
        rows = order[start:stop]
        b_draws = _drawn_values(baseline[rows], k_baseline[rows], uniforms[0])
        l_draws = _drawn_values(latest[rows], k_latest[rows], uniforms[1])
        b_year, l_year = baseline_year[rows, None], latest_year[rows, None]
        _, _, ratio = progress_rates(b_draws, b_year, l_draws, l_year, settings)
        code = status_code(b_draws, l_draws, target_value(b_draws, settings.reduction), ratio)
        offsets = np.arange(len(rows))[:, None] * len(C.STATUSES)
        tally = np.bincount((code + offsets).ravel(), minlength=len(rows) * len(C.STATUSES))
        shares[rows] = tally.reshape(len(rows), len(C.STATUSES)) / draws
        start = stop
    return shares


def _drawn_values(observed, count, uniforms) -> np.ndarray:
    """Drawn counts turned into values as the observed were made: value x k* / k (a rate keeps its population)."""
    drawn = poisson_quantiles(count, uniforms)
    with np.errstate(invalid="ignore", divide="ignore"):
        scaled = observed[:, None] * (drawn / count[:, None])  # a draw equal to the count gives the observed value
    if (count == 0).any():  # no count to scale by: Poisson(0) draws only 0, so the value stays as observed
        scaled = np.where(count[:, None] > 0, scaled, observed[:, None])
    return scaled
