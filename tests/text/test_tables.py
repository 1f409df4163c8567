"""The overview's table: one row per city, statuses, measures and membership in words (pioc_metrics.text.tables)."""

from __future__ import annotations

import pandas as pd
import pytest

from pioc_metrics import constants as C
from pioc_metrics.engine.progress import progress_table
from pioc_metrics.settings import Settings
from pioc_metrics.text import escape
from pioc_metrics.text.tables import overview_table


def _main(data, city, indicator):
    rows = data.indicators.query("city_id == @city and indicator == @indicator and series == 'main'")
    return rows.sort_values("year").set_index("year")["value"]


def test_overview_table_under_the_headline_lists_every_city_with_its_measure_in_words(shipped_data, shipped_table):
    rows = overview_table(shipped_data, shipped_table, "en", C.HEADLINE).set_index("city_id")
    assert len(rows) == 22
    assert rows.loc["palmira", "measure"] == "Rate" and rows.loc["oakland", "measure"] == "Count"
    assert rows.loc["amman", "measure"] == "" and "no data yet" in rows.loc["amman", "status"]
    assert pd.isna(rows.loc["amman", "baseline"]) and rows.loc["amman", "trend"] == []
    palmira = rows.loc["palmira"]
    assert palmira["change"] == pytest.approx(palmira["latest"] / palmira["baseline"] - 1)
    assert palmira["years"] == "2019–2024"
    assert rows["status"].iloc[0].startswith("★")  # best status first


def test_no_city_with_figures_is_listed_as_having_no_data_yet(shipped_data, shipped_table):
    rows = overview_table(shipped_data, shipped_table, "en", C.HEADLINE).set_index("city_id")
    with_figures = set(shipped_data.indicators.loc[shipped_data.indicators["value"].notna(), "city_id"])
    assert not rows.loc[sorted(with_figures), "status"].str.contains("no data yet").any()
    # Godoy Cruz has homicide counts, only before its baseline year: not enough for a status, but not "no data"
    assert rows.loc["godoy-cruz", "status"] == "○ Insufficient data"
    assert rows.loc["godoy-cruz", "trend"] == list(_main(shipped_data, "godoy-cruz", "homicides"))


def test_a_city_without_the_chosen_indicator_says_what_it_has_instead(shipped_data):
    table = progress_table(shipped_data, Settings(indicator="homicide_rate"))
    rows = overview_table(shipped_data, table, "es", "homicide_rate").set_index("city_id")
    assert rows.loc["oakland", "status"] == "○ sin cifras de este indicador (tiene: homicidios)"
    assert rows.loc["oakland", "measure"] == ""
    assert rows.loc["amman", "status"] == "○ aún sin datos"  # no figures of any indicator


def test_sparklines_start_at_each_city_baseline_year(shipped_data, shipped_table):
    rows = overview_table(shipped_data, shipped_table, "en", C.HEADLINE).set_index("city_id")
    niteroi = _main(shipped_data, "niteroi", "homicides")
    assert niteroi.index.min() < 2019  # the series starts earlier; the sparkline from the baseline year
    assert rows.loc["niteroi", "trend"] == list(niteroi.loc[2019:])
    assert rows.loc["palmira", "trend"] == list(_main(shipped_data, "palmira", "homicide_rate").loc[2019:])


def test_reference_cities_are_marked_in_the_membership_column_in_every_language(shipped_data, shipped_table):
    for lang, word in (("en", "Reference"), ("es", "Referencia"), ("pt", "Referência")):
        rows = overview_table(shipped_data, shipped_table, lang, C.HEADLINE).set_index("city_id")
        assert rows.loc["medellin", "membership"] == word
        assert rows.loc["palmira", "membership"] != word


def test_markdown_escaping_makes_user_text_inert():
    # The overview lists the cities without data through the one markdown escaper.
    escaped = escape.markdown("[x](javascript:alert(1)) *b*")
    assert escaped.startswith(r"\[x\]\(javascript") and escaped.endswith(r"\(1\)\) \*b\*")
