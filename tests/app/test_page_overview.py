"""The network overview page ("/") run by Streamlit's AppTest, in every language and with URL parameters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pioc_metrics.data.loading import load_dataset
from pioc_metrics.engine.network import status_counts
from pioc_metrics.engine.progress import progress_table
from pioc_metrics.settings import Settings
from pioc_metrics.text.i18n import t
from tests.apptest_pages import open_page

ROOT = Path(__file__).resolve().parents[2]


def run_overview(**params) -> AppTest:
    return open_page("overview", **params)


def _plotly(at, key_word):
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    return next(s for s in specs if any(key_word in str(trace.get("type", "")) for trace in s["data"]))


def _table(at):
    return at.dataframe[0].value


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_overview_runs_in_every_language_with_counts_table_and_no_data_text(lang):
    data, _ = load_dataset(ROOT / "data")
    expected = status_counts(progress_table(data, Settings()))
    at = run_overview(lang=lang)
    bars = _plotly(at, "bar")["data"][0]
    assert bars["x"] == [int(v) for v in expected.to_numpy()]
    table = _table(at)
    assert len(table) == 22
    assert table["status"].str.contains(t("no_data_yet", lang)).any()
    assert any(t("no_data_yet_how", lang) in c.value for c in at.caption)
    assert any(m.label.startswith(t("ov_years_left", lang, target=2030)) for m in at.metric)


def test_links_open_each_city_page_with_the_shared_view():
    at = run_overview(lang="pt", indicator="homicides")
    links = list(_table(at)["link"])
    assert "city?city=palmira&lang=pt&indicator=homicides" in links
    assert all(link.startswith("city?city=") for link in links)


def test_url_language_and_indicator_are_honoured():
    data, _ = load_dataset(ROOT / "data")
    at = run_overview(lang="pt", indicator="homicides")
    expected = status_counts(progress_table(data, Settings(indicator="homicides")))
    assert _plotly(at, "bar")["data"][0]["x"] == [int(v) for v in expected.to_numpy()]
    assert any("Homicídios" in c.value for c in at.caption)
    assert any(m.label == "Cidades com situação" and m.value == f"{int(expected.drop('insufficient_data').sum())} de 22"
               for m in at.metric)
    assert not at.info  # homicides cover the most cities: no hint to switch


def test_sparse_indicator_names_the_indicator_with_more_cities():
    at = run_overview(lang="en")
    hint = " ".join(i.value for i in at.info)
    assert "Homicide rate: data for 4 of 22 cities" in hint and "Homicides: data for 13" in hint


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
