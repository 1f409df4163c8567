"""In a real browser, an uploaded city named with markdown, shortcodes, HTML and LaTeX shows exactly as typed:
on every page of the registry and on every slide, no link, no typeset formula, no emoji or icon, no colour or bold."""

from __future__ import annotations

import pytest
from app_steps import go, open_upload_tab, pick, upload

from pioc_metrics.app.registry import VISITOR_PAGES as PAGES
from pioc_metrics.figures.projector import SLIDES
from pioc_metrics.text.i18n import t
from tests.app.hostile import FILE_NAME, NAME, hostile_csv

pytestmark = pytest.mark.e2e

# What markdown would have made of the name, counted in the main area (and the sidebar).
RENDERED = """() => {
    const main = document.querySelector("[data-testid='stApp']");
    const all = (selector) => [...main.querySelectorAll(selector)];
    return {
        links: all("a[href*='example.org']").length,
        formulas: all(".katex").filter(e => !e.closest(".katex-display")).length  // inline: only a name's $...$
                  + all(".katex annotation").filter(e => e.textContent.includes("frac{1}{2}")).length,
        icons: all("[aria-label='home icon']").length,
        coloured: all(".stMarkdownColoredText, .stMarkdownColoredBackground").length,
        bold: all("strong, b").filter(e => ["y", "b"].includes(e.textContent.trim())).length,
        images: all("img[alt='Streamlit logo']").length,
    };
}"""
SHOWN_ON = {"city": 4, "compare": 1}  # at least this many times as text (other pages show it in tables and charts)


def assert_shown_as_typed(app, where: str, *, at_least: int = 0) -> None:
    text = app.main_text()
    assert text.count(NAME) >= at_least, f"{where}: the name shows {text.count(NAME)} times as typed"
    assert "\U0001F604" not in text, f"{where}: :smile: became an emoji"
    rendered = app.page.evaluate(RENDERED)
    assert rendered == dict.fromkeys(rendered, 0), f"{where}: the name was rendered as markup: {rendered}"
    app.assert_clean()


def test_a_hostile_city_name_shows_as_typed_on_every_page_and_slide(page_for):
    app = open_upload_tab(page_for())
    upload(app, FILE_NAME, hostile_csv())
    assert FILE_NAME in app.main_text()
    for entry in PAGES:
        if entry.id == "present":
            continue  # last: the presentation has no sidebar to come back by
        go(app, entry.title_key)
        if entry.id == "city":
            pick(app, app.page.locator("[data-testid='stMain'] [data-testid='stSelectbox']").first, "smile", NAME)
        elif entry.id == "compare":
            cities = app.page.locator("[data-testid='stMain'] [data-testid='stMultiSelect']").first
            if NAME not in cities.locator("[data-tag] [title]").evaluate_all("tags => tags.map(t => t.title)"):
                pick(app, cities, "smile", NAME)
        app.screenshot(f"hostile_name_{entry.id}")
        assert_shown_as_typed(app, entry.id, at_least=SHOWN_ON.get(entry.id, 0))
    go(app, "nav_present")
    for number in range(1, len(SLIDES) + 1):
        if number > 1:
            app.page.get_by_role("button", name=t("pres_next", "en")).click()
            app.wait_idle()
        last = number == len(SLIDES)  # the picked city's slide: the city chosen on the city page
        if last:
            app.screenshot("hostile_name_city_slide")
        assert_shown_as_typed(app, f"slide {number}", at_least=3 if last else 0)
