"""Who is signed in, in this browser session: signing in against the store's argon2 hashes, signing out, and the
account read again from the store on every run (a disabled account is signed out on its next action).

Visitors never sign in. A sign-in lives in this session's state only: a reload or a new tab starts a new session,
which asks again (the sign-in page says so). Failed attempts are slowed per account (store.accounts.sign_in) and
per address here: after ADDRESS_FAILURES in ADDRESS_WINDOW seconds from one address, that address waits.

When .streamlit/secrets.toml configures an OpenID Connect provider, Streamlit's st.login is offered as well: the
provider says who the person is (st.user, kept in Streamlit's own cookie, so a reload keeps it), and the account
with that (verified) e-mail is signed in. Without the file, local accounts work offline.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from urllib.parse import urlparse

import streamlit as st

from pioc_metrics.app import record
from pioc_metrics.store import accounts, database
from pioc_metrics.store.accounts import Account
from pioc_metrics.store.errors import StoreError

ACCOUNT_KEY = "signed_in_as"  # session_state: the account name, nothing else (never the password)
OPENID_KEY = "signed_in_by_openid"  # session_state: the e-mail st.login gave, when the sign-in came from it
OPENID_REQUIRED = ("client_id", "client_secret", "server_metadata_url")
ADDRESS_FAILURES = 10
ADDRESS_WINDOW = 15 * 60
_failures: dict[str, deque] = defaultdict(deque)  # address -> times of failed attempts (this server process)
_lock = threading.Lock()


def _address() -> str:
    """The visitor's address as the server sees it (behind a reverse proxy: the proxy's, so all share one count)."""
    try:
        value = st.context.ip_address
    except Exception:
        value = None
    return value if isinstance(value, str) and value else "unknown"


def address_waiting(address: str, now: float | None = None) -> bool:
    """True when `address` failed ADDRESS_FAILURES times in the last ADDRESS_WINDOW seconds."""
    now = time.monotonic() if now is None else now
    with _lock:
        attempts = _failures[address]
        while attempts and now - attempts[0] > ADDRESS_WINDOW:
            attempts.popleft()
        return len(attempts) >= ADDRESS_FAILURES


def _failed(address: str) -> None:
    with _lock:
        _failures[address].append(time.monotonic())


def sign_in(name: str, password: str) -> str:
    """"ok", "wrong" (name or password; never which), "waiting" (too many failures) or "unavailable"."""
    address = _address()
    if address_waiting(address):
        return "waiting"
    try:
        account = accounts.sign_in(record.store_url(), str(name or "").strip(), str(password or ""))
    except StoreError:
        return "unavailable"
    if account is None:
        _failed(address)
        return "wrong"
    st.session_state[ACCOUNT_KEY] = account.name
    return "ok"


def sign_out(provider_too: bool = True) -> None:
    st.session_state.pop(ACCOUNT_KEY, None)
    if st.session_state.pop(OPENID_KEY, None) is not None and provider_too:
        st.logout()  # the provider's sign-in too, or the next run would sign the account in again


def openid_providers() -> dict[str, str]:
    """{provider: the name to show} of the OpenID Connect providers .streamlit/secrets.toml sets up for st.login:
    "default" for one given in [auth] itself, and each complete [auth.NAME] section. Empty without the file, or
    without its redirect_uri and cookie_secret."""
    try:
        section = st.secrets.get("auth")
    except FileNotFoundError:  # no secrets file: local accounts only
        return {}
    if not hasattr(section, "get") or not section.get("redirect_uri") or not section.get("cookie_secret"):
        return {}
    found = {}
    if all(section.get(key) for key in OPENID_REQUIRED):
        found["default"] = urlparse(str(section.get("server_metadata_url"))).hostname or "OpenID Connect"
    for name, value in section.items():
        if hasattr(value, "get") and "_" not in name and all(value.get(key) for key in OPENID_REQUIRED):
            found[name] = str(name).replace("-", " ").title()
    return found


def openid_identity() -> tuple[str, bool] | None:
    """(e-mail, verified) of the person st.login signed in, when a provider is configured and someone is."""
    if not openid_providers():
        return None
    user = st.user
    if not user.get("is_logged_in"):
        return None
    return str(user.get("email") or ""), user.get("email_verified") is not False


def _openid_account(url: str) -> Account | None:
    """The account whose e-mail the provider vouched for, signed in for this session (and written to the audit
    log once); None when no enabled account has it (the sign-in page says so)."""
    identity = openid_identity()
    if identity is None or not identity[0] or not identity[1]:
        return None
    account = accounts.account_for_email(url, identity[0])
    if account is None or account.disabled:
        return None
    accounts.note_sign_in(url, account.name, "openid")
    st.session_state[ACCOUNT_KEY] = account.name
    st.session_state[OPENID_KEY] = identity[0]
    return account


def current_account() -> Account | None:
    """The signed-in account, read again from the store; None for a visitor, a disabled or removed account (which
    is signed out), or a store that cannot be read."""
    if record.reads_files():
        return None
    name = st.session_state.get(ACCOUNT_KEY)
    if name and st.session_state.get(OPENID_KEY) is not None and openid_identity() is None:
        sign_out(provider_too=False)  # the provider's sign-in ended (signed out elsewhere, or its cookie expired)
        return None
    try:
        if not name:
            return _openid_account(record.store_url())
        with database.reading(record.store_url()) as connection:
            account = accounts.get_account(connection, name)
    except StoreError:
        return None
    if account.disabled:
        sign_out()
        return None
    return account
