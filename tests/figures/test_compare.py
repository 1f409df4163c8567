"""Comparing cities: one line each, small multiples and the ranked change draw what the table says."""

from __future__ import annotations

import math
import re

import pytest

from pioc_metrics.figures.compare import compare_figure, ranked_change_figure, small_multiples_figure
from pioc_metrics.settings import Settings
from pioc_metrics.text import formatting as F

SETTINGS = Settings(indicator="homicide_rate")
COLOMBIA = ["medellin", "palmira", "cali", "bogota"]


def trace(fig, name_part: str):
    matches = [tr for tr in fig.data if tr.name and name_part in tr.name]
    assert matches, f"no trace named like {name_part!r}: {[tr.name for tr in fig.data]}"
    return matches[0]


@pytest.mark.parametrize("mode", ["absolute", "indexed", "log"])
def test_compare_labels_every_line_at_its_end(mode, shipped_data, rate_table):
    fig = compare_figure(shipped_data, rate_table, COLOMBIA, SETTINGS, "en", mode)
    names = dict(zip(shipped_data.cities.city_id, shipped_data.cities.city))
    for city_id in COLOMBIA:
        line = trace(fig, names[city_id])
        label = [a for a in fig.layout.annotations if a.text.startswith("<b>" + names[city_id])]
        assert len(label) == 1 and label[0].x == line.x[-1]


def test_compare_indexed_is_100_at_each_baseline(shipped_data, rate_table):
    fig = compare_figure(shipped_data, rate_table, COLOMBIA, SETTINGS, "en", "indexed")
    for city_id, name in (("palmira", "Palmira"), ("cali", "Cali")):
        line = trace(fig, name)
        index = list(line.x).index(rate_table.loc[city_id, "baseline_year"])
        assert line.y[index] == pytest.approx(100.0)
        latest = list(line.x).index(rate_table.loc[city_id, "latest_year"])
        assert line.y[latest] == pytest.approx(
            100 * rate_table.loc[city_id, "latest"] / rate_table.loc[city_id, "baseline"])
    assert trace(fig, "Target path").y[-1] == pytest.approx(100 * (1 - SETTINGS.reduction))


def test_compare_indexed_names_cities_left_out(shipped_data, rate_table):
    fig = compare_figure(shipped_data, rate_table, ["palmira", "oakland"], SETTINGS, "en", "indexed")
    assert "Oakland" in fig.layout.title.subtitle.text
    assert not [tr for tr in fig.data if tr.name == "Oakland"]


def test_compare_log_uses_log_axis_and_log_label_positions(shipped_data, rate_table):
    fig = compare_figure(shipped_data, rate_table, COLOMBIA, SETTINGS, "en", "log")
    assert fig.layout.yaxis.type == "log"
    palmira = [a for a in fig.layout.annotations if a.text.startswith("<b>Palmira")][0]
    assert abs(palmira.y - math.log10(rate_table.loc["palmira", "latest"])) < 0.3


def test_small_multiples_one_panel_and_target_path_per_city(shipped_data, rate_table):
    fig = small_multiples_figure(shipped_data, rate_table, COLOMBIA + ["oakland"], SETTINGS, "en")
    titles = [a.text for a in fig.layout.annotations if a.text.startswith("<b>")]
    assert len(titles) == 5
    assert any("Palmira" in x and F.status_label("deterioration", "en") in x for x in titles)
    assert any("Oakland" in x and "no data yet" in x for x in titles)
    paths = [tr for tr in fig.data if tr.legendgroup == "path"]
    assert len(paths) == 4
    for tr in paths:
        assert tr.x[-1] == SETTINGS.target_year


def plain(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", text.replace("<br>", " ")).split())


def test_ranked_change_is_sorted_with_status_symbols(shipped_data, rate_table):
    names = dict(zip(shipped_data.cities.city_id, shipped_data.cities.city))
    fig = ranked_change_figure(rate_table, COLOMBIA + ["oakland"], "en", names=names, reduction=0.5)
    bars = fig.data[0]
    labels = [plain(y) for y in bars.y]
    with_data = [v for v, y in zip(bars.x, labels) if not y.startswith("Oakland")]
    assert with_data == sorted(with_data)
    assert labels[-1].startswith("Oakland") and "no data yet" in bars.text[-1]
    palmira = labels.index("Palmira ▼ 2019–2024")  # name, symbol, and its years beneath
    change = rate_table.loc["palmira", "latest"] / rate_table.loc["palmira", "baseline"] - 1
    assert bars.x[palmira] == pytest.approx(100 * change)
    assert bars.text[palmira] == F.percent(change, "en", signed=True)  # short: the bars keep their room on a phone
    key = next(a.text for a in fig.layout.annotations if a.name == "note")
    assert F.status_label("deterioration", "en") in plain(key)  # the statuses in words, under the chart


def test_compare_charts_read_on_a_phone(shipped_data, rate_table):
    """Short end labels in a narrow right margin, two small charts to a row, plotly choosing the year step."""
    fig = compare_figure(shipped_data, rate_table, COLOMBIA, SETTINGS, "en", "indexed")
    assert fig.layout.margin.r <= 120
    ends = [a for a in fig.layout.annotations if a.xanchor == "left" and a.showarrow is False and a.x]
    assert ends and all(len(re.sub(r"<[^>]+>", "", line)) <= 16 for a in ends for line in a.text.split("<br>"))
    assert fig.layout.xaxis.dtick is None
    multiples = small_multiples_figure(shipped_data, rate_table, COLOMBIA, SETTINGS, "en")
    assert {tr.xaxis for tr in multiples.data} >= {"x", "x2", "x3", "x4"}
    assert multiples.layout.xaxis3.domain[0] == multiples.layout.xaxis.domain[0]  # the third under the first
