"""Every city's progress against its target for one indicator, computed for all cities at once.

The core idea: one indicator's main series becomes a (city x year) matrix (engine.matrix), and
the baseline, the latest value, the rates, the status and the flags of every city are array
operations on it, through the single formulas of engine.formulas. Nothing here loops over cities.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pioc_metrics import constants as C
from pioc_metrics.data.dataset import Dataset
from pioc_metrics.engine.catalog import indicator_better, indicator_kind
from pioc_metrics.engine.formulas import (
    actual_rate,
    classify,
    first_year_at_target,
    gap_to_path,
    path_value,
    progress_ratio,
    projected_value,
    reduction_so_far,
    required_rate,
    target_value,
)
from pioc_metrics.engine.matrix import Matrix, city_positions, series_rows, smoothed, to_matrix, year_span
from pioc_metrics.settings import Settings

PROGRESS_COLUMNS = (
    "city_id", "indicator", "baseline_year", "baseline", "latest_year", "latest",
    "target", "cagr_actual", "cagr_required", "progress_ratio", "status", "projection",
    "first_year_at_target", "gap_to_path", "reduction_so_far", "flags",
)
ENGINE_COLUMNS = ("city_id", "year", "value", "note", "derived", "population_carried")


def city_baseline_years(cities: pd.DataFrame, settings: Settings) -> np.ndarray:
    """The baseline year asked for each city: the settings' year, else the city's own, else the default."""
    if settings.baseline_year is not None:
        return np.full(len(cities), settings.baseline_year, dtype=np.int64)
    own = pd.to_numeric(cities["baseline_year"], errors="coerce") if "baseline_year" in cities else None
    if own is None:
        return np.full(len(cities), settings.default_baseline_year, dtype=np.int64)
    return own.fillna(settings.default_baseline_year).to_numpy(dtype=np.int64)


def _locate_baseline(values: Matrix, raw: Matrix, requested: np.ndarray, smoothing: bool):
    """Baseline value and the year actually used; a missing year is replaced by the nearest within reach."""
    if smoothing:
        return values.at(requested), requested.astype(float)
    offsets = [0]
    for distance in range(1, C.BASELINE_SEARCH_YEARS + 1):
        offsets += [-distance, distance]  # earlier preferred on a tie
    used = np.full(len(requested), np.nan)
    for offset in offsets:  # a handful of offsets, each a whole-array step
        candidate = raw.at(requested + offset)
        take = np.isnan(used) & ~np.isnan(candidate)
        used = np.where(take, requested + offset, used)
    return raw.at(np.nan_to_num(used, nan=-10**6).astype(np.int64)), used


def _latest(raw: Matrix, after_year: np.ndarray) -> np.ndarray:
    """The latest year after each city's baseline year with a value; NaN where there is none."""
    years = raw.years
    later = ~np.isnan(raw.values) & (years[None, :] > np.nan_to_num(after_year, nan=np.inf)[:, None])
    any_later = later.any(axis=1)
    last_index = later.shape[1] - 1 - np.argmax(later[:, ::-1], axis=1)
    return np.where(any_later, years[last_index], np.nan)


