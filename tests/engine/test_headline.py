"""The network's headline measure (methodology v2): each city by homicide_rate where that gives it a status, else
by homicides; the table names each city's measure, and the engine's one-city functions follow it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pioc_metrics import constants as C
from pioc_metrics.engine.catalog import indicator_better, indicator_kind, measure_of
from pioc_metrics.engine.city import city_series, projection_path, target_path
from pioc_metrics.engine.network import median_city_index
from pioc_metrics.engine.progress import PROGRESS_COLUMNS, progress_table
from pioc_metrics.settings import Settings
from tests.factories import CATALOG, make_dataset

HEADLINE = Settings(indicator=C.HEADLINE)


def counts(city, values):
    return [{"city_id": city, "year": year, "indicator": "homicides", "value": v} for year, v in values.items()]


def test_the_headline_is_the_default_indicator():
    assert C.DEFAULT_INDICATOR == C.HEADLINE and Settings().indicator == C.HEADLINE


def test_on_the_shipped_data_every_city_with_a_status_by_either_measure_has_one_by_the_headline(shipped_data):
    table = progress_table(shipped_data, HEADLINE)
    by_rate = progress_table(shipped_data, Settings(indicator="homicide_rate"))
    by_count = progress_table(shipped_data, Settings(indicator="homicides"))
    rated = table["status"] != "insufficient_data"
    assert set(table["indicator"]) <= set(C.HEADLINE_MEASURES)
    assert (by_rate["status"] != "insufficient_data").sum() == 4
    assert (by_count["status"] != "insufficient_data").sum() == 12
    assert rated.sum() == 12
    assert (table.loc[rated, "indicator"] == "homicide_rate").sum() == 4
    assert (table.loc[rated, "indicator"] == "homicides").sum() == 8
    either = (by_rate["status"] != "insufficient_data") | (by_count["status"] != "insufficient_data")
    assert rated.equals(either)
    # The only city with homicide figures and no status: Godoy Cruz's figures end in 2013, years before 2019.
    with_figures = set(shipped_data.indicators.loc[shipped_data.indicators["indicator"].isin(C.HEADLINE_MEASURES),
                                                   "city_id"])
    assert with_figures - set(table.index[rated]) == {"godoy-cruz"}


def test_each_headline_row_is_its_measure_s_row(shipped_data):
    table = progress_table(shipped_data, HEADLINE)
    for measure in C.HEADLINE_MEASURES:
        alone = progress_table(shipped_data, Settings(indicator=measure))
        mine = table.loc[table["indicator"] == measure]
        pd.testing.assert_frame_equal(mine, alone.loc[mine.index])
    assert list(table.index) == list(shipped_data.cities["city_id"])
    assert list(table.columns[:len(PROGRESS_COLUMNS)]) == list(PROGRESS_COLUMNS)


def test_the_rate_is_preferred_where_it_gives_a_status_else_the_counts():
    data = make_dataset(
        {"rate": {2019: 40, 2023: 30}, "rate_too_short": {2023: 30}, "counts_only": {}, "nothing": {}},
        extra_rows=counts("rate", {2019: 100, 2023: 75}) + counts("rate_too_short", {2019: 90, 2023: 80})
        + counts("counts_only", {2019: 50, 2024: 60}),
    )
    table = progress_table(data, HEADLINE)
    assert table["indicator"].to_dict() == {"rate": "homicide_rate", "rate_too_short": "homicides",
                                            "counts_only": "homicides", "nothing": "homicides"}
    assert table.loc["rate_too_short", "baseline"] == 90 and table.loc["counts_only", "latest"] == 60
    assert table.loc["nothing", "status"] == "insufficient_data"


def test_the_median_city_index_indexes_each_city_on_its_own_measure():
    data = make_dataset({"rate": {2019: 40, 2023: 20}, "counts_only": {}},
                        extra_rows=counts("counts_only", {2019: 100, 2023: 150}) + counts("rate", {2019: 1, 2023: 9}))
    table = progress_table(data, HEADLINE)
    index = median_city_index(data, table, HEADLINE).set_index("year")
    assert index.loc[2019, "median_index"] == 100 and index.loc[2019, "cities"] == 2
    assert index.loc[2023, "median_index"] == pytest.approx((50 + 150) / 2)


def test_measure_of_a_row_an_indicator_and_the_headline():
    assert measure_of(pd.Series({"indicator": "homicides", "baseline": 3.0})) == "homicides"
    assert measure_of({"indicator": "homicide_rate"}) == "homicide_rate"
    assert measure_of("violent_deaths") == "violent_deaths"
    assert measure_of(C.HEADLINE) == C.HEADLINE_MEASURES[0]
    assert indicator_better(CATALOG, C.HEADLINE) == "lower"
    row = pd.Series({"indicator": "homicides"})
    assert indicator_kind(CATALOG, row) == "count" and indicator_better(CATALOG, row) == "lower"


def test_one_city_s_series_and_paths_follow_the_measure_of_its_headline_row(shipped_data):
    table = progress_table(shipped_data, HEADLINE)
    row = table.loc["oakland"]
    assert row["indicator"] == "homicides"
    series = city_series(shipped_data, "oakland", row)
    assert set(series["indicator"]) == {"homicides"}
    main = series.loc[series["series"] == C.MAIN_SERIES]
    assert main["lower"].notna().all() and (main["lower"] <= main["value"]).all()
    path = target_path(row, HEADLINE)
    assert path["value"].iloc[0] == row["baseline"] and path["value"].iloc[-1] == pytest.approx(row["target"])
    projection = projection_path(row, HEADLINE)
    assert projection["value"].iloc[0] == row["latest"] and projection["year"].iloc[-1] == 2030
    rate_row = table.loc["palmira"]
    assert set(city_series(shipped_data, "palmira", rate_row)["indicator"]) == {"homicide_rate"}


def test_headline_with_smoothing_and_a_fixed_baseline_still_picks_per_city(shipped_data):
    table = progress_table(shipped_data, Settings(indicator=C.HEADLINE, smoothing="3y", baseline_year=2019))
    assert set(table["indicator"]) <= set(C.HEADLINE_MEASURES)
    rated = table["status"] != "insufficient_data"
    assert np.isin(table.loc[rated, "status"], C.STATUSES[:-1]).all() and rated.sum() > 0
