"""The one look of every plotly chart: fonts, colours, margins, registered as the template "pioc".

A figure says only what is particular to it; `titles` gives it the template, the language's
decimal marks, its title and subtitle and the source line under the plot. The projector's
template ("pioc_projector") is the same template with every size scaled up.
"""

from __future__ import annotations

import textwrap
from typing import NamedTuple

import plotly.graph_objects as go
import plotly.io as pio

from pioc_metrics import constants as C
from pioc_metrics.text import escape

NAME = "pioc"
PROJECTOR_NAME = "pioc_projector"
PROJECTOR_SCALE = 1.6

# Streamlit's own font in the app (served with the app, offline); DejaVu Sans in exported images.
FONT_FAMILY = "Source Sans, DejaVu Sans, Arial, sans-serif"
FONT_SIZE = 14
TITLE_SIZE = 19
SUBTITLE_SIZE = 14
SOURCE_SIZE = 11
LEGEND_SIZE = 13
AXIS_TITLE_SIZE = 13
HOVER_SIZE = 14
# Charts drawn in half a page (the overview's network charts) take smaller titles.
COMPACT_SIZES = {"title": 15, "subtitle": 12, "source": 10}
SOURCE_CHARS = 150  # the source line wraps at about this many characters
NOTE_NAME, SOURCE_NAME = "note", "source"  # the annotations under the plot (a slide gives its source in text)
FOOT_LINE_HEIGHT = 1.3  # plotly's line height, in font sizes
# What fits a phone's 350 px chart at the sizes above (characters a line): titles and foot are wrapped to it.
PHONE_CHARS = {"title": 38, "subtitle": 56, "foot": 56}
PHONE_PX = 350  # that chart's width: what a label laid out once must fit (the same figure goes to a laptop)
HEAD_PAD = 30  # px above the title: plotly's toolbar has its own row there, not over the title
TICKS_HEIGHT = 38  # px under the plot for the x axis' tick labels
LEGEND_ROW = 30  # px a row of a horizontal legend takes
AXIS_TITLE_HEIGHT = 24  # px an x axis' title takes under the tick labels
YEARS_AUTO_TICKS = 10  # from this span of years on, plotly chooses the tick step for the width

INK = "#222222"
MUTED = "#555555"  # subtitles, source lines, quiet labels
RULE = "#999999"  # reference lines and axis lines
GRID = "#EEEEEE"
MAIN_COLOUR = "#0072B2"  # Okabe-Ito blue: the city's own line, the network's median
PATH_COLOUR = "#009E73"  # Okabe-Ito bluish green: the path to the target, in every chart
PATH_TEXT_COLOUR = "#00785A"  # the same green, dark enough for text on white (WCAG AA)
PROJECTION_COLOUR = "#333333"
NATIONAL_COLOUR = "#999999"
EVENT_COLOUR = "#555555"  # an event's dotted line and its badge
DATA_BREAK_COLOUR = "#999999"  # a change in how figures are counted: grey, long dashes ("dash" is the path's)
HIGHLIGHT_COLOUR = INK  # the one event a page points at (a practice's start)
# Okabe-Ito, without yellow (too pale on white): one colour per compared city.
CITY_PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
DASHES = ("solid", "dash", "dot", "dashdot")
STATUS_COLOURS = C.STATUS_COLOURS  # one colour per status, next to its symbol and words
NO_STATUS_COLOUR = "#777777"
MARGIN = {"l": 70, "r": 40, "t": 95, "b": 60}


def template(scale: float = 1.0) -> go.layout.Template:
    """The theme as a plotly template, every size multiplied by `scale`."""
    def size(value: float) -> int:
        return int(round(value * scale))

    theme = go.layout.Template(pio.templates["plotly_white"])
    theme.layout.update(
        font={"family": FONT_FAMILY, "size": size(FONT_SIZE), "color": INK},
        title={"x": 0, "xanchor": "left", "font": {"size": size(TITLE_SIZE)},
               "subtitle": {"font": {"size": size(SUBTITLE_SIZE), "color": MUTED}}},
        colorway=list(CITY_PALETTE),
        margin={side: size(value) for side, value in MARGIN.items()},
        legend={"font": {"size": size(LEGEND_SIZE)}},
        hoverlabel={"font": {"family": FONT_FAMILY, "size": size(HOVER_SIZE)}},
        paper_bgcolor="white",
        plot_bgcolor="white",
        xaxis={"title": {"font": {"size": size(AXIS_TITLE_SIZE)}}},
        yaxis={"title": {"font": {"size": size(AXIS_TITLE_SIZE)}}},
    )
    return theme


pio.templates[NAME] = template()
pio.templates[PROJECTOR_NAME] = template(PROJECTOR_SCALE)


def separators(lang: str) -> str:
    """Plotly's decimal and thousands characters for the language (12.3 / 12,3)."""
    return ".," if lang == "en" else ",."


def wrap(text: str, width: int) -> str:
    """Plain text escaped for plotly and broken into lines of about `width` characters (plotly does not wrap)."""
    lines = textwrap.wrap(str(text), width=width, break_long_words=False, break_on_hyphens=False)
    return "<br>".join(escape.plotly(line) for line in lines)


def status_colour(status: str) -> str:
    return STATUS_COLOURS.get(status, NO_STATUS_COLOUR)


class Lines(NamedTuple):
    """How many lines the head (title and subtitle) and the foot (note and source) take."""

    head: int
    foot: int


