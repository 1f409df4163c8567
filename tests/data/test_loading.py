"""A data folder or a list of files read and validated in one call (pioc_metrics.data.loading), and
every problem code emitted by some input and translated."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pandas as pd
import pyarrow as pa

from pioc_metrics.data.dataset import CITY_COLUMNS, INDICATOR_COLUMNS
from pioc_metrics.data.loading import folder_problems, load_dataset, read_folder, unusable_files, validate_paths
from pioc_metrics.data.months import dates_as_months
from pioc_metrics.data.reading import read_table
from pioc_metrics.data.stories import validate_events, validate_practices
from pioc_metrics.data.validation import validate_catalog, validate_cities, validate_indicators
from pioc_metrics.text.i18n import LANGUAGES, templates
from pioc_metrics.text.problems import problem_message
from tests.data.inputs import (
    CATALOG,
    CITIES_CSV,
    CITY_CASES,
    DATA,
    EVENT_CASES,
    GOOD_EVENTS,
    GOOD_PRACTICES,
    GOOD_ROWS,
    INDICATOR_CASES,
    PRACTICE_CASES,
    codes,
    damaged_copy,
    indicators,
    parquet_bytes,
    read,
    stories,
    synthetic_cities,
)

STRINGS = templates("problems")  # each problem code's template in every language


# --- shipped data -----------------------------------------------------------

def test_shipped_data_loads_with_zero_errors_and_22_cities():
    dataset, problems = load_dataset(DATA)
    assert [p for p in problems if p.is_error] == []
    assert len(dataset.cities) == 22
    assert len(dataset.indicators) > 300
    assert len(dataset.national) > 300
    assert set(CATALOG["indicator"]) >= {"homicide_rate", "homicides", "violent_deaths", "population"}


def test_every_shipped_indicator_row_has_a_source_and_a_known_city(shipped_data):
    dataset = shipped_data
    raw = pd.read_csv(DATA / "indicators.csv", dtype=str, keep_default_na=False)
    assert (raw["source"].str.strip() != "").all()
    assert set(raw["city_id"]) <= set(dataset.cities["city_id"])
    assert (dataset.indicators["source"] != "").all()
    assert len(dataset.indicators.loc[~dataset.indicators["derived"]]) + len(dataset.monthly) == len(raw)
    assert len(dataset.monthly) == (raw["month"] != "").sum()


def test_shipped_frames_have_the_contract_columns_and_dtypes(shipped_data):
    dataset = shipped_data
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


# --- translations -----------------------------------------------------------

def test_every_problem_code_reads_naturally_in_three_languages_with_the_same_placeholders():
    for code, texts in STRINGS.items():
        assert set(texts) == set(LANGUAGES), code
        placeholders = {lang: set(re.findall(r"{(\w+)}", texts[lang])) for lang in LANGUAGES}
        assert placeholders["en"] == placeholders["es"] == placeholders["pt"], code


def problems_of_every_kind(tmp_path) -> list:
    """Problems from one broken input per rule, so each code and its translation is exercised."""
    found = []
    for content, name in [
        (b"", "a.csv"), (b"a,b\n", "a.csv"), (b"x", "a.pdf"), (b"x", "a.xlsx"),
        ("é,a\n1,2\n".encode("cp1252"), "a.csv"),
        (b"a,a,b\n1,2,3,4\n", "a.csv"), (b'a\n"' + b"x" * 200_000 + b'"\n', "a.csv"),
        (parquet_bytes(pa.table({"nested": [[1]]})), "a.parquet"),
        (b'a,b\n1,"x\n', "a.csv"), (b"a,b,c\n1,2,3\n4,5", "a.csv"),
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
    found += indicators("city_id,year,month,indicator,value,source\nalpha,2019,13,homicides,1,S\n")[2]
    found += dates_as_months(read("date,year,homicides\n2019-13,,1\n2019-03,2018,1\n")[0], "i")[1]
    frame, _ = read("indicator,kind,better\nRate!,rate,lower\nx,speed,up\nx,count,lower\nx,count,lower\n")
    found += validate_catalog(frame, "catalog.csv")[1]
    for column, bad, _ in EVENT_CASES:
        frame, _ = read(GOOD_EVENTS, "events.csv")
        frame.loc[1, column] = bad
        found += validate_events(frame, "events.csv", synthetic_cities(), ["street-outreach"])[1]
    for column, bad, _ in PRACTICE_CASES:
        frame, _ = read(GOOD_PRACTICES, "practices.csv")
        frame.loc[1, column] = bad
        found += validate_practices(frame, "practices.csv", synthetic_cities())[1]
    lines = GOOD_EVENTS.splitlines(keepends=True)
    found += stories(events_text="".join(lines + [lines[-1]]))[2]
    lines = GOOD_PRACTICES.splitlines(keepends=True)
    found += stories(practices_text="".join(lines + [lines[1]]))[2]
    return found


def test_every_problem_code_is_emitted_by_some_input_and_translated(tmp_path):
    problems = problems_of_every_kind(tmp_path)
    assert codes(problems) == set(STRINGS)
    for problem in problems:
        for lang in LANGUAGES:
            message = problem_message(problem, lang)
            assert "{" not in message and message != problem.code, (problem, lang)


# --- validate_paths ---------------------------------------------------------

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


# --- a damaged data folder: the same problems wherever it is read ------------

def test_folder_problems_are_load_dataset_s_problems_named_as_validate_names_the_files(tmp_path):
    folder = damaged_copy(tmp_path / "data")
    found = folder_problems(folder)
    assert {(Path(p.file).name, p.row, p.column, p.code) for p in found} == {
        (p.file, p.row, p.column, p.code) for p in load_dataset(folder)[1]}
    assert {p.code for p in found} == {"duplicate_city_id", "missing_file", "cut_row"}
    assert {p.file for p in found} == {str(folder / name) for name in ("cities.csv", "indicators.csv", "national.csv")}


def test_a_data_folder_without_indicators_is_unusable_and_without_problems_is_fine(tmp_path):
    _, reports = read_folder(damaged_copy(tmp_path / "data"))
    assert unusable_files(reports) == ["indicators.csv"]
    _, reports = read_folder(DATA)
    assert unusable_files(reports) == [] and folder_problems(DATA) == []
