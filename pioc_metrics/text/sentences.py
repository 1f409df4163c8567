"""Sentences about progress, shared by the pages, the slides and the charts' text alternatives.

Each takes a row of the progress table (or the table itself) and a language, and returns plain text.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from pioc_metrics import constants as C
from pioc_metrics.data.dataset import Dataset
from pioc_metrics.engine.network import status_counts
from pioc_metrics.settings import Settings
from pioc_metrics.text import formatting as F
from pioc_metrics.text.i18n import t
from pioc_metrics.text.labels import series_label


def has_target(row: pd.Series) -> bool:
    """Whether the row's indicator has a target (a status); trend-only indicators have none."""
    return bool(row.get("status"))


def _no_data(row: pd.Series) -> bool:
    return "no_data" in str(row.get("flags", "")).split(";")


def annual_rate(value, lang: str) -> str:
    """An annual change as a signed percentage with one decimal ('−6.1 %')."""
    return F.percent(value, lang, 1, signed=True)


def other_smoothing(settings: Settings) -> Settings:
    """The same settings with the other smoothing (single years <-> 3-year means)."""
    return replace(settings, smoothing="3y" if settings.smoothing == "none" else "none")


def measure_of(row: pd.Series | None, settings: Settings) -> str:
    """The indicator a table row measures (the headline picks one per city), else the settings' own."""
    measure = row.get("indicator") if row is not None else None
    return str(measure) if isinstance(measure, str) and measure else settings.indicator


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


def change_since_baseline(row: pd.Series) -> float:
    """L / B - 1 from the table's column (the ratio itself where an older table lacks it)."""
    value = row.get("change_since_baseline")
    if value is None or pd.isna(value):
        both = not pd.isna(row.get("baseline")) and not pd.isna(row.get("latest"))
        return _change(row) if both else float("nan")
    return float(value)


def _required_now(row: pd.Series, lang: str) -> str:
    """The annual change needed from the latest value on; 'met' where the latest is at or below the target."""
    if _target_met(row):
        return t("city_kf_met", lang)
    return annual_rate(row.get("required_now"), lang)


def key_figures(row: pd.Series, settings: Settings, lang: str, decimals: int = 1) -> list[tuple[str, str, str | None]]:
    """(label, value, help) of the key figures of one city, four to a row: what is needed first, then the levels."""
    n = lambda v: F.number(v, lang, decimals)  # noqa: E731
    baseline_year, latest_year = F.year(row.get("baseline_year")), F.year(row.get("latest_year"))
    y = settings.target_year
    change = (t("city_kf_change", lang, year=baseline_year), F.percent(change_since_baseline(row), lang, signed=True),
              t("city_kf_change_help", lang))
    baseline = (t("city_kf_baseline", lang, year=baseline_year), n(row.get("baseline")), None)
    latest = (t("city_kf_latest", lang, year=latest_year), n(row.get("latest")), None)
    if not has_target(row):  # trends only: the change, no target
        return [baseline, latest, change]
    first, first_help = _first_year_at_target(row, lang)
    return [
        (t("city_kf_required_now", lang), _required_now(row, lang), t("city_kf_required_now_help", lang, year=y)),
        (t("city_kf_required", lang, year=baseline_year), annual_rate(row.get("cagr_required"), lang),
         t("city_kf_required_help", lang, reduction=F.percent(settings.reduction, lang, 0), year=y)),
        (t("city_kf_actual", lang), annual_rate(row.get("cagr_actual"), lang), t("city_kf_actual_help", lang)),
        change,
        latest,
        (t("city_kf_path", lang, year=latest_year), n(row.get("path_at_latest")), t("city_kf_path_help", lang)),
        (t("city_kf_target", lang, year=y), n(row.get("target")), None),
        baseline,
        (t("city_kf_projection", lang, year=y), n(row.get("projection")), t("city_kf_projection_help", lang, year=y)),
        (t("city_kf_first_year", lang), first, first_help),
    ]


# ---------------------------------------------------------------- one city in words: page, brief and slide


@dataclass(frozen=True)
class CityLines:
    """What the city page, its PDF brief and its slide say about a city, as plain text in one language."""

    label: str  # the status: its symbol and words
    reason: str  # its certainty in words (or, without counts, the reason in rates), as a sentence
    path: str = ""  # the latest value against the path's value that year, and the gap
    required: str = ""  # the change needed a year from now on beside the one from the baseline (or: target met)
    change: str = ""  # the change since the baseline, signed, with the word rise or fall
    smoothing: str = ""  # where single years and 3-year means give different statuses: both
    reference: str = ""  # a city shown for reference (not a member)

    def details(self) -> list[str]:
        """The sentences after the status, in reading order (the empty ones left out)."""
        return [s for s in (self.path, self.required, self.change, self.smoothing) if s]


def _finite(*values) -> bool:
    return all(v is not None and not pd.isna(v) for v in values)


def _target_met(row: pd.Series) -> bool:
    return _finite(row.get("latest"), row.get("target")) and row["latest"] <= row["target"]


def _share(value: float, lang: str) -> str:
    """A share of draws as a whole percentage, with a decimal where rounding would say 0 % or 100 %."""
    whole = round(100 * value)
    return F.percent(value, lang, 1 if (whole == 0 and value > 0) or (whole == 100 and value < 1) else 0)


def _words(status: str, lang: str) -> str:
    return t("status_" + status, lang).lower()


