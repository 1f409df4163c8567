"""The presentation page: slides in order, the slide number and language in the link, sources on every slide."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pioc_metrics.figures.projector import SLIDES, parse_slide
from pioc_metrics.settings import Settings
from pioc_metrics.text import escape
from pioc_metrics.text import formatting as F
from pioc_metrics.text.i18n import t
from tests.apptest_pages import open_page as _open

ROOT = Path(__file__).resolve().parents[2]


def open_present(**params) -> AppTest:
    return _open("present", **params)


def param(at: AppTest, name: str) -> str | None:
    value = at.query_params.get(name)
    return value[-1] if isinstance(value, list) else value


def title(at: AppTest) -> str:
    return at.title[0].value


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_slide_number_parsing_falls_back_to_the_first_slide():
    assert parse_slide(None) == (1, True)
    assert parse_slide("4") == (4, True)
    for bad in ("0", "99", "abc", "-1", "2; drop", "1e3"):
        assert parse_slide(bad) == (1, False)


def test_next_and_previous_buttons_move_through_the_slides_and_the_link_follows():
    at = open_present(lang="en", slide="1")
    assert title(at) == t("pres_title_map", "en")
    at.button(key="present_next").click().run()
    assert not at.exception
    assert param(at, "slide") == "2"
    assert title(at).startswith("Medellín")
    at.button(key="present_next").click().run()
    assert param(at, "slide") == "3"
    assert title(at).startswith("Palmira")
    at.button(key="present_previous").click().run()
    assert param(at, "slide") == "2"
    assert title(at).startswith("Medellín")


def test_first_and_last_slides_disable_the_button_that_would_leave_the_sequence():
    assert open_present(slide="1").button(key="present_previous").disabled
    assert open_present(slide=str(len(SLIDES))).button(key="present_next").disabled


def test_a_link_opens_its_slide():
    at = open_present(lang="es", slide="3")
    assert title(at) == t("pres_title_city", "es", city="Palmira")
    assert param(at, "lang") == "es"
    at = open_present(lang="es", slide="6", city="dayton")
    assert title(at).startswith("Dayton")


@pytest.mark.parametrize("bad", ["abc", "99", "0"])
def test_a_bad_slide_number_shows_a_notice_and_the_first_slide(bad):
    at = open_present(lang="pt", slide=bad)
    assert t("pres_bad_slide", "pt") in [w.value for w in at.warning]
    assert title(at) == t("pres_title_map", "pt")
    assert param(at, "slide") == "1"


def test_language_can_be_switched_on_the_slide():
    at = open_present(lang="es", slide="5")
    assert title(at) == t("pres_title_statuses", "es")
    at.selectbox(key="present_lang").set_value("pt").run()
    assert not at.exception
    assert title(at) == t("pres_title_statuses", "pt")
    assert param(at, "lang") == "pt"
    assert param(at, "slide") == "5"


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_every_slide_carries_a_source_line_and_a_text_alternative(lang):
    source_word = t("source_line", lang, source="").strip()
    for number in range(1, len(SLIDES) + 1):
        at = open_present(lang=lang, slide=str(number))
        text = captions(at)
        assert source_word in text, f"slide {number} has no source line"
        alt = t("pres_chart_alt", lang, text="").strip()
        assert alt in text, f"slide {number} has no text alternative"


def test_city_slides_say_the_status_in_words_with_its_numbers():
    at = open_present(lang="en", slide="3")
    headline = " ".join(m.value for m in at.markdown if m.value.startswith("## "))
    assert "Palmira" in headline and "36.6" in headline and "deterioration" in headline.lower()


def test_charts_are_enlarged_for_a_projector():
    at = open_present(lang="en", slide="4")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["font"]["size"] >= 20
    assert spec["layout"]["height"] >= 600


def test_clicker_keys_move_the_slides_like_the_buttons():
    """PageDown and Space go forward, PageUp back (out-of-sight buttons with those keyboard shortcuts)."""
    at = open_present(lang="en", slide="2")
    at.button(key="present_next_pagedown").click().run()
    assert param(at, "slide") == "3"
    at.button(key="present_next_space").click().run()
    assert param(at, "slide") == "4"
    at.button(key="present_previous_pageup").click().run()
    assert param(at, "slide") == "3"
    shortcuts = {b.key: b.proto.shortcut for b in at.button if b.key and b.key.startswith("present_")}
    assert shortcuts["present_next_pagedown"].lower() == "pagedown"
    assert shortcuts["present_next_space"].lower() == "space"
    assert shortcuts["present_previous_pageup"].lower() == "pageup"
    assert shortcuts["present_next"].lower() == "right" and shortcuts["present_previous"].lower() == "left"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_slide_names_its_indicator_and_settings_and_its_source_once(lang):
    source_word = t("source_line", lang, source="").strip()
    for number in range(1, len(SLIDES) + 1):
        at = open_present(lang=lang, slide=str(number))
        lines = [c.value for c in at.caption]
        settings = F.settings_line(Settings(), lang)
        assert any(escape.markdown(settings) in line and " · " in line for line in lines), f"slide {number}"
        assert sum(line.startswith(source_word) for line in lines) == 1, f"slide {number}: {lines}"
        for chart in at.get("plotly_chart"):
            layout = json.loads(chart.proto.spec)["layout"]
            assert not [a for a in layout.get("annotations", []) if a.get("name") == "source"]  # said under it
            assert not layout.get("title", {}).get("text")  # the slide's title says it, bigger


def test_the_convening_picks_its_slides_and_cities_in_the_link():
    at = open_present(lang="en", slides="palmira,cali,network")
    assert title(at).startswith("Palmira") and t("pres_slide_of", "en", n=1, total=3) in markdown(at)
    at.button(key="present_next").click().run()
    assert title(at).startswith("Cali") and param(at, "slide") == "2"
    assert param(at, "slides") == "palmira,cali,network"
    assert not at.multiselect  # the picker waits behind its toggle, out of the audience's way
    at.toggle(key="present_choose_open").set_value(True).run()
    at.multiselect(key="present_slides").set_value(["map", "palmira"]).run()
    assert not at.exception
    assert param(at, "slides") == "map,palmira" and param(at, "slide") == "2"
    assert title(at).startswith("Palmira") and t("pres_slide_of", "en", n=2, total=2) in markdown(at)
    options = at.multiselect(key="present_slides").options
    assert t("pres_kind_map", "en") in options and t("pres_kind_city", "en", city="Dayton") in options


def test_a_bad_list_of_slides_gives_a_notice_and_keeps_what_it_understood():
    at = open_present(lang="pt", slides="palmira,<script>,nowhere")
    assert t("pres_bad_slides", "pt") in [w.value for w in at.warning]
    assert title(at).startswith("Palmira") and t("pres_slide_of", "pt", n=1, total=1) in markdown(at)
    at = open_present(lang="pt", slides="nowhere")
    assert title(at) == t("pres_title_map", "pt")  # nothing understood: the default slides
