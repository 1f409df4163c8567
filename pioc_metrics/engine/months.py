"""Months and the year so far (methodology v2): the year to date against the same months a year earlier, with the
exact interval of their ratio, and the last 12 months, for every city and indicator at once.

Each (city, indicator) gets its own run of months, from its first to its latest, laid end to end in one flat array
with NaN where a month is absent; every figure is then a sum over a window of that array, gathered for all cities at
once. A window with an absent month sums to NaN: a missing month is never a zero.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import beta

from pioc_metrics import constants as C

RATIO_CONFIDENCE = C.RATIO_CONFIDENCE
YTD_COLUMNS = (
    "city_id", "indicator", "year", "through_month", "ytd", "ytd_previous", "change",
    "ratio_low", "ratio_high", "clear", "last12", "previous12",
)
COMPARISON_COLUMNS = ("month", "this_year", "last_year", "earlier_mean", "earlier_years")
MONTHLY_COLUMNS = ("city_id", "year", "month", "indicator", "value", "series")


def ratio_interval(a, b, level: float = RATIO_CONFIDENCE) -> tuple[np.ndarray, np.ndarray]:
    """(low, high) of the ratio a / b: the exact (Clopper-Pearson) interval of p = a / (a + b), as p / (1 - p).

    a = 0 gives low 0, b = 0 high inf; NaN where a + b = 0 or a count is missing or negative."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    tail = (1 - level) / 2
    valid = (a >= 0) & (b >= 0) & (a + b > 0)  # False for NaN
    with np.errstate(invalid="ignore", divide="ignore"):
        # beta's shape parameters must be > 0: a count of 0 takes the bound it has by definition instead
        p_low = np.where(valid & (a > 0), beta.ppf(tail, np.where(a > 0, a, 1), b + 1), 0.0)
        p_high = np.where(valid & (b > 0), beta.ppf(1 - tail, a + 1, np.where(b > 0, b, 1)), 1.0)
        low = np.where(valid, p_low / (1 - p_low), np.nan)
        high = np.where(valid & (p_high < 1), p_high / (1 - p_high), np.where(valid, np.inf, np.nan))
    return low, high


def main_months(monthly: pd.DataFrame | None, indicator: str | None = None) -> pd.DataFrame:
    """The main series' monthly rows (of one indicator when given); an empty frame where there are none."""
    if monthly is None or not len(monthly):
        return pd.DataFrame({name: pd.Series(dtype=_dtype(name)) for name in MONTHLY_COLUMNS})
    keep = (monthly["series"] == C.MAIN_SERIES).to_numpy(dtype=bool)
    if indicator is not None:
        keep = keep & (monthly["indicator"] == indicator).to_numpy(dtype=bool)
    return monthly.loc[keep, list(MONTHLY_COLUMNS)]


