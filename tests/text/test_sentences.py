"""The sentences about a city's progress, in each language (pioc_metrics.text.sentences)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from factories import make_dataset

from pioc_metrics.engine.progress import progress_table
from pioc_metrics.settings import Settings
from pioc_metrics.text import formatting as F
from pioc_metrics.text.i18n import t
from pioc_metrics.text.sentences import (
    city_lines,
    key_figures,
    other_smoothing,
    status_sentence,
    status_summary,
    summary_sentence,
)

SETTINGS = Settings(indicator="homicide_rate")
RISE = {"en": "a rise", "es": "un aumento", "pt": "um aumento"}


@pytest.fixture(scope="module")
def shipped_table(shipped_data):
    """Homicide rates (not the headline), so every row here measures the same indicator."""
    return progress_table(shipped_data, SETTINGS)


def city_row(baseline=36.6058, latest=40.8846, baseline_year=2019, latest_year=2024, **columns) -> pd.Series:
    """A progress-table row made by hand with the methodology's formulas (default: Palmira's homicide rate)."""
    years, span = latest_year - baseline_year, SETTINGS.target_year - baseline_year
    target = baseline * (1 - SETTINGS.reduction)
    path = baseline * (1 - SETTINGS.reduction) ** (years / span)
    actual = (latest / baseline) ** (1 / years) - 1
    required = (1 - SETTINGS.reduction) ** (1 / span) - 1
    status = "achieved" if latest <= target else "deterioration" if actual / required < -0.1 else "limited_progress"
    row = dict(city_id="palmira", indicator="homicide_rate", baseline_year=baseline_year, baseline=baseline,
               latest_year=latest_year, latest=latest, target=target, cagr_actual=actual, cagr_required=required,
               progress_ratio=actual / required, status=status, projection=float("nan"),
               first_year_at_target=float("nan"), gap_to_path=latest / path - 1,
               reduction_so_far=1 - latest / baseline, flags="",
               required_now=(target / latest) ** (1 / (SETTINGS.target_year - latest_year)) - 1
               if latest > target else float("nan"),
               path_at_latest=path, change_since_baseline=latest / baseline - 1,
               status_certainty=0.75, share_deterioration=0.75, share_limited_progress=0.25)
    row.update(columns)
    return pd.Series(row)


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


# ---------------------------------------------------------------- the shared sentences (page, brief, slide)


@pytest.mark.parametrize("lang, minus_now, minus_path", [("en", "−12.5 %", "−6.1 %"), ("es", "−12,5 %", "−6,1 %"),
                                                        ("pt", "−12,5 %", "−6,1 %")])
def test_palmira_sentences_carry_the_figures_a_mayor_needs(lang, minus_now, minus_path):
    lines = city_lines(city_row(), SETTINGS, lang)
    assert lines.label == F.status_label("deterioration", lang)
    assert "75 %" in lines.reason and t("status_limited_progress", lang).lower() in lines.reason
    decimal = "." if lang == "en" else ","
    for figure in (f"40{decimal}9", f"26{decimal}7", "53 %"):
        assert figure in lines.path
    assert minus_now in lines.required and minus_path in lines.required and "2019" in lines.required
    assert f"+11{decimal}7 %" in lines.change and RISE[lang] in lines.change
    assert "−11" not in " ".join([lines.reason, *lines.details()])  # no "reduction" with a minus sign
    assert lines.smoothing == "" and lines.reference == ""


def test_english_sentences_of_palmira_read_as_written():
    lines = city_lines(city_row(), SETTINGS, "en")
    assert lines.label == "▼ Deterioration"
    assert lines.reason == "75 % of plausible draws agree, limited or no progress in the rest"
    assert lines.path == "40.9 in 2024 against 26.7 on the path to the target: 53 % above it"
    assert lines.required == ("To reach 18.3 by 2030: −12.5 % a year from now on, against −6.1 % a year on the "
                              "path from 2019")
    assert lines.change == "Change since 2019: +11.7 % (a rise)"
    assert lines.details() == [lines.path, lines.required, lines.change]


def test_a_city_at_or_below_its_target_is_told_to_keep_it_below():
    row = city_row(baseline=23.5468, latest=11.3518, latest_year=2023, status_certainty=1.0,
                   share_deterioration=0.0, share_limited_progress=0.0, share_achieved=1.0)
    lines = city_lines(row, SETTINGS, "en")
    assert lines.required == "The target of 11.8 is met (11.4 in 2023): keep it below 11.8"
    assert (lines.label, lines.reason) == ("★ Achieved", "All plausible draws agree")
    assert lines.change == "Change since 2019: −51.8 % (a fall)"
    assert "below it" in lines.path
    figures = {label: value for label, value, _ in key_figures(row, SETTINGS, "es")}
    assert figures["Necesario al año desde hoy"] == "alcanzada"


def test_a_split_certainty_names_each_other_status_with_its_share():
    row = city_row(status_certainty=0.62, share_deterioration=0.62, share_limited_progress=0.31,
                   share_fair_progress=0.07)
    assert city_lines(row, SETTINGS, "en").reason == (
        "62 % of plausible draws agree; limited or no progress in 31 %, "
        "fair progress, acceleration needed in 7 %")


def test_small_shares_of_other_statuses_are_counted_together():
    row = city_row(status_certainty=0.75, share_deterioration=0.75, share_limited_progress=0.23,
                   share_fair_progress=0.015, share_on_track=0.005)
    assert city_lines(row, SETTINGS, "en").reason == (
        "75 % of plausible draws agree; limited or no progress in 23 %, other statuses in 2 %")
    assert city_lines(row, SETTINGS, "pt").reason == (
        "75 % das simulações plausíveis concordam; progresso limitado ou nulo em 23 %, outras situações em 2 %")
    assert city_lines(row, SETTINGS, "es").reason.startswith("El 75 % de las simulaciones plausibles coincide")


def test_without_counts_the_status_keeps_its_reason_in_rates():
    row = city_row(status_certainty=float("nan"), share_deterioration=float("nan"),
                   share_limited_progress=float("nan"))
    assert city_lines(row, SETTINGS, "en").reason == "Needs −6.1 % a year, has +2.2 % a year"


def test_single_years_and_three_year_means_are_both_given_when_they_differ():
    row, smoothed = city_row(), city_row(status="fair_progress")
    expected = "Single years give ▼ Deterioration; 3-year means give ◆ Fair progress, acceleration needed"
    assert city_lines(row, SETTINGS, "en", other_row=smoothed).smoothing == expected
    on_3y = other_smoothing(SETTINGS)
    assert on_3y.smoothing == "3y"
    assert city_lines(smoothed, on_3y, "en", other_row=row).smoothing == expected  # same order either way
    assert city_lines(row, SETTINGS, "en", other_row=city_row()).smoothing == ""
    assert city_lines(row, SETTINGS, "en", other_row=city_row(status="insufficient_data")).smoothing == ""
    other_measure = city_row(status="fair_progress", indicator="homicides")
    assert city_lines(row, SETTINGS, "en", other_row=other_measure).smoothing == ""


def test_a_city_shown_for_reference_says_so_in_each_language():
    for lang in ("en", "es", "pt"):
        assert city_lines(city_row(), SETTINGS, lang, membership="other").reference == t("city_reference", lang)
    assert city_lines(city_row(), SETTINGS, "en", membership="other").reference.startswith("Shown for reference")
    assert city_lines(city_row(), SETTINGS, "en", membership="prospective").reference == ""


def test_key_figures_show_the_change_with_its_sign_and_no_reduction():
    figures = {label: value for label, value, _ in key_figures(city_row(), SETTINGS, "pt")}
    assert figures["Mudança desde 2019"] == "+11,7 %"
    assert figures["Necessário ao ano desde hoje"] == "−12,5 %"
    assert figures["Necessário ao ano desde 2019"] == "−6,1 %"
    assert figures["Na trajetória, 2024"] == "26,7"
    assert not any("−11" in value for value in figures.values())
    assert len(figures) == 10
