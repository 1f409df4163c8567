"""A city's events on a chart whose x axis is in years: a dotted line at each date, a numbered badge at the top of the
plot and the event in words on hover. A change in how figures are counted (kind "data") is grey and long-dashed, and the
city's line is broken there, so the years on either side are not read as one series.

Pure (no Streamlit). The same figure is read on a laptop and on a phone, so the badges are laid out once, for the
narrowest plot: staggered in rows where dates are close, a bare dot (still with its hover) where the rows are full.
"""

from __future__ import annotations

import textwrap
from typing import NamedTuple

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from pioc_metrics import constants as C
from pioc_metrics.figures import theme
from pioc_metrics.text import escape
from pioc_metrics.text.i18n import t
from pioc_metrics.text.stories import event_date, event_kind, event_title, practice_title

EVENT_NAME = "event"  # each event's line (shape) and badge (annotation) are named "event <number>"
HOVER_CHARS = 60
BADGE_SIZE = 11
ROW_PX = 20  # a badge's height: one row of the strip at the top of the plot
MAX_ROWS = 3
STRIP_PAD_PX = 6  # between the lowest badge and what the chart draws under it
DOT_PX = 12  # the row of bare dots under the badges, where even the rows are full
CHAR_PX = 6.5  # about a character's width at BADGE_SIZE, bold
BADGE_PAD_PX = 8  # a badge's border and padding, both sides
GAP_PX = 3  # between two badges in a row
HIGHLIGHT_CHARS = 18  # the highlighted event's label wraps at this (a phone's plot is under 200 px wide)
MARKER_SIZE = 9  # the compare chart's marker on each city's line


def city_events(events: pd.DataFrame, city_id: str) -> pd.DataFrame:
    """The city's events in date order, each with its `number` as the chart labels it (1: the earliest of the city's
    events, drawn or not, so a list of the city's events can be numbered the same way)."""
    own = events.loc[events["city_id"] == city_id].sort_values("position", kind="stable")
    return own.assign(number=np.arange(1, len(own) + 1))


def events_within(events: pd.DataFrame, first: float, last: float) -> pd.DataFrame:
    """The events dated from `first` to `last` (positions on the year axis, both included)."""
    position = events["position"].astype(float)
    return events.loc[(position >= first) & (position <= last)]


def data_breaks(events: pd.DataFrame) -> list[float]:
    """Where the counting changed: the positions of the `data` events, in order."""
    return sorted(float(p) for p in events.loc[events["kind"] == C.DATA_EVENT, "position"])


def gapped(x, y, breaks, *more) -> tuple[list, ...]:
    """`x`, `y` (and any other per-point lists) with a None between the two points on either side of each break, so
    that plotly does not join them: a point dated at or after a break is counted the new way."""
    x, y, more = list(x), list(y), [list(m) for m in more]
    out = [[], [], *([] for _ in more)]
    for i, year in enumerate(x):
        if i and any(x[i - 1] < b <= year for b in breaks):
            for part in out:
                part.append(None)
        for part, values in zip(out, [x, y, *more]):
            part.append(values[i])
    return tuple(out)


def event_hover(event: pd.Series, lang: str, city: str = "") -> str:
    """The event in words for a hover label, escaped and wrapped: date, kind and title (for a change in counting,
    'Counting changed: ...') and its source. (The page lists each event's description.)"""
    date, title = event_date(event, lang), event_title(event, lang)
    if event["kind"] == C.DATA_EVENT:
        lines = [f"<b>{escape.plotly(date)}</b>", _wrap(t("event_data_break", lang, title=title))]
    else:
        lines = ["<b>" + _wrap(t("event_line", lang, date=date, kind=event_kind(event["kind"], lang), title=title))
                 + "</b>"]
    if city:
        lines.insert(0, f"<b>{escape.plotly(city)}</b>")
    lines.append(_wrap(t("event_source", lang, source=event["source"])))
    return "<br>".join(lines)


def _wrap(text: str) -> str:
    """Plain text escaped and broken into hover lines; a long URL is broken too (a hover is not a link)."""
    lines = textwrap.wrap(str(text), HOVER_CHARS, break_long_words=True, break_on_hyphens=False)
    return "<br>".join(escape.plotly(line) for line in lines)


def _style(event: pd.Series, strong: bool) -> dict:
    """Line and badge of one event: an ordinary one, a change in counting, or the highlighted one."""
    if strong:
        return {"line": dict(color=theme.HIGHLIGHT_COLOUR, width=2, dash="solid"), "ink": theme.HIGHLIGHT_COLOUR,
                "border": theme.HIGHLIGHT_COLOUR}
    if event["kind"] == C.DATA_EVENT:
        return {"line": dict(color=theme.DATA_BREAK_COLOUR, width=1.5, dash="longdash"), "ink": theme.MUTED,
                "border": theme.DATA_BREAK_COLOUR}
    return {"line": dict(color=theme.EVENT_COLOUR, width=1, dash="dot"), "ink": theme.INK,
            "border": theme.EVENT_COLOUR}


