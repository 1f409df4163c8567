"""Several app servers on one PostgreSQL store show the same latest release, and an approval made through one
shows on the other's next visit, in a real browser."""

from __future__ import annotations

import time

import pytest
from e2e_harness import AppPage, StreamlitServer

from pioc_metrics.app.record import LATEST_SECONDS
from pioc_metrics.store import submissions
from pioc_metrics.store.setup import init_store
from pioc_metrics.text.i18n import t
from tests.conftest import ROOT
from tests.pg_server import postgres_problem, session_server
from tests.store.factories import indicator_csv, team

pytestmark = pytest.mark.e2e
TODAY = time.strftime("%Y-%m-%d", time.gmtime())


@pytest.fixture(scope="module")
def shared_store():
    problem = postgres_problem()
    if problem:
        pytest.fail(problem, pytrace=False)
    for server in session_server():
        url = server.create_database("shared")
        init_store(url, ROOT / "data", "operator")
        yield url


def _caption(app: AppPage) -> str:
    return app.page.locator("[data-testid='stSidebar'] [data-testid='stCaptionContainer']").last.inner_text()


def test_two_servers_on_one_store_show_the_same_release_and_a_new_one_on_the_next_visit(browser, shared_store):
    with StreamlitServer(log_name="shared-a", env={"PIOC_DATABASE_URL": shared_store}) as first, \
            StreamlitServer(log_name="shared-b", env={"PIOC_DATABASE_URL": shared_store}) as second:
        pages = [AppPage.open(browser, server.url) for server in (first, second)]
        try:
            for app in pages:
                app.goto("/?lang=en")
                assert _caption(app) == t("release_caption", "en", number=1, date=TODAY)
            team(shared_store)
            figure = indicator_csv(("palmira", 2025, "homicides", 9))
            sent = submissions.submit(shared_store, "ana", [("p.csv", figure)])
            assert submissions.approve(shared_store, sent.id, "rev1") == 2  # as a reviewer on either server would
            time.sleep(LATEST_SECONDS + 0.5)
            for app in pages:
                app.goto("/city?lang=en&city=palmira&indicator=homicides")
                assert _caption(app) == t("release_caption", "en", number=2, date=TODAY)
                assert "2025" in app.main_text()
                app.assert_clean()
        finally:
            for app in pages:
                app.close()
