"""Chart images made on the server (PNG, SVG): title, chart, legend, source and settings each in its own band.

Pure functions: no Streamlit. Images are drawn by kaleido with the machine's Chromium
(env BROWSER_PATH, else /usr/bin/chromium) and the plotly.js that plotly ships, with
MathJax off, so an export never needs the internet.

The bands are laid out in pixels before plotly draws anything: each text is wrapped to the image's
width (widths estimated for DejaVu Sans, the font the exports are drawn in, a little generously), the
margins are made to hold the bands, and the plot takes what is left. So no text ever lies over
another, in any language.
"""

from __future__ import annotations

import contextlib
import html
import math
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import plotly.graph_objects as go

from pioc_metrics.figures import theme
from pioc_metrics.settings import Settings
from pioc_metrics.text import escape
from pioc_metrics.text import formatting as F
from pioc_metrics.text.i18n import LANGUAGES, t

DEFAULT_CHROMIUM = "/usr/bin/chromium"
IMAGE_FORMATS = ("png", "svg")
MIME_TYPES = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}

PAD = 16  # px from the image's edge to any text
GAP = 12  # px between two bands
FOOT_GAP = 6  # px between the source and the settings
LINE = 1.3  # plotly's line height, in font sizes
BOX = 4  # px an annotation's box adds to its lines (border padding)
SIZES = {"title": 22, "subtitle": 15, "legend": 13, "foot": 13}  # px at 1200 px wide
MIN_PLOT = 160  # px: below this the image grows taller rather than squeeze the plot away
# plotly's horizontal legend: each entry is a 40 px symbol (itemwidth 30 + two 5 px gaps) and its text,
# entries 5 px apart, rows max(line, 16) + 3 px high, 10 px of padding around the rows.
LEGEND_SYMBOL, LEGEND_GAP, LEGEND_ROW_EXTRA, LEGEND_PADDING = 40, 5, 3, 10
# Advance widths of DejaVu Sans in ems, rounded up by character class.
NARROW, WIDE = set(" .,:;'!|()[]{}/-ijltfrI1"), set("mwMW%@—")
EXPORT_BANDS = ("export_title", "export_subtitle", "export_source", "export_settings")  # annotation names


def _browser_ready() -> None:
    """Point kaleido at the machine's Chromium unless BROWSER_PATH already says where one is."""
    if not os.environ.get("BROWSER_PATH") and Path(DEFAULT_CHROMIUM).exists():
        os.environ["BROWSER_PATH"] = DEFAULT_CHROMIUM


# ---------------------------------------------------------------------------
# Text in pixels
# ---------------------------------------------------------------------------

def text_width(text: str, size: float) -> float:
    """The width in px of one line of plain text at `size` px, estimated a little generously."""
    ems = 0.0
    for char in str(text):
        ems += (0.42 if char in NARROW else 1.0 if char in WIDE else 0.8 if char.isupper()
                else 0.66 if char.isdigit() else 0.63)
    return ems * size


def wrap_px(text: str, size: float, width: float) -> list[str]:
    """Plain text broken into lines no wider than `width` px (a word longer than that keeps its own line)."""
    lines: list[str] = []
    for paragraph in str(text or "").split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if line and text_width(candidate, size) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        if line:
            lines.append(line)
    return lines


@dataclass(frozen=True)
class Band:
    """Lines of plain text written as one annotation: its name, lines, font size and colour."""

    name: str
    lines: tuple[str, ...]
    size: float
    colour: str

    @property
    def height(self) -> float:
        return math.ceil(len(self.lines) * LINE * self.size) + BOX if self.lines else 0

    def annotation(self, left: float, y: float, yshift: float) -> dict:
        """The band at paper `y`, shifted `yshift` px, its left edge `left` px left of the plot's."""
        return dict(
            name=self.name, text="<br>".join(escape.plotly(line) for line in self.lines), xref="paper",
            yref="paper", x=0, xanchor="left", xshift=-left, y=y, yanchor="top", yshift=yshift,
            showarrow=False, align="left", font={"size": self.size, "color": self.colour},
        )


def _band(name: str, text: str, size: float, colour: str, width: float) -> Band:
    return Band(name, tuple(wrap_px(text, size, width)), size, colour)


