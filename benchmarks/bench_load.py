"""Load + validate + all-city progress, against the floor of reading the same Parquet file and one groupby pass.

Two product paths are timed: the server's (load_dataset on the CSV folder) and the same
validation fed from the Parquet copy, so the Parquet floor is compared like for like.

    python -m benchmarks.bench_load [--sizes 100 1000 10000 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd

from benchmarks.bench_engine import groupby_pass
from benchmarks.common import best_of_both, load_average
from benchmarks.generate import generate
from pioc_metrics.data.dataset import Dataset
from pioc_metrics.data.derive import with_derived_rates
from pioc_metrics.data.loading import load_catalog, load_dataset
from pioc_metrics.data.reading import read_table
from pioc_metrics.data.validation import empty_national, validate_cities, validate_indicators
from pioc_metrics.engine.progress import progress_table
from pioc_metrics.paths import SHIPPED_DIR
from pioc_metrics.settings import Settings

BUDGET_SECONDS = 2.0   # at 10,000 cities x 30 years
BUDGET_RATIO = 3.0


def csv_path(folder: Path, settings: Settings):
    data, _problems = load_dataset(folder)
    return progress_table(data, settings)


def parquet_path(folder: Path, settings: Settings):
    """load_dataset's steps, reading the Parquet copy through the product's own reader and validator."""
    catalog, _ = load_catalog(SHIPPED_DIR / "indicator_catalog.csv")
    frame, _ = read_table((folder / "cities.parquet").read_bytes(), "cities.parquet")
    cities, _ = validate_cities(frame, "cities.parquet")
    frame, _ = read_table((folder / "indicators.parquet").read_bytes(), "indicators.parquet")
    indicators, _, _ = validate_indicators(frame, "indicators.parquet", cities, catalog)
    data = Dataset(cities=cities, indicators=with_derived_rates(indicators), national=empty_national(), catalog=catalog)
    return progress_table(data, settings)


def floor(folder: Path, settings: Settings):
    indicators = pd.read_parquet(folder / "indicators.parquet")
    return groupby_pass(indicators, settings.indicator)


def stages(folder: Path, settings: Settings) -> dict:
    """One run of the Parquet path split into its steps (seconds), to show where the time goes."""
    out = {}
    start = time.perf_counter()
    catalog, _ = load_catalog(SHIPPED_DIR / "indicator_catalog.csv")
    frame, _ = read_table((folder / "cities.parquet").read_bytes(), "cities.parquet")
    cities, _ = validate_cities(frame, "cities.parquet")
    out["cities_s"] = time.perf_counter() - start
    start = time.perf_counter()
    frame, _ = read_table((folder / "indicators.parquet").read_bytes(), "indicators.parquet")
    out["read_indicators_s"] = time.perf_counter() - start
    start = time.perf_counter()
    indicators, _, _ = validate_indicators(frame, "indicators.parquet", cities, catalog)
    out["validate_indicators_s"] = time.perf_counter() - start
    start = time.perf_counter()
    indicators = with_derived_rates(indicators)
    out["derive_s"] = time.perf_counter() - start
    start = time.perf_counter()
    progress_table(Dataset(cities=cities, indicators=indicators, national=empty_national(), catalog=catalog), settings)
    out["progress_s"] = time.perf_counter() - start
    return out


def run_size(cities: int, repeat: int = 3) -> dict:
    folder = generate(cities)
    settings = Settings()
    repeat = repeat if cities <= 10_000 else 1
    load_before = load_average()
    floor_s, floor_cpu, grouped = best_of_both(floor, repeat, folder, settings)
    parquet_s, parquet_cpu, table = best_of_both(parquet_path, repeat, folder, settings)
    csv_s, csv_cpu, _ = best_of_both(csv_path, repeat, folder, settings)
    result = {
        "load_average": f"{load_before} -> {load_average()}",
        "floor_cpu_s": floor_cpu,
        "parquet_path_cpu_s": parquet_cpu,
        "csv_path_cpu_s": csv_cpu,
        "cities": cities,
        "parquet_mb": (folder / "indicators.parquet").stat().st_size / 1e6,
        "csv_mb": (folder / "indicators.csv").stat().st_size / 1e6,
        "floor_s": floor_s,
        "parquet_path_s": parquet_s,
        "csv_path_s": csv_s,
        "ratio_parquet": parquet_s / floor_s,
        "ratio_csv": csv_s / floor_s,
        "table_rows": len(table),
        "grouped_rows": len(grouped),
        "stages": stages(folder, settings),
    }
    if cities == 10_000:
        result["budget_met"] = bool(parquet_s < BUDGET_SECONDS and parquet_s / floor_s <= BUDGET_RATIO)
    return result


def run(sizes=(100, 1_000, 10_000, 100_000), repeat: int = 3) -> list[dict]:
    return [run_size(n, repeat) for n in sizes]


def main(argv=None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    results = []
    for n in args.sizes:
        r = run_size(n, args.repeat)
        results.append(r)
        print(f"{n:>7} cities: floor {r['floor_s']:.3f} s; parquet path {r['parquet_path_s']:.3f} s "
              f"({r['ratio_parquet']:.1f}x); csv path {r['csv_path_s']:.3f} s ({r['ratio_csv']:.1f}x); "
              + f"CPU {r['floor_cpu_s']:.3f} / {r['parquet_path_cpu_s']:.3f} / {r['csv_path_cpu_s']:.3f} s; "
              + ", ".join(f"{k} {v:.2f}" for k, v in r["stages"].items()), flush=True)
    return results


if __name__ == "__main__":
    main()
