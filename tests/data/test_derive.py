"""Rates derived from counts and population: pioc_metrics.data.derive."""

from __future__ import annotations

import pandas as pd
import pytest

from pioc_metrics import constants as C
from pioc_metrics.data.dataset import INDICATOR_COLUMNS
from pioc_metrics.data.derive import interpolated_population, with_derived_rates


def long_rows(*rows) -> pd.DataFrame:
    """(city_id, year, indicator, value[, series]) tuples -> a clean indicators frame."""
    records = [dict(zip(("city_id", "year", "indicator", "value", "series"), row + ("main",) * (5 - len(row))))
               for row in rows]
    frame = pd.DataFrame(records)
    return frame.assign(
        year=frame["year"].astype("int64"), value=frame["value"].astype("float64"),
        source="synthetic " + frame["indicator"], note="", derived=False, population_carried=False,
        origin="shipped",
    )[list(INDICATOR_COLUMNS)]


def rates(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.loc[frame["indicator"] == "homicide_rate"].set_index(["city_id", "year"])


def test_rate_is_derived_from_homicides_and_population():
    result = with_derived_rates(long_rows(("synthia", 2020, "homicides", 131), ("synthia", 2020, "population", 419000)))
    rate = rates(result).loc[("synthia", 2020)]
    assert rate["value"] == 31.26491646778043
    assert rate["derived"] and not rate["population_carried"]
    assert rate["series"] == "main"
    assert rate["source"] == ("derived: homicides / population x 100,000 "
                              "(synthetic homicides; synthetic population)")
    assert "derived" in rate["note"]
    assert list(result.columns) == list(INDICATOR_COLUMNS)
    assert result["year"].dtype == "int64" and result["derived"].dtype == bool


def test_a_rate_given_by_a_source_is_never_overwritten():
    result = with_derived_rates(long_rows(
        ("synthia", 2020, "homicides", 131), ("synthia", 2020, "population", 419000),
        ("synthia", 2020, "homicide_rate", 42.9)))
    assert rates(result)["value"].tolist() == [42.9]
    assert not result["derived"].any()


def test_population_is_interpolated_linearly_between_known_years():
    frame = long_rows(("synthia", 2010, "population", 1000), ("synthia", 2014, "population", 2000),
                      ("synthia", 2012, "homicides", 15))
    rate = rates(with_derived_rates(frame)).loc[("synthia", 2012)]
    assert rate["value"] == pytest.approx(15 / 1500 * 100_000)
    assert not rate["population_carried"]
    assert "interpolated between 2010 and 2014" in rate["note"]
    table = interpolated_population(frame).set_index("year")
    assert table.loc[2010:2014, "population"].tolist() == [1000, 1250, 1500, 1750, 2000]
    assert not table.loc[2010:2014, "carried"].any()


def test_population_is_carried_at_most_three_years_and_flagged():
    frame = long_rows(("synthia", 2010, "population", 1000), ("synthia", 2014, "population", 2000),
                      *[("synthia", year, "homicides", 5) for year in range(2005, 2020)])
    derived = rates(with_derived_rates(frame)).loc["synthia"]
    assert derived.index.tolist() == list(range(2010 - C.POPULATION_CARRY_YEARS, 2014 + C.POPULATION_CARRY_YEARS + 1))
    carried = derived.loc[derived["population_carried"]].index.tolist()
    assert carried == [2007, 2008, 2009, 2015, 2016, 2017]
    assert derived.loc[2016, "value"] == 5 / 2000 * 100_000
    assert derived.loc[2008, "value"] == 5 / 1000 * 100_000
    assert "carried from 2014" in derived.loc[2017, "note"]


def test_interpolated_population_covers_the_carry_window_and_no_further():
    frame = long_rows(("synthia", 2020, "population", 500), ("other", 2000, "population", 10),
                      ("other", 2002, "population", 30))
    table = interpolated_population(frame)
    assert list(table.columns) == ["city_id", "year", "population", "carried"]
    synthia = table.loc[table["city_id"] == "synthia"]
    assert synthia["year"].tolist() == list(range(2017, 2024))
    assert synthia["carried"].tolist() == [True, True, True, False, True, True, True]
    other = table.loc[table["city_id"] == "other"].set_index("year")["population"]
    assert other.loc[2001] == 20 and other.loc[1997] == 10 and other.loc[2005] == 30


def test_other_series_are_not_used_to_derive():
    frame = long_rows(("synthia", 2020, "homicides", 131, "newspaper"), ("synthia", 2020, "population", 419000),
                      ("synthia", 2021, "homicides", 100), ("synthia", 2021, "population", 1, "guess"))
    result = with_derived_rates(frame)
    derived = rates(result)
    assert derived.index.tolist() == [("synthia", 2021)]
    assert derived["value"].tolist() == [100 / 419000 * 100_000]  # the 2020 main population, carried
    assert derived["population_carried"].tolist() == [True]


def test_a_rate_given_in_another_series_does_not_block_the_main_derivation():
    frame = long_rows(("synthia", 2020, "homicides", 131), ("synthia", 2020, "population", 419000),
                      ("synthia", 2020, "homicide_rate", 42.9, "report"))
    derived = with_derived_rates(frame).query("indicator == 'homicide_rate'")
    assert sorted(zip(derived["series"], derived["derived"])) == [("main", True), ("report", False)]


def test_zero_population_never_divides():
    frame = long_rows(("synthia", 2020, "homicides", 3), ("synthia", 2020, "population", 0))
    assert with_derived_rates(frame).equals(frame)
    assert interpolated_population(frame).empty


def test_counts_without_population_are_left_alone():
    frame = long_rows(("synthia", 2020, "homicides", 3), ("other", 2020, "population", 1000))
    result = with_derived_rates(frame)
    assert len(result) == 2 and not result["derived"].any()


def test_deriving_twice_adds_nothing_more():
    frame = long_rows(("synthia", 2020, "homicides", 131), ("synthia", 2020, "population", 419000),
                      ("synthia", 2021, "homicides", 120))
    once = with_derived_rates(frame)
    assert once["derived"].sum() == 2
    assert with_derived_rates(once).equals(once)


def test_extra_columns_of_derived_rows_are_empty_text():
    frame = long_rows(("synthia", 2020, "homicides", 131), ("synthia", 2020, "population", 419000))
    frame["checked_by"] = ["Ana", "Luis"]
    result = with_derived_rates(frame)
    assert rates(result)["checked_by"].tolist() == [""]


def test_empty_indicators_stay_empty():
    frame = long_rows(("synthia", 2020, "population", 5)).iloc[0:0]
    assert with_derived_rates(frame).empty
    assert interpolated_population(frame).empty
