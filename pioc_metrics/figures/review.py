"""A submission's values beside the published ones, for the reviewer: one city, one indicator.

Pure (no Streamlit): two datasets in, the published release and the release the submission would make (derived
rates computed on both), and a figure out. The published series is the city's line; every value the submission adds
or changes is a point of its own colour and symbol, joined to the value it would replace.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from pioc_metrics import constants as C
from pioc_metrics.data.dataset import Dataset
from pioc_metrics.figures import theme
from pioc_metrics.text import escape
from pioc_metrics.text import formatting as F
from pioc_metrics.text.i18n import t
from pioc_metrics.text.labels import city_name, indicator_title, series_label, source_line, unit_label, value_decimals

PROPOSED_COLOUR = "#D55E00"  # Okabe-Ito vermillion: apart from the published blue under colour blindness too
PROPOSED_TEXT_COLOUR = "#A64200"  # the same vermillion, dark enough for small text on white (WCAG AA)
PROPOSED_SYMBOL = "diamond"
OTHER_SERIES_COLOUR = "#777777"
CONNECTOR_COLOUR = "#555555"
CHART_HEIGHT = 460
ROW_KEYS = ["indicator", "year", "series"]


def _city_rows(data: Dataset, city_id: str) -> pd.DataFrame:
    rows = data.indicators.loc[data.indicators["city_id"] == city_id, [*ROW_KEYS, "value", "source"]]
    return rows.astype({"year": "int64", "value": float})


def proposed_values(published: Dataset, proposed: Dataset, city_id: str) -> pd.DataFrame:
    """The city's values the submission adds or changes, derived rates included: indicator, year, series, value,
    old (NaN where added), source, old_source ("" where added); by indicator, series and year."""
    before = _city_rows(published, city_id).rename(columns={"value": "old", "source": "old_source"})
    after = _city_rows(proposed, city_id)
    merged = after.merge(before, on=ROW_KEYS, how="left")
    same_value = np.isclose(merged["value"], merged["old"], rtol=0, atol=0, equal_nan=True)
    changed = ~same_value | (merged["source"] != merged["old_source"].fillna(merged["source"]))
    changed |= merged["old"].isna() & merged["value"].notna()
    found = merged.loc[changed].assign(old_source=lambda f: f["old_source"].fillna(""))
    return found.sort_values(ROW_KEYS, kind="stable").reset_index(drop=True)


def changed_indicators(published: Dataset, proposed: Dataset, city_id: str, first: str | None = None) -> list[str]:
    """The indicators of the city whose values the submission changes (derived ones included), `first` first."""
    found = list(dict.fromkeys(proposed_values(published, proposed, city_id)["indicator"]))
    return sorted(found, key=lambda indicator: indicator != first)


def _hover(year, value, old, decimals: int, lang: str) -> str:
    new = F.number(value, lang, decimals)
    if pd.isna(old):
        return t("review_chart_hover_added", lang, year=F.year(year), value=new)
    return t("review_chart_hover_changed", lang, year=F.year(year), old=F.number(old, lang, decimals), new=new)


def _draw_published(fig: go.Figure, rows: pd.DataFrame, name: str, decimals: int, lang: str) -> None:
    main = rows.loc[rows["series"] == C.MAIN_SERIES].sort_values("year")
    if len(main):
        fig.add_trace(go.Scatter(
            x=main["year"], y=main["value"], mode="lines+markers", name=escape.plotly(name),
            line=dict(color=theme.MAIN_COLOUR, width=3), marker=dict(size=7, color=theme.MAIN_COLOUR),
            customdata=[f"{F.year(y)}: {F.number(v, lang, decimals)}" for y, v in zip(main["year"], main["value"])],
            hovertemplate="%{customdata}<extra>" + escape.plotly(name) + "</extra>",
        ))
    others = rows.loc[rows["series"] != C.MAIN_SERIES]
    if len(others):
        label = t("review_chart_other_series", lang)
        fig.add_trace(go.Scatter(
            x=others["year"], y=others["value"], mode="markers", name=escape.plotly(label),
            marker=dict(size=9, color="rgba(0,0,0,0)", symbol="circle",
                        line=dict(width=1.5, color=OTHER_SERIES_COLOUR)),
            customdata=[f"{F.year(y)}, {escape.plotly(series_label(s, src, lang))}: {F.number(v, lang, decimals)}"
                        for y, v, s, src in zip(others["year"], others["value"], others["series"], others["source"])],
            hovertemplate="%{customdata}<extra></extra>",
        ))


def _draw_proposed(fig: go.Figure, points: pd.DataFrame, name: str, decimals: int, lang: str) -> None:
    if not len(points):
        return
    changed = points.dropna(subset=["old"])
    if len(changed):  # each changed value joined to the one it would replace
        xs, ys = [], []
        for year, old, new in zip(changed["year"], changed["old"], changed["value"]):
            xs += [year, year, None]
            ys += [old, new, None]
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", showlegend=False, hoverinfo="skip",
                                 line=dict(color=CONNECTOR_COLOUR, width=1.5, dash="dot")))
    fig.add_trace(go.Scatter(
        x=points["year"], y=points["value"], mode="markers+text", name=escape.plotly(name),
        marker=dict(size=13, color=PROPOSED_COLOUR, symbol=PROPOSED_SYMBOL, line=dict(width=1, color="#222222")),
        text=[F.number(v, lang, decimals) for v in points["value"]], textposition="top center", cliponaxis=False,
        textfont=dict(size=12, color=PROPOSED_TEXT_COLOUR),
        customdata=[escape.plotly(_hover(y, v, o, decimals, lang))
                    for y, v, o in zip(points["year"], points["value"], points["old"])],
        hovertemplate="%{customdata}<extra>" + escape.plotly(name) + "</extra>",
    ))


def review_figure(published: Dataset, proposed: Dataset, city_id: str, indicator: str, lang: str, *,
                  release: int | None = None, submission: int | None = None,
                  statuses: tuple[str, str] | None = None) -> go.Figure:
    """The city's published values of `indicator` (release `release`) as a line, the values submission
    `submission` adds or changes as points beside them; `statuses` (now, if approved) in the subtitle."""
    name = city_name(proposed, city_id)
    rows = _city_rows(published, city_id)
    rows = rows.loc[rows["indicator"] == indicator]
    points = proposed_values(published, proposed, city_id)
    points = points.loc[points["indicator"] == indicator]
    catalog = proposed.catalog
    label = indicator_title(catalog, indicator, lang)
    if not len(rows) and not len(points):
        return theme.empty_figure(t("review_chart_nothing", lang, city=name, indicator=label), lang)
    decimals = value_decimals(catalog, indicator)
    fig = go.Figure()
    published_name = (t("review_chart_published", lang, number=release) if release is not None
                      else t("review_chart_published_plain", lang))
    proposed_name = (t("review_chart_proposed", lang, id=submission) if submission is not None
                     else t("review_chart_proposed_plain", lang))
    _draw_published(fig, rows, published_name, decimals, lang)
    _draw_proposed(fig, points, proposed_name, decimals, lang)
    years = pd.concat([rows["year"], points["year"]])
    values = pd.concat([rows["value"], points["value"]]).dropna()
    subtitle = t("review_chart_subtitle", lang, n=len(points))
    if statuses is not None:
        subtitle += " · " + t("review_chart_statuses", lang, before=F.status_label(statuses[0], lang),
                                after=F.status_label(statuses[1], lang))
    sources = list(rows.loc[rows["series"] == C.MAIN_SERIES, "source"]) + list(points["source"])
    legend_rows = sum(1 for trace in fig.data if trace.showlegend is not False)
    theme.any_width_frame(fig, lang, t("review_chart_title", lang, city=name, indicator=label), subtitle,
                          source_line(sources, lang), height=CHART_HEIGHT, legend_rows=legend_rows)
    theme.year_axis(fig, int(years.min()) - 0.7, int(years.max()) + 0.7, showgrid=False, ticks="outside")
    top = float(values.max()) if len(values) else 1.0
    fig.update_yaxes(range=[0, (top or 1.0) * 1.15], rangemode="tozero", zeroline=True, zerolinecolor="#888888",
                     title=dict(text=escape.plotly(unit_label(catalog, indicator, lang))))
    return fig
