"""The sentences about a city's progress, in each language (pioc_metrics.text.sentences)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from factories import make_dataset

from pioc_metrics.engine.progress import progress_table
from pioc_metrics.settings import Settings
from pioc_metrics.text import formatting as F
from pioc_metrics.text.sentences import key_figures, status_sentence, status_summary, summary_sentence

SETTINGS = Settings()


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_summary_sentence_in_each_language(lang, shipped_table):
    row = shipped_table.loc["palmira"]
    sentence = summary_sentence(row, "Palmira", lang)
    for value in (row["baseline"], row["latest"]):
        assert F.number(value, lang) in sentence
    assert F.percent(row["cagr_required"], lang, signed=True) in sentence
    assert str(row["baseline_year"]) in sentence and str(row["latest_year"]) in sentence
    decimal = "." if lang == "en" else ","
    assert f"{math.floor(row['baseline'])}{decimal}" in sentence
    assert {"en": "deterioration", "es": "deterioro", "pt": "piora"}[lang] in sentence


def test_summary_of_a_city_without_data_says_no_data_yet(shipped_table):
    assert summary_sentence(shipped_table.loc["oakland"], "Oakland", "en") == "Oakland: no data yet"


def test_status_sentence_gives_required_and_actual_rates(shipped_table):
    row = shipped_table.loc["palmira"]
    label, reason = status_sentence(row, "en")
    assert label == F.status_label(row["status"], "en")
    assert reason == (f"needs {F.percent(row['cagr_required'], 'en', signed=True)} a year, "
                      f"has {F.percent(row['cagr_actual'], 'en', signed=True)} a year")


def test_status_sentence_explains_a_missing_baseline():
    data = make_dataset({"late": {2023: 30.0, 2024: 28.0}})
    table = progress_table(data, SETTINGS)
    _, reason = status_sentence(table.loc["late"], "en")
    assert "2019" in reason and "baseline" in reason


def test_trend_only_indicator_shows_change_not_reduction(shipped_data):
    settings = Settings(indicator="population")
    row = progress_table(shipped_data, settings).loc["palmira"]
    figures = {label: value for label, value, _ in key_figures(row, settings, "en")}
    assert "Reduction so far" not in figures
    change = F.percent(row["latest"] / row["baseline"] - 1, "en", signed=True)
    assert figures[f"Change since {row['baseline_year']}"] == change


def test_key_figures_of_a_city_not_falling_say_never(shipped_table):
    row = shipped_table.loc["palmira"]
    assert row["cagr_actual"] > 0 and pd.isna(row["first_year_at_target"])
    figures = {label: value for label, value, _ in key_figures(row, SETTINGS, "en")}
    assert figures["First year at target"] == "never"
    assert figures[f"Baseline {row['baseline_year']}"] == F.number(row["baseline"], "en")
    assert figures[f"Projected {SETTINGS.target_year}"] == F.number(row["projection"], "en")


def test_key_figures_of_an_achieved_city_say_met(shipped_table):
    row = shipped_table.loc["medellin"]
    assert row["status"] == "achieved"
    figures = {label: value for label, value, _ in key_figures(row, SETTINGS, "pt")}
    assert figures["Primeiro ano na meta"] == "atingida"


def test_status_summary_names_every_status_with_its_count(shipped_table):
    summary = status_summary(shipped_table, "en")
    assert summary.count(";") == 5
    assert F.status_label("achieved", "en") + ": " in summary
