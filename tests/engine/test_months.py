"""Months and the year so far (shared/spec/methodology.md, "Months and the year so far (v2)") through
pioc_metrics.engine.months, on synthetic months made here; one test reads the shipped data."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from pioc_metrics.engine.months import COMPARISON_COLUMNS, YTD_COLUMNS, month_comparison, ratio_interval, year_to_date
from tests.engine.worked_examples import close

# Niterói, January-March 2026 (preliminary): 16 homicides against 8 a year earlier (methodology, worked example).
NITEROI_2025 = {1: 3, 2: 2, 3: 3}
NITEROI_2026 = {1: 6, 2: 5, 3: 5}
NITEROI_INTERVAL = (0.808, 5.398)  # as the methodology prints it
NITEROI_INTERVAL_DIGITS = (0.8076004026133814, 5.397859093762144)  # scipy's beta quantiles, pinned


def months_frame(counts: dict[tuple[str, str], dict[tuple[int, int], float]], series: str = "main") -> pd.DataFrame:
    """Monthly rows in Dataset.monthly's shape: {(city_id, indicator): {(year, month): value}}."""
    rows = [
        {"city_id": city, "year": year, "month": month, "indicator": indicator, "value": float(value),
         "series": series, "source": "synthetic test row", "note": ""}
        for (city, indicator), months in counts.items()
        for (year, month), value in months.items()
    ]
    columns = ["city_id", "year", "month", "indicator", "value", "series", "source", "note"]
    return pd.DataFrame(rows, columns=columns).astype({"year": "int64", "month": "int64", "value": "float64"})


def full_years(first: int, last: int, value: float = 4.0) -> dict[tuple[int, int], float]:
    return {(year, month): value for year in range(first, last + 1) for month in range(1, 13)}


def niteroi_months() -> dict[tuple[int, int], float]:
    months = full_years(2023, 2025)
    months.update({(2025, m): v for m, v in NITEROI_2025.items()})
    months.update({(2026, m): v for m, v in NITEROI_2026.items()})
    return months


def one_row(counts, **kwargs) -> pd.Series:
    table = year_to_date(months_frame(counts), **kwargs)
    assert len(table) == 1
    return table.iloc[0]


def test_niteroi_january_to_march_2026_is_16_against_8_ratio_2_interval_0_808_to_5_398_not_clear():
    row = one_row({("niteroi", "homicides"): niteroi_months()})
    assert (row["year"], row["through_month"]) == (2026, 3)
    assert (row["ytd"], row["ytd_previous"]) == (16, 8)
    assert close(row["ytd"] / row["ytd_previous"], 2.0) and close(row["change"], 1.0)
    assert (round(row["ratio_low"], 3), round(row["ratio_high"], 3)) == NITEROI_INTERVAL
    assert close(row["ratio_low"], NITEROI_INTERVAL_DIGITS[0]) and close(row["ratio_high"], NITEROI_INTERVAL_DIGITS[1])
    assert not row["clear"]


def test_niteroi_2026_through_march_in_the_shipped_monthly_data_is_16_against_8(shipped_data):
    monthly = getattr(shipped_data, "monthly", None)
    if monthly is None:
        pytest.fail("Dataset has no `monthly` frame: the data layer's monthly rows are not merged yet")
    table = year_to_date(monthly, indicator="homicides", through=(2026, 3)).set_index("city_id")
    assert "niteroi" in table.index, "no monthly homicides for niteroi in data/indicators.csv"
    assert (table.loc["niteroi", "ytd"], table.loc["niteroi", "ytd_previous"]) == (16, 8)
    assert (round(table.loc["niteroi", "ratio_low"], 3), round(table.loc["niteroi", "ratio_high"], 3)) \
        == NITEROI_INTERVAL


def test_ratio_interval_is_the_exact_binomial_interval_turned_into_a_ratio():
    low, high = ratio_interval(np.array([16.0]), np.array([8.0]))
    assert close(low[0], NITEROI_INTERVAL_DIGITS[0]) and close(high[0], NITEROI_INTERVAL_DIGITS[1])
    # swapping the years turns the interval over
    swapped_low, swapped_high = ratio_interval([8.0], [16.0])
    assert close(swapped_low[0], 1 / high[0]) and close(swapped_high[0], 1 / low[0])
    wider_low, wider_high = ratio_interval([16.0], [8.0], level=0.99)
    assert wider_low[0] < low[0] and wider_high[0] > high[0]


