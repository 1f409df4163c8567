"""The network overview's sections (dashboard.py): headline figures, statuses, the median city, map, table."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from pioc_metrics.app import caches
from pioc_metrics.app.context import PageContext
from pioc_metrics.app.registry import page
from pioc_metrics.engine.coverage import year_runs
from pioc_metrics.engine.network import status_counts
from pioc_metrics.figures.network import FEW_CITIES, median_index_figure, status_bar_figure
from pioc_metrics.text import escape
from pioc_metrics.text import formatting as F

# Numbers written for the language (12,3) while still sorting as numbers: a Styler formats each cell in
# Python, fine for a network of dozens of cities; past STYLED_ROWS it would cost seconds per rerun, so
# large tables show plain numbers instead.
STYLED_ROWS = 1000
NO_TOOLBAR = {"displayModeBar": False}


def _with_status(ctx: PageContext) -> int:
    """Cities whose data allow a status."""
    return int(status_counts(ctx.table).drop("insufficient_data").sum())


def _drawn_index(ctx: PageContext) -> pd.DataFrame:
    """The median index in the years enough cities stand behind it."""
    index = ctx.median_index()
    return index.loc[index["cities"] >= FEW_CITIES] if len(index) else index


def heading(ctx: PageContext) -> None:
    s = ctx.settings
    st.markdown(f"## {ctx.tr('ov_title', reduction=F.percent(s.reduction, ctx.lang, 0), target=s.target_year)}")
    st.caption(ctx.md("ov_subtitle", indicator=ctx.indicator_label(), settings=ctx.settings_line()))


def headline_figures(ctx: PageContext) -> None:
    """Years left, cities with a status, the median city's latest index, and a hint to a better-covered indicator."""
    lang, target, total = ctx.lang, ctx.settings.target_year, len(ctx.table)
    years_left, today = target - date.today().year, date.today().year
    m1, m2, m3, hint = st.columns([0.8, 0.8, 0.9, 1.9])
    m1.metric(ctx.tr("ov_years_left", target=target), str(max(years_left, 0)),
              help=ctx.tr("ov_years_left_help", today=today) if years_left >= 0
              else ctx.tr("ov_target_passed", target=target))
    m2.metric(ctx.tr("ov_enough_data"), ctx.tr("ov_enough_data_value", n=_with_status(ctx), total=total),
              help=ctx.tr("ov_enough_data_help"))
    drawn = _drawn_index(ctx)
    if len(drawn):
        last = drawn.iloc[-1]
        m3.metric(ctx.tr("ov_median_metric", year=int(last["year"])), F.number(last["median_index"], lang),
                  help=ctx.tr("ov_median_metric_help", path=F.number(last["path"], lang), year=int(last["year"]),
                              n=int(last["cities"])))
    else:
        m3.metric(ctx.tr("ov_median_metric", year="–"), ctx.tr("ov_median_none"))
    better = caches.better_indicator_cached(ctx.data_key, ctx.settings.indicator, _data=ctx.data)
    if better:
        other, m, n = better
        with hint:
            st.info(ctx.md("ov_more_data_hint", indicator=ctx.indicator_label(), n=n, total=total,
                           other=ctx.indicator_label(other), m=m))
            st.page_link(page("overview").script, label=ctx.md("ov_more_data_link", other=ctx.indicator_label(other)),
                         query_params={**ctx.view.query(), "indicator": other})


def status_chart(ctx: PageContext) -> None:
    """Cities per status (or why there is no status for this indicator)."""
    total, enough = len(ctx.table), _with_status(ctx)
    if not (bool((ctx.table["status"] != "").any()) or total == 0):
        st.info(ctx.md("ov_no_target", indicator=ctx.indicator_label()))
        return
    figure = status_bar_figure(status_counts(ctx.table), ctx.lang, title=ctx.tr("ov_status_heading"), wrap_at=22,
                               height=310)
    st.plotly_chart(figure, config=NO_TOOLBAR, key="status_bars")
    st.caption(ctx.tr("ov_status_caption", n=enough, total=total, missing=total - enough,
                      insufficient=F.status_label("insufficient_data", ctx.lang)))


