"""One indicator's series as a (city x year) array: the shape every quantity of the method is computed on.

Every city is a row and every year a column, so the baseline, the latest value and the
smoothing of all cities are array operations; nothing here loops over cities.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from pioc_metrics import constants as C


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


def _window_sums(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sum and number of the values present in each year and the years before it in the smoothing window."""
    window = C.SMOOTHING_WINDOW
    present = ~np.isnan(values)
    padded_sum = np.concatenate([np.zeros((values.shape[0], window)), np.where(present, values, 0.0)], axis=1)
    padded_count = np.concatenate([np.zeros((values.shape[0], window)), present], axis=1)
    sums = np.cumsum(padded_sum, axis=1)
    counts = np.cumsum(padded_count, axis=1)
    return sums[:, window:] - sums[:, :-window], counts[:, window:] - counts[:, :-window]


def smoothed(matrix: Matrix) -> Matrix:
    """Mean of each year and the years before it in the window, where enough of them have values."""
    window_sum, window_count = _window_sums(matrix.values)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = window_sum / window_count
    return Matrix(np.where(window_count >= C.SMOOTHING_MIN_YEARS, mean, np.nan), matrix.first_year)


def window_totals(matrix: Matrix, wanted: np.ndarray) -> Matrix:
    """Sum over each smoothing window of the years `wanted` marks; NaN where one of them has no value, or where
    fewer than the window's minimum are wanted."""
    total, have = _window_sums(np.where(wanted, matrix.values, np.nan))
    _, need = _window_sums(np.where(wanted, 1.0, np.nan))
    return Matrix(np.where((have == need) & (need >= C.SMOOTHING_MIN_YEARS), total, np.nan), matrix.first_year)


def year_span(rows: pd.DataFrame, baseline_years: np.ndarray) -> tuple[int, int]:
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
