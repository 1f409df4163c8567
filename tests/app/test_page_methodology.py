"""The Methodology page renders the engine's own constants, a live worked example and the sources list."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pioc_metrics import constants as C
from pioc_metrics.text import formatting as F
from pioc_metrics.text.i18n import t
from tests.apptest_pages import open_page as _open

ROOT = Path(__file__).resolve().parents[2]


def open_page(**params) -> AppTest:
    return _open("methodology", **params)


def page_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [str(x.proto.body) for x in at.get("latex")]
    parts += [s.value for s in at.subheader] + [s.value for s in at.title]
    for table in at.table:
        frame = table.value
        parts += [str(i) for i in frame.index] + [str(v) for v in frame.to_numpy().ravel()]
    return "\n".join(parts)


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_thresholds_defaults_and_statuses_come_from_the_constants(lang):
    text = page_text(open_page(lang=lang))
    for value in (C.ON_TRACK_MIN, C.FAIR_PROGRESS_MIN, C.LIMITED_PROGRESS_MIN):
        assert F.number(value, lang, 2) in text
    assert str(C.DEFAULT_BASELINE_YEAR) in text and str(C.TARGET_YEAR) in text
    assert F.number(C.REDUCTION_MIN, lang, 1) in text and F.number(C.REDUCTION_MAX, lang, 1) in text
    for status in C.STATUSES:
        assert F.status_label(status, lang) in text
    assert t("meth_title", lang) in text
    assert str(C.SMALL_NUMBERS_BELOW) in text


def test_worked_example_is_palmira_2011_to_2022_from_the_report_series():
    text = page_text(open_page(lang="en"))
    assert "Palmira 2011 → 2022" in text
    assert "-7.2" in text and "-3.6" in text  # CAGR_a -0.072435, CAGR_r -0.035824 (methodology.md)
    assert "2.02" in text  # progress ratio 2.021966
    assert "23.5" in text  # projected 2030 value 23.507823
    assert F.status_label("achieved", "en") in text


def test_worked_example_follows_the_reduction_in_the_link():
    text = page_text(open_page(lang="es", reduction="0.6"))
    assert "39{,}2" in text  # T = 98.1 x 0.4
    assert "0{,}60" in text


def test_poisson_example_and_sources_list_are_shown():
    text = page_text(open_page(lang="pt"))
    assert "147 homicídios" in text  # Palmira 2024, police records
    assert "GeoNames" in text and "Natural Earth" in text and "Gargiulo" in text
