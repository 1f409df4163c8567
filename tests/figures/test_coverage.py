"""The coverage grid and the data table (pioc_metrics.figures.coverage)."""

from __future__ import annotations

from pathlib import Path

from pioc_metrics.figures.coverage import coverage_grid, display_table, filter_rows, plot_text
from pioc_metrics.data.loading import load_dataset
from pioc_metrics.data.upload import apply_upload, check_upload

BASE, _ = load_dataset(Path(__file__).resolve().parents[2] / "data")


def test_grid_marks_given_derived_and_uploaded_values_and_lists_cities_with_values_first():
    content = b"city_id,year,indicator,value,source\npalmira,2025,homicides,100,x\npalmira,2025,population,360000,x\n"
    report = check_upload(content, "u.csv", BASE)
    data = apply_upload(BASE, report, "extend", "u.csv")["dataset"]
    grid = coverage_grid(data, "homicide_rate", "main")
    assert grid.loc["palmira", 2019] == "given"
    assert grid.loc["palmira", 2025] in {"derived", "upload"}
    assert list(grid.index[:4]) == ["medellin", "palmira", "cali", "bogota"]
    assert (grid.loc["oakland"] == "missing").all()


def test_filters_combine_and_an_empty_choice_means_all():
    assert len(filter_rows(BASE.indicators)) == len(BASE.indicators)
    rows = filter_rows(BASE.indicators, cities=["cali"], series=["main"], years=(2019, 2020))
    assert set(rows["city_id"]) == {"cali"} and rows["year"].between(2019, 2020).all()


def test_display_table_formats_numbers_for_the_language_and_keeps_sources():
    rows = filter_rows(BASE.indicators, cities=["palmira"], indicators_chosen=["population"], years=(2010, 2010))
    table = display_table(rows, BASE, "es")
    assert table["value"].tolist() == ["294.570"]
    assert table["source"].iloc[0] == rows["source"].iloc[0]
    assert table["origin"].tolist() == ["incluidos"]


def test_plot_text_escapes_markup():
    assert plot_text("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
