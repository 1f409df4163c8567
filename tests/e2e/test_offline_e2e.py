"""The dashboard works with the network disconnected: no page asks any host but the local server."""

from __future__ import annotations

import io

import pytest
from e2e_harness import is_local
from PIL import Image

from pioc_metrics.app.registry import VISITOR_PAGES as PAGES

pytestmark = pytest.mark.e2e

# Every page of the registry (the city page on a city with data).
PATHS = tuple(p.url_path + ("?city=palmira" if p.id == "city" else "") for p in PAGES)
MAP_CANVAS = "[data-testid='stDeckGlJsonChart'] canvas"


def disconnect(app) -> list[str]:
    """Abort every request to another host, as if the machine had no internet; return what was blocked."""
    blocked: list[str] = []

    def guard(route):
        if is_local(route.request.url):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort("internetdisconnected")

    app.context.route("**/*", guard)
    return blocked


def test_every_page_asks_only_the_local_server(page_for):
    app = page_for()
    blocked = disconnect(app)
    for path in PATHS:
        app.goto(path)
        if path == "/map":
            app.page.wait_for_selector(MAP_CANVAS, state="visible", timeout=30_000)
            app.page.wait_for_timeout(1500)  # let deck.gl fetch whatever it would fetch after the first frame
        app.assert_clean()
    assert app.requests, "no request was recorded: the recorder is broken"
    assert all(is_local(url) for url in app.requests)
    assert blocked == [] and app.foreign_requests == []


def test_map_draws_without_internet(page_for):
    app = page_for()
    blocked = disconnect(app)
    app.goto("/map")
    canvas = app.page.wait_for_selector(MAP_CANVAS, state="visible", timeout=30_000)
    app.page.wait_for_timeout(1500)
    box = canvas.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 200
    app.screenshot("offline_map")
    # Something is drawn: the canvas (as the screen shows it) is not one flat colour.
    image = Image.open(io.BytesIO(canvas.screenshot())).convert("RGB").resize((96, 64))
    colours = len(set(image.get_flattened_data()))
    assert colours > 3, "the map canvas is blank"
    assert blocked == []
    app.assert_clean()
