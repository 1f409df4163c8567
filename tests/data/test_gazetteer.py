"""The offline gazetteer (pioc_metrics.data.gazetteer, data/gazetteer.csv.gz built from GeoNames cities15000)."""

from __future__ import annotations

import pytest

from pioc_metrics.data.gazetteer import GAZETTEER_PATH, country_code, country_iso3, fold, load_gazetteer, place


def test_gazetteer_file_is_small_and_has_the_columns_the_matching_needs():
    assert GAZETTEER_PATH.stat().st_size < 4 * 1024 * 1024
    frame = load_gazetteer()
    assert len(frame) > 30_000
    assert {"geonameid", "name", "asciiname", "altnames", "country_code", "iso3", "lat", "lon",
            "population"} <= set(frame.columns)
    assert frame["lat"].between(-90, 90).all() and frame["lon"].between(-180, 180).all()


def test_palmira_colombia_is_the_geonames_entry_of_the_shipped_data():
    found = place("Palmira", "Colombia")
    assert found.geonameid == 3673164  # the entry data/cities.csv cites
    assert (found.lat, found.lon, found.iso3) == (3.53944, -76.30361, "COL")
    assert "GeoNames" in found.citation and "3673164" in found.citation


def test_the_country_decides_between_cities_of_the_same_name():
    assert place("Palmira", "Cuba").country_code == "CU"
    assert place("Palmira", "Venezuela").country_code == "VE"


@pytest.mark.parametrize("country", ["Brazil", "Brasil", "brasil", "BR", "BRA", "República Federativa do Brasil"])
def test_countries_are_recognised_in_english_spanish_portuguese_and_as_codes(country):
    assert country_code(country) == "BR"
    assert country_iso3(country) == "BRA"


def test_names_match_without_accents_or_case_and_by_alternate_name():
    assert place("NITEROI", "Brasil").name == "Niterói"
    assert place("medellin", "CO").geonameid == 3674962
    assert place("Nictheroy", "Brazil").name == "Niterói"
    assert place("Niterói", "Brazil").matched_on == "name"
    assert place("Nictheroy", "Brazil").matched_on == "altname"


def test_the_most_populous_of_several_entries_is_chosen():
    found = place("San José", "Costa Rica")
    assert found.candidates >= 1 and found.population == max(
        load_gazetteer().query("country_code == 'CR' and name_key == 'san jose'")["population"])


def test_unknown_city_or_country_is_none():
    assert place("Nowhereville", "Colombia") is None
    assert place("Palmira", "Atlantis") is None
    assert place("", "Colombia") is None
    assert country_code("") is None and country_iso3("Atlantis") == ""


def test_fold_ignores_accents_case_hyphens_and_spaces():
    assert fold("  São-Paulo ") == fold("sao paulo") == "sao paulo"
