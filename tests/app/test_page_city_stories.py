"""A city page's stories in three languages: what happened (each event with its date, kind and source), the city's
practices linked to the library, cities to learn from by the stated rule; the methodology states the rules."""

from __future__ import annotations

import pytest

from pioc_metrics import constants as C
from pioc_metrics.data.loading import load_dataset
from pioc_metrics.engine.progress import progress_table
from pioc_metrics.engine.stories import peers
from pioc_metrics.paths import SHIPPED_DIR
from pioc_metrics.settings import Settings
from pioc_metrics.text import formatting as F
from pioc_metrics.text import stories as S
from pioc_metrics.text.i18n import LANGUAGES, t
from tests.apptest_pages import open_page

DATA, _ = load_dataset(SHIPPED_DIR)


def page_text(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [s.value for s in at.subheader]
    parts += [link.proto.label for link in at.get("page_link")]
    return "\n".join(parts).replace("\\", "")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_palmiras_events_practices_and_peers_in_each_language(lang):
    at = open_page("city", city="palmira", lang=lang)
    text = page_text(at)
    assert t("events_title", lang, city="Palmira") in text
    for _, event in DATA.events.loc[DATA.events["city_id"] == "palmira"].iterrows():
        assert S.event_title(event, lang) in text
        assert S.event_date(event, lang) in text
    for practice_id in ("palmira-pazos", "cali-abriendo-caminos"):
        practice = DATA.practices.set_index("practice_id").loc[practice_id]
        assert S.practice_title(practice, lang) in text
    assert t("peers_title", lang) in text
    table = progress_table(DATA, Settings())
    for peer_id in peers(DATA, table, "palmira")["city_id"]:
        assert DATA.cities.set_index("city_id").loc[peer_id, "city"] in text


def test_a_city_without_events_says_how_to_add_them_and_one_without_data_has_no_peers():
    at = open_page("city", city="nairobi", lang="pt")
    text = page_text(at)
    assert t("events_none", "pt", city="Nairobi") in text
    assert t("peers_no_data", "pt", city="Nairobi") in text


def test_oaklands_peers_are_those_of_the_rule_and_link_to_their_pages():
    at = open_page("city", city="oakland", lang="en")
    table = progress_table(DATA, Settings())
    expected = list(peers(DATA, table, "oakland")["city_id"])
    assert expected  # Oakland has peers by the rule in the shipped data
    links = [link for link in at.get("page_link") if "(" in link.proto.label and "→" not in link.proto.label]
    names = DATA.cities.set_index("city_id")["city"]
    shown = [label for label in (link.proto.label.replace("\\", "") for link in links)
             if any(label.startswith(names[c]) for c in expected)]
    assert len(shown) == len(expected)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_methodology_states_the_before_after_and_peer_rules_from_the_constants(lang):
    at = open_page("methodology", lang=lang)
    text = "\n".join(m.value for m in at.markdown).replace("\\", "")
    assert t("methodology_stories_title", lang) in [s.value for s in at.subheader]
    assert t("methodology_before_after", lang, years=C.BEFORE_AFTER_YEARS,
             level=F.percent(C.RATIO_CONFIDENCE, lang, 0)) in text
    assert F.number(C.PEER_SIZE_RATIO, lang, 1) in text and F.number(C.PEER_LEVEL_RATIO, lang, 1) in text


def test_the_compare_charts_mark_events_when_asked():
    import json
    at = open_page("compare", lang="en", cities="oakland,palmira,dayton")
    plain = json.dumps([json.loads(c.proto.spec) for c in at.get("plotly_chart")])
    assert "Oakland Ceasefire" not in plain
    at.toggle(key="compare_events").set_value(True).run()
    marked = json.dumps([json.loads(c.proto.spec) for c in at.get("plotly_chart")])
    assert "Oakland Ceasefire" in marked and "PAZOS" in marked


@pytest.mark.parametrize(("city", "lang"), [("palmira", "es"), ("oakland", "en"), ("nairobi", "pt")])
def test_the_handover_brief_is_one_click_on_the_city_page(city, lang):
    at = open_page("city", city=city, lang=lang)
    labels = [b.proto.label for b in at.get("download_button")]
    assert t("handover_button", lang) in labels
