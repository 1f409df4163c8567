"""The City page's sections: heading, status, key figures, the trajectory chart, strategy, notes and data.

Every section takes the page context; the city is `ctx.view.city` (set by the page's picker).
Data-borne text (names, sources, strategies) reaches markdown only through text.escape.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import pandas as pd
import streamlit as st

from pioc_metrics.app import caches, record
from pioc_metrics.app.caches import progress_table_cached
from pioc_metrics.app.context import PageContext
from pioc_metrics.app.exports import chart_downloads, city_brief_download, handover_download, made_once
from pioc_metrics.app.registry import page
from pioc_metrics.app.widgets import plot
from pioc_metrics.engine.catalog import cities_by_id, indicator_kind
from pioc_metrics.engine.city import city_series
from pioc_metrics.engine.coverage import city_rows, definition_notes, indicators_with_data, national_rows
from pioc_metrics.engine.months import month_comparison
from pioc_metrics.exports.downloads import city_csv
from pioc_metrics.figures.events import city_events
from pioc_metrics.figures.months import months_figure, panel_figure
from pioc_metrics.figures.trajectory import trajectory_figure
from pioc_metrics.store.errors import StoreError
from pioc_metrics.text import escape, months, stories
from pioc_metrics.text import formatting as F
from pioc_metrics.text.changes import history_table
from pioc_metrics.text.countries import country_name
from pioc_metrics.text.labels import lower_first, series_label, source_line, value_decimals
from pioc_metrics.text.sentences import (
    CityLines,
    city_lines,
    key_figures,
    measure_of,
    other_smoothing,
    summary_sentence,
)

FIGURES_PER_ROW = 4  # short labels, four to a row (two to a row on a phone: the page's CSS)


def _row(ctx: PageContext) -> pd.Series:
    return ctx.table.loc[ctx.view.city]


def _decimals(ctx: PageContext, city_id: str | None = None) -> int:
    """Decimals of the city's own measure (the headline measures each city by its best indicator)."""
    city_id = city_id or ctx.view.city
    row = ctx.table.loc[city_id] if city_id in ctx.table.index else None
    return value_decimals(ctx.data.catalog, measure_of(row, ctx.settings))


def _measure(ctx: PageContext) -> str:
    """The indicator the city is measured by: the chosen one, or under the headline the city's own."""
    city_id = ctx.view.city
    return measure_of(ctx.table.loc[city_id] if city_id in ctx.table.index else None, ctx.settings)


def _membership(ctx: PageContext, city_id: str) -> str:
    row = cities_by_id(ctx.data.cities).get(city_id)
    return str(row["status"]) if row is not None else ""


def lines_for(ctx: PageContext, city_id: str) -> CityLines:
    """The city's sentences (status with certainty, path, required change, change, both smoothings where they
    disagree), shared with the brief and the slide; the other smoothing's table comes from the named cache."""
    other = progress_table_cached(ctx.data_key, other_smoothing(ctx.settings), ctx.data)
    return city_lines(ctx.table.loc[city_id], ctx.settings, ctx.lang,
                      other_row=other.loc[city_id] if city_id in other.index else None,
                      decimals=_decimals(ctx, city_id), membership=_membership(ctx, city_id))


def lines_markdown(lines: CityLines, heading: str = "###") -> str:
    """The status as a heading, its certainty (or reason) under it and the other sentences as a list, every
    sentence escaped for markdown."""
    parts = [f"{heading} {escape.markdown(lines.label)}", escape.markdown(lines.reason)]
    parts += ["\n".join(f"- {escape.markdown(line)}" for line in lines.details())]
    return "\n\n".join(part for part in parts if part.strip("# "))


def slide_markdown(ctx: PageContext, city_id: str) -> str:
    """The city slide's sentences: the city page's and the brief's, with the reference note where it applies."""
    lines = lines_for(ctx, city_id)
    text = lines_markdown(lines)
    return f"*{escape.markdown(lines.reference)}*\n\n{text}" if lines.reference else text


def stop_without_cities(ctx: PageContext) -> None:
    """An empty dataset (an upload that replaced everything with nothing) says so and ends the page."""
    if not len(ctx.data.cities):
        st.info(ctx.tr("city_no_cities"))
        st.stop()


