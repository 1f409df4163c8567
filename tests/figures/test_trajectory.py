"""The city trajectory and compare figures draw what the data and the methodology say."""

from __future__ import annotations

import io
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from factories import make_dataset
from pioc_metrics.figures import trajectory as CC
from pioc_metrics.text import formatting as F
from pioc_metrics.data.loading import load_dataset
from pioc_metrics.engine.methodology import poisson_interval, progress_table
from pioc_metrics.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
DATA, _ = load_dataset(ROOT / "data")
SETTINGS = Settings()
TABLE = progress_table(DATA, SETTINGS)
COLOMBIA = ["medellin", "palmira", "cali", "bogota"]


def trace(fig, name_part: str):
    matches = [tr for tr in fig.data if tr.name and name_part in tr.name]
    assert matches, f"no trace named like {name_part!r}: {[tr.name for tr in fig.data]}"
    return matches[0]


def rows(city_id: str, indicator: str = "homicide_rate", series: str = "main") -> pd.DataFrame:
    ind = DATA.indicators
    return ind.loc[(ind.city_id == city_id) & (ind.indicator == indicator) & (ind.series == series)].sort_values("year")


def annotation_texts(fig) -> list[str]:
    return [a.text for a in fig.layout.annotations]


@pytest.fixture(scope="module")
def palmira():
    return CC.trajectory_figure(DATA, TABLE, "palmira", SETTINGS, "en")


def test_palmira_main_trace_is_the_main_series(palmira):
    main = trace(palmira, "main series")
    expected = rows("palmira")
    assert list(main.x) == list(expected["year"])
    np.testing.assert_allclose(main.y, expected["value"])


def test_target_path_ends_at_baseline_times_one_minus_reduction(palmira):
    path = trace(palmira, "Path to the target")
    row = TABLE.loc["palmira"]
    assert path.x[0] == row["baseline_year"] and path.x[-1] == SETTINGS.target_year
    assert path.y[0] == pytest.approx(row["baseline"])
    assert path.y[-1] == pytest.approx(row["baseline"] * (1 - SETTINGS.reduction))


def test_both_palmira_2022_values_are_drawn_with_their_series_names(palmira):
    main = trace(palmira, "main series")
    main_2022 = rows("palmira").set_index("year").loc[2022, "value"]
    assert main_2022 in list(main.y)
    reference = trace(palmira, "pioc-report-2023")
    report_2022 = rows("palmira", series="pioc-report-2023").set_index("year").loc[2022, "value"]
    index = list(reference.y).index(report_2022)
    assert "pioc-report-2023" in reference.text[index]
    assert 2022 < reference.x[index] < 2023  # beside the main point of 2022, not on top of it
    assert abs(main_2022 - report_2022) > 5  # the two sources really disagree


def test_projection_starts_at_the_latest_value(palmira):
    projection = trace(palmira, "current pace")
    row = TABLE.loc["palmira"]
    assert projection.x[0] == row["latest_year"] and projection.x[-1] == SETTINGS.target_year
    assert projection.y[0] == pytest.approx(row["latest"])
    assert projection.y[-1] == pytest.approx(row["projection"])


def test_poisson_band_where_counts_and_population_exist(palmira):
    band = trace(palmira, "95 %")
    upper = [tr for tr in palmira.data if tr.legendgroup == "interval" and tr is not band][0]
    homicides = rows("palmira", "homicides").set_index("year")["value"]
    population = rows("palmira", "population").set_index("year")["value"]
    low, high = poisson_interval(homicides.loc[2024], population.loc[2024])
    index = list(band.x).index(2024)
    assert band.y[index] == pytest.approx(float(low))
    assert upper.y[index] == pytest.approx(float(high))
    assert band.fill == "tonexty"


def test_no_band_without_counts():
    data = make_dataset({"testville": {2019: 40.0, 2023: 30.0}})
    table = progress_table(data, SETTINGS)
    fig = CC.trajectory_figure(data, table, "testville", SETTINGS, "en")
    assert not [tr for tr in fig.data if tr.legendgroup == "interval"]


def test_baseline_and_target_are_annotated(palmira):
    row = TABLE.loc["palmira"]
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


def test_national_line_only_when_asked(palmira):
    assert not [tr for tr in palmira.data if tr.name and "national" in tr.name]
    fig = CC.trajectory_figure(DATA, TABLE, "palmira", SETTINGS, "en", show_national=True)
    national = trace(fig, "national")
    expected = DATA.national.loc[(DATA.national.iso3 == "COL") & (DATA.national.indicator == "homicide_rate")]
    np.testing.assert_allclose(national.y, expected.sort_values("year")["value"])


def test_far_earlier_reference_point_is_named_not_drawn():
    fig = CC.trajectory_figure(DATA, TABLE, "medellin", SETTINGS, "en")
    reference = trace(fig, "pioc-report-2023")
    assert 1991 not in list(reference.x)
    assert any("1991" in text and "400.0" in text for text in annotation_texts(fig))


