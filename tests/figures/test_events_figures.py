"""A city's events on its charts: drawn at their dates, a change in counting breaking the line, the event in words
(escaped) on hover, badges that never share a height when close, and nothing drawn where there are no events."""

from __future__ import annotations

import base64
import dataclasses
import itertools

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from factories import make_dataset

from pioc_metrics.data.stories import validate_events, validate_practices
from pioc_metrics.engine.progress import progress_table
from pioc_metrics.figures import theme
from pioc_metrics.figures.compare import compare_figure, small_multiples_figure
from pioc_metrics.figures.events import (
    EVENT_NAME,
    ROW_PX,
    city_events,
    draw_events,
    event_positions,
    gapped,
)
from pioc_metrics.figures.trajectory import trajectory_figure
from pioc_metrics.settings import Settings

SETTINGS = Settings(indicator="homicide_rate")
EVIL = "<b>x</b><img src=x onerror=alert(1)>"
YEARS = range(2008, 2025)


def dataset(values: dict[str, dict[int, float]] | None = None, indicator: str = "homicide_rate"):
    values = values or {"testville": {y: 40.0 - (y - 2008) for y in YEARS}, "otherton": dict.fromkeys(YEARS, 20.0)}
    return make_dataset(values, indicator, baseline_years=dict.fromkeys(values, 2015))


def with_events(data, *events: dict, practices: list[dict] | None = None):
    """`data` with these events (city testville, kind policy and a source unless given), validated as on reading."""
    rows = [{"city_id": "testville", "kind": "policy", "source": "https://example.org/report", **e} for e in events]
    frame, problems = validate_events(pd.DataFrame(rows, dtype=str), "events.csv", data.cities, None)
    assert not problems, problems
    data = dataclasses.replace(data, events=frame)
    if practices:
        table, problems = validate_practices(pd.DataFrame(practices, dtype=str), "practices.csv", data.cities)
        assert not problems, problems
        data = dataclasses.replace(data, practices=table)
    return data


def chart(data, settings: Settings = SETTINGS, city_id: str = "testville", **options) -> go.Figure:
    return trajectory_figure(data, progress_table(data, settings), city_id, settings, "en", **options)


def values(array) -> list:
    """A trace's x or y as read from the figure's JSON (plotly writes numpy arrays as base64 "bdata")."""
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array) if array is not None else []


def event_shapes(fig: go.Figure) -> list[dict]:
    return [s for s in fig.to_dict()["layout"].get("shapes", []) if s.get("name", "").startswith(EVENT_NAME)]


def event_marks(fig: go.Figure) -> list[dict]:
    """Each event's badge (or bare dot), with its hover."""
    return [a for a in fig.to_dict()["layout"].get("annotations", []) if a.get("name", "").startswith(EVENT_NAME)]


def badges(fig: go.Figure) -> list[dict]:
    return [a for a in event_marks(fig) if a["text"] != "●"]


def city_line(trace: dict) -> bool:
    """The city's observed line on its own chart (in pieces or not), not the path, projection or band."""
    return trace.get("line", {}).get("color") == theme.MAIN_COLOUR


def joined_across(fig: go.Figure, position: float, keep=city_line) -> list[tuple]:
    """Every drawn segment of a `keep` line that joins a point before `position` with one at or after it."""
    joins = []
    for trace in fig.to_dict()["data"]:
        if "lines" not in trace.get("mode", "lines") or not keep(trace):
            continue
        xs = values(trace.get("x"))
        joins += [(a, b) for a, b in itertools.pairwise(xs) if a is not None and b is not None and a < position <= b]
    return joins


# ---------------------------------------------------------------------------
# the city's chart
# ---------------------------------------------------------------------------

def test_events_are_drawn_at_their_dates_on_the_year_axis():
    data = with_events(dataset(), {"date": "2012", "title": "Strategy launched"},
                       {"date": "2019-08", "title": "Programme starts"})
    fig = chart(data)
    assert [s["x0"] for s in event_shapes(fig)] == [2012.0, pytest.approx(2019 + 7 / 12, abs=1e-3)]
    assert all(s["x0"] == s["x1"] and s["y0"] == 0 and s["y1"] == 1 for s in event_shapes(fig))
    assert event_positions(fig) == [2012.0, pytest.approx(2019.5833, abs=1e-3)]
    assert [a["x"] for a in event_marks(fig)] == event_positions(fig)