def year_to_date(monthly: pd.DataFrame | None, *, indicator: str | None = None,
                 through: tuple[int, int] | None = None) -> pd.DataFrame:
    """The year so far against the same months a year earlier, and the last 12 months against the 12 before them:
    one row per (city_id, indicator) of the main series with monthly data (YTD_COLUMNS).

    Each row stands at its latest month, or at `through` = (year, month) when given; a city without that month keeps
    its row, and every figure that needs the month is NaN (those that do not, ytd_previous and previous12, stay).
    A sum with an absent month is NaN; change is NaN where last year's months add up to 0.
    """
    rows = main_months(monthly, indicator)
    city_codes, city_ids = pd.factorize(rows["city_id"], sort=True)
    indicator_codes, indicators = pd.factorize(rows["indicator"], sort=True)
    width = max(len(indicators), 1)
    group_codes, groups = pd.factorize(city_codes.astype(np.int64) * width + indicator_codes,
                                       sort=True)  # sorted: the rows come out by city, then indicator
    months = rows["year"].to_numpy(dtype=np.int64) * 12 + rows["month"].to_numpy(dtype=np.int64) - 1
    runs = MonthRuns(group_codes, len(groups), months, rows["value"].to_numpy(dtype=float))

    end = runs.last if through is None else np.full(len(groups), through[0] * 12 + through[1] - 1, dtype=np.int64)
    year, through_month = end // 12, end % 12 + 1
    ytd = runs.window_sum(year * 12, through_month)
    ytd_previous = runs.window_sum((year - 1) * 12, through_month)
    low, high = ratio_interval(ytd, ytd_previous)
    with np.errstate(invalid="ignore", divide="ignore"):
        change = np.where(ytd_previous > 0, ytd / np.where(ytd_previous > 0, ytd_previous, 1) - 1, np.nan)
    twelve = np.full(len(groups), 12)
    return pd.DataFrame({
        "city_id": pd.Index(city_ids).take(groups // width).to_numpy(dtype=object),
        "indicator": pd.Index(indicators).take(groups % width).to_numpy(dtype=object),
        "year": year,
        "through_month": through_month,
        "ytd": ytd,
        "ytd_previous": ytd_previous,
        "change": change,
        "ratio_low": low,
        "ratio_high": high,
        "clear": (low > 1) | (high < 1),  # False where the interval is NaN
        "last12": runs.window_sum(end - 11, twelve),
        "previous12": runs.window_sum(end - 23, twelve),
    }, columns=list(YTD_COLUMNS))


class MonthRuns:
    """Each group's months from its first to its latest, end to end in one flat array (NaN where a month is absent)."""

    def __init__(self, group: np.ndarray, n_groups: int, month: np.ndarray, value: np.ndarray):
        self.first = np.full(n_groups, np.iinfo(np.int64).max)
        self.last = np.full(n_groups, np.iinfo(np.int64).min)
        np.minimum.at(self.first, group, month)
        np.maximum.at(self.last, group, month)
        lengths = self.last - self.first + 1
        self.start = np.cumsum(lengths) - lengths
        self.values = np.full(int(lengths.sum()), np.nan)
        self.values[self.start[group] + month - self.first[group]] = value  # one row per month (the data contract)

    def window_sum(self, first_month: np.ndarray, length: np.ndarray) -> np.ndarray:
        """Each group's sum of `length` months (at most 12) from `first_month`; NaN if any of them is absent."""
        offsets = np.arange(12)[None, :]
        month = first_month[:, None] + offsets
        inside = (month >= self.first[:, None]) & (month <= self.last[:, None])
        position = np.where(inside, self.start[:, None] + month - self.first[:, None], 0)
        found = np.where(inside, self.values[position], np.nan)
        return np.where(offsets < length[:, None], found, 0.0).sum(axis=1)


def month_comparison(monthly: pd.DataFrame | None, city_id: str, indicator: str, year: int,
                     through_month: int) -> pd.DataFrame:
    """One city's months 1..through_month: this year, last year, and the mean of the same month over the years before
    last year that have it (earlier_years of them), for a city page's small chart (COMPARISON_COLUMNS)."""
    rows = main_months(monthly, indicator)
    rows = rows[(rows["city_id"] == city_id).to_numpy(dtype=bool)]
    months = pd.Index(np.arange(1, through_month + 1), name="month")
    by_month = lambda frame: frame.set_index("month")["value"].reindex(months)  # noqa: E731
    earlier = rows[rows["year"] < year - 1].groupby("month")["value"].agg(["mean", "count"]).reindex(months)
    return pd.DataFrame({
        "month": months.to_numpy(dtype=np.int64),
        "this_year": by_month(rows[rows["year"] == year]).to_numpy(dtype=float),
        "last_year": by_month(rows[rows["year"] == year - 1]).to_numpy(dtype=float),
        "earlier_mean": earlier["mean"].to_numpy(dtype=float),
        "earlier_years": earlier["count"].fillna(0).to_numpy(dtype=np.int64),
    }, columns=list(COMPARISON_COLUMNS))


def _dtype(column: str) -> str:
    return {"year": "int64", "month": "int64", "value": "float64"}.get(column, "object")
