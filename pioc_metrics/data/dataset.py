"""The validated data every page and computation works from."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

# Columns of the clean long indicator frame, in order (extra columns follow them).
INDICATOR_COLUMNS = (
    "city_id", "year", "indicator", "value", "series", "source", "note",
    "derived", "population_carried", "origin",
)
# Columns of the clean monthly frame (data contract v2), in order (extra columns follow them).
MONTHLY_COLUMNS = ("city_id", "year", "month", "indicator", "value", "series", "source", "note", "origin")
CITY_COLUMNS = (
    "city_id", "city", "country", "iso3", "lat", "lon", "status", "member_since",
    "baseline_year", "population", "population_year", "region", "note", "source",
    "strategy", "origin",
)


def empty_monthly() -> pd.DataFrame:
    """A monthly frame with no rows and the contract's columns and dtypes."""
    dtypes = {"year": "int64", "month": "int64", "value": "float64"}
    return pd.DataFrame({name: pd.Series(dtype=dtypes.get(name, str)) for name in MONTHLY_COLUMNS})


@dataclass(frozen=True)
class Dataset:
    """Clean frames, as the data contract defines them.

    cities: one row per city (CITY_COLUMNS; nullable Int64 for the year columns,
        float lat/lon, origin "shipped" or "upload").
    indicators: yearly rows only, long format (INDICATOR_COLUMNS): year int64, value float64,
        series "main" where empty, note "" where empty, derived/population_carried bool. Derived
        rows (rates from counts, years summed from 12 months) have derived True.
    national: iso3, country, year, indicator, value, source.
    catalog: the indicator catalog (indicator, label_en/es/pt, unit, kind, better, sdg,
        description); better is "" for indicators with no target (population).
    monthly: the monthly rows (MONTHLY_COLUMNS): year and month (1-12) int64, value float64,
        series "main" where empty, note "" where empty; empty for data without months.
    events: dated facts beside a city's line (data.stories.EVENT_COLUMNS, then year, month, day, position).
    practices: the network's library of practices (data.stories.PRACTICE_COLUMNS).
    """

    cities: pd.DataFrame
    indicators: pd.DataFrame
    national: pd.DataFrame
    catalog: pd.DataFrame
    monthly: pd.DataFrame = field(default_factory=empty_monthly)
    events: pd.DataFrame = field(default_factory=lambda: _empty("events"))
    practices: pd.DataFrame = field(default_factory=lambda: _empty("practices"))


def _empty(kind: str) -> pd.DataFrame:
    from pioc_metrics.data.stories import empty_events, empty_practices  # stories validates: it imports this module
    return empty_events() if kind == "events" else empty_practices()