def test_the_badges_are_numbered_as_the_city_events_are_listed():
    data = with_events(dataset(), {"date": "2002", "title": "Before the data"}, {"date": "2014", "title": "A"},
                       {"date": "2012-05", "title": "B"})
    listed = city_events(data.events, "testville")
    assert list(listed["number"]) == [1, 2, 3] and list(listed["title"]) == ["Before the data", "B", "A"]
    assert [a["text"] for a in badges(chart(data))] == ["2", "3"]


def test_a_change_in_counting_breaks_the_city_line():
    data = with_events(dataset(), {"date": "2015", "kind": "data", "title": "New population base"})
    fig = chart(data)
    assert joined_across(fig, 2015.0) == []
    assert (2013, 2014) in joined_across(fig, 2013.5)  # the line itself is drawn
    assert joined_across(chart(data, events=False), 2015.0) == [(2014, 2015)]  # without the events, joined as before
    main = next(tr for tr in fig.to_dict()["data"] if "main series" in tr.get("name", ""))
    assert values(main["x"]) == list(YEARS)  # every year is still there, with its hover
    band = [tr for tr in fig.to_dict()["data"] if tr.get("legendgroup") == "interval"]
    assert all(not (min(values(tr["x"])) < 2015 <= max(values(tr["x"]))) for tr in band)


def test_a_change_in_counting_mid_year_breaks_after_that_year():
    data = with_events(dataset(), {"date": "2016-07", "kind": "data", "title": "New recording system"})
    fig = chart(data)
    assert joined_across(fig, 2016.5) == [] and (2015, 2016) in joined_across(fig, 2015.5)


def test_a_change_in_counting_is_grey_long_dashed_and_says_so():
    data = with_events(dataset(), {"date": "2015", "kind": "data", "title": "New population base"},
                       {"date": "2017", "title": "Policy"})
    data_line, policy_line = event_shapes(chart(data))
    assert data_line["line"]["color"] == theme.DATA_BREAK_COLOUR and data_line["line"]["dash"] == "longdash"
    assert policy_line["line"]["dash"] == "dot"
    data_mark, policy_mark = event_marks(chart(data))
    assert "Counting changed: New population base" in data_mark["hovertext"]
    assert "Counting changed" not in policy_mark["hovertext"]


def test_hover_carries_date_kind_title_and_source():
    data = with_events(dataset(), {"date": "2019-08-04", "kind": "programme", "title": "Outreach workers hired",
                                   "source": "City council minutes, 5 August 2019"})
    (mark,) = event_marks(chart(data))
    hover = mark["hovertext"].replace("<br>", " ")
    for part in ("August 4, 2019", "Programme", "Outreach workers hired",
                 "Source: City council minutes, 5 August 2019"):
        assert part in hover


def test_long_hover_lines_are_wrapped_urls_too():
    source = "A long citation of a report " * 8 + "https://example.org/" + "a-very-long-path" * 8
    data = with_events(dataset(), {"date": "2016", "title": "Strategy", "source": source})
    (mark,) = event_marks(chart(data))
    lines = mark["hovertext"].replace("<b>", "").replace("</b>", "").split("<br>")
    assert len(lines) > 4 and all(len(line) <= 60 for line in lines)


def test_html_in_titles_and_sources_is_escaped():
    data = with_events(dataset(), {"date": "2016", "title": EVIL, "source": EVIL,
                                   "practice_id": "evil"},
                       {"date": "2018", "kind": "data", "title": EVIL, "source": "{x} %{y}"},
                       practices=[{"practice_id": "evil", "title_en": EVIL, "approach": "other",
                                   "cities": "testville", "since": "2016", "evidence": "not evaluated",
                                   "source": EVIL}])
    figures = [chart(data, highlight="evil"), compare_figure(data, progress_table(data, SETTINGS), ["testville"],
                                                           SETTINGS, "en", events=True),
               small_multiples_figure(data, progress_table(data, SETTINGS), ["testville"], SETTINGS, "en",
                                      events=True)]
    for fig in figures:
        texts = [a.get("hovertext", "") + a.get("text", "") for a in event_marks(fig)]
        texts += [c for tr in fig.to_dict()["data"] if tr.get("meta") == EVENT_NAME for c in tr["customdata"]]
        assert texts
        for text in texts:
            assert "<img" not in text and "<b>x" not in text and "{x}" not in text
        assert any("&lt;img src=x onerror=alert(1)&gt;" in text for text in texts)


def test_events_outside_the_chart_are_not_drawn():
    data = with_events(dataset(), {"date": "1990", "title": "Long before the data"},
                       {"date": "2007-12", "title": "Just before the first year"},
                       {"date": "2016", "title": "Inside"}, {"date": "2041", "title": "After the target year"})
    fig = chart(data)
    assert event_positions(fig) == [2016.0]
    assert fig.layout.xaxis.range[0] > 2007  # the chart is not widened for events before the data


