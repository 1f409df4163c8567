"""The network overview's sections (dashboard.py): headline figures, statuses, the median city, map, table."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from pioc_metrics import constants as C
from pioc_metrics.app import caches
from pioc_metrics.app.context import PageContext, go_to
from pioc_metrics.app.registry import page
from pioc_metrics.app.widgets import PHONE_MAP_WIDTH, city_search, narrow_screen
from pioc_metrics.engine.coverage import membership_with_status, year_runs
from pioc_metrics.engine.network import status_counts
from pioc_metrics.figures.network import FEW_CITIES, median_index_figure, status_bar_figure
from pioc_metrics.text import escape, months
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
    """The median index in the years it is based on enough cities."""
    index = ctx.median_index()
    return index.loc[index["cities"] >= FEW_CITIES] if len(index) else index


def heading(ctx: PageContext) -> None:
    s = ctx.settings
    title_column, search_column = st.columns([3, 1], vertical_alignment="bottom")
    title = ctx.tr("ov_title", reduction=F.percent(s.reduction, ctx.lang, 0), target=s.target_year)
    title_column.markdown(f"## {title}")
    city_search(ctx, search_column)  # any city's page, where cities crowd on the map
    st.caption(ctx.md("ov_subtitle", indicator=ctx.indicator_label(), settings=ctx.settings_line()))


def headline_figures(ctx: PageContext) -> None:
    """Years left, cities with a status, the median city's latest index, and a hint to a better-covered indicator."""
    lang, target, total = ctx.lang, ctx.settings.target_year, len(ctx.table)
    years_left, today = target - date.today().year, date.today().year
    m1, m2, m3, hint = st.columns([0.8, 0.8, 0.9, 1.9])
    m1.metric(ctx.tr("ov_years_left", target=target), str(max(years_left, 0)),
              help=ctx.tr("ov_years_left_help", today=today) if years_left >= 0
              else ctx.tr("ov_target_passed", target=target))
    headline = ctx.settings.indicator == C.HEADLINE
    m2.metric(ctx.tr("ov_enough_data"), ctx.tr("ov_enough_data_value", n=_with_status(ctx), total=total),
              help=ctx.tr("ov_enough_data_help_headline" if headline else "ov_enough_data_help"))
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
    figure = caches.shared_figure(ctx, "status_bars", (ctx.settings, ctx.lang), lambda: status_bar_figure(
        status_counts(ctx.table), ctx.lang, title=ctx.tr("ov_status_heading"), wrap_at=22, height=310))
    st.plotly_chart(figure, config=NO_TOOLBAR, key="status_bars")
    st.caption(" ".join([ctx.tr("ov_status_caption", n=enough, total=total, missing=total - enough,
                                insufficient=F.status_label("insufficient_data", ctx.lang)),
                         *_membership_sentences(ctx)]))


def _membership_sentences(ctx: PageContext) -> list[str]:
    """How many of the cities with a status are members or prospective members, and which are shown for reference
    (the caption is markdown: the city names are escaped)."""
    counts, reference = membership_with_status(ctx.data, ctx.table)
    if not counts.sum():
        return []
    members, prospective = int(counts["member"]), int(counts["prospective"])
    n = int(counts.sum())
    sentences = [ctx.tr("ov_status_membership", n=n, members=members, prospective=prospective) if prospective
                 else ctx.tr("ov_status_members_only", n=n, members=members)] if members + prospective else []
    if reference:
        sentences.append(ctx.tr("ov_status_reference", n=len(reference), names=escape.markdown(", ".join(reference))))
    return sentences


def median_chart(ctx: PageContext) -> None:
    """The median city index against the halving path, with how many cities each year's median is based on."""
    index = ctx.median_index()
    if not len(index):
        st.info(ctx.tr("ov_median_empty"))
        return
    source = ctx.tr("source_line", source=ctx.tr("ov_source"))
    figure = caches.shared_figure(ctx, "median_index", (ctx.settings, ctx.lang), lambda: median_index_figure(
        index, ctx.settings, ctx.lang, source, indicator_label=ctx.indicator_label(), wrap_at=72, height=310))
    st.plotly_chart(figure, config=NO_TOOLBAR, key="median_index")
    runs = year_runs(index["year"], index["cities"])
    st.caption(ctx.tr("ov_median_caption", few=FEW_CITIES, counts="; ".join(
        ctx.tr("ov_median_run", n=n, years=str(a) if a == b else f"{a}–{b}") for a, b, n in runs)))


def map_section(ctx: PageContext) -> None:
    st.markdown(f"#### {ctx.tr('ov_map_heading')}")
    width = PHONE_MAP_WIDTH if narrow_screen() else 1000  # a phone's map shows every city too
    st.pydeck_chart(caches.overview_map_cached(ctx.data_key, ctx.settings, ctx.lang, _data=ctx.data, _table=ctx.table,
                                               width=width), height=340)
    st.caption(ctx.tr("ov_map_caption"))


