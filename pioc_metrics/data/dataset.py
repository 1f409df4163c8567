"""The validated data every page and computation works from."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

# Columns of the clean long indicator frame, in order (extra columns follow them).
INDICATOR_COLUMNS = (
    "city_id", "year", "indicator", "value", "series", "source", "note",
    "derived", "population_carried", "origin",
)
CITY_COLUMNS = (
    "city_id", "city", "country", "iso3", "lat", "lon", "status", "member_since",
    "baseline_year", "population", "population_year", "region", "note", "source",
    "strategy", "origin",
)


@dataclass(frozen=True)
class Dataset:
    """Clean frames, as the data contract defines them.

    cities: one row per city (CITY_COLUMNS; nullable Int64 for the year columns,
        float lat/lon, origin "shipped" or "upload").
    indicators: long format (INDICATOR_COLUMNS): year int64, value float64,
        series "main" where empty, note "" where empty, derived/population_carried bool.
    national: iso3, country, year, indicator, value, source.
    catalog: the indicator catalog (indicator, label_en/es/pt, unit, kind, better, sdg,
        description); better is "" for indicators with no target (population).
    """

    cities: pd.DataFrame
    indicators: pd.DataFrame
    national: pd.DataFrame
    catalog: pd.DataFrame