def test_count_indicator_has_whole_numbers_and_a_count_band():
    settings = Settings(indicator="homicides")
    table = progress_table(DATA, settings)
    fig = CC.trajectory_figure(DATA, table, "oakland", settings, "en")
    main = trace(fig, "main series")
    last = rows("oakland", "homicides").iloc[-1]
    assert f"{int(last['year'])}: {int(last['value'])}" in " ".join(main.customdata)
    band = trace(fig, "95 %")
    low, _ = poisson_interval(last["value"])
    assert band.y[-1] == pytest.approx(float(low))


def test_three_year_smoothing_draws_the_means_the_status_uses():
    settings = Settings(smoothing="3y")
    table = progress_table(DATA, settings)
    fig = CC.trajectory_figure(DATA, table, "palmira", settings, "en")
    means = trace(fig, "3-year mean")
    row = table.loc["palmira"]
    assert means.y[list(means.x).index(row["baseline_year"])] == pytest.approx(row["baseline"])
    assert means.y[list(means.x).index(row["latest_year"])] == pytest.approx(row["latest"])
    assert not [tr for tr in CC.trajectory_figure(DATA, TABLE, "palmira", SETTINGS, "en").data
                if tr.name and "3-year" in tr.name]


def test_trend_only_indicator_shows_change_not_reduction():
    settings = Settings(indicator="population")
    row = progress_table(DATA, settings).loc["palmira"]
    figures = {label: value for label, value, _ in CC.key_figures(row, settings, "en")}
    assert "Reduction so far" not in figures
    assert figures[f"Change since {row['baseline_year']}"] == F.percent(row["latest"] / row["baseline"] - 1, "en", signed=True)
    fig = CC.trajectory_figure(DATA, progress_table(DATA, settings), "palmira", settings, "en")
    assert not [tr for tr in fig.data if tr.name and ("target" in tr.name.lower() or "pace" in tr.name)]


def test_city_without_data_gets_a_message_figure():
    fig = CC.trajectory_figure(DATA, TABLE, "oakland", SETTINGS, "en")
    assert not fig.data
    assert "no data yet" in annotation_texts(fig)[0]


def test_user_text_in_a_city_name_is_escaped():
    data = make_dataset({"evil": {2019: 40.0, 2023: 30.0}})
    data.cities.loc[0, "city"] = "<img src=x onerror=alert(1)>"
    table = progress_table(data, SETTINGS)
    fig = CC.trajectory_figure(data, table, "evil", SETTINGS, "en")
    assert "<img" not in fig.layout.title.text and "&lt;img" in fig.layout.title.text


# ---------------------------------------------------------------- words


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_summary_sentence_in_each_language(lang):
    row = TABLE.loc["palmira"]
    sentence = CC.summary_sentence(row, "Palmira", lang)
    for value in (row["baseline"], row["latest"]):
        assert F.number(value, lang) in sentence
    assert F.percent(row["cagr_required"], lang, signed=True) in sentence
    assert str(row["baseline_year"]) in sentence and str(row["latest_year"]) in sentence
    decimal = "." if lang == "en" else ","
    assert f"{math.floor(row['baseline'])}{decimal}" in sentence
    assert {"en": "deterioration", "es": "deterioro", "pt": "piora"}[lang] in sentence


def test_summary_of_a_city_without_data_says_no_data_yet():
    assert CC.summary_sentence(TABLE.loc["oakland"], "Oakland", "en") == "Oakland: no data yet"


def test_status_sentence_gives_required_and_actual_rates():
    row = TABLE.loc["palmira"]
    label, reason = CC.status_sentence(row, "en")
    assert label == F.status_label(row["status"], "en")
    assert reason == (f"needs {F.percent(row['cagr_required'], 'en', signed=True)} a year, "
                      f"has {F.percent(row['cagr_actual'], 'en', signed=True)} a year")


def test_status_sentence_explains_a_missing_baseline():
    data = make_dataset({"late": {2023: 30.0, 2024: 28.0}})
    table = progress_table(data, SETTINGS)
    _, reason = CC.status_sentence(table.loc["late"], "en")
    assert "2019" in reason and "baseline" in reason


def test_key_figures_of_a_city_not_falling_say_never():
    row = TABLE.loc["palmira"]
    assert row["cagr_actual"] > 0 and pd.isna(row["first_year_at_target"])
    figures = {label: value for label, value, _ in CC.key_figures(row, SETTINGS, "en")}
    assert figures["First year at target"] == "never"
    assert figures[f"Baseline {row['baseline_year']}"] == F.number(row["baseline"], "en")
    assert figures[f"Projected {SETTINGS.target_year}"] == F.number(row["projection"], "en")


def test_key_figures_of_an_achieved_city_say_met():
    row = TABLE.loc["medellin"]
    assert row["status"] == "achieved"
    figures = {label: value for label, value, _ in CC.key_figures(row, SETTINGS, "pt")}
    assert figures["Primeiro ano na meta"] == "atingida"


# ---------------------------------------------------------------- helpers


