"""The Accounts page (admins): the accounts, adding one, an editor's cities, disabling, a new password shown once,
and the audit log filtered by account or city.

Every change goes through store.accounts, which checks the acting admin again and writes the audit log. A new
password lives in one run's local variable and one st.code: never in session_state, never in a log.
"""

from __future__ import annotations

import re
import secrets

import pandas as pd
import streamlit as st

from pioc_metrics.app import record
from pioc_metrics.app.context import PageContext
from pioc_metrics.app.registry import page
from pioc_metrics.app.sign_in import needs_role, role_name
from pioc_metrics.app.submit import store_error_text
from pioc_metrics.store import accounts, audit, database
from pioc_metrics.store.errors import StoreError
from pioc_metrics.text.i18n import source_messages, t

FLASH_KEY = "admin_flash"  # session_state: (message key, {name: text}) said once, after the rerun that follows a change
AUDIT_LIMIT = 500  # newest audit entries read for the table
PASSWORD_BYTES = 12  # secrets.token_urlsafe(12): 16 characters, 96 random bits


def accounts_page(ctx: PageContext) -> None:
    if ctx.role != "admin":  # page_setup refuses already; a change here must never be one check away from anyone
        needs_role(page("accounts"), ctx.view)
    st.title(ctx.tr("admin_title"))
    st.write(ctx.tr("admin_intro"))
    flash = st.session_state.pop(FLASH_KEY, None)
    if flash:
        st.success(ctx.md(flash[0], **flash[1]))
    url = record.store_url()
    table_place = st.container()  # filled after the actions, so a password just set shows in it
    try:
        listed = accounts.list_accounts(url)
    except StoreError as error:
        st.error(store_error_text(error, ctx.lang))
        return
    add_section(ctx, url)
    assign_section(ctx, url, listed)
    disable_section(ctx, url, listed)
    password_section(ctx, url, listed)
    email_section(ctx, url, listed)
    with table_place:
        accounts_table(ctx, accounts.list_accounts(url))
    audit_section(ctx, url, listed)


def _changed(key: str, **params: str) -> None:
    """Say what was done after a rerun that shows every list as it now is."""
    st.session_state[FLASH_KEY] = (key, params)
    st.rerun()


def city_names(ctx: PageContext, extra=()) -> dict[str, str]:
    """City id -> "Name (id)" for the data's cities (and any id in `extra` the data lacks), as picker labels."""
    names = {c: f"{n} ({c})" for c, n in zip(ctx.data.cities["city_id"], ctx.data.cities["city"])}
    return {**names, **{c: c for c in extra if c not in names}}


def _cities_text(ctx: PageContext, account: accounts.Account) -> str:
    if account.role != "editor":
        return ctx.tr("admin_all_cities")
    return ", ".join(ctx.city_name(c) for c in account.cities)


def accounts_table(ctx: PageContext, listed: list[accounts.Account]) -> None:
    frame = pd.DataFrame({
        "name": [a.name for a in listed], "role": [role_name(a.role, ctx.lang) for a in listed],
        "cities": [_cities_text(ctx, a) for a in listed], "password": [a.has_password for a in listed],
        "disabled": [a.disabled for a in listed], "email": [a.email or "" for a in listed],
    }, columns=["name", "role", "cities", "password", "disabled", "email"])
    st.dataframe(frame, hide_index=True, width="stretch", key="admin_accounts", column_config={
        "name": ctx.tr("admin_col_name"), "role": ctx.tr("admin_col_role"), "cities": ctx.tr("admin_col_cities"),
        "password": st.column_config.CheckboxColumn(ctx.tr("admin_col_password")),
        "disabled": st.column_config.CheckboxColumn(ctx.tr("admin_col_disabled")),
        "email": ctx.tr("admin_col_email")})


