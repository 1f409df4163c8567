"""The methodology of shared/spec/methodology.md, computed for every city at once.

The core idea: one indicator's main series becomes a (city x year) matrix, and every
quantity of the method (baseline, latest value, rates, status) is an array operation
on that matrix. Nothing here loops over cities.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import chi2

from pioc_metrics import constants as C
from pioc_metrics.data.dataset import Dataset
from pioc_metrics.settings import Settings

PROGRESS_COLUMNS = (
    "city_id", "indicator", "baseline_year", "baseline", "latest_year", "latest",
    "target", "cagr_actual", "cagr_required", "progress_ratio", "status", "projection",
    "first_year_at_target", "gap_to_path", "reduction_so_far", "flags",
)


# ---------------------------------------------------------------- single formulas


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


# ---------------------------------------------------------------- the matrix


@dataclass(frozen=True)
class Matrix:
    """One indicator's series as a (city x year) array, with the years of its columns."""

    values: np.ndarray
    first_year: int

    @property
    def years(self) -> np.ndarray:
        return np.arange(self.first_year, self.first_year + self.values.shape[1])

    def column(self, year) -> tuple[np.ndarray, np.ndarray]:
        """Column index of each year and whether it lies inside the matrix."""
        index = np.asarray(year, dtype=float) - self.first_year
        inside = (index >= 0) & (index < self.values.shape[1])
        return np.where(inside, index, 0).astype(np.int64), inside

    def at(self, year) -> np.ndarray:
        """The value of each city (row) in its own year; NaN outside the matrix."""
        index, inside = self.column(year)
        rows = np.arange(self.values.shape[0])
        return np.where(inside, self.values[rows, index], np.nan)


ENGINE_COLUMNS = ("city_id", "year", "value", "note", "derived", "population_carried")


