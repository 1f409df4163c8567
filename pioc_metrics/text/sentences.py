"""Sentences about progress, shared by the pages, the slides and the charts' text alternatives.

Each takes a row of the progress table (or the table itself) and a language, and returns plain text.
"""

from __future__ import annotations

import pandas as pd

from pioc_metrics import constants as C
from pioc_metrics.data.dataset import Dataset
from pioc_metrics.engine.network import status_counts
from pioc_metrics.settings import Settings
from pioc_metrics.text import formatting as F
from pioc_metrics.text.i18n import t


def has_target(row: pd.Series) -> bool:
    """Whether the row's indicator has a target (a status); trend-only indicators have none."""
    return bool(row.get("status"))


def _no_data(row: pd.Series) -> bool:
    return "no_data" in str(row.get("flags", "")).split(";")


def annual_rate(value, lang: str) -> str:
    """An annual change as a signed percentage with one decimal ('−6.1 %')."""
    return F.percent(value, lang, 1, signed=True)


def _change(row: pd.Series) -> float:
    return row["latest"] / row["baseline"] - 1 if row["baseline"] else float("nan")


# ---------------------------------------------------------------- one city


def status_sentence(row: pd.Series, lang: str, smoothing: str = "none", decimals: int = 1) -> tuple[str, str]:
    """The status label (with its symbol) and the reason behind it, in words."""
    status = row.get("status") or ""
    label = F.status_label(status, lang)
    n = lambda v: F.number(v, lang, decimals)  # noqa: E731
    if not status:  # no target for this indicator: the change since the baseline
        if pd.isna(row.get("baseline")) or pd.isna(row.get("latest")):
            return label, t("no_data_yet", lang)
        return label, t("city_status_trend", lang, change=F.percent(_change(row), lang, signed=True),
                        baseline_year=F.year(row["baseline_year"]), latest_year=F.year(row["latest_year"]))
    if status == "insufficient_data":
        if _no_data(row):
            return label, t("no_data_yet", lang)
        requested = row.get("requested_baseline_year")
        if pd.isna(row.get("baseline")):
            key = "city_status_no_baseline_3y" if smoothing == "3y" else "city_status_no_baseline"
            return label, t(key, lang, year=F.year(requested))
        if pd.isna(row.get("latest")):
            return label, t("city_status_no_latest", lang, year=F.year(row["baseline_year"]))
        return label, t("city_status_no_rate", lang)
    if status == "achieved":
        return label, t("city_status_achieved", lang, latest=n(row["latest"]), latest_year=F.year(row["latest_year"]),
                        target=n(row["target"]), reduction=F.percent(row["reduction_so_far"], lang),
                        baseline_year=F.year(row["baseline_year"]))
    return label, t("city_status_rates", lang, required=annual_rate(row["cagr_required"], lang),
                    actual=annual_rate(row["cagr_actual"], lang))


def summary_sentence(table_row: pd.Series, city_name: str, lang: str, decimals: int = 1) -> str:
    """The chart's text alternative: the city's baseline, latest value, rates and status in one line."""
    row = table_row
    status = row.get("status") or ""
    n = lambda v: F.number(v, lang, decimals)  # noqa: E731
    label = F.status_label(status, lang)
    if pd.isna(row.get("baseline")) or pd.isna(row.get("latest")):
        if _no_data(row):
            return f"{city_name}: {t('no_data_yet', lang)}"
        return t("city_summary_insufficient", lang, city=city_name, status=label)
    common = dict(city=city_name, baseline=n(row["baseline"]), baseline_year=F.year(row["baseline_year"]),
                  latest=n(row["latest"]), latest_year=F.year(row["latest_year"]))
    if not status:
        return t("city_summary_trend", lang, change=F.percent(_change(row), lang, signed=True), **common)
    words = t("status_" + status, lang).lower()
    if status == "achieved":
        return t("city_summary_achieved", lang, target=n(row["target"]), status=words, **common)
    if status == "insufficient_data":
        return t("city_summary_insufficient", lang, city=city_name, status=words)
    return t("city_summary", lang, required=annual_rate(row["cagr_required"], lang),
             actual=annual_rate(row["cagr_actual"], lang), status=words, **common)


def _first_year_at_target(row: pd.Series, lang: str) -> tuple[str, str | None]:
    first_year = row.get("first_year_at_target")
    if row.get("status") == "achieved":
        return t("city_kf_met", lang), None
    if not pd.isna(first_year):
        return F.year(first_year), t("city_kf_first_year_help", lang)
    if pd.isna(row.get("cagr_actual")):
        return "–", None
    return t("city_kf_never", lang), t("city_kf_never_help", lang)


