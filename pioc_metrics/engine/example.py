"""The Methodology page's worked examples: one city's two published values run through every formula,
and the uncertainty interval of one year's rate.

The numbers come from the engine's single formulas (engine.formulas), the same ones
progress_table applies to every city, so the page can never show a different method.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from pioc_metrics import constants as C
from pioc_metrics.data.dataset import Dataset
from pioc_metrics.engine.formulas import (
    actual_rate,
    classify,
    first_year_at_target,
    gap_to_path,
    path_value,
    poisson_interval,
    progress_ratio,
    projected_value,
    required_rate,
    target_value,
)
from pioc_metrics.settings import Settings

# Palmira 2011 -> 2022 as the network's 2023 report states it (shared/spec/methodology.md works it by hand).
EXAMPLE_CITY = "palmira"
EXAMPLE_SERIES = "pioc-report-2023"
EXAMPLE_INDICATOR = "homicide_rate"


@dataclass(frozen=True)
class WorkedExample:
    """Every quantity of the method for one city, baseline B in year b to latest L in year t."""

    city_id: str
    series: str
    baseline_year: int
    baseline: float
    latest_year: int
    latest: float
    reduction: float
    target_year: int
    target: float
    cagr_actual: float
    cagr_required: float
    progress_ratio: float
    status: str
    projection: float
    path_at_latest: float
    gap_to_path: float
    first_year_at_target: int | None  # None: the city does not reach its target at the current pace


def worked_example(data: Dataset, settings: Settings, city_id: str = EXAMPLE_CITY,
                   series: str = EXAMPLE_SERIES, indicator: str = EXAMPLE_INDICATOR) -> WorkedExample | None:
    """The example from the first and last value of `series`; None without two values before the target year."""
    rows = data.indicators
    values = rows.loc[(rows["city_id"] == city_id) & (rows["indicator"] == indicator)
                      & (rows["series"] == series)].dropna(subset=["value"]).sort_values("year")
    if len(values) < 2 or int(values.iloc[0]["year"]) >= settings.target_year:
        return None
    first, last = values.iloc[0], values.iloc[-1]
    b, B = int(first["year"]), float(first["value"])
    t, L = int(last["year"]), float(last["value"])
    target = float(target_value(B, settings.reduction))
    cagr_a = float(actual_rate(B, b, L, t))
    cagr_r = float(required_rate(settings.reduction, b, settings.target_year))
    ratio = float(progress_ratio(cagr_a, cagr_r))
    path_at_t = float(path_value(B, b, t, settings))
    first_year = float(first_year_at_target(target, L, t, cagr_a))
    return WorkedExample(
        city_id=city_id, series=series, baseline_year=b, baseline=B, latest_year=t, latest=L,
        reduction=settings.reduction, target_year=settings.target_year, target=target,
        cagr_actual=cagr_a, cagr_required=cagr_r, progress_ratio=ratio,
        status=str(classify([B], [L], [target], [ratio])[0]),
        projection=float(projected_value(L, t, cagr_a, settings.target_year)),
        path_at_latest=path_at_t, gap_to_path=float(gap_to_path(L, path_at_t)),
        first_year_at_target=None if math.isnan(first_year) else int(first_year),
    )


@dataclass(frozen=True)
class PoissonExample:
    """A city's latest year with both a homicide count k and a population p: its rate and 95 % interval."""

    city_id: str
    year: int
    count: float
    population: float
    rate: float
    lower: float
    upper: float


def poisson_example(data: Dataset, city_id: str = EXAMPLE_CITY) -> PoissonExample | None:
    """The interval of the rate in the city's latest main-series year with a count and a population."""
    rows = data.indicators
    main = rows.loc[(rows["city_id"] == city_id) & (rows["series"] == C.MAIN_SERIES)]
    counts = main.loc[main["indicator"] == "homicides"].set_index("year")["value"].dropna()
    population = main.loc[main["indicator"] == "population"].set_index("year")["value"].dropna()
    both = counts.index.intersection(population.index)
    if not len(both):
        return None
    year = int(both.max())
    k, p = float(counts[year]), float(population[year])
    lower, upper = poisson_interval(np.array([k]), np.array([p]))
    return PoissonExample(city_id=city_id, year=year, count=k, population=p, rate=k / p * C.RATE_PER,
                          lower=float(lower[0]), upper=float(upper[0]))
