"""What the data covers: cities, indicators, years and sources with values (pioc_metrics.engine.coverage)."""

from __future__ import annotations

from factories import make_dataset

from pioc_metrics import constants as C
from pioc_metrics.engine.coverage import (
    better_covered_indicator,
    cities_with_data,
    city_rows,
    city_sources,
    indicator_coverage,
    indicators_with_data,
    membership_with_status,
    national_rows,
    network_sources,
    sparkline_values,
    year_runs,
)


def test_sparklines_are_each_city_main_series_in_year_order_and_empty_without_data():
    data = make_dataset({"a": {2021: 3.0, 2019: 1.0, 2020: 2.0}, "b": {}},
                        extra_rows=[{"city_id": "a", "year": 2019, "indicator": "homicide_rate", "value": 99.0,
                                     "series": "other-source"}])
    values = sparkline_values(data, "homicide_rate", ["a", "b", "unknown"])
    assert values == {"a": [1.0, 2.0, 3.0], "b": [], "unknown": []}


def test_the_better_covered_indicator_is_computed_from_the_data(shipped_data):
    coverage = indicator_coverage(shipped_data)
    assert coverage["homicides"] == shipped_data.indicators.query(
        "indicator == 'homicides' and series == 'main'")["city_id"].nunique()
    other, more, mine = better_covered_indicator(shipped_data, "homicide_rate", 22)
    # the headline covers every city with either measure, and comes first on a tie with homicides
    assert (other, mine) == (C.HEADLINE, coverage["homicide_rate"]) and more == coverage["homicides"] > mine
    assert more == len(cities_with_data(shipped_data, C.HEADLINE))
    assert better_covered_indicator(shipped_data, "homicides", 22) is None
    assert better_covered_indicator(shipped_data, C.HEADLINE, 22) is None


def test_year_runs_group_consecutive_years_behind_the_same_number_of_cities():
    assert year_runs([2000, 2001, 2002, 2003, 2005], [2, 2, 6, 6, 6]) == [
        (2000, 2001, 2), (2002, 2003, 6), (2005, 2005, 6)]


def test_cities_and_indicators_with_data_follow_the_rows(shipped_data):
    with_rate = cities_with_data(shipped_data, "homicide_rate")
    assert "palmira" in with_rate and "amman" not in with_rate
    assert with_rate == [c for c in shipped_data.cities["city_id"] if c in set(with_rate)]  # cities.csv order
    have = indicators_with_data(shipped_data, "palmira").set_index("indicator")
    main = shipped_data.indicators.query("city_id == 'palmira' and indicator == 'homicide_rate' and series == 'main'")
    assert have.loc["homicide_rate", "first"] == main["year"].min() and have.loc["homicide_rate", "years"] == len(main)


def test_a_city_rows_and_sources_are_all_its_series(shipped_data, shipped_table):
    rows = city_rows(shipped_data, "palmira")
    assert len(rows) == (shipped_data.indicators["city_id"] == "palmira").sum()
    assert set(rows["series"]) == {"main", "pioc-report-2023"}
    assert len(city_sources(shipped_data, "palmira", "homicide_rate")) >= 2
    palmira_main = shipped_data.indicators.query(
        "city_id == 'palmira' and indicator == 'homicide_rate' and series == 'main'")
    assert set(network_sources(shipped_data, shipped_table, "homicide_rate")) >= set(palmira_main["source"])


def test_national_rows_are_the_country_series_in_year_order(shipped_data):
    national = national_rows(shipped_data, "palmira", "homicide_rate")
    assert len(national) and (national["iso3"] == "COL").all() and national["year"].is_monotonic_increasing
    assert not len(national_rows(shipped_data, "nowhere", "homicide_rate"))


def test_the_headline_covers_cities_with_either_measure_and_sparklines_start_where_asked(shipped_data):
    either = set(shipped_data.indicators.query("indicator in ('homicide_rate', 'homicides') and series == 'main'"
                                               )["city_id"])
    assert set(cities_with_data(shipped_data, C.HEADLINE)) == either
    data = make_dataset({"a": {2017: 5.0, 2019: 1.0, 2020: 2.0}, "b": {2018: 7.0}})
    values = sparkline_values(data, ["homicide_rate", "homicide_rate"], ["a", "b"], start_years=[2019, None])
    assert values == {"a": [1.0, 2.0], "b": [7.0]}  # no start year: every year


def test_cities_with_a_status_are_counted_by_membership_with_reference_cities_named(shipped_data, shipped_table):
    counts, reference = membership_with_status(shipped_data, shipped_table)
    judged = shipped_table.loc[shipped_table["status"] != "insufficient_data", "city_id"]
    kinds = shipped_data.cities.set_index("city_id").loc[judged, "status"]
    assert counts.to_dict() == {k: int((kinds == k).sum()) for k in C.CITY_STATUSES}
    assert reference == ["Medellín"]
