"""Links reopen the same view; bad parameters fall back to defaults with a notice."""

from __future__ import annotations

from pioc_metrics import constants as C
from pioc_metrics.app.state import View, parse_view
from pioc_metrics.settings import Settings

INDICATORS = {"homicide_rate", "homicides", "violent_deaths", "population"}
CITIES = {"palmira", "medellin", "cali"}


def parse(params, **kwargs):
    return parse_view(params, indicators=INDICATORS, city_ids=CITIES, **kwargs)


def test_a_view_round_trips_through_its_query():
    view = View(lang="es", settings=Settings(indicator="homicides", baseline_year=2018, target_year=2032,
                                             reduction=0.4, smoothing="3y", path="linear"),
                city="palmira", cities=("cali", "medellin"))
    assert parse(view.query()) == view


def test_defaults_are_left_out_of_links_but_the_indicator_is_always_named():
    # A link without an indicator meant the homicide rate before the headline measure became the default.
    assert View().query() == {"lang": "en", "indicator": C.HEADLINE}


def test_the_headline_measure_round_trips_through_the_url():
    view = parse({"indicator": "headline", "lang": "pt", "city": "cali"})
    assert view.settings.indicator == C.HEADLINE == C.DEFAULT_INDICATOR and not view.rejected
    assert view.query()["indicator"] == "headline" and parse(view.query()) == view
    assert parse({"indicator": "homicides"}, base=view).query()["indicator"] == "homicides"
    assert parse({}).settings.indicator == C.HEADLINE  # the default


def test_malicious_values_fall_back_with_their_names():
    view = parse({"city": "<script>alert(1)</script>", "lang": "xx", "reduction": "NaN",
                  "target": "1e9", "indicator": "../../etc/passwd", "baseline": "'; drop"})
    assert view.city is None and view.lang == "en" and view.settings == Settings()
    assert set(view.rejected) == {"city", "lang", "reduction", "target", "indicator", "baseline"}


def test_unknown_cities_are_dropped_and_reported():
    view = parse({"cities": "palmira,<b>x</b>,cali"})
    assert view.cities == ("palmira", "cali") and "cities" in view.rejected


def test_browser_locale_applies_only_without_a_choice():
    assert parse({}, browser_locale="pt-BR").lang == "pt"
    assert parse({"lang": "es"}, browser_locale="pt-BR").lang == "es"
    assert parse({}, base=View(lang="es", city="cali"), browser_locale="pt-BR").lang == "es"


def test_baseline_and_target_years_come_from_their_ranges():
    view = parse({"baseline": "2024", "target": "2025"})
    assert view.settings.baseline_year == 2024 and view.settings.target_year == 2025 and not view.rejected
    view = parse({"baseline": "2031", "target": "2024"})
    assert view.settings == Settings() and set(view.rejected) == {"baseline", "target"}
