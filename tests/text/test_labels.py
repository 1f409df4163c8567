"""Names people read: cities, indicators, units and short source citations (pioc_metrics.text.labels)."""

from __future__ import annotations

import pytest

from pioc_metrics.text.i18n import LANGUAGES, t
from pioc_metrics.text.labels import (
    city_name,
    indicator_label,
    indicator_title,
    series_label,
    short_source,
    source_line,
    unit_label,
    value_decimals,
)


def test_short_sources():
    assert short_source("https://www.mercurynews.com/2013/12/31/oakland") == "mercurynews.com"
    assert short_source("WDTN: https://www.wdtn.com/news/x") == "WDTN"
    assert short_source("Policía Nacional (DIJIN) records, compiled in github.com/a/b@c:d.csv, column x") == \
        "Policía Nacional (DIJIN) records"
    long = ("Peace in Our Cities, 'Innovations in Urban Violence Reduction: Symposium and Strategy Retreat' "
            "(2023 report)")
    assert short_source(long) == "Peace in Our Cities (2023 report)"


def test_source_line_is_plain_text_shortened_and_without_repeats():
    line = source_line(["https://www.a.org/x", "https://a.org/y", "<b>B</b>: https://b.org"], "en")
    assert line == "Source: a.org; <b>B</b>"  # plain text: each place that shows it escapes it
    assert source_line([], "en") == ""


def test_names_labels_and_units_come_from_the_data(shipped_data):
    assert city_name(shipped_data, "medellin") == "Medellín"
    assert city_name(shipped_data, "nowhere") == "nowhere"
    assert indicator_label(shipped_data.catalog, "homicide_rate", "es") == "Tasa de homicidios"
    assert indicator_label(shipped_data.catalog, "unknown", "es") == "unknown"
    assert "100,000" in unit_label(shipped_data.catalog, "homicide_rate", "en")
    assert indicator_title(shipped_data.catalog, "homicide_rate", "en").startswith("homicide rate (")
    assert value_decimals(shipped_data.catalog, "homicides") == 0
    assert value_decimals(shipped_data.catalog, "homicide_rate") == 1


REPORT = "Peace in Our Cities, 'Innovations in Urban Violence Reduction: Symposium and Strategy Retreat' (2023 report)"
POLICE = ("Policía Nacional de Colombia (DIJIN) records and DANE population, compiled in "
          "github.com/reynellbadillo/homicidios_Colombia_2003_2024@fdf2fa9:municipality_year.csv, column homic_rate")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_series_are_named_as_people_read_them(lang):
    assert series_label("main", POLICE, lang) == "Policía Nacional de Colombia (DIJIN) records and DANE population"
    assert series_label("main", "", lang) == t("series_main", lang)
    assert series_label("pioc-report-2023", REPORT, lang) == "PiOC report 2023"
    assert series_label("dayton-daily-news", "Dayton Daily News: https://www.daytondailynews.com/x", lang) == \
        "Dayton Daily News"
    assert series_label("wdtn", "WDTN: https://www.wdtn.com/news/x", lang) == "WDTN"
    assert series_label("wdtn", None, lang) == "WDTN"  # no vowel: an acronym
    assert series_label("city_police-2020", "", lang) == "City police 2020"


def test_every_shipped_series_has_a_readable_name(shipped_data):
    rows = shipped_data.indicators.drop_duplicates("series")
    for series, source in zip(rows["series"], rows["source"]):
        name = series_label(series, source, "es")
        assert name and "-" not in name.split(" ")[0] and name != "main", (series, name)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_units_are_in_the_language(shipped_data, lang):
    rate = unit_label(shipped_data.catalog, "homicide_rate", lang)
    assert rate == t("city_unit_rate", lang)
    units = {"en": "per 100,000 inhabitants", "es": "por 100.000 habitantes", "pt": "por 100 mil habitantes"}
    assert rate == units[lang]
    assert unit_label(shipped_data.catalog, "homicides", lang) == t("city_unit_count", lang)
    label = indicator_label(shipped_data.catalog, "homicide_rate", lang)
    assert indicator_title(shipped_data.catalog, "homicide_rate", lang) == f"{label[:1].lower()}{label[1:]} ({rate})"