def heading(ctx: PageContext, column) -> None:
    name, indicator = ctx.city_name(ctx.view.city), ctx.indicator_label(_measure(ctx))
    column.title(ctx.md("city_heading", city=name, indicator=indicator))


def has_data(ctx: PageContext) -> bool:
    """Whether the city has any value of the chosen indicator."""
    return "no_data" not in str(_row(ctx)["flags"]).split(";")


def reference_note(ctx: PageContext) -> None:
    """A city shown for reference (not a member of the network) says so under its name."""
    if _membership(ctx, ctx.view.city) == "other":
        st.info(ctx.tr("city_reference"))


def status_block(ctx: PageContext) -> None:
    """Above the fold: the status with its certainty, the path, the change needed, the change so far."""
    st.markdown(lines_markdown(lines_for(ctx, ctx.view.city)))
    st.caption(escape.markdown(ctx.settings_line()))


def key_figures_grid(ctx: PageContext) -> None:
    row = _row(ctx)
    if pd.isna(row.get("baseline")) or pd.isna(row.get("latest")):
        return  # the status line has said what is missing; a row of dashes adds nothing
    figures = key_figures(row, ctx.settings, ctx.lang, _decimals(ctx))
    for start in range(0, len(figures), FIGURES_PER_ROW):
        columns = st.columns(FIGURES_PER_ROW)
        for column, (label, value, help_text) in zip(columns, figures[start:start + FIGURES_PER_ROW]):
            column.metric(label, value, help=help_text)


def trajectory_section(ctx: PageContext) -> None:
    """The chart (with the country's line on request), its summary in words, and the downloads."""
    city_id, indicator = ctx.view.city, _measure(ctx)
    settings = replace(ctx.settings, indicator=indicator)  # the headline draws each city on its own measure
    name = ctx.city_name(city_id)
    national = national_rows(ctx.data, city_id, indicator)
    show_national = False
    if len(national):
        country = country_name(national["iso3"].iloc[0], ctx.lang, national["country"].iloc[0])
        show_national = st.toggle(ctx.md("city_show_national", country=country),
                                  key="city_show_national")
    figure = caches.shared_figure(ctx, "trajectory", (city_id, settings, ctx.lang, show_national), lambda: (
        trajectory_figure(ctx.data, ctx.table, city_id, settings, ctx.lang, show_national=show_national)))
    summary = summary_sentence(_row(ctx), name, ctx.lang, _decimals(ctx))
    plot(figure, summary, key="city_trajectory", filename=f"{city_id}_{indicator}")
    st.caption(escape.markdown(summary))
    counted = definition_notes(ctx.data, indicator, [city_id])
    if len(counted):
        st.caption(ctx.md("city_what_is_counted", city=name, note=counted.iloc[0]))
    chart_column, brief_column = st.columns([2, 1])
    with chart_column:
        chart_downloads(figure, ctx, f"{city_id}_{indicator}",
                        title=ctx.tr("city_heading", city=name, indicator=ctx.indicator_label(indicator)),
                        source_line=source_line(city_series(ctx.data, city_id, indicator)["source"], ctx.lang))
    with brief_column:
        city_brief_download(ctx, city_id)
        handover_download(ctx, city_id)


def no_data_block(ctx: PageContext) -> None:
    """'No data yet', how to add it, and the indicators this city does have."""
    city_id = ctx.view.city
    name = ctx.city_name(city_id)
    st.markdown(f"### {escape.markdown(ctx.tr('no_data_yet').capitalize())}")
    st.info(ctx.tr("no_data_yet_how"))
    handover_download(ctx, city_id)
    have = indicators_with_data(ctx.data, city_id)
    if not len(have):
        st.write(ctx.md("city_has_none", city=name))
        return
    described = [
        f"{ctx.indicator_label(r.indicator)} "
        f"({ctx.tr('city_years_span', first=int(r.first), last=int(r.last), n=int(r.years))})"
        for r in have.itertuples()
    ]
    st.markdown(ctx.md("city_has_other", city=name, indicators="; ".join(described)))
    for indicator in have["indicator"]:
        if indicator != ctx.settings.indicator:
            st.page_link(page("city").script, query_params={**ctx.view.query(), "indicator": indicator},
                         label=ctx.md("city_show_indicator", indicator=ctx.indicator_label(indicator), city=name))