def progress_table(data: Dataset, settings: Settings) -> pd.DataFrame:
    """Every city's progress against its target for one indicator: one row per city of `data.cities`."""
    cities = data.cities
    city_ids = pd.Index(cities["city_id"])
    requested = city_baseline_years(cities, settings)
    rows = series_rows(data.indicators, settings.indicator, columns=ENGINE_COLUMNS)
    span = year_span(rows, requested)
    positions = city_positions(rows["city_id"], city_ids)  # hashed once, reused by every matrix below
    raw = to_matrix(rows, city_ids, span, positions=positions)
    smoothing = settings.smoothing == "3y"
    values = smoothed(raw) if smoothing else raw

    baseline, baseline_year = _locate_baseline(values, raw, requested, smoothing)
    latest_year = _latest(raw, baseline_year)
    latest = values.at(np.nan_to_num(latest_year, nan=-10**6).astype(np.int64))
    latest = np.where(np.isnan(latest_year), np.nan, latest)

    has_target = indicator_better(data.catalog, settings.indicator) == "lower"
    target = target_value(baseline, settings.reduction) if has_target else np.full(len(cities), np.nan)
    cagr_actual = actual_rate(baseline, baseline_year, latest, latest_year)
    cagr_actual = np.where((latest == 0) & (baseline > 0), -1.0, cagr_actual)
    cagr_required = required_rate(settings.reduction, baseline_year, settings.target_year)
    ratio = progress_ratio(cagr_actual, cagr_required)
    if not has_target:
        cagr_required = np.full(len(cities), np.nan)
        ratio = np.full(len(cities), np.nan)
    status = classify(baseline, latest, target, ratio, applies=has_target)
    undefined_ratio = np.isnan(ratio) & ~np.isnan(baseline) & ~np.isnan(latest) & (baseline > 0)
    status = np.where(undefined_ratio & (status != "achieved"), "insufficient_data", status)
    if not has_target:
        status = np.full(len(cities), "", dtype=object)

    projection = projected_value(latest, latest_year, cagr_actual, settings.target_year)
    projection = np.where(latest_year <= settings.target_year, projection, np.nan)
    path_at_latest = path_value(baseline, baseline_year, latest_year, settings)
    gap = gap_to_path(latest, path_at_latest) if has_target else np.full(len(cities), np.nan)
    first_year = first_year_at_target(target, latest, latest_year, cagr_actual)

    latest_count = _latest_counts(data, settings.indicator, city_ids, span, latest_year)
    flags = {
        "no_data": ~np.isfinite(raw.values).any(axis=1),
        "baseline_substituted": ~np.isnan(baseline_year) & (baseline_year != requested) & ~np.isnan(baseline),
        "small_numbers": latest_count < C.SMALL_NUMBERS_BELOW,
        "derived": _any_used(rows, positions, city_ids, span, baseline_year, latest_year, "derived"),
        "population_carried": _any_used(rows, positions, city_ids, span, baseline_year, latest_year,
                                        "population_carried"),
        "definitions_vary": _definitions_vary(rows, positions, len(city_ids)),
        "no_target": np.full(len(cities), not has_target),
        "baseline_not_before_target": ~np.isnan(baseline) & (baseline_year >= settings.target_year),
    }
    table = pd.DataFrame(
        {
            "city_id": city_ids,
            "indicator": settings.indicator,
            "baseline_year": _years_where(baseline, baseline_year),
            "baseline": baseline,
            "latest_year": _years_where(latest, latest_year),
            "latest": latest,
            "target": target,
            "cagr_actual": cagr_actual,
            "cagr_required": cagr_required,
            "progress_ratio": ratio,
            "status": status,
            "projection": projection,
            "first_year_at_target": _years_where(None, first_year),
            "gap_to_path": gap,
            "reduction_so_far": reduction_so_far(baseline, latest),
            "flags": _join_flags(flags, len(cities)),
            "requested_baseline_year": requested,
            "latest_count": latest_count,
        }
    )
    return table.set_index(pd.Index(city_ids.to_numpy(), name=None), drop=False)


def _years_where(value: np.ndarray | None, year: np.ndarray) -> pd.arrays.IntegerArray:
    """Years as nullable integers, missing where the value they belong to is (or where they are NaN)."""
    if value is not None:
        year = np.where(np.isnan(value), np.nan, year)
    return pd.array(year, dtype="Float64").astype("Int64")


# ---------------------------------------------------------------- flags


def _join_flags(masks: dict[str, np.ndarray], n: int) -> np.ndarray:
    """'a;b' strings from boolean masks, one string per city."""
    joined = np.full(n, "", dtype=object)
    for name, mask in masks.items():
        joined = np.where(mask & (joined != ""), joined + ";" + name, np.where(mask, name, joined))
    return joined


def _count_indicator(data: Dataset, indicator: str) -> str | None:
    """The count behind an indicator's small-numbers check: homicides for a rate, the count itself for a count."""
    kind = indicator_kind(data.catalog, indicator)
    if kind == "rate":
        return "homicides"
    if kind == "count" and indicator_better(data.catalog, indicator) == "lower":
        return indicator
    return None


def _latest_counts(data, indicator, city_ids, span, latest_year) -> np.ndarray:
    source = _count_indicator(data, indicator)
    if source is None:
        return np.full(len(city_ids), np.nan)
    counts = to_matrix(series_rows(data.indicators, source, columns=("city_id", "year", "value")), city_ids, span)
    return counts.at(np.nan_to_num(latest_year, nan=-10**6).astype(np.int64))


def _any_used(rows, positions, city_ids, span, baseline_year, latest_year, column) -> np.ndarray:
    """Whether the baseline or the latest row of each city carries a boolean mark."""
    if column not in rows or not len(rows) or not rows[column].to_numpy(dtype=bool).any():
        return np.zeros(len(city_ids), dtype=bool)
    marked = rows.assign(_mark=rows[column].to_numpy(dtype=float))
    matrix = to_matrix(marked, city_ids, span, column="_mark", positions=positions)
    at_baseline = matrix.at(np.nan_to_num(baseline_year, nan=-10**6).astype(np.int64))
    at_latest = matrix.at(np.nan_to_num(latest_year, nan=-10**6).astype(np.int64))
    return (np.nan_to_num(at_baseline) > 0) | (np.nan_to_num(at_latest) > 0)


def _definitions_vary(rows: pd.DataFrame, positions: np.ndarray, n_cities: int) -> np.ndarray:
    """Cities any of whose rows carries a note that definitions vary (each distinct note read once)."""
    flagged = np.zeros(n_cities, dtype=bool)
    if not len(rows) or "note" not in rows:
        return flagged
    codes, notes = pd.factorize(rows["note"])
    varies = np.array(["definitions vary" in str(note).lower() for note in notes], dtype=bool)
    hit = (codes >= 0) & varies[np.maximum(codes, 0)] & (positions >= 0) if len(notes) else np.zeros(len(rows), bool)
    flagged[positions[hit]] = True
    return flagged
