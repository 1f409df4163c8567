"""Figures of the network as a whole: the median city index against the path, and cities per status.

Pure functions (no Streamlit): they take computed frames and return plotly figures in the theme's look.
Labels and hover texts are our own words and numbers (some translations hold a <br>); the only text
from data, the indicator's label and the source line, goes through `theme.titles`, which escapes it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from pioc_metrics import constants as C
from pioc_metrics.engine.network import network_path
from pioc_metrics.figures import theme
from pioc_metrics.settings import Settings
from pioc_metrics.text import formatting as F
from pioc_metrics.text.i18n import t

FEW_CITIES = 3  # a median of fewer cities than this is drawn hollow: read with care


def path_frame(settings: Settings) -> pd.DataFrame:
    """The halving path on the index scale, from the network baseline year to the target year."""
    start = settings.network_baseline_year
    years = np.arange(min(start, settings.target_year), settings.target_year + 1)
    return pd.DataFrame({"year": years, "path": network_path(years, settings)}).dropna()


def _draw_path(fig: go.Figure, path: pd.DataFrame, lang: str) -> None:
    if not len(path):
        return
    fig.add_trace(go.Scatter(
        x=path["year"], y=path["path"], mode="lines", name=t("net_label_path", lang),
        line=dict(color=theme.PATH_COLOUR, width=2, dash="dash"),
        text=[t("net_hover_path", lang, year=int(y), value=F.number(v, lang))
              for y, v in zip(path["year"], path["path"])],
        hovertemplate="%{text}<extra></extra>",
    ))


def _draw_median(fig: go.Figure, frame: pd.DataFrame, path: pd.DataFrame, lang: str, few: int) -> bool:
    """The median line (joining only medians of `few` cities or more), hollow points for the others and the
    line's end labelled; whether that end lies below the path."""
    if not len(frame):
        return False
    counts = frame["cities"].to_numpy(dtype=int)
    solid = counts >= few
    hover = [t("net_hover_median", lang, year=int(y), value=F.number(v, lang), n=int(n))
             for y, v, n in zip(frame["year"], frame["median_index"], counts)]
    name = t("net_label_median", lang)
    # The line joins only medians of enough cities; a jump to a year of one or two cities is not a trend.
    fig.add_trace(go.Scatter(
        x=frame["year"], y=frame["median_index"].where(solid), mode="lines+markers", connectgaps=False,
        name=name, line=dict(color=theme.MAIN_COLOUR, width=3), marker=dict(size=8, color=theme.MAIN_COLOUR),
        customdata=counts, text=hover, hovertemplate="%{text}<extra></extra>",
    ))
    if (~solid).any():
        fig.add_trace(go.Scatter(
            x=frame["year"][~solid], y=frame["median_index"][~solid], mode="markers", name=name,
            marker=dict(size=8, symbol="circle-open", color=theme.MAIN_COLOUR, line=dict(width=2)),
            customdata=counts[~solid], text=[h for h, keep in zip(hover, ~solid) if keep],
            hovertemplate="%{text}<extra></extra>",
        ))
    last = frame.loc[solid].iloc[-1] if solid.any() else frame.iloc[-1]  # the end of the drawn line
    path_at = dict(zip(path["year"].astype(int), path["path"]))
    below_path = last["median_index"] < path_at.get(int(last["year"]), -np.inf)
    fig.add_annotation(
        x=last["year"], y=last["median_index"], xanchor="left", yanchor="top" if below_path else "bottom",
        showarrow=False, xshift=4, yshift=-4 if below_path else 4,
        text=f"<b>{name}</b><br>{F.number(last['median_index'], lang)} ({int(last['year'])})",
        font=dict(color=theme.MAIN_COLOUR, size=13), align="left",
    )
    return below_path


