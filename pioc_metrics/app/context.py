"""What every page does first (page_setup) and what it gets back (PageContext).

page_setup reads the URL, draws the shared sidebar and navigation, keeps the URL in step
with the session's View, and hands the page its data and the cached all-city table.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import NoReturn

import pandas as pd
import streamlit as st

from pioc_metrics import constants as C
from pioc_metrics.app import caches
from pioc_metrics.app import releases as releases_view
from pioc_metrics.app.auth import current_account
from pioc_metrics.app.registry import allowed, page
from pioc_metrics.app.sidebar import navigation, settings_sidebar
from pioc_metrics.app.sign_in import account_box, needs_role
from pioc_metrics.app.state import VIEW_KEY, View, parse_view, requested_release
from pioc_metrics.app.style import PHONE_CSS
from pioc_metrics.data.dataset import Dataset
from pioc_metrics.engine.catalog import cities_by_id
from pioc_metrics.settings import Settings
from pioc_metrics.text import escape
from pioc_metrics.text import formatting as F
from pioc_metrics.text.i18n import t
from pioc_metrics.text.labels import indicator_label, unit_label
from pioc_metrics.text.problems import problem_sentence

LAST_QUERY_KEY = "_last_query"  # the query this session last wrote: a URL equal to it says nothing new
PROBLEMS_SHOWN = 3  # of each data file's problems on a page; the rest are counted


@dataclass(frozen=True)
class PageContext:
    """What a page needs after the shared setup: language, choices, data and the all-city table."""

    page: str
    view: View
    data: Dataset
    data_key: str
    table: pd.DataFrame
    user_data: bool
    navigation: object = None  # the sidebar's st.empty() holding the page links (None without the sidebar)
    published: object = None  # the record.Published every visitor sees (the release shown), under any upload
    account: object = None  # the signed-in store.accounts.Account, None for a visitor

    @property
    def role(self) -> str | None:
        return getattr(self.account, "role", None)

    @property
    def lang(self) -> str:
        return self.view.lang

    @property
    def settings(self) -> Settings:
        return self.view.settings

    def tr(self, key: str, **params) -> str:
        return t(key, self.view.lang, **params)

    def md(self, key: str, **params) -> str:
        """A translation for markdown: the sentence is ours, every parameter is data and is escaped."""
        return t(key, self.view.lang, **{name: escape.markdown(value) for name, value in params.items()})

    def indicator_label(self, indicator: str | None = None) -> str:
        """The chosen indicator's label (or `indicator`'s), the headline's included."""
        return indicator_label(self.data.catalog, indicator or self.settings.indicator, self.lang)

    def indicator_unit(self, indicator: str | None = None) -> str:
        """The indicator's unit in the page's language ('' for the headline, whose cities each have their own)."""
        indicator = indicator or self.settings.indicator
        return "" if indicator == C.HEADLINE else unit_label(self.data.catalog, indicator, self.lang)

    def city_indicator(self, city_id: str) -> str:
        """The indicator a city is measured by now: under the headline its own measure (the table's `indicator`)."""
        row = self.table.loc[self.table["city_id"] == city_id, "indicator"]
        return str(row.iloc[0]) if len(row) else self.settings.indicator

    def city_name(self, city_id: str) -> str:
        row = cities_by_id(self.data.cities).get(city_id)
        return str(row["city"]) if row is not None else city_id

    def settings_line(self) -> str:
        return F.settings_line(self.settings, self.lang)

    def median_index(self) -> pd.DataFrame:
        return caches.median_index_cached(self.data_key, self.settings, _data=self.data, _table=self.table)


def _query_dict() -> dict[str, str]:
    return {key: st.query_params.get(key) for key in st.query_params.keys()}


def write_query(view: View, extra: dict[str, str] | None = None) -> None:
    """Make the URL describe the view (plus a page's own parameters), touching it only on change."""
    wanted = {**view.query(), **(extra or {})}
    if _query_dict() != wanted:
        st.query_params.from_dict(wanted)
    st.session_state[LAST_QUERY_KEY] = wanted


def remember(view: View) -> None:
    st.session_state[VIEW_KEY] = view


def _browser_locale() -> str | None:
    try:
        return st.context.locale
    except Exception:
        return None


def _your_data_banner(lang: str) -> None:
    upload = st.session_state[caches.USER_DATA_KEY]
    mode = t("your_data_mode_" + str(upload.get("mode", "extend")), lang)
    made_on = upload.get("release")
    on_release = f" · {t('your_data_release', lang, number=made_on)}" if made_on else ""
    st.info(f"{t('your_data_badge', lang)} · {mode}{on_release}")
    st.text(str(upload.get("name", "")))  # the file name is the user's text: plain text, never markdown


