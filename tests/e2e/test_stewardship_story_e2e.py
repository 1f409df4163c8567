"""The record's story in a real browser, on SQLite and on PostgreSQL: Palmira's data officer signs in, uploads a
2025 figure and submits it; a reviewer signs in in another browser, sees the before-and-after chart and approves;
an anonymous visitor then sees Palmira's 2025 value and release 2. Screenshots of each step (laptop; phone on the
PostgreSQL run) go to tests/screenshots/story_*."""

from __future__ import annotations

import time

import pytest
from app_steps import upload
from e2e_harness import AppPage, StreamlitServer

from pioc_metrics.app.record import LATEST_SECONDS
from pioc_metrics.store import accounts, releases, submissions
from pioc_metrics.store.setup import init_store
from pioc_metrics.text.i18n import t
from tests.conftest import ROOT
from tests.pg_server import postgres_problem, session_server
from tests.store.factories import indicator_csv, team

pytestmark = pytest.mark.e2e
PASSWORD = "a long enough password"
SIZES = {"laptop": (1366, 768), "phone": (390, 844)}


@pytest.fixture(params=[("sqlite", "laptop"), ("postgresql", "phone")], ids=lambda p: f"{p[0]}-{p[1]}")
def story_store(request, tmp_path):
    backend, size = request.param
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'story.sqlite3'}"
        servers = None
    else:
        problem = postgres_problem()
        if problem:
            pytest.fail(problem, pytrace=False)
        servers = session_server()
        url = next(servers).create_database("story")
    init_store(url, ROOT / "data", "operator")
    team(url)
    for name in ("ana", "rev1"):
        accounts.set_password(url, "operator", name, PASSWORD)
    yield url, size
    if servers is not None:
        servers.close()


def _nav(app: AppPage, key: str, lang: str = "en") -> None:
    """Follow a sidebar link in the same session (a phone opens the sidebar first)."""
    link = app.page.get_by_role("link", name=t(key, lang)).first
    expand = app.page.locator("[data-testid='stExpandSidebarButton']")
    if expand.count() and expand.first.is_visible():  # a phone keeps the sidebar closed
        expand.first.click()
        app.page.wait_for_timeout(600)
    link.click()
    app.wait_idle()
    collapse = app.page.locator("[data-testid='stSidebarCollapseButton'] button")
    if app.page.viewport_size["width"] < 640 and collapse.count() and collapse.first.is_visible():
        collapse.first.click()  # on a phone the open sidebar covers the page
        app.page.wait_for_timeout(600)


def _sign_in(app: AppPage, name: str) -> None:
    app.goto("/sign_in?lang=en")
    app.page.get_by_label(t("sign_in_name", "en"), exact=True).fill(name)
    app.page.get_by_label(t("sign_in_password", "en"), exact=True).fill(PASSWORD)
    app.page.get_by_role("button", name=t("sign_in_submit", "en")).click()
    app.page.get_by_text(t("sign_in_done", "en", name=name, role=t(
        "role_editor" if name == "ana" else "role_reviewer", "en"))).wait_for(timeout=30_000)
    app.wait_idle()


def test_an_editor_submits_a_reviewer_approves_and_a_visitor_sees_release_2(browser, story_store):
    url, size = story_store
    width, height = SIZES[size]
    with StreamlitServer(log_name=f"story-{size}", env={"PIOC_DATABASE_URL": url}) as server:
        editor, reviewer, visitor = (AppPage.open(browser, server.url, width=width, height=height) for _ in range(3))
        try:
            _sign_in(editor, "ana")
            editor.screenshot(f"story_{size}_1_signed_in")
            _nav(editor, "nav_data")
            editor.page.get_by_role("tab", name=t("data_tab_upload", "en")).click()
            upload(editor, "palmira-2025.csv", indicator_csv(("palmira", 2025, "homicides", 101)), apply=False)
            editor.page.get_by_label(t("submit_note", "en")).fill("2025 figure from the police")
            editor.page.get_by_role("button", name=t("submit_button", "en")).click()
            editor.wait_idle()
            editor.screenshot(f"story_{size}_2_submitted", full_page=True)
            assert [s["id"] for s in submissions.list_submissions(url, "waiting")] == [1]

            _sign_in(reviewer, "rev1")
            _nav(reviewer, "nav_review")
            chart = reviewer.page.locator("[data-testid='stPlotlyChart']").first
            chart.wait_for(timeout=30_000)
            reviewer.screenshot(f"story_{size}_3_review", full_page=True)
            reviewer.page.get_by_role("button", name=t("review_approve", "en")).click()
            reviewer.wait_idle()
            reviewer.screenshot(f"story_{size}_4_approved", full_page=True)
            assert releases.latest_release(url)["number"] == 2

            time.sleep(LATEST_SECONDS + 0.5)
            visitor.goto("/city?lang=en&city=palmira&indicator=homicides")
            assert "2025" in visitor.main_text()
            visitor.screenshot(f"story_{size}_5_city")
            visitor.page.get_by_text(t("city_history_title", "en", city="Palmira")).click()
            visitor.wait_idle()
            history = visitor.page.locator("[data-testid='stDataFrame']").last
            history.wait_for(timeout=30_000)
            history.scroll_into_view_if_needed()
            visitor.page.wait_for_function(  # the grid's accessible cells: the newest value comes first
                "el => el.textContent.includes('Homicides · 2025')", arg=history.element_handle(), timeout=20_000)
            visitor.screenshot(f"story_{size}_5_history")
            visitor.goto("/data?lang=en")
            visitor.page.get_by_role("tab", name=t("data_tab_releases", "en")).click()
            visitor.wait_idle()
            assert "release 2" in visitor.main_text()
            visitor.screenshot(f"story_{size}_6_release", full_page=True)
            for app in (editor, reviewer, visitor):
                app.assert_clean()
                assert PASSWORD not in app.page.content()
        finally:
            for app in (editor, reviewer, visitor):
                app.close()
