"""The year to date and the last 12 months (engine.months.year_to_date) on N cities x 30 years x 12 months of one
indicator, against one plain pandas pass over the same rows: `groupby(["city_id", "indicator", "year"])["value"]
.sum()`.

The monthly rows are made here by code (synthetic cities, Poisson counts, 2 % of the months missing), in the shape of
`Dataset.monthly`; nothing is written to disk.

    python -m benchmarks.bench_months [--cities 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd

from benchmarks.common import best_of_both, load_average
from benchmarks.generate import SEED, SOURCE, YEARS, city_ids
from pioc_metrics.engine.months import year_to_date

BUDGET_RATIO = 3.0
MISSING_SHARE = 0.02


def synthetic_months(cities: int, seed: int = SEED) -> pd.DataFrame:
    """One row per city, year and month of `homicides` (main series), a few months missing; seeded."""
    rng = np.random.default_rng(seed + cities)
    months = len(YEARS) * 12
    expected = np.exp(rng.normal(np.log(5), 1.0, (cities, 1))) * np.ones((1, months))
    keep = rng.random(cities * months) >= MISSING_SHARE
    return pd.DataFrame({
        "city_id": np.repeat(city_ids(cities), months)[keep],
        "year": np.tile(np.repeat(YEARS, 12), cities)[keep].astype(np.int64),
        "month": np.tile(np.arange(1, 13), len(YEARS) * cities)[keep].astype(np.int64),
        "indicator": "homicides",
        "value": rng.poisson(expected).astype("float64").ravel()[keep],
        "series": "main",
        "source": SOURCE,
        "note": "",
    })


def groupby_pass(monthly: pd.DataFrame) -> pd.Series:
    """The floor: every city's yearly totals in one pandas groupby over the monthly rows."""
    return monthly.groupby(["city_id", "indicator", "year"])["value"].sum()


def run(cities: int = 10_000, repeat: int = 5) -> dict:
    monthly = synthetic_months(cities)
    load_before = load_average()
    months, months_cpu, table = best_of_both(year_to_date, repeat, monthly)
    floor, floor_cpu, grouped = best_of_both(groupby_pass, repeat, monthly)
    return {
        "load_average": f"{load_before} -> {load_average()}",
        "cities": cities,
        "monthly_rows": len(monthly),
        "months_s": months,
        "months_cpu_s": months_cpu,
        "groupby_s": floor,
        "groupby_cpu_s": floor_cpu,
        "ratio": months / floor,
        "ratio_cpu": months_cpu / floor_cpu,
        "table_rows": len(table),
        "with_ytd": int(table["ytd"].notna().sum()),
        "grouped_rows": len(grouped),
        "budget_met": bool(months / floor <= BUDGET_RATIO),
    }


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cities", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    result = run(args.cities, args.repeat)
    print(f"{result['cities']} cities ({result['monthly_rows']} monthly rows): year_to_date "
          f"{result['months_s'] * 1000:.1f} ms ({result['table_rows']} rows, {result['with_ytd']} with a year to "
          f"date), groupby pass {result['groupby_s'] * 1000:.1f} ms, ratio {result['ratio']:.2f}x (CPU time: "
          f"{result['months_cpu_s'] * 1000:.1f} vs {result['groupby_cpu_s'] * 1000:.1f} ms, "
          f"{result['ratio_cpu']:.2f}x; load {result['load_average']}); budget (<= {BUDGET_RATIO}x) "
          f"{'met' if result['budget_met'] else 'MISSED'}")
    return result


if __name__ == "__main__":
    main()
