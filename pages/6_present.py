"""Presentation mode for convenings: full-screen slides, large type, slide number and language in the link."""

from __future__ import annotations

import re
from dataclasses import replace

import streamlit as st

from pioc_metrics.figures import projector as S
from pioc_metrics.text.i18n import LANGUAGE_NAMES, LANGUAGES
from pioc_metrics.engine.methodology import status_counts
from pioc_metrics.app.context import VIEW_KEY, cached_median_index, page_setup, remember, set_view

# Our own static CSS only (never data or user text): big type, no sidebar, no header clutter.
PROJECTOR_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stSidebarNav"],
header[data-testid="stHeader"], [data-testid="stToolbar"], footer { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] { padding-top: 1.2rem !important; padding-bottom: 1rem !important;
  max-width: 100% !important; padding-left: 3rem !important; padding-right: 3rem !important; }
[data-testid="stMain"] h1 { font-size: 2.9rem !important; line-height: 1.15 !important; padding: 0.2rem 0 !important; }
[data-testid="stMain"] h2 { font-size: 2.1rem !important; font-weight: 500 !important; line-height: 1.25 !important; }
[data-testid="stMain"] p, [data-testid="stMain"] li { font-size: 1.45rem !important; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] p { font-size: 1.15rem !important; color: #444 !important; }
[data-testid="stMain"] button p { font-size: 1.4rem !important; }
</style>
"""

ctx = page_setup("present", sidebar=False, layout="wide", extra_params=("slide", "city"))
lang = ctx.lang
st.markdown(PROJECTOR_CSS, unsafe_allow_html=True)

GOTO_KEY = "present_goto"  # set by the buttons; the URL is written below, in the script (not in the callback)
pending = st.session_state.pop(GOTO_KEY, None)
number, understood = (pending, True) if pending else S.parse_slide(st.query_params.get("slide"))
if not understood:
    st.warning(ctx.tr("pres_bad_slide"))
if st.query_params.get("slide") != str(number):
    st.query_params["slide"] = str(number)
total = len(S.SLIDES)
kind = S.SLIDES[number - 1]


def markdown_text(text: str) -> str:
    """Data-borne text (city names, sources) shown as text: markdown's special characters escaped."""
    return re.sub(r"([\\`*_{}\[\]()#+!|<>~$])", r"\\\1", str(text))


def go_to(slide: int) -> None:
    st.session_state[GOTO_KEY] = slide


def change_language() -> None:
    view = st.session_state.get(VIEW_KEY) or ctx.view
    remember(replace(view, lang=st.session_state["present_lang"]))


# ---------------------------------------------------------------- top bar: controls, slide number, language, leave
st.session_state["present_lang"] = lang
previous_col, number_col, next_col, keys_col, lang_col, leave_col = st.columns(
    [1.2, 1.1, 1.2, 2.1, 1.2, 2.0], vertical_alignment="center")
with previous_col:
    st.button(ctx.tr("pres_previous"), key="present_previous", on_click=go_to, args=(max(1, number - 1),),
              disabled=number == 1, shortcut="Left", width="stretch")
number_col.markdown("**" + ctx.tr("pres_slide_of", n=number, total=total) + "**")
with next_col:
    st.button(ctx.tr("pres_next"), key="present_next", on_click=go_to, args=(min(total, number + 1),),
              disabled=number == total, shortcut="Right", width="stretch", type="primary")
keys_col.caption(ctx.tr("pres_keys"))
lang_col.selectbox(ctx.tr("pres_language"), LANGUAGES, format_func=LANGUAGE_NAMES.get, key="present_lang",
                   on_change=change_language, label_visibility="collapsed")
with leave_col:
    st.page_link("dashboard.py", label=ctx.tr("pres_back"), query_params=ctx.view.query())


def chart(fig, alt: str, source: str, key: str) -> None:
    st.plotly_chart(S.for_projector(fig), width="stretch", key=key,
                    config={"displayModeBar": False, "displaylogo": False})
    st.caption(markdown_text(ctx.tr("pres_chart_alt", text=alt)))
    if source:
        st.caption(markdown_text(source))


def city_slide(city_id: str) -> None:
    from pioc_metrics.figures.trajectory import summary_sentence, trajectory_figure

    name = S.city_name(ctx.data, city_id)
    sources = S.city_sources(ctx.data, city_id, ctx.settings.indicator)
    if city_id not in ctx.table.index or not sources:
        st.title(markdown_text(ctx.tr("pres_title_city", city=name)))
        st.markdown("## " + markdown_text(ctx.tr("pres_no_data", city=name)))
        st.write(ctx.tr("no_data_yet_how"))
        return
    row = ctx.table.loc[city_id]
    sentence = summary_sentence(row, name, lang)
    st.title(markdown_text(ctx.tr("pres_title_city", city=name)))
    st.markdown("## " + markdown_text(sentence))
    references = S.reference_points(ctx.data, city_id, ctx.settings.indicator, lang)
    if references:
        st.markdown(markdown_text(ctx.tr("pres_reference_points", points="; ".join(references))))
    fig = trajectory_figure(ctx.data, ctx.table, city_id, ctx.settings, lang)
    chart(fig, sentence, S.source_text(sources, lang) + " · " + ctx.settings_line(), key=f"pres_city_{city_id}")


# ---------------------------------------------------------------- the slide
if kind == "map":
    from pioc_metrics.figures.maps import city_map, legend_items

    st.title(ctx.tr("pres_title_map"))
    st.markdown("## " + markdown_text(S.map_headline(ctx.data, ctx.table, ctx.settings.indicator, lang)))
    deck = city_map(ctx.data.cities, ctx.table, lang, data=ctx.data, height=600, width=1800, label_size=20,
                    radius_scale=1.5)
    st.pydeck_chart(deck, height=600, width="stretch")
    counts = status_counts(ctx.table)
    st.markdown("  ·  ".join(f"{symbol} {markdown_text(label)} ({int(counts.get(status, 0))})"
                             for status, (symbol, label, _colour) in zip(S.C.STATUSES, legend_items(lang))))
    st.caption(markdown_text(ctx.tr("pres_chart_alt", text=ctx.tr("pres_map_alt"))))
    st.caption(ctx.tr("pres_map_source") + " · " + ctx.settings_line())
elif kind in S.FIXED_CITY_SLIDES:
    city_slide(S.FIXED_CITY_SLIDES[kind])
elif kind == "network":
    from pioc_metrics.figures.network import median_index_figure

    index = cached_median_index(ctx.data_key, ctx.settings, _data=ctx.data, _table=ctx.table)
    headline = S.network_headline(index, ctx.settings, lang)
    source = S.source_text(S.network_sources(ctx.data, ctx.table, ctx.settings.indicator), lang)
    st.title(ctx.tr("pres_title_network"))
    st.markdown("## " + markdown_text(headline))
    fig = median_index_figure(index, ctx.settings, lang, "", indicator_label=ctx.indicator_label())
    chart(fig, headline, source + " · " + ctx.settings_line(), key="pres_network")
elif kind == "statuses":
    from pioc_metrics.figures.network import status_bar_figure

    st.title(ctx.tr("pres_title_statuses"))
    st.markdown("## " + markdown_text(S.status_headline(ctx.table, lang)))
    fig = status_bar_figure(status_counts(ctx.table), lang)
    source = S.source_text(S.network_sources(ctx.data, ctx.table, ctx.settings.indicator), lang)
    chart(fig, S.status_summary(ctx.table, lang), source + " · " + ctx.settings_line(), key="pres_statuses")
else:  # any city the presenter picks
    choices = list(ctx.data.cities["city_id"])
    with_data = S.cities_with_data(ctx.data, ctx.settings.indicator)
    fresh = [c for c in with_data if c not in S.FIXED_CITY_SLIDES.values()] or with_data or choices
    current = ctx.view.city if ctx.view.city in choices else fresh[0]
    names = dict(zip(ctx.data.cities["city_id"], ctx.data.cities["city"]))
    st.session_state["present_city"] = current
    picker, _ = st.columns([1, 3])
    picked = picker.selectbox(ctx.tr("pres_pick_city"), choices, key="present_city",
                              format_func=lambda c: names.get(c, c))
    if picked != ctx.view.city:
        ctx = set_view(ctx, city=picked)
    city_slide(picked)
