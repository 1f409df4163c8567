"""Map: the network's cities, sized by population, coloured by status or by the value in a chosen year."""

import html

import pandas as pd
import streamlit as st

from pioc_metrics import constants as C
from pioc_metrics.text import formatting as F
from pioc_metrics.figures.maps import MEMBERSHIP_KINDS, city_map, indicator_years, legend_items, map_points
from pioc_metrics.app.context import cached_piece, page_setup

ctx = page_setup("map")
lang, table = ctx.lang, ctx.table
indicator = ctx.indicator_label()
st.markdown(f"## {ctx.tr('map_title')}")

years = indicator_years(ctx.data, ctx.settings.indicator)
controls = st.columns([1.2, 1.5, 2])
mode = controls[0].radio(ctx.tr("map_colour_by"), ("status", "year"), key="map_mode",
                         format_func=lambda v: ctx.tr("map_colour_" + v))
year = None
if years:
    low, high = min(years), max(years)
    if low < high:
        chosen = controls[1].slider(ctx.tr("map_year"), low, high, high, key="map_year",
                                    help=ctx.tr("map_year_help"), disabled=mode != "year")
    else:
        chosen = low
        controls[1].markdown(f"{ctx.tr('map_year')}: **{low}**")
    year = int(chosen) if mode == "year" else None
elif mode == "year":
    controls[1].info(ctx.tr("map_no_years"))
kinds = controls[2].multiselect(ctx.tr("map_membership"), MEMBERSHIP_KINDS, default=list(MEMBERSHIP_KINDS),
                                format_func=lambda k: ctx.tr("membership_" + k), key="map_kinds")
tiles = controls[2].checkbox(ctx.tr("map_tiles"), value=False, key="map_tiles", help=ctx.tr("map_tiles_help"))

what = ctx.tr("map_what_year", year=year) if year is not None else ctx.tr("map_what_status")
st.caption(ctx.tr("map_intro", indicator=indicator, what=what))
cities = ctx.data.cities.loc[ctx.data.cities["status"].isin(kinds)]
if not len(cities):
    st.info(ctx.tr("map_none_selected"))
    st.stop()

map_column, legend_column = st.columns([3.2, 1])
with map_column:
    deck = cached_piece(ctx, "map_page", lambda: city_map(cities, table, lang, year=year, data=ctx.data, tiles=tiles,
                                                          height=470, width=660), year, tuple(kinds), tiles)
    st.pydeck_chart(deck, height=470)
    st.caption(ctx.tr("map_tiles_note") if tiles else ctx.tr("map_offline_note"))
with legend_column:
    st.markdown(f"**{ctx.tr('map_legend')}**")
    # Our own fixed text and colours only, escaped all the same: no user text in this markup.
    st.markdown("<br>".join(
        f"<span style='color:{colour};font-size:1.3em'>●</span> {html.escape(symbol)} {html.escape(label)}"
        for symbol, label, colour in legend_items(lang, year=year)), unsafe_allow_html=True)
    if year is not None:
        st.caption(ctx.tr("map_legend_labels_year", year=year))
    st.caption(ctx.tr("map_legend_outline"))

st.markdown(f"#### {ctx.tr('map_table_heading')}")
points = map_points(cities, table, lang, year=year, data=ctx.data).sort_values("city")
shown = pd.DataFrame({
    "city": points["city"],
    "country": points["country"],
    "membership": [ctx.tr("membership_" + m) for m in points["membership"]],
    "status": [F.status_label(s, lang) if not pd.isna(b) or not pd.isna(l) else
               f"{C.STATUS_SYMBOLS['insufficient_data']} {ctx.tr('no_data_yet')}"
               for s, b, l in zip(points["status"], points["baseline"], points["latest"])],
    "population": points["population"],
})
formats = {"population": lambda v: F.integer(v, lang)}
column = st.column_config
config = {
    "city": column.TextColumn(ctx.tr("city")), "country": column.TextColumn(ctx.tr("country")),
    "membership": column.TextColumn(ctx.tr("ov_col_membership")), "status": column.TextColumn(ctx.tr("status")),
    "population": column.NumberColumn(ctx.tr("map_col_population")),
}
if year is not None:
    shown["value"] = points["year_value"].to_numpy()
    shown["index"] = points["year_index"].to_numpy()
    formats.update({"value": lambda v: F.number(v, lang), "index": lambda v: F.number(v, lang)})
    config.update({"value": column.NumberColumn(ctx.tr("map_col_value_year", year=year)),
                   "index": column.NumberColumn(ctx.tr("map_col_index_year", year=year))})
st.dataframe(shown.reset_index(drop=True).style.format(formats), hide_index=True, column_config=config,
             placeholder="–", key="map_table")