def _data_problems_notice(lang: str, data: Dataset, problems) -> None:
    """The published data's errors (`problems`), file by file, on every page; an error box when `data` has no city.

    Not shown while an upload replaces the shipped data. The server's log and `validate` list them all.
    """
    upload = st.session_state.get(caches.USER_DATA_KEY)
    if upload and upload.get("mode") == "replace":
        return
    problems = [problem for problem in problems if problem.is_error]
    if not problems:
        return
    by_file: dict[str, list] = {}
    for problem in problems:
        by_file.setdefault(problem.file, []).append(problem)
    lines = []
    for file, found in by_file.items():
        lines += [f"- {problem_sentence(p, lang, escape.markdown)}" for p in found[:PROBLEMS_SHOWN]]
        if len(found) > PROBLEMS_SHOWN:
            more = t("data_problems_more", lang, n=len(found) - PROBLEMS_SHOWN, file=escape.markdown(file))
            lines.append(f"- {more}")
    unreadable = data.cities.empty
    heading = t("data_folder_unreadable" if unreadable else "data_folder_problems", lang)
    (st.error if unreadable else st.warning)("\n".join([heading, "", *lines, "", t("data_folder_fix", lang)]))


def page_setup(page_id: str, *, sidebar: bool | None = None) -> PageContext:
    """Everything a page does first: read the URL, draw the shared sidebar, load and compute.

    `page_id` is the page's id in the registry, which says its title, whether it has the
    sidebar (`sidebar` overrides that) and the query parameters of its own it keeps.
    """
    this = page(page_id)
    sidebar = this.sidebar if sidebar is None else sidebar
    params = _query_dict()
    if params and params == st.session_state.get(LAST_QUERY_KEY):
        params = {}  # the URL says what this session already shows
    st.session_state[caches.RELEASE_KEY] = requested_release(params, st.session_state.get(VIEW_KEY))
    shown = caches.published_dataset()
    data, data_key, user_data = caches.current_dataset(shown)
    view = parse_view(params, indicators=set(data.catalog["indicator"]), city_ids=set(data.cities["city_id"]),
                      base=st.session_state.get(VIEW_KEY) or View(), browser_locale=_browser_locale())
    if shown.notice is not None or (shown.release is not None and shown.release.is_latest):
        view = replace(view, release=None)  # an unknown release, or the latest named by number: show the latest
    st.set_page_config(page_title=f"{t(this.title_key, view.lang)} · Peace in Our Cities", layout="wide",
                       initial_sidebar_state="auto" if sidebar else "collapsed")
    if shown.error is not None and not user_data:
        releases_view.store_error(shown.error, view.lang)
    account = current_account()
    # Static CSS of our own (never user text): less empty space above the page, so more of it is above the fold.
    st.markdown("<style>[data-testid='stMainBlockContainer']{padding-top:2.2rem;}</style>" + PHONE_CSS,
                unsafe_allow_html=True)
    links = None
    if sidebar:
        # A widget keeps its state while its page stays open, so a value the user just chose wins;
        # on a new page (state dropped) or a new session the URL seeds it.
        links = st.sidebar.empty()  # first in the sidebar; drawn again whenever the view changes (set_view)
        view = settings_sidebar(view, data)
        navigation(view, page_id, links, getattr(account, "role", None))
    remember(view)
    current = _query_dict()
    write_query(view, {k: current[k] for k in this.keeps if current.get(k) is not None})
    if sidebar and shown.release is not None:
        st.sidebar.caption(releases_view.release_caption(shown.release, view.lang))
    if sidebar:
        account_box(view.lang, view.query())
    releases_view.release_notices(shown, view, view.lang)
    releases_view.link_notices(view, params, shown, view.lang, set(data.cities["city_id"]))
    _data_problems_notice(view.lang, data, shown.problems)
    if data.cities.empty:
        st.stop()  # no city could be read: the notice above says why, and no page has anything to show
    if user_data:
        _your_data_banner(view.lang)
    if not allowed(this, getattr(account, "role", None)):
        needs_role(this, view)  # stops: the page and its actions are for signed-in staff only
    table = caches.progress_table_cached(data_key, view.settings, _data=data)
    return PageContext(page=page_id, view=view, data=data, data_key=data_key, table=table, user_data=user_data,
                       navigation=links, published=shown, account=account)


def set_view(ctx: PageContext, **changes) -> PageContext:
    """Change the chosen city or cities from a page's own picker; the URL and the page links follow."""
    view = replace(ctx.view, **changes)
    remember(view)
    write_query(view, {k: v for k, v in _query_dict().items() if k not in view.query() and k not in ("city", "cities")})
    if ctx.navigation is not None and view.query() != ctx.view.query():
        navigation(view, ctx.page, ctx.navigation, ctx.role)
    return replace(ctx, view=view)


def go_to(ctx: PageContext, page_id: str, **changes) -> NoReturn:
    """Open another page of the registry in the same tab, with the view changed (e.g. `city=...`)."""
    view = replace(ctx.view, **changes)
    remember(view)
    st.switch_page(page(page_id).script, query_params=view.query())
