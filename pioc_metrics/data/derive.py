"""Derived rows: rates from counts and population, years from 12 months (methodology: "Rates from counts",
"Months and the year so far")."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pioc_metrics import constants as C
from pioc_metrics.data.dataset import INDICATOR_COLUMNS, Dataset
from pioc_metrics.data.months import split_months

RATE = "homicide_rate"
COUNT = "homicides"
POPULATION = "population"


def derived_dataset(cities: pd.DataFrame, rows: pd.DataFrame, national: pd.DataFrame,
                    catalog: pd.DataFrame, events: pd.DataFrame | None = None,
                    practices: pd.DataFrame | None = None) -> Dataset:
    """The Dataset of validated indicator rows: the monthly ones apart, years summed from 12 months, then rates.
    Events and practices (validated) are carried as they are; None: none."""
    yearly, monthly = split_months(rows)
    indicators = with_derived_rates(with_years_from_months(yearly, monthly, catalog), catalog)
    stories = {name: frame for name, frame in (("events", events), ("practices", practices)) if frame is not None}
    return Dataset(cities=cities, indicators=indicators, national=national, catalog=catalog, monthly=monthly,
                   **stories)


def interpolated_population(indicators: pd.DataFrame) -> pd.DataFrame:
    """Population of each city for every year it can be known: (city_id, year, population, carried).

    Linear between known years of the main series; carried (nearest value, flagged) at most
    POPULATION_CARRY_YEARS beyond the known range; never further.
    """
    return _population_table(indicators)[["city_id", "year", "population", "carried"]]


def _population_table(indicators: pd.DataFrame) -> pd.DataFrame:
    """interpolated_population plus the source and a note for each year."""
    columns = ["city_id", "year", "population", "carried", "source", "how"]
    known = indicators.loc[
        (indicators["indicator"] == POPULATION)
        & (indicators["series"] == C.MAIN_SERIES)
        & (indicators["value"] > 0),
        ["city_id", "year", "value", "source"],
    ]
    if known.empty:
        return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in zip(
            columns, ["str", "int64", "float64", "bool", "str", "str"])})
    known = (known.sort_values(["city_id", "year"], kind="stable")
             .drop_duplicates(["city_id", "year"], keep="first")
             .astype({"year": "int64", "value": "float64"}))

    # Every year from the first known minus the carry to the last known plus the carry.
    span = known.groupby("city_id", sort=True)["year"].agg(["min", "max"])
    carry = C.POPULATION_CARRY_YEARS
    starts = span["min"].to_numpy() - carry
    lengths = (span["max"] - span["min"]).to_numpy() + 2 * carry + 1
    offsets = np.repeat(np.cumsum(lengths) - lengths, lengths)
    grid = pd.DataFrame({
        "city_id": np.repeat(span.index.to_numpy(), lengths),
        "year": np.repeat(starts, lengths) + (np.arange(lengths.sum()) - offsets),
    }).astype({"year": "int64"})
    grid = grid.merge(known, on=["city_id", "year"], how="left")

    grid["known_year"] = grid["year"].where(grid["value"].notna())
    by_city = grid.groupby("city_id", sort=False)
    before = by_city[["known_year", "value", "source"]].ffill()
    after = by_city[["known_year", "value", "source"]].bfill()
    span_years = after["known_year"] - before["known_year"]
    share = ((grid["year"] - before["known_year"]) / span_years.where(span_years != 0)).fillna(0.0)
    between = before["value"] + (after["value"] - before["value"]) * share

    exact = grid["value"].notna()
    inside = before["value"].notna() & after["value"].notna()
    carried_forward = before["value"].notna() & after["value"].isna()
    carried_back = before["value"].isna() & after["value"].notna()
    population = np.select([exact, inside, carried_forward, carried_back],
                           [grid["value"], between, before["value"], after["value"]], np.nan)
    # Text only where a rule applies (most years are known exactly and need no note).
    source = np.full(len(grid), "", dtype=object)
    how = np.full(len(grid), "", dtype=object)
    same_source = before["source"] == after["source"]
    year_text = lambda years: years.astype("Int64").astype(str)  # noqa: E731
    taken = np.zeros(len(grid), dtype=bool)
    for mask, text in (
        (exact, lambda m: grid["source"][m]),
        (inside & same_source, lambda m: before["source"][m]),
        (inside, lambda m: before["source"][m] + "; " + after["source"][m]),
        (carried_forward, lambda m: before["source"][m]),
        (carried_back, lambda m: after["source"][m]),
    ):
        chosen = mask.to_numpy(dtype=bool) & ~taken
        taken |= chosen
        if chosen.any():
            source[chosen] = text(chosen).to_numpy(dtype=object)
    taken = exact.to_numpy(dtype=bool).copy()
    for mask, text in (
        (inside, lambda m: "population interpolated between " + year_text(before["known_year"][m]) + " and "
         + year_text(after["known_year"][m])),
        (carried_forward, lambda m: "population carried from " + year_text(before["known_year"][m])),
        (carried_back, lambda m: "population carried from " + year_text(after["known_year"][m])),
    ):
        chosen = mask.to_numpy(dtype=bool) & ~taken
        taken |= chosen
        if chosen.any():
            how[chosen] = text(chosen).to_numpy(dtype=object)
    table = pd.DataFrame({
        "city_id": grid["city_id"],
        "year": grid["year"],
        "population": population.astype("float64"),
        "carried": (carried_forward | carried_back).to_numpy(),
        "source": source.astype(object),
        "how": how.astype(object),
    })
    return table.loc[table["population"].notna()].reset_index(drop=True)


def rate_indicators(catalog: pd.DataFrame | None = None) -> dict[str, str]:
    """{count: its rate per 100,000} for the catalog's counts with a target (kind count, better lower) whose rate
    the catalog defines: homicides -> homicide_rate, any other count -> <count>_rate. Without a catalog, homicides."""
    if catalog is None:
        return {COUNT: RATE}
    ids = set(catalog["indicator"])
    counts = catalog.loc[(catalog["kind"] == "count") & (catalog["better"] == "lower"), "indicator"]
    pairs = {count: RATE if count == COUNT else f"{count}_rate" for count in counts}
    return {count: rate for count, rate in pairs.items() if rate in ids}


def with_derived_rates(indicators: pd.DataFrame, catalog: pd.DataFrame | None = None) -> pd.DataFrame:
    """The indicators plus a derived rate row (rate_indicators) wherever the main series has a count and
    a population but no rate; a rate given by a source is never overwritten."""
    pairs = rate_indicators(catalog)
    main = indicators["series"] == C.MAIN_SERIES
    counts = indicators.loc[main & indicators["indicator"].isin(list(pairs))]
    if counts.empty:
        return indicators
    counts = counts.assign(_rate=counts["indicator"].map(pairs).astype(object))
    given = (indicators.loc[main & indicators["indicator"].isin(list(pairs.values())), ["city_id", "year", "indicator"]]
             .drop_duplicates().rename(columns={"indicator": "_rate"}).astype({"_rate": object}))
    counts = counts.merge(given.assign(_given=True), on=["city_id", "year", "_rate"], how="left")
    counts = counts.loc[counts["_given"].isna()].drop(columns="_given")
    population = _population_table(indicators)
    counts = counts.merge(population, on=["city_id", "year"], how="inner", suffixes=("", "_population"))
    if counts.empty:
        return indicators

    formula = "derived: " + counts["indicator"].astype(str) + " / population x 100,000"
    how = counts["how"].where(counts["how"] == "", "; " + counts["how"])
    derived = counts.assign(
        indicator=counts["_rate"],
        value=counts["value"] / counts["population"] * C.RATE_PER,
        source=formula + " (" + counts["source"] + "; " + counts["source_population"] + ")",
        note=formula + how,
        derived=True,
        population_carried=counts["carried"].astype(bool),
    )[list(indicators.columns)]
    return _appended(indicators, derived)


def with_years_from_months(indicators: pd.DataFrame, monthly: pd.DataFrame,
                           catalog: pd.DataFrame | None = None) -> pd.DataFrame:
    """The yearly indicators plus, for each city, count, series and year with all 12 months and no yearly row
    given, the sum of the months, marked derived (a missing month means no year, never zero). Only counts add up:
    with a catalog, its indicators of kind count; never population."""
    keys = ["city_id", "indicator", "series", "year"]
    counted = monthly.loc[monthly["indicator"] != POPULATION]
    if catalog is not None:
        counted = counted.loc[counted["indicator"].isin(set(catalog.loc[catalog["kind"] == "count", "indicator"]))]
    if counted.empty:
        return indicators
    by_year = counted.groupby(keys, sort=False)
    totals = by_year.agg(value=("value", "sum"), months=("month", "nunique"), origin=("origin", "first")).reset_index()
    totals = totals.loc[totals["months"] == 12].drop(columns="months")
    given = indicators[keys].drop_duplicates().astype({"year": "int64"}).assign(_given=True)
    totals = totals.merge(given, on=keys, how="left")
    totals = totals.loc[totals["_given"].isna()].drop(columns="_given")
    if totals.empty:
        return indicators
    texts = _distinct_texts(counted, totals[keys], keys)
    derived = totals.assign(
        source=MONTHS_SUMMED + " (" + texts["source"] + ")",
        note=(MONTHS_SUMMED + ("; " + texts["note"]).where(texts["note"] != "", "")),
        derived=True, population_carried=False,
    )
    for name in indicators.columns.difference(derived.columns):
        derived[name] = pd.NA
    return _appended(indicators, derived[list(indicators.columns)])


MONTHS_SUMMED = "derived: sum of the 12 monthly values"


def _distinct_texts(monthly: pd.DataFrame, wanted: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The months' distinct sources and notes of each wanted year, joined with '; ' in the order they come."""
    rows = monthly.merge(wanted, on=keys, how="inner")
    out = wanted.reset_index(drop=True)
    for name in ("source", "note"):
        distinct = rows[[*keys, name]].drop_duplicates()
        distinct = distinct.loc[distinct[name].astype(str) != ""]
        joined = distinct.groupby(keys, sort=False)[name].agg("; ".join).rename(name).reset_index()
        out = out.merge(joined, on=keys, how="left")
        out[name] = out[name].fillna("").astype(str)
    return out.set_index(wanted.index)


