"""What a security reviewer asks of the staff pages: a session that may not act cannot make an action happen by
crafted widget keys or URL parameters, and a password never shows in logs, pages, the store's text or exceptions."""

from __future__ import annotations

import logging

import pytest
import sqlalchemy as sa

from pioc_metrics.app import auth
from pioc_metrics.cli import main
from pioc_metrics.store import accounts, database, releases, submissions
from pioc_metrics.store.errors import Invalid
from pioc_metrics.store.schema import metadata
from pioc_metrics.text.i18n import t
from tests.apptest_pages import open_page
from tests.store.factories import indicator_csv

PASSWORDS = {"cli": "first password from stdin", "passwd": "second password via passwd",
             "wrong": "a guess that is wrong", "short": "short", "web_wrong": "typed wrong on the web",
             "web": "the password rev1 uses"}


def _waiting(url: str) -> int:
    return submissions.submit(url, "ana", [("p.csv", indicator_csv(("palmira", 2025, "homicides", 101)))]).id


# Every action's widget values as a crafted request would set them; a page that may not act never draws them,
# and values for widgets not drawn in a run are dropped.
def _crafted(submission_id: int) -> dict:
    return {f"review_approve_{submission_id}": True, f"review_note_{submission_id}": "crafted",
            f"review_reject_{submission_id}": True, f"review_reason_{submission_id}": "crafted",
            "admin_add_name": "mallory", "admin_add_role": "admin", "admin_add_submit": True,
            "admin_disable_account": "root", "admin_disable_submit": True,
            "admin_password_account": "root", "admin_password_submit": True,
            "admin_email_account": "root", "admin_email_value": "mallory@example.org", "admin_email_submit": True}


@pytest.mark.parametrize("who", [None, "ana"], ids=["visitor", "editor"])
@pytest.mark.parametrize("page_id", ["review", "accounts", "overview", "data"])
def test_crafted_widget_values_make_no_action_happen(store, who, page_id):
    submission_id = _waiting(store)
    session = _crafted(submission_id) | ({auth.ACCOUNT_KEY: who} if who else {})
    at = open_page(page_id, lang="en", session=session)
    at.run()  # and once more, as a second crafted message would
    assert not at.exception
    assert releases.latest_release(store)["number"] == 1
    assert [s["id"] for s in submissions.list_submissions(store, "waiting")] == [submission_id]
    names = {a.name: a for a in accounts.list_accounts(store)}
    assert "mallory" not in names and not names["root"].disabled and names["root"].email is None


@pytest.mark.parametrize("params", [
    {"signed_in_as": "root"}, {"role": "admin"}, {"account": "root", "username": "root"},
    {"signed_in_as": "root", "page": "accounts", "lang": "en"},
])
def test_crafted_url_parameters_never_sign_anyone_in(store, params):
    for page_id, role in (("accounts", "admin"), ("review", "reviewer")):
        at = open_page(page_id, **{"lang": "en", **params})
        assert auth.ACCOUNT_KEY not in at.session_state
        assert t("page_needs_role", "en", role=t(f"role_{role}", "en")) in [w.value for w in at.warning]


def test_an_editor_signed_in_cannot_reach_the_approval_by_a_reviewers_page_key(store):
    """The Review page's own check runs before anything of a submission is drawn, whatever the session holds."""
    submission_id = _waiting(store)
    at = open_page("review", lang="en", session={auth.ACCOUNT_KEY: "ana", "review_pick": submission_id})
    assert not at.dataframe and not at.get("plotly_chart")
    assert "Test source (synthetic)" not in " ".join(m.value for m in at.markdown)


def test_a_password_never_shows_in_logs_pages_the_store_or_exceptions(store, caplog, capsys, monkeypatch):
    import io
    import sys

    caplog.set_level(logging.DEBUG)  # every logger, at its most talkative
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORDS["cli"] + "\n"))
    assert main(["users", "add", "eve", "--role", "reviewer", "--password-stdin"], out=io.StringIO()) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORDS["passwd"] + "\n"))
    assert main(["users", "passwd", "eve"], out=io.StringIO()) == 0
    assert accounts.sign_in(store, "eve", PASSWORDS["wrong"]) is None
    assert accounts.sign_in(store, "eve", PASSWORDS["passwd"]) is not None
    with pytest.raises(Invalid) as short:
        accounts.set_password(store, "operator", "eve", PASSWORDS["short"])
    accounts.set_password(store, "operator", "rev1", PASSWORDS["web"])
    at = open_page("sign_in", lang="en")
    for password in (PASSWORDS["web_wrong"], PASSWORDS["web"]):
        at.text_input(key="sign_in_name").input("rev1")
        at.text_input(key="sign_in_password").input(password)
        at.button(key="FormSubmitter:sign_in_form-" + t("sign_in_submit", "en")).click().run()
    assert at.session_state[auth.ACCOUNT_KEY] == "rev1"
    shown = " ".join(str(e.value) for kind in ("markdown", "caption", "error", "success", "warning", "text")
                     for e in getattr(at, kind))
    printed = capsys.readouterr()
    with database.reading(store) as connection:
        stored = " ".join(str(row) for table in metadata.sorted_tables
                          for row in connection.execute(sa.select(*[c for c in table.c
                                                                    if c.name != "password_hash"])))
    for where, text in (("the logs", caplog.text), ("the page", shown), ("the terminal", printed.out + printed.err),
                        ("the store", stored), ("the exception", f"{short.value!s} {short.value!r} "
                                                                   f"{short.value.params}")):
        for name, password in PASSWORDS.items():
            if name != "short" or where != "the exception":
                assert password not in text, f"the {name} password is in {where}"
    assert PASSWORDS["short"] not in str(short.value.params)
