"""The map page ("/map") run by Streamlit's AppTest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pioc_metrics.app import map as map_page
from pioc_metrics.figures.maps import TOOLTIP_HTML
from pioc_metrics.text.i18n import t
from tests.apptest_pages import open_page, param

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


def test_tooltip_is_our_html_around_plain_text_never_tags_from_data():
    at = run_map(lang="es")
    tooltip = json.loads(at.get("deck_gl_json_chart")[0].proto.tooltip)
    assert set(tooltip) == {"html", "style"} and tooltip["html"] == TOOLTIP_HTML
    palmira = next(c for c in _layer(_deck(at), "cities")["data"] if c["city_id"] == "palmira")
    assert palmira["tooltip"].startswith("Palmira (Colombia)\n") and "<" not in palmira["tooltip"]


def test_area_presets_change_the_view_and_go_to_the_link():
    at = run_map(lang="en")
    world = _deck(at)["initialViewState"]
    assert at.selectbox(key="map_area").value == "world" and param(at, "area") is None
    at.selectbox(key="map_area").set_value("latin_america").run()
    latin = _deck(at)["initialViewState"]
    assert latin["zoom"] > world["zoom"] and latin["longitude"] < -50
    assert param(at, "area") == "latin_america"
    labels = {c["label"].split(" ")[0] for c in _layer(_deck(at), "city-labels")["data"]}
    assert {"Palmira", "Cali", "Medellín", "Bogotá"} <= labels
    options = at.selectbox(key="map_area").options
    assert options[0] == t("map_area_world", "en") and t("map_area_latin_america", "en") in options


def test_a_link_opens_its_area_and_a_bad_one_gives_a_notice():
    at = run_map(lang="pt", area="north_america")
    assert at.selectbox(key="map_area").value == "north_america"
    assert _deck(at)["initialViewState"]["latitude"] > 30
    at = run_map(lang="pt", area="<atlantis>")
    assert at.selectbox(key="map_area").value == "world" and at.warning and not at.exception


def test_play_steps_through_the_years_and_stops_at_the_last(monkeypatch):
    monkeypatch.setattr(map_page, "PLAY_SECONDS", 0.0)
    at = run_map(lang="en", indicator="homicides")
    years = at.slider(key="map_year")
    assert at.button(key="map_play").label == t("map_play", "en")
    last = int(years.max)
    at.button(key="map_play").click().run()  # at the last year: plays from the first, colouring by the year
    assert not at.exception and at.radio(key="map_mode").value == "year"
    assert at.slider(key="map_year").value == last and at.session_state["map_playing"] is False
    at.slider(key="map_year").set_value(last - 2).run()
    at.button(key="map_play").click().run()
    assert not at.exception
    assert at.slider(key="map_year").value == last
    assert at.button(key="map_play").label == t("map_play", "en")  # stopped at the last year
    assert at.session_state["map_playing"] is False