def _appended(indicators: pd.DataFrame, derived: pd.DataFrame) -> pd.DataFrame:
    """Derived rows after the given ones, typed as they are and sorted by city, indicator, series and year."""
    derived = derived.copy()
    # Extra columns describe the row they came with, not the count it was derived from.
    for name in indicators.columns.difference(INDICATOR_COLUMNS):
        derived[name] = "" if pd.api.types.is_string_dtype(indicators[name]) else pd.NA
    for name in indicators.columns:
        if pd.api.types.is_string_dtype(indicators[name]):
            derived[name] = derived[name].fillna("")
    combined = pd.concat([indicators, derived], ignore_index=True)
    combined = combined.astype({name: indicators[name].dtype for name in
                                ("year", "value", "derived", "population_carried") if name in indicators})
    return _sorted(combined, ["city_id", "indicator", "series", "year"])


def _sorted(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """frame.sort_values(keys, kind="stable") on integer codes: a stable lexsort of the sorted factor codes."""
    codes = []
    for key in keys:
        column = frame[key]
        if column.isna().any():
            return frame.sort_values(keys, kind="stable").reset_index(drop=True)
        codes.append(pd.factorize(column, sort=True)[0])
    order = np.lexsort(codes[::-1])
    return frame.take(order).reset_index(drop=True)