def test_an_event_late_in_the_last_year_widens_the_axis_to_hold_it():
    data = with_events(dataset({"testville": {y: 1000.0 + y for y in YEARS}}, "population"),
                       {"date": "2024-11", "title": "Late in the last year"}, {"date": "2025-02", "title": "After"})
    fig = chart(data, Settings(indicator="population"))
    assert event_positions(fig) == [pytest.approx(2024 + 10 / 12, abs=1e-3)]
    assert fig.layout.xaxis.range[1] > 2024 + 10 / 12


def test_no_events_no_extra_traces_shapes_or_annotations():
    data = dataset()
    plain = chart(data, events=False).to_dict()
    for fig in (chart(data), chart(with_events(data, {"date": "2016", "title": "Elsewhere", "city_id": "otherton"}))):
        drawn = fig.to_dict()
        assert len(drawn["data"]) == len(plain["data"])
        assert drawn["layout"].get("shapes", []) == plain["layout"].get("shapes", [])
        assert len(drawn["layout"]["annotations"]) == len(plain["layout"]["annotations"])
        assert drawn["layout"]["yaxis"]["range"] == plain["layout"]["yaxis"]["range"]


def test_events_off_draw_nothing_and_keep_the_line_whole():
    data = with_events(dataset(), {"date": "2015", "kind": "data", "title": "New base"})
    fig = chart(data, events=False)
    assert event_positions(fig) == [] and not event_marks(fig)


def test_close_events_never_share_a_height():
    data = with_events(dataset(), *({"date": d, "title": f"Event {d}"} for d in ("2015", "2015-04", "2015-09",
                                                                                  "2016-02", "2016-06")))
    assert len(event_marks(chart(data))) == 5
    labels = badges(chart(data))
    assert len(labels) >= 3
    for a, b in itertools.combinations(labels, 2):
        if abs(a["x"] - b["x"]) < 1.0:
            assert a["yshift"] != b["yshift"], (a["text"], b["text"])


def test_crowded_events_keep_their_mark_and_hover_without_a_number():
    data = with_events(dataset(), *({"date": f"2016-{m:02d}", "title": f"Event {m}"} for m in range(1, 9)))
    marks = event_marks(chart(data))
    dots = [a for a in marks if a["text"] == "●"]
    assert len(marks) == 8 and dots and len(dots) < 8
    assert all(f"Event {i + 1}" in a["hovertext"] for i, a in enumerate(marks))
    for a, b in itertools.combinations(badges(chart(data)), 2):
        assert a["yshift"] != b["yshift"]


def test_badges_stay_inside_the_plot_at_its_edges():
    fig = go.Figure()
    events = city_events(with_events(dataset(), {"date": "2000", "title": "First"}, {"date": "2005", "title": "Mid"},
                                     {"date": "2009-12", "title": "Last"}).events, "testville")
    draw_events(fig, events, "en", x_range=(2000.0, 2010.0), narrowest_px=178)
    assert [a.xanchor for a in fig.layout.annotations] == ["left", "center", "right"]


def test_the_badges_sit_above_the_data():
    """The y axis makes room: every value under a badge stays below the badges' rows (the plot's height is known)."""
    data = with_events(dataset(), *({"date": d, "title": f"Event {d}"} for d in ("2008", "2008-06", "2009")))
    fig = chart(data)
    layout = fig.layout
    plot_px = layout.height - layout.margin.t - layout.margin.b
    lowest_badge = max(-a["yshift"] for a in event_marks(fig)) + ROW_PX
    main = next(tr for tr in fig.data if tr.name and "main series" in tr.name)
    highest = max(y for x, y in zip(main.x, main.y) if x <= 2010)
    assert plot_px * (1 - highest / layout.yaxis.range[1]) >= lowest_badge
    assert layout.yaxis.range[1] > chart(data, events=False).layout.yaxis.range[1]


def test_a_practice_start_is_marked_strongly_with_its_label():
    practice = {"practice_id": "outreach", "title_en": "Street outreach", "approach": "violence_interruption",
                "cities": "testville", "since": "2014", "evidence": "not evaluated", "source": "Report"}
    data = with_events(dataset(), {"date": "2016-03", "title": "Outreach begins", "practice_id": "outreach"},
                       {"date": "2019", "title": "Other"}, practices=[practice])
    fig = chart(data, highlight="outreach")
    strong = next(s for s in event_shapes(fig) if s["x0"] == pytest.approx(2016 + 2 / 12, abs=1e-3))
    assert strong["line"]["width"] == 2 and strong["line"]["dash"] == "solid"
    label = next(a for a in event_marks(fig) if a["x"] == strong["x0"])["text"]
    assert label.replace("<br>", " ").startswith("<b>Street outreach starts (2016)")
    assert [s["line"]["width"] for s in event_shapes(chart(data))] == [1, 1]  # nothing highlighted unless asked


