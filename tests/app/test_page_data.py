"""The /data page through AppTest: every language, a stored session upload, the upload handler."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pioc_metrics.app.registry import PAGES
from pioc_metrics.data.loading import load_dataset
from pioc_metrics.data.upload import apply_upload, check_upload
from pioc_metrics.settings import Settings
from pioc_metrics.text import formatting as F
from pioc_metrics.text.i18n import LANGUAGES, t
from tests.apptest_pages import open_page

ROOT = Path(__file__).resolve().parents[2]
BASE, _ = load_dataset(ROOT / "data")
XSS = "<img src=x onerror=alert(1)>"
XSS_UPLOAD = (f"city,country,lat,lon,year,indicator,value,source\n"
              f"{XSS},Colombia,4.5,-74.1,2019,homicide_rate,30,{XSS}\n"
              f"{XSS},Colombia,4.5,-74.1,2023,homicide_rate,20,{XSS}\n").encode()


def data_page(lang: str = "en", user_data: dict | None = None) -> AppTest:
    return open_page("data", session=None if user_data is None else {"user_data": user_data}, lang=lang)


def texts(at: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "text", "caption", "info", "success", "warning", "error", "title")
             for e in at.get(kind)]
    return "\n".join(str(p) for p in parts)


def plot_spec(at: AppTest) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_data_page_renders_in_every_language_with_grid_table_and_downloads(lang):
    at = data_page(lang)
    assert at.title[0].value == t("data_title", lang)
    tab_keys = ("data_tab_coverage", "data_tab_table", "data_tab_releases", "data_tab_upload", "data_tab_template")
    assert [tab.label for tab in at.tabs] == [t(k, lang) for k in tab_keys]
    spec = plot_spec(at)
    assert t("no_data_yet", lang) in json.dumps(spec["data"][0]["y"], ensure_ascii=False)
    assert "●" in json.dumps(spec["data"][0]["text"], ensure_ascii=False)
    table = at.dataframe[0].value
    assert len(table) == len(BASE.indicators) and (table["source"] != "").all()
    labels = [b.proto.label for b in at.get("download_button")]
    assert t("data_download_csv", lang) in labels and t("data_download_template_excel", lang) in labels
    assert t("data_rows_shown", lang, rows=len(BASE.indicators)) in texts(at)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_progress_table_downloads_are_offered_with_their_settings(lang):
    at = data_page(lang)
    labels = [b.proto.label for b in at.get("download_button")]
    assert t("data_download_progress_csv", lang) in labels and t("data_download_progress_excel", lang) in labels
    assert t("data_progress_title", lang) in [s.value for s in at.subheader]
    assert any(F.settings_line(Settings(), lang) in c.value.replace("\\", "") for c in at.caption)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_series_are_named_in_words_not_ids(lang):
    at = data_page(lang)
    picker = at.selectbox(key="data_cov_series")
    assert t("series_main", lang) in picker.options and "PiOC report 2023" in picker.options
    assert not {"main", "pioc-report-2023"} & set(picker.options)
    table = at.dataframe[0].value
    palmira = table.loc[table["city"] == "Palmira", "series"]
    assert set(palmira) == {"Policía Nacional de Colombia (DIJIN) records and DANE population", "PiOC report 2023"}
    assert set(table.loc[table["city"] == "Palmira", "country"]) == {{"en": "Colombia", "es": "Colombia",
                                                                       "pt": "Colômbia"}[lang]}


def test_filters_narrow_the_table_and_the_count():
    at = data_page()
    at.multiselect(key="data_f_cities").select("palmira").run()
    at.multiselect(key="data_f_indicators").select("homicide_rate").run()
    table = at.dataframe[0].value
    expected = BASE.indicators.loc[(BASE.indicators["city_id"] == "palmira")
                                   & (BASE.indicators["indicator"] == "homicide_rate")]
    assert len(table) == len(expected) and set(table["city"]) == {"Palmira"}
    assert t("data_rows_shown", "en", rows=len(expected)) in texts(at)


def test_coverage_grid_follows_the_indicator_and_series_picker():
    at = data_page()
    at.selectbox(key="data_cov_indicator").select("population").run()
    assert "Population" in plot_spec(at)["layout"]["title"]["text"]


def stored_upload(mode: str = "extend", content: bytes = XSS_UPLOAD, name: str = f"{XSS}.csv") -> dict:
    report = check_upload(content, name, BASE)
    assert report.usable, report.problems
    return apply_upload(BASE, report, mode, name)


def test_a_stored_upload_is_marked_your_data_and_a_script_name_shows_as_text():
    at = data_page("en", stored_upload())
    assert t("your_data_badge", "en") in texts(at)
    assert f"{XSS}.csv" in [e.value for e in at.text]  # the file name, as plain text
    table = at.dataframe[0].value
    mine = table.loc[table["city"] == XSS]
    assert len(mine) == 2 and set(mine["origin"]) == {t("your_data", "en")}
    assert set(mine["source"]) == {XSS}
    y_labels = json.dumps(plot_spec(at)["data"][0]["y"])
    assert "&lt;img src=x onerror=alert(1)&gt;" in y_labels and XSS not in y_labels
    assert all(XSS not in str(m.value) for m in at.markdown)  # never through markdown/HTML


@pytest.mark.parametrize("lang", LANGUAGES)
def test_remove_button_goes_back_to_the_shipped_data(lang):
    at = data_page(lang, stored_upload("replace"))
    assert len(at.dataframe[0].value) == 2
    at.button(key="data_remove").click().run()
    assert not at.exception
    assert "user_data" not in at.session_state
    assert len(at.dataframe[0].value) == len(BASE.indicators)


@pytest.mark.parametrize("page_id", [p.id for p in PAGES if p.id != "data" and p.role is None])  # staff pages
def test_other_pages_show_the_your_data_banner_for_a_stored_upload(page_id):  # refuse a visitor before any banner
    at = open_page(page_id, session={"user_data": stored_upload()})
    assert not at.exception
    assert any(t("your_data_badge", "en") in e.value for e in at.info)


HANDLER = """
import base64
from pioc_metrics.app.context import page_setup
from pioc_metrics.app import data as ui_data
ctx = page_setup("data", sidebar=False)
ui_data.handle_upload(ctx, base64.b64decode("{content}"), "{name}")
"""


def handler_app(content: bytes, name: str) -> AppTest:
    script = HANDLER.format(content=base64.b64encode(content).decode(), name=name)
    at = AppTest.from_string(script, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def test_handler_reports_rejected_rows_in_a_table_and_applies_the_accepted_ones():
    content = b"city_id,year,indicator,value,source\npalmira,2023,homicide_rate,39,x\npalmira,2024,homicides,-3,x\n"
    at = handler_app(content, "mixed.csv")
    report = at.dataframe[0].value
    assert report.iloc[0].tolist() == ["3", "value", "the value -3 is negative; values must be zero or more"]
    assert t("data_report_summary", "en", rows=2, values=1, rejected=1, skipped=0) in texts(at)
    at.radio(key="data_mode").set_value("replace")
    at.button(key="data_apply").click().run()
    assert not at.exception
    stored = at.session_state["user_data"]
    assert stored["mode"] == "replace" and stored["name"] == "mixed.csv"
    assert list(stored["dataset"].cities["city_id"]) == ["palmira"]


def test_handler_shows_a_clear_message_for_a_file_that_cannot_be_read():
    at = handler_app(b"\x00\x01garbage" * 3, "junk.xlsx")
    assert t("data_report_file_problem", "en") in [e.value for e in at.error]
    assert "corrupt" in at.dataframe[0].value.iloc[0]["reason"] or "damaged" in at.dataframe[0].value.iloc[0]["reason"]
    assert not at.get("button")


def test_handler_asks_a_single_city_sheet_for_its_city_and_source():
    at = handler_app(b"year,homicides\n2019,10\n2020,8\n", "one-city.csv")
    assert at.selectbox(key="data_form_city") is not None
    at.selectbox(key="data_form_city").select("palmira")
    at.text_input(key="data_form_source").input("Police records")
    at.button[0].click().run()
    assert not at.exception
    assert t("data_report_summary", "en", rows=2, values=2, rejected=0, skipped=0) in texts(at)
