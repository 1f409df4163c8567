"""Browser end-to-end fixtures: one `streamlit run` server per session, headless Chromium, watched pages.

`page_for()` opens a fresh 1366x768 context that records console errors, page errors and the
host of every request; a test fails when any request leaves the local server.
"""

from __future__ import annotations

import pytest
from e2e_harness import AppPage, StreamlitServer, chromium_problem, launch_chromium


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def streamlit_server():
    """The running server (its `.url`, `.pid`, `.log()`), serving the shipped data from the repository root."""
    with StreamlitServer(log_name="e2e-server") as running:
        yield running


@pytest.fixture(scope="session")
def server(streamlit_server):
    """Base URL of the dashboard, e.g. http://127.0.0.1:34567."""
    return streamlit_server.url


@pytest.fixture(scope="session")
def browser():
    problem = chromium_problem()
    if problem:
        pytest.fail(problem, pytrace=False)  # a missing browser is a failure, never a skip
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page_for(server, browser):
    """Factory: `app = page_for(width=1366, height=768, locale="en-US")`; then app.goto("/city?city=palmira")."""
    opened: list[AppPage] = []

    def open_page(**options) -> AppPage:
        app = AppPage.open(browser, server, **options)
        opened.append(app)
        return app

    yield open_page
    foreign = [url for app in opened for url in app.foreign_requests]
    for app in opened:
        app.close()
    if foreign:
        pytest.fail("requests left the local server:\n" + "\n".join(sorted(set(foreign))), pytrace=False)

