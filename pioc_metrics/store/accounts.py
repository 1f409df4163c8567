"""Accounts and roles: who may do what (shared/spec/stewardship.md, "Roles"), argon2id passwords.

Every rule is checked here, for the web and the command line alike: `may_submit_for`, `check_reviewer`, `check_admin`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.engine import Connection

from pioc_metrics.store import database
from pioc_metrics.store.audit import OPERATOR, now, record
from pioc_metrics.store.errors import Invalid, NotAllowed, NotFound
from pioc_metrics.store.schema import account_cities, accounts

ROLES = ("editor", "reviewer", "admin")  # a visitor has no account
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,119}$")
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PASSWORD_MIN = 10
LOCK_AFTER = 5  # failed sign-ins in a row before each further attempt waits
LOCK_SECONDS_MAX = 15 * 60
HASHER = PasswordHasher()  # argon2id with the library's current parameters


@dataclass(frozen=True)
class Account:
    id: int
    name: str
    role: str
    cities: tuple[str, ...]
    disabled: bool
    has_password: bool
    email: str | None = None

    @property
    def reviews(self) -> bool:
        return self.role in ("reviewer", "admin")

    def may_submit_for(self, city_id: str) -> bool:
        """An editor for the cities assigned; a reviewer or admin for every city."""
        return not self.disabled and (self.reviews or city_id in self.cities)


def _account(connection: Connection, row) -> Account:
    cities = connection.execute(sa.select(account_cities.c.city_id).where(account_cities.c.account_id == row.id)
                                .order_by(account_cities.c.city_id)).scalars().all()
    return Account(id=row.id, name=row.name, role=row.role, cities=tuple(cities), disabled=bool(row.disabled),
                   has_password=row.password_hash is not None, email=row.email)


def get_account(connection: Connection, name: str) -> Account:
    row = connection.execute(sa.select(accounts).where(accounts.c.name == str(name))).first()
    if row is None:
        raise NotFound("store_unknown_account", name=name)
    return _account(connection, row)


def acting(connection: Connection, name: str) -> Account:
    """The acting account, refused when it is disabled."""
    account = get_account(connection, name)
    if account.disabled:
        raise NotAllowed("store_account_disabled", name=name)
    return account


def check_reviewer(account: Account) -> None:
    if not account.reviews:
        raise NotAllowed("store_needs_reviewer", name=account.name, role=account.role)


def check_admin(connection: Connection, actor: str) -> None:
    """The command line (OPERATOR) or an admin account may manage accounts."""
    if actor != OPERATOR and acting(connection, actor).role != "admin":
        raise NotAllowed("store_needs_admin", name=actor)


def add_account(url: str, actor: str, name: str, role: str, cities=(), password: str | None = None,
                email: str | None = None) -> Account:
    """A new account; an editor needs at least one city. The password, if given, is stored as an argon2id hash;
    the e-mail, if given, lets the account sign in with the OpenID Connect provider when one is configured."""
    if not NAME_PATTERN.match(str(name)):
        raise Invalid("store_bad_account_name", name=name)
    if role not in ROLES:
        raise Invalid("store_bad_role", role=role, roles=", ".join(ROLES))
    cities = tuple(dict.fromkeys(str(c).strip() for c in cities if str(c).strip()))
    if role == "editor" and not cities:
        raise Invalid("store_editor_needs_city", name=name)
    email = normal_email(email)
    hashed = _hash(password) if password is not None else None
    with database.writing(url) as connection:
        check_admin(connection, actor)
        if connection.execute(sa.select(accounts.c.id).where(accounts.c.name == name)).first():
            raise Invalid("store_account_exists", name=name)
        _email_free(connection, email, name)
        account_id = connection.execute(accounts.insert().values(
            name=name, role=role, password_hash=hashed, disabled=False, created_at=now(), failed_logins=0,
            email=email,
        )).inserted_primary_key[0]
        if cities:
            connection.execute(account_cities.insert(), [{"account_id": account_id, "city_id": c} for c in cities])
        record(connection, actor, "account_add", name, role=role, cities=list(cities), email=email or "")
        return get_account(connection, name)


def normal_email(email: str | None) -> str | None:
    """An e-mail address as the store keeps it (trimmed, lower-case), None for none; Invalid when malformed."""
    text = str(email or "").strip().lower()
    if not text:
        return None
    if len(text) > 254 or not EMAIL_PATTERN.match(text):
        raise Invalid("store_bad_email", email=str(email))
    return text


def _email_free(connection: Connection, email: str | None, name: str) -> None:
    if email is None:
        return
    other = connection.execute(sa.select(accounts.c.name).where(
        (accounts.c.email == email) & (accounts.c.name != name))).scalar()
    if other is not None:
        raise Invalid("store_email_taken", email=email, name=other)


def set_email(url: str, actor: str, name: str, email: str | None) -> Account:
    """Set (or, with None or "", clear) the e-mail an OpenID Connect sign-in matches `name` by: an admin's act."""
    email = normal_email(email)
    with database.writing(url) as connection:
        check_admin(connection, actor)
        get_account(connection, name)
        _email_free(connection, email, name)
        connection.execute(accounts.update().where(accounts.c.name == name).values(email=email))
        record(connection, actor, "account_email", name, email=email or "")
        return get_account(connection, name)


