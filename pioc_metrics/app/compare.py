"""The Compare page's sections: the chosen cities on one chart, one chart each, and ranked by change."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from pioc_metrics import constants as C
from pioc_metrics.app import caches
from pioc_metrics.app.caches import progress_table_cached
from pioc_metrics.app.context import PageContext
from pioc_metrics.app.widgets import plot
from pioc_metrics.engine.catalog import shared_measure
from pioc_metrics.engine.coverage import cities_with_data, definition_notes
from pioc_metrics.figures.compare import compare_figure, ranked_change_figure, small_multiples_figure
from pioc_metrics.text import escape
from pioc_metrics.text.labels import value_decimals
from pioc_metrics.text.sentences import summary_sentence

EVENTS_KEY = "compare_events"


def _names(ctx: PageContext, chosen: list[str]) -> dict[str, str]:
    return {c: ctx.city_name(c) for c in chosen}


def _sentences(ctx: PageContext, chosen: list[str]) -> list[str]:
    """Each city's trajectory in one sentence: the charts' text alternative."""
    decimals = value_decimals(ctx.data.catalog, ctx.settings.indicator)
    names = _names(ctx, chosen)
    return [summary_sentence(ctx.table.loc[c], names[c], ctx.lang, decimals) for c in chosen]


def heading(ctx: PageContext) -> None:
    st.title(ctx.tr("nav_compare"))
    st.caption(escape.markdown(ctx.settings_line()))


def on_one_measure(ctx: PageContext, chosen: list[str]) -> PageContext:
    """Under the headline, the chosen cities compared on one measure (the rate when all have it, else
    counts), with that measure's table; the page says which measure it uses."""
    if ctx.settings.indicator != C.HEADLINE or not chosen:
        return ctx
    settings = replace(ctx.settings, indicator=shared_measure(ctx.table, chosen))
    table = progress_table_cached(ctx.data_key, settings, ctx.data)
    resolved = replace(ctx, view=replace(ctx.view, settings=settings), table=table)
    st.caption(ctx.md("compare_on_measure", measure=resolved.indicator_label()))
    return resolved


def events_toggle(ctx: PageContext, container) -> None:
    """Whether the charts mark each city's events (what happened, a change in counting): off by default, as many
    cities' marks crowd one chart."""
    container.toggle(ctx.tr("events_show"), key=EVENTS_KEY)


def _with_events(ctx: PageContext) -> bool:
    return bool(st.session_state.get(EVENTS_KEY, False)) and not ctx.data.events.empty


def stop_without_cities(ctx: PageContext, chosen: list[str]) -> None:
    if not chosen:
        st.info(ctx.tr("compare_none_chosen"))
        st.stop()


def lines(ctx: PageContext, chosen: list[str], mode: str) -> None:
    """Every chosen city on one chart, the cities without data named, and the chart in words."""
    sentences = _sentences(ctx, chosen)
    events = _with_events(ctx)
    figure = caches.shared_figure(ctx, "compare", (tuple(chosen), ctx.settings, ctx.lang, mode, events), lambda: (
        compare_figure(ctx.data, ctx.table, chosen, ctx.settings, ctx.lang, mode, events=events)))
    plot(figure, "; ".join(sentences), key="compare_lines", filename=f"compare_{ctx.settings.indicator}_{mode}")
    with_data = set(cities_with_data(ctx.data, ctx.settings.indicator))
    missing = [name for c, name in _names(ctx, chosen).items() if c not in with_data]
    if missing:
        st.caption(ctx.md("compare_without_data", cities=", ".join(missing)))
    if mode != "indexed":  # levels side by side: say where they count different things
        definitions_warning(ctx, chosen)
    # A plain list, not an expander: its arrow is an icon-font ligature that reads as a word without the font.
    st.markdown(f"**{escape.markdown(ctx.tr('compare_text_alternative'))}**\n\n"
                + "\n".join(f"- {escape.markdown(s)}" for s in sentences))


def definitions_warning(ctx: PageContext, chosen: list[str]) -> None:
    """Where the chosen cities' figures count different things (their sources' notes differ), the levels are not
    like for like: said above the comparison, city by city."""
    notes = definition_notes(ctx.data, ctx.settings.indicator, chosen)
    if notes.nunique() < 2:
        return
    lines = [f"- **{escape.markdown(ctx.city_name(c))}**: {escape.markdown(note)}" for c, note in notes.items()]
    st.warning(ctx.tr("compare_definitions_differ", indicator=ctx.indicator_label()) + "\n\n" + "\n".join(lines))


def small_multiples(ctx: PageContext, chosen: list[str]) -> None:
    st.subheader(ctx.tr("compare_multiples_heading"))
    events = _with_events(ctx)
    figure = caches.shared_figure(ctx, "multiples", (tuple(chosen), ctx.settings, ctx.lang, events), lambda: (
        small_multiples_figure(ctx.data, ctx.table, chosen, ctx.settings, ctx.lang, events=events)))
    plot(figure, "; ".join(_sentences(ctx, chosen)), key="compare_multiples",
         filename=f"compare_{ctx.settings.indicator}_multiples")


def ranked(ctx: PageContext, chosen: list[str]) -> None:
    st.subheader(ctx.tr("compare_ranked_heading"))
    figure = ranked_change_figure(ctx.table, chosen, ctx.lang, names=_names(ctx, chosen),
                                  reduction=ctx.settings.reduction)
    plot(figure, "; ".join(_sentences(ctx, chosen)), key="compare_ranked",
         filename=f"compare_{ctx.settings.indicator}_change")
