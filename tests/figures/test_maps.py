"""The offline map: basemap, one point per city, sizes, colours, labels and escaped tooltips."""

from __future__ import annotations

import json

import numpy as np
import pytest

from pioc_metrics import constants as C
from pioc_metrics.engine.progress import progress_table
from pioc_metrics.figures.maps import (
    RADIUS_MAX,
    RADIUS_MIN,
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


def test_tooltip_escapes_a_hostile_city_name():
    data = make_dataset({"evil": {2019: 40, 2023: 30}})
    hostile = "<img src=x onerror=alert(1)>"
    cities = data.cities.assign(city=hostile, country="{tooltip} & co")
    table = progress_table(data, Settings())
    spec, layers = _layers(city_map(cities, table, "en"))
    tooltip = layers["cities"]["data"][0]["tooltip"]
    assert "<img" not in tooltip and "&lt;img src=x onerror=alert(1)&gt;" in tooltip
    assert "{tooltip}" not in tooltip and "&amp; co" in tooltip
    assert spec["layers"][-1]["data"][0]["label"].startswith(hostile)  # canvas text, drawn as text


def test_tooltip_has_the_key_figures(shipped):
    data, table = shipped
    tip = map_points(data.cities, table, "es").set_index("city_id").loc["palmira", "tooltip"]
    for text in ("<b>Palmira</b> (Colombia)", "Miembro", "▼ Deterioro", "Línea de base (2019): 36,6",
                 "Último valor (2024): 40,9", "Cambio anual requerido: −6,1 %", "Cambio anual real: +2,2 %"):
        assert text in tip
    assert "aún sin datos" in map_points(data.cities, table, "es").set_index("city_id").loc["amman", "tooltip"]


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
