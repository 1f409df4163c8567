"""The Methodology page's worked example is the engine's own computation, not a second copy of the method."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from pioc_metrics import constants as C
from pioc_metrics.engine.example import EXAMPLE_CITY, EXAMPLE_INDICATOR, EXAMPLE_SERIES, worked_example
from pioc_metrics.engine.progress import progress_table
from pioc_metrics.settings import Settings


def with_example_as_main_series(data):
    """The shipped data with the example city's published values as its only main series."""
    rows = data.indicators
    city = (rows["city_id"] == EXAMPLE_CITY) & (rows["indicator"] == EXAMPLE_INDICATOR)
    published = rows.loc[city & (rows["series"] == EXAMPLE_SERIES)].assign(series=C.MAIN_SERIES)
    return replace(data, indicators=pd.concat([rows.loc[~city], published], ignore_index=True))


def test_palmira_2011_2022_is_achieved_with_the_report_figures(shipped_data):
    example = worked_example(shipped_data, Settings())
    assert (example.baseline_year, example.latest_year) == (2011, 2022)
    assert (example.baseline, example.latest) == (98.1, 42.9)
    assert example.cagr_actual == pytest.approx(-0.072435, abs=1e-6)
    assert example.cagr_required == pytest.approx(-0.035824, abs=1e-6)
    assert example.progress_ratio == pytest.approx(2.021966, abs=1e-6)
    assert example.projection == pytest.approx(23.507823, abs=1e-6)
    assert example.status == "achieved"


@pytest.mark.parametrize("settings", [
    Settings(), Settings(reduction=0.6), Settings(path="linear", target_year=2035), Settings(reduction=0.3),
], ids=["default", "reduction-60", "linear-2035", "reduction-30"])
def test_worked_example_equals_the_progress_table_row_for_the_same_city(shipped_data, settings):
    example = worked_example(shipped_data, settings)
    data = with_example_as_main_series(shipped_data)
    row = progress_table(data, replace(settings, baseline_year=example.baseline_year)).loc[EXAMPLE_CITY]
    assert (row["baseline_year"], row["latest_year"]) == (example.baseline_year, example.latest_year)
    for column in ("baseline", "latest", "target", "cagr_actual", "cagr_required", "progress_ratio", "projection",
                   "gap_to_path"):
        assert getattr(example, column) == pytest.approx(float(row[column]), rel=1e-12), column
    assert example.status == row["status"]
    expected_first = None if pd.isna(row["first_year_at_target"]) else int(row["first_year_at_target"])
    assert example.first_year_at_target == expected_first


def test_no_example_without_two_published_values(shipped_data):
    assert worked_example(shipped_data, Settings(), city_id="oakland") is None
    assert worked_example(shipped_data, Settings(target_year=2011)) is None
