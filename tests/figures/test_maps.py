"""The offline map: basemap, one point per city, sizes, colours, labels and escaped tooltips."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import numpy as np
import pytest
import streamlit

from pioc_metrics import constants as C
from pioc_metrics.engine.progress import progress_table
from pioc_metrics.figures.maps import (
    AREAS,
    RADIUS_MAX,
    RADIUS_MIN,
    TOOLTIP_HTML,
    area_view,
    areas_with_cities,
    city_map,
    countries_geojson,
    fit_view,
    indicator_years,
    legend_items,
    map_points,
    place_labels,
    radius_pixels,
    rgb,
    year_class,
)
from pioc_metrics.settings import Settings
from tests.factories import make_dataset


@pytest.fixture(scope="module")
def shipped(shipped_data, shipped_table):
    return shipped_data, shipped_table


def _layers(deck):
    spec = json.loads(deck.to_json())
    return spec, {layer["id"]: layer for layer in spec["layers"]}


def test_default_map_is_offline_no_provider_no_tile_urls(shipped):
    data, table = shipped
    spec, layers = _layers(city_map(data.cities, table, "en"))
    assert "mapProvider" not in spec  # map_provider=None
    assert spec["mapStyle"] == "__MAP_STYLE__"  # Streamlit draws no basemap of its own for this value
    assert "http" not in json.dumps(spec)
    assert layers["countries"]["@@type"] == "GeoJsonLayer"
    assert len(layers["countries"]["data"]["features"]) == len(countries_geojson()["features"]) > 100
    assert layers["sea"]["@@type"] == "SolidPolygonLayer"


def test_web_tiles_are_an_opt_in(shipped):
    data, table = shipped
    spec, layers = _layers(city_map(data.cities, table, "en", tiles=True))
    assert spec["mapProvider"] == "carto" and spec["mapStyle"].startswith("https://")
    assert "countries" not in layers


def test_one_point_per_city_at_its_coordinates(shipped):
    data, table = shipped
    _, layers = _layers(city_map(data.cities, table, "en"))
    points = {p["city_id"]: p for p in layers["cities"]["data"]}
    assert set(points) == set(data.cities["city_id"])
    palmira = data.cities.set_index("city_id").loc["palmira"]
    assert points["palmira"]["lat"] == pytest.approx(palmira["lat"])
    assert points["palmira"]["lon"] == pytest.approx(palmira["lon"])


def test_points_are_coloured_by_status_and_sized_by_square_root_of_population(shipped):
    data, table = shipped
    points = map_points(data.cities, table, "en").set_index("city_id")
    assert points.loc["medellin", "fill"][:3] == rgb(C.STATUS_COLOURS["achieved"])[:3]
    assert points.loc["palmira", "fill"][:3] == rgb(C.STATUS_COLOURS["deterioration"])[:3]
    assert points.loc["amman", "fill"][:3] == rgb(C.STATUS_COLOURS["insufficient_data"])[:3]
    radius = radius_pixels([0, 2_500_000, 10_000_000, np.nan])
    assert radius[0] == RADIUS_MIN and radius[3] == RADIUS_MIN and radius[2] == RADIUS_MAX
    assert radius[1] == pytest.approx(RADIUS_MAX / 2)  # a quarter of the population: half the radius


def test_membership_is_told_apart_by_outline(shipped):
    data, table = shipped
    points = map_points(data.cities, table, "en").set_index("city_id")
    member, prospective, other = points.loc["palmira"], points.loc["bogota"], points.loc["medellin"]
    assert member["line"] == [40, 40, 40, 255]
    assert prospective["line"][:3] == rgb(C.STATUS_COLOURS["deterioration"])[:3] and prospective["fill"][3] < 128
    assert other["line"] == [255, 255, 255, 255]
    assert len({member["line_width"], prospective["line_width"], other["line_width"]}) == 3


def test_labels_carry_the_status_symbol_and_never_overlap(shipped):
    data, table = shipped
    points = map_points(data.cities, table, "en")
    assert points.set_index("city_id").loc["medellin", "label"] == "Medellín ★"
    placed = place_labels(points, fit_view(points["lat"], points["lon"], 1000, 500).zoom, 13)
    shown = placed.loc[placed["label_shown"]]
    assert len(shown) >= 15
    assert {"medellin", "bogota", "cali"} <= set(shown["city_id"])  # cities with data win the crowded spots


def streamlit_tooltip(template: str, record: dict) -> str:
    """The tooltip's HTML as Streamlit's front end makes it (DeckGlJsonChart, `html` tooltips): each {field} of the
    template, in order, replaced once by the record's value with & < > " ' escaped; unknown fields left as typed."""
    out = template
    for field in re.findall(r"{(.*?)}", template):
        if field in record:
            value = html.escape(str(record[field]), quote=True)
            out = out.replace("{" + field + "}", value, 1)
    return out


def test_streamlit_escapes_the_fields_it_puts_into_an_html_tooltip():
    """The tooltip's fields hold plain text because Streamlit's deck.gl chart HTML-escapes them: pinned here, so a
    Streamlit that stopped doing so fails this test instead of showing a hostile name's markup."""
    bundles = list((Path(streamlit.__file__).parent / "static" / "static" / "js").glob("DeckGlJsonChart*.js"))
    assert bundles
    source = bundles[0].read_text(encoding="utf-8", errors="replace")
    assert re.search(r"replaceAll\(/\[&<>\"']/g", source), "Streamlit no longer escapes html tooltip fields"


