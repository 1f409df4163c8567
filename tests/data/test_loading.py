"""Reading and validating the contract's files: pioc_metrics.data.loading and the command line."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pioc_metrics.cli import main_validate
from pioc_metrics.text.i18n import LANGUAGES
from pioc_metrics.data.loading import (
    load_catalog,
    load_dataset,
    problem_message,
    read_table,
    validate_cities,
    validate_indicators,
    validate_national,
    validate_paths,
)
from pioc_metrics.data.dataset import CITY_COLUMNS, INDICATOR_COLUMNS
from pioc_metrics.text.translations.problems import STRINGS

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
BAD_FILES = Path(__file__).resolve().parents[1] / "bad_files"
CATALOG = load_catalog(DATA / "indicator_catalog.csv")[0]

CITIES_CSV = """city_id,city,country,iso3,lat,lon,status,member_since,population,population_year,strategy,motto
alpha,Álpha Ciudad,Testland,TST,10.5,-70.25,member,2019,419000,2020,Plan A,first
beta,São Beta,Testland,tst,-20,40,prospective,,,,,
gamma,Gamma,Otherland,OTH,0,0,other,,,,,
"""


def read(text: str, filename: str = "upload.csv") -> tuple[pd.DataFrame, list]:
    frame, problems = read_table(text.encode("utf-8"), filename)
    assert frame is not None, problems
    return frame, problems


def synthetic_cities() -> pd.DataFrame:
    frame, _ = read(CITIES_CSV, "cities.csv")
    cities, problems = validate_cities(frame, "cities.csv")
    assert problems == []
    return cities


def indicators(text: str, filename: str = "upload.csv", **options):
    frame, read_problems = read(text, filename)
    clean, new_cities, problems = validate_indicators(frame, filename, synthetic_cities(), CATALOG, **options)
    return clean, new_cities, read_problems + problems


def only(problems, code):
    found = [p for p in problems if p.code == code]
    assert len(found) == 1, problems
    return found[0]


def codes(problems) -> set[str]:
    return {p.code for p in problems}


# --- shipped data -----------------------------------------------------------

def test_shipped_data_loads_with_zero_errors_and_22_cities():
    dataset, problems = load_dataset(DATA)
    assert [p for p in problems if p.is_error] == []
    assert len(dataset.cities) == 22
    assert len(dataset.indicators) > 300
    assert len(dataset.national) > 300
    assert set(CATALOG["indicator"]) >= {"homicide_rate", "homicides", "violent_deaths", "population"}


def test_every_shipped_indicator_row_has_a_source_and_a_known_city():
    dataset, _ = load_dataset(DATA)
    raw = pd.read_csv(DATA / "indicators.csv", dtype=str, keep_default_na=False)
    assert (raw["source"].str.strip() != "").all()
    assert set(raw["city_id"]) <= set(dataset.cities["city_id"])
    assert (dataset.indicators["source"] != "").all()
    assert len(dataset.indicators.loc[~dataset.indicators["derived"]]) == len(raw)


def test_shipped_frames_have_the_contract_columns_and_dtypes():
    dataset, _ = load_dataset(DATA)
    assert tuple(dataset.cities.columns[: len(CITY_COLUMNS)]) == CITY_COLUMNS
    assert tuple(dataset.indicators.columns[: len(INDICATOR_COLUMNS)]) == INDICATOR_COLUMNS
    assert str(dataset.cities["baseline_year"].dtype) == "Int64"
    assert dataset.cities["lat"].dtype == "float64"
    assert dataset.indicators["year"].dtype == "int64"
    assert dataset.indicators["value"].dtype == "float64"
    assert dataset.indicators["derived"].dtype == bool
    assert (dataset.cities["origin"] == "shipped").all()
    assert not dataset.indicators["note"].isna().any()
    assert set(dataset.indicators["series"]) >= {"main"}


def test_dataset_without_catalog_falls_back_to_the_shipped_catalog(tmp_path):
    (tmp_path / "cities.csv").write_text(CITIES_CSV, encoding="utf-8")
    (tmp_path / "indicators.csv").write_text(
        "city_id,year,indicator,value,source\nalpha,2020,homicides,131,Synthetic police\n"
        "alpha,2020,population,419000,Synthetic census\n", encoding="utf-8")
    dataset, problems = load_dataset(tmp_path)
    assert problems == []
    assert list(dataset.catalog["indicator"]) == list(CATALOG["indicator"])
    rate = dataset.indicators.query("indicator == 'homicide_rate'")
    assert rate["value"].tolist() == [31.26491646778043]
    assert rate["derived"].tolist() == [True]
    assert dataset.national.empty


def test_dataset_with_missing_cities_file_reports_it(tmp_path):
    dataset, problems = load_dataset(tmp_path)
    assert "missing_file" in codes(problems)
    assert dataset.cities.empty and dataset.indicators.empty


# --- reading bytes ----------------------------------------------------------

def test_semicolon_csv_with_bom_is_read():
    content = "\ufeffcity_id;year;indicator;value;source\nalpha;2019;homicides;12,5;Synthetic\n".encode("utf-8")
    frame, problems = read_table(content, "export.csv")
    assert problems == []
    assert list(frame.columns) == ["city_id", "year", "indicator", "value", "source", "_row"]
    assert frame.loc[0, "value"] == "12,5"


def test_decimal_comma_is_accepted_in_semicolon_files():
    clean, _, problems = indicators("city_id;year;indicator;value;source\nalpha;2019;homicide_rate;12,5;Synthetic\n")
    assert problems == []
    assert clean["value"].tolist() == [12.5]


def test_decimal_comma_is_not_a_number_in_comma_files():
    _, _, problems = indicators('city_id,year,indicator,value,source\nalpha,2019,homicide_rate,"12,5",Synthetic\n')
    problem = only(problems, "invalid_number")
    assert (problem.row, problem.column) == (2, "value")


def test_tab_delimited_csv_is_read():
    frame, problems = read("city_id\tyear\tvalue\nalpha\t2019\t3\n", "export.txt")
    assert problems == []
    assert frame.loc[0, "year"] == "2019"


def test_cp1252_csv_is_read_with_an_encoding_warning():
    content = "city,country\nMedellín,Colombia\n".encode("cp1252")
    frame, problems = read_table(content, "legacy.csv")
    problem = only(problems, "encoding")
    assert not problem.is_error
    assert frame.loc[0, "city"] == "Medellín"


def test_utf16_unicode_text_export_is_read():
    content = "city\tcountry\nNiterói\tBrasil\n".encode("utf-16")
    frame, problems = read_table(content, "unicode.txt")
    assert problems == []
    assert frame.loc[0, "city"] == "Niterói"


def test_column_names_are_lower_cased_and_values_stripped():
    frame, _ = read("  City_ID , YEAR \n  alpha  , 2019 \n")
    assert list(frame.columns) == ["city_id", "year", "_row"]
    assert frame.loc[0].tolist()[:2] == ["alpha", "2019"]


def test_row_numbers_count_header_and_blank_lines_as_a_spreadsheet_does():
    frame, _ = read('a,b\n1,2\n\n,\n"multi\nline",3\n4,5\n')
    assert frame["_row"].tolist() == [2, 5, 6]
    assert frame.loc[1, "a"] == "multi\nline"


def test_leading_blank_lines_move_the_header_down():
    frame, _ = read("\n\na,b\n1,2\n")
    assert frame["_row"].tolist() == [4]


def test_empty_file_is_a_problem():
    for content in (b"", b"   \n\n", b"\xef\xbb\xbf"):
        frame, problems = read_table(content, "empty.csv")
        assert frame is None
        assert codes(problems) == {"empty_file"}


def test_header_only_file_is_a_problem():
    frame, problems = read_table(b"city_id,year,indicator,value,source\n", "header.csv")
    assert frame is not None and frame.empty
    assert codes(problems) == {"no_rows"}


def test_row_with_extra_cells_is_reported_and_short_rows_are_padded():
    frame, problems = read("a,b\n1,2,3\n4\n5,6,,\n")
    problem = only(problems, "extra_cells")
    assert problem.row == 2 and not problem.is_error
    assert frame[["a", "b"]].values.tolist() == [["1", "2"], ["4", ""], ["5", "6"]]


def test_duplicate_column_keeps_the_first():
    frame, problems = read("value,Value\n1,2\n")
    assert only(problems, "duplicate_column").column == "value"
    assert frame.loc[0, "value"] == "1"


def test_unknown_extension_and_legacy_xls_are_unsupported():
    assert codes(read_table(b"%PDF-1.4 ...", "report.pdf")[1]) == {"unsupported_format"}
    assert codes(read_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old.xls")[1]) == {"unsupported_format"}


def test_text_named_xlsx_is_a_corrupt_file():
    frame, problems = read_table(b"city_id,year\nalpha,2019\n", "renamed.xlsx")
    assert frame is None and codes(problems) == {"corrupt_file"}


def workbook_bytes(sheets: dict[str, list[list]]) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_round_trip():
    content = workbook_bytes({"Data": [
        ["City_ID", "Year", "Indicator", "Value", "Source"],
        ["alpha", 2019, "homicide_rate", 12.5, "Synthetic"],
        [None, None, None, None, None],
        ["alpha", 2020.0, "homicides", 131, " Synthetic "],
    ]})
    frame, problems = read_table(content, "upload.xlsx")
    assert problems == []
    assert frame["_row"].tolist() == [2, 4]
    assert frame["year"].tolist() == ["2019", "2020"]
    assert frame["value"].tolist() == ["12.5", "131"]
    clean, _, problems = validate_indicators(frame, "upload.xlsx", synthetic_cities(), CATALOG)
    assert problems == [] and clean["value"].tolist() == [12.5, 131.0]


def test_xlsx_first_sheet_with_data_is_used():
    content = workbook_bytes({"Notes": [], "Data": [["year", "homicides"], [2019, 4]]})
    frame, problems = read_table(content, "book.xlsx")
    assert problems == [] and frame.loc[0, "homicides"] == "4"


def test_zip_bomb_disguised_as_xlsx_is_rejected():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))
    frame, problems = read_table(buffer.getvalue(), "innocent.xlsx")
    assert frame is None
    assert codes(problems) == {"file_too_large"}


def test_truncated_xlsx_is_a_problem_not_an_exception():
    content = workbook_bytes({"Data": [["year", "homicides"], [2019, 4]]})
    for cut in (len(content) // 2, len(content) - 30, 10):
        frame, problems = read_table(content[:cut], "cut.xlsx")
        assert frame is None
        assert codes(problems) <= {"corrupt_file", "unreadable"} and problems


def test_zip_that_is_not_a_workbook_is_a_problem():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", b"<doc/>")
    frame, problems = read_table(buffer.getvalue(), "letter.xlsx")
    assert frame is None and codes(problems) == {"corrupt_file"}


def parquet_bytes(table: pa.Table) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def test_parquet_round_trip():
    table = pa.table({
        "City_ID": ["alpha", "beta"], "year": [2019, 2020], "indicator": ["homicides", "homicides"],
        "value": [12.0, None], "source": ["Synthetic", "Synthetic"],
    })
    frame, problems = read_table(parquet_bytes(table), "upload.parquet")
    assert problems == []
    assert frame["value"].tolist() == ["12", ""]
    clean, _, problems = validate_indicators(frame, "upload.parquet", synthetic_cities(), CATALOG)
    assert clean["value"].tolist() == [12.0]
    assert codes(problems) == {"empty_value"}


def test_parquet_with_nested_and_binary_columns_does_not_crash():
    table = pa.table({
        "year": [2019], "nested": [[1, 2]], "record": [{"a": 1}], "blob": [b"\xff\x00bytes"],
    })
    frame, problems = read_table(parquet_bytes(table), "odd.parquet")
    assert frame is not None
    assert frame.loc[0, "year"] == "2019"
    assert all(isinstance(v, str) for v in frame.loc[0, ["nested", "record", "blob"]])
    assert all(not p.is_error for p in problems)


def test_truncated_parquet_is_a_problem():
    content = parquet_bytes(pa.table({"year": list(range(2000, 2020))}))
    frame, problems = read_table(content[: len(content) // 2], "cut.parquet")
    assert frame is None and codes(problems) == {"corrupt_file"}


# --- cities.csv rules -------------------------------------------------------

CITY_CASES = [
    ("city_id", "Beta City", "invalid_city_id"),
    ("city_id", "", "missing_value"),
    ("city", "", "missing_value"),
    ("country", "", "missing_value"),
    ("iso3", "TS", "invalid_iso3"),
    ("lat", "north", "invalid_number"),
    ("lat", "91", "out_of_range"),
    ("lon", "-180.5", "out_of_range"),
    ("status", "friend", "invalid_status"),
    ("member_since", "1949", "invalid_year"),
    ("member_since", "soon", "invalid_year"),
    ("population", "-3", "invalid_population"),
    ("population", "12.5", "invalid_population"),
]


@pytest.mark.parametrize("column, bad, code", CITY_CASES)
def test_each_broken_city_rule_gives_its_code_row_and_column(column, bad, code):
    frame, _ = read(CITIES_CSV, "cities.csv")
    frame.loc[1, column] = bad  # spreadsheet row 3
    cities, problems = validate_cities(frame, "cities.csv")
    problem = only(problems, code)
    assert (problem.file, problem.row, problem.column, problem.is_error) == ("cities.csv", 3, column, True)
    assert cities["city_id"].tolist() == ["alpha", "gamma"]


def test_duplicate_city_id_names_the_first_row():
    frame, _ = read(CITIES_CSV + "alpha,Again,Testland,TST,1,1,member,,,,,\n", "cities.csv")
    cities, problems = validate_cities(frame, "cities.csv")
    problem = only(problems, "duplicate_city_id")
    assert problem.row == 5 and problem.params["first_row"] == "2"
    assert "row 2" in problem_message(problem, "en")
    assert cities["city"].tolist() == ["Álpha Ciudad", "São Beta", "Gamma"]


def test_missing_required_city_column_is_reported_without_rows():
    frame, _ = read("city_id,city\nalpha,Alpha\n", "cities.csv")
    cities, problems = validate_cities(frame, "cities.csv")
    assert cities.empty and tuple(cities.columns) == CITY_COLUMNS
    assert {p.column for p in problems} == {"country", "iso3", "lat", "lon", "status"}
    assert all(p.row is None and p.code == "missing_column" for p in problems)


def test_cities_are_typed_and_keep_extra_columns():
    cities = synthetic_cities()
    assert tuple(cities.columns) == CITY_COLUMNS + ("motto",)
    assert cities["member_since"].tolist()[0] == 2019 and cities["member_since"].isna().sum() == 2
    assert cities["iso3"].tolist() == ["TST", "TST", "OTH"]
    assert cities["population"].tolist()[0] == 419000.0
    assert cities["region"].tolist() == ["", "", ""]
    assert (cities["origin"] == "shipped").all()


# --- indicators rules -------------------------------------------------------

GOOD_ROWS = (
    "city_id,year,indicator,value,series,source,note\n"
    "alpha,2019,homicides,12,,Synthetic police,\n"
    "beta,2019,homicides,3,,Synthetic police,\n"
    "gamma,2019,homicides,5,,Synthetic police,\n"
)

INDICATOR_CASES = [
    ("city_id", "nowhere", "unknown_city"),
    ("year", "1949", "invalid_year"),
    ("year", "2101", "invalid_year"),
    ("year", "2019.5", "invalid_year"),
    ("year", "last year", "invalid_year"),
    ("year", "", "missing_value"),
    ("indicator", "robberies", "unknown_indicator"),
    ("value", "-1", "negative_value"),
    ("value", "twelve", "invalid_number"),
    ("value", "inf", "invalid_number"),
    ("source", "", "missing_source"),
]


@pytest.mark.parametrize("column, bad, code", INDICATOR_CASES)
def test_each_broken_indicator_rule_gives_its_code_row_and_column(column, bad, code):
    frame, _ = read(GOOD_ROWS)
    frame.loc[1, column] = bad  # spreadsheet row 3
    clean, _, problems = validate_indicators(frame, "upload.csv", synthetic_cities(), CATALOG)
    problem = only(problems, code)
    assert (problem.file, problem.row, problem.column, problem.is_error) == ("upload.csv", 3, column, True)
    assert clean["city_id"].tolist() == ["alpha", "gamma"]
    assert problem_message(problem, "es") != problem_message(problem, "en")


def test_one_bad_row_never_hides_the_good_ones_in_the_bad_file_fixture():
    frame, _ = read_table((BAD_FILES / "indicators_broken.csv").read_bytes(), "indicators_broken.csv")
    cities, _ = validate_cities(read_table((BAD_FILES / "cities.csv").read_bytes(), "cities.csv")[0], "cities.csv")
    clean, _, problems = validate_indicators(frame, "indicators_broken.csv", cities, CATALOG)
    assert clean["year"].tolist() == [2019]
    assert [(p.row, p.column, p.code) for p in problems] == [
        (3, "city_id", "unknown_city"),
        (4, "year", "invalid_year"),
        (5, "indicator", "unknown_indicator"),
        (6, "value", "negative_value"),
        (7, "value", "empty_value"),
        (8, "source", "missing_source"),
    ]


def test_year_written_as_decimal_is_accepted():
    clean, _, problems = indicators("city_id,year,indicator,value,source\nalpha,2019.0,homicides,3,S\n")
    assert problems == [] and clean["year"].tolist() == [2019]


def test_empty_value_is_skipped_with_a_warning_not_an_error():
    clean, _, problems = indicators("city_id,year,indicator,value,source\nalpha,2019,homicides,,S\nalpha,2020,homicides,0,S\n")
    problem = only(problems, "empty_value")
    assert not problem.is_error and problem.row == 2
    assert clean["value"].tolist() == [0.0]


def test_empty_series_becomes_main_and_output_columns_follow_the_contract():
    clean, _, _ = indicators("city_id,year,indicator,value,series,source,note,checked_by\n"
                             "alpha,2019,homicides,3,,S,,Ana\nalpha,2019,homicides,4,police,S,preliminary,\n")
    assert tuple(clean.columns) == INDICATOR_COLUMNS + ("checked_by",)
    assert clean["series"].tolist() == ["main", "police"]
    assert clean["note"].tolist() == ["", "preliminary"]
    assert clean["checked_by"].tolist() == ["Ana", ""]
    assert not clean["derived"].any() and not clean["population_carried"].any()
    assert (clean["origin"] == "shipped").all()


def test_duplicate_with_the_same_value_is_dropped_with_a_warning():
    clean, _, problems = indicators("city_id,year,indicator,value,source\n"
                                    "alpha,2019,homicides,3,S\nalpha,2019.0,homicides,3.0,Other\n")
    problem = only(problems, "duplicate_row")
    assert not problem.is_error and problem.row == 3 and problem.params["rows"] == "2"
    assert clean["source"].tolist() == ["S"]


def test_duplicate_with_a_different_value_rejects_both_rows_naming_them():
    clean, _, problems = indicators("city_id,year,indicator,value,source\n"
                                    "alpha,2019,homicides,3,S\nbeta,2019,homicides,1,S\nalpha,2019,homicides,4,S\n")
    conflicts = [p for p in problems if p.code == "conflicting_duplicate"]
    assert [p.row for p in conflicts] == [2, 4] and all(p.is_error for p in conflicts)
    assert "2, 4" in problem_message(conflicts[0], "en")
    assert clean["city_id"].tolist() == ["beta"]


def test_same_key_in_another_series_is_not_a_duplicate():
    clean, _, problems = indicators("city_id,year,indicator,value,series,source\n"
                                    "alpha,2022,homicide_rate,31.0,,S\nalpha,2022,homicide_rate,42.9,report-2023,S\n")
    assert problems == [] and len(clean) == 2


def test_wide_layout_is_read_as_long_rows():
    clean, _, problems = indicators("city_id,year,homicides,population,source\n"
                                    "alpha,2019,131,419000,Synthetic\nbeta,2019,,1000,Synthetic\n")
    assert problems == []
    assert clean[["city_id", "indicator", "value"]].values.tolist() == [
        ["alpha", "homicides", 131.0], ["alpha", "population", 419000.0], ["beta", "population", 1000.0]]


def test_wide_layout_reports_the_indicator_column_of_a_bad_cell():
    _, _, problems = indicators("city_id,year,homicides,population,source\nalpha,2019,many,419000,Synthetic\n")
    problem = only(problems, "invalid_number")
    assert (problem.row, problem.column) == (2, "homicides")


def test_wide_layout_by_city_name_ignores_accents_and_case():
    clean, _, problems = indicators("city,year,homicides,source\nalpha ciudad,2019,3,S\nSAO BETA,2019,4,S\n")
    assert problems == []
    assert clean["city_id"].tolist() == ["alpha", "beta"]


def test_decomposed_accents_are_read_as_composed_text():
    import unicodedata
    frame, _ = read(unicodedata.normalize("NFD", "city,year,homicides,source\nSão Beta,2019,4,S\n"))
    assert frame.loc[0, "city"] == "São Beta"
    clean, _, problems = validate_indicators(frame, "upload.csv", synthetic_cities(), CATALOG)
    assert problems == [] and clean["city_id"].tolist() == ["beta"]


def test_single_city_layout_takes_city_and_source_from_the_form():
    clean, _, problems = indicators("Year,Homicides,Population\n2019,131,419000\n2020,120,\n",
                                    city_id="alpha", source="Synthetic police")
    assert problems == []
    assert set(clean["city_id"]) == {"alpha"} and set(clean["source"]) == {"Synthetic police"}
    assert len(clean) == 3


def test_single_city_layout_without_a_city_is_a_missing_column():
    _, _, problems = indicators("year,homicides\n2019,131\n", source="S")
    assert only(problems, "missing_column").column == "city_id"


def test_unrecognised_layout_is_a_problem():
    clean, _, problems = indicators("name,score\nalpha,3\n")
    assert clean.empty and codes(problems) == {"unknown_layout"}


def test_new_city_is_proposed_when_allowed():
    text = ("city,country,lat,lon,year,homicides,source\n"
            "Villa Nueva,Testland,12.5,-70,2019,7,S\nVilla Nueva,Testland,12.5,-70,2020,8,S\n")
    clean, new_cities, problems = indicators(text, new_cities_allowed=True, origin="upload")
    assert [p.code for p in problems] == ["new_city", "new_city"]
    assert new_cities[["city_id", "city", "lat", "status", "origin"]].values.tolist() == [
        ["villa-nueva", "Villa Nueva", 12.5, "other", "upload"]]
    assert set(clean["city_id"]) == {"villa-nueva"} and set(clean["origin"]) == {"upload"}


def test_new_city_is_rejected_when_not_allowed():
    text = "city,country,lat,lon,year,homicides,source\nVilla Nueva,Testland,12.5,-70,2019,7,S\n"
    clean, new_cities, problems = indicators(text)
    assert clean.empty and new_cities.empty
    assert only(problems, "unknown_city").column == "city"


def test_national_rows_are_validated():
    frame, _ = read("iso3,country,year,indicator,value,source\ntst,Testland,2019,homicide_rate,5.5,WB\n"
                    "TS,Testland,2019,homicide_rate,5.5,WB\nOTH,Otherland,2019,homicide_rate,-1,WB\n"
                    "OTH,Otherland,2020,homicide_rate,2,\n")
    national, problems = validate_national(frame, "national.csv")
    assert national["iso3"].tolist() == ["TST"] and national["year"].tolist() == [2019]
    assert [(p.row, p.column, p.code) for p in problems] == [
        (3, "iso3", "invalid_iso3"), (4, "value", "negative_value"), (5, "source", "missing_source")]


# --- translations and the command line -------------------------------------

def test_every_problem_code_reads_naturally_in_three_languages_with_the_same_placeholders():
    for code, texts in STRINGS.items():
        assert set(texts) == set(LANGUAGES), code
        placeholders = {lang: set(re.findall(r"{(\w+)}", texts[lang])) for lang in LANGUAGES}
        assert placeholders["en"] == placeholders["es"] == placeholders["pt"], code


def problems_of_every_kind(tmp_path) -> list:
    """Problems from one broken input per rule, so each code and its translation is exercised."""
    found = []
    for content, name in [
        (b"", "a.csv"), (b"a,b\n", "a.csv"), (b"x", "a.pdf"), (b"x", "a.xlsx"), ("é,a\n1,2\n".encode("cp1252"), "a.csv"),
        (b"a,a,b\n1,2,3,4\n", "a.csv"), (b'a\n"' + b"x" * 200_000 + b'"\n', "a.csv"),
        (parquet_bytes(pa.table({"nested": [[1]]})), "a.parquet"),
    ]:
        found += read_table(content, name)[1]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"\0" * 1_000_000)
    found += read_table(buffer.getvalue(), "bomb.xlsx")[1]
    found += validate_paths([tmp_path, tmp_path / "absent.csv"])[0][1]
    found += validate_paths([tmp_path / "absent.csv"])[0][1]
    for column, bad, _ in CITY_CASES:
        frame, _ = read(CITIES_CSV, "cities.csv")
        frame.loc[1, column] = bad
        found += validate_cities(frame, "cities.csv")[1]
    found += validate_cities(read(CITIES_CSV + "alpha,X,Y,TST,1,1,other,,,,,\n")[0], "c")[1]
    for column, bad, _ in INDICATOR_CASES:
        frame, _ = read(GOOD_ROWS)
        frame.loc[1, column] = bad
        found += validate_indicators(frame, "i", synthetic_cities(), CATALOG)[2]
    found += indicators("a,b\n1,2\n")[2]
    found += indicators("year,homicides\n2019,1\n")[2]
    found += indicators("city_id,year,indicator,value,source\nalpha,2019,homicides,,S\nalpha,2020,homicides,1,S\n"
                        "alpha,2020,homicides,1,S\nbeta,2020,homicides,1,S\nbeta,2020,homicides,2,S\n")[2]
    found += indicators("city,country,lat,lon,year,homicides,population,source\nNew,X,1,1,2019,3,,S\n"
                        "alpha ciudad,,,,2019,,,S\n", new_cities_allowed=True)[2]
    twins = CITIES_CSV + "delta,Gamma,Otherland,OTH,0,0,other,,,,,\n"
    frame, _ = read("city,year,homicides,source\ngamma,2019,1,S\n")
    found += validate_indicators(frame, "i", validate_cities(read(twins)[0], "c")[0], CATALOG)[2]
    frame, _ = read("indicator,kind,better\nRate!,rate,lower\nx,speed,up\nx,count,lower\nx,count,lower\n")
    from pioc_metrics.data.loading import validate_catalog
    found += validate_catalog(frame, "catalog.csv")[1]
    return found


def test_every_problem_code_is_emitted_by_some_input_and_translated(tmp_path):
    problems = problems_of_every_kind(tmp_path)
    assert codes(problems) == set(STRINGS)
    for problem in problems:
        for lang in LANGUAGES:
            message = problem_message(problem, lang)
            assert "{" not in message and message != problem.code, (problem, lang)


def test_cli_exits_0_on_the_shipped_data():
    out = io.StringIO()
    assert main_validate([str(DATA)], out) == 0
    assert "0 error(s)" in out.getvalue()


def test_cli_exits_1_when_rows_are_rejected_and_prints_file_row_column_reason():
    out = io.StringIO()
    path = BAD_FILES / "indicators_broken.csv"
    assert main_validate([str(path)], out) == 1
    lines = out.getvalue().splitlines()
    assert f"{path}:4: year: '1890' is not a year between 1950 and 2100" in lines
    assert any(line.startswith(f"{path}:7: value: warning:") for line in lines)
    assert lines[-1].startswith("1 file(s) checked: 1 row(s) accepted, 5 error(s), 1 warning(s)")


def test_cli_exits_2_when_a_file_cannot_be_read(tmp_path):
    broken = tmp_path / "upload.xlsx"
    broken.write_bytes(workbook_bytes({"Data": [["year"], [2019]]})[:200])
    out = io.StringIO()
    assert main_validate([str(DATA / "cities.csv"), str(broken)], out) == 2
    assert f"{broken}::" in out.getvalue()
    assert main_validate([str(tmp_path / "absent.csv")], io.StringIO()) == 2


def test_validate_paths_checks_a_folder_against_its_own_cities(tmp_path):
    (tmp_path / "cities.csv").write_text(CITIES_CSV, encoding="utf-8")
    (tmp_path / "indicators.csv").write_text("city_id,year,indicator,value,source\nalpha,2019,homicides,3,S\n"
                                             "medellin,2019,homicides,3,S\n", encoding="utf-8")
    (tmp_path / "readme.md").write_text("not a table", encoding="utf-8")
    results = {Path(file).name: (problems, accepted, unreadable)
               for file, problems, accepted, unreadable in validate_paths([tmp_path])}
    assert set(results) == {"cities.csv", "indicators.csv"}
    assert results["cities.csv"] == ([], 3, False)
    problems, accepted, unreadable = results["indicators.csv"]
    assert accepted == 1 and not unreadable
    assert [(p.row, p.code) for p in problems] == [(3, "unknown_city")]


# The fast CSV reader (pandas' C parser) and the row-by-row csv.reader path must give the same frame.

def _row_by_row(text: str):
    from pioc_metrics.data import loading

    records, problems = loading._csv_records(text, loading._sniff_delimiter(text), "t.csv")
    frame, more = loading._frame_from_records(records, "t.csv")
    return frame, problems + more


@pytest.mark.parametrize("text", [
    "city_id,year,value\nalpha, 2019 ,1\nbeta,2020,\"2,5\"\n",
    "city_id;year;value\r\nalpha;2019;1,5\r\n;;\r\nbeta;2020;2\r\n",
    'a,b\n"x ""quoted""",Se\u0301rgio\nplain,"q"tail\n',
    "a,b,c\n1\n2,3\n",
    "a,,b\n1,,2\n3,x,4\n",
    "a,a,_row\n1,2,3\n",
])
def test_clean_csv_read_fast_matches_the_row_by_row_reader(text):
    fast = read_table(text.encode(), "t.csv")
    slow = _row_by_row(text)
    pd.testing.assert_frame_equal(fast[0], slow[0], check_exact=True)
    assert fast[1] == slow[1]