def add_section(ctx: PageContext, url: str) -> None:
    st.subheader(ctx.tr("admin_add_title"))
    names = city_names(ctx)
    with st.form("admin_add_form", clear_on_submit=True):
        name = st.text_input(ctx.tr("admin_add_name"), key="admin_add_name", max_chars=120)
        role = st.selectbox(ctx.tr("admin_add_role"), accounts.ROLES, key="admin_add_role",
                            format_func=lambda r: role_name(r, ctx.lang))
        cities = st.multiselect(ctx.tr("admin_add_cities"), list(names), key="admin_add_cities",
                                format_func=lambda c: names.get(c, c))
        email = st.text_input(ctx.tr("admin_add_email"), key="admin_add_email", max_chars=254,
                              help=ctx.tr("admin_email_help"))
        sent = st.form_submit_button(ctx.tr("admin_add_submit"), key="admin_add_submit")
    if not sent:
        return
    try:
        added = accounts.add_account(url, ctx.account.name, str(name or "").strip(), role,
                                     cities if role == "editor" else (), email=email)
    except StoreError as error:
        st.error(store_error_text(error, ctx.lang))
        return
    _changed("admin_added", name=added.name, role=role_name(added.role, ctx.lang))


def assign_section(ctx: PageContext, url: str, listed: list[accounts.Account]) -> None:
    st.subheader(ctx.tr("admin_assign_title"))
    editors = {a.name: a for a in listed if a.role == "editor" and not a.disabled}
    if not editors:
        st.caption(ctx.tr("admin_no_editors"))
        return
    name = st.selectbox(ctx.tr("admin_assign_account"), list(editors), key="admin_assign_account")
    editor = editors[name]
    names = city_names(ctx, editor.cities)
    # One picker per editor, so each starts from that editor's cities.
    cities = st.multiselect(ctx.tr("admin_assign_cities"), list(names), default=list(editor.cities),
                            key=f"admin_assign_cities_{name}", format_func=lambda c: names.get(c, c))
    if not st.button(ctx.tr("admin_assign_submit"), key="admin_assign_submit"):
        return
    try:
        assigned = accounts.assign_cities(url, ctx.account.name, name, cities)
    except StoreError as error:
        st.error(store_error_text(error, ctx.lang))
        return
    _changed("admin_assigned", name=assigned.name, cities=", ".join(ctx.city_name(c) for c in assigned.cities))


def disable_section(ctx: PageContext, url: str, listed: list[accounts.Account]) -> None:
    st.subheader(ctx.tr("admin_disable_title"))
    others = [a.name for a in listed if not a.disabled and a.name != ctx.account.name]
    if not others:
        st.caption(ctx.tr("admin_disable_none"))
        return
    with st.form("admin_disable_form"):
        name = st.selectbox(ctx.tr("admin_disable_account"), others, key="admin_disable_account",
                            help=ctx.tr("admin_disable_help"))
        sent = st.form_submit_button(ctx.tr("admin_disable_submit"), key="admin_disable_submit")
    if not sent:
        return
    try:
        accounts.disable_account(url, ctx.account.name, name)
    except StoreError as error:
        st.error(store_error_text(error, ctx.lang))
        return
    _changed("admin_disabled", name=name)


def password_section(ctx: PageContext, url: str, listed: list[accounts.Account]) -> None:
    """A strong random password, set and shown in this run only (st.code), never kept anywhere else."""
    st.subheader(ctx.tr("admin_password_title"))
    names = [a.name for a in listed if not a.disabled]
    with st.form("admin_password_form", clear_on_submit=True):
        name = st.selectbox(ctx.tr("admin_password_account"), names, key="admin_password_account")
        sent = st.form_submit_button(ctx.tr("admin_password_submit"), key="admin_password_submit")
    if not sent or not name:
        return
    password = secrets.token_urlsafe(PASSWORD_BYTES)
    try:
        accounts.set_password(url, ctx.account.name, name, password)
    except StoreError as error:
        st.error(store_error_text(error, ctx.lang))
        return
    st.success(ctx.md("admin_password_done", name=name))
    st.code(password, language=None)
    st.warning(ctx.md("admin_password_once", name=name))


