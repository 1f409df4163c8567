"""The presentation's slides: their order, and figures enlarged for a projector.

Pure functions (no Streamlit). A slide's figure is the page's figure in the projector's
template (`theme.PROJECTOR_NAME`, the same template scaled up), its own sizes scaled alike,
for a 1920x1080 screen seen from the back of a room. The slides' words are in `text.sentences`.
"""

from __future__ import annotations

import re

import plotly.graph_objects as go

from pioc_metrics.figures import theme

# A convening's slides, in order: the network's own slides (SLIDE_KINDS) and one slide per city named by its id.
SLIDE_KINDS = ("map", "network", "statuses", "pick")
SLIDES = ("map", "medellin", "palmira", "network", "statuses", "pick")  # the default sequence
FIXED_CITY_SLIDES = {"medellin": "medellin", "palmira": "palmira"}
MAX_SLIDES = 40
PROJECTOR_SCALE = theme.PROJECTOR_SCALE
CHART_HEIGHT = 640
BOTTOM_SCALE = 1.25  # the bottom margin holds ticks, legend and source: grown less, so the plot keeps its room
HEADLESS_TOP = 30  # px over the plot of a figure shown without its title (then grown like the other margins)


def default_slides(city_ids) -> tuple[str, ...]:
    """The default sequence, without the city slides of cities the data does not have (an upload that replaced
    them)."""
    known = set(city_ids)
    return tuple(s for s in SLIDES if s in SLIDE_KINDS or s in known)


def parse_slides(raw, city_ids) -> tuple[tuple[str, ...], bool]:
    """The slides a link's `slides` names (comma-separated kinds and city ids, in order, each once); the default
    when absent. Understood is False when something in it was not (unknown items are left out; none: default)."""
    if raw is None or str(raw).strip() == "":
        return default_slides(city_ids), True
    known = set(SLIDE_KINDS) | set(city_ids)
    items = [item.strip() for item in str(raw).split(",") if item.strip()]
    chosen = tuple(dict.fromkeys(item for item in items if item in known))[:MAX_SLIDES]
    understood = len(chosen) == len(items)
    return (chosen, understood) if chosen else (default_slides(city_ids), False)


def parse_slide(raw, total: int = len(SLIDES)) -> tuple[int, bool]:
    """Slide number (1-based, at most `total`) from the link's `slide` value; (1, False) when not understood."""
    if raw is None or raw == "":
        return 1, True
    text = str(raw).strip()
    if not re.fullmatch(r"\d{1,3}", text) or not 1 <= int(text) <= total:
        return 1, False
    return int(text), True


def for_projector(fig: go.Figure, *, height: int = CHART_HEIGHT, scale: float = PROJECTOR_SCALE,
                  source: bool = True, heading: bool = True) -> go.Figure:
    """A copy of a figure in the projector's template, every size of its own enlarged, at the given height;
    without its note and source line when `source` is False (the slide says them once, in its text) and without
    its title and subtitle when `heading` is False (the slide's own title and sentence say it, in bigger type)."""
    out = go.Figure(fig)
    if not source:
        feet = (theme.NOTE_NAME, theme.SOURCE_NAME)
        out.layout.annotations = [a for a in out.layout.annotations if a.name not in feet]
    if not heading:
        out.update_layout(title={"text": "", "subtitle": {"text": ""}}, margin_t=HEADLESS_TOP)
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
    framed = layout.legend.yref == "container"  # theme.any_width_frame: legend rows, then the foot, under the ticks
    bottom_scale = scale if framed else BOTTOM_SCALE
    top, bottom = int(margin["t"] * scale), max(int(margin["b"] * bottom_scale), 120)
    if framed and not source:  # under the ticks only the legend, in one row on a projector's width
        bottom = max(int((theme.TICKS_HEIGHT + theme.LEGEND_ROW) * scale) + 40, 120)
    out.update_layout(margin={"l": int(margin["l"] * scale), "r": int(margin["r"] * scale), "t": top, "b": bottom})
    for axis in ("xaxis", "yaxis"):
        for name in [k for k in layout.to_plotly_json() if k.startswith(axis)]:
            current = layout[name]
            out.layout[name].tickfont.size = bigger(current.tickfont.size, theme.FONT_SIZE)
            out.layout[name].title.font.size = bigger(current.title.font.size, theme.AXIS_TITLE_SIZE)
    legend = layout.legend
    plot_height = max(height - top - bottom, 100)
    below_ticks = 2.4 * bigger(layout.font.size, theme.FONT_SIZE) + 12
    if legend.orientation == "h" and legend.yref == "container":  # under the ticks (theme.any_width_frame)
        out.update_layout(legend_y=(bottom - below_ticks) / height)
    elif legend.orientation == "h" and legend.y is not None and legend.y < 0:
        out.update_layout(legend_y=-below_ticks / plot_height)
    _enlarge_annotations(out, bigger, scale, bottom_scale)
    for trace in out.data:
        if hasattr(trace, "textfont") and trace.textfont is not None:
            trace.textfont.size = bigger(trace.textfont.size, theme.FONT_SIZE)
    return out


def _enlarge_annotations(fig: go.Figure, bigger, scale: float, bottom_scale: float) -> None:
    """Annotations in bigger type, their offsets and arrows grown alike (a foot note's as the bottom margin)."""
    for annotation in fig.layout.annotations:
        annotation.font.size = bigger(annotation.font.size, theme.FONT_SIZE)
        if annotation.showarrow is not False and annotation.ay:
            annotation.ay = annotation.ay * scale
        if annotation.yref == "paper" and annotation.y == 0 and (annotation.yshift or 0) < 0:
            annotation.yshift = annotation.yshift * bottom_scale
        elif annotation.yshift:
            annotation.yshift = annotation.yshift * scale
        if annotation.xshift:
            annotation.xshift = annotation.xshift * scale