def _highlighted(events: pd.DataFrame, highlight, practices: pd.DataFrame | None, lang: str):
    """(index of the highlighted event, its label) or (None, ""): `highlight` is an event's index, or a practice_id
    whose earliest event in `events` is its start."""
    if highlight is None or not len(events):
        return None, ""
    if isinstance(highlight, str):
        matches = events.index[events["practice_id"] == highlight]
        if not len(matches):
            return None, ""
        index = matches[0]
        practice = practices.loc[practices["practice_id"] == highlight] if practices is not None else pd.DataFrame()
        name = practice_title(practice.iloc[0], lang) if len(practice) else event_title(events.loc[index], lang)
        return index, t("practice_start_marker", lang, practice=name, year=int(events.at[index, "year"]))
    if highlight in events.index:
        return highlight, event_title(events.loc[highlight], lang)
    return None, ""


class Strip(NamedTuple):
    """What `draw_events` took at the top of the plot: its height in pixels, and each badge's (or dot's) span on
    the x axis (on the narrowest plot, where it is widest) with how far under the plot's top it reaches (px)."""

    px: int
    spans: list[tuple[float, float, int]]


class _Badge(NamedTuple):
    text: str | None  # None: a bare dot
    row: int | None  # from the top (a dot with no room in any row: the one under every badge)
    height: int  # rows
    anchor: str
    span: tuple[float, float]  # px on the narrowest plot


class _Rows:
    """The strip's rows, each holding the pixel spans (on the narrowest plot) of the badges placed in it."""

    def __init__(self, width_px: float):
        self.width = width_px
        self.spans: list[list[tuple[float, float]]] = [[] for _ in range(MAX_ROWS)]

    def span(self, x_px: float, width: float, beside: bool = False) -> tuple[tuple[float, float], str]:
        """The badge's span and xanchor: centred on its line, or beside it where the plot's edge is near (`beside`:
        always beside it, on the side with more room)."""
        if beside or x_px - width / 2 < 0 or x_px + width / 2 > self.width:
            if self.width - x_px >= min(width, x_px):
                return (x_px, x_px + width), "left"
            return (x_px - width, x_px), "right"
        return (x_px - width / 2, x_px + width / 2), "center"

    def free(self, row: int, span: tuple[float, float]) -> bool:
        return all(span[1] + GAP_PX <= lo or span[0] >= hi + GAP_PX for lo, hi in self.spans[row])

    def place(self, span: tuple[float, float], height: int, force: bool = False) -> int | None:
        """The first row from which `height` rows are free for `span` (taken), else None (row 0 when forced)."""
        for row in range(MAX_ROWS - height + 1):
            if all(self.free(r, span) for r in range(row, row + height)):
                break
        else:
            if not force:
                return None
            row = 0
        for r in range(row, min(row + height, MAX_ROWS)):
            self.spans[r].append(span)
        return row


def _badges(events: pd.DataFrame, strong, strong_label: str, x_px: dict, width_px: float,
            numbered: bool) -> dict:
    """Each event's badge: the highlighted one first (its label over several rows), then the numbers in date
    order, each in the first row with room for it; a bare dot where no row has room (or without `numbered`)."""
    rows = _Rows(width_px)
    placed = {}
    if strong is not None:
        lines = textwrap.wrap(strong_label, HIGHLIGHT_CHARS, break_long_words=False, break_on_hyphens=False) or [""]
        # Beside its line, a flag: the events on its other side keep their numbers.
        span, anchor = rows.span(x_px[strong], CHAR_PX * max(len(line) for line in lines) + BADGE_PAD_PX, beside=True)
        text = "<b>" + theme.wrap(strong_label, HIGHLIGHT_CHARS) + "</b>"
        placed[strong] = _Badge(text, rows.place(span, len(lines), force=True), len(lines), anchor, span)
    for index in events.index.drop(strong) if strong is not None else events.index:
        text = str(int(events.at[index, "number"]))
        span, anchor = rows.span(x_px[index], CHAR_PX * len(text) + BADGE_PAD_PX)
        row = rows.place(span, 1) if numbered else None
        if row is not None:
            placed[index] = _Badge(text, row, 1, anchor, span)
            continue
        dot = (x_px[index] - DOT_PX / 2, x_px[index] + DOT_PX / 2)
        placed[index] = _Badge(None, rows.place(dot, 1) if numbered else 0, 1, "center", dot)
    used = max((b.row + b.height for b in placed.values() if b.text is not None), default=0)
    return {i: b._replace(row=used) if b.text is None and b.row is None else b for i, b in placed.items()}


