"""The presentation's slides: their order, headline sentences, sources, and figures sized for a projector.

Pure functions (no Streamlit). Figures come from charts_city / charts_network; this
module only enlarges them for a 1920x1080 screen seen from the back of a room.
"""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go

from pioc_metrics import constants as C
from pioc_metrics.text import formatting as F
from pioc_metrics.data.dataset import Dataset
from pioc_metrics.text.i18n import t
from pioc_metrics.engine.methodology import series_rows, status_counts
from pioc_metrics.settings import Settings

SLIDES = ("map", "medellin", "palmira", "network", "statuses", "pick")
FIXED_CITY_SLIDES = {"medellin": "medellin", "palmira": "palmira"}
PROJECTOR_SCALE = 1.6
CHART_HEIGHT = 640


def parse_slide(raw) -> tuple[int, bool]:
    """Slide number (1-based) from the link's `slide` value; (1, False) when absent or not understood."""
    if raw is None or raw == "":
        return 1, True
    text = str(raw).strip()
    if not re.fullmatch(r"\d{1,3}", text) or not 1 <= int(text) <= len(SLIDES):
        return 1, False
    return int(text), True


def city_name(data: Dataset, city_id: str) -> str:
    match = data.cities.loc[data.cities["city_id"] == city_id, "city"]
    return str(match.iloc[0]) if len(match) else city_id


def short_sources(sources) -> list[str]:
    """Distinct short citations (the chart foot's form) of some full source texts."""
    from pioc_metrics.figures.trajectory import short_source

    return list(dict.fromkeys(s for s in (short_source(x) for x in sources) if s))


def source_text(sources, lang: str) -> str:
    """'Source: a; b' in plain text (for captions, not plotly)."""
    short = short_sources(sources)
    return t("source_line", lang, source="; ".join(short)) if short else ""


def city_sources(data: Dataset, city_id: str, indicator: str) -> list[str]:
    rows = data.indicators.loc[(data.indicators["city_id"] == city_id) & (data.indicators["indicator"] == indicator)]
    return list(dict.fromkeys(rows["source"].dropna().astype(str)))


def network_sources(data: Dataset, table: pd.DataFrame, indicator: str) -> list[str]:
    """Sources of the main series of every city that has a baseline (what the network figures rest on)."""
    with_baseline = table.loc[table["baseline"].notna(), "city_id"]
    rows = series_rows(data.indicators, indicator)
    rows = rows.loc[rows["city_id"].isin(with_baseline)]
    return list(dict.fromkeys(rows["source"].dropna().astype(str)))


def cities_with_data(data: Dataset, indicator: str) -> list[str]:
    """City ids with any main-series value of the indicator, in the cities' own order."""
    have = set(series_rows(data.indicators, indicator)["city_id"])
    return [c for c in data.cities["city_id"] if c in have]


def map_headline(data: Dataset, table: pd.DataFrame, indicator: str, lang: str) -> str:
    kinds = data.cities["status"].value_counts()
    with_data = int(data.cities["city_id"].isin(data.indicators["city_id"]).sum())
    return t("pres_map_headline", lang, cities=len(data.cities), members=int(kinds.get("member", 0)),
             prospective=int(kinds.get("prospective", 0)), with_data=with_data)


def status_headline(table: pd.DataFrame, lang: str) -> str:
    counts = status_counts(table)
    judged = int(counts.drop("insufficient_data", errors="ignore").sum())
    good = int(counts.get("achieved", 0) + counts.get("on_track", 0))
    return t("pres_status_headline", lang, good=good, judged=judged, total=len(table))


def network_headline(index_frame: pd.DataFrame, settings: Settings, lang: str) -> str:
    frame = index_frame.dropna(subset=["median_index"])
    frame = frame.loc[frame["year"] > settings.network_baseline_year]
    if not len(frame):
        return t("pres_network_none", lang, year=settings.network_baseline_year)
    last = frame.sort_values("year").iloc[-1]
    path = last.get("path")
    return t("pres_network_headline", lang, year=int(last["year"]), value=F.number(last["median_index"], lang),
             path=F.number(path, lang), cities=int(last["cities"]), baseline=settings.network_baseline_year)


def reference_points(data: Dataset, city_id: str, indicator: str, lang: str) -> list[str]:
    """Each other series of a city as 'series: value (year), ...' (e.g. the network's report figures)."""
    rows = data.indicators.loc[(data.indicators["city_id"] == city_id) & (data.indicators["indicator"] == indicator)
                               & (data.indicators["series"] != C.MAIN_SERIES)].sort_values(["series", "year"])
    return [
        f"{series}: " + ", ".join(f"{F.number(v, lang)} ({int(y)})" for y, v in zip(group["year"], group["value"]))
        for series, group in rows.groupby("series", sort=True)
    ]


def status_summary(table: pd.DataFrame, lang: str) -> str:
    """The status chart's text alternative: every status with its count."""
    counts = status_counts(table)
    parts = [f"{F.status_label(s, lang)}: {int(counts[s])}" for s in C.STATUSES]
    return "; ".join(parts)


def for_projector(fig: go.Figure, *, height: int = CHART_HEIGHT, scale: float = PROJECTOR_SCALE) -> go.Figure:
    """A copy of a figure with every text enlarged for a projector and the given height."""
    out = go.Figure(fig)
    layout = out.layout

    def bigger(size, default: float = 13) -> int:
        return int(round((size or default) * scale))

    out.update_layout(
        height=height,
        font={"size": bigger(layout.font.size)},
        title_font_size=bigger(layout.title.font.size, 18),
        legend_font_size=bigger(layout.legend.font.size),
        hoverlabel_font_size=bigger(layout.hoverlabel.font.size, 14),
    )
    if layout.title.subtitle and layout.title.subtitle.text:
        out.update_layout(title_subtitle_font_size=bigger(layout.title.subtitle.font.size, 12))
    margin = layout.margin
    bottom_scale = 1.25  # the bottom margin holds ticks, legend and source: grown less, so the plot keeps its room
    top, bottom = int((margin.t or 60) * scale), max(int((margin.b or 60) * bottom_scale), 120)
    out.update_layout(margin={"l": int((margin.l or 60) * scale), "r": int((margin.r or 40) * scale),
                              "t": top, "b": bottom})
    for axis in ("xaxis", "yaxis"):
        for name in [k for k in layout.to_plotly_json() if k.startswith(axis)]:
            current = layout[name]
            out.layout[name].tickfont.size = bigger(current.tickfont.size)
            out.layout[name].title.font.size = bigger(current.title.font.size)
    legend = layout.legend
    plot_height = max(height - top - bottom, 100)
    if legend.orientation == "h" and legend.y is not None and legend.y < 0:
        out.update_layout(legend_y=-(2.4 * bigger(layout.font.size) + 12) / plot_height)  # below the tick labels
    for annotation in out.layout.annotations:
        annotation.font.size = bigger(annotation.font.size, 12)
        if annotation.yref == "paper" and annotation.y == 0 and (annotation.yshift or 0) < 0:
            annotation.yshift = annotation.yshift * bottom_scale  # a foot note: stays in the bottom margin
        elif annotation.yshift:
            annotation.yshift = annotation.yshift * scale
        if annotation.xshift:
            annotation.xshift = annotation.xshift * scale
    for trace in out.data:
        if hasattr(trace, "textfont") and trace.textfont is not None:
            trace.textfont.size = bigger(trace.textfont.size, 13)
    return out
