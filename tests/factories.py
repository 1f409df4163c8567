"""Synthetic datasets for tests: made here, never shown as real cities."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pioc_metrics.data.dataset import Dataset

CATALOG = pd.read_csv(Path(__file__).resolve().parents[1] / "data" / "indicator_catalog.csv", dtype=str,
                      keep_default_na=False)


def make_dataset(values: dict[str, dict[int, float]], indicator: str = "homicide_rate", *,
                 extra_rows: list[dict] | None = None, baseline_years: dict[str, int] | None = None) -> Dataset:
    """A dataset with one synthetic city per key of `values` ({city_id: {year: value}})."""
    baseline_years = baseline_years or {}
    cities = pd.DataFrame(
        {
            "city_id": list(values),
            "city": [f"Test city {c}" for c in values],
            "country": "Testland",
            "iso3": "TST",
            "lat": 0.0,
            "lon": 0.0,
            "status": "member",
            "baseline_year": pd.array([baseline_years.get(c) for c in values], dtype="Int64"),
            "population": float("nan"),
            "origin": "test",
        }
    )
    rows = [
        {"city_id": c, "year": y, "indicator": indicator, "value": v}
        for c, series in values.items()
        for y, v in series.items()
    ] + list(extra_rows or [])
    indicators = pd.DataFrame(
        rows, columns=["city_id", "year", "indicator", "value", "series", "source", "note"]
    ).astype({"city_id": str, "year": "int64", "value": float, "indicator": str})
    for column, default in (("series", "main"), ("source", "synthetic test row"), ("note", "")):
        if column not in indicators:
            indicators[column] = default
        indicators[column] = indicators[column].astype(object).fillna(default).astype(str)
    indicators["derived"] = False
    indicators["population_carried"] = False
    indicators["origin"] = "test"
    national = pd.DataFrame(columns=["iso3", "country", "year", "indicator", "value", "source"])
    return Dataset(cities=cities, indicators=indicators, national=national, catalog=CATALOG)
