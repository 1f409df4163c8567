"""One city's trajectory: observed values, reference points, baseline, path to the target and projection.

Pure (no Streamlit). Every number drawn comes from the data rows or from the engine; this module
only decides how to show them. The look comes from `figures.theme`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from pioc_metrics import constants as C
from pioc_metrics.data.dataset import Dataset
from pioc_metrics.engine.city import city_series, projection_path, target_path
from pioc_metrics.engine.coverage import national_rows
from pioc_metrics.engine.matrix import smoothed, to_matrix
from pioc_metrics.figures import theme
from pioc_metrics.figures.events import Strip, city_events, data_breaks, draw_events, events_within, gapped
from pioc_metrics.settings import Settings
from pioc_metrics.text import escape
from pioc_metrics.text import formatting as F
from pioc_metrics.text.countries import country_name
from pioc_metrics.text.i18n import t
from pioc_metrics.text.labels import (
    city_name,
    indicator_label,
    indicator_title,
    lower_first,
    series_label,
    source_line,
    unit_label,
    value_decimals,
)
from pioc_metrics.text.sentences import annual_rate, has_target, summary_sentence

REFERENCE_STYLES = (("#E69F00", "diamond"), ("#CC79A7", "square"), ("#D55E00", "triangle-up"), ("#56B4E9", "x"))
REFERENCE_OFFSET = 0.25  # years: a reference point sits just right of the main point of its year
REFERENCE_TEXT = ("top center", "bottom center", "middle right", "middle left")
HALO = "1px 1px 2px #fff, -1px -1px 2px #fff, 1px -1px 2px #fff, -1px 1px 2px #fff"  # text readable over lines
FAR_YEARS = 3  # a reference point this many years before the main series is named, not drawn
LABEL_BOX = "rgba(255,255,255,0.85)"
REFERENCE_INK = "#333333"
CHART_HEIGHT = 620
CROWDED_YEARS = 4  # a reference point this near the baseline (a phone's few pixels): the baseline's label rises
LATEST_BELOW = 0.35  # the latest value's label goes under its point when the point is above this share of the top
RIGHT_MARGIN = 112  # the target's and projection's labels, two short lines each
END_LABEL_CHARS = 13
END_LABEL_SIZE = 12
END_LABEL_GAP = 0.15  # share of the y axis between two end labels: their two lines, on a phone and on a projector
LEFT_MARGIN = 60
X_PAD = 0.7  # years either side of the first and last year drawn
YEAR_END = 0.999  # an event dated within the last year drawn is drawn (2022-11 on a chart ending in 2022)
LABEL_LINE_PX = 22  # a data label's line, box included: what the events' badges must stay above
REFERENCE_LABEL_PX = 24  # a reference point's text over its marker
MARKER_PX = 9
CHAR_PX = 8  # a data label's character (13 px, bold)


def spread(values, min_gap: float, floor: float | None = None) -> list[float]:
    """Label positions near `values`, at least `min_gap` apart, in the same order as given (none below `floor`)."""
    values = [float(v) for v in values]
    if len(values) < 2:
        return values
    order = sorted(range(len(values)), key=lambda i: values[i])
    placed = [values[i] for i in order]
    for i in range(1, len(placed)):
        placed[i] = max(placed[i], placed[i - 1] + min_gap)
    shift = (sum(placed) - sum(values[i] for i in order)) / len(placed)
    placed = [p - shift for p in placed]  # centre the block on the lines it labels
    if floor is not None and placed[0] < floor:  # not under the axis: the block moves up
        placed = [p + floor - placed[0] for p in placed]
    result = [0.0] * len(values)
    for rank, index in enumerate(order):
        result[index] = placed[rank]
    return result


def against(settings: Settings, lang: str) -> str:
    """'against halving by 2030' (or the chosen reduction): the first words of the subtitle."""
    if abs(settings.reduction - 0.5) < 1e-9:
        return t("city_chart_against_halving", lang, year=settings.target_year)
    return t("city_chart_against_reduction", lang, reduction=F.percent(settings.reduction, lang, 0),
             year=settings.target_year)


@dataclass
class _Chart:
    """What the drawing steps share: the figure, the number format, the city's series, what was drawn
    and where it came from."""

    fig: go.Figure
    lang: str
    decimals: int
    main: pd.DataFrame
    others: pd.DataFrame  # reference points drawn beside the main series
    not_drawn: pd.DataFrame  # reference points far earlier: named in a note
    shown: list[float] = field(init=False)  # values on the y axis, for its range
    sources: list[str] = field(init=False)
    right_labels: list[tuple[float, str, str]] = field(default_factory=list)  # (y, text, colour) at the target year
    breaks: list[float] = field(default_factory=list)  # where the counting changed: the city's line is broken there

    def __post_init__(self):
        self.shown = list(self.main["value"]) + list(self.others["value"])
        references = pd.concat([self.others, self.not_drawn]).sort_index(kind="stable")
        self.sources = list(self.main["source"]) + list(references["source"])

    def n(self, value) -> str:
        return F.number(value, self.lang, self.decimals)

    def hover(self, years, values) -> list[str]:
        return [f"{F.year(y)}: {self.n(v)}" for y, v in zip(years, values)]


def _draw_band(chart: _Chart) -> None:
    band = chart.main.dropna(subset=["lower", "upper"])
    if not len(band):
        return
    name = t("city_chart_interval", chart.lang)
    # One band on either side of each change in counting (a fill does not stop at a gap); the latest first: it is
    # the one named in the legend.
    pieces = np.searchsorted(sorted(chart.breaks), band["year"].to_numpy(dtype=float), side="right")
    for i, (_, piece) in enumerate(reversed(list(band.groupby(pieces, sort=True)))):
        chart.fig.add_trace(go.Scatter(x=piece["year"], y=piece["upper"], mode="lines", line=dict(width=0),
                                       showlegend=False, hoverinfo="skip", legendgroup="interval"))
        chart.fig.add_trace(go.Scatter(
            x=piece["year"], y=piece["lower"], mode="lines", line=dict(width=0), fill="tonexty",
            fillcolor="rgba(0,114,178,0.16)", name=name if i == 0 else None, showlegend=i == 0,
            legendgroup="interval", hovertemplate="%{customdata}<extra>" + escape.plotly(name) + "</extra>",
            customdata=[f"{F.year(y)}: {chart.n(lo)} – {chart.n(hi)}"
                        for y, lo, hi in zip(piece["year"], piece["lower"], piece["upper"])],
        ))
    chart.shown += list(band["upper"])


def _draw_main(chart: _Chart, name: str, city_id: str, smoothing: str) -> None:
    main = chart.main
    if not len(main):
        return
    broken = any(main["year"].min() < b <= main["year"].max() for b in chart.breaks)
    if broken:  # the line in pieces under the points, so that the main trace keeps every year as it is
        x, y = gapped(main["year"], main["value"], chart.breaks)
        chart.fig.add_trace(go.Scatter(x=x, y=y, mode="lines", line=dict(color=theme.MAIN_COLOUR, width=3),
                                       showlegend=False, hoverinfo="skip"))
    chart.fig.add_trace(go.Scatter(
        x=main["year"], y=main["value"], mode="markers" if broken else "lines+markers",
        name=escape.plotly(t("city_chart_observed", chart.lang, city=name)), showlegend=False,  # labelled at its end
        line=dict(color=theme.MAIN_COLOUR, width=3), marker=dict(size=7, color=theme.MAIN_COLOUR),
        customdata=chart.hover(main["year"], main["value"]),
        hovertemplate="%{customdata}<extra>" + escape.plotly(name) + "</extra>",
    ))
    if smoothing != "3y":
        return
    # The status uses 3-year means: draw them, so the baseline and latest markers sit on a line.
    first, last = int(main["year"].min()), int(main["year"].max())
    means = smoothed(to_matrix(main, pd.Index([city_id]), (first, last)))
    keep = ~np.isnan(means.values[0])
    label = t("city_chart_smoothed", chart.lang)
    years, values = means.years[keep], means.values[0][keep]
    x, y, hover = gapped(years, values, chart.breaks, chart.hover(years, values))
    chart.fig.add_trace(go.Scatter(
        x=x, y=y, mode="lines", name=label, line=dict(color=theme.PROJECTION_COLOUR, width=2), customdata=hover,
        hovertemplate="%{customdata}<extra>" + escape.plotly(label) + "</extra>",
    ))


def _draw_references(chart: _Chart) -> None:
    main_years = set(chart.main["year"])
    for i, (series, group) in enumerate(chart.others.groupby("series", sort=True)):
        series = series_label(series, group["source"].iloc[0], chart.lang)  # 'PiOC report 2023', not its id
        colour, symbol = REFERENCE_STYLES[i % len(REFERENCE_STYLES)]
        offset = REFERENCE_OFFSET * (i + 1)
        chart.fig.add_trace(go.Scatter(
            x=[y + offset if y in main_years else y for y in group["year"]], y=group["value"], mode="markers+text",
            name=escape.plotly(t("city_chart_reference", chart.lang, series=series)), showlegend=False,  # texts
            marker=dict(size=12, color=colour, symbol=symbol, line=dict(width=1, color=REFERENCE_INK)),
            text=[f"{escape.plotly(series)}: {chart.n(v)}" for v in group["value"]],
            textposition=REFERENCE_TEXT[i % len(REFERENCE_TEXT)], cliponaxis=False,
            textfont=dict(size=12, color=REFERENCE_INK, shadow=HALO),
            customdata=[f"{F.year(y)}, {escape.plotly(series)}: {chart.n(v)}"
                        for y, v in zip(group["year"], group["value"])],
            hovertemplate="%{customdata}<extra></extra>",
        ))


def _draw_target(chart: _Chart, row: pd.Series, settings: Settings) -> None:
    """The path to the target, the target itself and the projection at the current pace."""
    lang, year = chart.lang, settings.target_year
    path = target_path(row, settings)
    if len(path):
        name, target = t("city_chart_path", lang), t("city_chart_target", lang, year=year, value=chart.n(row["target"]))
        chart.fig.add_trace(go.Scatter(
            x=path["year"], y=path["value"], mode="lines", name=name,
            line=dict(color=theme.PATH_COLOUR, width=2.5, dash="dash"),
            customdata=chart.hover(path["year"], path["value"]),
            hovertemplate="%{customdata}<extra>" + escape.plotly(name) + "</extra>",
        ))
        chart.fig.add_trace(go.Scatter(
            x=[year], y=[row["target"]], mode="markers", showlegend=False,
            marker=dict(size=18, color=theme.PATH_COLOUR, symbol="star", line=dict(width=1, color="#ffffff")),
            hovertemplate=escape.plotly(target) + "<extra></extra>",
        ))
        chart.right_labels.append((float(row["target"]), target, theme.PATH_TEXT_COLOUR))
    projection = projection_path(row, settings)
    if len(projection):
        name = t("city_chart_projection", lang)
        chart.fig.add_trace(go.Scatter(
            x=projection["year"], y=projection["value"], mode="lines", name=name, showlegend=False,  # end label
            line=dict(color=theme.PROJECTION_COLOUR, width=2.5, dash="dot"),
            customdata=chart.hover(projection["year"], projection["value"]),
            hovertemplate="%{customdata}<extra>" + escape.plotly(name) + "</extra>",
        ))
        chart.shown += list(projection["value"])
        end = projection.iloc[-1]
        chart.right_labels.append((float(end["value"]), t("city_chart_projection_label", lang, year=F.year(end["year"]),
                                                          value=chart.n(end["value"])), theme.PROJECTION_COLOUR))


def _mark_baseline_and_latest(chart: _Chart, row: pd.Series, name: str) -> None:
    lang, main, others = chart.lang, chart.main, chart.others
    if not pd.isna(row.get("baseline")):
        b, value = int(row["baseline_year"]), float(row["baseline"])
        text = escape.plotly(t("city_chart_baseline", lang, year=b, value=chart.n(value)))
        chart.fig.add_trace(go.Scatter(
            x=[b], y=[value], mode="markers", showlegend=False,
            marker=dict(size=16, color="rgba(0,0,0,0)", symbol="circle", line=dict(width=2.5, color="#000000")),
            hovertemplate=text + "<extra></extra>",
        ))
        crowded = bool(len(others)) and bool((abs(others["year"] - b) <= CROWDED_YEARS).any())
        baseline_ay = -85 if crowded else -48
        chart.fig.add_annotation(x=b, y=value, text="<b>" + text + "</b>", showarrow=True, arrowhead=0, ax=0,
                                 ay=baseline_ay, font=dict(size=13), bgcolor=LABEL_BOX)
    else:
        baseline_ay = -14
    if len(main):
        last = main.iloc[-1]
        latest = f"{name} " + t("city_chart_latest_label", lang, year=F.year(last["year"]),
                                value=chart.n(last["value"]))
        # A few years from the baseline's label on a phone: below its point where there is room, else above it.
        top = max([v for v in chart.shown if not pd.isna(v)] or [1.0])
        below = float(last["value"]) > LATEST_BELOW * top
        chart.fig.add_annotation(x=last["year"], y=last["value"], xanchor="right", showarrow=True, arrowhead=0,
                                 yanchor="top" if below else "bottom", arrowcolor=theme.MAIN_COLOUR, ax=0,
                                 ay=44 if below else baseline_ay - 44, font=dict(size=13, color=theme.MAIN_COLOUR),
                                 text="<b>" + escape.plotly(latest) + "</b>", bgcolor=LABEL_BOX)


def _draw_national(chart: _Chart, national: pd.DataFrame) -> None:
    if not len(national):
        return
    country = country_name(national["iso3"].iloc[0], chart.lang, national["country"].iloc[0])
    name = t("city_chart_national", chart.lang, country=country)
    chart.fig.add_trace(go.Scatter(
        x=national["year"], y=national["value"], mode="lines", name=escape.plotly(name), showlegend=False,
        line=dict(color=theme.NATIONAL_COLOUR, width=1.5), customdata=chart.hover(national["year"], national["value"]),
        hovertemplate="%{customdata}<extra>" + escape.plotly(country) + "</extra>",
    ))
    chart.shown += list(national["value"])
    chart.sources += list(national["source"])
    end = national.iloc[-1]
    chart.fig.add_annotation(x=end["year"], y=end["value"], xanchor="left", yanchor="top", showarrow=False, xshift=4,
                             yshift=-4, text=escape.plotly(name), font=dict(size=12, color="#666666"))


def _label_right_edge(chart: _Chart, target_year: int, y_top: float) -> None:
    """The target's and the projection's values beside the target year: short lines (RIGHT_MARGIN holds them on
    a phone), kept a label's height apart (`y_top`: the y axis' top)."""
    gap = y_top * END_LABEL_GAP
    positions = spread([y for y, _, _ in chart.right_labels], gap, floor=gap / 2)
    for (_, text, colour), placed in zip(chart.right_labels, positions):
        chart.fig.add_annotation(x=target_year, y=placed, xanchor="left", showarrow=False, xshift=12, align="left",
                                 text="<b>" + theme.wrap(text, END_LABEL_CHARS) + "</b>",
                                 font=dict(size=END_LABEL_SIZE, color=colour))


def _split_series(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The main series, the reference points drawn beside it, and those far earlier (named, not drawn):
    one long before the main series (Medellín 1991) would squash the years that matter."""
    main = rows.loc[rows["series"] == C.MAIN_SERIES]
    others = rows.loc[rows["series"] != C.MAIN_SERIES]
    far = others["year"] < (main["year"].min() - FAR_YEARS) if len(main) else others["year"] < 0
    return main, others.loc[~far], others.loc[far]


