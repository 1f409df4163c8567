"""Validating the contract's tables (pioc_metrics.data.validation): each rule gives its code, row and
column, and one bad row never hides the good ones."""

from __future__ import annotations

import pytest

from pioc_metrics.data.dataset import CITY_COLUMNS, INDICATOR_COLUMNS
from pioc_metrics.data.reading import read_table
from pioc_metrics.data.validation import validate_cities, validate_indicators, validate_national
from pioc_metrics.text.problems import problem_message
from tests.data.inputs import (
    BAD_FILES,
    CATALOG,
    CITIES_CSV,
    CITY_CASES,
    GOOD_ROWS,
    INDICATOR_CASES,
    codes,
    indicators,
    only,
    read,
    synthetic_cities,
)

# --- cities.csv rules -------------------------------------------------------

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
    clean, _, problems = indicators(
        "city_id,year,indicator,value,source\nalpha,2019,homicides,,S\nalpha,2020,homicides,0,S\n")
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


# --- national.csv -----------------------------------------------------------

def test_national_rows_are_validated():
    frame, _ = read("iso3,country,year,indicator,value,source\ntst,Testland,2019,homicide_rate,5.5,WB\n"
                    "TS,Testland,2019,homicide_rate,5.5,WB\nOTH,Otherland,2019,homicide_rate,-1,WB\n"
                    "OTH,Otherland,2020,homicide_rate,2,\n")
    national, problems = validate_national(frame, "national.csv")
    assert national["iso3"].tolist() == ["TST"] and national["year"].tolist() == [2019]
    assert [(p.row, p.column, p.code) for p in problems] == [
        (3, "iso3", "invalid_iso3"), (4, "value", "negative_value"), (5, "source", "missing_source")]
