"""The presentation on a 1920 x 1080 projector: a clicker's keys move the slides, and no slide is taller than the
screen (screenshots of each go to tests/screenshots, slide_*)."""

from __future__ import annotations

import pytest

from pioc_metrics.figures.projector import SLIDES
from pioc_metrics.text.i18n import t

pytestmark = pytest.mark.e2e
PROJECTOR = {"width": 1920, "height": 1080}


def slide_number(app) -> int:
    return int(app.page.url.split("slide=")[1].split("&")[0])


def press(app, key: str) -> int:
    app.page.keyboard.press(key)
    app.page.wait_for_timeout(300)
    app.wait_idle()
    return slide_number(app)


def test_clicker_and_keyboard_keys_move_the_slides(page_for):
    app = page_for(**PROJECTOR)
    app.goto("/present?lang=en&slide=1", settle_ms=800)
    assert press(app, "PageDown") == 2
    assert t("pres_slide_of", "en", n=2, total=len(SLIDES)) in app.main_text()
    assert press(app, "Space") == 3
    assert press(app, "ArrowRight") == 4
    assert press(app, "PageUp") == 3
    assert press(app, "ArrowLeft") == 2
    app.assert_clean()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_slide_fits_the_projector_screen(page_for, lang):
    app = page_for(**PROJECTOR)
    for number in range(1, len(SLIDES) + 1):
        app.goto(f"/present?lang={lang}&slide={number}", settle_ms=1200)
        app.screenshot(f"slide_{lang}_{number}")
        heights = app.page.evaluate("() => ({page: document.scrollingElement.scrollHeight, "
                                    "main: document.querySelector(\"[data-testid='stMain']\").scrollHeight})")
        assert heights["page"] <= 1080 and heights["main"] <= 1080, f"slide {number} overflows: {heights}"
        app.assert_clean()
