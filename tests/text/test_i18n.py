"""Every visible string exists in English, Spanish and Portuguese."""

from __future__ import annotations

import string

import pytest

from pioc_metrics.text import formatting as F
from pioc_metrics.text.i18n import LANGUAGES, catalog, normalise_language, t


def test_every_catalog_key_has_every_language():
    missing = [(key, lang) for key, texts in catalog().items() for lang in LANGUAGES if not texts.get(lang, "").strip()]
    assert missing == []


def test_placeholders_agree_across_languages():
    def fields(text):
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    mismatched = [key for key, texts in catalog().items() if len({frozenset(fields(texts[lang])) for lang in LANGUAGES}) != 1]
    assert mismatched == []


def test_language_is_passed_explicitly_and_never_leaks():
    assert t("nav_city", "es") == "Trayectoria de la ciudad"
    assert t("nav_city", "pt") == "Trajetória da cidade"
    assert t("nav_city", "en") == "City trajectory"


@pytest.mark.parametrize("raw, lang", [("pt-BR", "pt"), ("es_CO", "es"), ("EN", "en"), ("fr-FR", None), (None, None), ("<script>", None)])
def test_browser_locale_is_normalised(raw, lang):
    assert normalise_language(raw) == lang


@pytest.mark.parametrize("lang, text", [("en", "12,345.7"), ("es", "12.345,7"), ("pt", "12.345,7")])
def test_numbers_follow_the_language(lang, text):
    assert F.number(12345.67, lang) == text


def test_percent_and_years():
    assert F.percent(-0.061069, "es") == "−6,1 %"
    assert F.percent(0.0223, "en", signed=True) == "+2.2 %"
    assert F.year(2019.0) == "2019"
    assert F.number(float("nan"), "en") == "–"


def test_status_label_has_symbol_and_words():
    assert F.status_label("deterioration", "es") == "▼ Deterioro"
