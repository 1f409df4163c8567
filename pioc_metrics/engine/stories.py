"""Practices and peers (methodology v2): the years before a practice's start against the years after, and the
member cities of similar level and size whose figures fell.

Neither is an evaluation of effect: they say what the figures did around a date and who else did better, so that a
city knows whom to ask. Both are computed for every practice and city (or every candidate peer) at once.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pioc_metrics import constants as C
from pioc_metrics.data.dataset import Dataset
from pioc_metrics.data.derive import interpolated_population
from pioc_metrics.data.stories import practice_cities
from pioc_metrics.engine.months import ratio_interval

COUNT = "homicides"  # the headline's count: the windows sum it, its rate is the count over the population
BEFORE_AFTER_COLUMNS = (
    "practice_id", "city_id", "start", "before_first", "before_last", "after_first", "after_last",
    "before", "after", "measure", "ratio", "ratio_low", "ratio_high", "change", "clear", "reason", "breaks",
)
PEER_COLUMNS = ("city_id", "indicator", "baseline", "baseline_year", "latest", "latest_year",
                "change_since_baseline", "population", "practices")


def practice_starts(data: Dataset) -> pd.DataFrame:
    """(practice_id, city_id, start): when each city started each practice: the year of the city's earliest event
    that puts the practice in place, else the practice's `since`."""
    pairs = practice_cities(data.practices)
    since = data.practices.set_index("practice_id")["since"]
    pairs["start"] = pairs["practice_id"].map(since).astype("Float64")
    events = data.events.loc[data.events["practice_id"] != "", ["practice_id", "city_id", "year"]]
    first = events.groupby(["practice_id", "city_id"], as_index=False)["year"].min()
    pairs = pairs.merge(first, on=["practice_id", "city_id"], how="left")
    pairs["start"] = pairs["year"].astype("Float64").fillna(pairs["start"]).astype("Int64")
    return pairs.drop(columns="year")


