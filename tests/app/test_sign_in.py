"""Signing in and out: argon2-checked passwords, failures slowed per account and per address, the role shown
discreetly, staff pages listed only for their roles and refused to everyone else, a disabled account signed out."""

from __future__ import annotations

import pytest

from pioc_metrics.app import auth
from pioc_metrics.store import accounts
from pioc_metrics.text.i18n import t
from tests.apptest_pages import open_page

PASSWORD = "a long enough password"


@pytest.fixture
def staff_store(store):
    """The page tests' store (tests/app/conftest.py), with passwords for ana, rev1 and root."""
    for name in ("ana", "rev1", "root"):
        accounts.set_password(store, "operator", name, PASSWORD)
    auth._failures.clear()
    return store


def _sign_in(at, name: str, password: str, lang: str = "en"):
    at.text_input(key="sign_in_name").input(name)
    at.text_input(key="sign_in_password").input(password)
    [submit] = [b for b in at.button if b.label == t("sign_in_submit", lang)]
    submit.click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _page_text(at) -> str:
    kinds = ("markdown", "caption", "warning", "info", "error", "success", "title", "text")
    return " ".join(str(e.value) for kind in kinds for e in getattr(at, kind))


def _links(at) -> list[str]:
    return [link.label for link in at.get("page_link")]


def test_a_visitor_sees_a_sign_in_link_and_no_staff_pages(staff_store):
    at = open_page("overview", lang="en")
    links = _links(at)
    assert t("nav_sign_in", "en") in links
    assert t("nav_review", "en") not in links and t("nav_accounts", "en") not in links


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_a_reviewer_signs_in_sees_the_role_and_the_review_page_listed(staff_store, lang):
    at = _sign_in(open_page("sign_in", lang=lang), "rev1", PASSWORD, lang)
    assert at.session_state[auth.ACCOUNT_KEY] == "rev1"
    captions = [c.value for c in at.sidebar.caption]
    assert t("sign_in_as", lang, name="rev1", role=t("role_reviewer", lang)) in captions
    links = _links(at)
    assert t("nav_review", lang) in links and t("nav_accounts", lang) not in links
    assert PASSWORD not in _page_text(at)


def test_a_wrong_password_is_refused_plainly_and_never_shown(staff_store):
    at = _sign_in(open_page("sign_in", lang="en"), "rev1", "not the password")
    assert [e.value for e in at.error] == [t("sign_in_wrong", "en")]
    assert auth.ACCOUNT_KEY not in at.session_state
    assert "not the password" not in _page_text(at)
    unknown = _sign_in(open_page("sign_in", lang="en"), "nobody", "whatever it is")
    assert [e.value for e in unknown.error] == [t("sign_in_wrong", "en")]  # never says which was wrong


def test_failures_from_one_address_pause_sign_in_even_with_the_right_password(staff_store):
    at = open_page("sign_in", lang="en")
    for attempt in range(auth.ADDRESS_FAILURES):
        _sign_in(at, "ana" if attempt % 2 else "rev1", f"guess number {attempt}")
    _sign_in(at, "root", PASSWORD)
    assert [e.value for e in at.error] == [t("sign_in_waiting", "en")]
    assert auth.ACCOUNT_KEY not in at.session_state


def test_the_address_pause_ends_after_its_window():
    auth._failures.clear()
    for _ in range(auth.ADDRESS_FAILURES):
        auth._failed("203.0.113.9")
    assert auth.address_waiting("203.0.113.9")
    assert not auth.address_waiting("198.51.100.1")
    import time

    assert not auth.address_waiting("203.0.113.9", now=time.monotonic() + auth.ADDRESS_WINDOW + 1)


def test_signing_out_returns_to_a_visitor(staff_store):
    at = open_page("overview", lang="en", session={auth.ACCOUNT_KEY: "rev1"})
    at.button(key="sidebar_sign_out").click().run()
    assert auth.ACCOUNT_KEY not in at.session_state
    assert t("nav_sign_in", "en") in _links(at)


def test_a_disabled_account_is_signed_out_on_its_next_action(staff_store):
    at = open_page("overview", lang="en", session={auth.ACCOUNT_KEY: "ana"})
    assert t("sign_in_as", "en", name="ana", role=t("role_editor", "en")) in [c.value for c in at.sidebar.caption]
    accounts.disable_account(staff_store, "root", "ana")
    at.run()
    assert auth.ACCOUNT_KEY not in at.session_state
    assert t("nav_sign_in", "en") in _links(at)


@pytest.mark.parametrize(("page_id", "who", "role"), [
    ("review", None, "reviewer"), ("review", "ana", "reviewer"),
    ("accounts", None, "admin"), ("accounts", "ana", "admin"), ("accounts", "rev1", "admin"),
])
def test_staff_pages_refuse_everyone_below_their_role_by_a_typed_url(staff_store, page_id, who, role):
    session = {auth.ACCOUNT_KEY: who} if who else None
    at = open_page(page_id, lang="en", session=session)
    assert t("page_needs_role", "en", role=t(f"role_{role}", "en")) in [w.value for w in at.warning]
    assert not [b for b in at.button if b.key and b.key.startswith(("review_", "admin_"))]  # no actions drawn
    assert "rev2" not in _page_text(at)  # nothing of the staff's data
