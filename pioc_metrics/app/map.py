"""The Map page's sections: the controls, the map with its legend, and the table of the cities shown."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from pioc_metrics import constants as C
from pioc_metrics.app import caches
from pioc_metrics.app.context import PageContext
from pioc_metrics.figures.maps import MEMBERSHIP_KINDS, indicator_years, legend_items, map_points
from pioc_metrics.text import escape
from pioc_metrics.text import formatting as F


@dataclass(frozen=True)
class MapChoices:
    """What the controls decided: colour by status (year None) or by one year's value, which cities, which basemap."""

    year: int | None
    kinds: tuple[str, ...]
    tiles: bool


def heading(ctx: PageContext) -> None:
    st.markdown(f"## {ctx.tr('map_title')}")


def _year_control(ctx: PageContext, mode: str, column) -> int | None:
    years = indicator_years(ctx.data, ctx.settings.indicator)
    if not years:
        if mode == "year":
            column.info(ctx.tr("map_no_years"))
        return None
    low, high = min(years), max(years)
    if low < high:
        chosen = column.slider(ctx.tr("map_year"), low, high, high, key="map_year", help=ctx.tr("map_year_help"),
                               disabled=mode != "year")
    else:
        chosen = low
        column.markdown(f"{ctx.tr('map_year')}: **{low}**")
    return int(chosen) if mode == "year" else None


def controls(ctx: PageContext) -> MapChoices:
    """Colour by status or by a year, the year, the memberships shown and the web-tiles opt-in."""
    mode_column, year_column, kinds_column = st.columns([1.2, 1.5, 2])
    mode = mode_column.radio(ctx.tr("map_colour_by"), ("status", "year"), key="map_mode",
                             format_func=lambda v: ctx.tr("map_colour_" + v))
    year = _year_control(ctx, mode, year_column)
    kinds = kinds_column.multiselect(ctx.tr("map_membership"), MEMBERSHIP_KINDS, default=list(MEMBERSHIP_KINDS),
                                     format_func=lambda k: ctx.tr("membership_" + k), key="map_kinds")
    tiles = kinds_column.checkbox(ctx.tr("map_tiles"), value=False, key="map_tiles", help=ctx.tr("map_tiles_help"))
    what = ctx.tr("map_what_year", year=year) if year is not None else ctx.tr("map_what_status")
    st.caption(ctx.md("map_intro", indicator=ctx.indicator_label(), what=what))
    return MapChoices(year=year, kinds=tuple(kinds), tiles=tiles)


def _cities(ctx: PageContext, choices: MapChoices) -> pd.DataFrame:
    return ctx.data.cities.loc[ctx.data.cities["status"].isin(choices.kinds)]


def stop_without_cities(ctx: PageContext, choices: MapChoices) -> None:
    if not len(_cities(ctx, choices)):
        st.info(ctx.tr("map_none_selected"))
        st.stop()


def city_map(ctx: PageContext, choices: MapChoices) -> None:
    deck = caches.map_page_cached(ctx.data_key, ctx.settings, ctx.lang, choices.year, choices.kinds, choices.tiles,
                                  _data=ctx.data, _table=ctx.table)
    st.pydeck_chart(deck, height=470)
    st.caption(ctx.tr("map_tiles_note") if choices.tiles else ctx.tr("map_offline_note"))


def legend(ctx: PageContext, choices: MapChoices) -> None:
    """Each colour with its symbol and words (never colour alone)."""
    st.markdown(f"**{ctx.tr('map_legend')}**")
    # HTML for the coloured dots: our own fixed text and colours only, escaped all the same.
    st.markdown("<br>".join(
        f"<span style='color:{colour};font-size:1.3em'>●</span> {escape.tooltip(symbol)} {escape.tooltip(label)}"
        for symbol, label, colour in legend_items(ctx.lang, year=choices.year)), unsafe_allow_html=True)
    if choices.year is not None:
        st.caption(ctx.tr("map_legend_labels_year", year=choices.year))
    st.caption(ctx.tr("map_legend_outline"))


def city_table(ctx: PageContext, choices: MapChoices) -> None:
    """The cities on the map as a sortable table: membership, status (or the year's value and index), population."""
    lang, year = ctx.lang, choices.year
    st.markdown(f"#### {ctx.tr('map_table_heading')}")
    points = map_points(_cities(ctx, choices), ctx.table, lang, year=year, data=ctx.data).sort_values("city")
    no_data = f"{C.STATUS_SYMBOLS['insufficient_data']} {ctx.tr('no_data_yet')}"
    shown = pd.DataFrame({
        "city": points["city"],
        "country": points["country"],
        "membership": [ctx.tr("membership_" + m) for m in points["membership"]],
        "status": [F.status_label(s, lang) if not pd.isna(b) or not pd.isna(latest) else no_data
                   for s, b, latest in zip(points["status"], points["baseline"], points["latest"])],
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
