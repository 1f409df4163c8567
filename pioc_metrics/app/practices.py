"""The Practices page: the network's library of practices, searchable and filterable, each with its cities' figures
around its start (never an evaluation), and links to the city pages."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from pioc_metrics.app import caches
from pioc_metrics.app.context import PageContext, write_query
from pioc_metrics.app.registry import page
from pioc_metrics.app.widgets import plot, sort_key
from pioc_metrics.engine.city import city_series
from pioc_metrics.figures.trajectory import trajectory_figure
from pioc_metrics.text import escape
from pioc_metrics.text import stories as S

SEARCH_KEY = "practices_search"
APPROACH_KEY = "practices_approach"
CITY_KEY = "practices_city"
ALL = ""


def heading(ctx: PageContext) -> None:
    st.title(ctx.tr("practices_title"))
    st.caption(ctx.tr("practices_intro"))


def stop_without_practices(ctx: PageContext) -> None:
    if ctx.data.practices.empty:
        st.info(ctx.tr("practices_none"))
        st.stop()


def _seed(key: str, param: str, allowed: list[str] | None, ctx: PageContext) -> None:
    """A filter's first value on this page: the URL's (when allowed), else all."""
    if key in st.session_state:
        return
    given = str(st.query_params.get(param) or "")[:200]
    if allowed is not None and given and given not in allowed:
        st.warning(ctx.tr("notice_bad_param", name=param))
        given = ALL
    st.session_state[key] = given


def filters(ctx: PageContext) -> tuple[str, str, str]:
    """(words, approach, city_id): the search box and the two choices, kept in the URL as q, approach and in."""
    practices = ctx.data.practices
    approaches = sorted({a for cell in practices["approach"] for a in S.listed(cell)},
                        key=lambda a: sort_key(S.approach_label(a, ctx.lang)))
    cities = sorted({c for cell in practices["cities"] for c in S.listed(cell)}, key=lambda c: sort_key(
        ctx.city_name(c)))
    _seed(SEARCH_KEY, "q", None, ctx)
    _seed(APPROACH_KEY, "approach", approaches, ctx)
    _seed(CITY_KEY, "in", cities, ctx)
    search_column, approach_column, city_column = st.columns([3, 2, 2])
    words = search_column.text_input(ctx.tr("practices_search"), key=SEARCH_KEY, max_chars=80,
                                     help=ctx.tr("practices_search_help"))
    approach = approach_column.selectbox(
        ctx.tr("practices_approach"), [ALL, *approaches], key=APPROACH_KEY,
        format_func=lambda a: ctx.tr("practices_all") if a == ALL else S.approach_label(a, ctx.lang))
    city_id = city_column.selectbox(ctx.tr("practices_city"), [ALL, *cities], key=CITY_KEY,
                                    format_func=lambda c: ctx.tr("practices_all") if c == ALL else ctx.city_name(c))
    extra = {name: value for name, value in (("q", words.strip()), ("approach", approach), ("in", city_id)) if value}
    opened = str(st.query_params.get("practice") or "")
    if opened in set(practices["practice_id"]):
        extra["practice"] = opened
    write_query(ctx.view, extra)
    return words, approach, city_id


def library(ctx: PageContext, words: str, approach: str, city_id: str) -> None:
    """Every practice that matches, with its cities' figures around its start."""
    practices = ctx.data.practices
    found = S.matching_practices(practices, words, approach or None, city_id or None)
    st.caption(ctx.tr("practices_found", n=len(found), total=len(practices)))
    if found.empty:
        st.info(ctx.tr("practices_none_found"))
        return
    comparisons = caches.before_after_cached(ctx.data_key, _data=ctx.data)
    opened = str(st.query_params.get("practice") or "")
    found = found.assign(_order=[sort_key(S.practice_title(p, ctx.lang)) for _, p in found.iterrows()])
    for _, practice in found.sort_values("_order").iterrows():
        st.divider()
        practice_block(ctx, practice, comparisons, expanded=len(found) == 1 or opened == practice["practice_id"])


def practice_block(ctx: PageContext, practice: pd.Series, comparisons: pd.DataFrame, *, expanded: bool) -> None:
    """One practice: what it is, where and since when, what is known of its effect, its source; then, for each of
    its cities, the years before and after its start in words and (on request) the city's chart with it marked."""
    lang = ctx.lang
    practice_id = str(practice["practice_id"])
    st.subheader(escape.markdown(S.practice_title(practice, lang)))
    cities = S.listed(practice["cities"])
    facts = [ctx.tr("practice_approaches", approaches=S.approaches_text(practice["approach"], lang)),
             ctx.tr("practice_cities", cities=", ".join(ctx.city_name(c) for c in cities))]
    if pd.notna(practice["since"]):
        facts.insert(0, ctx.tr("practice_since", year=int(practice["since"])))
    st.caption(escape.markdown(" · ".join(facts)))
    summary = S.practice_summary(practice, lang)
    if summary:
        st.markdown(escape.markdown(summary))
    st.markdown(escape.markdown(ctx.tr("practice_evidence", evidence=S.evidence_text(practice, lang))))
    small = [ctx.tr("practice_source", source=practice["source"])]
    if str(practice.get("contact", "")).strip():
        small.append(ctx.tr("practice_contact", contact=practice["contact"]))
    st.caption(escape.markdown(" · ".join(small)))
    mine = comparisons.loc[comparisons["practice_id"] == practice_id].set_index("city_id")
    show_charts = st.toggle(ctx.tr("practice_show_charts"), value=expanded, key=f"practice_charts_{practice_id}")
    for city_id in cities:
        city_block(ctx, practice, city_id, mine.loc[city_id] if city_id in mine.index else None, show_charts)
    st.caption(ctx.tr("practice_not_an_evaluation"))


def city_block(ctx: PageContext, practice: pd.Series, city_id: str, comparison: pd.Series | None,
               show_chart: bool) -> None:
    name = ctx.city_name(city_id)
    st.markdown(f"**{escape.markdown(name)}**")
    if comparison is not None:
        st.markdown("\n".join(f"- {escape.markdown(line)}" for line in S.before_after_lines(comparison, ctx.lang)))
    st.page_link(page("city").script, label=ctx.md("practice_city_link", city=name),
                 query_params={**ctx.view.query(), "city": city_id})
    if not show_chart:
        return
    indicator = ctx.city_indicator(city_id)
    if not len(city_series(ctx.data, city_id, indicator)):
        st.caption(ctx.md("practice_no_data", city=name))
        return
    settings = replace(ctx.settings, indicator=indicator)
    table = ctx.table if ctx.settings.indicator == indicator else caches.progress_table_cached(
        ctx.data_key, settings, _data=ctx.data)
    practice_id = str(practice["practice_id"])
    figure = caches.shared_figure(ctx, "practice", (city_id, practice_id, settings, ctx.lang), lambda: (
        trajectory_figure(ctx.data, table, city_id, settings, ctx.lang, highlight=practice_id)))
    title = S.practice_title(practice, ctx.lang)
    start = comparison["start"] if comparison is not None else practice["since"]
    alt = ctx.tr("practice_chart_alt", city=name, practice=title,
                 year=int(start) if pd.notna(start) else "")
    plot(figure, alt, key=f"practice_chart_{practice['practice_id']}_{city_id}",
         filename=f"{city_id}_{practice['practice_id']}")