def _not_drawn_note(chart: _Chart) -> str:
    not_drawn = chart.not_drawn
    if not len(not_drawn):
        return ""
    return t("city_chart_not_drawn", chart.lang) + " " + "; ".join(
        f"{series_label(s, source, chart.lang)} {F.year(y)}: {chart.n(v)}"
        for s, source, y, v in zip(not_drawn["series"], not_drawn["source"], not_drawn["year"], not_drawn["value"]))


def trajectory_figure(data: Dataset, table: pd.DataFrame, city_id: str, settings: Settings, lang: str, *,
                      show_national: bool = False, events: bool = True,
                      highlight: str | int | None = None) -> go.Figure:
    """One city's observed values, reference points, baseline, target path, target and projection; its `events`
    within those years (`highlight`: an event's index or a practice_id, marked strongly)."""
    name = city_name(data, city_id)
    rows = city_series(data, city_id, settings.indicator)
    if not len(rows) or city_id not in table.index:
        label = lower_first(indicator_label(data.catalog, settings.indicator, lang))
        return theme.empty_figure(t("city_chart_no_data", lang, city=name, indicator=label), lang)
    row = table.loc[city_id]
    chart = _Chart(go.Figure(), lang, value_decimals(data.catalog, settings.indicator), *_split_series(rows))
    first, last = _x_span(chart, row, rows, settings)
    drawn_events = events_within(city_events(data.events, city_id), first, last + YEAR_END) if events else None
    if drawn_events is not None:
        chart.breaks = data_breaks(drawn_events)
    _draw_band(chart)
    _draw_main(chart, name, city_id, settings.smoothing)
    _draw_references(chart)
    with_target = has_target(row) and not pd.isna(row.get("target")) and not pd.isna(row.get("baseline"))
    if with_target:
        _draw_target(chart, row, settings)
    _mark_baseline_and_latest(chart, row, name)
    _draw_national(chart, national_rows(data, city_id, settings.indicator) if show_national else pd.DataFrame())
    drawn = [v for v in chart.shown if not pd.isna(v)]
    y_max = max(drawn) if drawn else 1.0
    _frame(chart, data, row, rows, settings, name, y_max)
    stretch = 1.0
    if drawn_events is not None and len(drawn_events):
        stretch = _draw_events(chart, drawn_events, first, last, highlight, data.practices)
    if chart.right_labels:
        _label_right_edge(chart, settings.target_year, y_max * 1.12 * stretch)
    return chart.fig