def _columns(ctx: PageContext, styled: bool) -> dict:
    # Widths fit the 1366 px laptop (sidebar open) in all three languages: the longest status label is Portuguese.
    column = st.column_config
    unit = "" if ctx.settings.indicator == C.HEADLINE else ctx.indicator_unit()
    return {
        "city": column.TextColumn(ctx.tr("ov_col_city"), pinned=True, width=128),
        "status": column.TextColumn(ctx.tr("ov_col_status"), width=260),
        "change": column.NumberColumn(ctx.tr("ov_col_change"), width=66, help=ctx.tr("ov_col_change_help"),
                                      format=None if styled else "percent"),
        "trend": column.LineChartColumn(ctx.tr("ov_col_trend"), help=ctx.tr("ov_col_trend_help"), width=68),
        "measure": column.TextColumn(ctx.tr("ov_col_measure"), help=ctx.tr("ov_col_measure_help"), width=72),
        "years": column.TextColumn(ctx.tr("ov_col_years"), help=ctx.tr("ov_col_years_help"), width=78),
        "baseline": column.NumberColumn(ctx.tr("ov_col_baseline"), width=72, help=unit or None),
        "latest": column.NumberColumn(ctx.tr("ov_col_latest"), width=68, help=unit or None),
        "membership": column.TextColumn(ctx.tr("ov_col_membership"), help=ctx.tr("ov_col_membership_help"),
                                        width=88),
    }


def _styled(shown: pd.DataFrame, decimals: pd.Series, lang: str):
    """Numbers written for the language: counts whole, rates with one decimal, changes as signed percentages."""
    style = shown.style.format({"change": lambda v: F.percent(v, lang, signed=True)})
    for places in (0, 1):
        rows = shown.index[(decimals == places).to_numpy()]
        style = style.format(lambda v, places=places: F.number(v, lang, places),
                             subset=pd.IndexSlice[rows, ["baseline", "latest"]])
    return style


def city_table(ctx: PageContext) -> None:
    """Every city, sortable; a click on a city's row opens its page in the same tab. Then the cities without
    figures of the indicator."""
    lang = ctx.lang
    st.markdown(f"#### {ctx.tr('ov_table_heading')}")
    rows = caches.overview_table_cached(ctx.data_key, ctx.settings, lang, _data=ctx.data, _table=ctx.table)
    shown = rows.drop(columns=["city_id", "figures", "decimals"])
    styled = len(shown) <= STYLED_ROWS
    event = st.dataframe(
        _styled(shown, rows["decimals"], lang) if styled else shown,
        hide_index=True, height=min(35 * (len(shown) + 1) + 3, 820), key="city_table", placeholder="–",
        column_config=_columns(ctx, styled), on_select="rerun", selection_mode="single-cell",
    )
    open_selected_city(ctx, rows, event.selection)
    headline = ctx.settings.indicator == C.HEADLINE
    st.caption(ctx.tr("ov_table_caption_headline", unit=ctx.indicator_unit(C.HEADLINE_MEASURES[0])) if headline
               else ctx.tr("ov_table_caption", unit=ctx.indicator_unit()))
    missing = rows.loc[rows["figures"] != "measure", "city"]
    if len(missing):
        key, params = ("ov_no_data_cities_headline", {}) if headline else ("ov_no_data_cities",
                                                                           {"indicator": ctx.indicator_label()})
        st.markdown(escape.markdown(ctx.tr(key, n=len(missing), total=len(ctx.table),
                                           names=", ".join(missing.astype(str)), **params)))
        st.caption(ctx.tr("no_data_yet_how"))


def open_selected_city(ctx: PageContext, rows: pd.DataFrame, selection) -> None:
    """A click on any cell of the table opens that row's city page (the cells are the table's rows as given, in
    whatever order the reader sorted them)."""
    cells = (selection or {}).get("cells") or []
    if cells and 0 <= int(cells[0][0]) < len(rows):
        go_to(ctx, "city", city=str(rows["city_id"].iloc[int(cells[0][0])]))


def ytd_section(ctx: PageContext) -> None:
    """The cities with monthly figures, each indicator's year so far against the same months a year earlier."""
    ytd = caches.year_to_date_cached(ctx.data_key, _data=ctx.data)
    ytd = ytd.loc[ytd["ytd"].notna()]
    if not len(ytd):
        return
    st.subheader(ctx.tr("overview_ytd_title"))
    st.caption(ctx.tr("overview_ytd_intro"))
    st.dataframe(ytd_table(ytd, ctx), hide_index=True, width="stretch", key="overview_ytd")


def ytd_table(ytd: pd.DataFrame, ctx: PageContext) -> pd.DataFrame:
    names = [ctx.city_name(c) for c in ytd["city_id"]]
    frame = pd.DataFrame({
        ctx.tr("overview_ytd_col_city"): names,
        ctx.tr("overview_ytd_col_indicator"): [ctx.indicator_label(i) for i in ytd["indicator"]],
        ctx.tr("overview_ytd_col_through"): [months.month_year(y, m, ctx.lang)
                                             for y, m in zip(ytd["year"], ytd["through_month"])],
        ctx.tr("overview_ytd_col_ytd"): [F.integer(v, ctx.lang) for v in ytd["ytd"]],
        ctx.tr("overview_ytd_col_previous"): [F.integer(v, ctx.lang) for v in ytd["ytd_previous"]],
        ctx.tr("overview_ytd_col_change"): [months.change_cell(change, clear, ctx.lang)
                                            for change, clear in zip(ytd["change"], ytd["clear"])],
    })
    return frame.assign(_order=names).sort_values("_order", kind="stable").drop(columns="_order")
