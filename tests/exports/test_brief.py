"""The one-page city brief (PDF): name, status in words, key figures, chart, sources, in each language."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from pioc_metrics.engine.progress import progress_table
from pioc_metrics.exports import brief
from pioc_metrics.settings import Settings
from pioc_metrics.text.i18n import t
from pioc_metrics.text.sentences import certainty_words, city_lines, other_smoothing

SETTINGS = Settings(indicator="homicide_rate")


@pytest.fixture(scope="module")
def rate_table(shipped_data):
    """Homicide rates: the brief's figures checked against the same table the page shows for this indicator."""
    return progress_table(shipped_data, SETTINGS)


def flat(text: str) -> str:
    """Text with its line breaks and runs of spaces as single spaces (the PDF wraps long sentences)."""
    return " ".join(text.split())


def brief_text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def test_portuguese_brief_of_palmira_has_one_page_with_name_status_figures_and_sources(
        shipped_data, rate_table, palmira_images):
    png, _svg = palmira_images
    pdf = brief.city_brief_pdf(shipped_data, rate_table, "palmira", SETTINGS, "pt", png)
    pages, text = brief_text(pdf)
    assert pages == 1
    assert "Palmira" in text
    assert t("status_" + rate_table.loc["palmira", "status"], "pt") in text
    assert "Policía Nacional de Colombia" in text
    assert "36,6" in text and "40,9" in text  # baseline 2019 and latest 2024, Portuguese decimals
    assert "−6,1 %" in text  # the required annual change, with a real minus sign
    assert len(pdf) > 30_000  # the chart image is embedded


def test_brief_for_a_city_without_data_says_so_and_gives_no_number(shipped_data, rate_table):
    pdf = brief.city_brief_pdf(shipped_data, rate_table, "nairobi", SETTINGS, "es", None)
    pages, text = brief_text(pdf)
    assert pages == 1
    assert "Nairobi" in text
    assert t("no_data_yet", "es") in text
    assert t("exp_key_figures", "es", unit="").split("(")[0].strip() not in text


def test_brief_keeps_accents_in_every_language(shipped_data, rate_table):
    for lang in ("en", "es", "pt"):
        _pages, text = brief_text(brief.city_brief_pdf(shipped_data, rate_table, "medellin", SETTINGS, lang, None))
        assert "Medellín" in text
        assert t("status_" + rate_table.loc["medellin", "status"], lang) in text


def test_transliteration_fallback_keeps_latin_accents_and_replaces_the_rest():
    assert brief.latin1("Niterói −6,1 % “ok”") == 'Niterói -6,1 % "ok"'
    assert brief.latin1("Kumanovo Куманово") .startswith("Kumanovo ")


def test_the_brief_with_its_chart_is_one_page(shipped_data, rate_table):
    pdf = brief.city_brief(shipped_data, rate_table, "palmira", SETTINGS, "en")
    pages, text = brief_text(pdf)
    assert pages == 1 and "Palmira" in text
    assert len(pdf) > 30_000  # the chart image is embedded


@pytest.mark.parametrize("lang, figures", [
    ("pt", ("−12,5 %", "−6,1 %", "40,9", "26,7", "53 %", "+11,7 %", "um aumento")),
    ("es", ("−12,5 %", "−6,1 %", "40,9", "26,7", "53 %", "+11,7 %", "un aumento")),
])
def test_brief_of_palmira_says_what_the_city_page_says(shipped_data, rate_table, lang, figures):
    other = progress_table(shipped_data, other_smoothing(SETTINGS))
    lines = city_lines(rate_table.loc["palmira"], SETTINGS, lang, other_row=other.loc["palmira"])
    _pages, text = brief_text(brief.city_brief_pdf(shipped_data, rate_table, "palmira", SETTINGS, lang, None))
    text = flat(text)
    for sentence in lines.details():
        assert flat(sentence) in text, sentence
    assert lines.smoothing  # single years and 3-year means differ for Palmira: both are named
    certainty = certainty_words(rate_table.loc["palmira"], lang)
    assert certainty and flat(certainty[:1].upper() + certainty[1:]) in text  # a sentence of its own
    for figure in figures:
        assert figure in text, figure
    assert "−11,7" not in text  # the change is a rise, never a "reduction" with a minus sign


def test_brief_of_a_city_shown_for_reference_says_so(shipped_data, rate_table):
    _pages, text = brief_text(brief.city_brief_pdf(shipped_data, rate_table, "medellin", SETTINGS, "es", None))
    assert t("city_reference", "es") in flat(text)
    _pages, text = brief_text(brief.city_brief_pdf(shipped_data, rate_table, "palmira", SETTINGS, "es", None))
    assert t("city_reference", "es") not in flat(text)


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_the_brief_lists_the_citys_events_numbered_as_on_its_chart_and_stays_one_page(
        shipped_data, rate_table, palmira_images, lang):
    from pioc_metrics.figures.events import city_events
    from pioc_metrics.text.stories import event_title
    png, _svg = palmira_images
    pages, text = brief_text(brief.city_brief_pdf(shipped_data, rate_table, "palmira", SETTINGS, lang, png))
    assert pages == 1
    events = city_events(shipped_data.events, "palmira")
    assert t("handover_events", lang) in text
    shown = events.tail(brief.EVENTS_SHOWN)
    for _, event in shown.iterrows():
        assert f"{int(event['number'])})" in flat(text) and flat(event_title(event, lang))[:30] in flat(text)
    hidden = len(events) - len(shown)
    if hidden:
        assert flat(t("brief_more_events", lang, n=hidden)) in flat(text)
