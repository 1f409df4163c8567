"""The network figures: median index against the path, cities per status, sparklines, the overview table."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pioc_metrics import constants as C
from pioc_metrics.figures.network import (
    better_covered_indicator, city_link, escape_markdown, indicator_coverage, median_index_figure, overview_table,
    path_frame, sparkline_values, status_bar_figure, year_runs,
)
from pioc_metrics.data.loading import load_dataset
from pioc_metrics.engine.methodology import median_city_index, network_path, progress_table, status_counts
from pioc_metrics.settings import Settings
from tests.factories import make_dataset

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def shipped():
    data, _ = load_dataset(ROOT / "data")
    return data


def _traces(fig, name):
    return [tr for tr in fig.data if tr.name == name]


def test_median_figure_draws_the_median_values_and_the_path_to_the_target():
    data = make_dataset({"a": {2019: 40, 2020: 36, 2021: 30}, "b": {2019: 10, 2020: 10, 2021: 12},
                         "c": {2019: 20, 2020: 18, 2021: 16}})
    settings = Settings()
    frame = median_city_index(data, progress_table(data, settings), settings)
    fig = median_index_figure(frame, settings, "en", "Source: test")
    median = _traces(fig, "Median city")[0]
    assert list(median.x) == [2019, 2020, 2021]
    np.testing.assert_allclose(median.y, frame["median_index"].to_numpy())
    assert list(median.customdata) == [3, 3, 3]
    path = _traces(fig, "Path to target")[0]
    assert path.line.dash == "dash"
    assert list(path.x) == list(range(2019, 2031))
    np.testing.assert_allclose(path.y, network_path(np.arange(2019, 2031), settings))
    assert path.y[-1] == pytest.approx(50.0)


def test_median_figure_has_titles_axis_unit_reference_line_labels_and_source():
    data = make_dataset({"a": {2019: 40, 2023: 30}, "b": {2019: 10, 2023: 9}, "c": {2019: 5, 2023: 6}})
    settings = Settings()
    frame = median_city_index(data, progress_table(data, settings), settings)
    fig = median_index_figure(frame, settings, "es", "Fuente: prueba", indicator_label="Tasa de homicidios")
    assert "2030" in fig.layout.title.text
    assert "Tasa de homicidios" in fig.layout.title.subtitle.text
    assert fig.layout.yaxis.title.text == "índice, línea de base = 100"
    assert fig.layout.separators == ",."
    assert any(shape.y0 == 100 and shape.y1 == 100 for shape in fig.layout.shapes)
    assert any(shape.x0 == 2030 for shape in fig.layout.shapes)
    texts = " ".join(a.text for a in fig.layout.annotations)
    assert "Ciudad mediana" in texts and "Meta 2030: 50,0" in texts and "Fuente: prueba" in texts


def test_median_figure_hover_states_the_number_of_cities_and_few_city_years_are_not_joined():
    data = make_dataset({"a": {2018: 30, 2019: 40, 2020: 36}, "b": {2019: 10, 2020: 10}, "c": {2019: 20, 2020: 18}})
    settings = Settings()
    frame = median_city_index(data, progress_table(data, settings), settings)
    fig = median_index_figure(frame, settings, "en", "Source: test", few=3)
    line, hollow = _traces(fig, "Median city")
    assert np.isnan(line.y[0])  # 2018 has one city: not on the line
    assert list(hollow.x) == [2018] and hollow.marker.symbol == "circle-open"
    assert "1 cities behind this point" in hollow.text[0]
    assert "3 cities behind this point" in line.text[1]


def test_status_bars_show_every_status_with_symbol_label_colour_and_count(shipped):
    table = progress_table(shipped, Settings())
    counts = status_counts(table)
    fig = status_bar_figure(counts, "pt")
    bar = fig.data[0]
    assert list(bar.x) == list(counts.to_numpy())
    assert list(bar.marker.color) == [C.STATUS_COLOURS[s] for s in C.STATUSES]
    assert bar.y[0].startswith("★") and "Meta alcançada" in bar.y[0]
    assert [int(v) for v in bar.text] == list(counts.to_numpy())


def test_sparklines_are_each_city_main_series_in_year_order_and_empty_without_data():
    data = make_dataset({"a": {2021: 3.0, 2019: 1.0, 2020: 2.0}, "b": {}},
                        extra_rows=[{"city_id": "a", "year": 2019, "indicator": "homicide_rate", "value": 99.0,
                                     "series": "other-source"}])
    values = sparkline_values(data, "homicide_rate", ["a", "b", "unknown"])
    assert values == {"a": [1.0, 2.0, 3.0], "b": [], "unknown": []}


def test_overview_table_lists_all_22_shipped_cities_with_no_number_for_cities_without_data(shipped):
    table = progress_table(shipped, Settings())
    rows = overview_table(shipped, table, "en", {"lang": "en"})
    assert len(rows) == 22
    amman = rows.loc[rows["city_id"] == "amman"].iloc[0]
    assert "no data yet" in amman["status"]
    assert pd.isna(amman["baseline"]) and pd.isna(amman["latest"]) and amman["trend"] == []
    palmira = rows.loc[rows["city_id"] == "palmira"].iloc[0]
    assert palmira["link"] == "city?city=palmira&lang=en"
    assert palmira["change"] == pytest.approx(palmira["latest"] / palmira["baseline"] - 1)
    assert rows["status"].iloc[0].startswith("★")  # best status first


def test_city_link_keeps_the_shared_view_but_not_other_cities():
    link = city_link("cali", {"lang": "pt", "indicator": "homicides", "cities": "a,b", "city": "x"})
    assert link == "city?city=cali&lang=pt&indicator=homicides"


def test_the_better_covered_indicator_is_computed_from_the_data(shipped):
    coverage = indicator_coverage(shipped)
    assert coverage["homicides"] == shipped.indicators.query("indicator == 'homicides' and series == 'main'")["city_id"].nunique()
    other, more, mine = better_covered_indicator(shipped, "homicide_rate", 22)
    assert (other, mine) == ("homicides", coverage["homicide_rate"]) and more == coverage["homicides"] > mine
    assert better_covered_indicator(shipped, "homicides", 22) is None


def test_year_runs_group_consecutive_years_behind_the_same_number_of_cities():
    assert year_runs([2000, 2001, 2002, 2003, 2005], [2, 2, 6, 6, 6]) == [(2000, 2001, 2), (2002, 2003, 6), (2005, 2005, 6)]


def test_path_frame_runs_from_the_network_baseline_to_the_target():
    frame = path_frame(Settings(baseline_year=2015, target_year=2035))
    assert frame["year"].iloc[0] == 2015 and frame["year"].iloc[-1] == 2035
    assert frame["path"].iloc[0] == pytest.approx(100) and frame["path"].iloc[-1] == pytest.approx(50)


def test_markdown_escaping_makes_user_text_inert():
    assert escape_markdown("[x](javascript:alert(1)) *b*") == r"\[x\]\(javascript:alert\(1\)\) \*b\*"
