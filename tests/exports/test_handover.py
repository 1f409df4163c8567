"""The handover brief (PDF, 2-3 pages): the commitment, status, trajectory with events, the year so far, practices,
peers, next steps and sources of a real city, in each language; a city without data; texts no font or markup breaks."""

from __future__ import annotations

import dataclasses
import io

import pandas as pd
import pytest
from pypdf import PdfReader

from pioc_metrics.data.stories import PRACTICE_COLUMNS, validate_events, validate_practices
from pioc_metrics.engine.stories import peers
from pioc_metrics.exports import brief, handover
from pioc_metrics.exports.images import settings_text
from pioc_metrics.settings import Settings
from pioc_metrics.text.countries import country_name
from pioc_metrics.text.i18n import t
from pioc_metrics.text.labels import city_name, indicator_label, lower_first, value_decimals
from pioc_metrics.text.sentences import summary_sentence
from pioc_metrics.text.stories import event_title, practice_title

SETTINGS = Settings()
HEADINGS = ("handover_target", "handover_status", "handover_trajectory", "handover_events", "handover_practices",
            "handover_peers", "handover_next", "handover_sources")


def flat(text: str) -> str:
    """Text with its line breaks and runs of spaces as single spaces (the PDF wraps long sentences)."""
    return " ".join(text.replace("\u200b", "").split())