def _label_path_and_baseline(fig: go.Figure, path: pd.DataFrame, settings: Settings, lang: str, first_year: int,
                             below_path: bool) -> None:
    fig.add_vline(x=settings.target_year, line=dict(color=theme.RULE, width=1, dash="dot"))
    if len(path):
        end = path.iloc[-1]
        target = t("net_label_target", lang, target=settings.target_year, value=F.number(end["path"], lang))
        # The path's label sits on the side of its line away from the median's label.
        fig.add_annotation(
            x=end["year"], y=end["path"], xanchor="right", yanchor="bottom" if below_path else "top",
            showarrow=False, yshift=6 if below_path else -6,
            text=f"{t('net_label_path', lang)}<br>{target}",
            font=dict(color=theme.PATH_TEXT_COLOUR, size=12), align="right",
        )
    fig.add_annotation(x=first_year, y=100, xanchor="left", yanchor="bottom", showarrow=False,
                       text=t("net_label_baseline", lang), font=dict(color=theme.MUTED, size=11))


def median_index_figure(index_frame: pd.DataFrame, settings: Settings, lang: str, source_line: str,
                        *, indicator_label: str | None = None, few: int = FEW_CITIES, wrap_at: int = 60,
                        height: int = 420) -> go.Figure:
    """The network's median city index (baseline = 100) against the path to the target, year by year."""
    frame = index_frame.dropna(subset=["median_index"]).sort_values("year")
    path = path_frame(settings)
    fig = go.Figure()
    fig.add_hline(y=100, line=dict(color="#BBBBBB", width=1))
    _draw_path(fig, path, lang)
    below_path = _draw_median(fig, frame, path, lang, few)
    first_year = int(frame["year"].min()) if len(frame) else settings.network_baseline_year
    _label_path_and_baseline(fig, path, settings, lang, first_year, below_path)

    title = t("net_median_title", lang, target=settings.target_year)
    subtitle = t("net_median_subtitle", lang, indicator=indicator_label or settings.indicator,
                 reduction=F.percent(settings.reduction, lang, 0))
    lines = theme.titles(fig, lang, title, subtitle, source_line, width=wrap_at, source_gap=40, compact=True)
    fig.update_layout(
        showlegend=False, height=height, hovermode="closest",
        # the source line(s) sit 40 px under the axis: room for every line of it
        margin=dict(l=60, r=40, t=36 + 20 * lines.head, b=46 + 14 * max(lines.foot, 1)),
        xaxis=dict(tickformat="d", showgrid=False, linecolor=theme.RULE,
                   range=[first_year - 0.5, settings.target_year + 0.8]),
        yaxis=dict(title=t("net_axis_index", lang), gridcolor=theme.GRID, rangemode="tozero", zeroline=False),
    )
    return fig


def status_bar_figure(counts: pd.Series, lang: str, *, title: str | None = None, wrap_at: int = 40,
                      height: int = 320) -> go.Figure:
    """Cities per status as horizontal bars: colour, symbol and words, best status on top."""
    counts = counts.reindex(list(C.STATUSES), fill_value=0)
    fig = go.Figure(go.Bar(
        x=[int(v) for v in counts.to_numpy()], y=[theme.wrap(F.status_label(s, lang), wrap_at) for s in counts.index],
        orientation="h", marker=dict(color=[theme.status_colour(s) for s in counts.index],
                                     line=dict(color="#444444", width=0.5)),
        text=[str(int(v)) for v in counts.to_numpy()], textposition="outside", cliponaxis=False,
        textfont=dict(size=14, color=theme.INK), hovertemplate="%{y}: %{x}<extra></extra>",
    ))
    theme.titles(fig, lang, title or t("net_status_title", lang), compact=True)
    fig.update_layout(
        showlegend=False, height=height, margin=dict(l=10, r=10, t=40, b=10), bargap=0.25,
        # Each bar carries its count: no axis needed.
        xaxis=dict(visible=False, range=[0, max(1, counts.max()) * 1.18]),
        yaxis=dict(autorange="reversed", automargin=True, ticksuffix="  "),
    )
    return fig