@pytest.mark.parametrize("text, rows", [
    ("city_id,year\n\nalpha,2019\n   \nbeta,2020\n", [3, 5]),
    ('city_id,note\nalpha,"two\nlines"\nbeta,x\n', [2, 3]),
    ("city_id,year\nalpha,2019,extra\nbeta,2020\n", [2, 3]),
    ("city_id,year\ralpha,2019\rbeta,2020\r", [2, 3]),
])
def test_blank_lines_multiline_cells_and_ragged_rows_keep_spreadsheet_row_numbers(text, rows):
    frame, problems = read_table(text.encode(), "t.csv")
    assert frame["_row"].tolist() == rows
    pd.testing.assert_frame_equal(frame, _row_by_row(text)[0], check_exact=True)


def test_parquet_columns_read_column_by_column_are_stripped_and_nfc():
    buffer = io.BytesIO()
    pq.write_table(pa.table({" City_ID ": [" alpha ", "Se\u0301rgio", None], "value": [1.5, None, 2.0]}), buffer)
    frame, problems = read_table(buffer.getvalue(), "t.parquet")
    assert problems == []
    assert frame["city_id"].tolist() == ["alpha", "S\u00e9rgio", ""]
    assert frame["value"].tolist() == ["1.5", "", "2"]
    assert frame["_row"].tolist() == [2, 3, 4]
