"""Before and after a practice's start, and peers: against a plain computation of the same rule."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from scipy.stats import beta

from pioc_metrics import constants as C
from pioc_metrics.data.stories import validate_events, validate_practices
from pioc_metrics.engine.progress import progress_table
from pioc_metrics.engine.stories import before_after, peers, practice_starts
from pioc_metrics.settings import Settings
from tests.factories import make_dataset


def _with_stories(data, practices_csv: str, events_csv: str = "city_id,date,kind,title,practice_id,source\n"):
    from tests.data.inputs import read
    practices, problems = validate_practices(read(practices_csv)[0], "practices.csv", data.cities)
    assert problems == []
    events, problems = validate_events(read(events_csv)[0], "events.csv", data.cities, practices["practice_id"])
    assert problems == []
    return dataclasses.replace(data, practices=practices, events=events)


PRACTICE = ("practice_id,title_en,approach,cities,since,evidence,source\n"
            "outreach,Outreach,youth,alpha;beta;gamma,2015,not evaluated,Synthetic\n")


def _counts():
    rng = np.random.default_rng(7)
    return {city: {year: float(rng.integers(20, 80)) for year in range(2008, 2021)} for city in ("alpha", "beta")} | {
        "gamma": dict.fromkeys(range(2008, 2018), 30.0)}


def test_counts_before_and_after_match_a_plain_sum_and_the_exact_interval():
    counts = _counts()
    data = _with_stories(make_dataset(counts, "homicides"), PRACTICE,
                         "city_id,date,kind,title,practice_id,source\nbeta,2017-03,programme,Starts,outreach,S\n")
    table = before_after(data).set_index("city_id")
    for city, start in (("alpha", 2015), ("beta", 2017)):
        row = table.loc[city]
        before = sum(counts[city][y] for y in range(start - 3, start))
        after = sum(counts[city][y] for y in range(start + 1, start + 4))
        assert row["start"] == start
        assert (row["before_first"], row["before_last"], row["after_first"], row["after_last"]) == (
            start - 3, start - 1, start + 1, start + 3)
        assert (row["before"], row["after"], row["measure"]) == (before, after, "count")
        assert row["ratio"] == pytest.approx(after / before)
        # Clopper-Pearson on p = after / (after + before), mapped to the ratio p / (1 - p)
        p_low = beta.ppf(0.025, after, before + 1)
        p_high = beta.ppf(0.975, after + 1, before)
        assert row["ratio_low"] == pytest.approx(p_low / (1 - p_low), rel=1e-9)
        assert row["ratio_high"] == pytest.approx(p_high / (1 - p_high), rel=1e-9)
        assert row["clear"] == (row["ratio_high"] < 1 or row["ratio_low"] > 1)
        assert row["reason"] == ""
    # gamma's figures end in 2017: the three years after 2015 are not all in the data yet
    assert table.loc["gamma", "reason"] == "too_soon"
    assert np.isnan(table.loc["gamma", "ratio"])


def test_rates_scale_the_count_ratio_by_the_populations():
    counts = {"alpha": dict.fromkeys(range(2010, 2020), 50.0)}
    people = [{"city_id": "alpha", "year": y, "indicator": "population", "value": 100_000.0 * (1 + (y >= 2015))}
              for y in range(2010, 2020)]
    data = _with_stories(make_dataset(counts, "homicides", extra_rows=people),
                         PRACTICE.replace("alpha;beta;gamma", "alpha"))
    row = before_after(data).iloc[0]
    assert row["measure"] == "rate"
    assert row["ratio"] == pytest.approx(0.5)  # the same count among twice the people
    low, high = before_after(dataclasses.replace(data, indicators=data.indicators.loc[
        data.indicators["indicator"] != "population"])).iloc[0][["ratio_low", "ratio_high"]]
    assert (row["ratio_low"], row["ratio_high"]) == pytest.approx((low / 2, high / 2))


def test_a_missing_year_is_never_a_zero():
    counts = _counts()
    del counts["alpha"][2013]
    data = _with_stories(make_dataset(counts, "homicides"), PRACTICE)
    row = before_after(data).set_index("city_id").loc["alpha"]
    assert np.isnan(row["before"]) and np.isnan(row["ratio"]) and row["reason"] == "missing_years"


def test_a_fall_far_beyond_chance_is_clear_and_a_small_one_is_not():
    counts = {"alpha": {y: (100.0 if y < 2015 else 40.0) for y in range(2008, 2021)},
              "beta": {y: (20.0 if y < 2015 else 18.0) for y in range(2008, 2021)}}
    data = _with_stories(make_dataset(counts, "homicides"), PRACTICE.replace("alpha;beta;gamma", "alpha;beta"))
    table = before_after(data).set_index("city_id")
    assert bool(table.loc["alpha", "clear"]) and table.loc["alpha", "change"] == pytest.approx(-0.6)
    assert not bool(table.loc["beta", "clear"])


def test_the_start_is_the_citys_first_event_of_the_practice_else_its_since():
    data = _with_stories(make_dataset(_counts(), "homicides"), PRACTICE,
                         "city_id,date,kind,title,practice_id,source\n"
                         "beta,2018,programme,Later,outreach,S\nbeta,2016-05-02,programme,First,outreach,S\n")
    starts = practice_starts(data).set_index("city_id")["start"]
    assert starts.to_dict() == {"alpha": 2015, "beta": 2016, "gamma": 2015}


def _peer_data():
    values = {"alpha": {2019: 40.0, 2024: 30.0}, "beta": {2019: 60.0, 2024: 40.0}, "gamma": {2019: 30.0, 2024: 36.0},
              "delta": {2019: 200.0, 2024: 100.0}, "eps": {2019: 40.0, 2024: 20.0}, "zeta": {2019: 40.0, 2024: 10.0}}
    data = make_dataset(values, "homicide_rate")
    cities = data.cities.assign(population=[300_000.0, 500_000.0, 300_000.0, 300_000.0, 9_000_000.0, 300_000.0],
                                status=["member", "member", "member", "member", "member", "prospective"])
    practices = ("practice_id,title_en,approach,cities,since,evidence,source\n"
                 "p1,P1,youth,beta,2015,not evaluated,S\np2,P2,youth,beta;gamma,2016,not evaluated,S\n")
    return _with_stories(dataclasses.replace(data, cities=cities), practices)


def test_peers_follow_the_stated_rule():
    data = _peer_data()
    table = progress_table(data, Settings(indicator="homicide_rate"))
    found = peers(data, table, "alpha")
    # beta: similar level (1.5x), size (1.7x), fell. gamma rose; delta's level is 5x; eps is 30x the size;
    # zeta is not a member.
    assert list(found["city_id"]) == ["beta"]
    assert found.loc[0, "practices"] == "p1;p2"
    assert found.loc[0, "change_since_baseline"] == pytest.approx(-1 / 3)
    # the same rule written out plainly
    plain = [c for c in table.index if c != "alpha"
             and data.cities.set_index("city_id").loc[c, "status"] == "member"
             and 1 / C.PEER_LEVEL_RATIO
             <= table.loc[c, "baseline"] / table.loc["alpha", "baseline"] <= C.PEER_LEVEL_RATIO
             and 1 / C.PEER_SIZE_RATIO <= (data.cities.set_index("city_id").loc[c, "population"] / 300_000.0)
             <= C.PEER_SIZE_RATIO and table.loc[c, "change_since_baseline"] < 0]
    assert plain == ["beta"]


def test_a_city_without_data_or_population_has_no_peers():
    data = _peer_data()
    table = progress_table(data, Settings(indicator="homicide_rate"))
    assert peers(data, table, "nowhere").empty
    data = dataclasses.replace(data, cities=data.cities.assign(population=np.nan))
    assert peers(data, table, "alpha").empty
    assert isinstance(peers(data, table, "alpha"), pd.DataFrame)
