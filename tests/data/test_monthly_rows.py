"""Monthly rows (data contract v2): the `month` column checked, months kept apart from years, years summed from
12 months, rates of every count with a target, and the shipped monthly series."""

from __future__ import annotations

import pandas as pd
import pytest

from pioc_metrics.data.dataset import MONTHLY_COLUMNS, Dataset, empty_monthly
from pioc_metrics.data.derive import MONTHS_SUMMED, derived_dataset, rate_indicators, with_derived_rates
from pioc_metrics.data.months import split_months
from pioc_metrics.text.problems import problem_message
from tests.data.inputs import CATALOG, indicators, only, synthetic_cities

HEADER = "city_id,year,month,indicator,value,series,source,note\n"


def months_csv(city: str, year: int, indicator: str, values, source: str = "Synthetic monthly police",
               first_month: int = 1) -> str:
    return "".join(f"{city},{year},{month},{indicator},{value},,{source},\n"
                   for month, value in enumerate(values, start=first_month))


def dataset_of(text: str) -> Dataset:
    clean, _, problems = indicators(text)
    assert not [p for p in problems if p.is_error], problems
    return derived_dataset(synthetic_cities(), clean, pd.DataFrame(), CATALOG)


# --- the month column ----------------------------------------------------------

@pytest.mark.parametrize("bad", ["13", "0", "1.5", "March", "-1"])
def test_a_month_that_is_not_1_to_12_is_an_error_naming_its_row_and_column(bad):
    clean, _, problems = indicators(HEADER + "alpha,2019,3,homicides,1,,S,\n"
                                             f"alpha,2019,{bad},homicides,2,,S,\n")
    problem = only(problems, "invalid_month")
    assert (problem.row, problem.column, problem.params["value"], problem.is_error) == (3, "month", bad, True)
    assert clean["month"].tolist() == [3]
    assert bad in problem_message(problem, "en") and "1" in problem_message(problem, "es")


def test_an_empty_month_is_a_yearly_row_and_3_0_is_march():
    clean, _, problems = indicators(HEADER + "alpha,2019,,homicides,40,,S,\nalpha,2019,3.0,homicides,4,,S,\n")
    assert problems == []
    assert clean["month"].astype(object).where(clean["month"].notna(), None).tolist() == [None, 3]
    assert str(clean["month"].dtype) == "Int64"


def test_a_file_without_a_month_column_is_v1_and_has_no_month():
    clean, _, problems = indicators("city_id,year,indicator,value,source\nalpha,2019,homicides,12,S\n")
    assert problems == [] and "month" not in clean.columns
    yearly, monthly = split_months(clean)
    assert yearly is clean and monthly.empty and list(monthly.columns) == list(MONTHLY_COLUMNS)


def test_a_month_row_and_the_year_row_of_the_same_year_both_stay():
    data = dataset_of(HEADER + "alpha,2019,,homicides,40,,S,\nalpha,2019,3,homicides,4,,S,\n")
    assert data.indicators[["year", "value"]].values.tolist() == [[2019, 40.0]]
    assert data.monthly[["year", "month", "value"]].values.tolist() == [[2019, 3, 4.0]]


def test_the_same_month_twice_with_the_same_value_is_dropped_with_a_warning():
    clean, _, problems = indicators(HEADER + "alpha,2019,3,homicides,4,,S,\nalpha,2019,3,homicides,4,,S,\n"
                                             "alpha,2019,4,homicides,4,,S,\n")
    warning = only(problems, "duplicate_row")
    assert (warning.row, warning.is_error) == (3, False)
    assert warning.params["key"] == "alpha / 2019-03 / homicides / main"
    assert clean["month"].tolist() == [3, 4]


def test_the_same_month_twice_with_other_values_is_an_error_naming_both_rows():
    clean, _, problems = indicators(HEADER + "alpha,2019,3,homicides,4,,S,\nalpha,2019,3,homicides,5,,S,\n"
                                             "alpha,2019,3,homicides,4,other,S,\n")
    conflicts = [p for p in problems if p.code == "conflicting_duplicate"]
    assert [p.row for p in conflicts] == [2, 3]
    assert {p.params["rows"] for p in conflicts} == {"2, 3"}
    assert clean["series"].tolist() == ["other"]


