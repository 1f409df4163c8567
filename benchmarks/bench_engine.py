"""The methodology engine on N cities x 30 years against one plain pandas groupby pass (issue 2, item 8).

`progress_table` includes the status certainty (2000 Poisson draws per city, issue 11); its share of the time
is measured on its own (`status_shares` on the finished table), and so is the headline (two measures).

    python -m benchmarks.bench_engine [--cities 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
from dataclasses import replace

from benchmarks.common import best_of_both, load_average
from benchmarks.generate import generate
from pioc_metrics import constants as C
from pioc_metrics.data.loading import load_dataset
from pioc_metrics.engine.certainty import status_shares
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
    settings = Settings(indicator=C.HEADLINE_MEASURES[0])
    load_before = load_average()
    engine, engine_cpu, table = best_of_both(progress_table, repeat, data, settings)
    smoothed, smoothed_cpu, _ = best_of_both(progress_table, repeat, data, replace(settings, smoothing="3y"))
    certainty, certainty_cpu, _ = best_of_both(status_shares, repeat, table, settings)
    headline, headline_cpu, _ = best_of_both(progress_table, repeat, data, replace(settings, indicator=C.HEADLINE))
    floor, floor_cpu, grouped = best_of_both(groupby_pass, repeat, data.indicators, settings.indicator)
    return {
        "load_average": f"{load_before} -> {load_average()}",
        "engine_cpu_s": engine_cpu,
        "engine_3y_cpu_s": smoothed_cpu,
        "certainty_cpu_s": certainty_cpu,
        "headline_cpu_s": headline_cpu,
        "groupby_cpu_s": floor_cpu,
        "ratio_cpu": engine_cpu / floor_cpu,
        "cities": cities,
        "indicator_rows": len(data.indicators),
        "engine_s": engine,
        "engine_3y_s": smoothed,
        "certainty_s": certainty,
        "headline_s": headline,
        "certified_cities": int(table["status_certainty"].notna().sum()),
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
          f"(3-year smoothing {result['engine_3y_s'] * 1000:.1f} ms; of it the status certainty "
          f"{result['certainty_s'] * 1000:.1f} ms for {result['certified_cities']} cities; "
          f"headline {result['headline_s'] * 1000:.1f} ms), "
          f"groupby pass {result['groupby_s'] * 1000:.1f} ms, "
          f"ratio {result['ratio']:.2f}x (CPU time: {result['engine_cpu_s'] * 1000:.1f} vs "
          f"{result['groupby_cpu_s'] * 1000:.1f} ms, {result['ratio_cpu']:.2f}x; load {result['load_average']}); "
          f"budget (< {BUDGET_SECONDS} s and <= {BUDGET_RATIO}x) "
          f"{'met' if result['budget_met'] else 'MISSED'}")
    return result


if __name__ == "__main__":
    main()
