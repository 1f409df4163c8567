"""What the data covers: which cities, indicators, years and sources have values.

The questions a page asks before it draws anything; every answer is computed from the rows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pioc_metrics import constants as C
from pioc_metrics.data.dataset import Dataset
from pioc_metrics.engine.matrix import series_rows


def cities_with_data(data: Dataset, indicator: str) -> list[str]:
    """City ids (in cities.csv order) that have at least one main-series value of the indicator."""
    present = set(series_rows(data.indicators, indicator)["city_id"])
    return [c for c in data.cities["city_id"] if c in present]


def indicators_with_data(data: Dataset, city_id: str) -> pd.DataFrame:
    """The indicators a city has main-series values for: indicator, first, last, years."""
    rows = data.indicators.loc[(data.indicators["city_id"] == city_id) & (data.indicators["series"] == C.MAIN_SERIES)]
    if not len(rows):
        return pd.DataFrame({"indicator": [], "first": [], "last": [], "years": []})
    grouped = rows.groupby("indicator")["year"].agg(first="min", last="max", years="nunique").reset_index()
    order = {ind: i for i, ind in enumerate(data.catalog["indicator"])}
    return grouped.sort_values("indicator", key=lambda s: s.map(order).fillna(len(order))).reset_index(drop=True)


def city_rows(data: Dataset, city_id: str) -> pd.DataFrame:
    """Every indicator row of one city (all series), by indicator, series and year."""
    rows = data.indicators.loc[data.indicators["city_id"] == city_id]
    return rows.sort_values(["indicator", "series", "year"]).reset_index(drop=True)


def national_rows(data: Dataset, city_id: str, indicator: str) -> pd.DataFrame:
    """The country's national series of the indicator (empty when none is shipped)."""
    iso3 = data.cities.loc[data.cities["city_id"] == city_id, "iso3"]
    if not len(iso3) or data.national is None or not len(data.national):
        return pd.DataFrame(columns=["year", "value", "source", "country"])
    national = data.national
    rows = national.loc[(national["iso3"] == iso3.iloc[0]) & (national["indicator"] == indicator)]
    return rows.sort_values("year").reset_index(drop=True)


def city_sources(data: Dataset, city_id: str, indicator: str) -> list[str]:
    """The distinct sources of a city's rows of the indicator (every series), in their first order."""
    rows = data.indicators.loc[(data.indicators["city_id"] == city_id) & (data.indicators["indicator"] == indicator)]
    return list(dict.fromkeys(rows["source"].dropna().astype(str)))


def network_sources(data: Dataset, table: pd.DataFrame, indicator: str) -> list[str]:
    """Sources of the main series of every city that has a baseline (what the network figures rest on)."""
    with_baseline = table.loc[table["baseline"].notna(), "city_id"]
    rows = series_rows(data.indicators, indicator)
    rows = rows.loc[rows["city_id"].isin(with_baseline)]
    return list(dict.fromkeys(rows["source"].dropna().astype(str)))


def sparkline_values(data: Dataset, indicator: str, city_ids) -> dict[str, list[float]]:
    """Each city's main-series values of `indicator` in year order; an empty list where there are none."""
    rows = series_rows(data.indicators, indicator).dropna(subset=["value"])
    values = rows.sort_values("year").groupby("city_id", sort=False)["value"].agg(list)
    values = values.reindex(pd.Index(list(city_ids), dtype=object))
    return {city: (v if isinstance(v, list) else []) for city, v in values.items()}


def indicator_coverage(data: Dataset) -> pd.Series:
    """Cities with at least one main-series value, per indicator that has a target (better = lower)."""
    targeted = data.catalog.loc[data.catalog["better"] == "lower", "indicator"]
    rows = data.indicators.loc[(data.indicators["series"] == C.MAIN_SERIES) & data.indicators["value"].notna()]
    counts = rows.groupby("indicator")["city_id"].nunique()
    return counts.reindex(pd.Index(targeted), fill_value=0).astype(int).sort_values(ascending=False, kind="stable")


def better_covered_indicator(data: Dataset, indicator: str, total: int) -> tuple[str, int, int] | None:
    """(other indicator, its cities, this one's) when the chosen one covers under half of the cities and another
    more."""
    coverage = indicator_coverage(data)
    mine = int(coverage.get(indicator, 0))
    others = coverage.drop(labels=[indicator], errors="ignore")
    if total == 0 or mine * 2 >= total or not len(others) or int(others.iloc[0]) <= mine:
        return None
    return str(others.index[0]), int(others.iloc[0]), mine


def year_runs(years, counts) -> list[tuple[int, int, int]]:
    """(first year, last year, count) for each run of consecutive years behind the same number of cities."""
    frame = pd.DataFrame({"year": np.asarray(years, dtype=int), "n": np.asarray(counts, dtype=int)})
    if not len(frame):
        return []
    new_run = (frame["n"].diff() != 0) | (frame["year"].diff() != 1)
    runs = frame.groupby(new_run.cumsum()).agg(first=("year", "min"), last=("year", "max"), n=("n", "first"))
    return [(int(a), int(b), int(n)) for a, b, n in runs.itertuples(index=False)]
