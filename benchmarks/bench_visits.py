"""Many visitors at once, over Streamlit's own websocket protocol (no browser), against an empty page's floor.

    python -m benchmarks.bench_visits [--visitors 1 10 30 60] [--pages / /compare ...] [--soak-minutes M]
    python -m benchmarks.bench_visits --url http://127.0.0.1:8501 --pid 1234   # a server (or proxy) already up

Starts `streamlit run dashboard.py` on a temporary store holding the shipped data as release 1 (or measures
`--url`, sampling the processes given by `--pid`) and `benchmarks/floor_app.py` (one st.write) beside it. Per page,
after one warm-up visit: the server CPU of one visit at a time (median of 5); then for each N, N visits started
0.1 s apart, every session held open until the last one finished: p50/p95/max from connecting to script_finished,
failures, server CPU per visit, peak RSS, the health endpoint's latency; the same bursts on the floor. Writes
benchmarks/results_visits.json and prints a Markdown section (`render()`) for RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import shutil
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

from benchmarks.common import HERE, ROOT, load_average, machine, save
from benchmarks.visits import SPACING_S, LocalServer, burst, soak, visit, warm_cpu
from pioc_metrics.app.registry import page

RESULTS_VISITS = HERE / "results_visits.json"
PAGES = ("/", f"{page('city').url_path}?city=palmira&lang=es", page("compare").url_path, page("map").url_path)
FLOOR_PAGE = "/"
FLOOR_SCRIPT = "benchmarks/floor_app.py"
VISITORS = (1, 10, 30, 60)
PAUSE_S = 2.0  # between bursts: the server closes the last burst's sessions


@contextmanager
def temporary_store():
    """A SQLite store in a temporary folder with release 1 from the shipped data; its URL."""
    from pioc_metrics.store.setup import init_store

    folder = Path(tempfile.mkdtemp(prefix="pioc-visits-store-"))
    url = f"sqlite:///{folder / 'pioc.sqlite3'}"
    try:
        init_store(url, ROOT / "data", "benchmark")
        yield url
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def first_visit(url: str, path: str) -> dict:
    result = asyncio.run(visit(url, path))
    return {"page": path, "seconds": result.seconds, "ok": result.ok, "reason": result.reason}


def measure(url: str, pids: list[int], floor_url: str, floor_pids: list[int], *, pages, visitors,
            spacing: float = SPACING_S, soak_minutes: float = 0.0) -> dict:
    results: dict = {"url": url, "pages": list(pages), "visitors": list(visitors), "spacing_s": spacing,
                     "server_sampled": bool(pids), "floor_sampled": bool(floor_pids)}
    print("warm-up...", flush=True)
    results["warm_up"] = [first_visit(url, p) for p in pages] + [first_visit(floor_url, FLOOR_PAGE)]
    print("one visit at a time...", flush=True)
    results["single"] = [warm_cpu(url, p, pids=pids) for p in pages]
    results["floor_single"] = warm_cpu(floor_url, FLOOR_PAGE, pids=floor_pids)
    results["bursts"], results["floor_bursts"] = [], []
    for n in visitors:
        for path in pages:
            print(f"{n} visitors on {path}...", flush=True)
            results["bursts"].append(burst(url, path, n, spacing=spacing, pids=pids))
            time.sleep(PAUSE_S)
        print(f"{n} visitors on the floor...", flush=True)
        results["floor_bursts"].append(burst(floor_url, FLOOR_PAGE, n, spacing=spacing, pids=floor_pids))
        time.sleep(PAUSE_S)
    if soak_minutes > 0:
        print(f"soak: 10 visitors for {soak_minutes:g} min...", flush=True)
        results["soak"] = soak(url, list(pages), soak_minutes, spacing=spacing, pids=pids)
    return results


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visitors", type=int, nargs="+", default=list(VISITORS))
    parser.add_argument("--pages", nargs="+", default=list(PAGES), help="paths with their query, e.g. /city?city=x")
    parser.add_argument("--url", help="measure this server (or proxy) instead of starting one")
    parser.add_argument("--pid", type=int, nargs="*", default=[], help="with --url: the processes to sample")
    parser.add_argument("--floor-url", help="an already running floor app (default: start benchmarks/floor_app.py)")
    parser.add_argument("--floor-pid", type=int, nargs="*", default=[])
    parser.add_argument("--spacing", type=float, default=SPACING_S, help="seconds between two visitors' starts")
    parser.add_argument("--soak-minutes", type=float, default=0.0)
    parser.add_argument("--out", type=Path, default=RESULTS_VISITS)
    args = parser.parse_args(argv)
    results: dict = {"machine": machine(), "load_start": load_average()}
    started = time.perf_counter()
    with ExitStack() as stack:
        url, pids = args.url, list(args.pid)
        if url is None:
            store = stack.enter_context(temporary_store())
            server = stack.enter_context(LocalServer("dashboard.py", env={"PIOC_DATABASE_URL": store}))
            url, pids = server.url, [server.pid]
        floor_url, floor_pids = args.floor_url, list(args.floor_pid)
        if floor_url is None:
            floor = stack.enter_context(LocalServer(FLOOR_SCRIPT))
            floor_url, floor_pids = floor.url, [floor.pid]
        results.update(measure(url, pids, floor_url, floor_pids, pages=args.pages, visitors=args.visitors,
                               spacing=args.spacing, soak_minutes=args.soak_minutes))
    results["load_end"] = load_average()
    results["duration_s"] = time.perf_counter() - started
    results["command"] = " ".join(["python -m benchmarks.bench_visits", *(sys.argv[1:] if argv is None else argv)])
    save(results, args.out)
    print(render(results))
    print(f"wrote {args.out}")
    return results


def seconds(value: float | None) -> str:
    if value is None or math.isnan(value):
        return "-"
    return f"{value * 1000:,.0f} ms" if value < 10 else f"{value:,.1f} s"


def megabytes(value: float | None, sampled: bool) -> str:
    return f"{value:,.0f} MB" if sampled and value is not None and not math.isnan(value) else "-"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.1f}x" if b and not math.isnan(a) and not math.isnan(b) else "-"


def health_cell(health: dict | None) -> str:
    if not health or not health["checks"]:
        return "-"
    return f"{seconds(health['max_s'])} ({health['failures']}/{health['checks']} failed)"


def render(results: dict) -> str:
    """The Markdown section for RESULTS.md."""
    m = results["machine"]
    lines = [
        "## Visitors at once (Streamlit's websocket protocol, no browser)",
        "",
        f"Measured {m['date']} by `{results['command'].strip()}` in {results['duration_s'] / 60:.1f} min "
        f"({m['nproc']} CPUs, the benchmark's client on the same machine). Load average (1, 5, 15 min) at start: "
        f"{results['load_start']}; at end: {results['load_end']}.",
        "",
        "A visit is a new session on `/_stcore/stream` asking for one run of the page (BackMsg `rerun_script`), "
        "timed from connecting to `script_finished`; it fails on an exception element, an error status, an unknown "
        "page or 120 s. N visits start 0.1 s apart and keep their sessions open until the last has finished. "
        "Times are nearest-rank percentiles over every visit (p95 of 10 is the slowest). Server CPU is the "
        "server process's user + system time over the burst divided by N; RSS is sampled every 0.2 s; "
        "`/_stcore/health` is asked every 0.5 s during each burst. "
        "The floor is `benchmarks/floor_app.py` (one `st.write`) on the same Streamlit.",
        "",
        "First visit on the freshly started server (cold caches): "
        + ", ".join(f"`{w['page']}` {seconds(w['seconds'])}" + ("" if w["ok"] else " **failed**")
                    for w in results["warm_up"][:-1])
        + f"; floor {seconds(results['warm_up'][-1]['seconds'])}.",
        "",
        *single_table(results),
        *burst_tables(results),
        *soak_lines(results),
    ]
    return "\n".join(lines)


def single_table(results: dict) -> list[str]:
    sampled, floor_sampled, floor = results["server_sampled"], results["floor_sampled"], results["floor_single"]
    lines = ["One warm visit at a time (median of 5):", "",
             "| page | server CPU | x floor | wall | elements | received |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for s in results["single"]:
        lines.append(f"| `{s['page']}` | {seconds(s['cpu_s']) if sampled else '-'} "
                     f"| {ratio(s['cpu_s'], floor['cpu_s']) if sampled and floor_sampled else '-'} "
                     f"| {seconds(s['wall_s'])} | {s['elements']} | {s['bytes'] / 1024:,.0f} KB |")
    lines.append(f"| floor | {seconds(floor['cpu_s']) if floor_sampled else '-'} | 1.0x | {seconds(floor['wall_s'])} "
                 f"| {floor['elements']} | {floor['bytes'] / 1024:,.1f} KB |")
    return [*lines, ""]


def burst_tables(results: dict) -> list[str]:
    lines = ["Bursts:", "",
             "| visitors | page | p50 | p95 | max | failed | server CPU per visit | peak RSS "
             "| health: slowest (failed) |",
             "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    rows = [(b, False) for b in results["bursts"]] + [(b, True) for b in results["floor_bursts"]]
    for b, is_floor in sorted(rows, key=lambda row: row[0]["visitors"]):
        has_cpu = results["floor_sampled" if is_floor else "server_sampled"]
        lines.append(f"| {b['visitors']} | {'floor' if is_floor else '`' + b['page'] + '`'} | {seconds(b['p50_s'])} "
                     f"| {seconds(b['p95_s'])} | {seconds(b['max_s'])} | {b['failures']} "
                     f"| {seconds(b['cpu_per_visit_s']) if has_cpu else '-'} | {megabytes(b['rss_peak_mb'], has_cpu)} "
                     f"| {health_cell(b['health'])} |")
    pages, floor_by_n = results["pages"], {b["visitors"]: b for b in results["floor_bursts"]}
    lines += ["", "p95 against the floor's p95 for the same N:", "",
              "| visitors | " + " | ".join(f"`{p}`" for p in pages) + " | floor p95 |",
              "| ---: |" + " ---: |" * (len(pages) + 1)]
    for n in results["visitors"]:
        row = {b["page"]: b for b in results["bursts"] if b["visitors"] == n}
        cells = [ratio(row[p]["p95_s"], floor_by_n[n]["p95_s"]) if p in row else "-" for p in pages]
        lines.append(f"| {n} | " + " | ".join(cells) + f" | {seconds(floor_by_n[n]['p95_s'])} |")
    largest = max(results["visitors"])
    checks = [b["health"] for b in results["bursts"] if b["visitors"] == largest and b["health"]]
    if checks:
        lines += ["", f"Health endpoint during the {largest}-visitor bursts: slowest answer "
                  f"{seconds(max(h['max_s'] for h in checks))}, {sum(h['failures'] for h in checks)} failed of "
                  f"{sum(h['checks'] for h in checks)}."]
    failures = [(b["visitors"], b["page"], r) for b in results["bursts"] for r in b["reasons"]]
    if failures:
        lines += ["", "Failures: " + "; ".join(f"{n} on `{p}`: {r}" for n, p, r in failures[:8]) + "."]
    return [*lines, ""]


def soak_lines(results: dict) -> list[str]:
    s = results.get("soak")
    if not s:
        return []
    memory = ""
    if results["server_sampled"]:
        minute = "" if math.isnan(s["rss_1min_mb"]) else f"{s['rss_1min_mb']:,.0f} MB after 1 min, "
        growth = "" if math.isnan(s["rss_1min_mb"]) else f" ({s['rss_growth_mb']:+,.0f} MB after the first minute)"
        memory = (f" Server RSS {s['rss_start_mb']:,.0f} MB at the start, {minute}{s['rss_end_mb']:,.0f} MB at the "
                  f"end{growth}, peak {s['rss_peak_mb']:,.0f} MB.")
    return [f"Soak: {s['visitors']} visitors each clicking through the pages in turn ({s['think_s']:g} s between "
            f"clicks, one session each) for {s['minutes']:g} min: {s['visits']:,} page runs, {s['failures']} failed, "
            f"p95 {seconds(s['p95_s'])}, slowest {seconds(s['max_s'])}." + memory, ""]


if __name__ == "__main__":
    main()
