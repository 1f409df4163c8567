"""Rates derived from counts and population (methodology: "Rates from counts")."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pioc_metrics import constants as C
from pioc_metrics.data.dataset import INDICATOR_COLUMNS

RATE = "homicide_rate"
COUNT = "homicides"
POPULATION = "population"


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


def with_derived_rates(indicators: pd.DataFrame) -> pd.DataFrame:
    """The indicators plus a derived homicide_rate row wherever the main series has counts and
    a population but no rate; a rate given by a source is never overwritten."""
    main = indicators["series"] == C.MAIN_SERIES
    counts = indicators.loc[main & (indicators["indicator"] == COUNT)]
    if counts.empty:
        return indicators
    given = indicators.loc[main & (indicators["indicator"] == RATE), ["city_id", "year"]].drop_duplicates()
    counts = counts.merge(given.assign(_given=True), on=["city_id", "year"], how="left")
    counts = counts.loc[counts["_given"].isna()].drop(columns="_given")
    population = _population_table(indicators)
    counts = counts.merge(population, on=["city_id", "year"], how="inner", suffixes=("", "_population"))
    if counts.empty:
        return indicators

    notes = "derived: homicides / population x 100,000"
    how = counts["how"].where(counts["how"] == "", "; " + counts["how"])
    derived = counts.assign(
        indicator=RATE,
        value=counts["value"] / counts["population"] * C.RATE_PER,
        source=("derived: homicides / population x 100,000 (" + counts["source"] + "; "
                + counts["source_population"] + ")"),
        note=notes + how,
        derived=True,
        population_carried=counts["carried"].astype(bool),
    )[list(indicators.columns)]
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
