"""The presentation's pieces: projector styling, the slides and slide number in the link, the top bar and each slide.

The slides' words come from text.sentences; a sentence that carries data (a city's name,
a series, a source) gets that data escaped before it goes into markdown. Every slide names
its indicator and settings under its title and its source once, under its chart.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from pioc_metrics import constants as C
from pioc_metrics.app.city import slide_markdown
from pioc_metrics.app.context import PageContext, remember, set_view
from pioc_metrics.app.registry import page
from pioc_metrics.app.state import VIEW_KEY
from pioc_metrics.app.widgets import sort_key
from pioc_metrics.engine.coverage import cities_with_data, city_sources, network_sources
from pioc_metrics.engine.network import status_counts
from pioc_metrics.figures.maps import city_map, legend_items
from pioc_metrics.figures.network import median_index_figure, status_bar_figure
from pioc_metrics.figures.projector import (
    SLIDE_KINDS,
    default_slides,
    for_projector,
    parse_slide,
    parse_slides,
)
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
PICK_KEY = "present_city"
PICK_SEEN_KEY = "_present_city_seen"
SLIDES_PICK_KEY = "present_slides"
SLIDES_SEEN_KEY = "_present_slides_seen"
# A clicker sends PageDown / PageUp; a keyboard also has Space and the arrows (the visible buttons' own keys).
NEXT_KEYS = ("PageDown", "Space")
PREVIOUS_KEYS = ("PageUp",)
MAP_HEIGHT = 560
CHART_HEIGHT = 600  # a network slide's chart
CITY_CHART_HEIGHT = 620  # a city slide's, beside its sentences
# Our own static CSS only (never data or user text): big type, no sidebar, no header clutter, the extra key
# buttons out of sight (their keys still work).
PROJECTOR_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stSidebarNav"],
header[data-testid="stHeader"], [data-testid="stToolbar"], footer, .st-key-present_keys { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] { padding-top: 1.0rem !important;
  padding-bottom: 0.5rem !important;
  max-width: 100% !important; padding-left: 3rem !important; padding-right: 3rem !important; }
[data-testid="stMain"] h1 { font-size: 2.7rem !important; line-height: 1.15 !important; padding: 0.1rem 0 !important; }
[data-testid="stMain"] h2 { font-size: 1.9rem !important; font-weight: 500 !important; line-height: 1.25 !important;
  padding: 0.3rem 0 !important; }
[data-testid="stMain"] p, [data-testid="stMain"] li { font-size: 1.4rem !important; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] p { font-size: 1.15rem !important; color: #444 !important; }
[data-testid="stMain"] button p { font-size: 1.35rem !important; }
[data-testid="stMain"] [data-testid="stExpander"] summary p { font-size: 1.1rem !important; }
</style>
"""


def projector_style() -> None:
    st.markdown(PROJECTOR_CSS, unsafe_allow_html=True)


def chosen_slides(ctx: PageContext) -> tuple[str, ...]:
    """The convening's slides from the link's `slides` (kinds and city ids, in order); the default without it."""
    chosen, understood = parse_slides(st.query_params.get("slides"), ctx.data.cities["city_id"])
    if not understood:
        st.warning(ctx.tr("pres_bad_slides"))
    return chosen


def current_slide(ctx: PageContext, slides: tuple[str, ...]) -> int:
    """The slide to show (a button's choice, else the link's `slide`), written back to the link."""
    pending = st.session_state.pop(GOTO_KEY, None)
    number, understood = (pending, True) if pending else parse_slide(st.query_params.get("slide"), len(slides))
    number = min(number, len(slides))
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


def _slide_label(ctx: PageContext, item: str, names: dict[str, str]) -> str:
    if item in SLIDE_KINDS:
        return ctx.tr("pres_kind_" + item)
    return ctx.tr("pres_kind_city", city=names.get(item, item))


def slide_picker(ctx: PageContext, slides: tuple[str, ...], container) -> None:
    """Which slides and cities the convening shows, in order: a multiselect behind a toggle; a new choice
    goes to the link's `slides` (left out when it is the default) and the page runs again with it."""
    cities = ctx.data.cities
    names = dict(zip(cities["city_id"], cities["city"].astype(str)))
    options = [*SLIDE_KINDS, *sorted(names, key=lambda c: sort_key(names[c]))]
    if st.session_state.get(SLIDES_SEEN_KEY) != slides or SLIDES_PICK_KEY not in st.session_state:
        st.session_state[SLIDES_PICK_KEY] = list(slides)
    # A toggle, not an expander: the expander's arrow is an icon-font ligature that reads as a word offline.
    if container.toggle(ctx.tr("pres_choose"), key="present_choose_open"):
        container.multiselect(ctx.tr("pres_choose_slides"), options, key=SLIDES_PICK_KEY,
                              help=ctx.tr("pres_choose_help"), format_func=lambda item: _slide_label(ctx, item, names))
    picked = tuple(st.session_state[SLIDES_PICK_KEY]) or default_slides(names)
    st.session_state[SLIDES_SEEN_KEY] = picked
    if picked != slides:  # the link says the new choice, and the page is drawn again from it
        if picked == default_slides(names):
            st.query_params.pop("slides", None)
        else:
            st.query_params["slides"] = ",".join(picked)
        st.rerun()


