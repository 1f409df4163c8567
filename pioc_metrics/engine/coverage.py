"""What the data covers: which cities, indicators, years and sources have values.

The questions a page asks before it draws anything; every answer is computed from the rows. An indicator
here may be the network's headline (constants.HEADLINE), which stands for its measures (HEADLINE_MEASURES).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pioc_metrics import constants as C
from pioc_metrics.data.dataset import Dataset
from pioc_metrics.engine.catalog import kept_for, rows_of_city


def measures(indicator: str) -> tuple[str, ...]:
    """The catalog indicators a choice stands for: the headline's measures, else the indicator itself."""
    return C.HEADLINE_MEASURES if indicator == C.HEADLINE else (indicator,)


def main_values(data: Dataset, indicators) -> pd.DataFrame:
    """The main-series rows with a value of any of `indicators`."""
    rows = data.indicators
    mask = (rows["series"] == C.MAIN_SERIES) & rows["indicator"].isin(list(indicators)) & rows["value"].notna()
    return rows.loc[mask.to_numpy(dtype=bool)]


def cities_with_data(data: Dataset, indicator: str) -> list[str]:
    """City ids (in cities.csv order) that have at least one main-series value of the indicator (of the
    headline: of any of its measures). Kept per loaded dataset and indicator: the city picker asks on every run,
    and at 10,000 cities working it out was half of a city page's CPU (py-spy, issue 16)."""
    def build() -> tuple[str, ...]:
        present = set(main_values(data, measures(indicator))["city_id"])
        return tuple(c for c in data.cities["city_id"] if c in present)
    return list(kept_for((data.indicators, data.cities), f"cities with {indicator}", build))


CITY_LOOKUPS_MAX = 50  # beyond this many cities one pass over every row is quicker than a lookup each


def city_indicators(data: Dataset, city_ids) -> dict[str, list[str]]:
    """Each city's indicators with main-series values, in catalog order; an empty list where there are none."""
    order = {ind: i for i, ind in enumerate(data.catalog["indicator"])}
    rows = main_values(data, data.indicators["indicator"].unique())[["city_id", "indicator"]].drop_duplicates()
    rows = rows.assign(_order=rows["indicator"].map(order).fillna(len(order))).sort_values(["_order", "indicator"])
    found = rows.groupby("city_id", sort=False)["indicator"].agg(list).reindex(pd.Index(list(city_ids), dtype=object))
    return {city: (v if isinstance(v, list) else []) for city, v in found.items()}


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
    rows = rows_of_city(data.indicators, city_id)
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
    """Sources of the main series of every city that has a baseline (what the network figures rest on): each
    city's rows of the measure its table row names, which under the headline `indicator` is the city's own."""
    wanted = table.loc[table["baseline"].notna(), ["city_id", "indicator"]]
    rows = data.indicators.loc[data.indicators["series"] == C.MAIN_SERIES].merge(wanted, on=["city_id", "indicator"])
    return list(dict.fromkeys(rows["source"].dropna().astype(str)))


def sparkline_values(data: Dataset, indicator, city_ids, start_years=None) -> dict[str, list[float]]:
    """Each city's main-series values in year order, from its start year on (all years where that is missing);
    an empty list where there are none. `indicator` is one for all or, aligned with `city_ids`, each city's."""
    ids = list(city_ids)
    per_city = [indicator] * len(ids) if isinstance(indicator, str) else list(indicator)
    start = pd.to_numeric(pd.Series(list(start_years) if start_years is not None else [np.nan] * len(ids),
                                    dtype=object), errors="coerce").fillna(-np.inf).to_numpy(dtype=float)
    wanted = pd.DataFrame({"city_id": ids, "indicator": per_city, "start": start}).drop_duplicates("city_id")
    rows = main_values(data, set(per_city))[["city_id", "indicator", "year", "value"]]
    rows = rows.merge(wanted, on=["city_id", "indicator"])
    rows = rows.loc[rows["year"].to_numpy(dtype=float) >= rows["start"].to_numpy(dtype=float)]
    values = rows.sort_values("year", kind="stable").groupby("city_id", sort=False)["value"].agg(list)
    values = values.reindex(pd.Index(ids, dtype=object))
    return {city: (v if isinstance(v, list) else []) for city, v in values.items()}


def indicator_coverage(data: Dataset) -> pd.Series:
    """Cities with at least one main-series value, per indicator that has a target (better = lower)."""
    targeted = data.catalog.loc[data.catalog["better"] == "lower", "indicator"]
    rows = data.indicators.loc[(data.indicators["series"] == C.MAIN_SERIES) & data.indicators["value"].notna()]
    counts = rows.groupby("indicator")["city_id"].nunique()
    return counts.reindex(pd.Index(targeted), fill_value=0).astype(int).sort_values(ascending=False, kind="stable")


def better_covered_indicator(data: Dataset, indicator: str, total: int) -> tuple[str, int, int] | None:
    """(other indicator, its cities, this one's) when the chosen one covers under half of the cities and another
    more; the headline, covering every city with any of its measures, comes first on a tie."""
    headline = pd.Series({C.HEADLINE: len(cities_with_data(data, C.HEADLINE))})
    coverage = pd.concat([headline, indicator_coverage(data)])
    mine = int(coverage.get(indicator, 0))
    others = coverage.drop(labels=[indicator], errors="ignore").sort_values(ascending=False, kind="stable")
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


def membership_with_status(data: Dataset, table: pd.DataFrame) -> tuple[pd.Series, list[str]]:
    """Cities with a status (any but insufficient_data) per membership (cities.csv `status`: member, prospective,
    other), and the names of those shown for reference only (other), in table order."""
    judged = table.loc[table["status"].isin([s for s in C.STATUSES if s != "insufficient_data"]), "city_id"]
    cities = data.cities.drop_duplicates("city_id").set_index("city_id")
    kinds = cities["status"].reindex(judged).fillna("other").where(lambda k: k.isin(C.CITY_STATUSES), "other")
    counts = kinds.value_counts().reindex(list(C.CITY_STATUSES), fill_value=0).astype(int)
    reference = cities["city"].reindex(kinds.index[kinds.eq("other").to_numpy()]).astype(str).tolist()
    return counts, reference


def definition_notes(data: Dataset, indicator: str, city_ids) -> pd.Series:
    """What each city's figures of `indicator` count, as its sources say: the note of its latest main-series row
    (index city_id; cities without a note or without data are left out). Used to warn where levels of two cities
    count different things (one city's violent deaths include police killings, another's do not)."""
    ids = list(dict.fromkeys(city_ids))
    rows = (pd.concat([rows_of_city(data.indicators, c) for c in ids]) if 0 < len(ids) <= CITY_LOOKUPS_MAX
            else data.indicators.loc[data.indicators["city_id"].isin(ids)])
    rows = rows.loc[(rows["indicator"] == indicator) & (rows["series"] == "main")]
    if "derived" in rows.columns:
        rows = rows.loc[~rows["derived"].astype(bool)]
    latest = rows.sort_values("year", kind="stable").drop_duplicates("city_id", keep="last")
    notes = latest.set_index("city_id")["note"].fillna("").astype(str).str.strip()
    return notes.loc[notes != ""]
