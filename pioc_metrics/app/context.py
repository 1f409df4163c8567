"""The Streamlit layer every page shares: settings sidebar, URL sync, navigation, caches.

This is the one module of the package that imports Streamlit (with the other
`ui_*` modules); everything it shows is computed by the pure modules.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import astuple, dataclass, replace
from pathlib import Path

import pandas as pd
import streamlit as st

from pioc_metrics import constants as C
from pioc_metrics.text import formatting as F
from pioc_metrics.data.dataset import Dataset
from pioc_metrics.text.i18n import LANGUAGE_NAMES, LANGUAGES, t
from pioc_metrics.engine.methodology import median_city_index, progress_table
from pioc_metrics.paths import DATA_DIR
from pioc_metrics.settings import Settings
from pioc_metrics.app.state import BASELINE_YEARS, TARGET_YEARS, View, parse_view

# The shipped data; a benchmark or a deployment may point the server at another folder.

# (key, script, translation key of its name); the script's path decides its URL.
PAGES = (
    ("overview", "dashboard.py", "nav_overview"),
    ("city", "pages/1_city.py", "nav_city"),
    ("compare", "pages/2_compare.py", "nav_compare"),
    ("map", "pages/3_map.py", "nav_map"),
    ("data", "pages/4_data.py", "nav_data"),
    ("methodology", "pages/5_methodology.py", "nav_methodology"),
    ("present", "pages/6_present.py", "nav_present"),
)
PAGE_SCRIPTS = {key: script for key, script, _ in PAGES}
USER_DATA_KEY = "user_data"  # session_state: {"key", "dataset", "mode", "name"} set by the Data page
VIEW_KEY = "view"


@dataclass(frozen=True)
class PageContext:
    """What a page needs after the shared setup: language, choices, data and the all-city table."""

    page: str
    view: View
    data: Dataset
    data_key: str
    table: pd.DataFrame
    user_data: bool

    @property
    def lang(self) -> str:
        return self.view.lang

    @property
    def settings(self) -> Settings:
        return self.view.settings

    def tr(self, key: str, **params) -> str:
        return t(key, self.view.lang, **params)

    def indicator_label(self, indicator: str | None = None) -> str:
        indicator = indicator or self.settings.indicator
        match = self.data.catalog.loc[self.data.catalog["indicator"] == indicator]
        if not len(match):
            return indicator
        return str(match.iloc[0].get(f"label_{self.lang}") or match.iloc[0]["label_en"])

    def indicator_unit(self, indicator: str | None = None) -> str:
        indicator = indicator or self.settings.indicator
        match = self.data.catalog.loc[self.data.catalog["indicator"] == indicator, "unit"]
        return str(match.iloc[0]) if len(match) else ""

    def city_name(self, city_id: str) -> str:
        match = self.data.cities.loc[self.data.cities["city_id"] == city_id, "city"]
        return str(match.iloc[0]) if len(match) else city_id

    def settings_line(self) -> str:
        return F.settings_line(self.settings, self.lang)

    def median_index(self) -> pd.DataFrame:
        return cached_median_index(self.data_key, self.settings, _data=self.data, _table=self.table)


# ---------------------------------------------------------------- data and computation caches


def _data_fingerprint(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.csv")):
        stat = path.stat()  # name, size and time: cheap on every rerun, even for large folders
        digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


# cache_resource: one read-only copy of the *shipped* data shared by every session (no copy per rerun,
# no copy per user). Nothing a user uploads goes here: uploads live in that session's session_state.
@st.cache_resource(show_spinner=False, max_entries=2)
def _shipped_dataset(fingerprint: str) -> Dataset:
    from pioc_metrics.data.loading import load_dataset

    data, _problems = load_dataset(DATA_DIR)
    return data


def shipped_dataset() -> tuple[Dataset, str]:
    """The shipped, validated data and a short key of its content."""
    key = "shipped-" + _data_fingerprint(DATA_DIR)
    return _shipped_dataset(key), key


def current_dataset() -> tuple[Dataset, str, bool]:
    """The data this browser session sees: the shipped data, or the user's upload merged with it."""
    upload = st.session_state.get(USER_DATA_KEY)
    if upload:
        return upload["dataset"], upload["key"], True
    data, key = shipped_dataset()
    return data, key, False


