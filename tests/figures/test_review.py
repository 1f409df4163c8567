"""The review chart: the published series as a line, a submission's values as points of their own beside it."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import plotly.io as pio
import pytest

from pioc_metrics.figures import theme
from pioc_metrics.figures.review import (
    PROPOSED_COLOUR,
    PROPOSED_SYMBOL,
    changed_indicators,
    proposed_values,
    review_figure,
)
from pioc_metrics.text import escape
from pioc_metrics.text import formatting as F
from pioc_metrics.text.i18n import t
from tests.app.hostile import NAME as HOSTILE

SOURCE = "Palmira city records (synthetic)"


def _with_rows(data, changes: dict[tuple[str, int], float], *, source: str = SOURCE, city_id: str = "palmira"):
    """`data` with the city's main-series values {(indicator, year): value} put in place, as a submission would."""
    indicators = data.indicators.copy()
    for (indicator, year), value in changes.items():
        where = ((indicators["city_id"] == city_id) & (indicators["indicator"] == indicator)
                 & (indicators["year"] == year) & (indicators["series"] == "main"))
        if where.any():
            indicators.loc[where, ["value", "source"]] = [value, source]
        else:
            row = {"city_id": city_id, "year": year, "indicator": indicator, "value": value, "series": "main",
                   "source": source, "note": "", "derived": False, "population_carried": False, "origin": "store"}
            indicators = pd.concat([indicators, pd.DataFrame([row])], ignore_index=True)
    return replace(data, indicators=indicators)


def _published_value(data, indicator: str, year: int, city_id: str = "palmira") -> float:
    rows = data.indicators
    return float(rows.loc[(rows["city_id"] == city_id) & (rows["indicator"] == indicator) & (rows["year"] == year)
                          & (rows["series"] == "main"), "value"].iloc[0])


def _trace(fig, name: str):
    found = [trace for trace in fig.data if trace.name == name]
    assert len(found) == 1, [trace.name for trace in fig.data]
    return found[0]


@pytest.fixture(scope="module")
def proposal(shipped_data):
    return _with_rows(shipped_data, {("homicides", 2024): 150.0, ("homicides", 2025): 101.0})


def test_proposed_values_are_the_added_and_changed_ones_with_what_they_replace(shipped_data, proposal):
    found = proposed_values(shipped_data, proposal, "palmira")
    assert list(zip(found["indicator"], found["year"])) == [("homicides", 2024), ("homicides", 2025)]
    assert list(found["value"]) == [150.0, 101.0]
    assert found["old"].iloc[0] == _published_value(shipped_data, "homicides", 2024) and np.isnan(found["old"].iloc[1])
    assert list(found["source"]) == [SOURCE, SOURCE]
    assert found["old_source"].iloc[0].startswith("Policía Nacional") and found["old_source"].iloc[1] == ""
    assert proposed_values(shipped_data, proposal, "cali").empty  # another city: untouched


def test_a_new_source_alone_is_a_change(shipped_data):
    same = _published_value(shipped_data, "homicides", 2023)
    found = proposed_values(shipped_data, _with_rows(shipped_data, {("homicides", 2023): same}), "palmira")
    assert list(found["year"]) == [2023] and found["value"].iloc[0] == found["old"].iloc[0]


def test_changed_indicators_puts_the_one_asked_first(shipped_data, proposal):
    both = _with_rows(proposal, {("homicide_rate", 2024): 41.0})
    assert changed_indicators(shipped_data, both, "palmira") == ["homicide_rate", "homicides"]
    assert changed_indicators(shipped_data, both, "palmira", first="homicides") == ["homicides", "homicide_rate"]
    assert changed_indicators(shipped_data, both, "cali") == []


