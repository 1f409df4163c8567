"""Run every benchmark and write benchmarks/RESULTS.md (plus the raw numbers in benchmarks/results.json).

    python -m benchmarks.run_all [--quick]

--quick: 100 and 1,000 cities for loading, 1,000 for the engine and the months, the shipped data and
1,000 cities in the browser, one repeat, 3 sessions.
"""

from __future__ import annotations

import argparse
import time

from benchmarks import bench_engine, bench_load, bench_months, bench_pages
from benchmarks.common import HERE, load_average, machine, save
from benchmarks.generate import generate

RESULTS_MD = HERE / "RESULTS.md"
PAGE_BUDGET_S = 3.0
CHANGE_BUDGET_S = 1.0
SESSION_BUDGET_MB = 50.0


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def render(results: dict) -> str:
    m = results["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"Measured {m['date']} by `python -m benchmarks.run_all{' --quick' if results['quick'] else ''}` "
        f"in {results['duration_s'] / 60:.1f} min.",
        "",
        f"- Machine: {m['nproc']} CPUs ({m['cpu']}), {m['ram']} RAM, {m['os']}",
        f"- Python {m['python']}; " + ", ".join(f"{k} {v}" for k, v in m["packages"].items()),
        f"- Browser: {m['chromium']}",
        f"- Load average (1, 5, 15 min) at start: {results['load_start']}; at end: {results['load_end']}. "
        "Wall-clock times on a shared machine include waiting for a CPU; CPU times are given beside them.",
        "",
    ]
    e = results["engine"]
    lines += [
        f"## Engine: `progress_table` on {e['cities']:,} cities x 30 years ({e['indicator_rows']:,} rows)",
        "",
        "Best of 5. The floor is one pandas pass: filter to the indicator, then "
        "`groupby('city_id')['value'].agg(['first', 'last'])`.",
        "",
        "| | wall | CPU |",
        "| --- | ---: | ---: |",
        f"| `progress_table` (no smoothing) | {ms(e['engine_s'])} | {ms(e['engine_cpu_s'])} |",
        f"| `progress_table` (3-year smoothing) | {ms(e['engine_3y_s'])} | {ms(e['engine_3y_cpu_s'])} |",
        f"| groupby pass | {ms(e['groupby_s'])} | {ms(e['groupby_cpu_s'])} |",
        f"| ratio | {e['ratio']:.2f}x | {e['ratio_cpu']:.2f}x |",
        "",
        f"Budget: under 0.5 s: {verdict(e['engine_s'] < 0.5)} (wall); within 3x of the pass: "
        f"{verdict(e['ratio_cpu'] <= 3)} in CPU time, {verdict(e['ratio'] <= 3)} in wall time.",
        "",
        *months_section(results["months"]),
        "## Load + validate + all-city progress against the floor",
        "",
        "Product path: the product's reader and validator on the Parquet copy, derived rates, then "
        "`progress_table` (`load_dataset` on the CSV folder, as the server does, beside it). "
        "Floor: `pandas.read_parquet` of the same file plus the groupby pass. Best of 3 (one run at 100,000).",
        "",
        "| cities | rows (Parquet MB / CSV MB) | floor | Parquet path | ratio | CSV path (`load_dataset`) | ratio "
        "| CPU: floor / Parquet / CSV |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results["load"]:
        lines.append(
            f"| {r['cities']:,} | {r['parquet_mb']:.1f} / {r['csv_mb']:.1f} | {ms(r['floor_s'])} "
            f"| {ms(r['parquet_path_s'])} "
            f"| {r['ratio_parquet']:.1f}x | {ms(r['csv_path_s'])} | {r['ratio_csv']:.1f}x "
            f"| {ms(r['floor_cpu_s'])} / {ms(r['parquet_path_cpu_s'])} / {ms(r['csv_path_cpu_s'])} |")
    lines += ["", "Where the Parquet path's time goes (one run):", "",
              "| cities | cities file | read indicators | validate indicators | derive rates | progress |",
              "| ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in results["load"]:
        s = r["stages"]
        lines.append(f"| {r['cities']:,} | {ms(s['cities_s'])} | {ms(s['read_indicators_s'])} | "
                     f"{ms(s['validate_indicators_s'])} | {ms(s['derive_s'])} | {ms(s['progress_s'])} |")
    at_10k = [r for r in results["load"] if r["cities"] == 10_000]
    if at_10k:
        r = at_10k[0]
        lines += ["", f"Budget at 10,000 cities: under 2 s: {verdict(r['parquet_path_s'] < 2)} (Parquet path, wall), "
                  f"{verdict(r['parquet_path_cpu_s'] < 2)} (CPU); within 3x of the floor: "
                  f"{verdict(r['ratio_parquet'] <= 3)} (wall), "
                  f"{verdict(r['parquet_path_cpu_s'] / r['floor_cpu_s'] <= 3)} (CPU)."]
    lines += ["", "## Pages in headless Chromium (warm server)", "",
              "First complete render: from navigation to the script idle with every plotly chart and map drawn, "
              "in a fresh browser context each time (median of the repeats; best-worst in brackets). "
              "City change: from picking another city in `/city`'s picker to the chart showing it.", "",
              "| data | " + " | ".join(f"`{p}`" for p in bench_pages.PAGES)
              + " | city change | server RSS (peak) | per extra session | data honoured |",
              "| --- |" + " ---: |" * (len(bench_pages.PAGES) + 4)]
    for r in results["pages"]:
        cells = [f"{ms(v['median'])} ({ms(v['best'])}-{ms(v['worst'])})" for v in r["first_render_s"].values()]
        change = r["city_change_s"]
        change_cell = f"{ms(change['median'])} ({ms(change['best'])}-{ms(change['worst'])})" if change else "no picker"
        lines.append(f"| {r['data']} | " + " | ".join(cells) + f" | {change_cell} | {r['rss_mb']:.0f} MB "
                     f"({r['peak_rss_mb']:.0f} MB) | {r['session_growth_mb']:+.1f} MB "
                     f"| {'yes' if r['data_honoured'] else 'NO'} |")
    lines += ["",
              "Server CPU seconds per first render (median; the server's own work, unaffected by waiting for a CPU):",
              "",
              "| data | " + " | ".join(f"`{p}`" for p in bench_pages.PAGES) + " |",
              "| --- |" + " ---: |" * len(bench_pages.PAGES)]
    for r in results["pages"]:
        lines.append(f"| {r['data']} | " + " | ".join(ms(v) for v in r["server_cpu_s"].values()) + " |")
    lines += ["", "Server memory after each of the sessions held open at once (MB):", ""]
    for r in results["pages"]:
        lines.append(f"- {r['data']}: " + ", ".join(f"{v:.0f}" for v in r["rss_per_session_mb"]))
    worst_page = max(v["median"] for r in results["pages"] for v in r["first_render_s"].values())
    changes = [r["city_change_s"]["median"] for r in results["pages"] if r["city_change_s"]]
    growth = max(r["session_growth_mb"] for r in results["pages"])
    lines += [
        "",
        "Budgets: first complete render under 3 s: " + verdict(worst_page < PAGE_BUDGET_S)
        + f" (slowest median {ms(worst_page)}); city change under 1 s: "
        + (verdict(max(changes) < CHANGE_BUDGET_S) + f" (slowest median {ms(max(changes))})" if changes
           else "not measured")
        + f"; each extra session under 50 MB: {verdict(growth < SESSION_BUDGET_MB)} (largest {growth:+.1f} MB).",
        "",
        "The map with 10,000 points: the `/map` column of the 10,000-city row (the page drew its canvas and "
        "stayed clean; how many points the page chooses to draw is the map page's decision).",
        "",
    ]
    lines += ["Profiles of the missed budgets, their causes and the fixes: see `benchmarks/README.md`.", ""]
    return "\n".join(lines)


def months_section(m: dict) -> list[str]:
    return [
        f"## Months: `year_to_date` on {m['cities']:,} cities x 30 years x 12 months ({m['monthly_rows']:,} rows)",
        "",
        "Best of 5. The floor is one pandas pass over the same rows: "
        "`groupby(['city_id', 'indicator', 'year'])['value'].sum()`.",
        "",
        "| | wall | CPU |",
        "| --- | ---: | ---: |",
        f"| `year_to_date` (latest month, all cities) | {ms(m['months_s'])} | {ms(m['months_cpu_s'])} |",
        f"| groupby pass | {ms(m['groupby_s'])} | {ms(m['groupby_cpu_s'])} |",
        f"| ratio | {m['ratio']:.2f}x | {m['ratio_cpu']:.2f}x |",
        "",
        f"Budget: within {bench_months.BUDGET_RATIO:g}x of the pass: "
        f"{verdict(m['ratio_cpu'] <= bench_months.BUDGET_RATIO)} in CPU time, "
        f"{verdict(m['ratio'] <= bench_months.BUDGET_RATIO)} in wall time.",
        "",
    ]


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    results = {"quick": args.quick, "machine": machine(), "load_start": load_average()}
    sizes = (100, 1_000) if args.quick else (100, 1_000, 10_000, 100_000)
    for n in sizes:
        generate(n)
    print("engine...", flush=True)
    results["engine"] = bench_engine.main(["--cities", "1000" if args.quick else "10000"])
    print("months...", flush=True)
    results["months"] = bench_months.main(["--cities", "1000" if args.quick else "10000"])
    print("load...", flush=True)
    results["load"] = bench_load.main(["--sizes", *map(str, sizes), "--repeat", "1" if args.quick else "3"])
    print("pages...", flush=True)
    page_sizes = ["shipped", "1000"] if args.quick else ["shipped", "1000", "10000"]
    results["pages"] = bench_pages.main(["--sizes", *page_sizes, "--repeat", "1" if args.quick else "3",
                                         "--sessions", "3" if args.quick else "10"])
    results["load_end"] = load_average()
    results["duration_s"] = time.perf_counter() - started
    save(results)
    RESULTS_MD.write_text(render(results))
    print(f"wrote {RESULTS_MD}")
    return results


if __name__ == "__main__":
    main()
