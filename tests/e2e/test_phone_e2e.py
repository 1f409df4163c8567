"""A phone (390 x 844): a shared link opens on the content, nothing is wider than the screen, key figures two to
a row; screenshots of each page top to bottom go to tests/screenshots (phone_*)."""

from __future__ import annotations

import pytest

from pioc_metrics.text.i18n import t

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844, "locale": "es-ES", "is_mobile": True, "has_touch": True,
         "user_agent": ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
                        "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1")}
LINKS = {"overview": "/?lang=es", "city": "/city?city=palmira&lang=es", "compare": "/compare?lang=es",
         "map": "/map?lang=es"}
SCREENS = 4  # screenshots of each page: the top, then a screen further down each time

SIDEBAR_STATE = """() => {
  const bar = document.querySelector("[data-testid='stSidebar']");
  const box = bar ? bar.getBoundingClientRect() : null;
  return {expanded: bar ? bar.getAttribute('aria-expanded') : null, right: box ? box.right : 0};
}"""
WIDTHS = """() => ({page: document.scrollingElement.scrollWidth,
  main: document.querySelector("[data-testid='stMain']").scrollWidth,
  widest: Math.max(...[...document.querySelectorAll("[data-testid='stMain'] .stPlotlyChart, "
    + "[data-testid='stMain'] [data-testid='stDeckGlJsonChart'], [data-testid='stMain'] [data-testid='stImage']")]
    .map(e => e.getBoundingClientRect().right), 0)})"""
HEADING_SEEN = """() => {
  const h = document.querySelector("[data-testid='stMain'] h1, [data-testid='stMain'] h2");
  const box = h.getBoundingClientRect();
  const top = document.elementFromPoint(box.left + 10, box.top + box.height / 2);
  return Boolean(top && h.contains(top));
}"""


def screens(app, name: str) -> None:
    """The page top to bottom, a screen at a time (Streamlit scrolls its main block, not the document)."""
    for k in range(SCREENS):
        app.page.evaluate(f"document.querySelector(\"[data-testid='stMain']\").scrollTo(0, {k * 780})")
        app.page.wait_for_timeout(400)
        app.screenshot(f"phone_{name}_{k}")
    app.page.evaluate("document.querySelector(\"[data-testid='stMain']\").scrollTo(0, 0)")


@pytest.mark.parametrize("name", LINKS)
def test_a_shared_link_opens_on_the_content_and_fits_a_phone(page_for, name):
    app = page_for(**PHONE)
    app.goto(LINKS[name], settle_ms=1200)
    app.assert_clean()
    sidebar = app.page.evaluate(SIDEBAR_STATE)
    assert sidebar["expanded"] != "true" and sidebar["right"] <= 1, f"the sidebar covers the page: {sidebar}"
    assert app.page.evaluate(HEADING_SEEN), "the page's heading is covered"
    widths = app.page.evaluate(WIDTHS)
    assert widths["page"] <= 391 and widths["main"] <= 391, f"wider than the phone: {widths}"
    assert widths["widest"] <= 391, f"a chart or map is wider than the phone: {widths}"
    screens(app, name)


def test_key_figures_are_two_to_a_row_on_a_phone(page_for):
    app = page_for(**PHONE)
    app.goto(LINKS["city"], settle_ms=1200)
    boxes = app.page.locator("[data-testid='stMain'] [data-testid='stMetric']").evaluate_all(
        "items => items.map(e => { const b = e.getBoundingClientRect(); return [Math.round(b.left), Math.round(b.top), "
        "Math.round(b.width)]; })")
    assert len(boxes) >= 4
    lefts = sorted({left for left, _, _ in boxes})
    assert len(lefts) == 2, f"key figures not two to a row: {boxes}"
    assert all(width < 195 for _, _, width in boxes)
    label = app.page.locator("[data-testid='stMain'] [data-testid='stMetricLabel']").first
    assert label.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), "a key figure's label is cut"


def test_the_map_fits_the_phone_with_every_city_in_view(page_for):
    app = page_for(**PHONE)
    app.goto(LINKS["map"], settle_ms=1500)
    deck = app.page.locator("[data-testid='stDeckGlJsonChart']").first
    box = deck.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 391 and box["height"] <= 844
    assert app.page.get_by_text(t("map_area", "es"), exact=True).count()
