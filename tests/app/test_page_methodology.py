"""The Methodology page renders the engine's own constants, a live worked example and the sources list."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pioc_metrics import constants as C
from pioc_metrics.engine.progress import progress_table
from pioc_metrics.settings import Settings
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


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_worked_example_is_palmira_main_series_with_the_city_page_figures(lang, shipped_data):
    at = open_page(lang=lang)
    text = page_text(at)
    row = progress_table(shipped_data, Settings()).loc["palmira"]  # the table the city page shows
    assert "Palmira 2019 → 2024" in text
    assert "Policía Nacional de Colombia" in text  # the main series' source, not a report's series id
    formulas = "\n".join(str(x.proto.body) for x in at.get("latex"))
    assert "98" not in formulas  # not the 2023 report's 98.1 -> 42.9

    def latex(value, decimals=1, percent=False):
        number = F.number(100 * value if percent else value, lang, decimals).replace(",", "{,}").replace("−", "-")
        return number + (r"\,\%" if percent else "")

    for value in (row["baseline"], row["latest"], row["target"], row["projection"], row["path_at_latest"]):
        assert latex(value) in text
    for share in (row["cagr_actual"], row["cagr_required"], row["gap_to_path"], row["required_now"]):
        assert latex(share, percent=True) in text
    assert "+" + latex(row["change_since_baseline"], percent=True) in text  # +11.7 %: a rise
    assert latex(row["progress_ratio"], 2) in text
    assert F.status_label(row["status"], lang) in text


def test_worked_example_follows_the_reduction_in_the_link():
    text = page_text(open_page(lang="es", reduction="0.6"))
    assert "14{,}6" in text  # T = 36.6 x 0.4
    assert "0{,}60" in text


def test_poisson_example_and_sources_list_are_shown():
    text = page_text(open_page(lang="pt"))
    assert "147 homicídios" in text  # Palmira 2024, police records
    assert "GeoNames" in text and "Natural Earth" in text and "Gargiulo" in text