def test_city_csv_holds_every_row_with_full_sources():
    text = CC.city_csv(DATA, "palmira").decode("utf-8-sig")
    back = pd.read_csv(io.StringIO(text))
    expected = DATA.indicators.loc[DATA.indicators.city_id == "palmira"]
    assert len(back) == len(expected)
    assert set(back["series"]) == {"main", "pioc-report-2023"}
    assert set(back["source"]) == set(expected["source"])


def test_short_sources():
    assert CC.short_source("https://www.mercurynews.com/2013/12/31/oakland") == "mercurynews.com"
    assert CC.short_source("WDTN: https://www.wdtn.com/news/x") == "WDTN"
    assert CC.short_source("Policía Nacional (DIJIN) records, compiled in github.com/a/b@c:d.csv, column x") == \
        "Policía Nacional (DIJIN) records"
    long = "Peace in Our Cities, 'Innovations in Urban Violence Reduction: Symposium and Strategy Retreat' (2023 report)"
    assert CC.short_source(long) == "Peace in Our Cities (2023 report)"


def test_spread_keeps_order_and_gap():
    placed = CC.spread([10.0, 10.5, 30.0, 10.2], 2.0)
    order = sorted(range(4), key=lambda i: [10.0, 10.5, 30.0, 10.2][i])
    ranked = [placed[i] for i in order]
    assert all(b - a >= 2.0 - 1e-9 for a, b in zip(ranked, ranked[1:]))


# ---------------------------------------------------------------- comparing


@pytest.mark.parametrize("mode", ["absolute", "indexed", "log"])
def test_compare_labels_every_line_at_its_end(mode):
    fig = CC.compare_figure(DATA, TABLE, COLOMBIA, SETTINGS, "en", mode)
    names = dict(zip(DATA.cities.city_id, DATA.cities.city))
    for city_id in COLOMBIA:
        line = trace(fig, names[city_id])
        label = [a for a in fig.layout.annotations if a.text.startswith("<b>" + names[city_id])]
        assert len(label) == 1 and label[0].x == line.x[-1]


def test_compare_indexed_is_100_at_each_baseline():
    fig = CC.compare_figure(DATA, TABLE, COLOMBIA, SETTINGS, "en", "indexed")
    for city_id, name in (("palmira", "Palmira"), ("cali", "Cali")):
        line = trace(fig, name)
        index = list(line.x).index(TABLE.loc[city_id, "baseline_year"])
        assert line.y[index] == pytest.approx(100.0)
        latest = list(line.x).index(TABLE.loc[city_id, "latest_year"])
        assert line.y[latest] == pytest.approx(100 * TABLE.loc[city_id, "latest"] / TABLE.loc[city_id, "baseline"])
    assert trace(fig, "Target path").y[-1] == pytest.approx(100 * (1 - SETTINGS.reduction))


def test_compare_indexed_names_cities_left_out():
    fig = CC.compare_figure(DATA, TABLE, ["palmira", "oakland"], SETTINGS, "en", "indexed")
    assert "Oakland" in fig.layout.title.subtitle.text
    assert not [tr for tr in fig.data if tr.name == "Oakland"]


def test_compare_log_uses_log_axis_and_log_label_positions():
    fig = CC.compare_figure(DATA, TABLE, COLOMBIA, SETTINGS, "en", "log")
    assert fig.layout.yaxis.type == "log"
    palmira = [a for a in fig.layout.annotations if a.text.startswith("<b>Palmira")][0]
    assert abs(palmira.y - math.log10(TABLE.loc["palmira", "latest"])) < 0.3


def test_small_multiples_one_panel_and_target_path_per_city():
    fig = CC.small_multiples_figure(DATA, TABLE, COLOMBIA + ["oakland"], SETTINGS, "en")
    titles = [a.text for a in fig.layout.annotations if a.text.startswith("<b>")]
    assert len(titles) == 5
    assert any("Palmira" in x and F.status_label("deterioration", "en") in x for x in titles)
    assert any("Oakland" in x and "no data yet" in x for x in titles)
    paths = [tr for tr in fig.data if tr.legendgroup == "path"]
    assert len(paths) == 4
    for tr in paths:
        assert tr.x[-1] == SETTINGS.target_year


def test_ranked_change_is_sorted_with_status_symbols():
    names = dict(zip(DATA.cities.city_id, DATA.cities.city))
    fig = CC.ranked_change_figure(TABLE, COLOMBIA + ["oakland"], "en", names=names, reduction=0.5)
    bars = fig.data[0]
    with_data = [v for v, y in zip(bars.x, bars.y) if not y.startswith("Oakland")]
    assert with_data == sorted(with_data)
    assert bars.y[-1].startswith("Oakland") and "no data yet" in bars.text[-1]
    palmira = list(bars.y).index("Palmira ▼")
    change = TABLE.loc["palmira", "latest"] / TABLE.loc["palmira", "baseline"] - 1
    assert bars.x[palmira] == pytest.approx(100 * change)
    assert F.percent(change, "en", signed=True) in bars.text[palmira]
