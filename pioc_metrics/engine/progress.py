"""Every city's progress against its target for one indicator, computed for all cities at once.

The core idea: one indicator's main series becomes a (city x year) matrix (engine.matrix), and
the baseline, the latest value, the rates, the status and the flags of every city are array
operations on it, through the single formulas of engine.formulas. Nothing here loops over cities.
The network's headline (constants.HEADLINE) measures each city by the first of its measures that
gives it a status; the status certainty comes from engine.certainty.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from pioc_metrics import constants as C
from pioc_metrics.data.dataset import Dataset
from pioc_metrics.engine.catalog import count_indicator, indicator_better
from pioc_metrics.engine.certainty import counts_behind, status_shares
from pioc_metrics.engine.formulas import (
    change_since_baseline,
    first_year_at_target,
    gap_to_path,
    path_value,
    progress_rates,
    projected_value,
    reduction_so_far,
    required_rate_from_now,
    status_code,
    target_value,
)
from pioc_metrics.engine.matrix import Matrix, city_positions, series_rows, smoothed, to_matrix, year_span
from pioc_metrics.settings import Settings

PROGRESS_COLUMNS = (
    "city_id", "indicator", "baseline_year", "baseline", "latest_year", "latest",
    "target", "cagr_actual", "cagr_required", "progress_ratio", "status", "projection",
    "first_year_at_target", "gap_to_path", "reduction_so_far", "flags",
    "required_now", "path_at_latest", "change_since_baseline", "status_certainty",
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
    return raw.at(_year_index(used)), used


def _latest(raw: Matrix, after_year: np.ndarray) -> np.ndarray:
    """The latest year after each city's baseline year with a value; NaN where there is none."""
    years = raw.years
    later = ~np.isnan(raw.values) & (years[None, :] > np.nan_to_num(after_year, nan=np.inf)[:, None])
    any_later = later.any(axis=1)
    last_index = later.shape[1] - 1 - np.argmax(later[:, ::-1], axis=1)
    return np.where(any_later, years[last_index], np.nan)


def _year_index(years: np.ndarray) -> np.ndarray:
    """Years as integers for Matrix.at, a missing year far outside every matrix (so its value is NaN)."""
    return np.nan_to_num(years, nan=-10**6).astype(np.int64)


def progress_table(data: Dataset, settings: Settings) -> pd.DataFrame:
    """Every city's progress against its target: one row per city of `data.cities`, with its status certainty.

    Under the headline (settings.indicator == constants.HEADLINE) each row is that of the city's first measure
    in constants.HEADLINE_MEASURES with a status other than insufficient_data (else the last measure's), and its
    `indicator` names the measure.
    """
    if settings.indicator == C.HEADLINE:
        table = _headline_table(data, settings)
    else:
        table = _measure_table(data, settings)
    shares = status_shares(table, settings)
    table[list(shares.columns)] = shares
    uncertain = (shares["status_certainty"] < C.STATUS_CERTAINTY_MIN).to_numpy()
    table["flags"] = _join_flags({"uncertain_status": uncertain}, len(table), table["flags"].to_numpy(dtype=object))
    return table


def _headline_table(data: Dataset, settings: Settings) -> pd.DataFrame:
    """Each city's row from its first measure with a status; the last measure's row where none has one."""
    tables = [_measure_table(data, replace(settings, indicator=m)) for m in C.HEADLINE_MEASURES]
    n = len(data.cities)
    choice = np.full(n, len(tables) - 1)
    for position in range(len(tables) - 2, -1, -1):  # over the measures (two), each a whole-table step
        rated = (tables[position]["status"] != "insufficient_data").to_numpy()
        choice = np.where(rated, position, choice)
    stacked = pd.concat(tables, ignore_index=True)
    table = stacked.iloc[choice * n + np.arange(n)].copy()
    return table.set_index(pd.Index(table["city_id"].to_numpy(), name=None), drop=False)