def pages_of(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def text_of(pdf: bytes) -> str:
    return flat("\n".join(pages_of(pdf)))


def heading(key: str, lang: str, city: str) -> str:
    return t(key, lang, city=city)


def commitment(data, table, city_id: str, lang: str) -> str:
    row = table.loc[city_id]
    label = lower_first(indicator_label(data.catalog, row["indicator"], lang))
    return handover.commitment_line(row, city_name(data, city_id), label, SETTINGS, lang,
                                    value_decimals(data.catalog, row["indicator"]))


@pytest.fixture(scope="module")
def palmira_pdfs(shipped_data, shipped_table, palmira_images):
    """Palmira's handover brief in each language, with a chart image drawn once for the run."""
    png, _svg = palmira_images
    return {lang: handover.handover_brief_pdf(shipped_data, shipped_table, "palmira", SETTINGS, lang, png)
            for lang in ("en", "es", "pt")}


def synthetic(data, city_id: str, events: list[dict], practices: list[dict]):
    """`data` with these events and practices in place of the shipped ones (each validated as a file would be)."""
    practice_frame, problems = validate_practices(pd.DataFrame(practices, columns=list(PRACTICE_COLUMNS),
                                                               dtype=object).fillna(""), "practices.csv", data.cities)
    assert problems == []
    rows = [{"city_id": city_id, "kind": "programme", "source": "https://example.org/a; Example Times", **event}
            for event in events]
    event_frame, problems = validate_events(pd.DataFrame(rows, dtype=object), "events.csv", data.cities,
                                            practice_frame["practice_id"])
    assert problems == []
    return dataclasses.replace(data, events=event_frame, practices=practice_frame)


def practice(practice_id: str, city_id: str, title: str, **more) -> dict:
    return {"practice_id": practice_id, "title_en": title, "approach": "community;youth", "cities": city_id,
            "since": "2018", "evidence": "not evaluated", "source": "https://example.org/p", **more}


# ---------------------------------------------------------------- a real city, in each language


def test_palmira_commitment_reads_as_a_sentence_with_its_own_figures(shipped_data, shipped_table, palmira_pdfs):
    expected = "Palmira aims to reduce homicide rate by 50 % from its 2019 baseline (36.6) to 18.3 by 2030."
    assert commitment(shipped_data, shipped_table, "palmira", "en") == expected
    assert expected in text_of(palmira_pdfs["en"])


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_palmira_brief_has_status_target_events_practices_peers_and_the_caveat(
        shipped_data, shipped_table, palmira_pdfs, lang):
    pdf = palmira_pdfs[lang]
    pages, text = pages_of(pdf), text_of(pdf)
    assert 2 <= len(pages) <= 3
    assert "Palmira" in text
    assert t("status_" + shipped_table.loc["palmira", "status"], lang) in text
    assert flat(commitment(shipped_data, shipped_table, "palmira", lang)) in text
    events = shipped_data.events.loc[shipped_data.events["city_id"] == "palmira"]
    assert len(events) >= 3
    for _, event in events.iterrows():
        assert flat(event_title(event, lang)) in text, event_title(event, lang)
    used = handover.city_practices(shipped_data, "palmira")
    assert len(used) >= 1
    for _, row in used.iterrows():
        assert flat(practice_title(row, lang)) in text
    assert flat(t("practice_not_an_evaluation", lang)) in text
    found = peers(shipped_data, shipped_table, "palmira")
    assert "cali" in set(found["city_id"])  # the shipped data's peer: a member city whose figures fell
    assert f"Cali ({country_name('COL', lang)}): " in text
    assert flat(t("handover_next_line", lang)) in text
    assert f"{len(pages)}" in flat(pages[-1]).split()[-1]  # "Page 3 of 3": the page count written in


def test_palmira_sections_come_in_reading_order_and_sources_are_cited(palmira_pdfs):
    text = text_of(palmira_pdfs["en"])
    places = [text.find(heading(key, "en", "Palmira")) for key in HEADINGS]
    assert -1 not in places and places == sorted(places), dict(zip(HEADINGS, places))
    assert "Policía Nacional de Colombia" in text  # the figures' source
    assert "alvaralice.org" in text  # an event's publisher, beside it and in full at the end
    assert "1. 2018 · Change in how figures are counted" in text  # numbered as the chart's badges


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_spanish_and_portuguese_briefs_carry_no_english_heading(palmira_pdfs, lang):
    text = text_of(palmira_pdfs[lang])
    for key in (*HEADINGS, "handover_title", "handover_sources_figures", "handover_sources_stories"):
        english, translated = heading(key, "en", "Palmira"), heading(key, lang, "Palmira")
        assert translated in text, key
        assert english not in text, f"{key} in English: {english!r}"


def test_the_year_so_far_appears_where_the_city_has_months(shipped_data, shipped_table):
    text = text_of(handover.handover_brief_pdf(shipped_data, shipped_table, "niteroi", SETTINGS, "pt", None))
    assert t("handover_year_so_far", "pt") in text
    lines, _sources = handover.year_so_far(shipped_data, "niteroi", "homicides", "pt")
    assert lines and flat(lines[0]) in text
    assert "16 homicídios" in text  # January to March 2026, as the methodology's example
    palmira = text_of(handover.handover_brief_pdf(shipped_data, shipped_table, "palmira", SETTINGS, "en", None))
    assert t("handover_year_so_far", "en") not in palmira  # no monthly figures: no section


# ---------------------------------------------------------------- no data, no browser


def test_a_city_without_data_says_so_and_how_to_add_it_with_no_number(shipped_data, shipped_table):
    assert "no_data" in shipped_table.loc["nairobi", "flags"]
    for lang in ("en", "es"):
        text = text_of(handover.handover_brief_pdf(shipped_data, shipped_table, "nairobi", SETTINGS, lang, None))
        assert "Nairobi" in text
        assert t("no_data_yet", lang) in text
        assert flat(t("no_data_yet_how", lang)) in text
        assert flat(t("peers_no_data", lang, city="Nairobi")) in text
        assert flat(t("handover_target_no_baseline", lang, city="Nairobi", share="50 %", target_year="2030")) in text
        assert t("exp_key_figures", lang, unit="").split("(")[0].strip() not in text
        assert t("handover_trajectory", lang) not in text


def test_without_a_browser_the_chart_is_said_in_words(shipped_data, shipped_table, monkeypatch):
    def no_browser(*args, **kwargs):
        raise RuntimeError("no Chromium here")

    monkeypatch.setattr(brief, "figure_image", no_browser)
    pdf = handover.handover_brief(shipped_data, shipped_table, "palmira", SETTINGS, "en")
    text = text_of(pdf)
    assert t("handover_trajectory", "en") in text
    assert flat(summary_sentence(shipped_table.loc["palmira"], "Palmira", "en")) in text
    assert len(PdfReader(io.BytesIO(pdf)).pages) <= 3


def test_with_a_chart_the_image_is_embedded(shipped_data, shipped_table, palmira_images, monkeypatch):
    png, _svg = palmira_images
    monkeypatch.setattr(brief, "figure_image", lambda *args, **kwargs: png)  # no Chromium in this test
    pdf = handover.handover_brief(shipped_data, shipped_table, "oakland", SETTINGS, "en")
    reader = PdfReader(io.BytesIO(pdf))
    assert 2 <= len(reader.pages) <= 3 and "Oakland" in text_of(pdf)
    assert sum(len(page.images) for page in reader.pages) == 1


# ---------------------------------------------------------------- texts that could break a PDF


def test_text_outside_latin1_renders_as_written(shipped_data, shipped_table):
    title = "Niterói — meta ≥ 50 % “até 2030” → Куманово"
    data = synthetic(shipped_data, "niteroi", [{"date": "2021-03-05", "title": title}],
                     [practice("pacto-unicode", "niteroi", "Pacto — ≥ todos", evidence="≈ 30 % menos (≥ 2 anos)")])
    text = text_of(handover.handover_brief_pdf(data, shipped_table, "niteroi", SETTINGS, "pt", None))
    assert title in text
    assert "Pacto — ≥ todos" in text and "≈ 30 % menos (≥ 2 anos)" in text


def test_without_dejavu_the_core_font_still_writes_every_section(shipped_data, shipped_table, monkeypatch, tmp_path):
    monkeypatch.setattr(brief, "FONT_DIR", tmp_path)  # no DejaVu: Helvetica, text made Latin-1
    data = synthetic(shipped_data, "niteroi", [{"date": "2021", "title": "Niterói — meta ≥ 50 %"}], [])
    text = text_of(handover.handover_brief_pdf(data, shipped_table, "niteroi", SETTINGS, "pt", None))
    assert "Niterói - meta ? 50 %" in text
    assert t("handover_events", "pt") in text and t("handover_sources", "pt") in text


def test_html_like_and_template_like_titles_appear_literally(shipped_data, shipped_table):
    title = "<b>Bold</b> & <script>alert(1)</script> {city} {nb} %s **not markdown**"
    data = synthetic(shipped_data, "palmira", [{"date": "2020-01", "title": title}],
                     [practice("literal-practice", "palmira", "<i>Practice</i> & {nb}")])
    text = text_of(handover.handover_brief_pdf(data, shipped_table, "palmira", SETTINGS, "en", None))
    assert title in text
    assert "<i>Practice</i> & {nb}" in text


def test_long_texts_wrap_whole_and_no_page_ends_with_a_heading(shipped_data, shipped_table):
    long_title = " ".join(["Programa municipal de convivencia y seguridad ciudadana"] * 8)
    address = "https://example.org/" + "-".join(["a-very-long-path-segment"] * 12) + ".html"
    events = [{"date": f"{2000 + i}-0{1 + i % 9}", "title": f"{long_title} {i}", "source": address}
              for i in range(24)]
    practices = [practice(f"practice-{i}", "palmira", f"Practice {i}: {long_title}", summary_en=long_title * 2)
                 for i in range(5)]
    data = synthetic(shipped_data, "palmira", events, practices)
    for lang in ("en", "es"):
        pdf = handover.handover_brief_pdf(data, shipped_table, "palmira", SETTINGS, lang, None)
        pages, text = pages_of(pdf), text_of(pdf)
        assert len(pages) > 3  # all of it, on as many pages as it takes
        assert f"{long_title} 23" in text  # wrapped, not cut
        assert address in "".join(text.split())  # broken only after a / or -, every character kept
        headings = [heading(key, lang, "Palmira") for key in HEADINGS]
        foot = flat(settings_text(SETTINGS, lang))[:25]
        for number, page in enumerate(pages, 1):
            body = flat(page)
            body = body[:body.rfind(foot)].strip() if foot in body else body
            assert not any(body.endswith(h) for h in headings), f"page {number} ends with a heading: {body[-80:]!r}"
