"""Uploads in a real browser: a good file reaches every page marked as "your data"; a bad file gets a
report and the app keeps working; a script in a name stays text; two sessions never see each other's data."""

from __future__ import annotations

import pytest
from app_steps import go, open_upload_tab, upload

from pioc_metrics.app.registry import VISITOR_PAGES as PAGES
from pioc_metrics.text.i18n import t

pytestmark = pytest.mark.e2e

XSS = "<img src=x onerror=alert(1)>"
GOOD = ("city,country,year,indicator,value,source\n"
        + "".join(f"Campinas,Brasil,{year},homicide_rate,{value},SSP-SP test figures\n"
                  for year, value in ((2019, 14.0), (2020, 13.1), (2021, 12.0), (2022, 11.2), (2023, 10.4)))
        ).encode()
BAD = b"city_id,year,indicator,value,source\npalmira,20x0,homicides,-4,\nnowhere,2020,homicide_rate,5000,x\n"
SCRIPT = (f"city,country,lat,lon,year,indicator,value,source\n"
          f"\"{XSS}\",Colombia,4.5,-74.1,2019,homicide_rate,30,\"{XSS}\"\n"
          f"\"{XSS}\",Colombia,4.5,-74.1,2023,homicide_rate,20,x\n").encode()


def test_a_good_upload_appears_on_every_page_marked_as_your_data(page_for):
    app = open_upload_tab(page_for())
    upload(app, "campinas.csv", GOOD)
    app.screenshot("data_upload_good_1366x768")
    text = app.main_text()
    assert t("your_data_badge", "en") in text and "campinas.csv" in text
    app.assert_clean()
    for entry in PAGES:
        if entry.sidebar and entry.id != "data":  # from a page without the sidebar there is no link onwards
            go(app, entry.title_key)
            assert t("your_data_badge", "en") in app.main_text(), entry.id
            app.assert_clean()
    go(app, "nav_data")
    assert t("your_data_badge", "en") in app.main_text()
    app.assert_clean()
    app.screenshot("data_upload_good_elsewhere")


def test_a_bad_upload_gets_a_row_by_row_report_and_the_app_keeps_working(page_for):
    app = open_upload_tab(page_for(locale="es-CO"), "es")
    upload(app, "malo.csv", BAD, apply=False, lang="es")
    app.screenshot("data_upload_bad_1366x768")
    text = app.main_text()
    assert t("data_report_summary", "es", rows=2, values=0, rejected=2, skipped=0) in text
    assert t("data_report_rejected_title", "es") in text
    assert t("data_apply", "es") not in text
    app.assert_clean()
    go(app, "nav_city", "es")
    assert t("your_data_badge", "es") not in app.main_text()
    assert t("nav_city", "es") in app.main_text()
    app.assert_clean()


def test_a_script_in_a_file_name_and_a_city_name_is_shown_as_text_and_runs_nothing(page_for):
    app = open_upload_tab(page_for())
    dialogs: list[str] = []
    app.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    upload(app, f"{XSS}.csv", SCRIPT)
    assert f"{XSS}.csv" in app.main_text()  # the name, as characters
    app.page.get_by_role("tab", name=t("data_tab_coverage", "en")).click()
    app.wait_idle()
    app.screenshot("data_upload_script_name")
    assert app.page.locator("img[onerror]").count() == 0
    assert app.page.evaluate("() => document.querySelectorAll('img[src=\"x\"]').length") == 0
    go(app, "nav_overview")
    go(app, "nav_map")
    app.page.wait_for_timeout(500)
    assert app.page.locator("img[onerror]").count() == 0
    assert dialogs == []
    app.assert_clean()


def test_two_browser_sessions_each_see_only_their_own_upload(page_for):
    first = open_upload_tab(page_for())
    second = open_upload_tab(page_for())
    upload(first, "campinas.csv", GOOD)
    go(second, "nav_overview")
    assert t("your_data_badge", "en") not in second.main_text()
    go(second, "nav_data")
    second.page.get_by_role("tab", name=t("data_tab_upload", "en")).click()
    second.wait_idle()
    other = GOOD.replace(b"Campinas", b"Sorocaba").replace(b"SSP-SP test figures", b"second session")
    upload(second, "sorocaba.csv", other, mode="replace")
    for app, mine, theirs in ((first, "campinas", "sorocaba"), (second, "sorocaba", "campinas")):
        go(app, "nav_overview")
        go(app, "nav_data")
        app.page.get_by_role("tab", name=t("data_tab_upload", "en")).click()
        app.wait_idle()
        text = app.main_text()
        assert f"{mine}.csv" in text and f"{theirs}.csv" not in text
        app.page.get_by_role("tab", name=t("data_tab_coverage", "en")).click()
        app.wait_idle()
        grid = app.page.locator("[data-testid='stPlotlyChart']").first.inner_text()
        assert mine.capitalize() in grid and theirs.capitalize() not in grid
        app.assert_clean()