def certainty_words(row: pd.Series, lang: str) -> str:
    """'75 % of plausible draws agree; limited or no progress in 23 %, other statuses in 1 %': the share of draws
    in the point status, each other status with a sizeable share, and the rest ('' without a certainty figure)."""
    status, certainty = row.get("status") or "", row.get("status_certainty")
    if status in ("", "insufficient_data") or not _finite(certainty):
        return ""
    shares = [(s, float(row.get("share_" + s, float("nan")))) for s in C.STATUSES if s != status]
    named = sorted(((s, v) for s, v in shares if v >= C.STATUS_SHARE_NAMED_MIN), key=lambda pair: -pair[1])
    rest = max(0.0, 1 - float(certainty) - sum(v for _s, v in named))
    share = _share(float(certainty), lang)
    if not named and rest == 0:
        return t("city_certainty_all", lang)
    if len(named) == 1 and rest < 1e-9:
        return t("city_certainty_rest", lang, share=share, other=_words(named[0][0], lang))
    items = [t("city_certainty_item", lang, status=_words(s, lang), share=_share(v, lang)) for s, v in named]
    if rest > 1e-9:
        items.append(t("city_certainty_others", lang, share=_share(rest, lang)))
    return t("city_certainty_split", lang, share=share, others=", ".join(items))


def _status_reason(row: pd.Series, lang: str, smoothing: str, decimals: int) -> str:
    """The certainty in words, else the reason behind the status; capitalised, as it opens a sentence."""
    reason = certainty_words(row, lang) or status_sentence(row, lang, smoothing, decimals)[1]
    return reason[:1].upper() + reason[1:]


def _path_line(row: pd.Series, lang: str, decimals: int) -> str:
    path, gap, latest = row.get("path_at_latest"), row.get("gap_to_path"), row.get("latest")
    if not has_target(row) or not _finite(path, gap, latest):
        return ""
    key = "city_path_on" if round(100 * abs(gap)) == 0 else "city_path_above" if gap > 0 else "city_path_below"
    return t(key, lang, latest=F.number(latest, lang, decimals), year=F.year(row.get("latest_year")),
             path=F.number(path, lang, decimals), gap=F.percent(abs(gap), lang, 0))


def _required_line(row: pd.Series, settings: Settings, lang: str, decimals: int) -> str:
    if not has_target(row) or not _finite(row.get("latest"), row.get("target")):
        return ""
    target = F.number(row["target"], lang, decimals)
    if _target_met(row):
        return t("city_target_met", lang, target=target, latest=F.number(row["latest"], lang, decimals),
                 year=F.year(row.get("latest_year")))
    if not _finite(row.get("required_now")):
        return ""
    return t("city_required_now", lang, now=annual_rate(row["required_now"], lang), target=target,
             target_year=settings.target_year, baseline_year=F.year(row.get("baseline_year")),
             from_baseline=annual_rate(row.get("cagr_required"), lang))


def _change_line(row: pd.Series, lang: str) -> str:
    change = change_since_baseline(row)
    if not _finite(change):
        return ""
    key = "city_change_none" if round(1000 * change) == 0 else "city_change_rise" if change > 0 else "city_change_fall"
    return t(key, lang, year=F.year(row.get("baseline_year")), change=F.percent(change, lang, signed=True))


def _smoothing_line(row: pd.Series, other: pd.Series | None, settings: Settings, lang: str) -> str:
    """Both statuses when the other smoothing, on the same measure, judges the city differently."""
    judged = lambda r: (r.get("status") or "") not in ("", "insufficient_data")  # noqa: E731
    if other is None or not judged(row) or not judged(other) or row["status"] == other["status"]:
        return ""
    if other.get("indicator", row.get("indicator")) != row.get("indicator"):
        return ""
    single, smoothed = (row, other) if settings.smoothing == "none" else (other, row)
    return t("city_smoothing_differs", lang, single=F.status_label(single["status"], lang),
             smoothed=F.status_label(smoothed["status"], lang))


def city_lines(row: pd.Series, settings: Settings, lang: str, *, other_row: pd.Series | None = None,
               decimals: int = 1, membership: str = "member") -> CityLines:
    """The city's status with its certainty, path, required change, change since the baseline and, where
    `other_row` (the same city under the other smoothing) judges it differently, both statuses."""
    return CityLines(
        label=F.status_label(row.get("status") or "", lang),
        reason=_status_reason(row, lang, settings.smoothing, decimals),
        path=_path_line(row, lang, decimals),
        required=_required_line(row, settings, lang, decimals),
        change=_change_line(row, lang),
        smoothing=_smoothing_line(row, other_row, settings, lang),
        reference=t("city_reference", lang) if membership == "other" else "",
    )


def reference_points(data: Dataset, city_id: str, indicator: str, lang: str) -> list[str]:
    """Each other series of a city as 'series: value (year), ...' (e.g. the network's report figures)."""
    rows = data.indicators.loc[(data.indicators["city_id"] == city_id) & (data.indicators["indicator"] == indicator)
                               & (data.indicators["series"] != C.MAIN_SERIES)].sort_values(["series", "year"])
    return [
        f"{series_label(series, group['source'].iloc[0], lang)}: "
        + ", ".join(f"{F.number(v, lang)} ({int(y)})" for y, v in zip(group["year"], group["value"]))
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
