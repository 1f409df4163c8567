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
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        rate = (latest / baseline) ** (1.0 / years) - 1.0
    return np.where((baseline > 0) & (years > 0), rate, np.nan)


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
    with np.errstate(invalid="ignore", divide="ignore"):
        years = np.log(target / latest) / np.log1p(rate)
        year = np.ceil(np.asarray(latest_year, dtype=float) + years - 1e-9)
    return np.where(falling, year, np.nan)


def classify(baseline, latest, target, ratio, applies=True):
    """Status of each city, by the rules of the methodology, in their order."""
    baseline = np.asarray(baseline, dtype=float)
    latest = np.asarray(latest, dtype=float)
    ratio = np.asarray(ratio, dtype=float)
    missing = np.isnan(baseline) | np.isnan(latest)
    zero_base = baseline == 0
    conditions = [
        missing | ~np.asarray(applies, dtype=bool),
        zero_base & (latest == 0),
        zero_base,
        latest <= np.asarray(target, dtype=float),
        ratio >= C.ON_TRACK_MIN,
        ratio >= C.FAIR_PROGRESS_MIN,
        ratio >= C.LIMITED_PROGRESS_MIN,
        ratio < C.LIMITED_PROGRESS_MIN,
    ]
    choices = [
        "insufficient_data", "achieved", "deterioration", "achieved",
        "on_track", "fair_progress", "limited_progress", "deterioration",
    ]
    # A ratio that does not exist (baseline year not before the target year) is no status.
    return np.select(conditions, choices, default="insufficient_data")


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
