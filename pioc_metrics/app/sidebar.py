"""The sidebar every page but the presentation shares: the navigation and the settings widgets.

Widget state is dropped when a page is left, so every widget is seeded from the session's
View on every run, and a change goes straight back into the View (st.session_state[VIEW_KEY]).
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from pioc_metrics import constants as C
from pioc_metrics.app.record import reads_files
from pioc_metrics.app.registry import PAGES, allowed
from pioc_metrics.app.registry import page as page_of
from pioc_metrics.app.state import BASELINE_YEARS, TARGET_YEARS, VIEW_KEY, View
from pioc_metrics.data.dataset import Dataset
from pioc_metrics.text.i18n import LANGUAGE_NAMES, LANGUAGES, t
from pioc_metrics.text.labels import indicator_label


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


def _on_change() -> None:
    # Runs before the script: the session's view follows the widget at once, so the stale URL cannot undo it.
    st.session_state[VIEW_KEY] = _view_from_widgets(st.session_state.get(VIEW_KEY) or View())


def settings_sidebar(view: View, data: Dataset) -> View:
    """Language, indicator, baseline, target year, reduction, smoothing and path; returns the view they describe."""
    lang = view.lang
    s = view.settings
    # The network's headline measure first, then each indicator of the catalog on its own.
    indicators = [C.HEADLINE, *(i for i in data.catalog["indicator"] if i != C.HEADLINE)]
    labels = {i: indicator_label(data.catalog, i, lang) for i in indicators}
    for key, value in _widget_values(view).items():
        st.session_state[key] = value
    if st.session_state["w_indicator"] not in indicators:
        st.session_state["w_indicator"] = C.DEFAULT_INDICATOR
    with st.sidebar:
        # the one label a reader of any language must find: always bilingual
        language_label = "Language · Idioma" if lang == "en" else f"{t('language', lang)} · Language"
        st.selectbox(language_label, LANGUAGES, format_func=LANGUAGE_NAMES.get, key="w_lang", on_change=_on_change)
        st.markdown(f"**{t('sidebar_settings', lang)}**")
        st.selectbox(t("indicator", lang), indicators, format_func=lambda i: labels.get(i, i), key="w_indicator",
                     on_change=_on_change, help=t("indicator_help", lang, headline=labels[C.HEADLINE]))
        st.selectbox(
            t("baseline", lang), ["city", *reversed(BASELINE_YEARS)], key="w_baseline", on_change=_on_change,
            format_func=lambda v: t("baseline_city", lang, year=s.default_baseline_year) if v == "city"
            else t("baseline_year_option", lang, year=v),
        )
        st.selectbox(t("target_year", lang), TARGET_YEARS, key="w_target", on_change=_on_change)
        st.slider(t("reduction", lang), int(C.REDUCTION_MIN * 100), int(C.REDUCTION_MAX * 100), step=5,
                  key="w_reduction", format="%d %%", on_change=_on_change)
        st.radio(t("smoothing", lang), C.SMOOTHING_CHOICES, key="w_smoothing", on_change=_on_change,
                 format_func=lambda v: t("smoothing_" + v, lang))
        st.radio(t("path", lang), C.PATH_CHOICES, key="w_path", on_change=_on_change,
                 format_func=lambda v: t("path_" + v, lang))
    return _view_from_widgets(view)


def navigation(view: View, current: str, place, role: str | None = None) -> None:
    """A link to every page of the registry, in its language, keeping the shared view in the URL.

    `place` is an st.empty(): drawing again replaces the links, so they always carry the latest view.
    """
    query = view.query()
    with place.container():
        for page in (p for p in PAGES if p.listed and allowed(p, role)):
            st.page_link(page.script, label=t(page.title_key, view.lang), query_params=query,
                         disabled=page.id == current)
        if role is None and not reads_files():  # a visitor: the way in for the people who keep the data
            st.page_link(page_of("sign_in").script, label=t("nav_sign_in", view.lang), query_params=query,
                         disabled=current == "sign_in")
        st.divider()
