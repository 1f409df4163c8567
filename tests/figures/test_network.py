"""The network figures: median index against the path, cities per status."""

from __future__ import annotations

import numpy as np
import pytest

from pioc_metrics import constants as C
from pioc_metrics.engine.network import median_city_index, network_path, status_counts
from pioc_metrics.engine.progress import progress_table
from pioc_metrics.figures.network import median_index_figure, path_frame, status_bar_figure
from pioc_metrics.settings import Settings
from tests.factories import make_dataset


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
    assert "based on 1 city" in hollow.text[0]  # never "behind", which could read as cities lagging
    assert "based on 3 cities" in line.text[1]


def test_the_headline_median_indexes_rate_and_count_cities_each_on_its_own_measure():
    counts = [{"city_id": "c", "year": y, "indicator": "homicides", "value": v, "series": "main"}
              for y, v in {2019: 200.0, 2020: 180.0}.items()]
    data = make_dataset({"a": {2019: 40, 2020: 36}, "b": {2019: 10, 2020: 11}, "c": {}}, extra_rows=counts)
    settings = Settings(indicator=C.HEADLINE)
    table = progress_table(data, settings)
    frame = median_city_index(data, table, settings)
    fig = median_index_figure(frame, settings, "pt", "Fonte: teste", indicator_label="Homicídios")
    line = _traces(fig, "Cidade mediana")[0]
    assert list(table.set_index("city_id")["indicator"]) == ["homicide_rate", "homicide_rate", "homicides"]
    assert list(line.customdata) == [3, 3]
    np.testing.assert_allclose(line.y, [100.0, 90.0])  # 36/40 = 0.9, 11/10 = 1.1, 180/200 = 0.9: the median is 90
    assert "com base em 3 cidades" in line.text[1]


def test_status_bars_show_every_status_with_symbol_label_colour_and_count(shipped_table):
    counts = status_counts(shipped_table)
    fig = status_bar_figure(counts, "pt")
    bar = fig.data[0]
    assert list(bar.x) == list(counts.to_numpy())
    assert list(bar.marker.color) == [C.STATUS_COLOURS[s] for s in C.STATUSES]
    assert bar.y[0].startswith("★") and "Meta alcançada" in bar.y[0]
    assert [int(v) for v in bar.text] == list(counts.to_numpy())


def test_path_frame_runs_from_the_network_baseline_to_the_target():
    frame = path_frame(Settings(baseline_year=2015, target_year=2035))
    assert frame["year"].iloc[0] == 2015 and frame["year"].iloc[-1] == 2035
    assert frame["path"].iloc[0] == pytest.approx(100) and frame["path"].iloc[-1] == pytest.approx(50)
