"""Seeded synthetic data in the data contract's format, for benchmarks only (never shown as real cities).

N cities x 30 years (1995-2024) x 3 indicators (homicides, population, homicide_rate), with
city-specific levels and trends, a trend break for some cities, Poisson noise on counts,
missing years, cities with counts but no rates (the loader derives them), cities with no
data at all, and a second series for some cities.

    python -m benchmarks.generate 100 1000 10000 100000
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
GENERATED = HERE / "generated"
SIZES = (100, 1_000, 10_000, 100_000)
YEARS = np.arange(1995, 2025)
SEED = 42
SOURCE = f"synthetic benchmark data, benchmarks/generate.py, seed {SEED}"
ALT_SERIES = "synthetic-alt-report"
FORMAT_VERSION = 1  # bump when the generated content changes, so cached folders are rebuilt
STATUSES = np.array(["member", "prospective", "other"])
REGIONS = np.array(["Latin America and the Caribbean", "Sub-Saharan Africa", "Northern America and Europe",
                    "Western Asia and Northern Africa", "Central and Southern Asia"])


def city_ids(n: int) -> np.ndarray:
    return np.char.add("synthetic-", np.char.zfill(np.arange(n).astype(str), 5))


def synthetic_cities(n: int, rng: np.random.Generator) -> pd.DataFrame:
    ids = city_ids(n)
    numbers = np.char.zfill(np.arange(n).astype(str), 5)
    population = np.round(np.exp(rng.normal(np.log(300_000), 1.0, n))).clip(20_000, 25_000_000)
    baseline = np.where(rng.random(n) < 0.2, rng.choice([2010, 2012, 2015, 2018], n), 0)
    return pd.DataFrame({
        "city_id": ids,
        "city": np.char.add("Synthetic city ", numbers),
        "country": "Synthetic country",
        "iso3": "XSY",
        "lat": np.round(rng.uniform(-55, 70, n), 5),
        "lon": np.round(rng.uniform(-170, 175, n), 5),
        "status": STATUSES[rng.choice(3, n, p=[0.6, 0.25, 0.15])],
        "member_since": "",
        "baseline_year": np.where(baseline > 0, baseline.astype(str), ""),
        "population": population.astype("int64"),
        "population_year": 2024,
        "region": REGIONS[rng.integers(0, len(REGIONS), n)],
        "strategy": "",
        "note": "synthetic: not a real city",
        "source": SOURCE,
    })


def synthetic_indicators(cities: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Long rows for every city and year; gaps and series as described in the module docstring."""
    n, years = len(cities), len(YEARS)
    t = np.arange(years)[None, :]
    # Population: latest figure, grown backwards at a city-specific rate.
    growth = rng.normal(0.012, 0.008, (n, 1))
    population = cities["population"].to_numpy()[:, None] * np.exp(growth * (t - (years - 1)))
    # Rate: lognormal level, a trend, a break at a random year for a third of the cities, yearly noise.
    level = np.exp(rng.normal(np.log(12), 0.9, (n, 1)))
    trend = rng.normal(-0.02, 0.05, (n, 1))
    break_year = rng.integers(8, 25, (n, 1))
    after = rng.normal(0, 0.06, (n, 1)) * (rng.random((n, 1)) < 0.33)
    log_rate = np.log(level) + trend * t + after * np.clip(t - break_year, 0, None) + rng.normal(0, 0.08, (n, years))
    expected = np.exp(log_rate) * population / 1e5
    homicides = rng.poisson(np.clip(expected, 0, 1e7)).astype("float64")
    rate = homicides / population * 1e5

    city = np.repeat(cities["city_id"].to_numpy(), years)
    year = np.tile(YEARS, n)
    no_data = np.repeat(rng.random(n) < 0.03, years)           # cities not reporting at all
    counts_only = np.repeat(rng.random(n) < 0.10, years)       # rates left to the loader to derive
    gap = rng.random(n * years) < 0.05                          # missing years
    frames = []
    for indicator, values, keep in (
        ("homicides", homicides.ravel(), ~no_data & ~gap),
        ("population", np.round(population.ravel()), ~no_data),
        ("homicide_rate", np.round(rate.ravel(), 4), ~no_data & ~gap & ~counts_only),
    ):
        frames.append(pd.DataFrame({"city_id": city[keep], "year": year[keep], "indicator": indicator,
                                    "value": values[keep], "series": "main"}))
    # A second source for 10 % of the cities, the last 5 years, a few percent higher.
    alt = np.repeat(rng.random(n) < 0.10, years) & (year >= YEARS[-5]) & ~no_data
    frames.append(pd.DataFrame({"city_id": city[alt], "year": year[alt], "indicator": "homicide_rate",
                                "value": np.round(rate.ravel()[alt] * rng.uniform(1.0, 1.4, alt.sum()), 4),
                                "series": ALT_SERIES}))
    rows = pd.concat(frames, ignore_index=True)
    rows["source"] = SOURCE
    rows["note"] = ""
    return rows.sort_values(["city_id", "indicator", "series", "year"], kind="stable", ignore_index=True)


def folder(n: int) -> Path:
    return GENERATED / str(n)


def generate(n: int, *, seed: int = SEED, force: bool = False, csv: bool = True) -> Path:
    """Write cities/indicators as CSV and Parquet into benchmarks/generated/<n>/ (reused when up to date)."""
    out = folder(n)
    manifest = out / "manifest.json"
    wanted = {"cities": n, "seed": seed, "version": FORMAT_VERSION, "csv": csv}
    if not force and manifest.exists():
        found = json.loads(manifest.read_text())
        if found.get("cities") == n and found.get("seed") == seed and found.get("version") == FORMAT_VERSION \
                and (found.get("csv") or not csv):
            return out
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed + n)
    cities = synthetic_cities(n, rng)
    indicators = synthetic_indicators(cities, rng)
    cities.to_parquet(out / "cities.parquet", index=False)
    indicators.to_parquet(out / "indicators.parquet", index=False)
    if csv:
        cities.to_csv(out / "cities.csv", index=False)
        indicators.to_csv(out / "indicators.csv", index=False)
    manifest.write_text(json.dumps({**wanted, "indicator_rows": len(indicators)}))
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=list(SIZES))
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args(argv)
    for n in args.sizes:
        start = time.perf_counter()
        out = generate(n, force=args.force)
        rows = json.loads((out / "manifest.json").read_text())["indicator_rows"]
        print(f"{n:>7} cities: {rows:>9} indicator rows in {out} ({time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main()