def median_chart(ctx: PageContext) -> None:
    """The median city index against the halving path, with how many cities stand behind each year."""
    index = ctx.median_index()
    if not len(index):
        st.info(ctx.tr("ov_median_empty"))
        return
    source = ctx.tr("source_line", source=ctx.tr("ov_source"))
    figure = median_index_figure(index, ctx.settings, ctx.lang, source, indicator_label=ctx.indicator_label(),
                                 wrap_at=72, height=310)
    st.plotly_chart(figure, config=NO_TOOLBAR, key="median_index")
    runs = year_runs(index["year"], index["cities"])
    st.caption(ctx.tr("ov_median_caption", few=FEW_CITIES, counts="; ".join(
        f"{a}: {n}" if a == b else f"{a}–{b}: {n}" for a, b, n in runs)))


def map_section(ctx: PageContext) -> None:
    st.markdown(f"#### {ctx.tr('ov_map_heading')}")
    st.pydeck_chart(caches.overview_map_cached(ctx.data_key, ctx.settings, ctx.lang, _data=ctx.data, _table=ctx.table),
                    height=340)
    st.caption(ctx.tr("ov_map_caption"))


def _columns(ctx: PageContext, styled: bool) -> dict:
    column = st.column_config
    return {
        "city": column.TextColumn(ctx.tr("ov_col_city"), pinned=True, width=115),
        "country": column.TextColumn(ctx.tr("ov_col_country"), width=110),
        "membership": column.TextColumn(ctx.tr("ov_col_membership"), width=95),
        "baseline_year": column.NumberColumn(ctx.tr("ov_col_baseline_year"), width=62),
        "baseline": column.NumberColumn(ctx.tr("ov_col_baseline"), width=70, help=ctx.indicator_unit()),
        "latest_year": column.NumberColumn(ctx.tr("ov_col_latest_year"), width=62),
        "latest": column.NumberColumn(ctx.tr("ov_col_latest"), width=62, help=ctx.indicator_unit()),
        "change": column.NumberColumn(ctx.tr("ov_col_change"), width=72, help=ctx.tr("ov_col_change_help"),
                                      format=None if styled else "percent"),
        "status": column.TextColumn(ctx.tr("ov_col_status"), width=185),
        "trend": column.LineChartColumn(ctx.tr("ov_col_trend"), help=ctx.tr("ov_col_trend_help"), width=85),
        "link": column.LinkColumn(ctx.tr("ov_col_link"), display_text=ctx.tr("ov_link_text"), width=55),
    }


def city_table(ctx: PageContext) -> None:
    """Every city, sortable, with a link to its page; then the cities without data for the indicator."""
    lang = ctx.lang
    st.markdown(f"#### {ctx.tr('ov_table_heading')}")
    rows = caches.overview_table_cached(ctx.data_key, ctx.settings, lang, ctx.view.query(), _data=ctx.data,
                                        _table=ctx.table)
    shown = rows.drop(columns="city_id")
    styled = len(shown) <= STYLED_ROWS
    st.dataframe(
        shown.style.format({
            "baseline": lambda v: F.number(v, lang), "latest": lambda v: F.number(v, lang),
            "change": lambda v: F.percent(v, lang, signed=True), "baseline_year": F.year, "latest_year": F.year,
        }) if styled else shown,
        hide_index=True, height=min(35 * (len(shown) + 1) + 3, 820), key="city_table", placeholder="–",
        column_order=("city", "link", "status", "change", "trend", "baseline_year", "baseline", "latest_year",
                      "latest", "membership", "country"),
        column_config=_columns(ctx, styled),
    )
    st.caption(ctx.tr("ov_table_caption", unit=ctx.indicator_unit()))
    missing = rows.loc[rows["baseline"].isna() & rows["latest"].isna(), "city"]
    if len(missing):
        st.markdown(escape.markdown(ctx.tr("ov_no_data_cities", indicator=ctx.indicator_label(), n=len(missing),
                                           total=len(ctx.table), names=", ".join(missing.astype(str)))))
        st.caption(ctx.tr("no_data_yet_how"))
