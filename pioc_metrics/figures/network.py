"""Figures of the network as a whole: the median city index and cities per status.

Pure functions (no Streamlit): they take computed frames and return plotly figures.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from pioc_metrics import constants as C
from pioc_metrics.text import formatting as F
from pioc_metrics.data.dataset import Dataset
from pioc_metrics.text.i18n import t
from pioc_metrics.engine.methodology import network_path, series_rows
from pioc_metrics.settings import Settings

INK = "#222222"
MUTED = "#666666"
MEDIAN_COLOUR = "#0072B2"  # Okabe-Ito blue: the network's own line
PATH_COLOUR = "#333333"
FEW_CITIES = 3  # a median of fewer cities than this is drawn hollow: read with care
FONT = dict(family="DejaVu Sans, Arial, sans-serif", size=13, color=INK)


def separators(lang: str) -> str:
    """Plotly's decimal and thousands characters for the language (12.3 / 12,3)."""
    return ".," if lang == "en" else ",."


def wrap(text: str, width: int) -> str:
    """Plotly does not wrap text: break it into lines of about `width` characters with <br>."""
    import textwrap

    return "<br>".join(textwrap.wrap(str(text), width=width, break_long_words=False)) or str(text)


def path_frame(settings: Settings) -> pd.DataFrame:
    """The halving path on the index scale, from the network baseline year to the target year."""
    start = settings.network_baseline_year
    years = np.arange(min(start, settings.target_year), settings.target_year + 1)
    return pd.DataFrame({"year": years, "path": network_path(years, settings)}).dropna()


def median_index_figure(index_frame: pd.DataFrame, settings: Settings, lang: str, source_line: str,
                        *, indicator_label: str | None = None, few: int = FEW_CITIES, wrap_at: int = 60,
                        height: int = 420) -> go.Figure:
    """The network's median city index (baseline = 100) against the path to the target, year by year."""
    frame = index_frame.dropna(subset=["median_index"]).sort_values("year")
    path = path_frame(settings)
    fig = go.Figure()
    fig.add_hline(y=100, line=dict(color="#BBBBBB", width=1))

    if len(path):
        fig.add_trace(go.Scatter(
            x=path["year"], y=path["path"], mode="lines", name=t("net_label_path", lang),
            line=dict(color=PATH_COLOUR, width=2, dash="dash"),
            text=[t("net_hover_path", lang, year=int(y), value=F.number(v, lang)) for y, v in zip(path["year"], path["path"])],
            hovertemplate="%{text}<extra></extra>",
        ))

    path_at = dict(zip(path["year"].astype(int), path["path"]))
    if len(frame):
        counts = frame["cities"].to_numpy(dtype=int)
        solid = counts >= few
        hover = [t("net_hover_median", lang, year=int(y), value=F.number(v, lang), n=int(n))
                 for y, v, n in zip(frame["year"], frame["median_index"], counts)]
        # The line joins only medians of enough cities; a jump to a year of one or two cities is not a trend.
        fig.add_trace(go.Scatter(
            x=frame["year"], y=frame["median_index"].where(solid), mode="lines+markers", connectgaps=False,
            name=t("net_label_median", lang), line=dict(color=MEDIAN_COLOUR, width=3),
            marker=dict(size=8, color=MEDIAN_COLOUR), customdata=counts, text=hover,
            hovertemplate="%{text}<extra></extra>",
        ))
        if (~solid).any():
            fig.add_trace(go.Scatter(
                x=frame["year"][~solid], y=frame["median_index"][~solid], mode="markers",
                name=t("net_label_median", lang),
                marker=dict(size=8, symbol="circle-open", color=MEDIAN_COLOUR, line=dict(width=2)),
                customdata=counts[~solid], text=[h for h, keep in zip(hover, ~solid) if keep],
                hovertemplate="%{text}<extra></extra>",
            ))
        last = frame.loc[solid].iloc[-1] if solid.any() else frame.iloc[-1]  # the end of the drawn line
        below_path = last["median_index"] < path_at.get(int(last["year"]), -np.inf)
        fig.add_annotation(
            x=last["year"], y=last["median_index"], xanchor="left", yanchor="top" if below_path else "bottom",
            showarrow=False, xshift=4, yshift=-4 if below_path else 4,
            text=f"<b>{t('net_label_median', lang)}</b><br>{F.number(last['median_index'], lang)} ({int(last['year'])})",
            font=dict(color=MEDIAN_COLOUR, size=13), align="left",
        )
    else:
        below_path = False

    fig.add_vline(x=settings.target_year, line=dict(color=MUTED, width=1, dash="dot"))
    if len(path):
        end = path.iloc[-1]
        # The path's label sits on the side of its line away from the median's label.
        fig.add_annotation(
            x=end["year"], y=end["path"], xanchor="right", yanchor="bottom" if below_path else "top",
            showarrow=False, yshift=6 if below_path else -6,
            text=f"{t('net_label_path', lang)}<br>{t('net_label_target', lang, target=settings.target_year, value=F.number(end['path'], lang))}",
            font=dict(color=PATH_COLOUR, size=12), align="right",
        )
    first_year = int(frame["year"].min()) if len(frame) else settings.network_baseline_year
    fig.add_annotation(x=first_year, y=100, xanchor="left", yanchor="bottom", showarrow=False,
                       text=t("net_label_baseline", lang), font=dict(color=MUTED, size=11))

    title = t("net_median_title", lang, target=settings.target_year)
    subtitle = t("net_median_subtitle", lang, indicator=indicator_label or settings.indicator,
                 reduction=F.percent(settings.reduction, lang, 0))
    source = wrap(source_line, wrap_at + 10)
    lines = wrap(title, wrap_at).count("<br>") + wrap(subtitle, wrap_at + 10).count("<br>") + 2
    top = 36 + 20 * lines
    fig.update_layout(
        title=dict(text=wrap(title, wrap_at), subtitle=dict(text=wrap(subtitle, wrap_at + 10), font=dict(size=12, color=MUTED)),
                   x=0, xanchor="left", font=dict(size=15)),
        font=FONT, separators=separators(lang), showlegend=False, plot_bgcolor="white", paper_bgcolor="white",
        height=height, margin=dict(l=60, r=40, t=top, b=50 + 14 * source.count("<br>")), hovermode="closest",
        xaxis=dict(tickformat="d", showgrid=False, linecolor="#999999",
                   range=[first_year - 0.5, settings.target_year + 0.8]),
        yaxis=dict(title=t("net_axis_index", lang), gridcolor="#EEEEEE", rangemode="tozero", zeroline=False),
    )
    fig.add_annotation(x=0, y=0, xref="paper", yref="paper", yshift=-40, xanchor="left", yanchor="top",
                       showarrow=False, text=source, font=dict(size=10, color=MUTED), align="left")
    return fig


