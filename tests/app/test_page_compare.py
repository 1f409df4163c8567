"""The compare page, run by AppTest: cities from the URL, groups, three scales, languages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pioc_metrics.data.loading import load_dataset
from pioc_metrics.engine.coverage import cities_with_data
from pioc_metrics.engine.progress import progress_table
from pioc_metrics.settings import Settings
from pioc_metrics.text.i18n import t
from tests.apptest_pages import open_page, param

ROOT = Path(__file__).resolve().parents[2]
DATA, _ = load_dataset(ROOT / "data")
TABLE = progress_table(DATA, Settings(indicator="homicide_rate"))
NAMES = dict(zip(DATA.cities.city_id, DATA.cities.city, strict=True))


def compare_page(**params) -> AppTest:
    """The page on the homicide rate (the tests below pin its figures); the headline has its own tests."""
    return open_page("compare", **{"indicator": "homicide_rate", **params})



def specs(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def line_names(spec: dict) -> list[str]:
    return [trace.get("name", "") for trace in spec["data"]]


def test_cities_from_the_url_are_picked_and_drawn_with_end_labels():
    at = compare_page(cities="medellin,palmira,cali")
    assert at.multiselect(key="compare_pick").value == ["medellin", "palmira", "cali"]
    lines, multiples, ranked = specs(at)
    for city_id in ("medellin", "palmira", "cali"):
        assert NAMES[city_id] in line_names(lines)
        assert any(a["text"].startswith("<b>" + NAMES[city_id]) for a in lines["layout"]["annotations"])
    assert len([a for a in multiples["layout"]["annotations"] if a["text"].startswith("<b>")]) == 3
    assert len(ranked["data"][0]["y"]) == 3


def test_default_selection_is_the_cities_with_data():
    at = compare_page()
    wanted = cities_with_data(DATA, "homicide_rate")[:6]
    assert at.multiselect(key="compare_pick").value == wanted
    assert param(at, "cities") is None  # the default is not forced into the link


def test_adding_a_status_group_adds_its_cities_and_moves_the_url():
    at = compare_page(cities="medellin")
    at.selectbox(key="compare_group").select("status:deterioration").run()
    assert not at.exception
    deteriorating = list(TABLE.loc[TABLE.status == "deterioration", "city_id"])
    assert deteriorating  # the shipped data has such cities
    assert at.multiselect(key="compare_pick").value == ["medellin", *deteriorating]
    assert param(at, "cities") == ",".join(["medellin", *deteriorating])
    assert at.selectbox(key="compare_group").value == ""


def test_adding_a_region_group():
    at = compare_page(cities="palmira")
    region = "Sub-Saharan Africa"
    at.selectbox(key="compare_group").select(f"region:{region}").run()
    assert not at.exception
    members = list(DATA.cities.loc[DATA.cities.region == region, "city_id"])
    assert at.multiselect(key="compare_pick").value == ["palmira", *members]
    without = [NAMES[c] for c in members]
    captions = [re.sub(r"\\(.)", r"\1", c.value) for c in at.caption]
    assert any(all(name in c for name in without) for c in captions)  # said to have no data yet


@pytest.mark.parametrize("mode", ["absolute", "indexed", "log"])
def test_three_modes(mode):
    at = compare_page(cities="medellin,palmira,cali,bogota")
    at.radio(key="compare_mode").set_value(mode).run()
    assert not at.exception
    lines = specs(at)[0]
    assert lines["layout"]["yaxis"].get("type", "linear") == ("log" if mode == "log" else "linear")
    title = lines["layout"]["title"]["text"]
    assert {"absolute": "Homicide rate", "indexed": "indexed", "log": "log scale"}[mode] in title
    assert param(at, "mode") == (None if mode == "absolute" else mode)


def test_mode_from_the_url_and_a_bad_mode_falls_back():
    at = compare_page(cities="palmira", mode="indexed")
    assert at.radio(key="compare_mode").value == "indexed"
    at = compare_page(cities="palmira", mode="<b>")
    assert at.radio(key="compare_mode").value == "absolute"
    assert t("notice_bad_param", "en", name="mode") in [w.value for w in at.warning]


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_compare_in_spanish_and_portuguese(lang):
    at = compare_page(cities="medellin,palmira", lang=lang)
    assert at.title[0].value == t("nav_compare", lang)
    lines = specs(at)[0]
    assert lines["layout"]["separators"] == ",."
    assert lines["layout"]["title"]["text"].startswith(lang == "es" and "Tasa de homicidios" or "Taxa de homicídios")


def test_clearing_every_city_asks_for_one():
    at = compare_page(cities="palmira")
    at.multiselect(key="compare_pick").set_value([]).run()
    assert not at.exception
    assert t("compare_none_chosen", "en") in [i.value for i in at.info]
    assert not at.get("plotly_chart")


def test_unknown_city_in_the_list_is_dropped_with_a_notice():
    at = compare_page(cities="palmira,<script>,cali")
    assert at.multiselect(key="compare_pick").value == ["palmira", "cali"]
    assert t("notice_bad_param", "en", name="cities") in [w.value for w in at.warning]


def test_the_headline_compares_cities_on_one_measure_and_says_which():
    from pioc_metrics.text.labels import indicator_label

    def caption_text(at):
        return " ".join(c.value for c in at.caption).replace("\\", "")

    mixed = open_page("compare", cities="palmira,oakland")  # Oakland has counts only
    assert NAMES["oakland"] in line_names(specs(mixed)[0])
    assert "Compared on " + indicator_label(DATA.catalog, "homicides", "en") in caption_text(mixed)
    rates = open_page("compare", cities="palmira,cali")
    assert NAMES["cali"] in line_names(specs(rates)[0])
    assert "Compared on " + indicator_label(DATA.catalog, "homicide_rate", "en") in caption_text(rates)
