"""Uploads: the bad-input corpus, layouts, new cities, merging, isolation (pioc_metrics.data.upload)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest

from pioc_metrics.data.upload import (
    UploadChoices,
    apply_upload,
    check_upload,
    display_name,
    merge_upload,
    session_key,
)
from pioc_metrics.engine.progress import progress_table
from pioc_metrics.settings import Settings
from pioc_metrics.text.i18n import LANGUAGES
from pioc_metrics.text.problems import problem_message
from tests.bad_inputs.make_corpus import cases, make_corpus

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
CORPUS = cases()


def csv(text: str) -> bytes:
    return text.encode("utf-8")


def codes(report) -> set[str]:
    return {p.code for p in report.problems}


# --- the corpus of bad files --------------------------------------------------

@pytest.mark.parametrize("case,content", CORPUS, ids=[case.filename for case, _ in CORPUS])
def test_each_bad_file_gets_its_message_and_never_an_exception(case, content, shipped_data):
    report = check_upload(content, case.filename, shipped_data)
    assert case.codes <= codes(report), (case.name, report.problems)
    assert "data_unexpected" not in codes(report)
    if case.accepted is not None:
        assert report.values_accepted == case.accepted
    for problem in report.problems:
        for lang in LANGUAGES:
            message = problem_message(problem, lang)
            assert message and message != problem.code and not re.search(r"\{\w+\}", message), (lang, problem)


def test_corpus_is_written_to_a_folder_with_one_file_per_case(tmp_path):
    written = make_corpus(tmp_path)
    assert len(written) == len(CORPUS)
    assert all(path.is_file() and path.parent == tmp_path for _, path in written)
    big = next(path for case, path in written if case.filename == "big.csv")
    assert big.stat().st_size > 45 * 1024 * 1024  # made at test time, never committed


def test_a_rejected_row_is_reported_with_its_spreadsheet_row_column_and_reason(shipped_data):
    report = check_upload(csv("city_id,year,indicator,value,source\n"
                              "palmira,2020,homicides,120,x\n"
                              "\n"
                              "palmira,2021,homicides,lots,x\n"), "f.csv", shipped_data)
    assert report.rows_read == 2 and report.values_accepted == 1 and report.rows_rejected == 1
    [error] = report.errors
    assert (error.row, error.column, error.code) == (4, "value", "invalid_number")
    assert problem_message(error, "es") == "'lots' no es un número"


def test_wide_layout_reports_the_indicator_column_of_an_absurd_value(shipped_data):
    report = check_upload(csv("city,year,homicide_rate,homicides,source\n"
                              "Palmira,2020,5000,120,x\n"), "wide.csv", shipped_data)
    assert report.layout == "wide"
    [error] = report.errors
    assert (error.row, error.column, error.code) == (2, "homicide_rate", "data_rate_impossible")
    assert report.values_accepted == 1


def test_single_city_sheet_asks_for_the_city_and_source_then_accepts_them(shipped_data):
    content = csv("year,homicides,population\n2019,100,350000\n2020,90,352000\n")
    first = check_upload(content, "palmira.csv", shipped_data)
    assert first.needs_city and first.needs_source and first.layout == "single_city"
    assert not first.errors and first.values_accepted == 0
    report = check_upload(content, "palmira.csv", shipped_data,
                          UploadChoices(city_id="palmira", source="Police records"))
    assert not report.needs_city and report.values_accepted == 4 and not report.errors
    assert set(report.indicators["city_id"]) == {"palmira"}
    assert set(report.indicators["source"]) == {"Police records"}


def test_new_city_from_the_form_is_placed_by_the_gazetteer(shipped_data):
    content = csv("year,homicides\n2019,50\n2020,45\n")
    report = check_upload(content, "campinas.xlsx.csv", shipped_data,
                          UploadChoices(city="Campinas", country="Brasil", source="SSP-SP"))
    assert report.values_accepted == 2
    [placement] = report.placements
    assert placement.city == "Campinas" and "GeoNames" in placement.entry and "geonameid" in placement.entry
    assert placement.lat == pytest.approx(-22.9, abs=0.1) and placement.lon == pytest.approx(-47.06, abs=0.1)
    [city] = report.new_cities.to_dict("records")
    assert (city["city_id"], city["iso3"], city["origin"]) == ("campinas", "BRA", "upload")
    assert "data_placed" in codes(report)


def test_new_city_with_coordinates_in_the_file_uses_them(shipped_data):
    report = check_upload(csv("city,country,lat,lon,year,indicator,value,source\n"
                              "Villa Test,Colombia,4.5,-74.1,2020,homicides,12,x\n"), "n.csv", shipped_data)
    [placement] = report.placements
    assert (placement.lat, placement.lon, placement.entry) == (4.5, -74.1, "")
    assert report.new_cities.loc[0, "iso3"] == "COL"


def test_city_not_in_the_gazetteer_without_coordinates_is_rejected_with_a_reason(shipped_data):
    report = check_upload(csv("city,country,year,indicator,value,source\n"
                              "Nowhereville,Colombia,2020,homicides,12,x\n"), "n.csv", shipped_data)
    assert report.values_accepted == 0
    assert "data_not_in_gazetteer" in codes(report)


def test_a_file_cannot_claim_its_rows_are_shipped_data(shipped_data):
    report = check_upload(csv("city_id,year,indicator,value,source,origin,derived\n"
                              "palmira,2020,homicides,120,x,shipped,true\n"), "o.csv", shipped_data)
    assert report.indicators["origin"].tolist() == ["upload"]
    assert report.indicators["derived"].tolist() == [False]


def test_file_names_are_shown_as_text_never_used_as_paths(shipped_data):
    assert display_name("../../etc/passwd.csv") == "passwd.csv"
    assert display_name("C:\\Users\\x\\<img src=x onerror=alert(1)>.csv") == "<img src=x onerror=alert(1)>.csv"
    assert len(display_name("a" * 500 + ".csv")) == 80
    assert display_name("\x00\x1b[31m.csv") == "[31m.csv"
    report = check_upload(csv("x\n"), "../../etc/passwd.csv", shipped_data)
    assert all(p.file == "upload.csv" for p in report.problems)


# --- merging ------------------------------------------------------------------

UPLOAD = csv("city_id,city,country,year,indicator,value,source\n"
             "palmira,,,2022,homicide_rate,31.0,Police records with census population\n"
             ",Campinas,Brazil,2020,homicides,45,SSP-SP\n"
             ",Campinas,Brazil,2020,population,1200000,IBGE\n")


def test_extend_keeps_shipped_rows_and_the_upload_wins_for_the_same_key(shipped_data):
    report = check_upload(UPLOAD, "u.csv", shipped_data)
    assert report.replaced_keys == 1
    data = merge_upload(shipped_data, report, "extend")
    main = data.indicators.loc[(data.indicators["series"] == "main") & ~data.indicators["derived"]]
    palmira = main.loc[(main["city_id"] == "palmira") & (main["indicator"] == "homicide_rate")]
    assert palmira.loc[palmira["year"] == 2022, "value"].tolist() == [31.0]
    assert palmira.loc[palmira["year"] == 2022, "origin"].tolist() == ["upload"]
    assert (palmira["origin"] == "shipped").sum() == len(palmira) - 1
    assert len(data.cities) == len(shipped_data.cities) + 1
    assert set(data.cities["city_id"]) >= set(shipped_data.cities["city_id"]) | {"campinas"}
    derived = data.indicators.loc[(data.indicators["city_id"] == "campinas") & data.indicators["derived"]]
    assert derived["value"].tolist() == [pytest.approx(45 / 1_200_000 * 100_000)]


def test_replace_shows_only_the_uploaded_cities_and_rows(shipped_data):
    report = check_upload(UPLOAD, "u.csv", shipped_data)
    data = merge_upload(shipped_data, report, "replace")
    assert sorted(data.cities["city_id"]) == ["campinas", "palmira"]
    assert set(data.indicators["origin"]) == {"upload"}
    assert len(data.indicators.loc[~data.indicators["derived"]]) == 3


def test_merged_dataset_feeds_the_methodology(shipped_data):
    report = check_upload(csv("city_id,year,indicator,value,source\n"
                              + "".join(f"palmira,{y},homicide_rate,{40 - 2 * (y - 2019)},x\n"
                                        for y in range(2019, 2025))), "u.csv", shipped_data)
    table = progress_table(merge_upload(shipped_data, report, "extend"), Settings())
    assert table.loc["palmira", "latest"] == pytest.approx(30.0)


def test_session_value_has_a_content_key_the_mode_and_a_text_name(shipped_data):
    report = check_upload(UPLOAD, "dir/My file.csv", shipped_data)
    value = apply_upload(shipped_data, report, "extend", "dir/My file.csv")
    assert value["mode"] == "extend" and value["name"] == "My file.csv"
    assert value["key"] == session_key(report, "extend")
    assert value["key"] != session_key(report, "replace")
    assert report.content_hash == hashlib.sha256(UPLOAD).hexdigest()
    with pytest.raises(ValueError):
        merge_upload(shipped_data, report, "overwrite")


# --- isolation: nothing is written into data/ ---------------------------------------

def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_whole_upload_flow_leaves_every_data_file_byte_identical(shipped_data):
    from pioc_metrics.exports import downloads

    before = _snapshot(DATA)
    for mode in ("extend", "replace"):
        report = check_upload(UPLOAD, "../data/indicators.csv", shipped_data)
        value = apply_upload(shipped_data, report, mode, "../data/indicators.csv")
        downloads.data_excel(value["dataset"].indicators, value["dataset"])
        downloads.csv_bytes(value["dataset"].indicators)
    for case, content in CORPUS[:8]:
        check_upload(content, "../data/" + case.filename, shipped_data)
    assert _snapshot(DATA) == before


def test_upload_code_never_unpickles_or_evaluates():
    package = REPO / "pioc_metrics"
    modules = [*package.glob("data/*.py"), *package.glob("exports/*.py"), package / "figures" / "coverage.py",
               package / "app" / "data.py"]
    assert len(modules) > 6
    for module in modules:
        source = module.read_text(encoding="utf-8")
        assert not re.search(r"read_pickle|pickle\.load|\beval\(|\bexec\(|pd\.eval|cache_resource", source), module


def test_merging_an_upload_never_changes_the_shared_shipped_dataset_in_memory(shipped_data):
    # The shipped Dataset is one object shared by every session (st.cache_resource): a merge must copy.
    before = {name: getattr(shipped_data, name).copy(deep=True)
              for name in ("cities", "indicators", "national", "catalog")}
    content = csv("city_id,year,indicator,value,source\npalmira,2019,homicides,1,x\npalmira,2025,homicides,2,x\n")
    report = check_upload(content, "mine.csv", shipped_data)
    assert report.usable
    for mode in ("extend", "replace"):
        merge_upload(shipped_data, report, mode)
    for name, frame in before.items():
        pd.testing.assert_frame_equal(getattr(shipped_data, name), frame)
