"""The benchmarks run end to end at 100 cities and produce numbers (never asserting timings)."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # `benchmarks` importable under plain `pytest` too
from benchmarks import bench_engine, bench_load, bench_months
from benchmarks.generate import generate


def test_generator_writes_synthetic_cities_in_the_contract_format():
    folder = generate(100)
    cities = pd.read_csv(folder / "cities.csv")
    indicators = pd.read_parquet(folder / "indicators.parquet")
    assert len(cities) == 100 and cities["city_id"].str.fullmatch(r"synthetic-\d{5}").all()
    assert set(indicators["indicator"]) == {"homicides", "population", "homicide_rate"}
    assert indicators["year"].between(1995, 2024).all() and indicators["source"].ne("").all()
    assert set(indicators["series"]) == {"main", "synthetic-alt-report"}
    assert indicators["city_id"].isin(cities["city_id"]).all()


def test_engine_benchmark_runs_and_gives_positive_times():
    result = bench_engine.run(cities=100, repeat=1)
    assert result["table_rows"] == 100
    for key in ("engine_s", "groupby_s", "ratio", "engine_cpu_s"):
        assert math.isfinite(result[key]) and result[key] > 0


def test_load_benchmark_runs_and_gives_positive_times():
    result = bench_load.run_size(100, repeat=1)
    assert result["table_rows"] == 100
    for key in ("floor_s", "parquet_path_s", "csv_path_s", "ratio_parquet"):
        assert math.isfinite(result[key]) and result[key] > 0
    assert all(v > 0 for v in result["stages"].values())


def test_months_benchmark_runs_and_gives_positive_times():
    result = bench_months.run(cities=100, repeat=1)
    assert result["table_rows"] == 100 and result["monthly_rows"] > 0.95 * 100 * 360
    for key in ("months_s", "groupby_s", "ratio", "months_cpu_s"):
        assert math.isfinite(result[key]) and result[key] > 0
