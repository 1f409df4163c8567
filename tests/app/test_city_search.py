"""The overview's city search (widgets.city_search): any city by typing part of its name, then its page."""

from __future__ import annotations

from pioc_metrics.text.i18n import t
from tests.apptest_pages import open_page, param


def test_the_overview_finds_a_city_and_opens_its_page():
    at = open_page("overview", lang="es")
    search = at.selectbox(key="city_search")
    assert search.value is None and search.label == t("city_search", "es")
    assert t("city_pick_option", "es", city="Palmira", country="Colombia") in search.options
    search.set_value("palmira").run()
    assert not at.exception
    assert param(at, "city") == "palmira" and param(at, "lang") == "es"
    assert any("Palmira" in title.value for title in at.title)  # the city's page
