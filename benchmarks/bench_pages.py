"""Page timings in headless Chromium against a running server, and the server's memory.

For the shipped data and for 1,000 and 10,000 synthetic cities (the server reads its data
folder from env PIOC_DATA_DIR): time to the first complete render of /, /city, /compare,
/map from a warm server; the time from picking another city to the updated chart; the
server's resident and peak memory and its growth per extra browser session (10 sessions).

    python -m benchmarks.bench_pages [--sizes shipped 1000 10000] [--repeat 3] [--sessions 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from benchmarks.common import ROOT, load_average, rss_mb, tree_pids
from benchmarks.generate import generate
from pioc_metrics.app.registry import page

sys.path.insert(0, str(ROOT / "tests" / "e2e"))
from e2e_harness import AppPage, StreamlitServer, chromium_problem, launch_chromium

# The pages a visitor opens first, by their id in the app's page registry.
MEASURED = ("overview", "city", "compare", "map")
PAGES = tuple(page(p).url_path for p in MEASURED)
CITY_PATH = page("city").url_path
RENDERED = """() => {
    const plots = [...document.querySelectorAll("[data-testid='stPlotlyChart']")];
    const decks = [...document.querySelectorAll("[data-testid='stDeckGlJsonChart']")];
    return plots.every(p => p.querySelector('.main-svg')) && decks.every(d => d.querySelector('canvas'));
}"""
CHART_STATE = """() => {
    const p = document.querySelector("[data-testid='stPlotlyChart'] .main-svg");
    return p ? p.parentElement.innerHTML.length + ':' + (p.textContent || '').slice(0, 4000) : '';
}"""


def city_pair(size) -> tuple[str, str]:
    """(city in the link, city picked): both with data."""
    if size == "shipped":
        return "palmira", "Medellín"
    return "synthetic-00001", "Synthetic city 00002"


def page_path(path: str, size) -> str:
    return f"{CITY_PATH}?city={city_pair(size)[0]}&lang=en" if path == CITY_PATH else f"{path}?lang=en"


def first_render(app: AppPage, path: str) -> float:
    """Seconds from navigation to the script idle with every chart and map drawn."""
    start = time.perf_counter()
    app.page.goto(app.url_for(path), wait_until="commit")
    app.page.wait_for_selector("[data-testid='stMain'] [data-testid='stElementContainer']", state="attached",
                               timeout=120_000)
    app.page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", state="attached",
                               timeout=120_000)
    app.page.wait_for_function(RENDERED, timeout=120_000, polling=50)
    return time.perf_counter() - start


def city_change(app: AppPage, size) -> float | None:
    """Seconds from picking another city in /city's picker to the chart showing it; None without a picker."""
    _, wanted = city_pair(size)
    app.goto(page_path(CITY_PATH, size))
    picker = app.page.locator("[data-testid='stMain'] [data-testid='stSelectbox'] input[role='combobox']").first
    if not picker.count():
        return None
    app.page.wait_for_function(RENDERED, timeout=60_000)
    before = app.page.evaluate(CHART_STATE)
    picker.click()
    picker.fill(wanted)
    option = app.page.get_by_role("option").filter(has_text=wanted).first
    option.wait_for(timeout=30_000)
    start = time.perf_counter()
    option.click()
    app.page.wait_for_function(
        f"""() => {{
            const state = ({CHART_STATE})();
            const idle = document.querySelector("[data-testid='stApp'][data-test-script-state='notRunning']");
            return idle && state && state !== {before!r};
        }}""", timeout=60_000, polling=20)
    elapsed = time.perf_counter() - start
    if wanted.split()[0] not in app.main_text():
        raise AssertionError(f"the city page does not show {wanted!r} after picking it")
    return elapsed


def data_honoured(app: AppPage, size) -> bool:
    """True when the server shows the benchmark's data: its city in the link is accepted, not reset."""
    if size == "shipped":
        return True
    app.goto(page_path(CITY_PATH, size))
    return "synthetic" in app.main_text().lower()