def key_figures(row: pd.Series, settings: Settings, lang: str, decimals: int = 1) -> list[tuple[str, str, str | None]]:
    """(label, value, help) of the key figures of one city, formatted for the language."""
    n = lambda v: F.number(v, lang, decimals)  # noqa: E731
    figures = [
        (t("city_kf_baseline", lang, year=F.year(row.get("baseline_year"))), n(row.get("baseline")), None),
        (t("city_kf_latest", lang, year=F.year(row.get("latest_year"))), n(row.get("latest")), None),
    ]
    if not has_target(row):  # trends only: the change, not a "reduction"
        change = -row.get("reduction_so_far") if not pd.isna(row.get("reduction_so_far")) else float("nan")
        return figures + [(t("city_kf_change", lang, year=F.year(row.get("baseline_year"))),
                           F.percent(change, lang, signed=True), None)]
    figures.append((t("city_kf_reduction", lang), F.percent(row.get("reduction_so_far"), lang),
                    t("city_kf_reduction_help", lang)))
    first, first_help = _first_year_at_target(row, lang)
    y = settings.target_year
    return figures + [
        (t("city_kf_required", lang), annual_rate(row.get("cagr_required"), lang),
         t("city_kf_required_help", lang, reduction=F.percent(settings.reduction, lang, 0), year=y)),
        (t("city_kf_actual", lang), annual_rate(row.get("cagr_actual"), lang), t("city_kf_actual_help", lang)),
        (t("city_kf_target", lang, year=y), n(row.get("target")), None),
        (t("city_kf_projection", lang, year=y), n(row.get("projection")), t("city_kf_projection_help", lang, year=y)),
        (t("city_kf_first_year", lang), first, first_help),
    ]


def reference_points(data: Dataset, city_id: str, indicator: str, lang: str) -> list[str]:
    """Each other series of a city as 'series: value (year), ...' (e.g. the network's report figures)."""
    rows = data.indicators.loc[(data.indicators["city_id"] == city_id) & (data.indicators["indicator"] == indicator)
                               & (data.indicators["series"] != C.MAIN_SERIES)].sort_values(["series", "year"])
    return [
        f"{series}: " + ", ".join(f"{F.number(v, lang)} ({int(y)})" for y, v in zip(group["year"], group["value"]))
        for series, group in rows.groupby("series", sort=True)
    ]


# ---------------------------------------------------------------- the network (the slides' headlines)


def map_headline(data: Dataset, table: pd.DataFrame, indicator: str, lang: str) -> str:
    """How many cities, members and prospective members the map shows, and how many have data (any indicator)."""
    kinds = data.cities["status"].value_counts()
    with_data = int(data.cities["city_id"].isin(data.indicators["city_id"]).sum())
    return t("pres_map_headline", lang, cities=len(data.cities), members=int(kinds.get("member", 0)),
             prospective=int(kinds.get("prospective", 0)), with_data=with_data)


def status_headline(table: pd.DataFrame, lang: str) -> str:
    """How many of the cities with a status have met the target or are on track."""
    counts = status_counts(table)
    judged = int(counts.drop("insufficient_data", errors="ignore").sum())
    good = int(counts.get("achieved", 0) + counts.get("on_track", 0))
    return t("pres_status_headline", lang, good=good, judged=judged, total=len(table))


def network_headline(index_frame: pd.DataFrame, settings: Settings, lang: str) -> str:
    """The median city index of the latest year against the path to the target."""
    frame = index_frame.dropna(subset=["median_index"])
    frame = frame.loc[frame["year"] > settings.network_baseline_year]
    if not len(frame):
        return t("pres_network_none", lang, year=settings.network_baseline_year)
    last = frame.sort_values("year").iloc[-1]
    path = last.get("path")
    return t("pres_network_headline", lang, year=int(last["year"]), value=F.number(last["median_index"], lang),
             path=F.number(path, lang), cities=int(last["cities"]), baseline=settings.network_baseline_year)


def status_summary(table: pd.DataFrame, lang: str) -> str:
    """The status chart's text alternative: every status with its count."""
    counts = status_counts(table)
    return "; ".join(f"{F.status_label(s, lang)}: {int(counts[s])}" for s in C.STATUSES)
