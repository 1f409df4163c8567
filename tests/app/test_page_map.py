"""The map page ("/map") run by Streamlit's AppTest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pioc_metrics.text.i18n import t
from tests.apptest_pages import open_page

ROOT = Path(__file__).resolve().parents[2]


def run_map(**params) -> AppTest:
    return open_page("map", **params)


def _deck(at):
    return json.loads(at.get("deck_gl_json_chart")[0].proto.json)


def _layer(deck, layer_id):
    return next(layer for layer in deck["layers"] if layer["id"] == layer_id)


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_map_runs_offline_in_every_language_with_all_cities_and_a_legend(lang):
    at = run_map(lang=lang)
    deck = _deck(at)
    assert "mapProvider" not in deck and "http" not in json.dumps(deck)
    assert len(_layer(deck, "cities")["data"]) == 22
    assert at.checkbox(key="map_tiles").value is False
    assert len(at.dataframe[0].value) == 22
    legend = " ".join(m.value for m in at.markdown)
    assert t("status_achieved", lang) in legend and "★" in legend


def test_year_mode_uses_the_slider_year_and_shows_each_city_index():
    at = run_map(lang="en", indicator="homicides")
    at.radio(key="map_mode").set_value("year").run()
    at.slider(key="map_year").set_value(2019).run()
    assert not at.exception
    table = at.dataframe[0].value
    assert "index" in table and table.loc[table["city"] == "Palmira", "index"].iloc[0] == pytest.approx(100.0)
    tooltips = " ".join(p["tooltip"] for p in _layer(_deck(at), "cities")["data"])
    assert "Value in 2019" in tooltips


def test_membership_filter_and_web_tiles_opt_in():
    at = run_map(lang="en")
    at.multiselect(key="map_kinds").set_value(["prospective"]).run()
    cities = _layer(_deck(at), "cities")["data"]
    assert {c["city_id"] for c in cities} == {"bogota", "montego-bay"}
    at.checkbox(key="map_tiles").check().run()
    assert _deck(at)["mapProvider"] == "carto"
    at.multiselect(key="map_kinds").set_value([]).run()
    assert not at.exception and at.info


def test_unknown_indicator_in_the_url_gives_a_notice_not_an_error():
    at = run_map(lang="pt", indicator="<script>")
    assert at.warning and not at.exception
    assert len(_layer(_deck(at), "cities")["data"]) == 22