@st.cache_data(show_spinner=False, max_entries=128)
def cached_progress(data_key: str, settings: Settings, _data: Dataset) -> pd.DataFrame:
    """The all-city table, computed once per (data content, settings); switching city reuses it."""
    return progress_table(_data, settings)


@st.cache_data(show_spinner=False, max_entries=128)
def cached_median_index(data_key: str, settings: Settings, _data: Dataset, _table: pd.DataFrame) -> pd.DataFrame:
    return median_city_index(_data, _table, settings)


@st.cache_data(show_spinner=False, max_entries=256)
def _cached_piece(name: str, data_key: str, settings: Settings, lang: str, extra: tuple, _build):
    return _build()


def cached_piece(ctx: "PageContext", name: str, build, *extra):
    """A page's derived piece (a table, a map) computed once per data content, settings, language and `extra`.

    `build` runs only on a cache miss; the key is small (no frame is hashed), so a rerun costs a lookup.
    """
    return _cached_piece(name, ctx.data_key, ctx.settings, ctx.lang, tuple(extra), _build=build)


# ---------------------------------------------------------------- the shared sidebar and URL


def _query_dict() -> dict[str, str]:
    return {key: st.query_params.get(key) for key in st.query_params.keys()}


WIDGETS = ("w_lang", "w_indicator", "w_baseline", "w_target", "w_reduction", "w_smoothing", "w_path")
LAST_QUERY_KEY = "_last_query"


def _widget_values(view: View) -> dict:
    s = view.settings
    return {
        "w_lang": view.lang,
        "w_indicator": s.indicator,
        "w_baseline": "city" if s.baseline_year is None else s.baseline_year,
        "w_target": s.target_year,
        "w_reduction": int(round(s.reduction * 100)),
        "w_smoothing": s.smoothing,
        "w_path": s.path,
    }


def _view_from_widgets(view: View) -> View:
    """The view the sidebar widgets now describe (a baseline not before the target falls back to each city's)."""
    state = st.session_state
    baseline = state.get("w_baseline", "city")
    target = int(state.get("w_target", view.settings.target_year))
    baseline_year = None if baseline == "city" else int(baseline)
    if baseline_year is not None and baseline_year >= target:
        baseline_year = None
    settings = replace(
        view.settings,
        indicator=state.get("w_indicator", view.settings.indicator),
        target_year=target,
        reduction=round(int(state.get("w_reduction", 50)) / 100, 2),
        baseline_year=baseline_year,
        smoothing=state.get("w_smoothing", view.settings.smoothing),
        path=state.get("w_path", view.settings.path),
    )
    return replace(view, lang=state.get("w_lang", view.lang), settings=settings)


def _on_sidebar_change() -> None:
    # Runs before the script: the session's view follows the widget at once, so the stale URL cannot undo it.
    st.session_state[VIEW_KEY] = _view_from_widgets(st.session_state.get(VIEW_KEY) or View())


def _sidebar(view: View, data: Dataset) -> View:
    lang = view.lang
    s = view.settings
    indicators = list(data.catalog["indicator"])
    labels = dict(zip(data.catalog["indicator"], data.catalog.get(f"label_{lang}", data.catalog["label_en"])))
    # Widget state is dropped when a page is left: seed every widget from the view on every run.
    for key, value in _widget_values(view).items():
        st.session_state[key] = value
    if st.session_state["w_indicator"] not in indicators:
        st.session_state["w_indicator"] = C.DEFAULT_INDICATOR
    changed = _on_sidebar_change
    with st.sidebar:
        # the one label a reader of any language must find: always bilingual
        language_label = "Language · Idioma" if lang == "en" else f"{t('language', lang)} · Language"
        st.selectbox(language_label, LANGUAGES, format_func=LANGUAGE_NAMES.get,
                     key="w_lang", on_change=changed)
        st.markdown(f"**{t('sidebar_settings', lang)}**")
        st.selectbox(t("indicator", lang), indicators, format_func=lambda i: labels.get(i, i),
                     key="w_indicator", on_change=changed)
        st.selectbox(
            t("baseline", lang), ["city", *reversed(BASELINE_YEARS)], key="w_baseline", on_change=changed,
            format_func=lambda v: t("baseline_city", lang, year=s.default_baseline_year) if v == "city"
            else t("baseline_year_option", lang, year=v),
        )
        st.selectbox(t("target_year", lang), TARGET_YEARS, key="w_target", on_change=changed)
        st.slider(t("reduction", lang), int(C.REDUCTION_MIN * 100), int(C.REDUCTION_MAX * 100), step=5,
                  key="w_reduction", format="%d %%", on_change=changed)
        st.radio(t("smoothing", lang), C.SMOOTHING_CHOICES, key="w_smoothing", on_change=changed,
                 format_func=lambda v: t("smoothing_" + v, lang))
        st.radio(t("path", lang), C.PATH_CHOICES, key="w_path", on_change=changed,
                 format_func=lambda v: t("path_" + v, lang))
    return _view_from_widgets(view)