def _measure_table(data: Dataset, settings: Settings) -> pd.DataFrame:
    """progress_table for one catalog indicator, before the status certainty."""
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
    latest = np.where(np.isnan(latest_year), np.nan, values.at(_year_index(latest_year)))

    has_target = indicator_better(data.catalog, settings.indicator) == "lower"
    nothing = np.full(len(cities), np.nan)
    target = target_value(baseline, settings.reduction) if has_target else nothing
    cagr_actual, cagr_required, ratio = progress_rates(baseline, baseline_year, latest, latest_year, settings)
    if has_target:
        status = np.asarray(C.STATUSES, dtype=object)[status_code(baseline, latest, target, ratio)]
    else:
        cagr_required, ratio, status = nothing, nothing, np.full(len(cities), "", dtype=object)
    path_at_latest = path_value(baseline, baseline_year, latest_year, settings)
    path_at_latest = np.where(has_target & (baseline_year < settings.target_year), path_at_latest, np.nan)
    projection = projected_value(latest, latest_year, cagr_actual, settings.target_year)

    counts = _count_matrix(data, settings.indicator, city_ids, span, raw)
    latest_count = counts.at(_year_index(latest_year)) if counts is not None else nothing
    count_baseline, count_latest = counts_behind(counts, raw, baseline_year, latest_year, smoothing)
    flags = _flags(rows, positions, city_ids, span, raw, requested, baseline, baseline_year, latest_year,
                   latest_count, has_target, settings)
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
            "projection": np.where(latest_year <= settings.target_year, projection, np.nan),
            "first_year_at_target": _years_where(None, first_year_at_target(target, latest, latest_year, cagr_actual)),
            "gap_to_path": gap_to_path(latest, path_at_latest),
            "reduction_so_far": reduction_so_far(baseline, latest),
            "flags": flags,
            "required_now": required_rate_from_now(target, latest, latest_year, settings.target_year),
            "path_at_latest": path_at_latest,
            "change_since_baseline": change_since_baseline(baseline, latest),
            "status_certainty": nothing,
            "requested_baseline_year": requested,
            "latest_count": latest_count,
            "count_behind_baseline": count_baseline,
            "count_behind_latest": count_latest,
        }
    )
    return table.set_index(pd.Index(city_ids.to_numpy(), name=None), drop=False)


def _years_where(value: np.ndarray | None, year: np.ndarray) -> pd.arrays.IntegerArray:
    """Years as nullable integers, missing where the value they belong to is (or where they are NaN)."""
    if value is not None:
        year = np.where(np.isnan(value), np.nan, year)
    return pd.array(year, dtype="Float64").astype("Int64")


# ---------------------------------------------------------------- flags


def _flags(rows, positions, city_ids, span, raw, requested, baseline, baseline_year, latest_year, latest_count,
           has_target, settings) -> np.ndarray:
    """Each city's flags (constants.FLAGS but uncertain_status, which comes with the certainty), joined by ';'."""
    n = len(city_ids)
    masks = {
        "no_data": ~np.isfinite(raw.values).any(axis=1),
        "baseline_substituted": ~np.isnan(baseline_year) & (baseline_year != requested) & ~np.isnan(baseline),
        "small_numbers": latest_count < C.SMALL_NUMBERS_BELOW,
        "derived": _any_used(rows, positions, city_ids, span, baseline_year, latest_year, "derived"),
        "population_carried": _any_used(rows, positions, city_ids, span, baseline_year, latest_year,
                                        "population_carried"),
        "definitions_vary": _definitions_vary(rows, positions, n),
        "no_target": np.full(n, not has_target),
        "baseline_not_before_target": ~np.isnan(baseline) & (baseline_year >= settings.target_year),
    }
    return _join_flags(masks, n)


def _join_flags(masks: dict[str, np.ndarray], n: int, joined: np.ndarray | None = None) -> np.ndarray:
    """'a;b' strings from boolean masks, one string per city (after the flags already `joined`, if given)."""
    joined = np.full(n, "", dtype=object) if joined is None else joined
    for name, mask in masks.items():
        joined = np.where(mask & (joined != ""), joined + ";" + name, np.where(mask, name, joined))
    return joined


def _count_matrix(data: Dataset, indicator: str, city_ids, span, raw: Matrix) -> Matrix | None:
    """The counts behind a measure as a (city x year) matrix: the measure itself for a count, homicides for a rate."""
    source = count_indicator(data.catalog, indicator)
    if source is None:
        return None
    if source == indicator:
        return raw
    return to_matrix(series_rows(data.indicators, source, columns=("city_id", "year", "value")), city_ids, span)


def _any_used(rows, positions, city_ids, span, baseline_year, latest_year, column) -> np.ndarray:
    """Whether the baseline or the latest row of each city carries a boolean mark."""
    if column not in rows or not len(rows) or not rows[column].to_numpy(dtype=bool).any():
        return np.zeros(len(city_ids), dtype=bool)
    marked = rows.assign(_mark=rows[column].to_numpy(dtype=float))
    matrix = to_matrix(marked, city_ids, span, column="_mark", positions=positions)
    at_baseline = matrix.at(_year_index(baseline_year))
    at_latest = matrix.at(_year_index(latest_year))
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
