"""The city trajectory figure draws what the data and the methodology say."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from factories import make_dataset

from pioc_metrics.engine.formulas import poisson_interval
from pioc_metrics.engine.progress import progress_table
from pioc_metrics.figures.trajectory import spread, trajectory_figure
from pioc_metrics.settings import Settings
from pioc_metrics.text import formatting as F

SETTINGS = Settings()


def trace(fig, name_part: str):
    matches = [tr for tr in fig.data if tr.name and name_part in tr.name]
    assert matches, f"no trace named like {name_part!r}: {[tr.name for tr in fig.data]}"
    return matches[0]


def rows(data, city_id: str, indicator: str = "homicide_rate", series: str = "main") -> pd.DataFrame:
    ind = data.indicators
    return ind.loc[(ind.city_id == city_id) & (ind.indicator == indicator) & (ind.series == series)].sort_values("year")


def annotation_texts(fig) -> list[str]:
    return [a.text for a in fig.layout.annotations]


@pytest.fixture(scope="module")
def palmira(shipped_data, shipped_table):
    return trajectory_figure(shipped_data, shipped_table, "palmira", SETTINGS, "en")


def test_palmira_main_trace_is_the_main_series(palmira, shipped_data):
    main = trace(palmira, "main series")
    expected = rows(shipped_data, "palmira")
    assert list(main.x) == list(expected["year"])
    np.testing.assert_allclose(main.y, expected["value"])


def test_target_path_ends_at_baseline_times_one_minus_reduction(palmira, shipped_table):
    path = trace(palmira, "Path to the target")
    row = shipped_table.loc["palmira"]
    assert path.x[0] == row["baseline_year"] and path.x[-1] == SETTINGS.target_year
    assert path.y[0] == pytest.approx(row["baseline"])
    assert path.y[-1] == pytest.approx(row["baseline"] * (1 - SETTINGS.reduction))


def test_both_palmira_2022_values_are_drawn_with_their_series_names(palmira, shipped_data):
    main = trace(palmira, "main series")
    main_2022 = rows(shipped_data, "palmira").set_index("year").loc[2022, "value"]
    assert main_2022 in list(main.y)
    reference = trace(palmira, "pioc-report-2023")
    report_2022 = rows(shipped_data, "palmira", series="pioc-report-2023").set_index("year").loc[2022, "value"]
    index = list(reference.y).index(report_2022)
    assert "pioc-report-2023" in reference.text[index]
    assert 2022 < reference.x[index] < 2023  # beside the main point of 2022, not on top of it
    assert abs(main_2022 - report_2022) > 5  # the two sources really disagree


def test_projection_starts_at_the_latest_value(palmira, shipped_table):
    projection = trace(palmira, "current pace")
    row = shipped_table.loc["palmira"]
    assert projection.x[0] == row["latest_year"] and projection.x[-1] == SETTINGS.target_year
    assert projection.y[0] == pytest.approx(row["latest"])
    assert projection.y[-1] == pytest.approx(row["projection"])


def test_poisson_band_where_counts_and_population_exist(palmira, shipped_data):
    band = trace(palmira, "95 %")
    upper = [tr for tr in palmira.data if tr.legendgroup == "interval" and tr is not band][0]
    homicides = rows(shipped_data, "palmira", "homicides").set_index("year")["value"]
    population = rows(shipped_data, "palmira", "population").set_index("year")["value"]
    low, high = poisson_interval(homicides.loc[2024], population.loc[2024])
    index = list(band.x).index(2024)
    assert band.y[index] == pytest.approx(float(low))
    assert upper.y[index] == pytest.approx(float(high))
    assert band.fill == "tonexty"


def test_no_band_without_counts():
    data = make_dataset({"testville": {2019: 40.0, 2023: 30.0}})
    table = progress_table(data, SETTINGS)
    fig = trajectory_figure(data, table, "testville", SETTINGS, "en")
    assert not [tr for tr in fig.data if tr.legendgroup == "interval"]


def test_baseline_and_target_are_annotated(palmira, shipped_table):
    row = shipped_table.loc["palmira"]
    texts = " ".join(annotation_texts(palmira))
    assert f"baseline {row['baseline_year']}: {F.number(row['baseline'], 'en')}" in texts
    assert f"target {SETTINGS.target_year}: {F.number(row['target'], 'en')}" in texts


def test_title_source_line_and_y_axis_from_zero(palmira):
    assert palmira.layout.title.text.startswith("Palmira: homicide rate")
    assert "2003–2024" in palmira.layout.title.text
    assert "halving" in palmira.layout.title.subtitle.text
    assert any("Source:" in text and "Policía Nacional" in text for text in annotation_texts(palmira))
    assert palmira.layout.yaxis.range[0] == 0
    assert "100,000" in palmira.layout.yaxis.title.text


def test_national_line_only_when_asked(palmira, shipped_data, shipped_table):
    assert not [tr for tr in palmira.data if tr.name and "national" in tr.name]
    fig = trajectory_figure(shipped_data, shipped_table, "palmira", SETTINGS, "en", show_national=True)
    national = trace(fig, "national")
    expected = shipped_data.national.loc[(shipped_data.national.iso3 == "COL")
                                         & (shipped_data.national.indicator == "homicide_rate")]
    np.testing.assert_allclose(national.y, expected.sort_values("year")["value"])


def test_far_earlier_reference_point_is_named_not_drawn(shipped_data, shipped_table):
    fig = trajectory_figure(shipped_data, shipped_table, "medellin", SETTINGS, "en")
    reference = trace(fig, "pioc-report-2023")
    assert 1991 not in list(reference.x)
    assert any("1991" in text and "400.0" in text for text in annotation_texts(fig))


def test_count_indicator_has_whole_numbers_and_a_count_band(shipped_data):
    settings = Settings(indicator="homicides")
    table = progress_table(shipped_data, settings)
    fig = trajectory_figure(shipped_data, table, "oakland", settings, "en")
    main = trace(fig, "main series")
    last = rows(shipped_data, "oakland", "homicides").iloc[-1]
    assert f"{int(last['year'])}: {int(last['value'])}" in " ".join(main.customdata)
    band = trace(fig, "95 %")
    low, _ = poisson_interval(last["value"])
    assert band.y[-1] == pytest.approx(float(low))


def test_three_year_smoothing_draws_the_means_the_status_uses(shipped_data, shipped_table):
    settings = Settings(smoothing="3y")
    table = progress_table(shipped_data, settings)
    fig = trajectory_figure(shipped_data, table, "palmira", settings, "en")
    means = trace(fig, "3-year mean")
    row = table.loc["palmira"]
    assert means.y[list(means.x).index(row["baseline_year"])] == pytest.approx(row["baseline"])
    assert means.y[list(means.x).index(row["latest_year"])] == pytest.approx(row["latest"])
    assert not [tr for tr in trajectory_figure(shipped_data, shipped_table, "palmira", SETTINGS, "en").data
                if tr.name and "3-year" in tr.name]


def test_trend_only_indicator_draws_no_target(shipped_data):
    settings = Settings(indicator="population")
    fig = trajectory_figure(shipped_data, progress_table(shipped_data, settings), "palmira", settings, "en")
    assert not [tr for tr in fig.data if tr.name and ("target" in tr.name.lower() or "pace" in tr.name)]


def test_city_without_data_gets_a_message_figure(shipped_data, shipped_table):
    fig = trajectory_figure(shipped_data, shipped_table, "oakland", SETTINGS, "en")
    assert not fig.data
    assert "no data yet" in annotation_texts(fig)[0]


def test_user_text_in_a_city_name_is_escaped():
    data = make_dataset({"evil": {2019: 40.0, 2023: 30.0}})
    data.cities.loc[0, "city"] = "<img src=x onerror=alert(1)>"
    table = progress_table(data, SETTINGS)
    fig = trajectory_figure(data, table, "evil", SETTINGS, "en")
    assert "<img" not in fig.layout.title.text and "&lt;img" in fig.layout.title.text


def test_spread_keeps_order_and_gap():
    placed = spread([10.0, 10.5, 30.0, 10.2], 2.0)
    order = sorted(range(4), key=lambda i: [10.0, 10.5, 30.0, 10.2][i])
    ranked = [placed[i] for i in order]
    assert all(b - a >= 2.0 - 1e-9 for a, b in zip(ranked, ranked[1:]))
