"""The sign-in page's Streamlit layer, and the account box at the foot of every sidebar."""

from __future__ import annotations

from typing import NoReturn

import streamlit as st

from pioc_metrics.app import auth, record
from pioc_metrics.app.registry import page
from pioc_metrics.text import escape
from pioc_metrics.text.i18n import t


def role_name(role: str, lang: str) -> str:
    return t(f"role_{role}", lang)


def account_box(lang: str, query: dict) -> None:
    """In the sidebar: who is signed in (discreetly), with a sign-out button."""
    if record.reads_files():
        return
    account = auth.current_account()
    if account is None:
        return  # the navigation links to the sign-in page
    st.sidebar.caption(t("sign_in_as", lang, name=escape.markdown(account.name), role=role_name(account.role, lang)))
    st.sidebar.button(t("sign_out", lang), key="sidebar_sign_out", on_click=auth.sign_out)


def sign_in_section(ctx) -> None:
    """The form, or who is signed in and the way out."""
    st.title(ctx.tr("sign_in_title"))
    if record.reads_files():
        st.info(ctx.tr("sign_in_no_store"))
        return
    account = auth.current_account()
    if account is not None:
        st.success(ctx.md("sign_in_done", name=account.name, role=role_name(account.role, ctx.lang)))
        st.button(ctx.tr("sign_out"), key="sign_in_page_out", on_click=auth.sign_out)
        st.caption(ctx.tr("sign_in_session_note"))
        return
    st.write(ctx.tr("sign_in_intro"))
    openid_section(ctx)
    with st.form("sign_in_form", clear_on_submit=True):
        name = st.text_input(ctx.tr("sign_in_name"), key="sign_in_name", autocomplete="username")
        password = st.text_input(ctx.tr("sign_in_password"), type="password", key="sign_in_password",
                                 autocomplete="current-password")
        sent = st.form_submit_button(ctx.tr("sign_in_submit"), type="primary")
    if sent:
        outcome = auth.sign_in(name, password)
        if outcome == "ok":
            st.rerun()
        st.error(ctx.tr({"wrong": "sign_in_wrong", "waiting": "sign_in_waiting",
                         "unavailable": "sign_in_unavailable"}[outcome]))
    st.caption(ctx.tr("sign_in_session_note"))


def openid_section(ctx) -> None:
    """When .streamlit/secrets.toml configures OpenID Connect: a button per provider, or, for a person the provider
    signed in whose e-mail no account has (or has not verified), why and the way out."""
    providers = auth.openid_providers()
    if not providers:
        return
    identity = auth.openid_identity()
    if identity is not None:
        email, verified = identity
        key = "sign_in_openid_unverified" if not verified or not email else "sign_in_openid_no_account"
        st.warning(ctx.md(key, email=email or "?"))
        if st.button(ctx.tr("sign_in_openid_out"), key="sign_in_openid_out"):
            st.logout()
        return
    for name, label in providers.items():
        if st.button(ctx.tr("sign_in_openid", provider=label), key=f"sign_in_openid_{name}", type="primary"):
            st.login(name)
    st.caption(ctx.tr("sign_in_openid_or"))


def needs_role(entry, view) -> NoReturn:
    """A page for staff, opened by a visitor or a lesser role: say who may, link to sign in, show nothing else."""
    st.warning(t("page_needs_role", view.lang, role=role_name(entry.role, view.lang)))
    st.page_link(page("sign_in").script, label=t("nav_sign_in", view.lang), query_params=view.query())
    st.stop()
