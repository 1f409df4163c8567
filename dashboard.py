"""Network overview: where every city stands against the halving target, above the fold."""

from datetime import date

import streamlit as st

from pioc_metrics import constants as C
from pioc_metrics.text import formatting as F
from pioc_metrics.figures.network import (
    FEW_CITIES, better_covered_indicator, escape_markdown, median_index_figure, overview_table, status_bar_figure, year_runs,
)
from pioc_metrics.figures.maps import city_map
from pioc_metrics.engine.methodology import status_counts
from pioc_metrics.app.context import cached_piece, page_setup

ctx = page_setup("overview")
lang, settings, table = ctx.lang, ctx.settings, ctx.table
indicator = ctx.indicator_label()
total = len(table)
counts = status_counts(table)
has_target = bool((table["status"] != "").any()) or total == 0
enough = int(counts.drop("insufficient_data").sum())
index_frame = ctx.median_index()
drawn = index_frame.loc[index_frame["cities"] >= FEW_CITIES] if len(index_frame) else index_frame

st.markdown(f"## {ctx.tr('ov_title', reduction=F.percent(settings.reduction, lang, 0), target=settings.target_year)}")
st.caption(ctx.tr("ov_subtitle", indicator=indicator, settings=ctx.settings_line()))

years_left = settings.target_year - date.today().year
m1, m2, m3, hint = st.columns([0.8, 0.8, 0.9, 1.9])
m1.metric(ctx.tr("ov_years_left", target=settings.target_year), str(max(years_left, 0)),
          help=ctx.tr("ov_years_left_help", today=date.today().year)
          if years_left >= 0 else ctx.tr("ov_target_passed", target=settings.target_year))
m2.metric(ctx.tr("ov_enough_data"), ctx.tr("ov_enough_data_value", n=enough, total=total),
          help=ctx.tr("ov_enough_data_help"))
if len(drawn):
    last = drawn.iloc[-1]
    m3.metric(ctx.tr("ov_median_metric", year=int(last["year"])), F.number(last["median_index"], lang),
              help=ctx.tr("ov_median_metric_help", path=F.number(last["path"], lang), year=int(last["year"]),
                          n=int(last["cities"])))
else:
    m3.metric(ctx.tr("ov_median_metric", year="–"), ctx.tr("ov_median_none"))
better = cached_piece(ctx, "better_indicator", lambda: better_covered_indicator(ctx.data, settings.indicator, total))
if better:
    other, m, n = better
    with hint:
        st.info(ctx.tr("ov_more_data_hint", indicator=indicator, n=n, total=total,
                       other=ctx.indicator_label(other), m=m))
        st.page_link("dashboard.py", label=ctx.tr("ov_more_data_link", other=ctx.indicator_label(other)),
                     query_params={**ctx.view.query(), "indicator": other})

left, right = st.columns([1, 1.6])
with left:
    if has_target:
        st.plotly_chart(status_bar_figure(counts, lang, title=ctx.tr("ov_status_heading"), wrap_at=22, height=310),
                        config={"displayModeBar": False}, key="status_bars")
        st.caption(ctx.tr("ov_status_caption", n=enough, total=total, missing=total - enough,
                          insufficient=F.status_label("insufficient_data", lang)))
    else:
        st.info(ctx.tr("ov_no_target", indicator=indicator))
with right:
    if len(index_frame):
        source = ctx.tr("source_line", source=ctx.tr("ov_source"))
        figure = median_index_figure(index_frame, settings, lang, source, indicator_label=indicator, wrap_at=72,
                                     height=310)
        st.plotly_chart(figure, config={"displayModeBar": False}, key="median_index")
        runs = year_runs(index_frame["year"], index_frame["cities"])
        st.caption(ctx.tr("ov_median_caption", few=FEW_CITIES, counts="; ".join(
            f"{a}: {n}" if a == b else f"{a}–{b}: {n}" for a, b, n in runs)))
    else:
        st.info(ctx.tr("ov_median_empty"))

st.markdown(f"#### {ctx.tr('ov_map_heading')}")
deck = cached_piece(ctx, "overview_map", lambda: city_map(ctx.data.cities, table, lang, height=340, width=1000,
                                                          label_size=12, radius_scale=0.8, padding=20))
st.pydeck_chart(deck, height=340)
st.caption(ctx.tr("ov_map_caption"))

st.markdown(f"#### {ctx.tr('ov_table_heading')}")
query = ctx.view.query()
rows = cached_piece(ctx, "overview_table", lambda: overview_table(ctx.data, table, lang, query), tuple(query.items()))
shown = rows.drop(columns="city_id")
# Numbers written for the language (12,3) while still sorting as numbers: a Styler formats each cell in
# Python, fine for a network of dozens of cities; past STYLED_ROWS it would cost seconds per rerun, so
# large tables show plain numbers instead.
STYLED_ROWS = 1000
styled = shown.style.format(
    {"baseline": lambda v: F.number(v, lang), "latest": lambda v: F.number(v, lang),
     "change": lambda v: F.percent(v, lang, signed=True),
     "baseline_year": F.year, "latest_year": F.year},
) if len(shown) <= STYLED_ROWS else shown
column = st.column_config
st.dataframe(
    styled, hide_index=True, height=min(35 * (len(shown) + 1) + 3, 820), key="city_table", placeholder="–",
    column_order=("city", "link", "status", "change", "trend", "baseline_year", "baseline", "latest_year", "latest",
                  "membership", "country"),
    column_config={
        "city": column.TextColumn(ctx.tr("ov_col_city"), pinned=True, width=115),
        "country": column.TextColumn(ctx.tr("ov_col_country"), width=110),
        "membership": column.TextColumn(ctx.tr("ov_col_membership"), width=95),
        "baseline_year": column.NumberColumn(ctx.tr("ov_col_baseline_year"), width=62),
        "baseline": column.NumberColumn(ctx.tr("ov_col_baseline"), width=70, help=ctx.indicator_unit()),
        "latest_year": column.NumberColumn(ctx.tr("ov_col_latest_year"), width=62),
        "latest": column.NumberColumn(ctx.tr("ov_col_latest"), width=62, help=ctx.indicator_unit()),
        "change": column.NumberColumn(ctx.tr("ov_col_change"), width=72, help=ctx.tr("ov_col_change_help"),
                                      format=None if styled is not shown else "percent"),
        "status": column.TextColumn(ctx.tr("ov_col_status"), width=185),
        "trend": column.LineChartColumn(ctx.tr("ov_col_trend"), help=ctx.tr("ov_col_trend_help"), width=85),
        "link": column.LinkColumn(ctx.tr("ov_col_link"), display_text=ctx.tr("ov_link_text"), width=55),
    },
)
st.caption(ctx.tr("ov_table_caption", unit=ctx.indicator_unit()))
missing = rows.loc[rows["baseline"].isna() & rows["latest"].isna(), "city"]
if len(missing):
    st.markdown(escape_markdown(ctx.tr("ov_no_data_cities", indicator=indicator, n=len(missing), total=total,
                                       names=", ".join(missing.astype(str)))))
    st.caption(ctx.tr("no_data_yet_how"))
