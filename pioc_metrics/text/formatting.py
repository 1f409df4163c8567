"""Numbers, percentages and statuses written for a reader of each language.

The numbers themselves come from `number_format` (Babel); this module adds the words around them.
"""

from __future__ import annotations

from pioc_metrics import constants as C
from pioc_metrics.text.i18n import t
from pioc_metrics.text.number_format import MISSING, integer, number, percent, year  # noqa: F401 (re-exported)
from pioc_metrics.text.number_format import is_missing as _missing  # noqa: F401 (kept for its callers)


def status_label(status: str, lang: str) -> str:
    """Symbol and words, so status never rests on colour alone."""
    if not status:
        return t("status_none", lang)
    return f"{C.STATUS_SYMBOLS.get(status, '')} {t('status_' + status, lang)}".strip()


def settings_line(settings, lang: str) -> str:
    """The settings behind a figure, in one line: shown under pages and written on every export."""
    baseline = t("baseline_each_city", lang) if settings.baseline_year is None else year(settings.baseline_year, lang)
    return t("settings_line", lang, baseline=baseline, target=settings.target_year,
             reduction=percent(settings.reduction, lang, 0),
             smoothing=t("smoothing_line_" + settings.smoothing, lang),
             path=t("path_" + settings.path, lang).lower())