def _draw_events(chart: _Chart, events: pd.DataFrame, first: int, last: int, highlight,
                 practices: pd.DataFrame) -> float:
    """The city's events over the chart, the x axis widened to the last of them; how much taller the y axis was made
    for their badges."""
    end = max(last + X_PAD, float(events["position"].max()) + 0.3)
    chart.fig.update_xaxes(range=[first - X_PAD, end])
    narrowest = theme.PHONE_PX - LEFT_MARGIN - RIGHT_MARGIN
    strip = draw_events(chart.fig, events, chart.lang, x_range=(first - X_PAD, end), highlight=highlight,
                        narrowest_px=narrowest, practices=practices)
    top = chart.fig.layout.yaxis.range[1]
    needed = _top_under_badges(chart, strip, (end - first + X_PAD) / narrowest)
    chart.fig.update_yaxes(range=[0, needed])
    return needed / top


def _top_under_badges(chart: _Chart, strip: Strip, years_per_px: float) -> float:
    """The y axis' top that keeps every point, line and label under the events' badges where they share years (on
    the narrowest plot, where labels are widest). Heights are in pixels: the plot's own height is known."""
    layout = chart.fig.layout
    plot_px = layout.height - layout.margin.t - layout.margin.b
    needed = top = layout.yaxis.range[1]
    for low, high, value, over_px in _drawn_extents(chart, years_per_px):
        depth = max((d for lo, hi, d in strip.spans if low <= hi and high >= lo), default=0)
        if depth and value > 0:
            needed = max(needed, value * plot_px / max(plot_px - depth - over_px, plot_px / 8))
    return max(needed, top)