def before_after(data: Dataset, years: int = C.BEFORE_AFTER_YEARS) -> pd.DataFrame:
    """Each practice in each of its cities: homicides in the `years` years before its start against the `years`
    years after it (the start year itself, half before and half after, left out), as rates where the population of
    all those years is known, else as counts, with the exact interval of their ratio.

    `reason` says why a ratio is missing: "no_start", "no_data" (the city has no count at all), "too_soon" (the
    years after are not all in the data yet), "missing_years" (a year of either window has no count). `breaks`:
    the dates of the city's changes in how figures are counted (`data` events) within the two windows,
    `;`-separated: the years on either side are not strictly comparable.
    """
    pairs = practice_starts(data)
    start = pairs["start"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    offsets = np.arange(1, years + 1)
    before_years = start[:, None] - offsets[::-1][None, :]  # oldest first
    after_years = start[:, None] + offsets[None, :]
    counts = _yearly(data.indicators, COUNT)
    population = _population(data)
    before = _window(counts, pairs["city_id"], before_years)
    after = _window(counts, pairs["city_id"], after_years)
    before_people = _window(population, pairs["city_id"], before_years)
    after_people = _window(population, pairs["city_id"], after_years)
    as_rate = np.isfinite(before_people) & np.isfinite(after_people) & (before_people > 0) & (after_people > 0)
    scale = np.where(as_rate, before_people / np.where(as_rate, after_people, 1.0), 1.0)
    low, high = ratio_interval(after, before)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(before > 0, after / before, np.nan) * scale
    low, high = low * scale, high * scale
    last_year = _last_years(counts, pairs["city_id"])
    reason = np.select(
        [np.isnan(start), np.isnan(last_year), np.isfinite(ratio), after_years[:, -1] > last_year],
        ["no_start", "no_data", "", "too_soon"], "missing_years")
    out = pairs.assign(
        before_first=before_years[:, 0], before_last=before_years[:, -1],
        after_first=after_years[:, 0], after_last=after_years[:, -1],
        before=before, after=after, measure=np.where(as_rate, "rate", "count"),
        ratio=ratio, ratio_low=np.where(np.isfinite(ratio), low, np.nan),
        ratio_high=np.where(np.isfinite(ratio), high, np.nan))
    out["change"] = out["ratio"] - 1
    out["clear"] = (out["ratio_high"] < 1) | (out["ratio_low"] > 1)
    out["reason"] = reason
    out["breaks"] = _breaks_within(data.events, out["city_id"], before_years[:, 0], after_years[:, -1] + 1)
    for name in ("before_first", "before_last", "after_first", "after_last"):
        out[name] = pd.array(np.where(np.isnan(start), np.nan, out[name]), dtype="Float64").astype("Int64")
    return out[list(BEFORE_AFTER_COLUMNS)].reset_index(drop=True)


def _breaks_within(events: pd.DataFrame, city_ids: pd.Series, first: np.ndarray, end: np.ndarray) -> np.ndarray:
    """For each row, the dates of the city's `data` events after the start of year `first` (a change from `first` on
    leaves the two windows alike) and before year `end`."""
    breaks = events.loc[events["kind"] == C.DATA_EVENT, ["city_id", "date", "position"]]
    rows = pd.DataFrame({"city_id": city_ids.to_numpy(dtype=object), "first": first, "end": end,
                         "row": np.arange(len(city_ids))})
    found = rows.merge(breaks, on="city_id")
    found = found.loc[(found["position"] > found["first"]) & (found["position"] < found["end"])]
    joined = found.groupby("row")["date"].agg(";".join)
    return joined.reindex(range(len(city_ids))).fillna("").to_numpy(dtype=object)


def _yearly(indicators: pd.DataFrame, indicator: str) -> pd.Series:
    """The main series' values of one indicator, indexed by (city_id, year)."""
    rows = indicators.loc[(indicators["indicator"] == indicator) & (indicators["series"] == C.MAIN_SERIES)]
    return rows.drop_duplicates(["city_id", "year"]).set_index(["city_id", "year"])["value"].astype(float)


def _population(data: Dataset) -> pd.Series:
    people = interpolated_population(data.indicators)
    return people.set_index(["city_id", "year"])["population"].astype(float)


def _window(values: pd.Series, city_ids: pd.Series, years: np.ndarray) -> np.ndarray:
    """The sum of `values` over each row's years; NaN where any of them is missing (never counted as zero)."""
    if not len(city_ids):
        return np.zeros(0)
    cities = np.repeat(city_ids.to_numpy(dtype=object), years.shape[1])
    index = pd.MultiIndex.from_arrays([cities, np.nan_to_num(years.ravel(), nan=-1).astype("int64")])
    found = values.reindex(index).to_numpy(dtype=float).reshape(years.shape)
    return found.sum(axis=1)  # a NaN anywhere gives NaN


def _last_years(values: pd.Series, city_ids: pd.Series) -> np.ndarray:
    last = values.reset_index().groupby("city_id")["year"].max()
    return city_ids.map(last).to_numpy(dtype=float, na_value=np.nan)


def peers(data: Dataset, table: pd.DataFrame, city_id: str, limit: int = C.PEERS_SHOWN) -> pd.DataFrame:
    """The member cities `city_id` can learn from (PEER_COLUMNS), the largest fall first.

    A peer is another member city measured the same way (the same indicator of `table`), whose baseline is within
    PEER_LEVEL_RATIO of the city's either way, whose population (cities.csv) is within PEER_SIZE_RATIO either way,
    and whose figures fell since its baseline. `practices`: the practices it uses, `;`-separated.
    """
    empty = pd.DataFrame({name: pd.Series(dtype=object) for name in PEER_COLUMNS})
    if city_id not in table.index:
        return empty
    own = table.loc[city_id]
    cities = data.cities.set_index("city_id")
    size = pd.to_numeric(cities["population"], errors="coerce").reindex(table.index)
    own_size = size.get(city_id, np.nan)
    if pd.isna(own["baseline"]) or not own["baseline"] > 0 or pd.isna(own_size):
        return empty
    level = table["baseline"].astype(float) / float(own["baseline"])
    scale = size.astype(float) / float(own_size)
    member = cities["status"].reindex(table.index) == "member"
    chosen = (member & (table.index != city_id) & (table["indicator"] == own["indicator"])
              & level.between(1 / C.PEER_LEVEL_RATIO, C.PEER_LEVEL_RATIO)
              & scale.between(1 / C.PEER_SIZE_RATIO, C.PEER_SIZE_RATIO)
              & (table["change_since_baseline"].astype(float) < C.PEER_CHANGE_MAX))
    found = table.loc[chosen.fillna(False).to_numpy(dtype=bool)]
    found = found.sort_values(["change_since_baseline"], kind="stable").head(limit)
    pairs = practice_cities(data.practices)
    used = pairs.groupby("city_id")["practice_id"].agg(lambda ids: ";".join(sorted(ids)))
    out = found.reset_index(drop=True).assign(city_id=found.index.to_numpy())
    out["population"] = out["city_id"].map(size)
    out["practices"] = [used.get(city_id, "") for city_id in out["city_id"]]
    return out[list(PEER_COLUMNS)].reset_index(drop=True)
