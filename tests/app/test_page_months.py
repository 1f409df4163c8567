"""Months and every form of violence on the pages (issue 14): a city's year so far in three languages, its every
indicator as small charts, the overview's list of cities with monthly figures, the new indicators wherever one is
chosen, and the warning where two cities' figures count different things."""

from __future__ import annotations

import json

import pytest

from pioc_metrics.data.loading import load_dataset
from pioc_metrics.engine.months import year_to_date
from pioc_metrics.text import months
from pioc_metrics.text.i18n import t
from pioc_metrics.text.labels import indicator_label, lower_first
from tests.apptest_pages import open_page
from tests.conftest import ROOT

DATA, _ = load_dataset(ROOT / "data")
YTD = year_to_date(DATA.monthly)
NEW = ("femicides", "rapes", "robberies", "aggravated_assaults", "attempted_homicides", "police_killings")


def _text(at) -> str:
    kinds = ("markdown", "caption", "warning", "info", "subheader", "title")
    text = " ".join(str(e.value) for kind in kinds for e in getattr(at, kind))
    return text.replace("\\", "")  # markdown's escapes: the text as read


def _row(city: str, indicator: str):
    return YTD.loc[(YTD["city_id"] == city) & (YTD["indicator"] == indicator)].iloc[0]


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_niteroi_shows_its_year_so_far_with_the_methodologys_example(lang):
    at = open_page("city", lang=lang, city="niteroi", indicator="homicides")
    row = _row("niteroi", "homicides")
    assert (int(row["year"]), int(row["through_month"]), row["ytd"], row["ytd_previous"]) == (2026, 3, 16, 8)
    text = _text(at)
    assert t("ytd_title", lang) in [s.value for s in at.subheader]
    label = lower_first(indicator_label(DATA.catalog, "homicides", lang))
    assert months.ytd_sentence(row, label, lang).replace(" ", " ")[:20] in text.replace(" ", " ")
    assert months.clear_sentence(row, lang) == t("ytd_chance", lang, low=months.F.number(row["ratio_low"], lang, 2),
                                                 high=months.F.number(row["ratio_high"], lang, 2))
    assert {"en": "0.81", "es": "0,81", "pt": "0,81"}[lang] in text and {"en": "5.40", "es": "5,40",
                                                                           "pt": "5,40"}[lang] in text
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    monthly = [c for c in charts if c["data"] and c["data"][0].get("type") == "bar"]
    assert monthly and list(monthly[0]["data"][0]["y"]) == list(
        DATA.monthly.query("city_id == 'niteroi' and indicator == 'homicides' and year == 2026 and series == 'main'")
        .sort_values("month")["value"])


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_dayton_shows_its_year_so_far_and_each_monthly_indicator_can_be_picked(lang):
    at = open_page("city", lang=lang, city="dayton", indicator="homicides")
    assert t("ytd_title", lang) in [s.value for s in at.subheader]
    picker = at.selectbox(key="city_ytd_indicator_dayton")
    assert set(picker.options) >= {indicator_label(DATA.catalog, i, lang)
                                   for i in ("homicides", "robberies", "rapes", "aggravated_assaults")}
    picker.set_value("robberies").run()
    assert not at.exception
    row = _row("dayton", "robberies")
    assert months.month_year(row["year"], row["through_month"], lang).lower() in _text(at).lower()


def test_a_city_without_monthly_figures_has_no_year_so_far_block():
    at = open_page("city", lang="en", city="palmira")
    assert t("ytd_title", "en") not in [s.value for s in at.subheader]


def test_a_city_page_draws_every_indicator_the_city_has_each_with_its_own_chart():
    at = open_page("city", lang="en", city="niteroi", indicator="homicides")
    assert t("city_all_indicators", "en", city="Niterói") in [s.value for s in at.subheader]
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
    for indicator in ("violent_deaths", "rapes", "police_killings"):
        label = indicator_label(DATA.catalog, indicator, "en")
        assert any(title.startswith(label) or label in title for title in titles), (indicator, titles)


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_the_overview_lists_the_cities_with_monthly_figures_and_their_change(lang):
    at = open_page("overview", lang=lang)
    assert t("overview_ytd_title", lang) in [s.value for s in at.subheader]
    [table] = [d.value for d in at.dataframe if t("overview_ytd_col_through", lang) in d.value.columns]
    cities = set(table[t("overview_ytd_col_city", lang)])
    assert {"Niterói", "Dayton"} <= cities


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_the_new_forms_of_violence_are_offered_wherever_an_indicator_is_chosen(lang):
    for page_id in ("overview", "city", "compare", "map"):
        at = open_page(page_id, lang=lang)
        options = set(at.selectbox(key="w_indicator").options)
        assert {indicator_label(DATA.catalog, i, lang) for i in NEW} <= options, page_id


@pytest.mark.parametrize("page_id", ["city", "compare", "map"])
@pytest.mark.parametrize("indicator", ["robberies", "rapes", "femicides", "aggravated_assaults"])
def test_each_page_runs_on_a_new_indicator(page_id, indicator):
    params = {"city": "dayton"} if page_id == "city" else {"cities": "dayton,niteroi"} if page_id == "compare" else {}
    at = open_page(page_id, lang="en", indicator=indicator, **params)
    assert not at.exception


def test_comparing_cities_whose_figures_count_different_things_carries_the_warning():
    at = open_page("compare", lang="en", indicator="violent_deaths", cities="niteroi,pelotas")
    [warning] = [w.value for w in at.warning if w.value.startswith(t("compare_definitions_differ", "en",
                                                                     indicator="Intentional violent deaths")[:40])]
    assert "police intervention" in warning and "Pelotas" in warning and "Niterói" in warning


def test_the_city_chart_says_what_the_figures_count():
    at = open_page("city", lang="en", city="pelotas", indicator="violent_deaths")
    assert any(c.value.startswith("What Pelotas") and "CVLI" in c.value for c in at.caption)


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_the_methodology_page_explains_months_with_the_example_of_the_data(lang):
    at = open_page("methodology", lang=lang)
    assert t("meth_months", lang) in [s.value for s in at.subheader]
    text = _text(at)
    assert "Niterói" in text and {"en": "2.00", "es": "2,00", "pt": "2,00"}[lang] in text
    assert t("ytd_cell_chance", lang) in text