def test_monthly_rows_have_the_contract_columns_and_dtypes():
    data = dataset_of(HEADER + months_csv("alpha", 2019, "homicides", [1, 2]) + "alpha,2019,,homicides,40,,S,\n")
    assert list(data.monthly.columns) == list(MONTHLY_COLUMNS)
    dtypes = data.monthly.dtypes.astype(str).to_dict()
    assert (dtypes["year"], dtypes["month"], dtypes["value"]) == ("int64", "int64", "float64")
    assert data.monthly["series"].tolist() == ["main", "main"] and data.monthly["note"].tolist() == ["", ""]
    assert data.monthly["origin"].tolist() == ["shipped", "shipped"]
    assert "month" not in data.indicators.columns
    assert empty_monthly().dtypes.astype(str).to_dict() == dtypes


def test_a_dataset_made_without_months_has_an_empty_monthly_frame():
    data = Dataset(cities=synthetic_cities(), indicators=pd.DataFrame(), national=pd.DataFrame(), catalog=CATALOG)
    assert data.monthly.empty and list(data.monthly.columns) == list(MONTHLY_COLUMNS)


# --- years from 12 months --------------------------------------------------------

def test_twelve_months_give_a_derived_year_that_is_their_sum():
    data = dataset_of(HEADER + months_csv("alpha", 2019, "robberies", range(1, 13)))
    [year] = data.indicators.loc[data.indicators["indicator"] == "robberies"].to_dict("records")
    assert (year["year"], year["value"], year["derived"], year["series"]) == (2019, 78.0, True, "main")
    assert year["source"] == f"{MONTHS_SUMMED} (Synthetic monthly police)"
    assert year["source"].startswith("derived: sum of the 12 monthly values")
    assert year["note"] == MONTHS_SUMMED and not year["population_carried"]


def test_eleven_months_give_no_year_never_a_zero_or_a_partial_sum():
    data = dataset_of(HEADER + months_csv("alpha", 2019, "robberies", [5] * 11))
    assert data.indicators.loc[data.indicators["indicator"] == "robberies"].empty
    assert len(data.monthly) == 11


def test_a_given_yearly_row_always_wins_over_the_months():
    data = dataset_of(HEADER + months_csv("alpha", 2019, "homicides", [1] * 12) + "alpha,2019,,homicides,40,,S,\n")
    rows = data.indicators.loc[data.indicators["indicator"] == "homicides"]
    assert rows[["value", "derived"]].values.tolist() == [[40.0, False]]


def test_months_of_another_series_sum_into_that_series_only():
    text = HEADER + "".join(f"alpha,2019,{m},homicides,2,newspaper,S,\n" for m in range(1, 13))
    data = dataset_of(text + "alpha,2019,,homicides,40,,S,\n")
    rows = data.indicators.loc[data.indicators["indicator"] == "homicides"].set_index("series")
    assert rows.loc["newspaper", "value"] == 24 and rows.loc["newspaper", "derived"]
    assert rows.loc["main", "value"] == 40 and not rows.loc["main", "derived"]


def test_a_year_from_months_gets_its_rate_where_the_population_is_known():
    data = dataset_of(HEADER + months_csv("alpha", 2019, "homicides", [10] * 12)
                      + "alpha,2019,,population,400000,,Synthetic census,\n")
    rate = data.indicators.loc[data.indicators["indicator"] == "homicide_rate"].iloc[0]
    assert rate["value"] == pytest.approx(120 / 400000 * 100_000)
    assert rate["derived"] and "Synthetic census" in rate["source"]


def test_the_months_notes_and_sources_carry_into_the_derived_year():
    text = HEADER + months_csv("alpha", 2019, "rapes", [1] * 11) + "alpha,2019,12,rapes,1,,Other police,preliminary\n"
    year = dataset_of(text).indicators.iloc[0]
    assert year["source"] == f"{MONTHS_SUMMED} (Synthetic monthly police; Other police)"
    assert year["note"] == f"{MONTHS_SUMMED}; preliminary"