def test_tooltip_is_html_around_plain_text_and_a_hostile_name_stays_text():
    data = make_dataset({"evil": {2019: 40, 2023: 30}})
    hostile = "<img src=x onerror=alert(1)> <b>b</b>"
    cities = data.cities.assign(city=hostile, country="{tooltip} & co")
    table = progress_table(data, Settings())
    deck = city_map(cities, table, "en")
    spec, layers = _layers(deck)
    tooltip = deck._tooltip  # what st.pydeck_chart sends beside the deck's JSON
    assert tooltip["html"] == TOOLTIP_HTML and "text" not in tooltip
    assert re.findall(r"{(\w+)}", TOOLTIP_HTML) == ["tooltip"]  # one field: a value can never bring in another
    record = layers["cities"]["data"][0]
    assert record["tooltip"].startswith(hostile + " ({tooltip} & co)\n")  # plain text: Streamlit escapes it
    shown = streamlit_tooltip(tooltip["html"], record)
    assert "<img" not in shown and "<b>b</b>" not in shown
    assert "&lt;img src=x onerror=alert(1)&gt; &lt;b&gt;b&lt;/b&gt; ({tooltip} &amp; co)" in shown
    assert spec["layers"][-1]["data"][0]["label"].startswith(hostile)  # canvas text, drawn as text


def test_tooltip_has_the_key_figures_one_a_line(shipped):
    data, table = shipped
    tip = map_points(data.cities, table, "es").set_index("city_id").loc["palmira", "tooltip"]
    lines = tip.split("\n")
    assert lines[0] == "Palmira (Colombia)"  # set in bold by the template's first-line style
    for text in ("Miembro", "▼ Deterioro", "Línea de base (2019): 36,6", "Último valor (2024): 40,9",
                 "Cambio anual requerido: −6,1 %", "Cambio anual real: +2,2 %", "Población: 358.895"):
        assert text in lines
    assert "<" not in tip
    assert "aún sin datos" in map_points(data.cities, table, "es").set_index("city_id").loc["amman", "tooltip"]


def test_areas_offered_are_those_with_cities_and_their_views_frame_them(shipped):
    data, table = shipped
    assert areas_with_cities(data.cities) == list(AREAS)  # the shipped cities reach every area
    assert areas_with_cities(data.cities.loc[data.cities["iso3"] == "COL"]) == ["world", "latin_america"]
    world = json.loads(city_map(data.cities, table, "en").to_json())["initialViewState"]
    latin = json.loads(city_map(data.cities, table, "en", area="latin_america").to_json())["initialViewState"]
    assert latin["zoom"] > world["zoom"] + 0.5
    assert -40 < latin["latitude"] < 20 and -100 < latin["longitude"] < -50
    europe = area_view(data.cities["lat"], data.cities["lon"], "europe", 660, 470)
    assert europe.zoom < 6  # one city: shown with its surroundings


@pytest.mark.parametrize("width", [660, 340])
def test_palmira_is_labelled_in_the_latin_america_view_beside_cali(shipped, width):
    data, table = shipped
    points = map_points(data.cities, table, "en")
    view = area_view(points["lat"], points["lon"], "latin_america", width, 470)
    placed = place_labels(points, view.zoom, 13).set_index("city_id")
    colombia = ["palmira", "cali", "medellin", "bogota"]
    assert placed.loc[colombia, "label_shown"].all()
    assert placed.loc["palmira", "label_offset"] != placed.loc["cali", "label_offset"] or (
        placed.loc["palmira", "label_anchor"] != placed.loc["cali", "label_anchor"])


def test_a_chosen_year_colours_by_the_value_against_the_baseline(shipped):
    data, table = shipped
    points = map_points(data.cities, table, "en", year=2015, data=data).set_index("city_id")
    medellin = points.loc["medellin"]
    value = data.indicators.query(
        "city_id == 'medellin' and indicator == 'homicide_rate' and series == 'main' and year == 2015"
    )["value"].iloc[0]
    assert medellin["year_value"] == pytest.approx(value)
    assert medellin["year_index"] == pytest.approx(100 * value / table.loc["medellin", "baseline"])
    assert medellin["label"].endswith(f"{medellin['year_index']:.0f}")
    assert points.loc["amman", "colour_key"] == "year_no_value"
    assert list(year_class([5, 30, 50, np.nan], [40, 40, 40, 40], [20, 20, 20, 20])) == [
        "year_at_target", "year_below_baseline", "year_above_baseline", "year_no_value"]


def test_fit_view_shows_every_point():
    view = fit_view([-30, 50], [-120, 80], 1000, 500)
    assert -30 < view.latitude < 50 and -120 < view.longitude < 80 and 0 <= view.zoom < 2
    assert fit_view([4.0], [-74.0], 800, 400).zoom == 4.0


def test_legend_and_years_come_from_constants_and_data(shipped):
    data, _ = shipped
    assert [colour for _, _, colour in legend_items("en")] == [C.STATUS_COLOURS[s] for s in C.STATUSES]
    years = indicator_years(data, "homicide_rate")
    assert years == sorted(data.indicators.query("indicator == 'homicide_rate' and series == 'main'")["year"].unique())