def series_rows(indicators: pd.DataFrame, indicator: str, series: str = C.MAIN_SERIES,
                columns: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The rows of one indicator and one series (only `columns`, when given: copying less is faster)."""
    mask = ((indicators["indicator"] == indicator) & (indicators["series"] == series)).to_numpy(dtype=bool)
    if columns is not None:
        return indicators.loc[mask, [c for c in columns if c in indicators.columns]]
    return indicators.loc[mask]


def city_positions(city_column: pd.Series, city_ids: pd.Index) -> np.ndarray:
    """Row of each city in `city_ids` (-1 for a city not there), hashing each distinct name once."""
    codes, uniques = pd.factorize(city_column)
    positions = city_ids.get_indexer(pd.Index(uniques))
    return np.where(codes >= 0, positions[codes], -1)


def to_matrix(rows: pd.DataFrame, city_ids: pd.Index, years: tuple[int, int], column: str = "value",
              positions: np.ndarray | None = None) -> Matrix:
    """Scatter long rows into a (city x year) array; cities not in `city_ids` are ignored."""
    first, last = years
    values = np.full((len(city_ids), max(last - first + 1, 1)), np.nan)
    if len(rows):
        codes = city_positions(rows["city_id"], city_ids) if positions is None else positions
        cols = rows["year"].to_numpy(dtype=np.int64) - first
        keep = (codes >= 0) & (cols >= 0) & (cols < values.shape[1])
        values[codes[keep], cols[keep]] = rows[column].to_numpy(dtype=float)[keep]
    return Matrix(values, first)


def smoothed(matrix: Matrix) -> Matrix:
    """Mean of each year and the years before it in the window, where enough of them have values."""
    window = C.SMOOTHING_WINDOW
    values = matrix.values
    present = ~np.isnan(values)
    padded_sum = np.concatenate([np.zeros((values.shape[0], window)), np.where(present, values, 0.0)], axis=1)
    padded_count = np.concatenate([np.zeros((values.shape[0], window)), present], axis=1)
    sums = np.cumsum(padded_sum, axis=1)
    counts = np.cumsum(padded_count, axis=1)
    window_sum = sums[:, window:] - sums[:, :-window]
    window_count = counts[:, window:] - counts[:, :-window]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = window_sum / window_count
    return Matrix(np.where(window_count >= C.SMOOTHING_MIN_YEARS, mean, np.nan), matrix.first_year)


def _year_span(rows: pd.DataFrame, baseline_years: np.ndarray) -> tuple[int, int]:
    """Years the matrix must cover: the data, and each baseline with its search margin."""
    margin = max(C.BASELINE_SEARCH_YEARS, C.SMOOTHING_WINDOW - 1)
    candidates_low = [int(np.min(baseline_years)) - margin] if len(baseline_years) else []
    candidates_high = [int(np.max(baseline_years)) + margin] if len(baseline_years) else []
    if len(rows):
        years = rows["year"].to_numpy(dtype=np.int64)
        candidates_low.append(int(years.min()) - margin)
        candidates_high.append(int(years.max()))
    if not candidates_low:
        return C.DEFAULT_BASELINE_YEAR, C.DEFAULT_BASELINE_YEAR
    return min(candidates_low), max(candidates_high)


# ---------------------------------------------------------------- the engine


def city_baseline_years(cities: pd.DataFrame, settings: Settings) -> np.ndarray:
    """The baseline year asked for each city: the settings' year, else the city's own, else the default."""
    if settings.baseline_year is not None:
        return np.full(len(cities), settings.baseline_year, dtype=np.int64)
    own = pd.to_numeric(cities["baseline_year"], errors="coerce") if "baseline_year" in cities else None
    if own is None:
        return np.full(len(cities), settings.default_baseline_year, dtype=np.int64)
    return own.fillna(settings.default_baseline_year).to_numpy(dtype=np.int64)


def indicator_better(catalog: pd.DataFrame, indicator: str) -> str:
    """'lower', 'higher' or '' (no target) for one indicator of the catalog."""
    match = catalog.loc[catalog["indicator"] == indicator, "better"]
    return str(match.iloc[0]) if len(match) and isinstance(match.iloc[0], str) else ""


def indicator_kind(catalog: pd.DataFrame, indicator: str) -> str:
    match = catalog.loc[catalog["indicator"] == indicator, "kind"]
    return str(match.iloc[0]) if len(match) else ""


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
    span = _year_span(rows, requested)
    positions = city_positions(rows["city_id"], city_ids)  # hashed once, reused by every matrix below
    raw = to_matrix(rows, city_ids, span, positions=positions)
    smoothing = settings.smoothing == "3y"
    values = smoothed(raw) if smoothing else raw

    baseline, baseline_year = _locate_baseline(values, raw, requested, smoothing)
    latest_year = _latest(raw, baseline_year)
    latest = values.at(np.nan_to_num(latest_year, nan=-10**6).astype(np.int64))
    latest = np.where(np.isnan(latest_year), np.nan, latest)

    better = indicator_better(data.catalog, settings.indicator)
    has_target = better == "lower"
    target = baseline * (1.0 - settings.reduction) if has_target else np.full(len(cities), np.nan)
    cagr_actual = actual_rate(baseline, baseline_year, latest, latest_year)
    cagr_actual = np.where((latest == 0) & (baseline > 0), -1.0, cagr_actual)
    cagr_required = required_rate(settings.reduction, baseline_year, settings.target_year)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = cagr_actual / cagr_required
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
    first_year = first_year_at_target(target, latest, latest_year, cagr_actual)
    with np.errstate(invalid="ignore", divide="ignore"):
        path_at_latest = path_value(baseline, baseline_year, latest_year, settings)
        gap = np.where(path_at_latest > 0, latest / path_at_latest - 1.0, np.nan) if has_target else np.full(len(cities), np.nan)
        reduction_so_far = np.where(baseline > 0, 1.0 - latest / baseline, np.nan)

    latest_count = _latest_counts(data, settings.indicator, city_ids, span, latest_year)
    flag_masks = {
        "no_data": ~np.isfinite(raw.values).any(axis=1),
        "baseline_substituted": ~np.isnan(baseline_year) & (baseline_year != requested) & ~np.isnan(baseline),
        "small_numbers": latest_count < C.SMALL_NUMBERS_BELOW,
        "derived": _any_used(rows, positions, city_ids, span, baseline_year, latest_year, "derived"),
        "population_carried": _any_used(rows, positions, city_ids, span, baseline_year, latest_year, "population_carried"),
        "definitions_vary": _definitions_vary(rows, positions, len(city_ids)),
        "no_target": np.full(len(cities), not has_target),
        "baseline_not_before_target": ~np.isnan(baseline) & (baseline_year >= settings.target_year),
    }
    table = pd.DataFrame(
        {
            "city_id": city_ids,
            "indicator": settings.indicator,
            "baseline_year": pd.array(np.where(np.isnan(baseline), np.nan, baseline_year), dtype="Float64").astype("Int64"),
            "baseline": baseline,
            "latest_year": pd.array(np.where(np.isnan(latest), np.nan, latest_year), dtype="Float64").astype("Int64"),
            "latest": latest,
            "target": target,
            "cagr_actual": cagr_actual,
            "cagr_required": cagr_required,
            "progress_ratio": ratio,
            "status": status,
            "projection": projection,
            "first_year_at_target": pd.array(first_year, dtype="Float64").astype("Int64"),
            "gap_to_path": gap,
            "reduction_so_far": reduction_so_far,
            "flags": _join_flags(flag_masks, len(cities)),
            "requested_baseline_year": requested,
            "latest_count": latest_count,
        }
    )
    return table.set_index(pd.Index(city_ids.to_numpy(), name=None), drop=False)


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


# ---------------------------------------------------------------- the network view


def status_counts(table: pd.DataFrame) -> pd.Series:
    """Cities per status, in the display order, zeros included."""
    return table["status"].value_counts().reindex(list(C.STATUSES), fill_value=0)


def median_city_index(data: Dataset, table: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """Median across cities with a baseline of 100 x value / baseline, per year, with the count behind it."""
    city_ids = pd.Index(table["city_id"])
    rows = series_rows(data.indicators, settings.indicator)
    if not len(rows):
        return pd.DataFrame({"year": [], "median_index": [], "cities": [], "path": []})
    span = _year_span(rows, table["requested_baseline_year"].to_numpy())
    raw = to_matrix(rows, city_ids, span)
    values = smoothed(raw) if settings.smoothing == "3y" else raw
    baseline = table["baseline"].to_numpy(dtype=float)
    usable = baseline > 0
    with np.errstate(all="ignore"):
        index = 100.0 * values.values[usable] / baseline[usable, None]
    counts = (~np.isnan(index)).sum(axis=0)
    with np.errstate(all="ignore"):
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            median = np.nanmedian(index, axis=0) if index.shape[0] else np.full(index.shape[1], np.nan)
    frame = pd.DataFrame({"year": values.years, "median_index": median, "cities": counts})
    frame = frame.loc[frame["cities"] > 0].reset_index(drop=True)
    frame["path"] = network_path(frame["year"].to_numpy(), settings)
    return frame


def network_path(years, settings: Settings) -> np.ndarray:
    """The halving path on the index scale (baseline = 100) from the network's baseline year."""
    b = settings.network_baseline_year
    years = np.asarray(years, dtype=float)
    value = path_value(100.0, b, years, settings)
    return np.where((years >= b) & (years <= settings.target_year), value, np.nan)


# ---------------------------------------------------------------- one city, for its chart


def city_series(data: Dataset, city_id: str, indicator: str) -> pd.DataFrame:
    """Every row of one city and indicator (all series), with a Poisson interval where counts are known."""
    rows = data.indicators.loc[
        (data.indicators["city_id"] == city_id) & (data.indicators["indicator"] == indicator)
    ].sort_values(["series", "year"])
    rows = rows.assign(lower=np.nan, upper=np.nan)
    kind = indicator_kind(data.catalog, indicator)
    main = rows["series"] == C.MAIN_SERIES
    if kind == "count" and indicator_better(data.catalog, indicator) == "lower":
        lower, upper = poisson_interval(rows["value"].to_numpy(dtype=float))
        rows.loc[main, "lower"] = lower[main.to_numpy()]
        rows.loc[main, "upper"] = upper[main.to_numpy()]
    elif kind == "rate":
        city_rows = data.indicators.loc[data.indicators["city_id"] == city_id]
        counts = series_rows(city_rows, "homicides").set_index("year")["value"]
        population = series_rows(city_rows, "population").set_index("year")["value"]
        years = rows["year"]
        k = years.map(counts).to_numpy(dtype=float)
        p = years.map(population).to_numpy(dtype=float)
        lower, upper = poisson_interval(k, p)
        ok = main.to_numpy() & ~np.isnan(k) & ~np.isnan(p) & (p > 0)
        rows.loc[ok, "lower"] = lower[ok]
        rows.loc[ok, "upper"] = upper[ok]
    return rows.reset_index(drop=True)


def target_path(row: pd.Series, settings: Settings) -> pd.DataFrame:
    """The path from one city's baseline to its target, year by year (empty without a baseline)."""
    if pd.isna(row["baseline"]) or pd.isna(row["target"]) or pd.isna(row["baseline_year"]):
        return pd.DataFrame({"year": [], "value": []})
    b = int(row["baseline_year"])
    if b >= settings.target_year:
        return pd.DataFrame({"year": [], "value": []})
    years = np.arange(b, settings.target_year + 1)
    return pd.DataFrame({"year": years, "value": path_value(row["baseline"], b, years, settings)})


def projection_path(row: pd.Series, settings: Settings) -> pd.DataFrame:
    """The projection at the current pace from the latest year to the target year."""
    if pd.isna(row["latest"]) or pd.isna(row["cagr_actual"]) or pd.isna(row["latest_year"]):
        return pd.DataFrame({"year": [], "value": []})
    t = int(row["latest_year"])
    if t >= settings.target_year:
        return pd.DataFrame({"year": [], "value": []})
    years = np.arange(t, settings.target_year + 1)
    return pd.DataFrame({"year": years, "value": projected_value(row["latest"], t, row["cagr_actual"], years)})
