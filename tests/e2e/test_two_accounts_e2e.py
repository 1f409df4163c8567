"""Two people signed in at once in two browsers, as different accounts, on one server: each sees only what their
role and their own submissions allow, and neither session leaks into the other or into a visitor's."""

from __future__ import annotations

import pytest
from e2e_harness import AppPage, StreamlitServer

from pioc_metrics.store import accounts, submissions
from pioc_metrics.store.setup import init_store
from pioc_metrics.text.i18n import t
from tests.conftest import ROOT
from tests.store.factories import indicator_csv, team

pytestmark = pytest.mark.e2e
PASSWORD = "a long enough password"
ANA_NOTE, BEA_NOTE = "Palmira figure from the police", "Cali figure from the observatory"


@pytest.fixture
def two_editors(tmp_path):
    url = f"sqlite:///{tmp_path / 'two.sqlite3'}"
    init_store(url, ROOT / "data", "operator")
    team(url)
    accounts.add_account(url, "operator", "bea", "editor", ["cali"])
    for name in ("ana", "bea", "root"):
        accounts.set_password(url, "operator", name, PASSWORD)
    submissions.submit(url, "ana", [("p.csv", indicator_csv(("palmira", 2025, "homicides", 101)))], note=ANA_NOTE)
    submissions.submit(url, "bea", [("c.csv", indicator_csv(("cali", 2025, "homicides", 900)))], note=BEA_NOTE)
    return url


def _sign_in(app: AppPage, name: str, role: str) -> None:
    app.goto("/sign_in?lang=en")
    app.page.get_by_label(t("sign_in_name", "en"), exact=True).fill(name)
    app.page.get_by_label(t("sign_in_password", "en"), exact=True).fill(PASSWORD)
    app.page.get_by_role("button", name=t("sign_in_submit", "en")).click()
    app.page.get_by_text(t("sign_in_done", "en", name=name, role=t(f"role_{role}", "en"))).wait_for(timeout=30_000)
    app.wait_idle()


def _sidebar_links(app: AppPage) -> str:
    return app.page.locator("[data-testid='stSidebar']").inner_text(timeout=10_000)


def _follow(app: AppPage, key: str) -> None:
    app.page.locator("[data-testid='stSidebar']").get_by_role("link", name=t(key, "en")).first.click()
    app.wait_idle()


def test_two_editors_and_an_admin_at_once_each_see_only_their_own(browser, two_editors):
    with StreamlitServer(log_name="two-accounts", env={"PIOC_DATABASE_URL": two_editors}) as server:
        ana, bea, root, visitor = (AppPage.open(browser, server.url) for _ in range(4))
        try:
            _sign_in(ana, "ana", "editor")
            _sign_in(bea, "bea", "editor")
            _sign_in(root, "root", "admin")
            for editor, own, other in ((ana, ANA_NOTE, BEA_NOTE), (bea, BEA_NOTE, ANA_NOTE)):
                links = _sidebar_links(editor)
                assert t("nav_review", "en") not in links and t("nav_accounts", "en") not in links
                _follow(editor, "nav_data")
                editor.page.get_by_role("tab", name=t("data_tab_upload", "en")).click()
                editor.wait_idle()
                mine = editor.page.locator("[data-testid='stDataFrame']").last
                mine.wait_for(timeout=30_000)
                text = mine.text_content(timeout=10_000) + editor.main_text()
                assert own in text and other not in text
            ana.screenshot("two_accounts_editor_data", full_page=True)

            assert t("nav_accounts", "en") in _sidebar_links(root)
            _follow(root, "nav_accounts")
            root.page.get_by_text(t("admin_title", "en")).first.wait_for(timeout=30_000)
            assert t("page_needs_role", "en", role=t("role_admin", "en")) not in root.main_text()
            root.screenshot("two_accounts_admin", full_page=True)

            # The admin's sign-in did not reach the editors' sessions, nor a visitor's, and a typed URL is a new
            # session: the staff page refuses it.
            assert t("sign_in_as", "en", name="ana", role=t("role_editor", "en")) in _sidebar_links(ana)
            ana.goto("/accounts?lang=en")
            assert t("page_needs_role", "en", role=t("role_admin", "en")) in ana.main_text()
            assert "root" not in ana.main_text()
            visitor.goto("/review?lang=en")
            assert t("page_needs_role", "en", role=t("role_reviewer", "en")) in visitor.main_text()
            assert ANA_NOTE not in visitor.main_text() and BEA_NOTE not in visitor.main_text()
            for app in (ana, bea, root, visitor):
                app.assert_clean()
                assert PASSWORD not in app.page.content()
        finally:
            for app in (ana, bea, root, visitor):
                app.close()
    assert PASSWORD not in server.log_path.read_text(errors="replace")
