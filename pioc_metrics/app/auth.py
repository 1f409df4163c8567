"""Who is signed in, in this browser session: signing in against the store's argon2 hashes, signing out, and the
account read again from the store on every run (a disabled account is signed out on its next action).

Visitors never sign in. A sign-in lives in this session's state only: a reload or a new tab starts a new session,
which asks again (the sign-in page says so). Failed attempts are slowed per account (store.accounts.sign_in) and
per address here: after ADDRESS_FAILURES in ADDRESS_WINDOW seconds from one address, that address waits.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque

import streamlit as st

from pioc_metrics.app import record
from pioc_metrics.store import accounts, database
from pioc_metrics.store.accounts import Account
from pioc_metrics.store.errors import StoreError

ACCOUNT_KEY = "signed_in_as"  # session_state: the account name, nothing else (never the password)
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


def sign_out() -> None:
    st.session_state.pop(ACCOUNT_KEY, None)


def current_account() -> Account | None:
    """The signed-in account, read again from the store; None for a visitor, a disabled or removed account (which
    is signed out), or a store that cannot be read."""
    name = st.session_state.get(ACCOUNT_KEY)
    if not name or record.reads_files():
        return None
    try:
        with database.reading(record.store_url()) as connection:
            account = accounts.get_account(connection, name)
    except StoreError:
        return None
    if account.disabled:
        sign_out()
        return None
    return account
