"""The Map page's sections: the controls, the map with its legend, and the table of the cities shown."""

from __future__ import annotations

import time
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from pioc_metrics import constants as C
from pioc_metrics.app import caches
from pioc_metrics.app.context import PageContext, write_query
from pioc_metrics.app.widgets import PHONE_MAP_WIDTH, narrow_screen
from pioc_metrics.figures.maps import MEMBERSHIP_KINDS, areas_with_cities, indicator_years, legend_items, map_points
from pioc_metrics.text import escape
from pioc_metrics.text import formatting as F

AREA_KEY = "map_area"
YEAR_KEY = "map_year"
PLAYING_KEY = "map_playing"
NEXT_YEAR_KEY = "_map_year_next"  # the year the next run shows while playing (a slider's value is set before it)
PLAY_SECONDS = 1.0  # each year shown this long while playing
MAP_WIDTH = 660  # pixels the view is fitted to (the map is wider on a laptop, never narrower)


@dataclass(frozen=True)
class MapChoices:
    """What the controls decided: colour by status (year None) or by one year's value, which cities, which basemap,
    which part of the world."""

    year: int | None
    kinds: tuple[str, ...]
    tiles: bool
    area: str = "world"
    years: tuple[int, ...] = ()


def heading(ctx: PageContext) -> None:
    st.markdown(f"## {ctx.tr('map_title')}")


def _play(years: list[int]) -> None:
    """Start (from the first year when the slider is at the last) or stop playing through the years."""
    if st.session_state.get(PLAYING_KEY):
        st.session_state[PLAYING_KEY] = False
        return
    st.session_state["map_mode"] = "year"
    st.session_state[PLAYING_KEY] = True
    if st.session_state.get(YEAR_KEY, years[-1]) >= years[-1]:
        st.session_state[YEAR_KEY] = years[0]


def _year_control(ctx: PageContext, mode: str, column, years: list[int]) -> int | None:
    if not years:
        if mode == "year":
            column.info(ctx.tr("map_no_years"))
        return None
    low, high = min(years), max(years)
    if low == high:
        column.markdown(f"{ctx.tr('map_year')}: **{low}**")
        return low if mode == "year" else None
    if NEXT_YEAR_KEY in st.session_state:
        st.session_state[YEAR_KEY] = st.session_state.pop(NEXT_YEAR_KEY)
    if st.session_state.get(YEAR_KEY) not in range(low, high + 1):
        st.session_state[YEAR_KEY] = high
    playing = bool(st.session_state.get(PLAYING_KEY)) and st.session_state[YEAR_KEY] < years[-1]
    st.session_state[PLAYING_KEY] = playing  # the last year ends the play: the controls are drawn as stopped
    chosen = column.slider(ctx.tr("map_year"), low, high, key=YEAR_KEY, help=ctx.tr("map_year_help"),
                           disabled=mode != "year" or playing)
    column.button(ctx.tr("map_stop") if playing else ctx.tr("map_play"), key="map_play", on_click=_play,
                  args=(years,), help=ctx.tr("map_play_help"))
    return int(chosen) if mode == "year" else None


def _area_control(ctx: PageContext, column) -> str:
    """The part of the world shown (an area with the network's cities), kept in the link as `area`."""
    areas = areas_with_cities(ctx.data.cities.dropna(subset=["lat", "lon"]))
    if st.session_state.get(AREA_KEY) not in areas:
        from_url = st.query_params.get("area")
        st.session_state[AREA_KEY] = from_url if from_url in areas else "world"
        if from_url and from_url not in areas:
            st.warning(ctx.tr("notice_bad_param", name="area"))
    area = column.selectbox(ctx.tr("map_area"), areas, key=AREA_KEY, format_func=lambda a: ctx.tr("map_area_" + a))
    write_query(ctx.view, {"area": area} if area != "world" else {})
    return area


def controls(ctx: PageContext) -> MapChoices:
    """Colour by status or by a year (with play), the part of the world, the memberships shown and the web tiles."""
    mode_column, year_column, area_column, kinds_column = st.columns([1.1, 1.5, 1.2, 1.8])
    years = indicator_years(ctx.data, ctx.settings.indicator)
    mode = mode_column.radio(ctx.tr("map_colour_by"), ("status", "year"), key="map_mode",
                             format_func=lambda v: ctx.tr("map_colour_" + v))
    year = _year_control(ctx, mode, year_column, years)
    area = _area_control(ctx, area_column)
    kinds = kinds_column.multiselect(ctx.tr("map_membership"), MEMBERSHIP_KINDS, default=list(MEMBERSHIP_KINDS),
                                     format_func=lambda k: ctx.tr("membership_" + k), key="map_kinds")
    tiles = kinds_column.checkbox(ctx.tr("map_tiles"), value=False, key="map_tiles", help=ctx.tr("map_tiles_help"))
    what = ctx.tr("map_what_year", year=year) if year is not None else ctx.tr("map_what_status")
    st.caption(ctx.md("map_intro", indicator=ctx.indicator_label(), what=what))
    return MapChoices(year=year, kinds=tuple(kinds), tiles=tiles, area=area, years=tuple(years))


def play_step(choices: MapChoices) -> None:
    """While playing: after PLAY_SECONDS the next year (the page runs again); the last year stops the play."""
    if not st.session_state.get(PLAYING_KEY):
        return
    later = [y for y in choices.years if choices.year is not None and y > choices.year]
    if not later:
        st.session_state[PLAYING_KEY] = False
        return
    time.sleep(PLAY_SECONDS)
    st.session_state[NEXT_YEAR_KEY] = later[0]
    st.rerun()


def _cities(ctx: PageContext, choices: MapChoices) -> pd.DataFrame:
    return ctx.data.cities.loc[ctx.data.cities["status"].isin(choices.kinds)]


def stop_without_cities(ctx: PageContext, choices: MapChoices) -> None:
    if not len(_cities(ctx, choices)):
        st.info(ctx.tr("map_none_selected"))
        st.stop()


def city_map(ctx: PageContext, choices: MapChoices) -> None:
    width = PHONE_MAP_WIDTH if narrow_screen() else MAP_WIDTH
    deck = caches.map_page_cached(ctx.data_key, ctx.settings, ctx.lang, choices.year, choices.kinds, choices.tiles,
                                  _data=ctx.data, _table=ctx.table, area=choices.area, width=width)
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
