"""The Methodology page's worked example is the engine's own computation on the main series, not a second copy
of the method: it agrees with the progress table row the city page shows, under any settings."""

from __future__ import annotations

import pandas as pd
import pytest

from pioc_metrics import constants as C
from pioc_metrics.engine.example import EXAMPLE_CITY, poisson_example, worked_example
from pioc_metrics.engine.progress import progress_table
from pioc_metrics.settings import Settings

COLUMNS = ("baseline", "latest", "target", "cagr_actual", "cagr_required", "progress_ratio", "projection",
           "gap_to_path", "path_at_latest", "required_now", "change_since_baseline")
SETTINGS = [
    Settings(), Settings(indicator="homicide_rate"), Settings(reduction=0.6), Settings(path="linear", target_year=2035),
    Settings(reduction=0.3, baseline_year=2015), Settings(smoothing="3y"), Settings(indicator="homicides"),
]
IDS = ["headline", "rate", "reduction-60", "linear-2035", "reduction-30-base-2015", "smoothed", "counts"]


@pytest.mark.parametrize("settings", SETTINGS, ids=IDS)
def test_worked_example_equals_the_progress_table_row_of_the_city_page(shipped_data, settings):
    table = progress_table(shipped_data, settings)
    example = worked_example(shipped_data, table, settings)
    row = table.loc[EXAMPLE_CITY]
    assert (example.baseline_year, example.latest_year) == (int(row["baseline_year"]), int(row["latest_year"]))
    assert example.indicator == row["indicator"]
    for column in COLUMNS:
        expected = float(row[column])
        if pd.isna(expected):
            assert pd.isna(getattr(example, column)), column
        else:
            assert getattr(example, column) == pytest.approx(expected, rel=1e-12), column
    assert example.status == row["status"]
    expected_first = None if pd.isna(row["first_year_at_target"]) else int(row["first_year_at_target"])
    assert example.first_year_at_target == expected_first


def test_the_example_takes_palmira_main_series_not_a_reference_series(shipped_data):
    settings = Settings(indicator="homicide_rate")
    example = worked_example(shipped_data, progress_table(shipped_data, settings), settings)
    rows = shipped_data.indicators
    main = rows.loc[(rows["city_id"] == EXAMPLE_CITY) & (rows["indicator"] == "homicide_rate")
                    & (rows["series"] == C.MAIN_SERIES)].set_index("year")["value"]
    assert (example.baseline_year, example.latest_year) == (2019, 2024)
    assert example.baseline == main[2019] and example.latest == main[2024]
    assert example.source.startswith("Policía Nacional de Colombia")
    # Palmira in methodology.md (v2): 36.61 -> 40.88, target 18.30, -12.5 % a year from now on, path 26.7, +53 %
    assert example.target == pytest.approx(18.30, abs=0.005)
    assert example.required_now == pytest.approx(-0.125, abs=0.0005)
    assert example.path_at_latest == pytest.approx(26.7, abs=0.05)
    assert example.gap_to_path == pytest.approx(0.53, abs=0.005)
    assert example.change_since_baseline == pytest.approx(0.117, abs=0.0005)
    assert example.status == "deterioration" and example.first_year_at_target is None


def test_no_example_without_a_baseline_a_later_value_and_a_target(shipped_data, shipped_table):
    assert worked_example(shipped_data, shipped_table, Settings(), city_id="nowhere") is None
    settings = Settings(indicator="population")  # no target for a population
    assert worked_example(shipped_data, progress_table(shipped_data, settings), settings) is None
    settings = Settings(baseline_year=2024)
    assert worked_example(shipped_data, progress_table(shipped_data, settings), settings) is None


def test_poisson_example_is_palmira_latest_main_year_with_a_count(shipped_data):
    example = poisson_example(shipped_data)
    assert (example.year, example.count) == (2024, 147)
    assert example.lower < example.rate < example.upper