def strategy(ctx: PageContext) -> None:
    st.subheader(ctx.tr("city_strategy"))
    cities = ctx.data.cities
    text = cities.loc[cities["city_id"] == ctx.view.city, "strategy"].iloc[0]
    st.markdown(escape.markdown(text) if isinstance(text, str) and text.strip() else ctx.tr("city_strategy_none"))


def flags(ctx: PageContext) -> None:
    """Notes on the figures (baseline moved, small numbers, definitions vary ...), when there are any."""
    row = _row(ctx)
    names = [f for f in str(row.get("flags") or "").split(";") if f and f != "no_data"]
    if names:
        st.subheader(ctx.tr("city_flags"))
        st.markdown("\n".join(
            f"- {escape.markdown(ctx.tr('flag_' + f, year=F.year(row.get('baseline_year'))))}" for f in names))


def data_section(ctx: PageContext) -> None:
    """Every row of the city (all indicators and series), sources in full, and the CSV download."""
    city_id = ctx.view.city
    rows = city_rows(ctx.data, city_id)
    if not len(rows):  # the no-data block has already said so
        return
    name = ctx.city_name(city_id)
    st.subheader(ctx.md("city_data_table", city=name))
    shown = pd.DataFrame({
        ctx.tr("city_col_indicator"): [ctx.indicator_label(i) for i in rows["indicator"]],
        ctx.tr("year"): rows["year"].astype(int),
        ctx.tr("value"): [F.number(v, ctx.lang, 0 if indicator_kind(ctx.data.catalog, i) == "count" else 2)
                          for v, i in zip(rows["value"], rows["indicator"])],
        ctx.tr("series"): [series_label(x, source, ctx.lang) for x, source in zip(rows["series"], rows["source"])],
        ctx.tr("source"): rows["source"],
        ctx.tr("note"): rows["note"],
        ctx.tr("city_col_derived"): rows["derived"].astype(bool) if "derived" in rows else False,
    })
    st.dataframe(shown, hide_index=True, width="stretch", height=min(420, 38 + 35 * len(shown)), column_config={
        ctx.tr("year"): st.column_config.NumberColumn(format="%d", width="small"),
        ctx.tr("source"): st.column_config.TextColumn(width="large"),
    })
    st.download_button(ctx.md("city_download_csv", city=name), data=made_once(partial(city_csv, ctx.data, city_id)),
                       file_name=f"{city_id}_data.csv", mime="text/csv", key="city_download")
    st.markdown(f"**{escape.markdown(ctx.tr('city_sources'))}**")
    st.markdown("\n".join(f"{i}. {escape.markdown(s)}" for i, s in enumerate(dict.fromkeys(rows["source"]), start=1)))


def history_section(ctx: PageContext) -> None:
    """The history of the city's figures in the release shown: which release brought each value, from which
    submission and source, and what it replaced. A data folder (PIOC_DATA_DIR) has no history to show."""
    shown = ctx.published
    if shown is None or shown.release is None:
        return
    city_id = ctx.view.city
    # A toggle, not an expander: an expander's arrow is an icon-font ligature that reads as a word offline.
    if not st.toggle(ctx.md("city_history_title", city=ctx.city_name(city_id)), key=f"city_history_{city_id}"):
        return
    try:
        history = record.city_history_cached(record.store_url(), city_id, shown.release.number)
    except StoreError:
        st.info(ctx.tr("store_page_unavailable"))
        return
    if history.empty:
        st.write(ctx.tr("city_history_none", number=shown.release.number))
        return
    replaced = int(history["replaced_in"].notna().sum())
    st.caption(ctx.tr("city_history_intro", number=shown.release.number, n=replaced))
    widths = {"history_col_figure": 190, "history_col_value": 80, "history_col_release": 70,
              "history_col_from": 260, "history_col_previous": 90, "history_col_now": 170}
    st.dataframe(history_table(history, ctx.data.catalog, ctx.lang), hide_index=True, width="stretch",
                 height=min(420, 38 + 35 * len(history)), key="city_history",
                 column_config={ctx.tr(key): st.column_config.TextColumn(width=width) for key, width in widths.items()})


