"""The presentation's pieces: projector styling, the slide number in the link, the top bar and each slide.

The slides' words come from text.sentences; a sentence that carries data (a city's name,
a series, a source) gets that data escaped before it goes into markdown.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from pioc_metrics import constants as C
from pioc_metrics.app.context import PageContext, remember, set_view
from pioc_metrics.app.registry import page
from pioc_metrics.app.state import VIEW_KEY
from pioc_metrics.engine.coverage import cities_with_data, city_sources, network_sources
from pioc_metrics.engine.network import status_counts
from pioc_metrics.figures.maps import city_map, legend_items
from pioc_metrics.figures.network import median_index_figure, status_bar_figure
from pioc_metrics.figures.projector import FIXED_CITY_SLIDES, SLIDES, for_projector, parse_slide
from pioc_metrics.figures.trajectory import trajectory_figure
from pioc_metrics.text import escape
from pioc_metrics.text.i18n import LANGUAGE_NAMES, LANGUAGES
from pioc_metrics.text.labels import short_sources
from pioc_metrics.text.sentences import (
    map_headline,
    network_headline,
    reference_points,
    status_headline,
    status_summary,
    summary_sentence,
)

GOTO_KEY = "present_goto"  # set by the buttons; the URL is written in the script (not in the callback)
# Our own static CSS only (never data or user text): big type, no sidebar, no header clutter.
PROJECTOR_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stSidebarNav"],
header[data-testid="stHeader"], [data-testid="stToolbar"], footer { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] { padding-top: 1.2rem !important;
  padding-bottom: 1rem !important;
  max-width: 100% !important; padding-left: 3rem !important; padding-right: 3rem !important; }
[data-testid="stMain"] h1 { font-size: 2.9rem !important; line-height: 1.15 !important; padding: 0.2rem 0 !important; }
[data-testid="stMain"] h2 { font-size: 2.1rem !important; font-weight: 500 !important; line-height: 1.25 !important; }
[data-testid="stMain"] p, [data-testid="stMain"] li { font-size: 1.45rem !important; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] p { font-size: 1.15rem !important; color: #444 !important; }
[data-testid="stMain"] button p { font-size: 1.4rem !important; }
</style>
"""


def projector_style() -> None:
    st.markdown(PROJECTOR_CSS, unsafe_allow_html=True)


def current_slide(ctx: PageContext) -> int:
    """The slide to show (a button's choice, else the link's `slide`), written back to the link."""
    pending = st.session_state.pop(GOTO_KEY, None)
    number, understood = (pending, True) if pending else parse_slide(st.query_params.get("slide"))
    if not understood:
        st.warning(ctx.tr("pres_bad_slide"))
    if st.query_params.get("slide") != str(number):
        st.query_params["slide"] = str(number)
    return number


def _go_to(number: int) -> None:
    st.session_state[GOTO_KEY] = number


def _change_language(ctx: PageContext) -> None:
    view = st.session_state.get(VIEW_KEY) or ctx.view
    remember(replace(view, lang=st.session_state["present_lang"]))


def top_bar(ctx: PageContext, number: int) -> None:
    """Previous and next (also the arrow keys), the slide number, the language, and the way back."""
    total = len(SLIDES)
    st.session_state["present_lang"] = ctx.lang
    previous_col, number_col, next_col, keys_col, lang_col, leave_col = st.columns(
        [1.2, 1.1, 1.2, 2.1, 1.2, 2.0], vertical_alignment="center")
    with previous_col:
        st.button(ctx.tr("pres_previous"), key="present_previous", on_click=_go_to, args=(max(1, number - 1),),
                  disabled=number == 1, shortcut="Left", width="stretch")
    number_col.markdown("**" + ctx.tr("pres_slide_of", n=number, total=total) + "**")
    with next_col:
        st.button(ctx.tr("pres_next"), key="present_next", on_click=_go_to, args=(min(total, number + 1),),
                  disabled=number == total, shortcut="Right", width="stretch", type="primary")
    keys_col.caption(ctx.tr("pres_keys"))
    lang_col.selectbox(ctx.tr("pres_language"), LANGUAGES, format_func=LANGUAGE_NAMES.get, key="present_lang",
                       on_change=_change_language, args=(ctx,), label_visibility="collapsed")
    with leave_col:
        st.page_link(page("overview").script, label=ctx.tr("pres_back"), query_params=ctx.view.query())


def _sources(ctx: PageContext, sources) -> str:
    """'Source: a; b · settings' for a caption, the citations (data) escaped."""
    short = short_sources(sources)
    line = ctx.md("source_line", source="; ".join(short)) if short else ""
    return line + " · " + escape.markdown(ctx.settings_line())


