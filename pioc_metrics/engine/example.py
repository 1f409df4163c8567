"""The Methodology page's worked examples: one city's baseline and latest value run through every formula,
and the uncertainty interval of one year's rate.

The inputs are the city's row of the progress table (its main series, under the settings in force: the
figures its city page shows), and every step is one of the engine's single formulas (engine.formulas), the
same ones progress_table applies to every city, so the page can never show a different method.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pioc_metrics import constants as C
from pioc_metrics.data.dataset import Dataset
from pioc_metrics.engine.formulas import (
    change_since_baseline,
    classify,
    first_year_at_target,
    gap_to_path,
    path_value,
    poisson_interval,
    progress_rates,
    projected_value,
    required_rate_from_now,
    target_value,
)
from pioc_metrics.settings import Settings

EXAMPLE_CITY = "palmira"


@dataclass(frozen=True)
class WorkedExample:
    """Every quantity of the method for one city, baseline B in year b to latest L in year t (main series)."""

    city_id: str
    indicator: str
    source: str  # the main series' source of the latest value
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
    required_now: float  # NaN where the target is met already
    change_since_baseline: float
    first_year_at_target: int | None  # None: the city does not reach its target at the current pace


def worked_example(data: Dataset, table: pd.DataFrame, settings: Settings,
                   city_id: str = EXAMPLE_CITY) -> WorkedExample | None:
    """The city's figures worked out step by step from the B, b, L and t of its progress-table row (`table`
    made with `settings`); None without a baseline, a later value and a target."""
    if city_id not in table.index:
        return None
    row = table.loc[city_id]
    if any(pd.isna(row.get(c)) for c in ("baseline", "latest", "target", "baseline_year", "latest_year")):
        return None
    b, B = int(row["baseline_year"]), float(row["baseline"])
    t, L = int(row["latest_year"]), float(row["latest"])
    if b >= settings.target_year:
        return None
    target = float(target_value(B, settings.reduction))
    cagr_a, cagr_r, ratio = (float(x) for x in progress_rates(B, b, L, t, settings))
    path_at_t = float(path_value(B, b, t, settings))
    first_year = float(first_year_at_target(target, L, t, cagr_a))
    return WorkedExample(
        city_id=city_id, indicator=str(row["indicator"]), source=_main_source(data, city_id, str(row["indicator"]), t),
        baseline_year=b, baseline=B, latest_year=t, latest=L, reduction=settings.reduction,
        target_year=settings.target_year, target=target, cagr_actual=cagr_a, cagr_required=cagr_r,
        progress_ratio=ratio, status=str(classify([B], [L], [target], [ratio])[0]),
        projection=float(projected_value(L, t, cagr_a, settings.target_year)),
        path_at_latest=path_at_t, gap_to_path=float(gap_to_path(L, path_at_t)),
        required_now=float(required_rate_from_now(target, L, t, settings.target_year)),
        change_since_baseline=float(change_since_baseline(B, L)),
        first_year_at_target=None if math.isnan(first_year) else int(first_year),
    )


def _main_source(data: Dataset, city_id: str, indicator: str, year: int) -> str:
    """The source of the city's main-series value of `indicator` in `year` (its latest source if that year has none)."""
    rows = data.indicators
    main = rows.loc[(rows["city_id"] == city_id) & (rows["indicator"] == indicator)
                    & (rows["series"] == C.MAIN_SERIES)].sort_values("year")
    that_year = main.loc[main["year"] == year, "source"]
    sources = that_year if len(that_year) else main["source"]
    return str(sources.iloc[-1]) if len(sources) else ""


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
