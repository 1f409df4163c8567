"""The presentation page: slides in order, the slide number and language in the link, sources on every slide."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pioc_metrics.figures.projector import SLIDES, parse_slide
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
