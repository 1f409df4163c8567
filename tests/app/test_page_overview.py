"""The network overview page ("/") run by Streamlit's AppTest, in every language and with URL parameters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pioc_metrics import constants as C
from pioc_metrics.data.loading import load_dataset
from pioc_metrics.engine.network import status_counts
from pioc_metrics.engine.progress import progress_table
from pioc_metrics.settings import Settings
from pioc_metrics.text.i18n import t
from tests.apptest_pages import open_page, param

ROOT = Path(__file__).resolve().parents[2]
DATA, _ = load_dataset(ROOT / "data")
# The words each language uses for the membership sentence, the median's "based on" and the measures.
WORDS = {
    "en": ("9 are members and 2 are prospective members", "Medellín is shown for reference", "based on", "Rate",
           "Count"),
    "es": ("9 son miembros y 2 son miembros potenciales", "Medellín se muestra como referencia", "con base en",
           "Tasa", "Conteo"),
    "pt": ("9 são membros e 2 são membros potenciais", "Medellín aparece como referência", "com base em", "Taxa",
           "Contagem"),
}


def run_overview(**params):
    return open_page("overview", **params)


def _plotly(at, key_word):
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    return next(s for s in specs if any(key_word in str(trace.get("type", "")) for trace in s["data"]))


def _table(at):
    return at.dataframe[0].value


def _captions(at) -> str:
    return " ".join(c.value for c in at.caption)


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_overview_runs_in_every_language_with_counts_table_and_no_data_text(lang):
    expected = status_counts(progress_table(DATA, Settings()))
    at = run_overview(lang=lang)
    bars = _plotly(at, "bar")["data"][0]
    assert bars["x"] == [int(v) for v in expected.to_numpy()]
    table = _table(at)
    assert len(table) == 22
    assert table["status"].str.contains(t("no_data_yet", lang)).any()
    assert any(t("no_data_yet_how", lang) in c.value for c in at.caption)
    assert any(m.label.startswith(t("ov_years_left", lang, target=2030)) for m in at.metric)


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_the_headline_default_gives_a_status_to_every_city_with_homicide_figures_and_says_who_is_a_member(lang):
    table = progress_table(DATA, Settings(indicator=C.HEADLINE))
    judged = int(status_counts(table).drop("insufficient_data").sum())
    assert judged == 12  # 4 cities on the homicide rate alone
    at = run_overview(lang=lang)
    assert param(at, "indicator") == C.HEADLINE
    assert any(m.value == t("ov_enough_data_value", lang, n=judged, total=22) for m in at.metric)
    members, reference, based_on, rate, count = WORDS[lang]
    captions = _captions(at)
    assert members in captions and reference in captions
    assert based_on in captions and "behind" not in captions
    assert t("indicator_headline", lang).replace("(", r"\(").replace(")", r"\)") in captions
    rows = _table(at).set_index("city")
    assert rows.loc["Palmira", "measure"] == rate and rows.loc["Oakland", "measure"] == count
    assert rows.loc["Medellín", "membership"] == t("ov_member_short_other", lang)
    assert not at.info  # the headline is the best covered choice: no hint to switch


def test_no_city_with_figures_is_listed_as_no_data_yet():
    at = run_overview(lang="en")
    rows = _table(at).set_index("city")
    with_figures = DATA.cities.set_index("city_id").loc[sorted(set(DATA.indicators["city_id"])), "city"]
    assert not rows.loc[list(with_figures), "status"].str.contains("no data yet").any()
    listed = " ".join(m.value for m in at.markdown if "No homicide figures yet" in m.value)
    assert "Amman" in listed and "Godoy Cruz" not in listed and "Oakland" not in listed


def test_the_median_index_hover_says_how_many_cities_it_is_based_on():
    at = run_overview(lang="en")
    median = _plotly(at, "scatter")
    hover = " ".join(" ".join(trace.get("text") or []) for trace in median["data"])
    assert "based on" in hover and "behind" not in hover


def test_a_click_on_a_city_opens_its_page_in_the_same_tab_with_the_view():
    at = run_overview(lang="pt", indicator="homicides")
    rows = _table(at)
    row = int(rows.index[rows["city"] == "Palmira"][0])
    at.session_state["city_table"] = {"selection": {"rows": [], "columns": [], "cells": [(row, "change")]}}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert (param(at, "city"), param(at, "lang"), param(at, "indicator")) == ("palmira", "pt", "homicides")
    assert any(title.value.startswith("Palmira") for title in at.title)
    assert not at.dataframe or "Medellín" not in list(at.dataframe[0].value.get("city", []))  # the overview is gone


def test_url_language_and_indicator_are_honoured():
    at = run_overview(lang="pt", indicator="homicides")
    expected = status_counts(progress_table(DATA, Settings(indicator="homicides")))
    assert _plotly(at, "bar")["data"][0]["x"] == [int(v) for v in expected.to_numpy()]
    assert any("Homicídios" in c.value for c in at.caption)
    assert any(m.label == "Cidades com situação" and m.value == f"{int(expected.drop('insufficient_data').sum())} de 22"
               for m in at.metric)
    assert not at.info  # homicides cover the most cities: no hint to switch


def test_sparse_indicator_names_the_indicator_with_more_cities():
    at = run_overview(lang="en", indicator="homicide_rate")
    hint = " ".join(i.value for i in at.info)
    assert "Homicide rate: data for 4 of 22 cities" in hint
    assert r"Homicides \(rate, else count\): data for 13" in hint  # markdown-escaped
    rows = _table(at).set_index("city")
    assert rows.loc["Oakland", "status"] == "○ no figures for this indicator (has: homicides)"


def test_unknown_indicator_in_the_url_gives_a_notice_not_an_error():
    at = run_overview(lang="es", indicator="no_such_thing")
    assert any("indicator" in w.value for w in at.warning)
    assert len(_table(at)) == 22


def test_median_index_figure_and_compact_offline_map_are_shown():
    at = run_overview(lang="en")
    median = _plotly(at, "scatter")
    assert any(tr.get("name") == "Median city" for tr in median["data"])
    deck = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    assert "mapProvider" not in deck and "http" not in json.dumps(deck)
    cities = next(layer for layer in deck["layers"] if layer["id"] == "cities")
    assert len(cities["data"]) == 22
