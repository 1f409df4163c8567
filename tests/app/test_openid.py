"""Signing in with an OpenID Connect provider (st.login) when .streamlit/secrets.toml configures one: the account
whose e-mail the provider confirmed is signed in; anyone else is told why and stays a visitor. Without the file,
only local accounts are offered."""

from __future__ import annotations

import pytest

from pioc_metrics.app import auth
from pioc_metrics.store import accounts, database
from pioc_metrics.store.audit import entries
from pioc_metrics.text.i18n import t
from tests.apptest_pages import open_page

AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "a test cookie secret, long enough",
        "client_id": "pioc-test", "client_secret": "not a real secret",
        "server_metadata_url": "https://id.example.org/.well-known/openid-configuration"}


@pytest.fixture
def emails(store):
    accounts.set_email(store, "operator", "rev1", "Rev1@Example.org")
    accounts.set_email(store, "operator", "ana", "ana@example.org")
    return store


def _buttons(at) -> list[str]:
    return [b.label for b in at.button]


def _text(at) -> str:
    return " ".join(str(e.value) for kind in ("markdown", "warning", "caption", "success", "info")
                    for e in getattr(at, kind))


def test_without_a_provider_only_the_local_form_is_offered(store):
    at = open_page("sign_in", lang="en")
    assert not [label for label in _buttons(at) if label.startswith("Sign in with")]
    assert auth.OPENID_KEY not in at.session_state


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_a_configured_provider_gets_a_button_beside_the_local_form(store, lang):
    at = open_page("sign_in", lang=lang, secrets={"auth": AUTH})
    assert t("sign_in_openid", lang, provider="id.example.org") in _buttons(at)
    assert t("sign_in_openid_or", lang) in _text(at)
    assert at.text_input(key="sign_in_password") is not None


def test_named_providers_each_get_a_button_and_an_incomplete_one_none(store):
    section = {key: AUTH[key] for key in ("redirect_uri", "cookie_secret")}
    section |= {"google": {k: AUTH[k] for k in auth.OPENID_REQUIRED}, "microsoft": {"client_id": "only this"}}
    at = open_page("sign_in", lang="en", secrets={"auth": section})
    offered = [label for label in _buttons(at) if label.startswith("Sign in with")]
    assert offered == [t("sign_in_openid", "en", provider="Google")]


def test_the_provider_confirmed_e_mail_signs_its_account_in_whatever_its_case(emails):
    user = {"is_logged_in": True, "email": "rev1@example.ORG", "email_verified": True}
    at = open_page("review", lang="en", secrets={"auth": AUTH}, user=user)
    assert at.session_state[auth.ACCOUNT_KEY] == "rev1"
    assert t("sign_in_as", "en", name="rev1", role=t("role_reviewer", "en")) in [c.value for c in at.sidebar.caption]
    assert t("page_needs_role", "en", role=t("role_reviewer", "en")) not in _text(at)
    with database.reading(emails) as connection:
        signed = [e for e in entries(connection) if e["action"] == "sign_in" and e["actor"] == "rev1"]
    assert signed and signed[0]["detail"] == {"method": "openid"}


@pytest.mark.parametrize("user, key", [
    ({"is_logged_in": True, "email": "stranger@example.org", "email_verified": True}, "sign_in_openid_no_account"),
    ({"is_logged_in": True, "email": "rev1@example.org", "email_verified": False}, "sign_in_openid_unverified"),
], ids=["unknown e-mail", "unverified e-mail"])
def test_a_person_the_provider_knows_but_no_account_matches_is_told_why_and_stays_a_visitor(emails, user, key):
    at = open_page("sign_in", lang="en", secrets={"auth": AUTH}, user=user)
    assert auth.ACCOUNT_KEY not in at.session_state
    assert any(w.value.startswith(t(key, "en", email="")[:30]) for w in at.warning)
    assert t("sign_in_openid_out", "en") in _buttons(at)
    review = open_page("review", lang="en", secrets={"auth": AUTH}, user=user)
    assert t("page_needs_role", "en", role=t("role_reviewer", "en")) in _text(review)


def test_a_disabled_account_is_not_signed_in_by_its_provider(emails):
    accounts.disable_account(emails, "operator", "rev1")
    at = open_page("review", lang="en", secrets={"auth": AUTH},
                   user={"is_logged_in": True, "email": "rev1@example.org", "email_verified": True})
    assert auth.ACCOUNT_KEY not in at.session_state
    assert t("page_needs_role", "en", role=t("role_reviewer", "en")) in _text(at)


def test_when_the_provider_sign_in_ends_the_account_is_signed_out_on_the_next_run(emails):
    at = open_page("data", lang="en", secrets={"auth": AUTH},
                   user={"is_logged_in": True, "email": "ana@example.org", "email_verified": True})
    assert at.session_state[auth.ACCOUNT_KEY] == "ana"
    at.user = {"is_logged_in": False}
    at.run()
    assert auth.ACCOUNT_KEY not in at.session_state and auth.OPENID_KEY not in at.session_state


def test_an_e_mail_in_the_secrets_never_signs_in_without_a_provider_section(emails):
    """st.user alone (no [auth] section) is not trusted: local accounts only."""
    at = open_page("review", lang="en", user={"is_logged_in": True, "email": "rev1@example.org"})
    assert auth.ACCOUNT_KEY not in at.session_state