def _drawn_extents(chart: _Chart, years_per_px: float):
    """(first x, last x, y, pixels over y) of everything drawn: each point with the segments beside it (yearly
    series), each label over a point, each reference point's text."""
    for trace in chart.fig.data:
        over = REFERENCE_LABEL_PX if "text" in (trace.mode or "") else MARKER_PX
        for x, y in zip(trace.x, trace.y):
            if x is not None and y is not None and not pd.isna(y):
                yield float(x) - 1, float(x) + 1, float(y), over
    for a in chart.fig.layout.annotations:
        if a.showarrow is False or a.ay is None or a.ay >= 0 or a.y is None:
            continue
        lines = a.text.split("<br>")
        width = CHAR_PX * max(len(re.sub(r"<[^>]+>", "", line)) for line in lines) * years_per_px
        low = a.x - width if a.xanchor == "right" else a.x - width / 2
        yield low, low + width, float(a.y), -a.ay + LABEL_LINE_PX * len(lines)


def _x_span(chart: _Chart, row: pd.Series, rows: pd.DataFrame, settings: Settings) -> tuple[int, int]:
    """The first and last year the chart draws: its reference points', its main series', the target's."""
    main, others = chart.main, chart.others
    first_year = int(main["year"].min()) if len(main) else int(rows["year"].min())
    x_first = min(int(others["year"].min()), first_year) if len(others) else first_year
    last_year = int(main["year"].max()) if len(main) else int(rows["year"].max())
    has_path = has_target(row) and not pd.isna(row.get("target"))
    return x_first, settings.target_year if has_path else max(last_year, int(rows["year"].max()))