def status_bar_figure(counts: pd.Series, lang: str, *, title: str | None = None, wrap_at: int = 40,
                      height: int = 320) -> go.Figure:
    """Cities per status as horizontal bars: colour, symbol and words, best status on top."""
    counts = counts.reindex(list(C.STATUSES), fill_value=0)
    labels = [wrap(F.status_label(status, lang), wrap_at) for status in counts.index]
    fig = go.Figure(go.Bar(
        x=[int(v) for v in counts.to_numpy()], y=labels, orientation="h",
        marker=dict(color=[C.STATUS_COLOURS[s] for s in counts.index], line=dict(color="#444444", width=0.5)),
        text=[str(int(v)) for v in counts.to_numpy()], textposition="outside", cliponaxis=False,
        textfont=dict(size=14, color=INK),
        hovertemplate="%{y}: %{x}<extra></extra>",
    ))
    fig.update_layout(
        title=dict(text=title or t("net_status_title", lang), x=0, xanchor="left", font=dict(size=15)),
        font=FONT, separators=separators(lang), showlegend=False, plot_bgcolor="white", paper_bgcolor="white",
        height=height, margin=dict(l=10, r=10, t=40, b=10), bargap=0.25,
        # Each bar carries its count: no axis needed.
        xaxis=dict(visible=False, range=[0, max(1, counts.max()) * 1.18]),
        yaxis=dict(autorange="reversed", automargin=True, ticksuffix="  "),
    )
    return fig


def sparkline_values(data: Dataset, indicator: str, city_ids) -> dict[str, list[float]]:
    """Each city's main-series values of `indicator` in year order; an empty list where there are none."""
    rows = series_rows(data.indicators, indicator).dropna(subset=["value"])
    values = rows.sort_values("year").groupby("city_id", sort=False)["value"].agg(list)
    values = values.reindex(pd.Index(list(city_ids), dtype=object))
    return {city: (v if isinstance(v, list) else []) for city, v in values.items()}


