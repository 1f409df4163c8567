"""The single formulas of pioc_metrics.engine.formulas reproduce the worked examples of shared/spec/methodology.md."""

from __future__ import annotations

import math

import numpy as np
import pytest

from pioc_metrics import constants as C
from pioc_metrics.engine.formulas import (
    actual_rate,
    change_since_baseline,
    classify,
    first_year_at_target,
    gap_to_path,
    path_value,
    poisson_interval,
    progress_ratio,
    projected_value,
    reduction_so_far,
    required_rate,
    required_rate_from_now,
    status_code,
    target_value,
)
from pioc_metrics.settings import Settings
from tests.engine.worked_examples import FORWARD_EXAMPLE, WORKED_EXAMPLES, close, example_id


@pytest.mark.parametrize("example", WORKED_EXAMPLES, ids=example_id)
def test_worked_example_is_reproduced_formula_by_formula(example):
    b, B, t, L, cagr_a, cagr_r, ratio, status, projection, first_year, gap = example
    target = float(target_value(B, 0.5))
    rate = float(actual_rate(B, b, L, t))
    required = float(required_rate(0.5, b, 2030))
    assert target == B * 0.5
    assert close(rate, cagr_a) and close(required, cagr_r)
    cr = float(progress_ratio(rate, required))
    assert close(cr, ratio)
    assert str(classify([B], [L], [target], [cr])[0]) == status
    assert close(float(projected_value(L, t, rate, 2030)), projection)
    path_at_latest = path_value(B, b, t, Settings(baseline_year=b))
    assert close(float(gap_to_path(L, path_at_latest)), gap)
    assert close(float(reduction_so_far(B, L)), 1 - L / B)
    year = float(first_year_at_target(target, L, t, rate))
    assert math.isnan(year) if first_year is None else year == first_year


def test_required_rate_for_2019_halving_is_minus_6_107_percent():
    assert close(float(required_rate(0.5, 2019, 2030)), -0.061069)


def test_target_value_halves_every_city_at_once():
    np.testing.assert_array_equal(target_value(np.array([40.0, 0.0, np.nan]), 0.5), [20.0, 0.0, np.nan])


def test_gap_and_reduction_need_a_positive_path_and_baseline():
    assert np.isnan(gap_to_path(3.0, 0.0)) and np.isnan(gap_to_path(3.0, np.nan))
    assert np.isnan(reduction_so_far(0.0, 3.0))
    assert reduction_so_far(10.0, 0.0) == 1


@pytest.mark.parametrize(
    "ratio, status",
    [(C.ON_TRACK_MIN, "on_track"), (C.ON_TRACK_MIN - 1e-9, "fair_progress"),
     (C.FAIR_PROGRESS_MIN, "fair_progress"), (C.FAIR_PROGRESS_MIN - 1e-9, "limited_progress"),
     (C.LIMITED_PROGRESS_MIN, "limited_progress"), (C.LIMITED_PROGRESS_MIN - 1e-9, "deterioration")],
)
def test_status_boundaries_use_unrounded_ratio(ratio, status):
    assert classify(40.0, 39.0, 20.0, ratio)[()] == status


def test_poisson_examples():
    lower, upper = poisson_interval(131, 419_000)
    assert close(131 / 419_000 * 1e5, 31.2649, 4)
    assert abs(lower - 26.1405) < 5e-5 and abs(upper - 37.1002) < 5e-5
    lower, upper = poisson_interval(0, 419_000)
    assert lower == 0 and abs(upper - 0.8804) < 5e-5


def test_forward_looking_example_formula_by_formula():
    (b, B, t, L), (T, now, path, gap, change) = FORWARD_EXAMPLE
    assert close(float(target_value(B, 0.5)), T)
    assert close(float(required_rate_from_now(T, L, t, 2030)), now)
    assert close(float(path_value(B, b, t, Settings())), path, places=4)
    assert close(float(gap_to_path(L, path_value(B, b, t, Settings()))), gap)
    assert close(float(change_since_baseline(B, L)), change)


@pytest.mark.parametrize("target, latest, latest_year", [(20, 20, 2023), (20, 15, 2023), (20, 36, 2030),
                                                         (20, 36, 2031), (float("nan"), 36, 2023)])
def test_required_rate_from_now_only_where_the_target_is_not_met_before_the_target_year(target, latest, latest_year):
    assert np.isnan(required_rate_from_now(target, latest, latest_year, 2030))


def test_change_since_baseline_is_a_signed_change_and_the_opposite_of_the_reduction():
    assert close(float(change_since_baseline(36.61, 40.88)), 40.88 / 36.61 - 1)
    assert float(change_since_baseline(40, 36)) == pytest.approx(-float(reduction_so_far(40, 36)))
    assert np.isnan(change_since_baseline(0, 3))


def test_status_code_is_the_position_of_classify_in_the_statuses():
    baseline = np.array([40, 40, 40, 40, 40, 0, 0, np.nan, 40])
    latest = np.array([20, 30, 33, 36, 41, 0, 3, 30, np.nan])
    ratio = np.array([2.6, 1.14, 0.77, 0.43, -0.10139, np.nan, np.nan, np.nan, np.nan])
    codes = status_code(baseline, latest, baseline * 0.5, ratio)
    names = classify(baseline, latest, baseline * 0.5, ratio)
    assert [C.STATUSES[c] for c in codes] == list(names)
    assert list(names) == ["achieved", "on_track", "fair_progress", "limited_progress", "deterioration", "achieved",
                           "deterioration", "insufficient_data", "insufficient_data"]
