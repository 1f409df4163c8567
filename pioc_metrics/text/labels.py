"""Names people read: a city's name, an indicator's label and unit, and short source citations.

Plain text in every case; each place that shows it escapes it for itself (`pioc_metrics.text.escape`).
"""

from __future__ import annotations

import re

import pandas as pd

from pioc_metrics import constants as C
from pioc_metrics.data.dataset import Dataset
from pioc_metrics.engine.catalog import catalog_rows, cities_by_id, indicator_kind
from pioc_metrics.text.i18n import t

SOURCE_CHARS = 90  # a citation longer than this is cut down to its publisher


def city_name(data: Dataset, city_id: str) -> str:
    """The city's name from cities.csv; its id when the city is unknown."""
    row = cities_by_id(data.cities).get(city_id)
    return str(row["city"]) if row is not None else city_id


def indicator_label(catalog: pd.DataFrame, indicator: str, lang: str) -> str:
    """The catalog's label in the language (English when that one is empty); the id when unknown. The network's
    headline is no catalog row: its label says it takes each city's best measure."""
    if indicator == C.HEADLINE:
        return t("indicator_headline", lang)
    row = catalog_rows(catalog).get(str(indicator))
    if row is None:
        return indicator
    value = row.get(f"label_{lang}")
    return str(value if isinstance(value, str) and value else row["label_en"])


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def unit_label(catalog: pd.DataFrame, indicator: str, lang: str) -> str:
    """'per 100,000 people', 'homicides', 'share': the unit of the indicator's kind ('' for others)."""
    kind = indicator_kind(catalog, indicator)
    return t(f"city_unit_{kind}", lang) if kind in ("rate", "count", "share") else ""


def indicator_title(catalog: pd.DataFrame, indicator: str, lang: str) -> str:
    """'homicide rate (per 100,000 people)': the label as it reads inside a chart title."""
    label = lower_first(indicator_label(catalog, indicator, lang))
    unit = unit_label(catalog, indicator, lang)
    return f"{label} ({unit})" if unit else label


def value_decimals(catalog: pd.DataFrame, indicator: str) -> int:
    """Counts are whole numbers; rates and shares get one decimal."""
    return 0 if indicator_kind(catalog, indicator) == "count" else 1


def short_source(source: str, limit: int = SOURCE_CHARS) -> str:
    """A source citation shortened for a chart's source line (the data table keeps it in full)."""
    text = " ".join(str(source or "").split())
    if not text:
        return ""
    url = re.match(r"^https?://(?:www\.)?([^/\s]+)", text)
    if url:
        return url.group(1)
    named = re.match(r"^(.{3,120}?):\s*(?:https?://|github\.com/)", text)
    if named:
        text = named.group(1)
    text = re.split(r",\s*(?:compiled in|via)\s", text, maxsplit=1)[0]
    text = re.sub(r",?\s*github\.com/\S+", "", text).strip(" ,")
    if len(text) > limit:
        trailing = re.search(r"\(([^()]{1,30})\)\s*$", text)
        head = text.split(",")[0].strip()
        text = f"{head} ({trailing.group(1)})" if trailing else head
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def short_sources(sources) -> list[str]:
    """Distinct short citations of some full source texts, in their first order."""
    return list(dict.fromkeys(s for s in (short_source(x) for x in sources) if s))


def source_line(sources, lang: str) -> str:
    """'Source: a; b' in plain text, citations shortened and de-duplicated ('' when there are none)."""
    short = short_sources(sources)
    return t("source_line", lang, source="; ".join(short)) if short else ""


# Words of a series id that are written in capitals, or their own way, when the id is made readable.
SERIES_WORDS = {"pioc": "PiOC", "un": "UN", "unodc": "UNODC", "sdg": "SDG", "inegi": "INEGI", "dane": "DANE",
                "isp": "ISP", "who": "WHO", "oas": "OAS"}


def series_label(series: str, source: str | None, lang: str) -> str:
    """A series as people read it: 'main' is its source's short name ('Main series' without a source); any
    other id is written as its source writes it ('dayton-daily-news' -> 'Dayton Daily News'), else made
    readable ('pioc-report-2023' -> 'PiOC report 2023')."""
    series = str(series or "")
    if series == C.MAIN_SERIES or not series:
        return short_source(source or "") or t("series_main", lang)
    words = [w for w in re.split(r"[-_\s]+", series) if w]
    if not words:
        return series
    pattern = r"(?<!\w)" + r"[\s\-_]+".join(re.escape(w) for w in words) + r"(?!\w)"
    found = re.search(pattern, str(source or ""), flags=re.IGNORECASE)
    if found:
        return found.group(0)
    readable = [SERIES_WORDS.get(w.lower()) or (w.upper() if w.isalpha() and not re.search(r"[aeiouy]", w, re.I)
                                                else w) for w in words]
    return " ".join([readable[0][:1].upper() + readable[0][1:], *readable[1:]])
