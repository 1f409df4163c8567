"""City trajectory: is this city on track for its target, how far behind, what annual change does it need?"""

import streamlit as st

from pioc_metrics.figures import trajectory as CC
from pioc_metrics.app import city as U
from pioc_metrics.engine.methodology import city_series
from pioc_metrics.app.context import page_setup
from pioc_metrics.app.exports import chart_downloads, city_brief_download

ctx = page_setup("city")
title_column, picker_column = st.columns([3, 1], vertical_alignment="bottom")
if not len(ctx.data.cities):
    st.info(ctx.tr("city_no_cities"))
    st.stop()
ctx = U.city_picker(ctx, picker_column)
city_id = ctx.view.city
name = ctx.city_name(city_id)
row = ctx.table.loc[city_id]
decimals = CC.value_decimals(ctx.data.catalog, ctx.settings.indicator)
title_column.title(U.md(ctx.tr("city_heading", city=name, indicator=ctx.indicator_label())))

if "no_data" in str(row["flags"]).split(";"):
    U.no_data_block(ctx, city_id)
else:
    U.status_block(ctx, row)
    U.key_figures_grid(ctx, row)
    national = CC.national_rows(ctx.data, city_id, ctx.settings.indicator)
    show_national = False
    if len(national):
        show_national = st.toggle(ctx.tr("city_show_national", country=str(national["country"].iloc[0])),
                                  key="city_show_national")
    figure = CC.trajectory_figure(ctx.data, ctx.table, city_id, ctx.settings, ctx.lang, show_national=show_national)
    summary = CC.summary_sentence(row, name, ctx.lang, decimals)
    U.plot(figure, summary, key="city_trajectory", filename=f"{city_id}_{ctx.settings.indicator}")
    st.caption(U.md(summary))
    chart_column, brief_column = st.columns([2, 1])
    with chart_column:
        chart_downloads(figure, ctx, f"{city_id}_{ctx.settings.indicator}",
                        title=ctx.tr("city_heading", city=name, indicator=ctx.indicator_label()),
                        source_line=CC.source_line(city_series(ctx.data, city_id, ctx.settings.indicator)["source"], ctx.lang))
    with brief_column:
        city_brief_download(ctx, city_id)

strategy_column, flags_column = st.columns(2)
with strategy_column:
    st.subheader(ctx.tr("city_strategy"))
    strategy = ctx.data.cities.loc[ctx.data.cities["city_id"] == city_id, "strategy"].iloc[0]
    st.markdown(U.md(strategy) if isinstance(strategy, str) and strategy.strip() else ctx.tr("city_strategy_none"))
with flags_column:
    notes = U.flag_lines(ctx, row)
    if notes:
        st.subheader(ctx.tr("city_flags"))
        st.markdown("\n".join(f"- {U.md(line)}" for line in notes))
U.city_data_section(ctx, city_id)
