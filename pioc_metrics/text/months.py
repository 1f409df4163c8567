"""The year so far and the last 12 months in words: month names from Babel (CLDR), the change since the same months
a year earlier, and whether that change is clear or could be chance (engine.months computes every number)."""

from __future__ import annotations

import math
from functools import lru_cache

import pandas as pd
from babel.dates import get_month_names

from pioc_metrics.text import formatting as F
from pioc_metrics.text.i18n import t
from pioc_metrics.text.number_format import _locale

RATIO_DECIMALS = 2


@lru_cache(maxsize=16)
def _names(lang: str, width: str) -> dict[int, str]:
    return dict(get_month_names(width, context="stand-alone", locale=_locale(lang)))


def month_name(month, lang: str, width: str = "wide") -> str:
    """March / marzo / março (stand-alone, as a chart axis or a list writes it)."""
    return _names(lang, width).get(int(month), str(month))


def month_short(month, lang: str) -> str:
    """Mar / mar / mar: a chart's axis."""
    return _names(lang, "abbreviated").get(int(month), str(month)).rstrip(".")


def month_year(year, month, lang: str) -> str:
    """March 2026 / marzo de 2026 / março de 2026."""
    return t("month_year", lang, month=month_name(month, lang), year=F.year(year))


def months_span(year, through_month, lang: str) -> str:
    """'January to March 2026', 'January 2026' for one month."""
    if int(through_month) == 1:
        return month_year(year, 1, lang)
    return t("months_span", lang, first=month_name(1, lang), last=month_name(through_month, lang), year=F.year(year))


def _capital(text: str) -> str:
    """A sentence that opens with a month or a span ('de enero a marzo ...') starts with a capital."""
    return text[:1].upper() + text[1:]


def _finite(*values) -> bool:
    return all(value is not None and not pd.isna(value) and math.isfinite(float(value)) for value in values)


def ytd_sentence(row: pd.Series, indicator: str, lang: str) -> str:
    """'January to March 2026: 16 homicides, against 8 in the same months of 2025 (+100.0 %).'"""
    span = months_span(row["year"], row["through_month"], lang)
    if not _finite(row["ytd"]):
        return _capital(t("ytd_incomplete", lang, span=span))
    if not _finite(row["ytd_previous"]):
        return _capital(t("ytd_no_previous", lang, span=span, value=F.integer(row["ytd"], lang),
                          indicator=indicator, previous=F.year(int(row["year"]) - 1)))
    change = F.percent(row["change"], lang, signed=True) if _finite(row["change"]) else F.MISSING
    return _capital(t("ytd_line", lang, span=span, value=F.integer(row["ytd"], lang), indicator=indicator,
                      previous_value=F.integer(row["ytd_previous"], lang), previous=F.year(int(row["year"]) - 1),
                      change=change))


def clear_sentence(row: pd.Series, lang: str) -> str:
    """Whether the change is more than chance, with the interval of the ratio (95 %)."""
    if not _finite(row["ytd"], row["ytd_previous"]) or not _finite(row["ratio_low"]):
        return ""
    high = F.number(row["ratio_high"], lang, RATIO_DECIMALS) if _finite(row["ratio_high"]) else "∞"
    low = F.number(row["ratio_low"], lang, RATIO_DECIMALS)
    if bool(row["clear"]):
        key = "ytd_clear_fall" if row["ytd"] < row["ytd_previous"] else "ytd_clear_rise"
    else:
        key = "ytd_chance"
    return t(key, lang, low=low, high=high)


def last12_sentence(row: pd.Series, indicator: str, lang: str) -> str:
    """'In the 12 months to March 2026: 61 homicides, against 70 in the 12 months before (−12.9 %).'"""
    if not _finite(row["last12"]):
        return ""
    end = month_year(row["year"], row["through_month"], lang)
    if not _finite(row["previous12"]) or not row["previous12"]:
        return t("last12_only", lang, end=end, value=F.integer(row["last12"], lang), indicator=indicator)
    change = F.percent(row["last12"] / row["previous12"] - 1, lang, signed=True)
    return t("last12_line", lang, end=end, value=F.integer(row["last12"], lang), indicator=indicator,
             previous=F.integer(row["previous12"], lang), change=change)


def change_cell(change, clear, lang: str) -> str:
    """A table's cell: '+100.0 % (could be chance)' or '−35.2 % (clear)'."""
    if not _finite(change):
        return F.MISSING
    word = t("ytd_cell_clear", lang) if bool(clear) else t("ytd_cell_chance", lang)
    return f"{F.percent(change, lang, signed=True)} ({word})"
