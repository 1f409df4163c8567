"""The presentation's slides: their order, and figures enlarged for a projector.

Pure functions (no Streamlit). A slide's figure is the page's figure in the projector's
template (`theme.PROJECTOR_NAME`, the same template scaled up), its own sizes scaled alike,
for a 1920x1080 screen seen from the back of a room. The slides' words are in `text.sentences`.
"""

from __future__ import annotations

import re

import plotly.graph_objects as go

from pioc_metrics.figures import theme

SLIDES = ("map", "medellin", "palmira", "network", "statuses", "pick")
FIXED_CITY_SLIDES = {"medellin": "medellin", "palmira": "palmira"}
PROJECTOR_SCALE = theme.PROJECTOR_SCALE
CHART_HEIGHT = 640
BOTTOM_SCALE = 1.25  # the bottom margin holds ticks, legend and source: grown less, so the plot keeps its room


def parse_slide(raw) -> tuple[int, bool]:
    """Slide number (1-based) from the link's `slide` value; (1, False) when absent or not understood."""
    if raw is None or raw == "":
        return 1, True
    text = str(raw).strip()
    if not re.fullmatch(r"\d{1,3}", text) or not 1 <= int(text) <= len(SLIDES):
        return 1, False
    return int(text), True


def for_projector(fig: go.Figure, *, height: int = CHART_HEIGHT, scale: float = PROJECTOR_SCALE) -> go.Figure:
    """A copy of a figure in the projector's template, every size of its own enlarged, at the given height."""
    out = go.Figure(fig)
    layout = out.layout

    def bigger(size, default: float) -> int:
        return int(round((size or default) * scale))

    out.update_layout(
        template=theme.PROJECTOR_NAME if scale == theme.PROJECTOR_SCALE else theme.template(scale),
        height=height,
        font={"size": bigger(layout.font.size, theme.FONT_SIZE)},
        title_font_size=bigger(layout.title.font.size, theme.TITLE_SIZE),
        legend_font_size=bigger(layout.legend.font.size, theme.LEGEND_SIZE),
        hoverlabel_font_size=bigger(layout.hoverlabel.font.size, theme.HOVER_SIZE),
    )
    if layout.title.subtitle and layout.title.subtitle.text:
        out.update_layout(title_subtitle_font_size=bigger(layout.title.subtitle.font.size, theme.SUBTITLE_SIZE))
    margin = {side: getattr(layout.margin, side) or theme.MARGIN[side] for side in theme.MARGIN}
    top, bottom = int(margin["t"] * scale), max(int(margin["b"] * BOTTOM_SCALE), 120)
    out.update_layout(margin={"l": int(margin["l"] * scale), "r": int(margin["r"] * scale), "t": top, "b": bottom})
    for axis in ("xaxis", "yaxis"):
        for name in [k for k in layout.to_plotly_json() if k.startswith(axis)]:
            current = layout[name]
            out.layout[name].tickfont.size = bigger(current.tickfont.size, theme.FONT_SIZE)
            out.layout[name].title.font.size = bigger(current.title.font.size, theme.AXIS_TITLE_SIZE)
    legend = layout.legend
    plot_height = max(height - top - bottom, 100)
    if legend.orientation == "h" and legend.y is not None and legend.y < 0:
        below_ticks = 2.4 * bigger(layout.font.size, theme.FONT_SIZE) + 12
        out.update_layout(legend_y=-below_ticks / plot_height)
    for annotation in out.layout.annotations:
        annotation.font.size = bigger(annotation.font.size, theme.FONT_SIZE)
        if annotation.yref == "paper" and annotation.y == 0 and (annotation.yshift or 0) < 0:
            annotation.yshift = annotation.yshift * BOTTOM_SCALE  # a foot note: stays in the bottom margin
        elif annotation.yshift:
            annotation.yshift = annotation.yshift * scale
        if annotation.xshift:
            annotation.xshift = annotation.xshift * scale
    for trace in out.data:
        if hasattr(trace, "textfont") and trace.textfont is not None:
            trace.textfont.size = bigger(trace.textfont.size, theme.FONT_SIZE)
    return out