def test_the_published_series_is_a_line_and_the_proposed_values_points_beside_it(shipped_data, proposal):
    fig = review_figure(shipped_data, proposal, "palmira", "homicides", "en", release=1, submission=7)
    published = _trace(fig, t("review_chart_published", "en", number=1))
    rows = shipped_data.indicators
    expected = rows.loc[(rows["city_id"] == "palmira") & (rows["indicator"] == "homicides")
                        & (rows["series"] == "main")].sort_values("year")
    assert list(published.x) == list(expected["year"]) and published.mode == "lines+markers"
    np.testing.assert_allclose(published.y, expected["value"])
    proposed = _trace(fig, t("review_chart_proposed", "en", id=7))
    assert list(proposed.x) == [2024, 2025] and list(proposed.y) == [150.0, 101.0]
    assert proposed.marker.symbol == PROPOSED_SYMBOL and proposed.marker.color == PROPOSED_COLOUR
    assert proposed.marker.color != published.line.color and "lines" not in proposed.mode
    assert published.showlegend is not False and proposed.showlegend is not False  # both named in the legend
    old = _published_value(shipped_data, "homicides", 2024)
    assert list(proposed.customdata) == [t("review_chart_hover_changed", "en", year=2024, old=F.number(old, "en", 0),
                                           new="150"), t("review_chart_hover_added", "en", year=2025, value="101")]
    [connector] = [trace for trace in fig.data if trace.showlegend is False]
    assert list(connector.x) == [2024, 2024, None] and list(connector.y) == [old, 150.0, None]
    assert fig.layout.xaxis.range[1] > 2025  # the added year is inside the chart


def test_the_chart_uses_the_pioc_template_and_says_what_it_shows(shipped_data, proposal):
    fig = review_figure(shipped_data, proposal, "palmira", "homicides", "en", release=1, submission=7,
                        statuses=("deterioration", "fair_progress"))
    assert fig.layout.template == pio.templates[theme.NAME]
    subtitle = fig.layout.title.subtitle.text.replace("<br>", " ")
    assert "Palmira" in fig.layout.title.text and t("review_chart_subtitle", "en", n=2) in subtitle
    assert F.status_label("deterioration", "en") in subtitle and F.status_label("fair_progress", "en") in subtitle
    foot = " ".join(a.text.replace("<br>", " ") for a in fig.layout.annotations)
    assert "Policía Nacional" in foot and "Palmira city records" in foot  # both sources named under the chart


def test_numbers_follow_the_language(shipped_data):
    proposal = _with_rows(shipped_data, {("homicide_rate", 2025): 12.5})
    fig = review_figure(shipped_data, proposal, "palmira", "homicide_rate", "es", release=1, submission=2)
    proposed = _trace(fig, t("review_chart_proposed", "es", id=2))
    assert list(proposed.text) == [F.number(12.5, "es", 1)] and "," in proposed.text[0]
    assert fig.layout.separators == theme.separators("es")


def test_a_chart_without_proposed_values_still_draws_the_published_series(shipped_data, proposal):
    fig = review_figure(shipped_data, proposal, "palmira", "population", "pt", release=3)
    assert [trace.name for trace in fig.data] == [t("review_chart_published", "pt", number=3)]


def test_nothing_published_or_proposed_is_said_not_drawn(shipped_data):
    fig = review_figure(shipped_data, shipped_data, "palmira", "no_such_indicator", "en")
    assert not fig.data and "Palmira" in fig.layout.annotations[0].text


def test_hostile_text_is_shown_as_typed(shipped_data):
    cities = shipped_data.cities.copy()
    cities.loc[cities["city_id"] == "palmira", "city"] = HOSTILE
    proposal = _with_rows(replace(shipped_data, cities=cities), {("homicides", 2025): 101.0}, source=HOSTILE)
    fig = review_figure(shipped_data, proposal, "palmira", "homicides", "en", release=1, submission=1)
    title = fig.layout.title.text.replace("<br>", "")
    assert "<b>b</b>" not in title and escape.plotly("<b>b</b>") in title
    foot = " ".join(a.text for a in fig.layout.annotations)
    assert "<b>b</b>" not in foot and escape.plotly("<b>b</b>") in foot
