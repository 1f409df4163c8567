"""Widgets more than one place needs: a chart with its text alternative, the city pickers, the compare mode.

A picker's choice lives in the session's View and in the URL (set_view), never only in the
widget: widget state is dropped when a page is left.
"""

from __future__ import annotations

import unicodedata

import pandas as pd
import streamlit as st

from pioc_metrics import constants as C
from pioc_metrics.app.context import PageContext, go_to, set_view, write_query
from pioc_metrics.engine.coverage import cities_with_data
from pioc_metrics.figures.compare import COMPARE_MODES
from pioc_metrics.text import escape
from pioc_metrics.text import formatting as F
from pioc_metrics.text.countries import country_names

CITY_PICK_KEY = "city_pick"
CITY_SEEN_KEY = "_city_pick_seen"
CITY_SEARCH_KEY = "city_search"
COMPARE_PICK_KEY = "compare_pick"
COMPARE_SEEN_KEY = "_compare_pick_seen"
COMPARE_GROUP_KEY = "compare_group"
COMPARE_MODE_KEY = "compare_mode"
MAX_DEFAULT_CITIES = 6
PHONE_MAP_WIDTH = 340  # pixels a map's view is fitted to on a phone


def sort_key(text: str) -> str:
    """Alphabetical order that ignores accents and case (Bogotá between Bogor and Bolton)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def narrow_screen() -> bool:
    """Whether the browser says it is a phone's ("Mobi" in its User-Agent, as every phone browser's has): the only
    hint of the screen's width the server gets, used where a layout can't adapt in the browser (a map's view)."""
    try:
        agent = st.context.headers.get("User-Agent") or ""
    except Exception:  # no browser behind the run (AppTest, bare mode)
        return False
    return "Mobi" in agent


def plot(fig, alt: str, *, key: str, filename: str) -> None:
    """A plotly chart with its text alternative, and a PNG button in its toolbar (no server round trip)."""
    st.plotly_chart(fig, width="stretch", key=key, alt=alt, config={
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": escape.filename(filename), "scale": 2},
    })


def _default_city(ctx: PageContext) -> str | None:
    """The view's city, else the first member city with data for the indicator, else the first city."""
    ids = list(ctx.data.cities["city_id"])
    if ctx.view.city in ids:
        return ctx.view.city
    with_data = set(cities_with_data(ctx.data, ctx.settings.indicator))
    members = ctx.data.cities.loc[ctx.data.cities["status"] == "member", "city_id"]
    for candidates in ([c for c in members if c in with_data], [c for c in ids if c in with_data], ids):
        if candidates:
            return candidates[0]
    return None


def city_picker(ctx: PageContext, container) -> PageContext:
    """A selectbox of every city by name (options are plain text); the choice goes to the view and the URL."""
    cities = ctx.data.cities
    with_data = set(cities_with_data(ctx.data, ctx.settings.indicator))
    names = dict(zip(cities["city_id"], cities["city"].astype(str)))
    countries = dict(zip(cities["city_id"], country_names(cities["iso3"], cities["country"], ctx.lang)))
    options = sorted(names, key=lambda c: sort_key(names[c]))
    # Reseed when the view changed from outside the widget (a link, the browser's back button).
    if st.session_state.get(CITY_PICK_KEY) not in options or st.session_state.get(CITY_SEEN_KEY) != ctx.view.city:
        st.session_state[CITY_PICK_KEY] = _default_city(ctx)

    def label(city_id: str) -> str:
        key = "city_pick_option" if city_id in with_data else "city_pick_no_data"
        country = countries[city_id]
        if country in ("", "nan", "None", "<NA>"):  # an uploaded city may come without a country
            return names[city_id] if city_id in with_data else f"{names[city_id]}, {ctx.tr('no_data_yet')}"
        return ctx.tr(key, city=names[city_id], country=country)

    container.selectbox(ctx.tr("city_pick"), options, key=CITY_PICK_KEY, format_func=label)
    chosen = st.session_state[CITY_PICK_KEY]
    ctx = set_view(ctx, city=chosen)
    st.session_state[CITY_SEEN_KEY] = chosen
    return ctx


def city_search(ctx: PageContext, container) -> None:
    """A box to find any city by typing part of its name (where cities crowd on a map, too): choosing one opens
    its page."""
    cities = ctx.data.cities
    names = dict(zip(cities["city_id"], cities["city"].astype(str)))
    countries = dict(zip(cities["city_id"], country_names(cities["iso3"], cities["country"], ctx.lang)))
    options = sorted(names, key=lambda c: sort_key(names[c]))

    def label(city_id: str) -> str:
        country = countries[city_id]
        if country in ("", "nan", "None", "<NA>"):
            return names[city_id]
        return ctx.tr("city_pick_option", city=names[city_id], country=country)

    chosen = container.selectbox(ctx.tr("city_search"), options, index=None, key=CITY_SEARCH_KEY, format_func=label,
                                 placeholder=ctx.tr("city_search_placeholder"))
    if chosen:
        go_to(ctx, "city", city=chosen)


def city_groups(ctx: PageContext) -> dict[str, list[str]]:
    """Groups a user can add at once: cities with data, regions, progress statuses, membership."""
    cities, table = ctx.data.cities, ctx.table
    groups: dict[str, list[str]] = {"with_data": cities_with_data(ctx.data, ctx.settings.indicator)}
    regions = cities["region"].dropna().astype(str) if "region" in cities else pd.Series(dtype=str)
    for region in sorted(set(regions) - {""}, key=sort_key):
        groups[f"region:{region}"] = list(cities.loc[cities["region"] == region, "city_id"])
    for status in C.STATUSES:
        ids = list(table.loc[table["status"] == status, "city_id"])
        if ids:
            groups[f"status:{status}"] = ids
    for membership in C.CITY_STATUSES:
        ids = list(cities.loc[cities["status"] == membership, "city_id"])
        if ids:
            groups[f"member:{membership}"] = ids
    return groups


def _group_label(ctx: PageContext, key: str, groups: dict[str, list[str]]) -> str:
    if not key:
        return ctx.tr("compare_group_none")
    count = len(groups.get(key, []))
    kind, _, name = key.partition(":")
    if kind == "with_data":
        return ctx.tr("compare_group_with_data", n=count)
    if kind == "region":
        return ctx.tr("compare_group_region", name=name, n=count)
    if kind == "status":
        return ctx.tr("compare_group_status", name=F.status_label(name, ctx.lang), n=count)
    return ctx.tr("compare_group_membership", name=ctx.tr("membership_" + name), n=count)


def _add_group(groups: dict[str, list[str]]) -> None:
    # A callback runs before the script, the one moment a widget's value may be set.
    key = st.session_state.get(COMPARE_GROUP_KEY)
    if key in groups:
        current = list(st.session_state.get(COMPARE_PICK_KEY) or [])
        st.session_state[COMPARE_PICK_KEY] = list(dict.fromkeys(current + groups[key]))
    st.session_state[COMPARE_GROUP_KEY] = ""


def cities_picker(ctx: PageContext, left, right) -> tuple[PageContext, list[str]]:
    """A multiselect of cities plus 'add a group'; the choice goes to the view and the URL."""
    cities = ctx.data.cities
    names = dict(zip(cities["city_id"], cities["city"].astype(str)))
    options = sorted(names, key=lambda c: sort_key(names[c]))
    default = list(ctx.view.cities) or cities_with_data(ctx.data, ctx.settings.indicator)[:MAX_DEFAULT_CITIES]
    if st.session_state.get(COMPARE_SEEN_KEY) != tuple(ctx.view.cities) or COMPARE_PICK_KEY not in st.session_state:
        st.session_state[COMPARE_PICK_KEY] = [c for c in default if c in names]
    groups = city_groups(ctx)
    left.multiselect(ctx.tr("compare_pick"), options, key=COMPARE_PICK_KEY, format_func=names.get,
                     placeholder=ctx.tr("compare_pick_placeholder"))
    if st.session_state.get(COMPARE_GROUP_KEY) not in ["", *groups]:
        st.session_state[COMPARE_GROUP_KEY] = ""
    right.selectbox(ctx.tr("compare_group"), ["", *groups], key=COMPARE_GROUP_KEY, on_change=_add_group, args=(groups,),
                    format_func=lambda k: _group_label(ctx, k, groups))
    chosen = [c for c in st.session_state[COMPARE_PICK_KEY] if c in names]
    if ctx.view.cities or chosen != default:
        ctx = set_view(ctx, cities=tuple(chosen))
    st.session_state[COMPARE_SEEN_KEY] = tuple(ctx.view.cities)
    return ctx, chosen


def compare_mode(ctx: PageContext, container) -> str:
    """Values, indexed or log: a radio whose choice is kept in the URL as `mode`."""
    if st.session_state.get(COMPARE_MODE_KEY) not in COMPARE_MODES:
        from_url = st.query_params.get("mode")
        st.session_state[COMPARE_MODE_KEY] = from_url if from_url in COMPARE_MODES else "absolute"
        if from_url and from_url not in COMPARE_MODES:
            st.warning(ctx.tr("notice_bad_param", name="mode"))
    container.radio(ctx.tr("compare_mode"), COMPARE_MODES, key=COMPARE_MODE_KEY,
                    format_func=lambda m: ctx.tr("compare_mode_" + m))
    mode = st.session_state[COMPARE_MODE_KEY]
    write_query(ctx.view, {"mode": mode} if mode != "absolute" else {})
    return mode