def titles(fig: go.Figure, lang: str, title: str, subtitle: str = "", source: str = "", *, note: str = "",
           width: int | None = None, source_gap: int = 40, compact: bool = False,
           subtitle_width: int | None = None, foot_width: int | None = None) -> Lines:
    """Every chart's frame: the template, the language's decimal marks, the title and subtitle on top,
    a note and the source line under the plot (`source_gap` pixels below it). Text is plain: escaped
    here; `width` wraps title and subtitle at about that many characters (`subtitle_width`, `foot_width`: the
    subtitle's, the note's and source's own)."""
    sizes = COMPACT_SIZES if compact else {"title": TITLE_SIZE, "subtitle": SUBTITLE_SIZE, "source": SOURCE_SIZE}
    head = wrap(title, width) if width else escape.plotly(title)
    subtitle_width = subtitle_width or (width + 10 if width else None)
    sub = wrap(subtitle, subtitle_width) if subtitle_width else escape.plotly(subtitle)
    heading = {"text": head, "font": {"size": sizes["title"]}}
    if sub:
        heading["subtitle"] = {"text": sub, "font": {"size": sizes["subtitle"], "color": MUTED}}
    fig.update_layout(template=NAME, separators=separators(lang), title=heading)
    foot_width = foot_width or (width + 10 if width else SOURCE_CHARS)
    shift = source_gap
    foot_lines = 0
    for name, text in ((NOTE_NAME, wrap(note, foot_width)), (SOURCE_NAME, wrap(source, foot_width))):
        if text:  # the note, then the source line under it: two annotations, so a slide can leave the source out
            fig.add_annotation(name=name, text=text, xref="paper", yref="paper", x=0, y=0, yshift=-shift,
                               xanchor="left", yanchor="top", showarrow=False, align="left",
                               font={"size": sizes["source"], "color": MUTED})
            shift += (text.count("<br>") + 1) * sizes["source"] * FOOT_LINE_HEIGHT
            foot_lines += text.count("<br>") + 1
    title_lines, subtitle_lines = (text.count("<br>") + 1 if text else 0 for text in (head, sub))
    return Lines(head=title_lines + subtitle_lines, foot=foot_lines)


def head_height(title: str, subtitle: str = "") -> int:
    """Pixels the title and subtitle take over the plot in `any_width_frame`."""
    title_lines = wrap(title, PHONE_CHARS["title"]).count("<br>") + 1
    subtitle_lines = wrap(subtitle, PHONE_CHARS["subtitle"]).count("<br>") + 1 if subtitle else 0
    return round(HEAD_PAD + FOOT_LINE_HEIGHT * (TITLE_SIZE * title_lines + SUBTITLE_SIZE * subtitle_lines)) + 16


def any_width_frame(fig: go.Figure, lang: str, title: str, subtitle: str = "", source: str = "", *,
                    note: str = "", height: int, legend_rows: int = 0, axis_title: bool = False) -> Lines:
    """The frame of a chart read on a laptop and on a phone alike (plotly does not wrap, and the server does not
    know the screen): title, subtitle and foot wrapped to fit 350 px, the margins made to hold them, the title at
    the top, and room under the ticks (and the x axis' title) for a legend of up to `legend_rows` rows (a
    phone's) before the foot."""
    gap = TICKS_HEIGHT + AXIS_TITLE_HEIGHT * axis_title + LEGEND_ROW * legend_rows
    lines = titles(fig, lang, title, subtitle, source, note=note, width=PHONE_CHARS["title"],
                   subtitle_width=PHONE_CHARS["subtitle"], foot_width=PHONE_CHARS["foot"], source_gap=gap)
    title_lines = wrap(title, PHONE_CHARS["title"]).count("<br>") + 1
    top = head_height(title, subtitle)
    bottom = round(gap + 6 + FOOT_LINE_HEIGHT * SOURCE_SIZE * lines.foot) + 8
    # plotly puts a title of several lines half a line too high for each line after the first: moved down.
    title_y = 1 - (HEAD_PAD + (title_lines - 1) * TITLE_SIZE * FOOT_LINE_HEIGHT / 2) / height
    fig.update_layout(height=height, margin={"t": top, "b": bottom},
                      title={"y": title_y, "yref": "container", "yanchor": "top"})
    if legend_rows:
        fig.update_layout(legend={"orientation": "h", "x": 0, "xanchor": "left", "yref": "container",
                                  "y": (bottom - gap + LEGEND_ROW * legend_rows) / height, "yanchor": "top"})
    return lines


def year_axis(fig: go.Figure, first: float, last: float, **options) -> None:
    """An x axis of years: plotly picks the step for the chart's width (10 years on a phone, 5 on a laptop),
    every year when the span is short (a plotly step could fall between years)."""
    step = {"dtick": 1} if last - first < YEARS_AUTO_TICKS else {"tickmode": "auto", "nticks": 0}
    fig.update_xaxes(range=[first, last], tickformat="d", **step, **options)


def empty_figure(message: str, lang: str) -> go.Figure:
    """A chart-sized message where there is nothing to draw."""
    fig = go.Figure()
    fig.update_layout(template=NAME, separators=separators(lang), height=300,
                      xaxis={"visible": False}, yaxis={"visible": False},
                      margin={"l": 20, "r": 20, "t": 20, "b": 20})
    fig.add_annotation(text=escape.plotly(message), x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font={"size": 18, "color": MUTED})
    return fig
