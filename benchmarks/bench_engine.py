"""The methodology engine on N cities x 30 years against one plain pandas groupby pass (issue 2, item 8).

    python -m benchmarks.bench_engine [--cities 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
from dataclasses import replace

from benchmarks.common import best_of_both, load_average
from benchmarks.generate import generate
from pioc_metrics.data.loading import load_dataset
from pioc_metrics.engine.progress import progress_table
from pioc_metrics.settings import Settings

BUDGET_SECONDS = 0.5
BUDGET_RATIO = 3.0


def groupby_pass(indicators, indicator: str):
    """The floor: one indicator's rows, first and last value per city, in one pandas groupby."""
    rows = indicators[indicators["indicator"] == indicator]
    return rows.groupby("city_id")["value"].agg(["first", "last"])


def run(cities: int = 10_000, repeat: int = 5) -> dict:
    data, _problems = load_dataset(generate(cities))
    settings = Settings()
    load_before = load_average()
    engine, engine_cpu, table = best_of_both(progress_table, repeat, data, settings)
    smoothed, smoothed_cpu, _ = best_of_both(progress_table, repeat, data, replace(settings, smoothing="3y"))
    floor, floor_cpu, grouped = best_of_both(groupby_pass, repeat, data.indicators, settings.indicator)
    return {
        "load_average": f"{load_before} -> {load_average()}",
        "engine_cpu_s": engine_cpu,
        "engine_3y_cpu_s": smoothed_cpu,
        "groupby_cpu_s": floor_cpu,
        "ratio_cpu": engine_cpu / floor_cpu,
        "cities": cities,
        "indicator_rows": len(data.indicators),
        "engine_s": engine,
        "engine_3y_s": smoothed,
        "groupby_s": floor,
        "ratio": engine / floor,
        "table_rows": len(table),
        "grouped_rows": len(grouped),
        "budget_met": bool(engine < BUDGET_SECONDS and engine / floor <= BUDGET_RATIO),
    }


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cities", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    result = run(args.cities, args.repeat)
    print(f"{result['cities']} cities ({result['indicator_rows']} rows): engine {result['engine_s'] * 1000:.1f} ms "
          f"(3-year smoothing {result['engine_3y_s'] * 1000:.1f} ms), "
          f"groupby pass {result['groupby_s'] * 1000:.1f} ms, "
          f"ratio {result['ratio']:.2f}x (CPU time: {result['engine_cpu_s'] * 1000:.1f} vs "
          f"{result['groupby_cpu_s'] * 1000:.1f} ms, {result['ratio_cpu']:.2f}x; load {result['load_average']}); "
          f"budget (< {BUDGET_SECONDS} s and <= {BUDGET_RATIO}x) "
          f"{'met' if result['budget_met'] else 'MISSED'}")
    return result


if __name__ == "__main__":
    main()
