"""The network-wide view: cities per status, and the median city's index against the halving path."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from pioc_metrics import constants as C
from pioc_metrics.data.dataset import Dataset
from pioc_metrics.engine.formulas import path_value
from pioc_metrics.engine.matrix import series_rows, smoothed, to_matrix, year_span
from pioc_metrics.settings import Settings


def status_counts(table: pd.DataFrame) -> pd.Series:
    """Cities per status, in the display order, zeros included."""
    return table["status"].value_counts().reindex(list(C.STATUSES), fill_value=0)


def median_city_index(data: Dataset, table: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """Median across cities with a baseline of 100 x value / baseline, per year, with the count behind it.

    Under the headline each city is indexed on its own measure (the table's `indicator`): indices are relative
    to each city's own baseline, so rates and counts stand side by side without being mixed as levels.
    """
    city_ids = pd.Index(table["city_id"])
    rows = _measure_rows(data, table, settings)
    if not len(rows):
        return pd.DataFrame({"year": [], "median_index": [], "cities": [], "path": []})
    span = year_span(rows, table["requested_baseline_year"].to_numpy())
    raw = to_matrix(rows, city_ids, span)
    values = smoothed(raw) if settings.smoothing == "3y" else raw
    baseline = table["baseline"].to_numpy(dtype=float)
    usable = baseline > 0
    with np.errstate(all="ignore"):
        index = 100.0 * values.values[usable] / baseline[usable, None]
    counts = (~np.isnan(index)).sum(axis=0)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a year no city has a value for is NaN, then dropped
        median = np.nanmedian(index, axis=0) if index.shape[0] else np.full(index.shape[1], np.nan)
    frame = pd.DataFrame({"year": values.years, "median_index": median, "cities": counts})
    frame = frame.loc[frame["cities"] > 0].reset_index(drop=True)
    frame["path"] = network_path(frame["year"].to_numpy(), settings)
    return frame


def _measure_rows(data: Dataset, table: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """The main-series rows each city is measured by: the indicator's, or under the headline the city's own."""
    if settings.indicator != C.HEADLINE:
        return series_rows(data.indicators, settings.indicator)
    indicators = data.indicators
    rows = indicators.loc[((indicators["series"] == C.MAIN_SERIES)
                           & indicators["indicator"].isin(C.HEADLINE_MEASURES)).to_numpy(dtype=bool)]
    measure = pd.Series(table["indicator"].to_numpy(), index=table["city_id"].to_numpy())
    return rows.loc[rows["indicator"].to_numpy() == rows["city_id"].map(measure).to_numpy()]


def network_path(years, settings: Settings) -> np.ndarray:
    """The halving path on the index scale (baseline = 100) from the network's baseline year."""
    b = settings.network_baseline_year
    years = np.asarray(years, dtype=float)
    value = path_value(100.0, b, years, settings)
    return np.where((years >= b) & (years <= settings.target_year), value, np.nan)
