"""Chart images and the one-page city brief: made offline, with the expected text."""

from __future__ import annotations

import io
from pathlib import Path

import plotly.graph_objects as go
import pytest
from pypdf import PdfReader

from pioc_metrics.exports import images as exports
from pioc_metrics.text.i18n import t
from pioc_metrics.data.loading import load_dataset
from pioc_metrics.engine.methodology import progress_table
from pioc_metrics.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def shipped():
    data, _problems = load_dataset(ROOT / "data")
    settings = Settings()
    return data, progress_table(data, settings), settings


@pytest.fixture(scope="module")
def palmira_images(shipped):
    """One PNG and one SVG of Palmira's trajectory (kaleido starts Chromium once for the module)."""
    data, table, settings = shipped
    fig = exports.city_trajectory_figure(data, table, "palmira", settings, "pt")
    options = dict(title="Palmira: trajetória até 2030", source_line="Fonte: Polícia Nacional de Colombia",
                   settings_line=exports.settings_text(settings, "pt"))
    return exports.figure_image(fig, "png", **options), exports.figure_image(fig, "svg", **options)


def test_png_export_is_a_real_image_of_the_requested_size(palmira_images):
    png, _svg = palmira_images
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 20_000
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1200, 675)


def test_svg_export_carries_title_source_and_settings(palmira_images):
    _png, svg = palmira_images
    text = svg.decode("utf-8")
    assert text.lstrip().startswith("<svg") or "<svg" in text[:500]
    assert "Palmira: trajetória até 2030" in text
    assert "Fonte: Polícia Nacional de Colombia" in text
    assert "meta 2030" in text  # the settings line
    assert len(svg) > 10_000


def test_unknown_image_format_is_refused():
    with pytest.raises(ValueError):
        exports.figure_image(go.Figure(), "gif", title="", source_line="", settings_line="")


def brief_text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def test_portuguese_brief_of_palmira_has_one_page_with_name_status_figures_and_sources(shipped, palmira_images):
    data, table, settings = shipped
    png, _svg = palmira_images
    pdf = exports.city_brief_pdf(data, table, "palmira", settings, "pt", png)
    pages, text = brief_text(pdf)
    assert pages == 1
    assert "Palmira" in text
    assert t("status_" + table.loc["palmira", "status"], "pt") in text
    assert "Policía Nacional de Colombia" in text
    assert "36,6" in text and "40,9" in text  # baseline 2019 and latest 2024, Portuguese decimals
    assert "−6,1 %" in text  # the required annual change, with a real minus sign
    assert len(pdf) > 30_000  # the chart image is embedded


def test_brief_for_a_city_without_data_says_so_and_gives_no_number(shipped):
    data, table, settings = shipped
    pdf = exports.city_brief_pdf(data, table, "nairobi", settings, "es", None)
    pages, text = brief_text(pdf)
    assert pages == 1
    assert "Nairobi" in text
    assert t("no_data_yet", "es") in text
    assert t("exp_key_figures", "es", unit="").split("(")[0].strip() not in text


def test_brief_keeps_accents_in_every_language(shipped):
    data, table, settings = shipped
    for lang in ("en", "es", "pt"):
        _pages, text = brief_text(exports.city_brief_pdf(data, table, "medellin", settings, lang, None))
        assert "Medellín" in text
        assert t("status_" + table.loc["medellin", "status"], lang) in text


def test_transliteration_fallback_keeps_latin_accents_and_replaces_the_rest():
    assert exports.latin1("Niterói −6,1 % “ok”") == 'Niterói -6,1 % "ok"'
    assert exports.latin1("Kumanovo Куманово") .startswith("Kumanovo ")
