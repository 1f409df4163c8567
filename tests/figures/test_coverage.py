"""The coverage grid and the data table (pioc_metrics.figures.coverage)."""

from __future__ import annotations

from pioc_metrics.data.upload import apply_upload, check_upload
from pioc_metrics.figures.coverage import coverage_grid, display_table, filter_rows
from pioc_metrics.text import escape


def test_grid_marks_given_derived_and_uploaded_values_and_lists_cities_with_values_first(shipped_data):
    content = b"city_id,year,indicator,value,source\npalmira,2025,homicides,100,x\npalmira,2025,population,360000,x\n"
    report = check_upload(content, "u.csv", shipped_data)
    data = apply_upload(shipped_data, report, "extend", "u.csv")["dataset"]
    grid = coverage_grid(data, "homicide_rate", "main")
    assert grid.loc["palmira", 2019] == "given"
    assert grid.loc["palmira", 2025] in {"derived", "upload"}
    assert list(grid.index[:4]) == ["medellin", "palmira", "cali", "bogota"]
    assert (grid.loc["oakland"] == "missing").all()


def test_filters_combine_and_an_empty_choice_means_all(shipped_data):
    assert len(filter_rows(shipped_data.indicators)) == len(shipped_data.indicators)
    rows = filter_rows(shipped_data.indicators, cities=["cali"], series=["main"], years=(2019, 2020))
    assert set(rows["city_id"]) == {"cali"} and rows["year"].between(2019, 2020).all()


def test_display_table_formats_numbers_for_the_language_and_keeps_sources(shipped_data):
    rows = filter_rows(shipped_data.indicators, cities=["palmira"], indicators_chosen=["population"],
                       years=(2010, 2010))
    table = display_table(rows, shipped_data, "es")
    assert table["value"].tolist() == ["294.570"]
    assert table["source"].iloc[0] == rows["source"].iloc[0]
    assert table["origin"].tolist() == ["incluidos"]


def test_plotly_text_escapes_markup():
    assert escape.plotly("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