def _chart(ctx: PageContext, fig, alt: str, source: str, key: str) -> None:
    """A figure enlarged for the projector, its text alternative (markdown-safe) and its source line."""
    st.plotly_chart(for_projector(fig), width="stretch", key=key,
                    config={"displayModeBar": False, "displaylogo": False})
    st.caption(ctx.tr("pres_chart_alt", text=alt))
    st.caption(source)


def map_slide(ctx: PageContext) -> None:
    st.title(ctx.tr("pres_title_map"))
    st.markdown("## " + map_headline(ctx.data, ctx.table, ctx.settings.indicator, ctx.lang))
    deck = city_map(ctx.data.cities, ctx.table, ctx.lang, data=ctx.data, height=600, width=1800, label_size=20,
                    radius_scale=1.5)
    st.pydeck_chart(deck, height=600, width="stretch")
    counts = status_counts(ctx.table)
    st.markdown("  ·  ".join(f"{symbol} {escape.markdown(label)} ({int(counts.get(status, 0))})"
                             for status, (symbol, label, _colour) in zip(C.STATUSES, legend_items(ctx.lang))))
    st.caption(ctx.tr("pres_chart_alt", text=ctx.tr("pres_map_alt")))
    st.caption(ctx.tr("pres_map_source") + " · " + escape.markdown(ctx.settings_line()))


def city_slide(ctx: PageContext, city_id: str) -> None:
    """One city: its status in one sentence, its other published figures, and its trajectory chart."""
    name = escape.markdown(ctx.city_name(city_id))
    sources = city_sources(ctx.data, city_id, ctx.settings.indicator)
    st.title(ctx.tr("pres_title_city", city=name))
    if city_id not in ctx.table.index or not sources:
        st.markdown("## " + ctx.tr("pres_no_data", city=name))
        st.write(ctx.tr("no_data_yet_how"))
        return
    sentence = summary_sentence(ctx.table.loc[city_id], name, ctx.lang)
    st.markdown("## " + sentence)
    references = reference_points(ctx.data, city_id, ctx.settings.indicator, ctx.lang)
    if references:
        st.markdown(ctx.md("pres_reference_points", points="; ".join(references)))
    fig = trajectory_figure(ctx.data, ctx.table, city_id, ctx.settings, ctx.lang)
    _chart(ctx, fig, sentence, _sources(ctx, sources), key=f"pres_city_{city_id}")


def network_slide(ctx: PageContext) -> None:
    index = ctx.median_index()
    headline = network_headline(index, ctx.settings, ctx.lang)
    st.title(ctx.tr("pres_title_network"))
    st.markdown("## " + headline)
    fig = median_index_figure(index, ctx.settings, ctx.lang, "", indicator_label=ctx.indicator_label())
    _chart(ctx, fig, headline, _sources(ctx, network_sources(ctx.data, ctx.table, ctx.settings.indicator)),
           key="pres_network")


def statuses_slide(ctx: PageContext) -> None:
    st.title(ctx.tr("pres_title_statuses"))
    st.markdown("## " + status_headline(ctx.table, ctx.lang))
    fig = status_bar_figure(status_counts(ctx.table), ctx.lang)
    _chart(ctx, fig, status_summary(ctx.table, ctx.lang),
           _sources(ctx, network_sources(ctx.data, ctx.table, ctx.settings.indicator)), key="pres_statuses")


def pick_slide(ctx: PageContext) -> None:
    """Any city the presenter picks (a fresh one by default); the pick goes to the link."""
    choices = list(ctx.data.cities["city_id"])
    with_data = cities_with_data(ctx.data, ctx.settings.indicator)
    fresh = [c for c in with_data if c not in FIXED_CITY_SLIDES.values()] or with_data or choices
    names = dict(zip(ctx.data.cities["city_id"], ctx.data.cities["city"].astype(str)))
    st.session_state["present_city"] = ctx.view.city if ctx.view.city in choices else fresh[0]
    picker, _ = st.columns([1, 3])
    picked = picker.selectbox(ctx.tr("pres_pick_city"), choices, key="present_city",
                              format_func=lambda c: names.get(c, c))
    if picked != ctx.view.city:
        ctx = set_view(ctx, city=picked)
    city_slide(ctx, picked)


def slide(ctx: PageContext, number: int) -> None:
    """The slide of that number: the network map, the fixed cities, the network, the statuses, a picked city."""
    kind = SLIDES[number - 1]
    if kind in FIXED_CITY_SLIDES:
        city_slide(ctx, FIXED_CITY_SLIDES[kind])
    else:
        {"map": map_slide, "network": network_slide, "statuses": statuses_slide, "pick": pick_slide}[kind](ctx)
