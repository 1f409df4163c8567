"""Every city's progress through pioc_metrics.engine.progress: the worked examples and rules of
shared/spec/methodology.md, reproduced for whole tables of cities."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from pioc_metrics import constants as C
from pioc_metrics.engine.formulas import required_rate
from pioc_metrics.engine.progress import PROGRESS_COLUMNS, progress_table
from pioc_metrics.settings import Settings
from tests.engine.worked_examples import FORWARD_EXAMPLE, WORKED_EXAMPLES, close, example_id
from tests.factories import make_dataset

DEFAULT_SETTINGS = Settings()


def one_city_row(values, settings=DEFAULT_SETTINGS, **kwargs):
    table = progress_table(make_dataset({"x": values}, **kwargs), settings)
    return table.loc["x"]


@pytest.mark.parametrize("example", WORKED_EXAMPLES, ids=example_id)
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


def test_forward_looking_worked_example_is_reproduced():
    (b, B, t, L), (T, now, path, gap, change) = FORWARD_EXAMPLE
    row = one_city_row({b: B, t: L}, Settings(baseline_year=b))
    assert close(row["target"], T)
    assert close(row["required_now"], now)
    assert close(row["path_at_latest"], path, places=4)
    assert close(row["gap_to_path"], gap)
    assert close(row["change_since_baseline"], change)


def test_palmira_in_the_shipped_data_needs_minus_12_5_percent_a_year_from_now_on(shipped_data):
    for indicator in ("homicide_rate", C.HEADLINE):
        row = progress_table(shipped_data, Settings(indicator=indicator)).loc["palmira"]
        assert row["indicator"] == "homicide_rate"
        assert (row["baseline_year"], round(row["baseline"], 2)) == (2019, 36.61)
        assert (row["latest_year"], round(row["latest"], 2)) == (2024, 40.88)
        assert round(row["target"], 2) == 18.30
        assert round(100 * row["required_now"], 1) == -12.5
        assert round(100 * row["cagr_required"], 1) == -6.1
        assert round(row["path_at_latest"], 1) == 26.7
        assert round(100 * row["gap_to_path"]) == 53
        assert round(100 * row["change_since_baseline"], 1) == 11.7


def test_the_forward_columns_follow_the_existing_ones_in_order():
    assert PROGRESS_COLUMNS[:16] == (
        "city_id", "indicator", "baseline_year", "baseline", "latest_year", "latest",
        "target", "cagr_actual", "cagr_required", "progress_ratio", "status", "projection",
        "first_year_at_target", "gap_to_path", "reduction_so_far", "flags",
    )
    assert PROGRESS_COLUMNS[16:] == ("required_now", "path_at_latest", "change_since_baseline", "status_certainty")
    table = progress_table(make_dataset({"a": {2019: 40, 2023: 36}}), Settings())
    assert list(table.columns[:20]) == list(PROGRESS_COLUMNS)


@pytest.mark.parametrize("values", [{2019: 40, 2023: 20}, {2019: 40, 2023: 12}, {2019: 40, 2031: 36}])
def test_required_now_is_empty_where_the_target_is_met_or_its_year_has_passed(values):
    row = one_city_row(values, Settings(baseline_year=2019))
    assert pd.isna(row["required_now"]) and close(row["change_since_baseline"], values[max(values)] / 40 - 1)


def test_an_indicator_without_a_target_has_no_path_and_no_required_change():
    data = make_dataset({"a": {2019: 1000, 2023: 1100}}, indicator="population")
    row = progress_table(data, Settings(indicator="population")).loc["a"]
    assert pd.isna(row["path_at_latest"]) and pd.isna(row["required_now"]) and pd.isna(row["status_certainty"])
    assert close(row["change_since_baseline"], 0.1)


def test_linear_path_at_latest():
    row = one_city_row({2019: 40, 2023: 30}, Settings(path="linear"))
    assert close(row["path_at_latest"], 40 * (1 - 0.5 * 4 / 11))


def test_palmira_2011_2022_is_achieved():
    row = one_city_row({2011: 98.1, 2022: 42.9}, Settings(baseline_year=2011))
    assert row["status"] == "achieved"


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


def test_shipped_table_has_every_city_once_with_the_progress_columns(shipped_data, shipped_table):
    assert list(shipped_table.index) == list(shipped_data.cities["city_id"])
    assert set(PROGRESS_COLUMNS) <= set(shipped_table.columns)
    assert set(shipped_table["status"]) <= set(C.STATUSES)


def test_every_flag_the_engine_raises_is_a_known_flag_with_words(shipped_data):
    from pioc_metrics.text.i18n import t

    raised = set()
    for settings in (Settings(), Settings(smoothing="3y"), Settings(indicator="homicides", baseline_year=2015)):
        flags = progress_table(shipped_data, settings)["flags"]
        raised |= {flag for text in flags for flag in text.split(";") if flag}
    assert raised and raised <= set(C.FLAGS)
    for flag in C.FLAGS:
        assert t(f"flag_{flag}", "en") != f"flag_{flag}"