def email_section(ctx: PageContext, url: str, listed: list[accounts.Account]) -> None:
    """The e-mail an OpenID Connect sign-in (st.login, when configured) matches an account by."""
    st.subheader(ctx.tr("admin_email_title"))
    with st.form("admin_email_form", clear_on_submit=True):
        name = st.selectbox(ctx.tr("admin_email_account"), [a.name for a in listed], key="admin_email_account")
        email = st.text_input(ctx.tr("admin_email_value"), key="admin_email_value", max_chars=254,
                              help=ctx.tr("admin_email_help"))
        sent = st.form_submit_button(ctx.tr("admin_email_submit"), key="admin_email_submit")
    if not sent or not name:
        return
    try:
        changed = accounts.set_email(url, ctx.account.name, name, email)
    except StoreError as error:
        st.error(store_error_text(error, ctx.lang))
        return
    _changed("admin_email_done", name=changed.name, email=changed.email or ctx.tr("admin_email_none"))


def _mentions(text: str, city_id: str) -> bool:
    """True when `city_id` appears in `text` as a whole id (cali in "cali", not in "calitown")."""
    return re.search(rf"(?<![\w-]){re.escape(city_id)}(?![\w-])", text) is not None


def _detail(detail: dict) -> str:
    """An entry's detail as plain text, "cities: cali, palmira · rows: 3", every value as it was written."""
    def value(item) -> str:
        return ", ".join(str(v) for v in item) if isinstance(item, list | tuple) else str(item)
    return " · ".join(f"{name}: {value(item)}" for name, item in (detail or {}).items())


def _action(action: str, lang: str) -> str:
    key = f"admin_action_{action}"
    return t(key, lang) if key in source_messages() else action


def audit_frame(log: list[dict], lang: str, actor: str = "", city: str = "") -> pd.DataFrame:
    """The audit entries as text, those of `actor` and those naming `city` (in their subject or detail) alone."""
    rows = []
    for entry in log:
        detail = _detail(entry["detail"])
        if actor and entry["actor"] != actor:
            continue
        if city and not _mentions(f"{entry['subject']} {detail}", city):
            continue
        at = entry["at"]
        rows.append({"at": at.strftime("%Y-%m-%d %H:%M:%S") if hasattr(at, "strftime") else str(at),
                     "actor": str(entry["actor"]), "action": _action(str(entry["action"]), lang),
                     "subject": str(entry["subject"]), "detail": detail})
    return pd.DataFrame(rows, columns=["at", "actor", "action", "subject", "detail"], dtype=object)


def audit_section(ctx: PageContext, url: str, listed: list[accounts.Account]) -> None:
    st.subheader(ctx.tr("admin_audit_title"))
    try:
        with database.reading(url) as connection:
            log = audit.entries(connection, AUDIT_LIMIT)
    except StoreError as error:
        st.error(store_error_text(error, ctx.lang))
        return
    actors = sorted({str(e["actor"]) for e in log} | {a.name for a in listed})
    names = city_names(ctx)
    left, right = st.columns(2)
    actor = left.selectbox(ctx.tr("admin_audit_actor"), ["", *actors], key="admin_audit_actor",
                           format_func=lambda a: a or ctx.tr("admin_audit_everyone"))
    city = right.selectbox(ctx.tr("admin_audit_city"), ["", *names], key="admin_audit_city",
                           format_func=lambda c: names.get(c, c) if c else ctx.tr("admin_audit_all_cities"))
    frame = audit_frame(log, ctx.lang, actor=actor, city=city)
    st.caption(ctx.tr("admin_audit_shown", n=len(frame), limit=AUDIT_LIMIT))
    st.dataframe(frame, hide_index=True, width="stretch", key="admin_audit", column_config={
        "at": ctx.tr("admin_col_at"), "actor": ctx.tr("admin_col_actor"), "action": ctx.tr("admin_col_action"),
        "subject": ctx.tr("admin_col_subject"), "detail": ctx.tr("admin_col_detail")})
