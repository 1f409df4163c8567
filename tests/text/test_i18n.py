"""Looking messages up: the language is passed explicitly, plurals follow each catalog's rule."""

from __future__ import annotations

import re

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from pioc_metrics.text import i18n
from pioc_metrics.text.i18n import DEFAULT_LANGUAGE, LANGUAGES, normalise_language, source_messages, t, template


def test_language_is_passed_explicitly_and_never_leaks():
    assert t("nav_city", "es") == "Trayectoria de la ciudad"
    assert t("nav_city", "pt") == "Trajetória da cidade"
    assert t("nav_city", "en") == "City trajectory"
    assert t("nav_city", "es") == "Trayectoria de la ciudad"


@pytest.mark.parametrize("raw, lang", [("pt-BR", "pt"), ("es_CO", "es"), ("EN", "en"), ("fr-FR", None), (None, None),
                                       ("<script>", None)])
def test_browser_locale_is_normalised(raw, lang):
    assert normalise_language(raw) == lang


def test_an_unknown_language_or_key_falls_back_without_failing():
    assert t("nav_city", "fr") == "City trajectory"
    assert t("no_such_key", "es") == "no_such_key"


def test_parameters_fill_the_template_and_a_missing_one_leaves_it_whole():
    assert t("source_line", "pt", source="DANE") == "Fonte: DANE"
    assert t("source_line", "es") == "Fuente: {source}"


@pytest.mark.parametrize("lang, one, two", [
    ("en", "2001–2001, 1 year", "2001–2002, 2 years"),
    ("es", "2001–2001, 1 año", "2001–2002, 2 años"),
    ("pt", "2001–2001, 1 ano", "2001–2002, 2 anos"),
])
def test_plural_form_follows_the_count(lang, one, two):
    assert t("city_years_span", lang, first=2001, last=2001, n=1) == one
    assert t("city_years_span", lang, first=2001, last=2002, n=2) == two


def test_plural_rule_is_each_catalogs_own():
    # CLDR: Portuguese counts 0 with the singular, English and Spanish with the plural
    assert t("city_years_span", "pt", first=2001, last=2001, n=0).endswith("0 ano")
    assert t("city_years_span", "es", first=2001, last=2001, n=0).endswith("0 años")
    assert t("city_years_span", "en", first=2001, last=2001, n=0).endswith("0 years")
    assert t("city_years_span", "es", first=2001, last=2001, n=1_000_000).endswith("1.000.000 de años")


@pytest.mark.parametrize("lang, one, two", [
    ("en", "1 value for 1 of 1 city, 2019 to 2019.", "2 values for 2 of 2 cities, 2019 to 2020."),
    ("es", "1 valor para 1 de 1 ciudad, de 2019 a 2019.", "2 valores para 2 de 2 ciudades, de 2019 a 2020."),
    ("pt", "1 valor para 1 de 1 cidade, de 2019 a 2019.", "2 valores para 2 de 2 cidades, de 2019 a 2020."),
])
def test_each_count_in_a_sentence_gets_its_own_plural(lang, one, two):
    assert t("data_coverage_summary", lang, values=1, cities=1, all_cities=1, first=2019, last=2019) == one
    assert t("data_coverage_summary", lang, values=2, cities=2, all_cities=2, first=2019, last=2020) == two


def test_a_plural_can_follow_a_parameter_other_than_n():
    assert t("data_rows_shown", "en", rows=1).startswith("1 row matches the filters")
    assert t("data_rows_shown", "es", rows=3).startswith("3 filas cumplen")
    assert t("extra_cells", "pt", count=1) == "a linha tem 1 célula a mais que o cabeçalho; ela é ignorada"


def test_counts_are_written_as_numbers_of_the_language():
    assert t("data_rows_shown", "en", rows=12345).startswith("12,345 rows")
    assert t("data_rows_shown", "es", rows=12345).startswith("12.345 filas")


def test_a_plural_without_its_count_shows_the_general_form():
    assert t("city_years_span", "en") == "{first}–{last}, {n} years"
    assert template("city_years_span", "es") == "{first}–{last}, {n} años"


def test_a_count_before_a_plural_noun_is_always_a_plural_message():
    nouns = r"(cities|values|rows|years|cells|members|homicides|ciudades|valores|filas|años|cidades|linhas|anos)"
    single = [m.key for m in source_messages().values() if m.english_plural is None
              and re.search(r"\{(n|m|count|rows|values|cities|total|all_cities)\} " + nouns + r"\b", m.english)]
    assert single == []


@pytest.fixture
def catalogs_in(tmp_path, monkeypatch):
    """Point the lookup at catalogs written by the test; the cache is emptied before and after."""
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.translations.cache_clear()
    yield tmp_path
    i18n.translations.cache_clear()


def test_a_fuzzy_or_missing_translation_falls_back_to_english(catalogs_in):
    catalog = Catalog(locale="es")
    catalog.add("Network overview", "Resumen de la red", context="nav_overview")
    catalog.add("City trajectory", "Trayectoria dudosa", context="nav_city", flags=["fuzzy"])
    (catalogs_in / "es" / "LC_MESSAGES").mkdir(parents=True)
    with (catalogs_in / "es" / "LC_MESSAGES" / "messages.po").open("wb") as file:
        write_po(file, catalog)
    assert t("nav_overview", "es") == "Resumen de la red"
    assert t("nav_city", "es") == "City trajectory"
    assert t("nav_compare", "es") == "Compare cities"


def test_english_reads_the_source_and_needs_no_catalog():
    assert DEFAULT_LANGUAGE in LANGUAGES and not i18n.catalog_path("en").exists()
    assert t("nav_overview", "en") == source_messages()["nav_overview"].english
