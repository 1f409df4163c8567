"""The Accounts page (admins): refused to everyone else; add an editor, assign cities, disable (signed out at the next
run), a new password shown once that signs in, the audit log filtered by account and city."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from pioc_metrics.app import auth
from pioc_metrics.app.sign_in import role_name
from pioc_metrics.app.submit import store_error_text
from pioc_metrics.store import accounts, submissions
from pioc_metrics.store.errors import Invalid
from pioc_metrics.text import escape
from pioc_metrics.text.i18n import LANGUAGES, t
from tests.app.hostile import NAME as HOSTILE
from tests.apptest_pages import open_page
from tests.store.factories import indicator_csv


def admin_page(lang: str = "en") -> AppTest:
    return open_page("accounts", session={auth.ACCOUNT_KEY: "root"}, lang=lang)


def ran(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def account(url: str, name: str) -> accounts.Account:
    return next(a for a in accounts.list_accounts(url) if a.name == name)


def accounts_shown(at: AppTest):
    [table] = [d.value for d in at.dataframe if "disabled" in d.value.columns]
    return table


def audit_shown(at: AppTest):
    [table] = [d.value for d in at.dataframe if "action" in d.value.columns]
    return table


def page_text(at: AppTest) -> str:
    kinds = ("markdown", "caption", "warning", "info", "error", "success", "title", "subheader", "text", "code")
    return " ".join(str(e.value) for kind in kinds for e in getattr(at, kind))


@pytest.mark.parametrize("signed_in", [None, "ana", "rev1"])
def test_the_page_is_refused_to_visitors_editors_and_reviewers(store, signed_in):
    at = open_page("accounts", session={auth.ACCOUNT_KEY: signed_in} if signed_in else None, lang="en")
    assert [w.value for w in at.warning] == [t("page_needs_role", "en", role=role_name("admin", "en"))]
    assert not at.dataframe and not at.get("form")
    shown = page_text(at)
    assert t("admin_title", "en") not in [s.value for s in at.title]
    assert "root" not in shown and "rev2" not in shown


def test_an_admin_sees_every_account_with_its_role_cities_and_state(store):
    at = admin_page()
    assert at.title[0].value == t("admin_title", "en")
    table = accounts_shown(at)
    assert table["name"].tolist() == ["ana", "rev1", "rev2", "root"]
    ana = table.loc[table["name"] == "ana"].iloc[0]
    assert ana["role"] == "editor" and ana["cities"] == "Palmira"
    assert not ana["password"] and not ana["disabled"]


def test_an_admin_adds_an_editor_with_a_city(store):
    at = admin_page()
    at.text_input(key="admin_add_name").input("eve")
    at.selectbox(key="admin_add_role").set_value("editor")
    at.multiselect(key="admin_add_cities").select("cali")
    ran(at.button(key="admin_add_submit").click().run())
    eve = account(store, "eve")
    assert eve.role == "editor" and eve.cities == ("cali",) and not eve.has_password
    assert [s.value for s in at.success] == [t("admin_added", "en", name="eve", role="editor")]
    assert "eve" in accounts_shown(at)["name"].tolist()


def test_a_refused_account_name_is_said_with_the_reason_and_shown_as_typed(store):
    at = admin_page()
    at.text_input(key="admin_add_name").input(HOSTILE)
    at.selectbox(key="admin_add_role").set_value("reviewer")
    ran(at.button(key="admin_add_submit").click().run())
    assert [e.value for e in at.error] == [t("store_bad_account_name", "en", name=escape.markdown(HOSTILE))]
    assert len(accounts.list_accounts(store)) == 4


def test_an_admin_assigns_an_editor_more_cities(store):
    at = admin_page()
    at.selectbox(key="admin_assign_account").set_value("ana")
    ran(at.run())
    assert at.multiselect(key="admin_assign_cities_ana").value == ["palmira"]
    at.multiselect(key="admin_assign_cities_ana").select("cali")
    ran(at.button(key="admin_assign_submit").click().run())
    assert account(store, "ana").cities == ("cali", "palmira")
    assert [s.value for s in at.success] == [t("admin_assigned", "en", name="ana", cities="Cali, Palmira")]
    log = audit_shown(at)
    assert ((log["action"] == t("admin_action_account_cities", "en")) & (log["actor"] == "root")
            & (log["subject"] == "ana")).any()


def test_a_disabled_account_is_signed_out_at_its_next_run(store):
    at = admin_page()
    at.selectbox(key="admin_disable_account").set_value("ana")
    ran(at.button(key="admin_disable_submit").click().run())
    assert account(store, "ana").disabled
    assert accounts_shown(at).set_index("name").loc["ana", "disabled"]
    assert "root" not in at.selectbox(key="admin_disable_account").options  # never one's own account
    page = open_page("overview", session={auth.ACCOUNT_KEY: "ana"}, lang="en")
    assert t("nav_sign_in", "en") in [link.label for link in page.get("page_link")]
    assert not [c for c in page.sidebar.caption if "ana" in c.value]
    assert auth.ACCOUNT_KEY not in page.session_state


def test_a_new_password_is_shown_once_and_signs_in(store):
    at = admin_page()
    at.selectbox(key="admin_password_account").set_value("rev1")
    ran(at.button(key="admin_password_submit").click().run())
    [password] = [c.value for c in at.code]
    assert len(password) >= accounts.PASSWORD_MIN
    assert accounts.sign_in(store, "rev1", password).name == "rev1"
    assert t("admin_password_once", "en", name="rev1") in [w.value for w in at.warning]
    assert accounts_shown(at).set_index("name").loc["rev1", "password"]
    kept = [at.session_state[key] for key in at.session_state.keys()]
    assert not [value for value in kept if password in repr(value)]  # never kept in the session
    ran(at.run())
    assert not at.code and password not in page_text(at)  # the next run no longer shows it
    assert password not in audit_shown(at).to_string()


def test_the_audit_log_filters_by_account_and_by_city(store):
    accounts.add_account(store, "root", "eve", "editor", ["cali"])
    submissions.reject(store, submissions.submit(store, "ana", [("a.csv", indicator_csv(
        ("palmira", 2024, "homicide_rate", 30.5)))], "note").id, "rev1", "a reason")
    at = admin_page()
    everyone = audit_shown(at)
    assert {"operator", "root", "ana", "rev1"} <= set(everyone["actor"])
    at.selectbox(key="admin_audit_actor").set_value("rev1")
    ran(at.run())
    by_rev1 = audit_shown(at)
    assert set(by_rev1["actor"]) == {"rev1"} and by_rev1["action"].tolist() == [t("admin_action_reject", "en")]
    assert t("admin_audit_shown", "en", n=1, limit=500) in [c.value for c in at.caption]
    at.selectbox(key="admin_audit_actor").set_value("")
    at.selectbox(key="admin_audit_city").set_value("cali")
    ran(at.run())
    cali = audit_shown(at)
    assert cali["subject"].tolist() == ["eve"] and "cali" in cali["detail"].iloc[0]


def test_hostile_text_in_the_audit_log_shows_as_typed(store):
    submitted = submissions.submit(store, "ana", [("a.csv", indicator_csv(("palmira", 2024, "homicide_rate", 30.5)))])
    submissions.reject(store, submitted.id, "rev1", HOSTILE)
    at = admin_page()
    log = audit_shown(at)
    assert HOSTILE in log.loc[log["actor"] == "rev1", "detail"].iloc[0]
    assert HOSTILE not in page_text(at)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_renders_in_every_language(store, lang):
    at = admin_page(lang)
    assert at.title[0].value == t("admin_title", lang)
    headings = [s.value for s in at.subheader]
    for key in ("admin_add_title", "admin_assign_title", "admin_disable_title", "admin_password_title",
                "admin_audit_title"):
        assert t(key, lang) in headings
    assert accounts_shown(at).set_index("name").loc["rev1", "role"] == role_name("reviewer", lang)
    assert at.button(key="admin_password_submit").label == t("admin_password_submit", lang)


def test_an_admin_gives_an_account_the_e_mail_its_provider_sign_in_matches(store):
    at = admin_page()
    at.text_input(key="admin_add_name").input("bea")
    at.selectbox(key="admin_add_role").set_value("reviewer")
    at.text_input(key="admin_add_email").input("Bea@Example.org")
    ran(at.button(key="admin_add_submit").click().run())
    assert account(store, "bea").email == "bea@example.org"
    at.selectbox(key="admin_email_account").set_value("ana")
    at.text_input(key="admin_email_value").input("ana@palmira.gov.co")
    ran(at.button(key="admin_email_submit").click().run())
    assert account(store, "ana").email == "ana@palmira.gov.co"
    assert [s.value for s in at.success] == [t("admin_email_done", "en", name="ana",
                                               email=escape.markdown("ana@palmira.gov.co"))]
    assert accounts_shown(at).set_index("name").loc["ana", "email"] == "ana@palmira.gov.co"
    at.selectbox(key="admin_email_account").set_value("rev1")
    at.text_input(key="admin_email_value").input("ANA@palmira.gov.co")
    ran(at.button(key="admin_email_submit").click().run())
    assert [e.value for e in at.error] == [store_error_text(Invalid("store_email_taken", email="ana@palmira.gov.co",
                                                                    name="ana"), "en")]
    assert account(store, "rev1").email is None
