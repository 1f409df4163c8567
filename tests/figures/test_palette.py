"""Colour accessibility of the app: WCAG contrast, and status colours under colour-vision deficiencies."""

from __future__ import annotations

import pytest

from pioc_metrics import constants as C
from pioc_metrics.figures import palette as A


def test_contrast_ratio_matches_wcag_reference_values():
    assert A.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert A.contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    # WCAG's own example: #767676 on white is the lightest grey that passes AA (4.54:1).
    assert A.contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    assert A.contrast_ratio("#0072B2", "#FFFFFF") == A.contrast_ratio("#FFFFFF", "#0072B2")


def test_simulation_keeps_greys_and_merges_red_and_green_for_deuteranopes():
    assert A.simulate("#808080", "deuteranopia") == "#808080"
    red_green_normal = A.delta_e("#FF0000", "#00FF00")
    red_green_deutan = A.delta_e(A.simulate("#CC3333", "deuteranopia"), A.simulate("#33AA33", "deuteranopia"))
    assert red_green_deutan < red_green_normal / 3


def test_palette_check_reports_a_red_green_palette():
    problems = A.palette_problems({"good": "#2CA02C", "bad": "#D62728", "neutral": "#1F77B4"})
    assert any("deuteranopia" in p or "protanopia" in p for p in problems)


@pytest.mark.parametrize("deficiency", [None, "protanopia", "deuteranopia"])
def test_status_colours_stay_distinct(deficiency):
    distance, pair = A.min_pairwise_delta_e(C.STATUS_COLOURS, deficiency)
    vision = deficiency or "normal vision"
    assert distance >= A.MIN_STATUS_DELTA_E, f"{pair} too close under {vision}: ΔE {distance:.1f}"


def test_every_status_colour_has_a_text_colour_at_aa():
    for status, colour in C.STATUS_COLOURS.items():
        text = A.readable_text_on(colour)
        assert A.contrast_ratio(text, colour) >= A.WCAG_AA_TEXT, status


def test_app_text_colours_reach_aa_on_their_backgrounds():
    assert A.text_contrast_problems() == []
    primary = "#0072B2"  # .streamlit/config.toml primaryColor: links and buttons
    assert A.contrast_ratio(primary, "#FFFFFF") >= A.WCAG_AA_TEXT


def test_every_status_has_a_distinct_symbol():
    symbols = [C.STATUS_SYMBOLS[s] for s in C.STATUSES]
    assert len(set(symbols)) == len(C.STATUSES)
