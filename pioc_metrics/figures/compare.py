"""Comparing cities: one line per city, one small chart per city, and the change since each baseline ranked.

Pure (no Streamlit). The look comes from `figures.theme`.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from pioc_metrics import constants as C
from pioc_metrics.data.dataset import Dataset
from pioc_metrics.engine.city import target_path
from pioc_metrics.engine.matrix import series_rows
from pioc_metrics.engine.network import network_path
from pioc_metrics.figures import theme
from pioc_metrics.figures.events import city_events, data_breaks, draw_event_markers, draw_events, events_within, gapped
from pioc_metrics.figures.trajectory import spread
from pioc_metrics.settings import Settings
from pioc_metrics.text import escape
from pioc_metrics.text import formatting as F
from pioc_metrics.text.i18n import t
from pioc_metrics.text.labels import city_name, indicator_title, source_line, unit_label, value_decimals
from pioc_metrics.text.sentences import has_target

COMPARE_MODES = ("absolute", "indexed", "log")
CHART_HEIGHT = 540
PLOT_PX = CHART_HEIGHT - 230  # about the plot's height in pixels, under the title and over the source
RIGHT_MARGIN = 118  # the lines' end labels, in short lines: a phone keeps room for the plot
END_LABEL_CHARS = 14
END_LABEL_SIZE = 12
MULTIPLES_COLUMNS = 2  # small charts side by side: two still read on a phone
PANEL_PX = 210  # a small chart's height
PANEL_GAP_PX = 90  # between two rows of small charts: the lower one's title (name, status in up to two lines)
PANEL_TITLE_PX = 50  # above the first row
PANEL_TITLE_CHARS = 20
RANKED_BAR_PX = 46  # a bar and its two-line label


def _compare_rows(data: Dataset, city_ids, indicator: str) -> pd.DataFrame:
    rows = series_rows(data.indicators, indicator)
    return rows.loc[rows["city_id"].isin(list(city_ids))].sort_values(["city_id", "year"])


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass
class _Lines:
    """The compare chart being drawn: its labels at the lines' ends, the cities left out, the values drawn."""

    fig: go.Figure
    ends: list[tuple[float, float, str, str]] = field(default_factory=list)  # (x, y, text, colour)
    left_out: list[str] = field(default_factory=list)
    plotted: list[float] = field(default_factory=list)


