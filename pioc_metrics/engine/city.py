"""One city, for its chart: its rows with their Poisson intervals, its target path and its projection."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pioc_metrics import constants as C
from pioc_metrics.data.dataset import Dataset
from pioc_metrics.engine.catalog import indicator_better, indicator_kind, measure_of, rows_of_city
from pioc_metrics.engine.formulas import path_value, poisson_interval, projected_value
from pioc_metrics.engine.matrix import series_rows
from pioc_metrics.settings import Settings


def city_series(data: Dataset, city_id: str, indicator) -> pd.DataFrame:
    """Every row of one city and indicator (all series), with a Poisson interval where counts are known.

    `indicator` is a catalog id or the city's table row, whose `indicator` is the measure the city is measured by
    (under the headline, its own; pass the row there: the bare headline id stands for its preferred measure).
    """
    indicator = measure_of(indicator)
    own = rows_of_city(data.indicators, city_id)
    rows = own.loc[own["indicator"] == indicator].sort_values(["series", "year"])
    rows = rows.assign(lower=np.nan, upper=np.nan)
    kind = indicator_kind(data.catalog, indicator)
    main = rows["series"] == C.MAIN_SERIES
    if kind == "count" and indicator_better(data.catalog, indicator) == "lower":
        lower, upper = poisson_interval(rows["value"].to_numpy(dtype=float))
        rows.loc[main, "lower"] = lower[main.to_numpy()]
        rows.loc[main, "upper"] = upper[main.to_numpy()]
    elif kind == "rate":
        city_rows = own
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
    """The path from one city's baseline to its target, year by year (empty without a baseline), in the units of
    the row's own measure."""
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
