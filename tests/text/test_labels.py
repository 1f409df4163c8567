"""Names people read: cities, indicators, units and short source citations (pioc_metrics.text.labels)."""

from __future__ import annotations

from pioc_metrics.text.labels import (
    city_name,
    indicator_label,
    indicator_title,
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