def test_monthly_rates_are_kept_but_never_summed_into_a_year():
    data = dataset_of(HEADER + months_csv("alpha", 2019, "homicide_rate", [1.5] * 12))
    assert len(data.monthly) == 12 and data.indicators.empty


# --- rates of the other forms of violence -----------------------------------------

def test_every_count_with_a_target_has_its_rate_in_the_catalog():
    pairs = rate_indicators(CATALOG)
    assert pairs["homicides"] == "homicide_rate"
    for count in ("femicides", "attempted_homicides", "rapes", "aggravated_assaults", "robberies",
                  "police_killings", "shootings"):
        assert pairs[count] == f"{count}_rate"
        row = CATALOG.set_index("indicator").loc[f"{count}_rate"]
        assert (row["kind"], row["unit"], row["better"]) == ("rate", "per 100,000 inhabitants", "lower")
    assert "population" not in pairs
    assert rate_indicators() == {"homicides": "homicide_rate"}


def test_a_robbery_rate_is_derived_like_the_homicide_rate_and_a_given_one_is_kept():
    clean, _, _ = indicators(HEADER + "alpha,2019,,robberies,300,,Police,\nalpha,2019,,population,200000,,Census,\n"
                                      "alpha,2020,,robberies,100,,Police,\nalpha,2020,,robberies_rate,55,,Report,\n"
                                      "alpha,2020,,population,200000,,Census,\n")
    result = with_derived_rates(split_months(clean)[0], CATALOG)
    rates = result.loc[result["indicator"] == "robberies_rate"].set_index("year")
    assert rates.loc[2019, "value"] == 150.0 and rates.loc[2019, "derived"]
    assert rates.loc[2019, "source"] == "derived: robberies / population x 100,000 (Police; Census)"
    assert rates.loc[2020, "value"] == 55.0 and not rates.loc[2020, "derived"]


# --- the shipped data -------------------------------------------------------------

def test_shipped_data_holds_niteroi_s_monthly_homicides_through_march_2026(shipped_data):
    niteroi = shipped_data.monthly.query("city_id == 'niteroi' and indicator == 'homicides'")
    first_quarter = niteroi.query("year == 2026").set_index("month")["value"]
    assert first_quarter.index.tolist() == [1, 2, 3]
    assert first_quarter.sum() == 16  # the methodology's worked example: 16 against 8 a year earlier
    assert niteroi.query("year == 2025 and month <= 3")["value"].sum() == 8
    assert niteroi["source"].str.contains("ISP-RJ").all()
    assert niteroi.query("year == 2026")["note"].str.contains("preliminary").all()
    assert not shipped_data.indicators.query("city_id == 'niteroi' and year == 2026").size  # no partial year


def test_shipped_data_holds_dayton_s_monthly_robberies_and_their_yearly_sums(shipped_data):
    robberies = shipped_data.monthly.query("city_id == 'dayton' and indicator == 'robberies'")
    assert robberies["year"].min() == 2018 and len(robberies.query("year == 2018")) == 12
    assert robberies["source"].str.startswith("Real-Time Crime Index (AH Datalytics)").all()
    yearly = shipped_data.indicators.query("city_id == 'dayton' and indicator == 'robberies'").set_index("year")
    assert yearly.loc[2018, "value"] == robberies.query("year == 2018")["value"].sum()
    assert yearly["derived"].all() and 2024 not in yearly.index  # 2024 stops in July: no year


def test_shipped_monthly_rows_load_without_error_and_every_month_has_a_source(shipped_data):
    assert len(shipped_data.monthly) == 1597
    assert shipped_data.monthly["month"].between(1, 12).all()
    assert (shipped_data.monthly["source"] != "").all()
    assert set(shipped_data.monthly["indicator"]) <= set(CATALOG["indicator"])