def this_year_section(ctx: PageContext) -> None:
    """Where the city has monthly figures: the year so far against the same months a year earlier (clear, or
    could be chance), the last 12 months, and the months drawn against last year and the years before."""
    city_id = ctx.view.city
    ytd = caches.year_to_date_cached(ctx.data_key, _data=ctx.data)
    mine = ytd.loc[ytd["city_id"] == city_id]
    if not len(mine):
        return
    st.subheader(ctx.tr("ytd_title"))
    st.caption(ctx.tr("ytd_intro"))
    indicators = list(mine["indicator"])
    measure = _measure(ctx)
    preferred = measure if measure in indicators else measure.removesuffix("_rate")
    indicator = indicators[indicators.index(preferred)] if preferred in indicators else indicators[0]
    if len(indicators) > 1:
        indicator = st.selectbox(ctx.tr("ytd_indicator"), indicators, index=indicators.index(indicator),
                                 format_func=ctx.indicator_label, key=f"city_ytd_indicator_{city_id}")
    row = mine.loc[mine["indicator"] == indicator].iloc[0]
    label = lower_first(ctx.indicator_label(indicator))
    lines = [months.ytd_sentence(row, label, ctx.lang), months.clear_sentence(row, ctx.lang),
             months.last12_sentence(row, label, ctx.lang)]
    st.markdown("\n".join(f"- {escape.markdown(line)}" for line in lines if line))
    monthly = ctx.data.monthly
    rows = monthly.loc[(monthly["city_id"] == city_id) & (monthly["indicator"] == indicator)
                       & (monthly["series"] == "main")]
    latest = rows.loc[(rows["year"] == row["year"]) & (rows["month"] <= row["through_month"])]
    notes = [n for n in dict.fromkeys(latest["note"]) if "prelim" in str(n).lower()]
    if notes:
        st.caption(escape.markdown(ctx.tr("ytd_preliminary", note="; ".join(notes))))

    def draw():
        comparison = month_comparison(monthly, city_id, indicator, int(row["year"]), int(row["through_month"]))
        return months_figure(comparison, indicator, int(row["year"]), ctx.lang, catalog=ctx.data.catalog,
                             sources=list(dict.fromkeys(latest["source"])))

    figure = caches.shared_figure(ctx, "months", (city_id, indicator, ctx.lang), draw)
    alt = ctx.tr("ytd_chart_alt", indicator=label, city=ctx.city_name(city_id), year=int(row["year"]),
                 month=months.month_name(row["through_month"], ctx.lang), previous=int(row["year"]) - 1)
    plot(figure, alt, key=f"city_ytd_chart_{city_id}", filename=f"{city_id}_{indicator}_months")


def indicators_section(ctx: PageContext) -> None:
    """Every indicator the city has, each a small chart with its own halving path where lower is better: a city's
    own priorities, whatever the sidebar's indicator."""
    city_id = ctx.view.city
    have = indicators_with_data(ctx.data, city_id)
    goals = set(ctx.data.catalog.loc[ctx.data.catalog["better"] == "lower", "indicator"])
    listed = [i for i in have["indicator"] if i in goals] if len(have) else []
    shown = [i for i in listed if rate_of(i) not in listed]  # a count with its rate: the rate, comparable
    if len(shown) < 2:
        return  # one indicator: the chart above is the whole story
    st.subheader(ctx.md("city_all_indicators", city=ctx.city_name(city_id)))
    st.caption(ctx.tr("city_all_indicators_note"))
    columns = st.columns(2)
    for index, indicator in enumerate(shown):
        settings = replace(ctx.settings, indicator=indicator)
        table = progress_table_cached(ctx.data_key, settings, _data=ctx.data)
        row = table.loc[city_id] if city_id in table.index else None
        status = F.status_label(str(row["status"]), ctx.lang) if row is not None and pd.notna(row["status"]) else ""
        title = ctx.indicator_label(indicator) + (f" · {status}" if status else "")
        draw = partial(panel_figure, ctx.data, row, city_id, indicator, settings, ctx.lang, title)
        figure = caches.shared_figure(ctx, "panel", (city_id, settings, ctx.lang), draw)
        with columns[index % 2]:
            plot(figure, title, key=f"city_panel_{city_id}_{indicator}", filename=f"{city_id}_{indicator}")


