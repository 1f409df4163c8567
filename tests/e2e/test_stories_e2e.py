"""The stories behind the lines in Chromium: Oakland's chart marks Oakland Ceasefire in 2012, the Practices page in
three languages and on every screen, a city's events and peers, and Palmira's handover brief in Spanish as a PDF;
every page clean (no exception, no console error, no request off the machine). Screenshots: tests/screenshots/
stories_*."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from pioc_metrics.data.loading import load_dataset
from pioc_metrics.text.i18n import LANGUAGES, t
from pioc_metrics.text.stories import event_title
from tests.conftest import ROOT

pytestmark = pytest.mark.e2e
EVENTS = load_dataset(ROOT / "data")[0].events
SIZES = {"laptop": (1366, 768), "phone": (390, 844), "projector": (1920, 1080)}

# Every x (and hover text) of the first chart's traces and the x of its shapes, read from plotly's own objects.
CHART_MARKS = """() => {
  const plot = document.querySelectorAll('.js-plotly-plot')[0];
  const marks = [];
  for (const trace of plot.data) {
    const texts = [].concat(trace.hovertext || [], trace.text || [], trace.customdata || [], trace.name || []);
    const xs = [].concat(trace.x || []);
    marks.push({xs: xs.map(Number), text: JSON.stringify(texts)});
  }
  for (const shape of (plot.layout.shapes || [])) marks.push({xs: [Number(shape.x0)], text: JSON.stringify(shape)});
  for (const note of (plot.layout.annotations || [])) marks.push({xs: [Number(note.x)], text: JSON.stringify(note)});
  return marks;
}"""


def test_oaklands_chart_marks_oakland_ceasefire_in_2012(page_for):
    app = page_for()
    app.goto("/city?city=oakland&lang=en")
    app.page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
    marks = app.page.evaluate(CHART_MARKS)
    start = EVENTS.loc[(EVENTS["city_id"] == "oakland") & (EVENTS["practice_id"] == "oakland-ceasefire")].iloc[0]
    ceasefire = [m for m in marks if event_title(start, "en") in m["text"]]
    assert ceasefire, "no mark of Oakland Ceasefire on the chart"
    xs = [x for m in ceasefire for x in m["xs"] if x == x]
    assert xs and all(2012 <= x < 2013 for x in xs)
    app.page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    app.page.wait_for_timeout(600)
    app.screenshot("stories_oakland_chart")
    heading = app.page.get_by_role("heading", name=t("events_title", "en", city="Oakland"))
    heading.scroll_into_view_if_needed()
    app.page.wait_for_timeout(400)
    app.screenshot("stories_oakland_events")
    assert t("peers_title", "en") in app.main_text()
    app.assert_clean()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_practices_page_works_in_each_language(page_for, lang):
    app = page_for()
    app.goto(f"/practices?lang={lang}")
    app.page.get_by_role("heading", name=t("practices_title", lang)).wait_for(timeout=30_000)
    text = app.main_text()
    assert t("practice_not_an_evaluation", lang) in text
    app.screenshot(f"stories_practices_{lang}")
    app.assert_clean()


@pytest.mark.parametrize("size", list(SIZES))
def test_a_practice_with_its_cities_charts_is_readable_on_every_screen(page_for, size):
    width, height = SIZES[size]
    app = page_for(width=width, height=height)
    app.goto("/practices?lang=es&q=pazos")
    app.page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
    app.screenshot(f"stories_practice_pazos_{size}")
    app.page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    app.page.wait_for_timeout(800)
    app.screenshot(f"stories_practice_pazos_{size}_chart")
    assert "PAZOS" in app.main_text()
    app.assert_clean()


@pytest.mark.parametrize(("city", "name", "lang", "practice"), [
    ("palmira", "Palmira", "es", "PAZOS"), ("oakland", "Oakland", "en", "Oakland Ceasefire"),
    ("niteroi", "Niterói", "pt", "Pacto Niterói")])
def test_a_citys_handover_brief_downloads_in_its_language(page_for, city, name, lang, practice):
    app = page_for()
    app.goto(f"/city?city={city}&lang={lang}")
    button = app.page.get_by_role("button", name=t("handover_button", lang))
    button.scroll_into_view_if_needed()
    with app.page.expect_download(timeout=90_000) as event:
        button.click()
    download = event.value
    assert download.suggested_filename == f"{city}-handover-{lang}.pdf"
    content = open(download.path(), "rb").read()
    assert content.startswith(b"%PDF")
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)
    assert name in text and practice in text
    assert t("handover_title", lang, city=name) in text
    assert t("handover_events", lang) in text and t("handover_peers", lang) in text
    app.assert_clean()
