"""Downloads: formula injection neutralised, exact filtered rows, the template (pioc_metrics.exports.downloads)."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from pioc_metrics import constants as C
from pioc_metrics.data.loading import load_dataset
from pioc_metrics.data.reading import read_table
from pioc_metrics.data.upload import check_upload
from pioc_metrics.engine.progress import PROGRESS_COLUMNS, progress_table
from pioc_metrics.exports import downloads
from pioc_metrics.figures.coverage import filter_rows
from pioc_metrics.settings import Settings
from pioc_metrics.text import formatting as F
from pioc_metrics.text.i18n import LANGUAGES, t

DATA = Path(__file__).resolve().parents[2] / "data"
BASE, _ = load_dataset(DATA)

DANGEROUS = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tTAB", "\rCR", '=HYPERLINK("http://x","click")']


def workbook(content: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(content))


def test_cells_that_start_like_a_formula_get_a_leading_quote():
    frame = pd.DataFrame({"text": DANGEROUS + ["safe", "a=b"]})
    safe = downloads.neutralise(frame)["text"].tolist()
    assert safe[:len(DANGEROUS)] == ["'" + v for v in DANGEROUS]
    assert safe[-2:] == ["safe", "a=b"]


def test_negative_numbers_in_numeric_columns_stay_numbers():
    frame = pd.DataFrame({"value": [-5.5, 3.0], "lon": [-76.3, 10.0], "note": ["-5.5", "x"]})
    safe = downloads.neutralise(frame)
    assert safe["value"].tolist() == [-5.5, 3.0] and safe["lon"].tolist() == [-76.3, 10.0]
    assert safe["note"].tolist() == ["'-5.5", "x"]  # text that looks like a formula is text
    sheet = workbook(downloads.excel_bytes({"data": frame}))["data"]
    assert sheet["A2"].value == -5.5 and sheet["A2"].data_type == "n"


def test_csv_download_has_no_formula_cell():
    frame = pd.DataFrame({"city": DANGEROUS, "value": range(len(DANGEROUS))})
    content = downloads.csv_bytes(frame)
    assert content.startswith(b"\xef\xbb\xbf")  # a spreadsheet reads the accents right
    read, _ = read_table(content, "x.csv")
    assert all(cell.startswith("'") for cell in read["city"])


def test_excel_download_stores_every_dangerous_text_as_text_never_a_formula():
    frame = pd.DataFrame({"=bad column": DANGEROUS, "value": range(len(DANGEROUS))})
    sheet = workbook(downloads.excel_bytes({"data": frame}))["data"]
    assert sheet["A1"].value == "'=bad column"
    for row in sheet.iter_rows(min_row=2, max_col=1):
        assert row[0].data_type == "s" and row[0].value.startswith("'")


def test_downloads_contain_exactly_the_filtered_rows_with_sources():
    rows = filter_rows(BASE.indicators, cities=["palmira"], indicators_chosen=["homicide_rate"], years=(2015, 2020))
    frame = downloads.download_frame(rows, BASE.cities)
    assert len(frame) == len(rows) > 0
    assert set(frame["city"]) == {"Palmira"} and frame["year"].between(2015, 2020).all()
    assert (frame["source"] != "").all()
    book = workbook(downloads.data_excel(rows, BASE))
    assert book.sheetnames == ["data", "indicators"]
    assert book["data"].max_row == len(rows) + 1
    read, _ = read_table(downloads.csv_bytes(frame), "d.csv")
    assert len(read) == len(rows)
    assert list(read.columns[:-1]) == list(downloads.DOWNLOAD_COLUMNS)


def test_a_download_uploaded_back_is_accepted_row_for_row():
    rows = filter_rows(BASE.indicators, cities=["cali"])
    rows = rows.loc[~rows["derived"]]
    content = downloads.csv_bytes(downloads.download_frame(rows, BASE.cities))
    report = check_upload(content, "cali.csv", BASE)
    assert report.values_accepted == len(rows) and not report.errors
    assert report.replaced_keys == len(rows)


def test_template_has_the_long_columns_a_real_example_row_and_the_indicator_ids():
    book = workbook(downloads.template_excel(BASE, "es"))
    assert book.sheetnames == ["data", "indicators", "cities", "instructions"]
    data = book["data"]
    header = [c.value for c in data[1]]
    assert header == list(downloads.TEMPLATE_COLUMNS)
    example = dict(zip(header, [c.value for c in data[2]]))
    shipped = BASE.indicators.loc[(BASE.indicators["city_id"] == example["city_id"])
                                  & (BASE.indicators["year"] == example["year"])
                                  & (BASE.indicators["indicator"] == example["indicator"])
                                  & (BASE.indicators["series"] == example["series"])]
    assert len(shipped) == 1
    assert example["value"] == pytest.approx(shipped["value"].iloc[0])
    assert example["source"] == shipped["source"].iloc[0]
    assert example["note"].startswith("EJEMPLO")
    ids = [row[0].value for row in book["indicators"].iter_rows(min_row=2)]
    assert ids == list(BASE.catalog["indicator"])
    assert "Tasa de homicidios" in [row[1].value for row in book["indicators"].iter_rows(min_row=2)]


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_template_uploaded_unchanged_is_skipped_as_an_example(lang):
    for content, name in ((downloads.template_excel(BASE, lang), "t.xlsx"),
                          (downloads.template_csv(BASE, lang), "t.csv")):
        report = check_upload(content, name, BASE)
        assert {p.code for p in report.problems} == {"data_example_row"}
        assert report.values_accepted == 0


def test_template_filled_in_is_accepted():
    frame = downloads.template_frame(BASE, "en")
    frame.loc[0, ["city_id", "year", "value", "source", "note"]] = ["palmira", 2024, 39.5, "My office", ""]
    report = check_upload(downloads.csv_bytes(frame), "filled.csv", BASE)
    assert report.values_accepted == 1 and not report.errors


def test_city_csv_holds_every_row_with_full_sources():
    text = downloads.city_csv(BASE, "palmira").decode("utf-8-sig")
    back = pd.read_csv(io.StringIO(text))
    expected = BASE.indicators.loc[BASE.indicators.city_id == "palmira"]
    assert len(back) == len(expected)
    assert set(back["series"]) == {"main", "pioc-report-2023"}
    assert set(back["source"]) == set(expected["source"])
    assert list(back.columns[:3]) == ["city_id", "city", "country"]
    assert set(back["city"]) == {"Palmira"} and set(back["country"]) == {"Colombia"}


def test_city_csv_gives_the_monthly_rows_with_their_month_and_uploads_back_row_for_row():
    text = downloads.city_csv(BASE, "niteroi").decode("utf-8-sig")
    back = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    months = BASE.monthly.loc[BASE.monthly["city_id"] == "niteroi"]
    yearly = BASE.indicators.loc[BASE.indicators["city_id"] == "niteroi"]
    assert "month" in back.columns and len(back) == len(months) + len(yearly)
    assert (back["month"] != "").sum() == len(months)
    assert set(back.loc[back["month"] != "", "month"]) == {str(m) for m in range(1, 13)}
    march = back.loc[(back["year"] == "2026") & (back["month"] == "3") & (back["indicator"] == "homicides")]
    assert march["value"].tolist() == ["6.0"]
    given = back.loc[back["derived"] == "False"].to_csv(index=False).encode("utf-8")
    report = check_upload(given, "niteroi.csv", BASE)
    assert not report.errors and report.values_accepted == len(given.splitlines()) - 1
    assert report.replaced_keys == report.values_accepted


def test_template_has_an_empty_month_and_explains_it():
    frame = downloads.template_frame(BASE, "en")
    assert list(frame.columns).index("month") == list(frame.columns).index("year") + 1
    assert frame.loc[0, "month"] is None
    instructions = [row[0].value for row in workbook(downloads.template_excel(BASE, "en"))["instructions"]
                    .iter_rows(min_row=2)]
    assert len(instructions) == len(downloads.TEMPLATE_HELP)
    assert any(text.startswith("month:") for text in instructions)


# ---------------------------------------------------------------- the progress table


def test_progress_download_has_every_column_of_the_table_and_each_city_named():
    settings = Settings(indicator="homicide_rate", reduction=0.6)
    table = progress_table(BASE, settings)
    frame = downloads.progress_frame(table, BASE)
    assert list(frame.columns[:3]) == ["city_id", "city", "country"]
    assert set(table.columns) | {"city", "country"} == set(frame.columns)
    assert [c for c in frame.columns if c in PROGRESS_COLUMNS] == list(PROGRESS_COLUMNS)
    assert len(frame) == len(table)
    palmira = frame.set_index("city_id").loc["palmira"]
    assert palmira["city"] == "Palmira"
    assert palmira["target"] == pytest.approx(table.loc["palmira", "target"])
    read, _ = read_table(downloads.progress_csv(table, BASE), "p.csv")
    assert [c for c in read.columns if c != "_row"] == list(frame.columns) and len(read) == len(table)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_progress_excel_says_what_it_was_computed_from(lang):
    settings = Settings(indicator="homicide_rate", baseline_year=2018, smoothing="3y")
    table = progress_table(BASE, settings)
    about = downloads.about_frame(settings, lang, "shipped data abc", "2025-06-01")
    book = workbook(downloads.progress_excel(table, BASE, about))
    assert book.sheetnames == ["progress", "about"]
    assert book["progress"].max_row == len(table) + 1
    rows = {r[0].value: (r[1].value, r[2].value) for r in book["about"].iter_rows(min_row=2)}
    assert rows["settings"] == (t("progress_about_settings", lang), F.settings_line(settings, lang))
    assert rows["baseline"][1] == "2018" and rows["smoothing"][1] == "3y"
    assert rows["target_year"][1] == str(settings.target_year) and rows["indicator"][1] == "homicide_rate"
    assert rows["data"][1] == "shipped data abc" and rows["made"][1] == "2025-06-01"
    assert C.METHODOLOGY_VERSION in rows["methodology"][1]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_data_is_named_shipped_with_its_fingerprint_or_the_users_upload(lang):
    assert downloads.data_identity("shipped-1a2b3c", lang) == t("progress_data_shipped", lang, key="1a2b3c")
    mine = downloads.data_identity("9f8e7d6c5b4a3210ff", lang, "my city.csv")
    assert mine == t("progress_data_upload", lang, name="my city.csv", key="9f8e7d6c5b4a")
    assert "my city.csv" in mine


def test_progress_file_name_carries_the_settings():
    stem = downloads.progress_file_stem(Settings(indicator="homicides", reduction=0.4, path="linear"), "2025-06-01")
    assert stem == "pioc-progress_homicides_base-own_2030_40pc_none_linear_2025-06-01"


def test_a_city_name_that_starts_like_a_formula_is_neutralised_in_the_progress_download():
    cities = BASE.cities.copy()
    cities.loc[cities["city_id"] == "palmira", "city"] = "=HYPERLINK(1)"
    data = replace(BASE, cities=cities)
    table = progress_table(BASE, Settings(indicator="homicide_rate"))
    read, _ = read_table(downloads.progress_csv(table, data), "p.csv")
    assert "'=HYPERLINK(1)" in set(read["city"])