def _key_buttons(number: int, total: int) -> None:
    """The clicker's keys: buttons out of sight (PROJECTOR_CSS) whose shortcuts move like the visible ones."""
    with st.container(key="present_keys"):
        for key in NEXT_KEYS:
            st.button(key, key=f"present_next_{key.lower()}", on_click=_go_to, args=(min(total, number + 1),),
                      disabled=number == total, shortcut=key)
        for key in PREVIOUS_KEYS:
            st.button(key, key=f"present_previous_{key.lower()}", on_click=_go_to, args=(max(1, number - 1),),
                      disabled=number == 1, shortcut=key)


def top_bar(ctx: PageContext, number: int, slides: tuple[str, ...]) -> None:
    """Previous and next (also the clicker's keys), the slide number, the slides chosen, the language, the way
    back."""
    total = len(slides)
    st.session_state["present_lang"] = ctx.lang
    previous_col, number_col, next_col, keys_col, choose_col, lang_col, leave_col = st.columns(
        [1.1, 1.0, 1.1, 1.9, 2.0, 1.1, 1.6], vertical_alignment="top")
    with previous_col:
        st.button(ctx.tr("pres_previous"), key="present_previous", on_click=_go_to, args=(max(1, number - 1),),
                  disabled=number == 1, shortcut="Left", width="stretch")
    number_col.markdown("**" + ctx.tr("pres_slide_of", n=number, total=total) + "**")
    with next_col:
        st.button(ctx.tr("pres_next"), key="present_next", on_click=_go_to, args=(min(total, number + 1),),
                  disabled=number == total, shortcut="Right", width="stretch", type="primary")
    keys_col.caption(ctx.tr("pres_keys"))
    slide_picker(ctx, slides, choose_col)
    lang_col.selectbox(ctx.tr("pres_language"), LANGUAGES, format_func=LANGUAGE_NAMES.get, key="present_lang",
                       on_change=_change_language, args=(ctx,), label_visibility="collapsed")
    with leave_col:
        st.page_link(page("overview").script, label=ctx.tr("pres_back"), query_params=ctx.view.query())
    _key_buttons(number, total)


def _heading(ctx: PageContext, title: str, indicator: str | None = None, aside=None) -> None:
    """The slide's title (with `aside(column)` beside it, when given) and, under it, the indicator and the
    settings it is shown with."""
    if aside is None:
        st.title(title)
    else:
        title_column, aside_column = st.columns([3, 1], vertical_alignment="bottom")
        title_column.title(title)
        aside(aside_column)
    st.caption(ctx.md("pres_settings", indicator=indicator or ctx.indicator_label(), settings=ctx.settings_line()))


def _source(ctx: PageContext, sources) -> str:
    """'Source: a; b' for a caption, the citations (data) escaped."""
    short = short_sources(sources)
    return ctx.md("source_line", source="; ".join(short)) if short else ""


def _chart(ctx: PageContext, fig, alt: str, source: str, key: str, height: int) -> None:
    """A figure enlarged for the projector (without its own title and foot: the slide says them in its text), its
    text alternative (markdown-safe) and the slide's one source line."""
    st.plotly_chart(for_projector(fig, height=height, source=False, heading=False), width="stretch", key=key,
                    config={"displayModeBar": False, "displaylogo": False})
    st.caption(ctx.md("pres_chart_alt", text=alt))
    st.caption(source)


def map_slide(ctx: PageContext) -> None:
    _heading(ctx, ctx.tr("pres_title_map"))
    st.markdown("## " + map_headline(ctx.data, ctx.table, ctx.settings.indicator, ctx.lang))
    deck = city_map(ctx.data.cities, ctx.table, ctx.lang, data=ctx.data, height=MAP_HEIGHT, width=1800,
                    label_size=20, radius_scale=1.5)
    st.pydeck_chart(deck, height=MAP_HEIGHT, width="stretch")
    counts = status_counts(ctx.table)
    st.markdown("  ·  ".join(f"{symbol} {escape.markdown(label)} ({int(counts.get(status, 0))})"
                             for status, (symbol, label, _colour) in zip(C.STATUSES, legend_items(ctx.lang))))
    st.caption(ctx.tr("pres_chart_alt", text=ctx.tr("pres_map_alt")))
    st.caption(ctx.tr("pres_map_source"))


