"""The worked examples and rules of shared/spec/methodology.md, reproduced by the engine."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from pioc_metrics import constants as C
from pioc_metrics.engine.methodology import (
    median_city_index,
    poisson_interval,
    progress_table,
    required_rate,
    status_counts,
)
from pioc_metrics.settings import Settings
from tests.factories import make_dataset

REL = 1e-6

# (b, B, t, L, CAGR_a, CAGR_r, CR, status, P(2030), first year at target, gap to path)
WORKED_EXAMPLES = [
    (2011, 98.1, 2022, 42.9, -0.072435, -0.035824, 2.021966, "achieved", 23.507823, None, -0.346766),
    (1991, 400, 2022, 15, -0.100500, -0.017616, 5.705061, "achieved", 6.428347, None, -0.934940),
    (2019, 40, 2023, 30, -0.069395, -0.061069, 1.136338, "on_track", 18.133368, 2029, -0.035001),
    (2019, 40, 2023, 33, -0.046955, -0.061069, 0.768880, "fair_progress", 23.567220, 2034, 0.061499),
    (2019, 40, 2023, 36, -0.025996, -0.061069, 0.425686, "limited_progress", 29.938283, 2046, 0.157998),
    (2019, 40, 2023, 40.9, 0.005578, -0.061069, -0.091342, "limited_progress", 42.524000, None, 0.315615),
    (2019, 40, 2023, 41, 0.006192, -0.061069, -0.101397, "deterioration", 42.810532, None, 0.318832),
    (2019, 40, 2023, 20, -0.159104, -0.061069, 2.605305, "achieved", 5.946036, None, -0.356668),
]


def close(actual, expected, places=6):
    """The spec prints 6 decimals: agree to that rounding, and to 1e-6 relative where it is finer."""
    return abs(actual - expected) <= max(REL * abs(expected), 0.5 * 10**-places)


def one_city_row(values, settings=Settings(), **kwargs):
    table = progress_table(make_dataset({"x": values}, **kwargs), settings)
    return table.loc["x"]


@pytest.mark.parametrize("example", WORKED_EXAMPLES, ids=lambda e: f"{e[0]}-{e[1]}-{e[2]}-{e[3]}")
def test_worked_example_is_reproduced(example):
    b, B, t, L, cagr_a, cagr_r, ratio, status, projection, first_year, gap = example
    row = one_city_row({b: B, t: L}, Settings(baseline_year=b))
    assert row["baseline_year"] == b and row["latest_year"] == t
    assert row["baseline"] == B and row["latest"] == L
    assert close(row["cagr_actual"], cagr_a)
    assert close(row["cagr_required"], cagr_r)
    assert close(row["progress_ratio"], ratio)
    assert row["status"] == status
    assert close(row["projection"], projection)
    assert close(row["gap_to_path"], gap)
    assert close(row["target"], B * 0.5)
    assert close(row["reduction_so_far"], 1 - L / B)
    if first_year is None:
        assert pd.isna(row["first_year_at_target"])
    else:
        assert row["first_year_at_target"] == first_year


def test_palmira_2011_2022_is_achieved():
    row = one_city_row({2011: 98.1, 2022: 42.9}, Settings(baseline_year=2011))
    assert row["status"] == "achieved"


def test_required_rate_for_2019_halving_is_minus_6_107_percent():
    assert close(float(required_rate(0.5, 2019, 2030)), -0.061069)


def test_three_year_smoothing_example():
    values = dict(zip(range(2017, 2024), [50, 46, 42, 39, 37, 34, 31]))
    row = one_city_row(values, Settings(baseline_year=2019, smoothing="3y"))
    assert close(row["baseline"], 46) and close(row["latest"], 34)
    assert row["latest_year"] == 2023
    assert close(row["cagr_actual"], -0.072785)
    assert close(row["progress_ratio"], 1.191853)
    assert row["status"] == "on_track"


def test_smoothing_needs_two_of_three_years_in_the_baseline_window():
    row = one_city_row({2019: 40, 2023: 30, 2022: 31}, Settings(baseline_year=2019, smoothing="3y"))
    assert row["status"] == "insufficient_data" and pd.isna(row["baseline"])


def test_smoothing_latest_window_without_two_years_is_insufficient_without_fallback():
    row = one_city_row({2017: 40, 2018: 40, 2019: 40, 2020: 30, 2023: 30}, Settings(baseline_year=2019, smoothing="3y"))
    assert pd.isna(row["latest"]) and row["status"] == "insufficient_data"


@pytest.mark.parametrize(
    "values, used",
    [({2018: 40, 2020: 41, 2023: 30}, 2018), ({2020: 40, 2023: 30}, 2020), ({2021: 40, 2023: 30}, 2021),
     ({2017: 40, 2021: 41, 2023: 30}, 2017)],
)
def test_missing_baseline_is_replaced_by_nearest_year_earlier_on_a_tie(values, used):
    row = one_city_row(values, Settings(baseline_year=2019))
    assert row["baseline_year"] == used
    assert "baseline_substituted" in row["flags"].split(";")
    assert close(row["cagr_required"], float(required_rate(0.5, used, 2030)))


def test_no_baseline_within_two_years_is_insufficient_data():
    row = one_city_row({2016: 40, 2023: 30}, Settings(baseline_year=2019))
    assert row["status"] == "insufficient_data"
    assert "baseline_substituted" not in row["flags"]


def test_no_value_after_the_baseline_is_insufficient_data():
    assert one_city_row({2019: 40}, Settings(baseline_year=2019))["status"] == "insufficient_data"


@pytest.mark.parametrize("latest, status", [(0, "achieved"), (3, "deterioration")])
def test_zero_baseline(latest, status):
    assert one_city_row({2019: 0, 2023: latest})["status"] == status


def test_zero_latest_with_positive_baseline_is_achieved():
    row = one_city_row({2019: 10, 2023: 0})
    assert row["status"] == "achieved" and row["reduction_so_far"] == 1


@pytest.mark.parametrize(
    "ratio, status",
    [(C.ON_TRACK_MIN, "on_track"), (C.ON_TRACK_MIN - 1e-9, "fair_progress"),
     (C.FAIR_PROGRESS_MIN, "fair_progress"), (C.FAIR_PROGRESS_MIN - 1e-9, "limited_progress"),
     (C.LIMITED_PROGRESS_MIN, "limited_progress"), (C.LIMITED_PROGRESS_MIN - 1e-9, "deterioration")],
)
def test_status_boundaries_use_unrounded_ratio(ratio, status):
    from pioc_metrics.engine.methodology import classify

    assert classify(40.0, 39.0, 20.0, ratio)[()] == status


def test_status_boundary_through_the_engine_at_exactly_on_track():
    r = float(required_rate(0.5, 2019, 2030))
    latest = 40 * (1 + 0.95 * r) ** 4
    row = one_city_row({2019: 40, 2023: latest})
    assert close(row["progress_ratio"], 0.95)


def test_city_own_baseline_year_is_used_when_settings_say_each_city():
    data = make_dataset({"a": {2015: 50, 2019: 45, 2023: 30}}, baseline_years={"a": 2015})
    row = progress_table(data, Settings(baseline_year=None)).loc["a"]
    assert row["baseline_year"] == 2015
    row = progress_table(data, Settings(baseline_year=2019)).loc["a"]
    assert row["baseline_year"] == 2019


def test_linear_path_gap():
    row = one_city_row({2019: 40, 2023: 30}, Settings(path="linear"))
    path_2023 = 40 * (1 - 0.5 * 4 / 11)
    assert close(row["gap_to_path"], 30 / path_2023 - 1)


def test_city_without_data_has_no_number_and_is_flagged():
    data = make_dataset({"a": {2019: 40, 2023: 30}, "empty": {}})
    row = progress_table(data, Settings()).loc["empty"]
    assert row["status"] == "insufficient_data"
    assert "no_data" in row["flags"]
    assert pd.isna(row["baseline"]) and pd.isna(row["latest"]) and pd.isna(row["projection"])


def test_small_numbers_flag_from_latest_year_count():
    data = make_dataset({"a": {2019: 12, 2023: 8}}, indicator="homicides")
    assert "small_numbers" in progress_table(data, Settings(indicator="homicides")).loc["a", "flags"]
    data = make_dataset({"a": {2019: 120, 2023: 80}}, indicator="homicides")
    assert "small_numbers" not in progress_table(data, Settings(indicator="homicides")).loc["a", "flags"]


def test_indicator_without_lower_is_better_has_no_target_and_no_status():
    data = make_dataset({"a": {2019: 1000, 2023: 1100}}, indicator="population")
    row = progress_table(data, Settings(indicator="population")).loc["a"]
    assert row["status"] == "" and pd.isna(row["target"]) and "no_target" in row["flags"]
    assert close(row["reduction_so_far"], -0.1)


def test_only_main_series_counts():
    extra = [{"city_id": "a", "year": 2023, "indicator": "homicide_rate", "value": 5.0, "series": "press"}]
    data = make_dataset({"a": {2019: 40, 2022: 38}}, extra_rows=extra)
    row = progress_table(data, Settings()).loc["a"]
    assert row["latest_year"] == 2022 and row["latest"] == 38


def test_poisson_examples():
    lower, upper = poisson_interval(131, 419_000)
    assert close(131 / 419_000 * 1e5, 31.2649, 4)
    assert abs(lower - 26.1405) < 5e-5 and abs(upper - 37.1002) < 5e-5
    lower, upper = poisson_interval(0, 419_000)
    assert lower == 0 and abs(upper - 0.8804) < 5e-5


def test_median_city_index_and_status_counts():
    data = make_dataset({"a": {2019: 40, 2020: 30, 2023: 20}, "b": {2019: 10, 2020: 10, 2023: 12}, "c": {}})
    settings = Settings()
    table = progress_table(data, settings)
    index = median_city_index(data, table, settings).set_index("year")
    assert index.loc[2019, "median_index"] == 100 and index.loc[2019, "cities"] == 2
    assert index.loc[2020, "median_index"] == pytest.approx((75 + 100) / 2)
    assert index.loc[2023, "path"] == pytest.approx(100 * 0.5 ** (4 / 11))
    counts = status_counts(table)
    assert counts["achieved"] == 1 and counts["deterioration"] == 1 and counts["insufficient_data"] == 1
    assert list(counts.index) == list(C.STATUSES)


def test_progress_is_vectorised_same_as_one_city_at_a_time():
    rng = np.random.default_rng(7)
    values = {f"c{i}": {y: float(v) for y, v in zip(range(2010, 2025), rng.uniform(1, 80, 15)) if rng.random() > 0.3}
              for i in range(40)}
    together = progress_table(make_dataset(values), Settings())
    for city, series in list(values.items())[:10]:
        alone = progress_table(make_dataset({city: series}), Settings()).loc[city]
        for column in ("baseline", "latest", "cagr_actual", "status", "projection", "flags"):
            a, b = together.loc[city, column], alone[column]
            assert (pd.isna(a) and pd.isna(b)) or a == b or (isinstance(a, float) and math.isclose(a, b))
