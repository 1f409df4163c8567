"""The city trajectory figure draws what the data and the methodology say."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from factories import make_dataset

from pioc_metrics.engine.formulas import poisson_interval
from pioc_metrics.engine.progress import progress_table
from pioc_metrics.figures import theme
from pioc_metrics.figures.trajectory import spread, trajectory_figure
from pioc_metrics.settings import Settings
from pioc_metrics.text import formatting as F

SETTINGS = Settings(indicator="homicide_rate")


def trace(fig, name_part: str):
    matches = [tr for tr in fig.data if tr.name and name_part in tr.name]
    assert matches, f"no trace named like {name_part!r}: {[tr.name for tr in fig.data]}"
    return matches[0]


def rows(data, city_id: str, indicator: str = "homicide_rate", series: str = "main") -> pd.DataFrame:
    ind = data.indicators
    return ind.loc[(ind.city_id == city_id) & (ind.indicator == indicator) & (ind.series == series)].sort_values("year")


def annotation_texts(fig) -> list[str]:
    """Each annotation's text, its lines (wrapped for a phone) joined by spaces."""
    return [a.text.replace("<br>", " ") for a in fig.layout.annotations]


def lines_of(text: str) -> list[str]:
    """The lines plotly shows of a text (tags out)."""
    return [re.sub(r"<[^>]+>", "", line) for line in (text or "").split("<br>")]


@pytest.fixture(scope="module")
def palmira(shipped_data, rate_table):
    return trajectory_figure(shipped_data, rate_table, "palmira", SETTINGS, "en")


def test_palmira_main_trace_is_the_main_series(palmira, shipped_data):
    main = trace(palmira, "main series")
    expected = rows(shipped_data, "palmira")
    assert list(main.x) == list(expected["year"])
    np.testing.assert_allclose(main.y, expected["value"])


def test_target_path_ends_at_baseline_times_one_minus_reduction(palmira, rate_table):
    path = trace(palmira, "Path to the target")
    row = rate_table.loc["palmira"]
    assert path.x[0] == row["baseline_year"] and path.x[-1] == SETTINGS.target_year
    assert path.y[0] == pytest.approx(row["baseline"])
    assert path.y[-1] == pytest.approx(row["baseline"] * (1 - SETTINGS.reduction))


def test_both_palmira_2022_values_are_drawn_with_their_series_names(palmira, shipped_data):
    main = trace(palmira, "main series")
    main_2022 = rows(shipped_data, "palmira").set_index("year").loc[2022, "value"]
    assert main_2022 in list(main.y)
    reference = trace(palmira, "PiOC report 2023")  # the series id in words (labels.series_label)
    report_2022 = rows(shipped_data, "palmira", series="pioc-report-2023").set_index("year").loc[2022, "value"]
    index = list(reference.y).index(report_2022)
    assert "PiOC report 2023" in reference.text[index]
    assert 2022 < reference.x[index] < 2023  # beside the main point of 2022, not on top of it
    assert abs(main_2022 - report_2022) > 5  # the two sources really disagree


def test_projection_starts_at_the_latest_value(palmira, rate_table):
    projection = trace(palmira, "current pace")
    row = rate_table.loc["palmira"]
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


def test_baseline_and_target_are_annotated(palmira, rate_table):
    row = rate_table.loc["palmira"]
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


def test_national_line_only_when_asked(palmira, shipped_data, rate_table):
    assert not [tr for tr in palmira.data if tr.name and "national" in tr.name]
    fig = trajectory_figure(shipped_data, rate_table, "palmira", SETTINGS, "en", show_national=True)
    national = trace(fig, "national")
    expected = shipped_data.national.loc[(shipped_data.national.iso3 == "COL")
                                         & (shipped_data.national.indicator == "homicide_rate")]
    np.testing.assert_allclose(national.y, expected.sort_values("year")["value"])


def test_far_earlier_reference_point_is_named_not_drawn(shipped_data, rate_table):
    fig = trajectory_figure(shipped_data, rate_table, "medellin", SETTINGS, "en")
    reference = trace(fig, "PiOC report 2023")
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


