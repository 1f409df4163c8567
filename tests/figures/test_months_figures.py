"""The months chart and the per-indicator panels are plain plotly figures, checked without a server."""

from __future__ import annotations

import pandas as pd

from pioc_metrics.data.loading import load_dataset
from pioc_metrics.engine.progress import progress_table
from pioc_metrics.figures.months import months_figure, panel_figure
from pioc_metrics.settings import Settings
from tests.conftest import ROOT

DATA, _ = load_dataset(ROOT / "data")


def _comparison() -> pd.DataFrame:  # synthetic months: a test's own numbers
    return pd.DataFrame({"month": [1, 2, 3], "this_year": [5.0, 5.0, 6.0], "last_year": [3.0, 3.0, 2.0],
                         "earlier_mean": [7.0, 6.6, 5.3], "earlier_years": [11, 11, 11]})


def test_the_months_chart_draws_this_year_last_year_and_the_earlier_average_with_a_legend():
    fig = months_figure(_comparison(), "homicides", 2026, "es", catalog=DATA.catalog, sources=["A source"])
    assert [trace.name for trace in fig.data] == ["2026", "2025", "Promedio 2014–2024"]
    assert list(fig.data[0].x) == ["ene", "feb", "mar"] and list(fig.data[0].y) == [5.0, 5.0, 6.0]
    assert fig.layout.showlegend is True and fig.layout.legend.yref == "container" and fig.layout.legend.y > 0


def test_without_earlier_years_the_average_is_left_out():
    comparison = _comparison().assign(earlier_mean=float("nan"), earlier_years=0)
    fig = months_figure(comparison, "homicides", 2026, "en", catalog=DATA.catalog)
    assert [trace.name for trace in fig.data] == ["2026", "2025"]


def test_a_panel_draws_the_main_series_and_its_own_halving_path():
    settings = Settings(indicator="homicides")
    row = progress_table(DATA, settings).loc["niteroi"]
    fig = panel_figure(DATA, row, "niteroi", "homicides", settings, "en", "Homicides")
    observed, path = fig.data
    assert list(observed.x)[0] == 2014 and path.line.dash == "dash"
    assert abs(path.y[-1] - row["target"]) < 1e-9 and path.x[-1] == settings.target_year
