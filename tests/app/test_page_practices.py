"""The Practices page: the library in three languages, search and filters kept in the link, each practice's cities
with their figures around its start, the plain not-an-evaluation sentence, and nothing unescaped."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from pioc_metrics.data.loading import load_dataset
from pioc_metrics.engine.stories import before_after
from pioc_metrics.paths import SHIPPED_DIR
from pioc_metrics.text import stories as S
from pioc_metrics.text.i18n import t
from tests.apptest_pages import open_page, param

DATA, _ = load_dataset(SHIPPED_DIR)


def page_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [s.value for s in at.subheader] + [s.value for s in at.title] + [i.value for i in at.info]
    return "\n".join(parts)


def unescaped(text: str) -> str:
    return text.replace("\\", "")


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_every_practice_is_listed_with_its_evidence_and_source_in_each_language(lang):
    at = open_page("practices", lang=lang)
    text = unescaped(page_text(at))
    assert t("practices_title", lang) in text
    assert t("practices_found", lang, n=len(DATA.practices), total=len(DATA.practices)) in text
    for _, practice in DATA.practices.iterrows():
        assert S.practice_title(practice, lang) in [s.value.replace("\\", "") for s in at.subheader]
        assert S.evidence_text(practice, lang) in text
    assert text.count(t("practice_not_an_evaluation", lang)) == len(DATA.practices)
    assert t("practice_not_evaluated", lang) in text


def test_the_before_and_after_sentences_are_those_of_the_engine():
    at = open_page("practices", lang="es", q="ceasefire")
    text = unescaped(page_text(at))
    row = before_after(DATA).set_index(["practice_id", "city_id"]).loc[("oakland-ceasefire", "oakland")]
    for line in S.before_after_lines(row, "es"):
        assert line in text
    assert row["before"] == 298 and row["after"] == 255  # Oakland 2009-2011 against 2013-2015, CA DOJ


def test_search_approach_and_city_filter_and_stay_in_the_link():
    at = open_page("practices", lang="en", q="jovenes")  # accents and case ignored, any language
    titles = [s.value for s in at.subheader]
    assert titles == sorted(titles) and len(titles) == len(S.matching_practices(DATA.practices, "jovenes"))
    assert param(at, "q") == "jovenes"
    at = open_page("practices", lang="en", approach="focused_deterrence")
    assert [unescaped(s.value) for s in at.subheader] == ["Oakland Ceasefire (focused deterrence)"]
    assert param(at, "approach") == "focused_deterrence"
    at = open_page("practices", lang="en", **{"in": "palmira"})
    ids = set(S.matching_practices(DATA.practices, city_id="palmira")["practice_id"])
    assert len(at.subheader) == len(ids) >= 2


def test_a_single_practice_opens_with_its_cities_charts_and_the_start_marked():
    at = open_page("practices", lang="en", q="ceasefire")
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    spec = json.loads(charts[0].proto.spec)
    text = json.dumps(spec)
    assert "Oakland Ceasefire" in text
    assert any(link.proto.page.endswith("city") or "city" in link.proto.page for link in at.get("page_link"))


def test_no_match_says_so_and_a_bad_choice_in_the_link_is_reported():
    at = open_page("practices", lang="pt", q="zzzz-nothing")
    assert t("practices_none_found", "pt") in [i.value for i in at.info]
    at = open_page("practices", lang="en", approach="<script>")
    assert at.warning and param(at, "approach") is None