def indicator_coverage(data: Dataset) -> pd.Series:
    """Cities with at least one main-series value, per indicator that has a target (better = lower)."""
    targeted = data.catalog.loc[data.catalog["better"] == "lower", "indicator"]
    rows = data.indicators.loc[(data.indicators["series"] == C.MAIN_SERIES) & data.indicators["value"].notna()]
    counts = rows.groupby("indicator")["city_id"].nunique()
    return counts.reindex(pd.Index(targeted), fill_value=0).astype(int).sort_values(ascending=False, kind="stable")


def better_covered_indicator(data: Dataset, indicator: str, total: int) -> tuple[str, int, int] | None:
    """(other indicator, its cities, this one's) when the chosen one covers under half of the cities and another more."""
    coverage = indicator_coverage(data)
    mine = int(coverage.get(indicator, 0))
    others = coverage.drop(labels=[indicator], errors="ignore")
    if total == 0 or mine * 2 >= total or not len(others) or int(others.iloc[0]) <= mine:
        return None
    return str(others.index[0]), int(others.iloc[0]), mine


OVERVIEW_COLUMNS = ("city", "country", "membership", "baseline_year", "baseline", "latest_year", "latest",
                    "change", "status", "trend", "link")


def city_link(city_id: str, params: dict[str, str]) -> str:
    """Relative URL of a city's page that keeps the shared view: city?city=<id>&lang=<lang>&..."""
    from urllib.parse import urlencode

    rest = {k: v for k, v in params.items() if k not in ("city", "cities")}
    return "city?" + urlencode({"city": city_id, **rest})


def overview_table(data: Dataset, table: pd.DataFrame, lang: str, params: dict[str, str]) -> pd.DataFrame:
    """All cities, one row each, best status first: the overview's sortable table (numbers stay numbers)."""
    cities = data.cities.set_index("city_id")
    ids = pd.Index(table["city_id"])
    status = table["status"].fillna("")
    no_data = table["baseline"].isna() & table["latest"].isna()
    status_text = pd.Series([F.status_label(s, lang) for s in status], index=table.index)
    no_data_text = f"{C.STATUS_SYMBOLS['insufficient_data']} {t('no_data_yet', lang)}"
    status_text = status_text.where(~no_data.to_numpy(), no_data_text)
    membership = cities["status"].reindex(ids).fillna("other")
    indicator = str(table["indicator"].iloc[0]) if len(table) else ""
    trends = sparkline_values(data, indicator, ids)
    with np.errstate(invalid="ignore", divide="ignore"):
        change = np.where(table["baseline"] > 0, table["latest"] / table["baseline"] - 1.0, np.nan)
    frame = pd.DataFrame({
        "city": cities["city"].reindex(ids).to_numpy(),
        "country": cities["country"].reindex(ids).to_numpy(),
        "membership": [t("ov_member_short_" + m, lang) for m in membership],
        "baseline_year": pd.array(table["baseline_year"], dtype="Int64"),
        "baseline": table["baseline"].to_numpy(dtype=float),
        "latest_year": pd.array(table["latest_year"], dtype="Int64"),
        "latest": table["latest"].to_numpy(dtype=float),
        "change": change,
        "status": status_text.to_numpy(),
        "trend": [trends[c] for c in ids],
        "link": [city_link(c, params) for c in ids],
        "city_id": ids.to_numpy(),
        "_order": pd.Categorical(np.where(no_data, "no_data", status), categories=[*C.STATUSES, "", "no_data"]).codes,
    })
    frame = frame.sort_values(["_order", "city"], kind="stable").drop(columns="_order").reset_index(drop=True)
    return frame


_MARKDOWN_SPECIAL = "\\`*_{}[]()<>#+-.!|~$"


def escape_markdown(text: str) -> str:
    """User text made inert for st.markdown: every markup character backslash-escaped."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in str(text))


def year_runs(years, counts) -> list[tuple[int, int, int]]:
    """(first year, last year, count) for each run of consecutive years behind the same number of cities."""
    frame = pd.DataFrame({"year": np.asarray(years, dtype=int), "n": np.asarray(counts, dtype=int)})
    if not len(frame):
        return []
    new_run = (frame["n"].diff() != 0) | (frame["year"].diff() != 1)
    runs = frame.groupby(new_run.cumsum()).agg(first=("year", "min"), last=("year", "max"), n=("n", "first"))
    return [(int(a), int(b), int(n)) for a, b, n in runs.itertuples(index=False)]
