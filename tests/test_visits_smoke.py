"""Ten visitors at once over Streamlit's own websocket (benchmarks/visits.py): every page run finishes, none shows
an exception. Asserts what each visitor saw, never a time."""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # `benchmarks` importable under plain `pytest` too
from benchmarks.bench_visits import PAGES
from benchmarks.visits import LocalServer, burst


def test_ten_visitors_at_once_each_see_their_page_finish_without_an_exception(test_store):
    with LocalServer("dashboard.py", env={"PIOC_DATABASE_URL": test_store}) as server:
        # In a thread of its own: the browser tests' Playwright keeps an event loop running in this one.
        with ThreadPoolExecutor(1) as pool:
            result = pool.submit(burst, server.url, PAGES, 10, pids=[server.pid]).result()
        log = server.log()
    visits = result["visit_list"]
    assert len(visits) == 10 and {v["page"] for v in visits} == set(PAGES)
    failed = [(v["page"], v["reason"]) for v in visits if not v["ok"]]
    assert not failed, f"{failed}\nserver log:\n{log}"
    assert all(v["elements"] > 0 for v in visits)  # each run drew its page, not an empty one
    assert result["health"]["failures"] == 0