def draw_events(fig: go.Figure, events: pd.DataFrame, lang: str, *, x_range: tuple[float, float],
                narrowest_px: float, axes: tuple[str, str] = ("x", "y"), numbered: bool = True,
                highlight: str | int | None = None, practices: pd.DataFrame | None = None) -> Strip:
    """Draw `events` (one city's, e.g. from `city_events`) dated within `x_range` (the x axis' range) on the plot of
    `axes`, their badges laid out for a plot `narrowest_px` wide. Without `numbered` (a small chart): the lines and a
    dot on top, with the hover. `highlight`: an event's index or a practice_id, drawn strongly with its label.
    Returns what the badges take at the top of the plot, for the caller to keep its own drawing under."""
    low, high = x_range
    events = events_within(events, low, high)
    if not len(events):
        return Strip(0, [])
    if "number" not in events:
        events = events.assign(number=np.arange(1, len(events) + 1))
    xref, yref = axes
    strong, strong_label = _highlighted(events, highlight, practices, lang)
    to_px = narrowest_px / max(high - low, 1e-9)
    x_px = {i: (float(p) - low) * to_px for i, p in events["position"].items()}
    badges = _badges(events, strong, strong_label, x_px, narrowest_px, numbered)
    for index, event in events.iterrows():
        style, badge = _style(event, index == strong), badges[index]
        name, x = f"{EVENT_NAME} {int(event['number'])}", float(event["position"])
        fig.add_shape(type="line", name=name, x0=x, x1=x, xref=xref, y0=0, y1=1, yref=f"{yref} domain",
                      line=style["line"], layer="below")
        common = dict(name=name, x=x, xref=xref, y=1, yref=f"{yref} domain", yanchor="top", showarrow=False,
                      yshift=-(badge.row * ROW_PX + 1), hovertext=event_hover(event, lang),
                      hoverlabel=dict(bgcolor="white", bordercolor=style["border"], font=dict(color=theme.INK)))
        if badge.text is None:
            fig.add_annotation(**common, text="●", xanchor="center", font=dict(size=9, color=style["border"]))
        else:
            fig.add_annotation(**common, text=badge.text, xanchor=badge.anchor, align="left",
                               font=dict(size=BADGE_SIZE, color=style["ink"]), bgcolor="white",
                               bordercolor=style["border"], borderwidth=1, borderpad=2)
    spans = [(low + b.span[0] / to_px, low + b.span[1] / to_px,
              b.row * ROW_PX + (b.height * ROW_PX if b.text is not None else DOT_PX) + STRIP_PAD_PX)
             for b in badges.values()]
    return Strip(max(depth for _, _, depth in spans), spans)


def draw_event_markers(fig: go.Figure, events: pd.DataFrame, years, values, *, colour: str, city: str, lang: str,
                       log: bool = False) -> None:
    """A small marker on a city's own line (`years`, `values`, as drawn) at each of its events within the line's
    years, in the line's colour, with the event in words on hover; no label (a compare chart is crowded)."""
    years, values = np.asarray(years, dtype=float), np.asarray(values, dtype=float)
    if not len(years):
        return
    events = events_within(events, years.min(), years.max())
    if not len(events):
        return
    x = events["position"].astype(float).to_numpy()
    y = 10 ** np.interp(x, years, np.log10(values)) if log else np.interp(x, years, values)
    data = (events["kind"] == C.DATA_EVENT).to_numpy()
    fig.add_trace(go.Scatter(
        x=x.tolist(), y=y.tolist(), mode="markers", name=escape.plotly(city), showlegend=False, meta=EVENT_NAME,
        marker=dict(size=MARKER_SIZE, symbol=["diamond-wide" if d else "diamond" for d in data],
                    color=["white" if d else colour for d in data], line=dict(width=1.5, color=colour)),
        customdata=[event_hover(event, lang, city) for _, event in events.iterrows()],
        hovertemplate="%{customdata}<extra></extra>",
    ))


def event_positions(fig: go.Figure) -> list[float]:
    """The x of every event drawn on `fig` (its lines, and the compare chart's markers), in drawing order."""
    lines = [float(shape.x0) for shape in fig.layout.shapes if (shape.name or "").startswith(EVENT_NAME + " ")]
    markers = [float(x) for trace in fig.data if trace.meta == EVENT_NAME for x in trace.x]
    return lines + markers