def test_ratio_interval_edges_zero_counts_give_their_bound_and_nothing_gives_nan():
    low, high = ratio_interval([0.0, 5.0, 0.0, math.nan, 3.0, 5.0], [5.0, 0.0, 0.0, 4.0, math.nan, -1.0])
    assert low[0] == 0 and 0 < high[0] < math.inf  # a = 0: the lower bound is 0
    assert close(high[0], (1 - 0.025 ** 0.2) / 0.025 ** 0.2)  # p_hi = 1 - 0.025^(1/5)
    assert high[1] == math.inf and close(low[1], 0.025 ** 0.2 / (1 - 0.025 ** 0.2))  # b = 0: no upper bound
    assert np.isnan(low[2:]).all() and np.isnan(high[2:]).all()  # a + b = 0, a missing count, a negative count


def test_through_january_the_year_so_far_is_one_month_and_the_last_12_cross_the_year():
    months = {(y, m): 100 * (y - 2020) + m for y in range(2021, 2026) for m in range(1, 13)}
    months[(2026, 1)] = 601
    row = one_row({("x", "homicides"): months})
    assert (row["year"], row["through_month"]) == (2026, 1)
    assert (row["ytd"], row["ytd_previous"]) == (601, 501)
    assert row["last12"] == 601 + sum(500 + m for m in range(2, 13))  # February 2025 to January 2026
    assert row["previous12"] == 501 + sum(400 + m for m in range(2, 13))  # February 2024 to January 2025


def test_through_december_the_year_so_far_is_the_whole_year_and_equals_the_last_12():
    row = one_row({("x", "homicides"): full_years(2024, 2025, 7.0)})
    assert (row["year"], row["through_month"]) == (2025, 12)
    assert row["ytd"] == row["last12"] == row["ytd_previous"] == row["previous12"] == 84
    assert row["change"] == 0 and not row["clear"]


def test_a_missing_month_leaves_every_sum_it_falls_in_missing_never_zero():
    months = niteroi_months()
    del months[(2026, 2)]
    row = one_row({("niteroi", "homicides"): months})
    assert (row["year"], row["through_month"]) == (2026, 3)
    assert np.isnan(row["ytd"]) and np.isnan(row["last12"]) and np.isnan(row["change"])
    assert np.isnan(row["ratio_low"]) and np.isnan(row["ratio_high"]) and not row["clear"]
    assert row["ytd_previous"] == 8 and row["previous12"] == 9 * 4 + 8  # April 2024 to March 2025 are all there


def test_a_missing_month_last_year_leaves_the_comparison_missing_but_not_this_year():
    months = niteroi_months()
    del months[(2025, 1)]
    row = one_row({("niteroi", "homicides"): months})
    assert row["ytd"] == 16 and np.isnan(row["ytd_previous"]) and np.isnan(row["change"])
    assert np.isnan(row["ratio_low"]) and not row["clear"]
    assert row["last12"] == 16 + 9 * 4 and np.isnan(row["previous12"])


def test_a_month_before_the_city_s_first_month_is_missing():
    row = one_row({("x", "homicides"): {(2026, 1): 3, (2026, 2): 4}})
    assert row["ytd"] == 7 and np.isnan(row["ytd_previous"])
    assert np.isnan(row["last12"]) and np.isnan(row["previous12"])


def test_through_a_given_month_stands_there_and_a_city_without_it_keeps_a_row_of_missing_figures():
    longer = niteroi_months()
    shorter = {ym: v for ym, v in longer.items() if ym < (2026, 2)}
    table = year_to_date(months_frame({("a", "homicides"): longer, ("b", "homicides"): shorter}),
                         through=(2025, 12)).set_index("city_id")
    assert (table["year"] == 2025).all() and (table["through_month"] == 12).all()
    assert table.loc["a", "ytd"] == table.loc["b", "ytd"] == 4 * 9 + 8
    at_march = year_to_date(months_frame({("a", "homicides"): longer, ("b", "homicides"): shorter}),
                            through=(2026, 3)).set_index("city_id")
    assert at_march.loc["a", "ytd"] == 16
    assert np.isnan(at_march.loc["b", "ytd"]) and np.isnan(at_march.loc["b", "last12"])
    assert at_march.loc["b", "ytd_previous"] == 8 and not at_march.loc["b", "clear"]


def test_only_the_main_series_counts_and_an_indicator_can_be_chosen():
    main = months_frame({("x", "homicides"): niteroi_months(), ("x", "violent_deaths"): full_years(2025, 2025)})
    other = months_frame({("x", "homicides"): full_years(2020, 2026, 99.0)}, series="some-report")
    table = year_to_date(pd.concat([main, other], ignore_index=True))
    assert list(table["indicator"]) == ["homicides", "violent_deaths"] and table.loc[0, "ytd"] == 16
    chosen = year_to_date(pd.concat([main, other], ignore_index=True), indicator="violent_deaths")
    assert list(chosen["indicator"]) == ["violent_deaths"] and chosen.loc[0, "ytd"] == 48


