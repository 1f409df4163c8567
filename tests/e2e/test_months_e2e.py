"""Months and the other forms of violence in Chromium: Niterói's and Dayton's year so far in three languages on a
laptop, a phone and a projector, the overview's list, and a new indicator on the compare and map pages; every
page clean (no exception, no console error, no request off the machine). Screenshots: tests/screenshots/months_*."""

from __future__ import annotations

import pytest

from pioc_metrics.data.loading import load_catalog
from pioc_metrics.text.i18n import LANGUAGES, t
from pioc_metrics.text.labels import indicator_label
from tests.conftest import ROOT

pytestmark = pytest.mark.e2e
CATALOG, _ = load_catalog(ROOT / "data" / "indicator_catalog.csv")
SIZES = {"laptop": (1366, 768), "phone": (390, 844), "projector": (1920, 1080)}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("city", ["niteroi", "dayton"])
def test_a_citys_year_so_far_shows_in_its_language(page_for, city, lang):
    app = page_for()
    app.goto(f"/city?city={city}&indicator=homicides&lang={lang}")
    heading = app.page.get_by_role("heading", name=t("ytd_title", lang))
    heading.wait_for(timeout=30_000)
    heading.scroll_into_view_if_needed()
    app.page.wait_for_timeout(500)
    app.screenshot(f"months_{city}_{lang}")
    text = app.main_text()
    if city == "niteroi":  # the methodology's example: 16 against 8, interval 0.808 to 5.398
        assert ("0.81" if lang == "en" else "0,81") in text and ("5.40" if lang == "en" else "5,40") in text
    app.assert_clean()


@pytest.mark.parametrize("size", list(SIZES))
def test_niteroi_months_are_readable_on_every_screen(page_for, size):
    width, height = SIZES[size]
    app = page_for(width=width, height=height)
    app.goto("/city?city=niteroi&indicator=homicides&lang=pt")
    chart = app.page.locator("[data-testid='stPlotlyChart']").nth(1)
    heading = app.page.get_by_role("heading", name=t("ytd_title", "pt"))
    heading.wait_for(timeout=30_000)
    heading.scroll_into_view_if_needed()
    app.page.wait_for_timeout(800)
    app.screenshot(f"months_niteroi_{size}")
    assert chart.count() == 1
    chart.scroll_into_view_if_needed()
    app.page.wait_for_timeout(800)
    app.screenshot(f"months_niteroi_{size}_chart")
    panels = app.page.get_by_role("heading", name=t("city_all_indicators", "pt", city="Niterói"))
    panels.scroll_into_view_if_needed()
    app.page.wait_for_timeout(800)
    app.screenshot(f"months_niteroi_{size}_panels")
    app.assert_clean()


def test_the_overview_lists_cities_with_monthly_figures(page_for):
    app = page_for()
    app.goto("/?lang=es")
    heading = app.page.get_by_role("heading", name=t("overview_ytd_title", "es"))
    heading.wait_for(timeout=30_000)
    heading.scroll_into_view_if_needed()
    app.page.wait_for_timeout(500)
    app.screenshot("months_overview_es")
    app.assert_clean()


@pytest.mark.parametrize(("indicator", "lang"), [("robberies", "en"), ("rapes", "es"), ("aggravated_assaults", "pt")])
@pytest.mark.parametrize(("path", "query"), [("/compare", "cities=dayton,niteroi,oakland"), ("/map", ""),
                                             ("/city", "city=dayton")])
def test_a_new_indicator_opens_clean_on_every_page_that_chooses_one(page_for, path, query, indicator, lang):
    app = page_for()
    app.goto(f"{path}?{query + '&' if query else ''}indicator={indicator}&lang={lang}")
    app.screenshot(f"months_{indicator}_{path.strip('/')}_{lang}")
    assert indicator_label(CATALOG, indicator, lang) in app.main_text()
    app.assert_clean()
