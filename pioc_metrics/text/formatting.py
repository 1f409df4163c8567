"""Numbers, percentages and statuses written for a reader of each language."""

from __future__ import annotations

import math

from pioc_metrics import constants as C
from pioc_metrics.text.i18n import t

# English writes 12,345.6; Spanish and Portuguese write 12.345,6.
_SEPARATORS = {"en": (",", "."), "es": (".", ","), "pt": (".", ",")}


def _missing(value) -> bool:
    try:
        return value is None or math.isnan(float(value))
    except (TypeError, ValueError):
        return True


def number(value, lang: str, decimals: int = 1) -> str:
    """12.3 / 12,3; thousands grouped; an en dash where there is no value."""
    if _missing(value):
        return "–"
    thousands, decimal = _SEPARATORS.get(lang, _SEPARATORS["en"])
    text = f"{float(value):,.{decimals}f}"
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


def integer(value, lang: str) -> str:
    return number(value, lang, 0)


def year(value) -> str:
    """Years without separators."""
    return "–" if _missing(value) else str(int(value))


def percent(share, lang: str, decimals: int = 1, signed: bool = False) -> str:
    """A share (0.061) as a percentage ('6.1 %'); signed adds '+' for positive values."""
    if _missing(share):
        return "–"
    text = number(100 * float(share), lang, decimals)
    if signed and float(share) > 0 and not text.startswith("-"):
        text = "+" + text
    return text.replace("-", "−") + " %"


def status_label(status: str, lang: str) -> str:
    """Symbol and words, so status never rests on colour alone."""
    if not status:
        return t("status_none", lang)
    return f"{C.STATUS_SYMBOLS.get(status, '')} {t('status_' + status, lang)}".strip()


def settings_line(settings, lang: str) -> str:
    """The settings behind a figure, in one line: shown under pages and written on every export."""
    baseline = t("baseline_each_city", lang) if settings.baseline_year is None else str(settings.baseline_year)
    return t("settings_line", lang, baseline=baseline, target=settings.target_year,
             reduction=percent(settings.reduction, lang, 0),
             smoothing=t("smoothing_line_" + settings.smoothing, lang),
             path=t("path_" + settings.path, lang).lower())