def _draw_city(lines: _Lines, i: int, name: str, city: pd.DataFrame, baseline: float, mode: str, n, raw_n,
               lang: str, events: pd.DataFrame | None = None) -> None:
    """One city's line: values as they are, indexed to the baseline (= 100), or the positive ones on a log scale;
    with `events`, a marker at each on the line, which is broken where the counting changed."""
    values = city["value"].to_numpy(dtype=float)
    years = city["year"].to_numpy()
    if mode == "indexed":
        if pd.isna(baseline) or baseline <= 0:
            lines.left_out.append(name)
            return
        values = 100.0 * values / float(baseline)
    if mode == "log":
        keep = values > 0
        values, years, city = values[keep], years[keep], city.loc[keep]
    if not len(values):
        lines.left_out.append(name)
        return
    colour = theme.CITY_PALETTE[i % len(theme.CITY_PALETTE)]
    dash = theme.DASHES[(i // len(theme.CITY_PALETTE)) % len(theme.DASHES)]
    raw = city["value"].to_numpy(dtype=float)
    hover = [f"{escape.plotly(name)} {F.year(y)}: {n(v)}" + ("" if mode != "indexed" else f" ({raw_n(r)})")
             for y, v, r in zip(years, values, raw)]
    x, y, hover = gapped(years, values, data_breaks(events) if events is not None else [], hover)
    lines.fig.add_trace(go.Scatter(
        x=x, y=y, mode="lines+markers", name=escape.plotly(name),
        line=dict(color=colour, width=2.5, dash=dash),
        marker=dict(size=5, color=colour),
        customdata=hover,
        hovertemplate="%{customdata}<extra></extra>",
    ))
    if events is not None:
        draw_event_markers(lines.fig, events, years, values, colour=colour, city=name, lang=lang, log=mode == "log")
    lines.ends.append((float(years[-1]), float(values[-1]), f"{escape.plotly(name)} {n(values[-1])}", colour))
    lines.plotted += list(values)


def _draw_network_path(lines: _Lines, settings: Settings, lang: str, n) -> None:
    """The path to the target on the index scale, from the network baseline year."""
    path_years = np.arange(settings.network_baseline_year, settings.target_year + 1)
    path = network_path(path_years, settings)
    lines.fig.add_trace(go.Scatter(
        x=path_years, y=path, mode="lines", name=t("compare_network_path", lang, year=settings.network_baseline_year),
        line=dict(color=theme.PATH_COLOUR, width=2, dash="dash"), hovertemplate="%{x}: %{y:.1f}<extra></extra>"))
    lines.fig.add_hline(y=100, line=dict(color=theme.RULE, width=1))
    lines.ends.append((float(path_years[-1]), float(path[-1]),
                       escape.plotly(t("compare_target_label", lang, value=n(path[-1]), year=settings.target_year)),
                       theme.PATH_TEXT_COLOUR))
    lines.plotted += list(path)


def _label_ends(lines: _Lines, mode: str, low: float, top: float) -> None:
    """Each line's name and last value beside its end, in short lines (RIGHT_MARGIN holds them on a phone),
    kept apart by their heights."""
    texts = [_short_lines(text) for _, _, text, _ in lines.ends]
    heights = [text.count("<br>") + 1 for text in texts]
    step = (END_LABEL_SIZE * 1.25 * max(heights) + 2) / PLOT_PX  # share of the axis a label takes
    if mode == "log":  # annotations on a log axis take log10 coordinates
        gap = step * (math.log10(top) - math.log10(low) + 0.3)
        positions = spread([math.log10(max(y, 1e-9)) for _, y, _, _ in lines.ends], gap,
                           floor=math.log10(low) - 0.15 + gap / 2)
    else:
        gap = step * top * 1.1
        positions = spread([y for _, y, _, _ in lines.ends], gap, floor=gap / 2)
    for (x, _, _, colour), text, placed in zip(lines.ends, texts, positions):
        lines.fig.add_annotation(x=x, y=placed, xanchor="left", showarrow=False, xshift=8, align="left",
                                 text="<b>" + text + "</b>", font=dict(size=END_LABEL_SIZE, color=colour))


def _short_lines(text: str) -> str:
    """An end label (already escaped for plotly) in lines of about END_LABEL_CHARS characters."""
    return "<br>".join(textwrap.wrap(text, END_LABEL_CHARS, break_long_words=False, break_on_hyphens=False))


def _compare_axes(fig: go.Figure, mode: str, unit: str, lang: str, low: float, top: float) -> None:
    x_values = [x for trace in fig.data for x in trace.x if x is not None]
    theme.year_axis(fig, min(x_values) - 0.5, max(x_values) + 0.5, showgrid=False, ticks="outside")
    if mode == "log":
        ticks = [m * 10 ** e for e in range(-2, 8) for m in (1, 2, 5) if low / 1.5 <= m * 10 ** e <= top * 1.5]
        fig.update_yaxes(type="log", title=dict(text=escape.plotly(unit + " · " + t("compare_log_axis", lang))),
                         range=[math.log10(low) - 0.15, math.log10(top) + 0.15], tickvals=ticks,
                         ticktext=[F.number(v, lang, 0 if v >= 1 else 2) for v in ticks])
    elif mode == "indexed":
        fig.update_yaxes(range=[0, top * 1.1], title=dict(text=escape.plotly(t("compare_index_axis", lang))))
    else:
        fig.update_yaxes(range=[0, top * 1.1], title=dict(text=escape.plotly(unit)))


def compare_figure(data: Dataset, table: pd.DataFrame, city_ids, settings: Settings, lang: str,
                   mode: str = "absolute", *, events: bool = False) -> go.Figure:
    """One line per city: absolute values, indexed to each city's baseline (= 100), or on a log scale; with
    `events`, a marker on each city's line at each of its events (the event on hover)."""
    mode = mode if mode in COMPARE_MODES else "absolute"
    city_ids = list(dict.fromkeys(city_ids))
    rows = _compare_rows(data, city_ids, settings.indicator)
    raw_decimals = value_decimals(data.catalog, settings.indicator)
    decimals = 1 if mode == "indexed" else raw_decimals
    n = lambda v: F.number(v, lang, decimals)  # noqa: E731
    raw_n = lambda v: F.number(v, lang, raw_decimals)  # noqa: E731
    lines = _Lines(go.Figure())
    for i, city_id in enumerate(city_ids):
        baseline = table["baseline"].get(city_id, np.nan) if city_id in table.index else np.nan
        _draw_city(lines, i, city_name(data, city_id), rows.loc[rows["city_id"] == city_id], baseline, mode, n, raw_n,
                   lang, city_events(data.events, city_id) if events else None)
    if mode == "indexed" and lines.plotted:
        _draw_network_path(lines, settings, lang, n)
    if not lines.plotted:
        return theme.empty_figure(t("compare_nothing", lang), lang)
    top = max(lines.plotted)
    low = min(v for v in lines.plotted if v > 0) if mode == "log" else 0.0
    _label_ends(lines, mode, low, top)

    indicator = _capitalised(indicator_title(data.catalog, settings.indicator, lang))
    subtitle = t(f"compare_subtitle_{mode}", lang)
    if lines.left_out:
        subtitle += " · " + t("compare_left_out", lang, cities=", ".join(lines.left_out))
    theme.any_width_frame(lines.fig, lang, t(f"compare_title_{mode}", lang, indicator=indicator), subtitle,
                          source_line(rows["source"], lang), height=CHART_HEIGHT)
    lines.fig.update_layout(showlegend=False, margin=dict(l=62, r=RIGHT_MARGIN))
    _compare_axes(lines.fig, mode, unit_label(data.catalog, settings.indicator, lang), lang, low, top)
    return lines.fig


def _panel_title(data: Dataset, table: pd.DataFrame, city_id: str, lang: str) -> str:
    """The city's name in bold over its status in words (short lines: a phone's panel is 150 px wide)."""
    status = table["status"].get(city_id, "") if city_id in table.index else ""
    no_data = city_id not in table.index or "no_data" in str(table["flags"].get(city_id, "")).split(";")
    suffix = t("no_data_yet", lang) if no_data else F.status_label(status, lang)
    return f"<b>{escape.plotly(city_name(data, city_id))}</b><br>{theme.wrap(suffix, PANEL_TITLE_CHARS)}"


def _draw_panel(fig: go.Figure, i: int, columns: int, city: pd.DataFrame, row: pd.Series | None, settings: Settings,
                lang: str, name: str, n, breaks=()) -> tuple[list[int], list[int]]:
    """One city's small chart: its values (broken at `breaks`, where the counting changed) and its path to the
    target; the years it spans."""
    r, c = i // columns + 1, i % columns + 1
    top = float(city["value"].max()) if len(city) else 1.0
    first, last = [], []
    if len(city):
        x, y, hover = gapped(city["year"], city["value"], breaks,
                             [f"{F.year(year)}: {n(value)}" for year, value in zip(city["year"], city["value"])])
        fig.add_trace(go.Scatter(
            x=x, y=y, mode="lines+markers", line=dict(color=theme.MAIN_COLOUR, width=2),
            marker=dict(size=4), name=t("compare_observed", lang), legendgroup="observed", showlegend=i == 0,
            customdata=hover, hovertemplate="%{customdata}<extra>" + escape.plotly(name) + "</extra>",
        ), row=r, col=c)
        first.append(int(city["year"].min()))
        last.append(int(city["year"].max()))
    path = target_path(row, settings) if row is not None and has_target(row) else pd.DataFrame()
    if len(path):
        fig.add_trace(go.Scatter(
            x=path["year"], y=path["value"], mode="lines", line=dict(color=theme.PATH_COLOUR, width=2, dash="dash"),
            name=t("city_chart_path", lang), legendgroup="path",
            showlegend="path" not in {tr.legendgroup for tr in fig.data if tr.showlegend},
            hovertemplate="%{x}: %{y:.1f}<extra></extra>",
        ), row=r, col=c)
        last.append(settings.target_year)
        top = max(top, float(path["value"].max()))
    if not len(city):
        fig.add_annotation(text=escape.plotly(t("no_data_yet", lang)), xref=f"x{i + 1 if i else ''} domain",
                           yref=f"y{i + 1 if i else ''} domain", x=0.5, y=0.5, showarrow=False,
                           font=dict(size=14, color="#777777"))
    fig.update_yaxes(range=[0, top * 1.1], row=r, col=c)
    return first, last


def small_multiples_figure(data: Dataset, table: pd.DataFrame, city_ids, settings: Settings, lang: str,
                           columns: int = MULTIPLES_COLUMNS, *, events: bool = False) -> go.Figure:
    """One small chart per city, each with its own scale (from 0), its values and its target path; with `events`, a
    line at each of the city's events (the event on hover)."""
    city_ids = list(dict.fromkeys(city_ids))
    if not city_ids:
        return theme.empty_figure(t("compare_nothing", lang), lang)
    columns = max(1, min(columns, len(city_ids)))
    n_rows = math.ceil(len(city_ids) / columns)
    panels = n_rows * PANEL_PX + (n_rows - 1) * PANEL_GAP_PX
    fig = make_subplots(rows=n_rows, cols=columns,
                        subplot_titles=[_panel_title(data, table, c, lang) for c in city_ids],
                        horizontal_spacing=0.1, vertical_spacing=PANEL_GAP_PX / panels if n_rows > 1 else 0,
                        shared_xaxes=False)
    rows = _compare_rows(data, city_ids, settings.indicator)
    n = lambda v: F.number(v, lang, value_decimals(data.catalog, settings.indicator))  # noqa: E731
    x_low, x_high, panel_events = [], [], {}
    for i, city_id in enumerate(city_ids):
        row = table.loc[city_id] if city_id in table.index else None
        city = rows.loc[rows["city_id"] == city_id]
        own = city_events(data.events, city_id) if events and len(city) else pd.DataFrame()
        own = events_within(own, float(city["year"].min()), np.inf) if len(own) else own
        first, last = _draw_panel(fig, i, columns, city, row, settings, lang, city_name(data, city_id), n,
                                  data_breaks(own) if len(own) else ())
        panel_events[i] = own
        x_low += first
        x_high += last
    if x_low:
        theme.year_axis(fig, min(x_low) - 0.5, max(x_high) + 0.5, showgrid=False)
        panel_px = (theme.PHONE_PX - 70) / columns  # a phone's panel, margins and spacing out
        for i, own in ((i, own) for i, own in panel_events.items() if len(own)):
            axis = str(i + 1) if i else ""
            draw_events(fig, own, lang, x_range=(min(x_low) - 0.5, max(x_high) + 0.5), narrowest_px=panel_px,
                        axes=(f"x{axis}", f"y{axis}"), numbered=False)
    fig.update_annotations(font_size=13, selector=dict(yref="paper"))
    indicator = _capitalised(indicator_title(data.catalog, settings.indicator, lang))
    title, subtitle = t("compare_multiples_title", lang, indicator=indicator), t("compare_multiples_subtitle", lang)
    head = theme.head_height(title, subtitle)
    height = head + PANEL_TITLE_PX + panels + theme.TICKS_HEIGHT + 2 * theme.LEGEND_ROW + 10
    theme.any_width_frame(fig, lang, title, subtitle, height=height, legend_rows=2)
    fig.update_layout(margin=dict(l=50, r=20, t=head + PANEL_TITLE_PX))
    return fig


def _ranked_bars(part: pd.DataFrame, order: list[str], change: pd.Series, names: dict[str, str], lang: str):
    """Label (name, symbol; its years beneath), length, text and colour of each city's bar; a city without a change
    gets an empty bar and words. Short texts, so the bars keep their room on a phone."""
    labels, values, texts, colours = [], [], [], []
    for city_id in order:
        status = part.at[city_id, "status"] or ""
        name = f"<b>{escape.plotly(names.get(city_id, city_id))}</b> {C.STATUS_SYMBOLS.get(status, '')}".strip()
        value = change.get(city_id, np.nan)
        if pd.isna(value):
            labels.append(name)
            values.append(0.0)
            texts.append(escape.plotly(t("no_data_yet", lang) if "no_data" in str(part.at[city_id, "flags"]).split(";")
                                       else F.status_label(status, lang)))
            colours.append(theme.STATUS_COLOURS["insufficient_data"])
        else:
            years = f"{F.year(part.at[city_id, 'baseline_year'])}–{F.year(part.at[city_id, 'latest_year'])}"
            labels.append(f"{name}<br><span style='font-size:11px;color:{theme.MUTED}'>{years}</span>")
            values.append(100.0 * value)
            texts.append(F.percent(value, lang, signed=True))
            colours.append(theme.status_colour(status))
    return labels, values, texts, colours


def _status_key(part: pd.DataFrame, lang: str) -> str:
    """The statuses shown, each symbol with its words: the bars' colours and symbols in words."""
    shown = [s for s in C.STATUSES if (part["status"] == s).any()]
    return " · ".join(F.status_label(s, lang) for s in shown)


def ranked_change_figure(table: pd.DataFrame, city_ids, lang: str, *, names: dict[str, str] | None = None,
                         reduction: float | None = None) -> go.Figure:
    """Horizontal bars of the change since each city's baseline, largest fall first; status by colour, symbol and
    words."""
    city_ids = [c for c in dict.fromkeys(city_ids) if c in table.index]
    if not city_ids:
        return theme.empty_figure(t("compare_nothing", lang), lang)
    part = table.loc[city_ids]
    change = part["latest"].astype(float) / part["baseline"].astype(float) - 1.0
    with_data = change.where(part["baseline"].astype(float) > 0).dropna().sort_values()
    order = list(with_data.index) + [c for c in city_ids if c not in with_data.index]
    labels, values, texts, colours = _ranked_bars(part, order, with_data, names or {}, lang)
    fig = go.Figure(go.Bar(
        x=values, y=labels, orientation="h", marker=dict(color=colours, line=dict(color="#333333", width=0.5)),
        text=texts, textposition="outside", cliponaxis=False, textfont=dict(size=13),
        hovertemplate="%{y}: %{text}<extra></extra>",
    ))
    finite = [v for v in values if not pd.isna(v)] + [0.0]
    if reduction is not None:
        finite.append(-100.0 * reduction)
        fig.add_vline(x=-100.0 * reduction, line=dict(color=theme.PATH_COLOUR, width=2, dash="dash"),
                      annotation_text=escape.plotly(
                          t("compare_target_line", lang, reduction=F.percent(-reduction, lang, 0))),
                      annotation_position="top", annotation_font=dict(color=theme.PATH_TEXT_COLOUR, size=13))
    low, high = min(finite), max(finite)
    pad = max(high - low, 10.0) * 0.3  # room for the short labels outside the bars
    title, subtitle = t("compare_ranked_title", lang), t("compare_ranked_subtitle", lang)
    height = theme.head_height(title, subtitle) + 20 + RANKED_BAR_PX * len(order) + 110
    theme.any_width_frame(fig, lang, title, subtitle, note=_status_key(part, lang), height=height, axis_title=True)
    fig.update_layout(showlegend=False, bargap=0.3, margin=dict(l=10, r=20))
    fig.update_xaxes(range=[low - pad if low < 0 else low - 5, high + pad], ticksuffix=" %", zeroline=True,
                     zerolinecolor="#444444", title=t("compare_ranked_axis", lang))
    fig.update_yaxes(autorange="reversed", automargin=True)
    return fig