def account_for_email(url: str, email: str) -> Account | None:
    """The account with this e-mail (any case), disabled or not; None when no account has it."""
    try:
        email = normal_email(email)
    except Invalid:
        return None
    if email is None:
        return None
    with database.reading(url) as connection:
        row = connection.execute(sa.select(accounts).where(accounts.c.email == email)).first()
        return None if row is None else _account(connection, row)


def note_sign_in(url: str, name: str, method: str) -> None:
    """Write a sign-in made elsewhere (the OpenID Connect provider checked who it is) to the audit log."""
    with database.writing(url) as connection:
        record(connection, name, "sign_in", name, method=method)


def list_accounts(url: str) -> list[Account]:
    with database.reading(url) as connection:
        rows = connection.execute(sa.select(accounts).order_by(accounts.c.name)).all()
        return [_account(connection, row) for row in rows]


def disable_account(url: str, actor: str, name: str) -> None:
    with database.writing(url) as connection:
        check_admin(connection, actor)
        get_account(connection, name)
        connection.execute(accounts.update().where(accounts.c.name == name).values(disabled=True))
        record(connection, actor, "account_disable", name)


def assign_cities(url: str, actor: str, name: str, cities) -> Account:
    """Replace the cities `name` submits for (an admin or the operator); an editor keeps at least one."""
    cities = tuple(dict.fromkeys(str(c).strip() for c in cities if str(c).strip()))
    with database.writing(url) as connection:
        check_admin(connection, actor)
        account = get_account(connection, name)
        if account.role == "editor" and not cities:
            raise Invalid("store_editor_needs_city", name=name)
        connection.execute(account_cities.delete().where(account_cities.c.account_id == account.id))
        if cities:
            connection.execute(account_cities.insert(), [{"account_id": account.id, "city_id": c} for c in cities])
        record(connection, actor, "account_cities", name, cities=list(cities))
        return get_account(connection, name)


def set_password(url: str, actor: str, name: str, password: str) -> None:
    """A new password for `name` (an admin or the operator; anyone for their own account)."""
    hashed = _hash(password)
    with database.writing(url) as connection:
        if actor != name:
            check_admin(connection, actor)
        get_account(connection, name)
        connection.execute(accounts.update().where(accounts.c.name == name)
                           .values(password_hash=hashed, failed_logins=0, locked_until=None))
        record(connection, actor, "account_password", name)  # never the password or its hash


def _hash(password: str) -> str:
    if len(str(password)) < PASSWORD_MIN:
        raise Invalid("store_password_short", minimum=PASSWORD_MIN)
    return HASHER.hash(str(password))


def sign_in(url: str, name: str, password: str) -> Account | None:
    """The account when the password matches; None otherwise. Failures are counted, and after LOCK_AFTER in a row
    each further attempt is refused until a wait that doubles (up to 15 minutes) has passed, even a right one."""
    with database.writing(url) as connection:
        row = connection.execute(sa.select(accounts).where(accounts.c.name == str(name))).first()
        if row is None or row.disabled or row.password_hash is None:
            HASHER.hash("an unknown account takes as long as a known one")
            return None
        locked = row.locked_until is not None and _aware(row.locked_until) > now()
        try:
            matched = not locked and HASHER.verify(row.password_hash, str(password))
        except (VerificationError, InvalidHashError):
            matched = False
        if matched:
            connection.execute(accounts.update().where(accounts.c.id == row.id)
                               .values(failed_logins=0, locked_until=None))
            record(connection, name, "sign_in", name)
            return _account(connection, row)
        failures = row.failed_logins + 1
        wait = min(LOCK_SECONDS_MAX, 2 ** max(0, failures - LOCK_AFTER)) if failures >= LOCK_AFTER else 0
        connection.execute(accounts.update().where(accounts.c.id == row.id).values(
            failed_logins=failures, locked_until=(now() + timedelta(seconds=wait)) if wait else None))
        record(connection, name, "sign_in_failed", name, failures=failures, locked=locked)
        return None


def _aware(moment):
    """SQLite gives back naive datetimes: they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=now().tzinfo)
