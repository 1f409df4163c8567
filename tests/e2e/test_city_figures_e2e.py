"""The figures a mayor needs are above the fold of the City page on a laptop, and readable on a phone.

Screenshots go to tests/screenshots/ (city_figures_*): look at them after a change to the page.
"""

from __future__ import annotations

import pytest

from pioc_metrics.text.i18n import t

pytestmark = pytest.mark.e2e

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
LOAD_MS = 120_000  # a cold server on a busy machine: the first run loads the data and draws the statuses
RISE = {"en": "(a rise)", "es": "(un aumento)", "pt": "(um aumento)"}


def first_box(app, text: str) -> dict:
    """The page box of the first element of the main area that shows `text`, on the screen as first opened."""
    element = app.page.locator("[data-testid='stMain']").get_by_text(text, exact=False).first
    assert element.is_visible(), f"{text!r} is not visible"
    box = element.bounding_box()
    assert box is not None, f"{text!r} has no box"
    return box


@pytest.mark.parametrize("lang, required_now, path, change", [
    ("es", "−12,5 %", "26,7", "+11,7 %"),
    ("en", "−12.5 %", "26.7", "+11.7 %"),
])
def test_palmira_needed_change_path_and_change_are_above_the_fold_on_a_laptop(page_for, lang, required_now, path,
                                                                             change):
    app = page_for(**LAPTOP)
    app.goto(f"/city?city=palmira&lang={lang}", timeout=LOAD_MS)
    app.screenshot(f"city_figures_palmira_{lang}_1366x768")
    app.assert_clean()
    for text in (required_now, path, "53 %", change + " " + RISE[lang]):
        box = first_box(app, text)
        assert box["y"] + box["height"] <= LAPTOP["height"], f"{text!r} is below the fold: {box}"
    assert "−11" not in app.main_text()  # the change is a rise: never a "reduction" with a minus sign


def test_palmira_on_a_phone_keeps_the_sentences_first(page_for):
    app = page_for(**PHONE)
    app.goto("/city?city=palmira&lang=es", timeout=LOAD_MS)
    app.screenshot("city_figures_palmira_es_390x844")
    app.assert_clean()
    box = first_box(app, "−12,5 %")
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], f"cut at the side: {box}"


def test_medellin_is_labelled_as_shown_for_reference(page_for):
    app = page_for(**LAPTOP)
    app.goto("/city?city=medellin&lang=pt", timeout=LOAD_MS)
    app.screenshot("city_figures_medellin_pt_1366x768")
    app.assert_clean()
    box = first_box(app, t("city_reference", "pt"))
    assert box["y"] < LAPTOP["height"]
