"""The map in a real browser: a city's hover box is formatted text (no tags), and the year slider plays."""

from __future__ import annotations

import math

import pytest

from pioc_metrics.app.map import MAP_WIDTH
from pioc_metrics.data.loading import load_dataset
from pioc_metrics.figures.maps import area_view
from pioc_metrics.paths import DATA_DIR
from pioc_metrics.text.i18n import t

pytestmark = pytest.mark.e2e
MAP_HEIGHT = 470
DECK = "[data-testid='stDeckGlJsonChart']"
YEAR = ".st-key-map_year"  # the map's year slider (the sidebar has a slider too)


def pixel(view, lat: float, lon: float, width: float, height: float) -> tuple[float, float]:
    """Where a place is drawn on a map of that size with that view (Web Mercator, as deck.gl draws it)."""
    scale = 512 * 2 ** view.zoom

    def mercator_y(degrees: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(degrees) / 2))

    x = width / 2 + (lon - view.longitude) / 360 * scale
    y = height / 2 - (mercator_y(lat) - mercator_y(view.latitude)) / (2 * math.pi) * scale
    return x, y


def hover_city(app, city_id: str, area: str = "world") -> str:
    """Hover the city's circle; the tooltip's text as the reader sees it."""
    data, _ = load_dataset(DATA_DIR)
    cities = data.cities.dropna(subset=["lat", "lon"])
    view = area_view(cities["lat"], cities["lon"], area, MAP_WIDTH, MAP_HEIGHT)
    city = cities.set_index("city_id").loc[city_id]
    canvas = app.page.locator(f"{DECK} canvas").first
    box = canvas.bounding_box()
    x, y = pixel(view, float(city["lat"]), float(city["lon"]), box["width"], box["height"])
    tooltip = app.page.locator(".deck-tooltip")
    for dx, dy in ((0, 0), (2, 2), (-2, -2), (3, -3), (-3, 3)):  # within the circle, whatever the rounding
        app.page.mouse.move(box["x"] + x + dx, box["y"] + y + dy)
        app.page.wait_for_timeout(500)
        if tooltip.count() and tooltip.first.is_visible():
            return tooltip.first.inner_text()
    raise AssertionError(f"no tooltip at {city_id} ({x:.0f}, {y:.0f})")


@pytest.mark.parametrize("city_id, name, country", [("durban", "Durban (eThekwini)", "Sudáfrica"),
                                                    ("oakland", "Oakland", "Estados Unidos")])
def test_hovering_a_city_shows_formatted_text_never_tags(page_for, city_id, name, country):
    app = page_for(locale="es-ES")
    app.goto("/map?lang=es", settle_ms=1500)
    text = hover_city(app, city_id)
    assert "<b>" not in text and "<br>" not in text and "&lt;" not in text and "&amp;" not in text
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines[0] == f"{name} ({country})", lines
    assert any(line.startswith(t("map_tt_population", "es")) for line in lines)
    bold = app.page.locator(".deck-tooltip .pioc-tip").evaluate(
        "e => getComputedStyle(e, '::first-line').fontWeight")
    assert int(bold) >= 600  # the city and country, in bold
    app.screenshot(f"map_tooltip_{city_id}")
    app.assert_clean()


def test_palmira_has_its_own_label_and_tooltip_in_the_latin_america_view(page_for):
    app = page_for(locale="es-ES")
    app.goto("/map?lang=es&area=latin_america", settle_ms=1500)
    app.screenshot("map_latin_america")
    text = hover_city(app, "palmira", "latin_america")
    assert text.splitlines()[0].strip() == "Palmira (Colombia)"
    app.assert_clean()


def test_the_year_slider_plays_through_the_years_and_stops(page_for):
    app = page_for(locale="es-ES")
    app.goto("/map?lang=es", settle_ms=800)
    thumb = app.page.locator(f"{YEAR} [data-testid='stSliderThumbValue']")
    last = thumb.inner_text()
    app.page.get_by_role("button", name=t("map_play", "es")).click()
    app.page.wait_for_function(
        "([sel, last]) => { const v = document.querySelector(sel); return v && v.innerText !== last; }",
        arg=[f"{YEAR} [data-testid='stSliderThumbValue']", last], timeout=20_000)
    first = thumb.inner_text()
    app.page.wait_for_function(
        "([sel, first]) => { const v = document.querySelector(sel); return v && v.innerText !== first; }",
        arg=[f"{YEAR} [data-testid='stSliderThumbValue']", first], timeout=20_000)  # the next year, by itself
    assert int(thumb.inner_text()) > int(first)
    app.page.get_by_role("button", name=t("map_stop", "es")).click()
    app.wait_idle()
    app.assert_clean()