def _frame(chart: _Chart, data: Dataset, row: pd.Series, rows: pd.DataFrame, settings: Settings, name: str,
           y_max: float) -> None:
    """Title, subtitle, source line, legend and axes of the trajectory chart."""
    lang, main, others = chart.lang, chart.main, chart.others
    has_path = has_target(row) and not pd.isna(row.get("target"))
    first_year = int(main["year"].min()) if len(main) else int(rows["year"].min())
    last_year = int(main["year"].max()) if len(main) else int(rows["year"].max())
    x_first, x_last = _x_span(chart, row, rows, settings)
    years = f"{first_year}–{last_year}" if first_year != last_year else str(first_year)
    title = t("city_chart_title", lang, city=name, indicator=indicator_title(data.catalog, settings.indicator, lang),
              years=years)
    if has_path and not pd.isna(row.get("baseline")):
        subtitle = against(settings, lang) + " · " + t(
            "city_chart_subtitle", lang, baseline_year=F.year(row["baseline_year"]),
            required=annual_rate(row["cagr_required"], lang), actual=annual_rate(row["cagr_actual"], lang))
    else:
        subtitle = summary_sentence(row, name, lang, chart.decimals)
    legend_rows = sum(1 for trace in chart.fig.data if trace.showlegend is not False and trace.name)
    theme.any_width_frame(chart.fig, lang, title, subtitle, source_line(chart.sources, lang),
                          note=_not_drawn_note(chart), height=CHART_HEIGHT, legend_rows=legend_rows)
    chart.fig.update_layout(margin=dict(l=LEFT_MARGIN, r=RIGHT_MARGIN))
    theme.year_axis(chart.fig, x_first - X_PAD, x_last + X_PAD, showgrid=False, ticks="outside")
    near_baseline = len(others) and not pd.isna(row.get("baseline_year")) and (
        abs(others["year"] - row["baseline_year"]) <= CROWDED_YEARS).any()
    fig_unit = unit_label(data.catalog, settings.indicator, lang)
    chart.fig.update_yaxes(range=[0, y_max * (1.25 if near_baseline else 1.12)],
                           title=dict(text=escape.plotly(fig_unit)),
                           rangemode="tozero", zeroline=True, zerolinecolor="#888888")
