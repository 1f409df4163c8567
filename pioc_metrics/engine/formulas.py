"""The single formulas of shared/spec/methodology.md, each on numbers or on whole arrays of cities.

Symbols as the Methodology page writes them: B baseline in year b, L latest value in year t,
f the reduction, Y the target year, T the target, G(y) the target path, P(y) the projection.
"""

from __future__ import annotations

import numpy as np
from scipy.stats import chi2

from pioc_metrics import constants as C
from pioc_metrics.settings import Settings


def target_value(baseline, reduction):
    """T = B x (1 - f): the value a city aims for by the target year."""
    return np.asarray(baseline, dtype=float) * (1.0 - np.asarray(reduction, dtype=float))


def required_rate(reduction, baseline_year, target_year):
    """Annual change needed to cut a value by `reduction` between the two years."""
    years = np.asarray(target_year, dtype=float) - np.asarray(baseline_year, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = (1.0 - np.asarray(reduction, dtype=float)) ** (1.0 / years) - 1.0
    return np.where(years > 0, rate, np.nan)


def actual_rate(baseline, baseline_year, latest, latest_year):
    """Compound annual change from the baseline to the latest value (negative when falling)."""
    baseline = np.asarray(baseline, dtype=float)
    latest = np.asarray(latest, dtype=float)
    years = np.asarray(latest_year, dtype=float) - np.asarray(baseline_year, dtype=float)
    rate = np.empty(np.broadcast_shapes(baseline.shape, latest.shape, years.shape))
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # in place: runs on cities x draws too
        np.divide(latest, baseline, out=rate)
        np.power(rate, 1.0 / years, out=rate)
    rate -= 1.0
    np.copyto(rate, np.nan, where=~((baseline > 0) & (years > 0)))
    return rate


def progress_ratio(actual, required):
    """CR = CAGR_a / CAGR_r: 1 means falling exactly as fast as the target needs."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray(actual, dtype=float) / np.asarray(required, dtype=float)


def path_value(baseline, baseline_year, year, settings: Settings):
    """The target path G(y): from the baseline to the target by the target year."""
    baseline = np.asarray(baseline, dtype=float)
    with np.errstate(all="ignore"):
        share = (np.asarray(year, dtype=float) - np.asarray(baseline_year, dtype=float)) / (
            settings.target_year - np.asarray(baseline_year, dtype=float)
        )
        if settings.path == "linear":
            return baseline * (1.0 - settings.reduction * share)
        return baseline * (1.0 - settings.reduction) ** share


def gap_to_path(latest, path_at_latest):
    """L / G(t) - 1: how far above (+) or below (-) its path a city is; NaN without a positive path."""
    path_at_latest = np.asarray(path_at_latest, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(path_at_latest > 0, np.asarray(latest, dtype=float) / path_at_latest - 1.0, np.nan)


def reduction_so_far(baseline, latest):
    """1 - L / B: the share of the baseline already cut; NaN without a positive baseline."""
    baseline = np.asarray(baseline, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(baseline > 0, 1.0 - np.asarray(latest, dtype=float) / baseline, np.nan)


def projected_value(latest, latest_year, rate, year):
    """P(y) = L x (1 + CAGR_a)^(y - t): the value at the current pace; NaN before t."""
    steps = np.asarray(year, dtype=float) - np.asarray(latest_year, dtype=float)
    with np.errstate(all="ignore"):
        value = np.asarray(latest, dtype=float) * (1.0 + np.asarray(rate, dtype=float)) ** steps
    return np.where(steps >= 0, value, np.nan)


def first_year_at_target(target, latest, latest_year, rate):
    """ceil(t + ln(T / L) / ln(1 + CAGR_a)) where L > T and the value falls; else NaN."""
    target = np.asarray(target, dtype=float)
    latest = np.asarray(latest, dtype=float)
    rate = np.asarray(rate, dtype=float)
    falling = (latest > target) & (rate < 0) & (target > 0)
    with np.errstate(all="ignore"):
        years = np.log(target / latest) / np.log1p(rate)
        year = np.ceil(np.asarray(latest_year, dtype=float) + years - 1e-9)
    return np.where(falling, year, np.nan)


def required_rate_from_now(target, latest, latest_year, target_year):
    """CAGR_now = (T / L)^(1 / (Y - t)) - 1: the annual change needed from the latest value on; NaN unless L > T
    and t < Y."""
    target = np.asarray(target, dtype=float)
    latest = np.asarray(latest, dtype=float)
    years = np.asarray(target_year, dtype=float) - np.asarray(latest_year, dtype=float)
    with np.errstate(all="ignore"):
        rate = (target / latest) ** (1.0 / years) - 1.0
    return np.where((latest > target) & (years > 0), rate, np.nan)


def change_since_baseline(baseline, latest):
    """L / B - 1: the change since the baseline (+ is a rise); NaN without a positive baseline."""
    baseline = np.asarray(baseline, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(baseline > 0, np.asarray(latest, dtype=float) / baseline - 1.0, np.nan)


def progress_rates(baseline, baseline_year, latest, latest_year, settings: Settings):
    """(CAGR_a, CAGR_r, CR) on arrays of any shape; a latest value of 0 from a positive baseline is a -100 % pace."""
    cagr_actual = actual_rate(baseline, baseline_year, latest, latest_year)
    cagr_actual = np.where((np.asarray(latest) == 0) & (np.asarray(baseline) > 0), -1.0, cagr_actual)
    cagr_required = required_rate(settings.reduction, baseline_year, settings.target_year)
    return cagr_actual, cagr_required, progress_ratio(cagr_actual, cagr_required)


_STATUS = {name: np.int8(i) for i, name in enumerate(C.STATUSES)}
STATUS_NAMES = np.asarray(C.STATUSES)
# The progress-ratio rules as bins: CR < -0.1, -0.1 <= CR < 0.5, 0.5 <= CR < 0.95, CR >= 0.95.
_RATIO_BINS = np.array([C.LIMITED_PROGRESS_MIN, C.FAIR_PROGRESS_MIN, C.ON_TRACK_MIN])
_RATIO_STATUS = np.array([_STATUS[s] for s in ("deterioration", "limited_progress", "fair_progress", "on_track")])


def status_code(baseline, latest, target, ratio, applies=True) -> np.ndarray:
    """Position in C.STATUSES of each status (arrays of any shape), by the rules of the methodology.

    The progress ratio's four rules first (as bins), then the others from the last to the first, so an earlier
    rule overrides a later one as in the methodology's table; a ratio that does not exist (baseline year not
    before the target year) is no status.
    Whole-array steps only: the status certainty runs this on (cities x draws) arrays.
    """
    baseline = np.asarray(baseline, dtype=float)
    latest = np.asarray(latest, dtype=float)
    ratio = np.asarray(ratio, dtype=float)
    shape = np.broadcast_shapes(baseline.shape, latest.shape, np.shape(target), ratio.shape, np.shape(applies))
    code = _RATIO_STATUS[np.digitize(ratio, _RATIO_BINS)]
    if np.shape(code) != shape or not isinstance(code, np.ndarray):
        code = np.broadcast_to(code, shape).copy()
    np.copyto(code, _STATUS["insufficient_data"], where=np.isnan(ratio))
    np.copyto(code, _STATUS["achieved"], where=latest <= np.asarray(target, dtype=float))
    zero_base = baseline == 0
    if zero_base.any():
        np.copyto(code, _STATUS["deterioration"], where=zero_base)
        np.copyto(code, _STATUS["achieved"], where=zero_base & (latest == 0))
    missing = np.isnan(baseline) | np.isnan(latest) | ~np.asarray(applies, dtype=bool)
    np.copyto(code, _STATUS["insufficient_data"], where=missing)
    return code


def classify(baseline, latest, target, ratio, applies=True):
    """Status of each city, by the rules of the methodology, in their order."""
    return np.asarray(STATUS_NAMES[status_code(baseline, latest, target, ratio, applies)])


def poisson_interval(count, population=None):
    """Exact (Garwood) 95 % interval of a count, or of the rate per 100,000 when a population is given."""
    count = np.asarray(count, dtype=float)
    alpha = 1.0 - C.POISSON_CONFIDENCE
    with np.errstate(invalid="ignore"):
        lower = np.where(count > 0, chi2.ppf(alpha / 2, 2 * count) / 2, 0.0)
        upper = chi2.ppf(1 - alpha / 2, 2 * count + 2) / 2
    lower = np.where(np.isnan(count), np.nan, lower)
    if population is None:
        return lower, upper
    scale = C.RATE_PER / np.asarray(population, dtype=float)
    return lower * scale, upper * scale
