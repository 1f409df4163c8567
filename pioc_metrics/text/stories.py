"""Events, practices, before-and-after and peers in words, in the reader's language (engine.stories computes every
number; the data's own texts are chosen by language, falling back to English, then to the text as given)."""

from __future__ import annotations

import datetime as _dt
import math

import pandas as pd
from babel.dates import format_date

from pioc_metrics import constants as C
from pioc_metrics.text import formatting as F
from pioc_metrics.text.i18n import t
from pioc_metrics.text.months import month_year
from pioc_metrics.text.number_format import _locale

RATIO_DECIMALS = 2


def _given(row, name: str) -> str:
    value = row.get(name, "") if hasattr(row, "get") else ""
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value).strip()


def in_language(row, name: str, lang: str, plain: str | None = None) -> str:
    """The `name_<lang>` text of a row, else `name_en`, else the text as given (`plain`, e.g. `title`)."""
    for column in (f"{name}_{lang}", f"{name}_en", plain or name):
        text = _given(row, column)
        if text:
            return text
    return ""


def event_title(event, lang: str) -> str:
    return in_language(event, "title", lang, "title")


def event_description(event, lang: str) -> str:
    return in_language(event, "description", lang, "description")


def event_kind(kind: str, lang: str) -> str:
    return t(f"event_kind_{kind}", lang) if kind in C.EVENT_KINDS else str(kind)


def event_date(event, lang: str) -> str:
    """2012 / August 2019 (agosto de 2019) / August 4, 2019 (4 de agosto de 2019), as precise as the source."""
    year = int(event["year"])
    month, day = event.get("month"), event.get("day")
    if month is None or pd.isna(month):
        return F.year(year)
    if day is None or pd.isna(day):
        return month_year(year, int(month), lang)
    return format_date(_dt.date(year, int(month), int(day)), format="long", locale=_locale(lang))


def practice_title(practice, lang: str) -> str:
    return in_language(practice, "title", lang, "practice_id")


def practice_summary(practice, lang: str) -> str:
    return in_language(practice, "summary", lang)


def evidence_text(practice, lang: str) -> str:
    """What is known of the effect; "not evaluated" said plainly in the reader's language."""
    given = _given(practice, "evidence")
    if given.casefold().rstrip(".") == C.NOT_EVALUATED:
        return t("practice_not_evaluated", lang)
    if lang != "en":
        return _given(practice, f"evidence_{lang}") or given
    return given


def approach_label(approach: str, lang: str) -> str:
    return t(f"approach_{approach}", lang) if approach in C.PRACTICE_APPROACHES else approach


def approaches_text(cell: str, lang: str) -> str:
    return ", ".join(approach_label(a, lang) for a in str(cell).split(";") if a)


def listed(cell: str) -> list[str]:
    """The parts of a `;`-separated cell."""
    return [part for part in str(cell).split(";") if part]


def change_words(change: float, lang: str) -> str:
    """'17.2 % fewer', '12.0 % more', 'no change'."""
    if change < 0:
        return t("change_fewer", lang, share=F.percent(-change, lang))
    if change > 0:
        return t("change_more", lang, share=F.percent(change, lang))
    return t("change_same", lang)


def _span(first, last, lang: str) -> str:
    return f"{F.year(int(first))}–{F.year(int(last))}"


def before_after_lines(row: pd.Series, lang: str, years: int = C.BEFORE_AFTER_YEARS) -> list[str]:
    """The before-and-after comparison of one practice in one city in words (engine.stories.before_after's row)."""
    reason = str(row.get("reason", ""))
    if reason == "no_start":
        return [t("before_after_no_start", lang)]
    start = F.year(int(row["start"]))
    if reason == "no_data":
        return [t("before_after_no_data", lang)]
    if reason == "too_soon":
        return [t("before_after_too_soon", lang, years=years, start=start)]
    if reason:
        return [t("before_after_missing", lang, first=F.year(int(row["before_first"])),
                  last=F.year(int(row["after_last"])), start=start)]
    level = F.percent(C.RATIO_CONFIDENCE, lang, 0)
    high = F.number(row["ratio_high"], lang, RATIO_DECIMALS) if math.isfinite(row["ratio_high"]) else "∞"
    key = "before_after_change_rate" if row["measure"] == "rate" else "before_after_change_count"
    return [
        t("before_after_line", lang, years=years, start=start,
          before_span=_span(row["before_first"], row["before_last"], lang), before=F.integer(row["before"], lang),
          after_span=_span(row["after_first"], row["after_last"], lang), after=F.integer(row["after"], lang)),
        t(key, lang, change=change_words(float(row["change"]), lang), level=level,
          low=F.number(row["ratio_low"], lang, RATIO_DECIMALS), high=high),
        t("before_after_clear" if bool(row["clear"]) else "before_after_chance", lang),
    ] + ([t("before_after_break", lang, dates=", ".join(listed(str(row["breaks"]))))]
         if str(row.get("breaks", "") or "") else [])


def peer_line(peer: pd.Series, name: str, country: str, indicator: str, lang: str, decimals: int) -> str:
    """'Dayton (United States): homicides from 48 in 2019 to 24 in 2025 (−50.0 %).'"""
    return t("peers_line", lang, city=name, country=country, indicator=indicator,
             baseline=F.number(peer["baseline"], lang, decimals), baseline_year=F.year(int(peer["baseline_year"])),
             latest=F.number(peer["latest"], lang, decimals), latest_year=F.year(int(peer["latest_year"])),
             change=F.percent(float(peer["change_since_baseline"]), lang, signed=True))


def _folded(text: pd.Series) -> pd.Series:
    from pioc_metrics.data.checks import fold_names
    return fold_names(text.fillna("").astype(str))


def matching_practices(practices: pd.DataFrame, words: str = "", approach: str | None = None,
                       city_id: str | None = None) -> pd.DataFrame:
    """The practices whose titles or summaries (in any language) hold every word of `words` (accents and case
    ignored), of `approach` and in `city_id` when given."""
    keep = pd.Series(True, index=practices.index)
    if approach:
        keep &= practices["approach"].str.split(";").map(lambda parts: approach in parts).astype(bool)
    if city_id:
        keep &= practices["cities"].str.split(";").map(lambda parts: city_id in parts).astype(bool)
    wanted = [word for word in _folded(pd.Series([words])).iloc[0].split() if word]
    if wanted:
        columns = [c for c in practices.columns if c.startswith(("title", "summary")) or c == "practice_id"]
        haystack = _folded(practices[columns].fillna("").astype(str).agg(" ".join, axis=1))
        for word in wanted:
            keep &= haystack.str.contains(word, regex=False)
    return practices.loc[keep]


def cited(source: str) -> str:
    """An event's or practice's sources in short, each of its `;`-separated citations on its own:
    'Peace in Our Cities; oaklandnorth.net'."""
    from pioc_metrics.text.labels import short_sources
    return "; ".join(short_sources(part for part in str(source).split("; ") if part.strip()))