def test_many_cities_and_indicators_at_once_give_each_one_s_own_figures():
    rng = np.random.default_rng(7)
    counts = {}
    for city in ("c", "a", "b"):
        for indicator in ("violent_deaths", "homicides"):
            months = {(y, m): float(rng.poisson(6)) for y in range(2022, 2026) for m in range(1, 13)}
            for _ in range(3):
                months.pop((2022 + int(rng.integers(0, 4)), 1 + int(rng.integers(0, 12))), None)
            months.update({(2026, m): float(rng.poisson(6)) for m in range(1, 1 + int(rng.integers(1, 13)))})
            counts[(city, indicator)] = months
    together = year_to_date(months_frame(counts))
    alone = pd.concat([year_to_date(months_frame({key: months})) for key, months in sorted(counts.items())],
                      ignore_index=True)
    assert list(together.columns) == list(YTD_COLUMNS)
    pd.testing.assert_frame_equal(together, alone, check_dtype=False)


def test_no_monthly_data_gives_an_empty_table_with_the_columns():
    for monthly in (None, months_frame({})):
        table = year_to_date(monthly)
        assert list(table.columns) == list(YTD_COLUMNS) and table.empty


def naive_year_to_date(counts, through=None) -> dict[tuple[str, str], tuple]:
    """The figures for one city and indicator at a time, by dictionary look-ups (the test's reference)."""
    def total(months, year, month, length):
        keys = [divmod(year * 12 + month - 1 - k, 12) for k in range(length)]
        keys = [(y, m + 1) for y, m in keys]
        return math.nan if any(k not in months for k in keys) else sum(months[k] for k in keys)

    found = {}
    for key, months in counts.items():
        if not months:
            continue
        year, month = through or max(months)
        found[key] = (year, month, total(months, year, month, month), total(months, year - 1, month, month),
                      total(months, year, month, 12), total(months, year - 1, month, 12))
    return found


city_indicators = st.tuples(st.sampled_from(["x", "y", "z"]), st.sampled_from(["homicides", "violent_deaths"]))
month_sets = st.dictionaries(
    st.tuples(st.integers(2021, 2026), st.integers(1, 12)), st.integers(0, 40).map(float), max_size=50,
)


@hsettings(max_examples=120, deadline=None)
@given(
    counts=st.dictionaries(city_indicators, month_sets, max_size=6),
    through=st.one_of(st.none(), st.tuples(st.integers(2021, 2027), st.integers(1, 12))),
)
def test_year_to_date_equals_a_city_by_city_loop_on_random_months(counts, through):
    table = year_to_date(months_frame(counts), through=through)
    expected = naive_year_to_date(counts, through)
    assert len(table) == len(expected)
    for row in table.itertuples(index=False):
        year, month, ytd, previous, last12, previous12 = expected[(row.city_id, row.indicator)]
        assert (row.year, row.through_month) == (year, month)
        for got, want in ((row.ytd, ytd), (row.ytd_previous, previous), (row.last12, last12),
                          (row.previous12, previous12)):
            assert got == want or (math.isnan(got) and math.isnan(want))
        if not math.isnan(ytd) and not math.isnan(previous) and previous > 0:
            assert close(row.change, ytd / previous - 1)
        else:
            assert math.isnan(row.change)
        assert row.clear == bool(row.ratio_low > 1 or row.ratio_high < 1)


def test_month_comparison_gives_this_year_last_year_and_the_mean_of_the_years_before():
    months = niteroi_months()
    months.update({(2021, 1): 10.0, (2021, 2): 1.0})  # 2022 is absent: January's mean is over 2021, 2023 and 2024
    del months[(2023, 3)]
    frame = month_comparison(months_frame({("niteroi", "homicides"): months}), "niteroi", "homicides", 2026, 3)
    assert list(frame.columns) == list(COMPARISON_COLUMNS) and list(frame["month"]) == [1, 2, 3]
    assert list(frame["this_year"]) == [6, 5, 5] and list(frame["last_year"]) == [3, 2, 3]
    assert list(frame["earlier_mean"][:2]) == [6.0, 3.0] and list(frame["earlier_years"]) == [3, 3, 1]
    assert frame.loc[2, "earlier_mean"] == 4.0


def test_month_comparison_leaves_absent_months_missing():
    frame = month_comparison(months_frame({("x", "homicides"): {(2026, 1): 2.0}}), "x", "homicides", 2026, 4)
    assert list(frame["month"]) == [1, 2, 3, 4] and frame.loc[0, "this_year"] == 2
    assert frame[["this_year", "last_year", "earlier_mean"]].iloc[1:].isna().all().all()
    assert (frame["earlier_years"] == 0).all()
