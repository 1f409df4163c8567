"""Streamlit pieces of the city trajectory and compare pages; the figures and words come from charts_city."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd
import streamlit as st

from pioc_metrics.figures import trajectory as CC
from pioc_metrics import constants as C
from pioc_metrics.text import formatting as F
from pioc_metrics.engine.methodology import indicator_kind
from pioc_metrics.app.context import PAGE_SCRIPTS, PageContext, set_view, write_query

CITY_PICK_KEY = "city_pick"
CITY_SEEN_KEY = "_city_pick_seen"
COMPARE_PICK_KEY = "compare_pick"
COMPARE_SEEN_KEY = "_compare_pick_seen"
COMPARE_GROUP_KEY = "compare_group"
COMPARE_MODE_KEY = "compare_mode"
MAX_DEFAULT_CITIES = 6
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=])")


def md(text) -> str:
    """User or data text made inert for st.markdown (no links, HTML, colours or formatting)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text if text is not None else "").split()))


def _sort_key(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def plot(fig, alt: str, *, key: str, filename: str) -> None:
    """A plotly chart with its text alternative, and a PNG button in its toolbar (no server round trip)."""
    st.plotly_chart(fig, width="stretch", key=key, alt=alt, config={
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": re.sub(r"[^a-z0-9_-]+", "_", filename.lower()), "scale": 2},
    })


def _decimals(ctx: PageContext) -> int:
    return 0 if indicator_kind(ctx.data.catalog, ctx.settings.indicator) == "count" else 1


# ---------------------------------------------------------------- city page


def default_city(ctx: PageContext) -> str | None:
    """The view's city, else the first member city with data for the indicator, else the first city."""
    ids = list(ctx.data.cities["city_id"])
    if ctx.view.city in ids:
        return ctx.view.city
    with_data = set(CC.cities_with_data(ctx.data, ctx.settings.indicator))
    members = ctx.data.cities.loc[ctx.data.cities["status"] == "member", "city_id"]
    for candidates in ([c for c in members if c in with_data], [c for c in ids if c in with_data], ids):
        if candidates:
            return candidates[0]
    return None


def city_picker(ctx: PageContext, container) -> PageContext:
    """A selectbox of every city by name; the choice goes to the view and the URL."""
    cities = ctx.data.cities
    with_data = set(CC.cities_with_data(ctx.data, ctx.settings.indicator))
    names = dict(zip(cities["city_id"], cities["city"].astype(str)))
    countries = dict(zip(cities["city_id"], cities["country"].astype(str)))
    options = sorted(names, key=lambda c: _sort_key(names[c]))
    wanted = default_city(ctx)
    # Reseed when the view changed from outside the widget (a link, the browser's back button).
    if st.session_state.get(CITY_PICK_KEY) not in options or st.session_state.get(CITY_SEEN_KEY) != ctx.view.city:
        st.session_state[CITY_PICK_KEY] = wanted

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


def status_block(ctx: PageContext, row: pd.Series) -> None:
    label, reason = CC.status_sentence(row, ctx.lang, ctx.settings.smoothing, _decimals(ctx))
    st.markdown(f"### {md(label)}: {md(reason)}")
    st.caption(md(ctx.settings_line()))


def key_figures_grid(ctx: PageContext, row: pd.Series) -> None:
    if pd.isna(row.get("baseline")) or pd.isna(row.get("latest")):
        return  # the status line has said what is missing; a row of dashes adds nothing
    figures = CC.key_figures(row, ctx.settings, ctx.lang, _decimals(ctx))
    for start in range(0, len(figures), 4):
        columns = st.columns(4)
        for column, (label, value, help_text) in zip(columns, figures[start:start + 4]):
            column.metric(label, value, help=help_text)


def flag_lines(ctx: PageContext, row: pd.Series) -> list[str]:
    flags = [f for f in str(row.get("flags") or "").split(";") if f and f != "no_data"]
    return [ctx.tr("flag_" + f, year=F.year(row.get("baseline_year"))) for f in flags]


def no_data_block(ctx: PageContext, city_id: str) -> None:
    """'No data yet', how to add it, and the indicators this city does have."""
    name = ctx.city_name(city_id)
    st.markdown(f"### {md(ctx.tr('no_data_yet').capitalize())}")
    st.info(ctx.tr("no_data_yet_how"))
    have = CC.indicators_with_data(ctx.data, city_id)
    if not len(have):
        st.write(ctx.tr("city_has_none", city=name))
        return
    described = [
        f"{ctx.indicator_label(r.indicator)} ({ctx.tr('city_years_span', first=int(r.first), last=int(r.last), n=int(r.years))})"
        for r in have.itertuples()
    ]
    st.markdown(md(ctx.tr("city_has_other", city=name, indicators="; ".join(described))))
    for indicator in have["indicator"]:
        if indicator == ctx.settings.indicator:
            continue
        st.page_link(PAGE_SCRIPTS["city"], label=ctx.tr("city_show_indicator", indicator=ctx.indicator_label(indicator), city=name),
                     query_params={**ctx.view.query(), "indicator": indicator})


def city_data_section(ctx: PageContext, city_id: str) -> None:
    """Every row of the city (all indicators and series), sources in full, and the CSV download."""
    name = ctx.city_name(city_id)
    rows = CC.city_rows(ctx.data, city_id)
    if not len(rows):  # the no-data block has already said so
        return
    st.subheader(ctx.tr("city_data_table", city=name))
    shown = pd.DataFrame({
        ctx.tr("city_col_indicator"): [ctx.indicator_label(i) for i in rows["indicator"]],
        ctx.tr("year"): rows["year"].astype(int),
        ctx.tr("value"): [F.number(v, ctx.lang, 0 if indicator_kind(ctx.data.catalog, i) == "count" else 2)
                          for v, i in zip(rows["value"], rows["indicator"])],
        ctx.tr("series"): rows["series"],
        ctx.tr("source"): rows["source"],
        ctx.tr("note"): rows["note"],
        ctx.tr("city_col_derived"): rows["derived"].astype(bool) if "derived" in rows else False,
    })
    st.dataframe(shown, hide_index=True, width="stretch", height=min(420, 38 + 35 * len(shown)), column_config={
        ctx.tr("year"): st.column_config.NumberColumn(format="%d", width="small"),
        ctx.tr("source"): st.column_config.TextColumn(width="large"),
    })
    st.download_button(ctx.tr("city_download_csv", city=name), data=CC.city_csv(ctx.data, city_id),
                       file_name=f"{city_id}_data.csv", mime="text/csv", key="city_download")
    st.markdown(f"**{md(ctx.tr('city_sources'))}**")
    st.markdown("\n".join(f"{i}. {md(s)}" for i, s in enumerate(dict.fromkeys(rows["source"]), start=1)))


# ---------------------------------------------------------------- compare page


def city_groups(ctx: PageContext) -> dict[str, list[str]]:
    """Groups a user can add at once: cities with data, regions, progress statuses, membership."""
    cities, table = ctx.data.cities, ctx.table
    groups: dict[str, list[str]] = {"with_data": CC.cities_with_data(ctx.data, ctx.settings.indicator)}
    regions = cities["region"].dropna().astype(str) if "region" in cities else pd.Series(dtype=str)
    for region in sorted(set(regions) - {""}, key=_sort_key):
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


def cities_picker(ctx: PageContext, left=None, right=None) -> tuple[PageContext, list[str]]:
    """A multiselect of cities plus 'add a group'; the choice goes to the view and the URL."""
    cities = ctx.data.cities
    names = dict(zip(cities["city_id"], cities["city"].astype(str)))
    options = sorted(names, key=lambda c: _sort_key(names[c]))
    default = list(ctx.view.cities) or CC.cities_with_data(ctx.data, ctx.settings.indicator)[:MAX_DEFAULT_CITIES]
    if st.session_state.get(COMPARE_SEEN_KEY) != tuple(ctx.view.cities) or COMPARE_PICK_KEY not in st.session_state:
        st.session_state[COMPARE_PICK_KEY] = [c for c in default if c in names]
    groups = city_groups(ctx)
    if left is None or right is None:
        left, right = st.columns([3, 2])
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


def compare_mode(ctx: PageContext, container=None) -> str:
    """Values, indexed or log: a radio whose choice is kept in the URL as `mode`."""
    if st.session_state.get(COMPARE_MODE_KEY) not in CC.COMPARE_MODES:
        from_url = st.query_params.get("mode")
        st.session_state[COMPARE_MODE_KEY] = from_url if from_url in CC.COMPARE_MODES else "absolute"
        if from_url and from_url not in CC.COMPARE_MODES:
            st.warning(ctx.tr("notice_bad_param", name="mode"))
    (container or st).radio(ctx.tr("compare_mode"), CC.COMPARE_MODES, key=COMPARE_MODE_KEY, horizontal=container is None,
             format_func=lambda m: ctx.tr("compare_mode_" + m))
    mode = st.session_state[COMPARE_MODE_KEY]
    write_query(ctx.view, {"mode": mode} if mode != "absolute" else {})
    return mode