# ---------------------------------------------------------------------------
# What the figure already carries
# ---------------------------------------------------------------------------

def _source_prefixes() -> tuple[str, ...]:
    """'Source:', 'Fuente:', 'Fonte:': how a source line starts in each language."""
    return tuple(dict.fromkeys(t("source_line", lang, source="").strip() for lang in LANGUAGES))


def _is_foot(annotation) -> bool:
    """The note and source line `theme.titles` writes under the plot."""
    return (annotation.xref == "paper" and annotation.yref == "paper" and annotation.y == 0
            and annotation.yanchor == "top" and (annotation.yshift or 0) < 0 and not annotation.showarrow)


def take_foot(fig: go.Figure) -> tuple[str, str]:
    """The figure's own note and source line (plain text), removed from the figure."""
    feet = [a for a in fig.layout.annotations if _is_foot(a)]
    fig.layout.annotations = [a for a in fig.layout.annotations if not _is_foot(a)]
    lines = [html.unescape(line) for a in feet for line in str(a.text or "").split("<br>")]
    starts = [i for i, line in enumerate(lines) if line.startswith(_source_prefixes())]
    cut = starts[0] if starts else len(lines)
    return " ".join(lines[:cut]), " ".join(lines[cut:])


def merged_source(given: str, own: str) -> str:
    """One source line: the one given, with any citation the figure's own line adds to it."""
    if not given or not own:
        return given or own
    prefixes = _source_prefixes()

    def citations(line: str) -> list[str]:
        body = next((line[len(p):] for p in prefixes if line.startswith(p)), line)
        return [c.strip() for c in body.split("; ") if c.strip()]

    known = citations(given)
    extra = [c for c in citations(own) if c not in known]
    return given + "".join(f"; {c}" for c in extra)


def legend_entries(fig: go.Figure) -> list[str]:
    """The plain-text names of the traces plotly lists in the legend."""
    names = [html.unescape(str(trace.name if trace.name is not None else f"trace {i}"))
             for i, trace in enumerate(fig.data) if trace.showlegend is not False and trace.visible is not False]
    if fig.layout.showlegend is False or (fig.layout.showlegend is None and len(names) < 2):
        return []
    return names


@dataclass(frozen=True)
class LegendGrid:
    """How plotly will lay out the horizontal legend: rows, the text width given to each entry, height."""

    rows: int
    entry_width: float
    height: float


def legend_grid(names: list[str], size: float, max_width: float) -> LegendGrid:
    """Plotly's own rule: one row when every entry fits, else a grid of equal columns."""
    if not names:
        return LegendGrid(0, 0, 0)
    lines = max(name.count("<br>") + 1 for name in names)
    entry = max(text_width(part, size) for name in names for part in name.split("<br>")) + 4
    item = LEGEND_SYMBOL + entry
    if len(names) * item + (len(names) - 1) * LEGEND_GAP < max_width:
        rows = 1
    else:
        columns = max(1, math.floor((max_width + LEGEND_GAP - 0.01) / (item + LEGEND_GAP)))
        rows = math.ceil(len(names) / columns)
    row = max(LINE * size * lines, 16) + LEGEND_ROW_EXTRA
    return LegendGrid(rows, entry, math.ceil(rows * row + LEGEND_PADDING))


def axis_band(fig: go.Figure) -> float:
    """Px under the plot taken by the x axis' tick labels and title."""
    axis = fig.layout.xaxis
    if axis.visible is False:
        return 0
    tick = axis.tickfont.size or fig.layout.font.size or theme.FONT_SIZE
    band = LINE * tick + 14
    if axis.title.text:
        band += LINE * (axis.title.font.size or theme.AXIS_TITLE_SIZE) + 12
    return math.ceil(band)


# ---------------------------------------------------------------------------
# The decorated figure
# ---------------------------------------------------------------------------