def cpu_seconds(pids) -> float:
    """User + system CPU seconds used so far by the processes (from /proc/<pid>/stat)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    return total / os.sysconf("SC_CLK_TCK")


def server_memory(server: StreamlitServer) -> tuple[float, float]:
    pids = [p for p in tree_pids(server.pid) if Path(f"/proc/{p}").exists()]
    current = sum(rss_mb(p) for p in pids)
    peak = sum(rss_mb(p, "VmHWM") for p in pids)
    return current, peak


def measure(browser, size, *, repeat: int = 3, sessions: int = 10) -> dict:
    data_dir = None if size == "shipped" else generate(int(size))
    result: dict = {"data": str(size), "load_average_start": load_average()}
    with StreamlitServer(data_dir=data_dir, log_name=f"bench-{size}") as server:
        result["rss_started_mb"] = server_memory(server)[0]
        warm = AppPage.open(browser, server.url)
        start = time.perf_counter()
        for path in PAGES:  # warm the server: data loaded and the all-city table cached
            first_render(warm, page_path(path, size))
        result["warm_up_s"] = time.perf_counter() - start
        result["data_honoured"] = data_honoured(warm, size)
        warm.close()

        renders: dict[str, list[float]] = {path: [] for path in PAGES}
        server_cpu: dict[str, list[float]] = {path: [] for path in PAGES}
        for _ in range(repeat):
            for path in PAGES:
                app = AppPage.open(browser, server.url)
                before = cpu_seconds(tree_pids(server.pid))
                renders[path].append(first_render(app, page_path(path, size)))
                server_cpu[path].append(cpu_seconds(tree_pids(server.pid)) - before)
                app.assert_clean()
                app.close()
        result["first_render_s"] = {p: {"median": statistics.median(v), "best": min(v), "worst": max(v)}
                                    for p, v in renders.items()}
        result["server_cpu_s"] = {p: statistics.median(v) for p, v in server_cpu.items()}

        changes = []
        for _ in range(repeat):
            app = AppPage.open(browser, server.url)
            changes.append(city_change(app, size))
            app.close()
        measured = [c for c in changes if c is not None]
        result["city_change_s"] = ({"median": statistics.median(measured), "best": min(measured),
                                    "worst": max(measured)} if measured else None)

        # Memory: sessions held open at once, each on the city page.
        held, rss = [], []
        for _ in range(sessions):
            app = AppPage.open(browser, server.url)
            app.goto(page_path(CITY_PATH, size))
            held.append(app)
            time.sleep(0.5)
            rss.append(server_memory(server)[0])
        result["rss_per_session_mb"] = rss
        result["session_growth_mb"] = (rss[-1] - rss[0]) / (len(rss) - 1) if len(rss) > 1 else None
        result["rss_mb"], result["peak_rss_mb"] = server_memory(server)
        for app in held:
            app.close()
    result["load_average_end"] = load_average()
    return result


def run(sizes=("shipped", 1_000, 10_000), repeat: int = 3, sessions: int = 10) -> list[dict]:
    problem = chromium_problem()
    if problem:
        raise SystemExit(problem)
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            for size in sizes:
                results.append(measure(browser, size, repeat=repeat, sessions=sessions))
                print(format_result(results[-1]), flush=True)
        finally:
            browser.close()
    return results


def format_result(r: dict) -> str:
    renders = ", ".join(f"{p} {v['median']:.2f} s" for p, v in r["first_render_s"].items())
    change = f"{r['city_change_s']['median']:.2f} s" if r["city_change_s"] else "not measured (no picker)"
    return (f"{r['data']}: first render {renders}; city change {change}; RSS {r['rss_mb']:.0f} MB "
            f"(peak {r['peak_rss_mb']:.0f} MB), +{r['session_growth_mb']:.1f} MB per session; "
            f"data honoured: {r['data_honoured']}")


def main(argv=None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", default=["shipped", "1000", "10000"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sessions", type=int, default=10)
    args = parser.parse_args(argv)
    return run(args.sizes, args.repeat, args.sessions)


if __name__ == "__main__":
    main()
