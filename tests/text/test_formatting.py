"""Statuses and the settings line, in words of each language."""

from __future__ import annotations

from pioc_metrics.settings import Settings
from pioc_metrics.text import formatting as F


def test_status_label_has_symbol_and_words():
    assert F.status_label("deterioration", "es") == "▼ Deterioro"
    assert F.status_label("", "en") == "No target for this indicator"


def test_settings_line_writes_each_setting_in_the_language():
    line = F.settings_line(Settings(), "pt")
    assert line.startswith("Base: a de cada cidade; meta 2030 (redução de 50 %)")