def decorated_figure(fig: go.Figure, *, title: str, source_line: str, settings_line: str,
                     width: int = 1200, height: int = 675) -> go.Figure:
    """A copy of `fig` in the theme with, top to bottom, the title (and the figure's subtitle), the plot,
    the legend in rows, the note and source (printed once) and the settings, each in its own band.
    The texts are plain: escaped here."""
    out = go.Figure(fig)
    scale = max(width / 1200, 0.6)
    size = {band: round(px * scale, 1) for band, px in SIZES.items()}
    margin = out.layout.margin
    left, right = max(int(margin.l or 0), 60), max(int(margin.r or 0), 40)
    text_room = width - 2 * PAD
    subtitle = html.unescape(str(out.layout.title.subtitle.text or "")).replace("<br>", " ")
    note, own_source = take_foot(out)
    head = [_band("export_title", title, size["title"], theme.INK, text_room),
            _band("export_subtitle", subtitle, size["subtitle"], theme.MUTED, text_room)]
    foot = [_band("export_source", "\n".join(x for x in (note, merged_source(source_line, own_source)) if x),
                  size["foot"], theme.MUTED, text_room),
            _band("export_settings", settings_line, size["foot"], theme.MUTED, text_room)]
    legend = legend_grid(legend_entries(out), size["legend"], width - right)
    top = PAD + sum(b.height + GAP for b in head if b.lines) + GAP
    below_axis = axis_band(out) + GAP
    above_foot = below_axis + (legend.height + GAP if legend.rows else 0)
    bottom = above_foot + sum(b.height + FOOT_GAP for b in foot if b.lines) + PAD - FOOT_GAP
    height = max(height, top + bottom + MIN_PLOT)
    plot_height, plot_width = height - top - bottom, width - left - right
    out.update_layout(template=theme.NAME, width=width, height=height, title={"text": "", "subtitle": {"text": ""}},
                      margin={"t": top, "b": bottom, "l": left, "r": right})
    _place_legend(out, legend, size["legend"], x=-(left - PAD) / plot_width, y=-below_axis / plot_height)
    offset = top - PAD
    for band in (b for b in head if b.lines):
        out.add_annotation(band.annotation(left - PAD, 1, offset))
        offset -= band.height + GAP
    offset = -above_foot
    for band in (b for b in foot if b.lines):
        out.add_annotation(band.annotation(left - PAD, 0, offset))
        offset -= band.height + FOOT_GAP
    return out


def _place_legend(fig: go.Figure, legend: LegendGrid, size: float, *, x: float, y: float) -> None:
    """The legend in rows under the plot, from the left edge of the text bands (paper `x`, `y`)."""
    if not legend.rows:
        fig.update_layout(showlegend=False)
        return
    fig.update_layout(showlegend=True, legend={
        "orientation": "h", "traceorder": "normal", "xref": "paper", "yref": "paper", "x": x, "xanchor": "left",
        "y": y, "yanchor": "top", "entrywidth": legend.entry_width, "entrywidthmode": "pixels",
        "font": {"size": size}, "bgcolor": "rgba(255,255,255,0)"})
    for trace in fig.data:
        if "legendwidth" in trace:
            trace.legendwidth = None  # one width for every entry: the grid computed above


def figure_image(fig: go.Figure, fmt: str, *, title: str, source_line: str, settings_line: str,
                 width: int = 1200, height: int = 675) -> bytes:
    """The figure as PNG or SVG bytes, with title, legend, source and settings in their own bands."""
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"format must be one of {IMAGE_FORMATS}")
    decorated = decorated_figure(fig, title=title, source_line=source_line, settings_line=settings_line,
                                 width=width, height=height)
    return _render(decorated.to_dict(), {"format": fmt, "width": width, "height": decorated.layout.height,
                                         "scale": 1})


_RENDER_LOCK = threading.Lock()


def _render(fig_dict: dict, opts: dict) -> bytes:
    """One image from kaleido's warm browser (started on the first export, reused after: Chromium's
    cold start takes seconds); one call at a time, since the shared server is not thread-safe.
    If the warm browser fails, a one-off browser is tried before giving up."""
    import kaleido

    _browser_ready()
    with _RENDER_LOCK:
        try:
            kaleido.start_sync_server(mathjax=False, silence_warnings=True)
            return kaleido.calc_fig_sync(fig_dict, opts=opts)
        except Exception:
            with contextlib.suppress(Exception):
                kaleido.stop_sync_server(silence_warnings=True)
        return kaleido.calc_fig_sync(fig_dict, opts=opts, kopts={"mathjax": False})


def settings_text(settings: Settings, lang: str) -> str:
    """The settings line written on every export (same words as the pages' settings line)."""
    return F.settings_line(settings, lang)