def _navigation(view: View, current: str, place) -> None:
    query = view.query()
    with place:
        for key, script, label_key in PAGES:
            st.page_link(script, label=t(label_key, view.lang), query_params=query, disabled=key == current)
        st.divider()


def write_query(view: View, extra: dict[str, str] | None = None) -> None:
    """Make the URL describe the view (plus a page's own parameters), touching it only on change."""
    wanted = {**view.query(), **(extra or {})}
    if _query_dict() != wanted:
        st.query_params.from_dict(wanted)
    st.session_state[LAST_QUERY_KEY] = wanted


def remember(view: View) -> None:
    st.session_state[VIEW_KEY] = view


def page_setup(page: str, *, sidebar: bool = True, layout: str = "wide", extra_params: tuple[str, ...] = ()) -> PageContext:
    """Everything a page does first: read the URL, draw the shared sidebar, load and compute."""
    data, data_key, user_data = current_dataset()
    base: View = st.session_state.get(VIEW_KEY) or View()
    params = _query_dict()
    if params and params == st.session_state.get(LAST_QUERY_KEY):
        params = {}  # the URL says what this session already shows
    locale = None
    try:
        locale = st.context.locale
    except Exception:  # older runtimes and AppTest have no browser locale
        locale = None
    view = parse_view(
        params,
        indicators=set(data.catalog["indicator"]),
        city_ids=set(data.cities["city_id"]),
        base=base,
        browser_locale=locale,
    )
    nav_key = dict((k, n) for k, _, n in PAGES)[page]
    st.set_page_config(
        page_title=f"{t(nav_key, view.lang)} · Peace in Our Cities",
        layout=layout,
        initial_sidebar_state="expanded" if sidebar else "collapsed",
    )
    # Static CSS of our own (never user text): less empty space above the page, so more of it is above the fold.
    st.markdown(
        "<style>[data-testid='stMainBlockContainer']{padding-top:2.2rem;}</style>", unsafe_allow_html=True
    )
    if sidebar:
        # A widget keeps its state while its page stays open, so a value the user just chose wins;
        # on a new page (state dropped) or a new session the URL seeds it.
        navigation = st.sidebar.container()  # first in the sidebar, filled once the settings are known
        view = _sidebar(view, data)
        _navigation(view, page, navigation)
    remember(view)
    current = _query_dict()
    extras = {k: current[k] for k in extra_params if current.get(k) is not None}
    write_query(view, extras)
    if view.rejected:
        st.warning(" ".join(t("notice_bad_param", view.lang, name=name) for name in view.rejected))
    if user_data:
        upload = st.session_state[USER_DATA_KEY]
        mode = t("your_data_mode_" + str(upload.get("mode", "extend")), view.lang)
        # the file name is the user's text: shown as plain text, never as markdown or HTML
        st.info(f"{t('your_data_badge', view.lang)} · {mode}")
        st.text(str(upload.get("name", "")))
    table = cached_progress(data_key, view.settings, _data=data)
    return PageContext(page=page, view=view, data=data, data_key=data_key, table=table, user_data=user_data)


def set_view(ctx: PageContext, **changes) -> PageContext:
    """Change the chosen city or cities from a page's own picker; the URL follows."""
    view = replace(ctx.view, **changes)
    remember(view)
    write_query(view, {k: v for k, v in _query_dict().items() if k not in view.query() and k not in ("city", "cities")})
    return replace(ctx, view=view)


def settings_key(settings: Settings) -> tuple:
    return astuple(settings)
