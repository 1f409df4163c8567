"""Country names from Babel's CLDR data, in the reader's language."""

from __future__ import annotations

import pytest

from pioc_metrics.text.countries import country_name, country_names


@pytest.mark.parametrize("iso3, lang, name", [
    ("COL", "es", "Colombia"), ("COL", "pt", "Colômbia"), ("USA", "es", "Estados Unidos"),
    ("USA", "pt", "Estados Unidos"), ("BRA", "es", "Brasil"), ("ZAF", "pt", "África do Sul"),
])
def test_country_names_come_from_cldr(iso3, lang, name):
    assert country_name(iso3, lang, "English name") == name


def test_english_keeps_the_datas_own_name():
    assert country_name("TTO", "en", "Trinidad and Tobago") == "Trinidad and Tobago"
    assert country_name("USA", "en") == "United States"


def test_an_unknown_code_falls_back_to_the_datas_name():
    assert country_name("TST", "es", "Testland") == "Testland"
    assert country_name("tst", "pt", float("nan")) == "TST"
    assert country_name(None, "es", None) == ""


def test_a_column_of_codes_is_named_at_once():
    assert country_names(["COL", "XXX"], ["Colombia", "Nowhere"], "pt") == ["Colômbia", "Nowhere"]