def test_a_highlight_by_event_index():
    data = with_events(dataset(), {"date": "2012", "title": "First"}, {"date": "2018", "title": "Second"})
    index = data.events.index[data.events["title"] == "Second"][0]
    labels = [a["text"] for a in event_marks(chart(data, highlight=int(index)))]
    assert labels == ["1", "<b>Second</b>"]


def test_gapped_puts_a_gap_between_the_two_sides_of_each_break():
    x, y, hover = gapped([2016, 2017, 2018, 2019], [1, 2, 3, 4], [2018.0], ["a", "b", "c", "d"])
    assert x == [2016, 2017, None, 2018, 2019] and y == [1, 2, None, 3, 4] and hover == ["a", "b", None, "c", "d"]
    assert gapped([2016, 2017, 2018, 2019], [1, 2, 3, 4], [2018.5])[0] == [2016, 2017, 2018, None, 2019]
    assert gapped([2016, 2017], [1, 2], [2010.0, 2030.0])[0] == [2016, 2017]


# ---------------------------------------------------------------------------
# comparing cities
# ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def two_cities():
    data = with_events(dataset(), {"date": "2012", "title": "Strategy"},
                       {"date": "2015", "kind": "data", "title": "New base"},
                       {"date": "2020-07", "title": "Elsewhere", "city_id": "otherton"})
    return data, progress_table(data, SETTINGS)


def event_traces(fig: go.Figure) -> list[dict]:
    return [tr for tr in fig.to_dict()["data"] if tr.get("meta") == EVENT_NAME]


@pytest.mark.parametrize("mode", ["absolute", "indexed", "log"])
def test_compare_marks_events_on_each_city_line_only_when_asked(two_cities, mode):
    data, table = two_cities
    assert event_traces(compare_figure(data, table, ["testville", "otherton"], SETTINGS, "en", mode)) == []
    fig = compare_figure(data, table, ["testville", "otherton"], SETTINGS, "en", mode, events=True)
    testville, otherton = event_traces(fig)
    assert values(testville["x"]) == [2012.0, 2015.0] and values(otherton["x"]) == [pytest.approx(2020.5, abs=0.01)]
    lines = {tr["name"]: tr for tr in fig.to_dict()["data"] if tr.get("meta") != EVENT_NAME and tr.get("name")}
    assert testville["marker"]["line"]["color"] == lines["Test city testville"]["line"]["color"]
    assert otherton["marker"]["line"]["color"] == lines["Test city otherton"]["line"]["color"]
    line_y = dict(zip(values(lines["Test city testville"]["x"]), values(lines["Test city testville"]["y"])))
    assert values(testville["y"])[0] == pytest.approx(line_y[2012])  # on the line itself
    assert "Strategy" in testville["customdata"][0] and "Source: https://example.org/report" in (
        testville["customdata"][0].replace("<br>", " "))
    assert "Counting changed" in testville["customdata"][1]
    assert joined_across(fig, 2015.0, lambda tr: tr.get("name") == "Test city testville") == []
    assert joined_across(fig, 2015.0, lambda tr: tr.get("name") == "Test city otherton")  # no break there
    assert "text" not in testville.get("mode", "")  # no labels: the chart is crowded


def test_small_multiples_draw_each_city_events_in_its_panel_only_when_asked(two_cities):
    data, table = two_cities
    assert event_shapes(small_multiples_figure(data, table, ["testville", "otherton"], SETTINGS, "en")) == []
    fig = small_multiples_figure(data, table, ["testville", "otherton"], SETTINGS, "en", events=True)
    panels = sorted((s["xref"], s["yref"], round(s["x0"], 2)) for s in event_shapes(fig))
    assert panels == [("x", "y domain", 2012.0), ("x", "y domain", 2015.0), ("x2", "y2 domain", 2020.5)]
    assert all(a["hovertext"] for a in event_marks(fig))
    def observed(axis: str):
        return lambda tr: tr.get("legendgroup") == "observed" and tr.get("xaxis", "x") == axis

    assert joined_across(fig, 2015.0, observed("x")) == []
    assert joined_across(fig, 2015.0, observed("x2"))  # the other city counts as before