def rate_of(indicator: str) -> str:
    """The rate per 100,000 derived from a count indicator (homicides: homicide_rate; others: <id>_rate)."""
    return "homicide_rate" if indicator == "homicides" else f"{indicator}_rate"


def events_section(ctx: PageContext) -> None:
    """What happened in the city, by date: the events marked on the chart, each with its source."""
    city_id = ctx.view.city
    name = ctx.city_name(city_id)
    events = city_events(ctx.data.events, city_id)  # numbered as the chart's marks are
    st.subheader(ctx.md("events_title", city=name))
    if events.empty:
        st.caption(ctx.md("events_none", city=name))
        return
    st.caption(ctx.tr("events_intro"))
    lines = []
    for _, event in events.iterrows():
        head = ctx.tr("event_line", date=stories.event_date(event, ctx.lang),
                      kind=stories.event_kind(event["kind"], ctx.lang), title=stories.event_title(event, ctx.lang))
        description = stories.event_description(event, ctx.lang)
        source = ctx.tr("event_source", source=stories.cited(event["source"]))
        text = f"**{escape.markdown(head)}**" + (f" {escape.markdown(description)}" if description else "")
        lines.append(f"{int(event['number'])}. {text}  \n  :small[{escape.markdown(source)}]")
    st.markdown("\n".join(lines))


def practices_section(ctx: PageContext) -> None:
    """The city's practices in the network's library, each linked to its place on the Practices page."""
    city_id = ctx.view.city
    mine = stories.matching_practices(ctx.data.practices, city_id=city_id)
    if mine.empty:
        return
    name = ctx.city_name(city_id)
    st.subheader(ctx.md("handover_practices", city=name))
    for _, practice in mine.iterrows():
        title = stories.practice_title(practice, ctx.lang)
        since = f" · {ctx.tr('practice_since', year=int(practice['since']))}" if pd.notna(practice["since"]) else ""
        st.page_link(page("practices").script, label=escape.markdown(title + since),
                     query_params={**ctx.view.query(), "practice": practice["practice_id"],
                                   "q": str(practice["practice_id"])})
        st.caption(escape.markdown(ctx.tr("practice_evidence", evidence=stories.evidence_text(practice, ctx.lang))))


def peers_section(ctx: PageContext) -> None:
    """Cities to learn from: member cities measured the same way, of similar level and size, whose figures fell."""
    city_id = ctx.view.city
    name = ctx.city_name(city_id)
    st.subheader(ctx.tr("peers_title"))
    row = ctx.table.loc[city_id] if city_id in ctx.table.index else None
    if row is None or pd.isna(row.get("baseline")):
        st.caption(ctx.md("peers_no_data", city=name))
        return
    found = caches.peers_cached(ctx.data_key, ctx.settings, city_id, _data=ctx.data, _table=ctx.table)
    if found.empty:
        st.caption(ctx.md("peers_none", city=name))
        return
    st.caption(ctx.md("peers_intro", city=name))
    cities = ctx.data.cities.set_index("city_id")
    practices = ctx.data.practices.set_index("practice_id")
    for _, peer in found.iterrows():
        peer_id = peer["city_id"]
        country = country_name(cities.loc[peer_id, "iso3"], ctx.lang, cities.loc[peer_id, "country"])
        indicator = lower_first(ctx.indicator_label(peer["indicator"]))
        line = stories.peer_line(peer, ctx.city_name(peer_id), country, indicator, ctx.lang,
                                 value_decimals(ctx.data.catalog, peer["indicator"]))
        st.page_link(page("city").script, label=escape.markdown(line),
                     query_params={**ctx.view.query(), "city": peer_id})
        used = [stories.practice_title(practices.loc[p], ctx.lang) for p in stories.listed(peer["practices"])
                if p in practices.index]
        st.caption(escape.markdown(ctx.tr("peers_practices", practices="; ".join(used)) if used
                                   else ctx.tr("peers_no_practices", city=ctx.city_name(peer_id))))