def test_three_year_smoothing_draws_the_means_the_status_uses(shipped_data, rate_table):
    settings = Settings(smoothing="3y")
    table = progress_table(shipped_data, settings)
    fig = trajectory_figure(shipped_data, table, "palmira", settings, "en")
    means = trace(fig, "3-year mean")
    row = table.loc["palmira"]
    assert means.y[list(means.x).index(row["baseline_year"])] == pytest.approx(row["baseline"])
    assert means.y[list(means.x).index(row["latest_year"])] == pytest.approx(row["latest"])
    assert not [tr for tr in trajectory_figure(shipped_data, rate_table, "palmira", SETTINGS, "en").data
                if tr.name and "3-year" in tr.name]


def test_trend_only_indicator_draws_no_target(shipped_data):
    settings = Settings(indicator="population")
    fig = trajectory_figure(shipped_data, progress_table(shipped_data, settings), "palmira", settings, "en")
    assert not [tr for tr in fig.data if tr.name and ("target" in tr.name.lower() or "pace" in tr.name)]


def test_city_without_data_gets_a_message_figure(shipped_data, rate_table):
    fig = trajectory_figure(shipped_data, rate_table, "oakland", SETTINGS, "en")
    assert not fig.data
    assert "no data yet" in annotation_texts(fig)[0]


def test_user_text_in_a_city_name_is_escaped():
    data = make_dataset({"evil": {2019: 40.0, 2023: 30.0}})
    data.cities.loc[0, "city"] = "<img src=x onerror=alert(1)>"
    table = progress_table(data, SETTINGS)
    fig = trajectory_figure(data, table, "evil", SETTINGS, "en")
    assert "<img" not in fig.layout.title.text and "&lt;img" in fig.layout.title.text


def test_palmira_reads_on_a_phone_title_and_foot_wrapped_and_labels_short(palmira):
    """Plotly can't know the screen: the text is wrapped to 350 px, so a phone and a laptop read the same chart."""
    layout = palmira.layout
    assert all(len(line) <= theme.PHONE_CHARS["title"] + 2 for line in lines_of(layout.title.text))
    assert all(len(line) <= theme.PHONE_CHARS["subtitle"] + 2 for line in lines_of(layout.title.subtitle.text))
    foot = [a for a in layout.annotations if a.name in (theme.NOTE_NAME, theme.SOURCE_NAME)]
    assert foot and all(len(line) <= theme.PHONE_CHARS["foot"] + 2 for a in foot for line in lines_of(a.text))
    assert layout.margin.r <= 120  # the end labels: short lines, so a 350 px chart keeps its plot
    ends = [a for a in layout.annotations if a.x == SETTINGS.target_year and a.xanchor == "left"]
    assert len(ends) == 2 and all(len(line) <= 16 for a in ends for line in lines_of(a.text))
    assert layout.xaxis.tickmode == "auto" and layout.xaxis.dtick is None  # plotly picks the step for the width


def test_the_legend_lists_only_what_is_not_labelled_on_the_chart(palmira):
    """The city's line, its reference points and the projection are named where they are drawn; the legend, below
    the plot, holds the rest (at most three rows on a phone)."""
    shown = [tr.name for tr in palmira.data if tr.showlegend is not False and tr.name]
    assert shown == ["95 % Poisson interval", "Path to the target"]
    assert palmira.layout.legend.orientation == "h" and palmira.layout.legend.yref == "container"
    source = next(a for a in palmira.layout.annotations if a.name == theme.SOURCE_NAME)
    assert -source.yshift >= theme.TICKS_HEIGHT + theme.LEGEND_ROW * len(shown)  # under the legend's rows


def test_the_latest_label_and_the_baseline_label_never_share_a_height(palmira):
    baseline = next(a for a in palmira.layout.annotations if a.text.startswith("<b>baseline"))
    latest = next(a for a in palmira.layout.annotations if a.text.startswith("<b>Palmira 2024"))
    assert (baseline.ay < 0) != (latest.ay < 0) or abs(baseline.ay - latest.ay) >= 36
    assert latest.xanchor == "right"  # away from the end labels at the target year


def test_spread_keeps_order_and_gap():
    placed = spread([10.0, 10.5, 30.0, 10.2], 2.0)
    order = sorted(range(4), key=lambda i: [10.0, 10.5, 30.0, 10.2][i])
    ranked = [placed[i] for i in order]
    assert all(b - a >= 2.0 - 1e-9 for a, b in zip(ranked, ranked[1:]))


def test_spread_never_places_a_label_under_the_floor():
    placed = spread([0.5, 1.0, 1.2], 2.0, floor=1.0)
    assert min(placed) == pytest.approx(1.0) and sorted(placed) == placed