def city_slide(ctx: PageContext, city_id: str, aside=None) -> None:
    """One city: its status in one sentence, the city page's sentences, and its trajectory chart."""
    name = escape.markdown(ctx.city_name(city_id))
    measure = ctx.city_indicator(city_id)  # under the headline, the city's own measure
    sources = city_sources(ctx.data, city_id, measure)
    _heading(ctx, ctx.tr("pres_title_city", city=name), ctx.indicator_label(measure), aside)
    if city_id not in ctx.table.index or not sources:
        st.markdown("## " + ctx.tr("pres_no_data", city=name))
        st.write(ctx.tr("no_data_yet_how"))
        return
    sentence = summary_sentence(ctx.table.loc[city_id], name, ctx.lang)
    st.markdown("## " + sentence)
    words, chart = st.columns([1, 2.2], gap="large")  # side by side: the whole slide fits a 1080 px screen
    with words:
        st.markdown(slide_markdown(ctx, city_id))  # the city page's and the brief's sentences (text.sentences)
        references = reference_points(ctx.data, city_id, measure, ctx.lang)
        if references:
            st.markdown(ctx.md("pres_reference_points", points="; ".join(references)))
    # The events marked on the chart, numbered (a list of them in words made the slide taller than a 1080 px screen)
    fig = trajectory_figure(ctx.data, ctx.table, city_id, replace(ctx.settings, indicator=measure), ctx.lang)
    with chart:
        _chart(ctx, fig, sentence, _source(ctx, sources), key=f"pres_city_{city_id}", height=CITY_CHART_HEIGHT)


def network_slide(ctx: PageContext) -> None:
    index = ctx.median_index()
    headline = network_headline(index, ctx.settings, ctx.lang)
    _heading(ctx, ctx.tr("pres_title_network"))
    st.markdown("## " + headline)
    fig = median_index_figure(index, ctx.settings, ctx.lang, "", indicator_label=ctx.indicator_label())
    _chart(ctx, fig, headline, _source(ctx, network_sources(ctx.data, ctx.table, ctx.settings.indicator)),
           key="pres_network", height=CHART_HEIGHT)


def statuses_slide(ctx: PageContext) -> None:
    _heading(ctx, ctx.tr("pres_title_statuses"))
    st.markdown("## " + status_headline(ctx.table, ctx.lang))
    fig = status_bar_figure(status_counts(ctx.table), ctx.lang)
    _chart(ctx, fig, status_summary(ctx.table, ctx.lang),
           _source(ctx, network_sources(ctx.data, ctx.table, ctx.settings.indicator)), key="pres_statuses",
           height=CHART_HEIGHT)


def pick_slide(ctx: PageContext, slides: tuple[str, ...]) -> None:
    """Any city the presenter picks beside the title (by default one the other slides do not show); the pick
    goes to the link."""
    choices = list(ctx.data.cities["city_id"])
    with_data = cities_with_data(ctx.data, ctx.settings.indicator)
    fresh = [c for c in with_data if c not in slides] or with_data or choices
    names = dict(zip(ctx.data.cities["city_id"], ctx.data.cities["city"].astype(str)))
    # Seeded from the view when it changed from outside the widget (a link); else the presenter's pick stands.
    if st.session_state.get(PICK_KEY) not in choices or st.session_state.get(PICK_SEEN_KEY) != ctx.view.city:
        st.session_state[PICK_KEY] = ctx.view.city if ctx.view.city in choices else fresh[0]
    picked = st.session_state[PICK_KEY]
    if picked != ctx.view.city:
        ctx = set_view(ctx, city=picked)
    st.session_state[PICK_SEEN_KEY] = ctx.view.city

    def picker(column) -> None:
        column.selectbox(ctx.tr("pres_pick_city"), choices, key=PICK_KEY, format_func=lambda c: names.get(c, c))

    city_slide(ctx, picked, aside=picker)


def slide(ctx: PageContext, number: int, slides: tuple[str, ...]) -> None:
    """The slide of that number: the network map, the network, the statuses, a picked city, or a city's own."""
    item = slides[number - 1]
    if item == "pick":
        pick_slide(ctx, slides)
    elif item in SLIDE_KINDS:
        {"map": map_slide, "network": network_slide, "statuses": statuses_slide}[item](ctx)
    else:
        city_slide(ctx, item)
