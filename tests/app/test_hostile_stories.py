"""Events and practices whose every text is a hostile name: shown on the city, practices, methodology and
presentation pages as typed, never as markdown, and in the charts escaped for plotly."""

from __future__ import annotations

import dataclasses
import json

import pandas as pd
import pytest

from pioc_metrics.data.stories import validate_events, validate_practices
from pioc_metrics.text import escape
from tests.app.hostile import CITY_ID, NAME, hostile_upload
from tests.app.test_hostile_names import assert_escaped, rendered_text
from tests.apptest_pages import open_page

TEXT_COLUMNS = ("title", "title_en", "title_es", "title_pt", "description", "description_en", "source")


@pytest.fixture(scope="module")
def upload(shipped_data):
    upload = hostile_upload(shipped_data)
    data = upload["dataset"]
    practice = pd.DataFrame([{"practice_id": "hostile-practice", "title_en": NAME, "title_es": NAME, "summary_en": NAME,
                              "approach": "community", "cities": CITY_ID, "since": "2021", "evidence": NAME,
                              "source": NAME}], dtype=object)
    practices, problems = validate_practices(practice, "practices.csv", data.cities)
    assert problems == []
    event = {"city_id": CITY_ID, "date": "2021-06", "kind": "programme", "practice_id": "hostile-practice",
             **dict.fromkeys(TEXT_COLUMNS, NAME)}
    events, problems = validate_events(pd.DataFrame([event, {**event, "date": "2022", "kind": "data"}], dtype=object),
                                       "events.csv", data.cities, practices["practice_id"])
    assert problems == []
    return {**upload, "dataset": dataclasses.replace(data, events=events, practices=practices)}


@pytest.mark.parametrize(("page_id", "params"), [
    ("city", {"city": CITY_ID}), ("practices", {}), ("practices", {"q": "hostile"}), ("methodology", {}),
    ("present", {"slide": "6", "city": CITY_ID})])
def test_event_and_practice_texts_never_reach_markdown_raw(upload, page_id, params):
    at = open_page(page_id, session={"user_data": upload}, lang="en", **params)
    markdown, latex, _plain = rendered_text(at)
    assert_escaped(markdown, latex)
    if page_id in ("city", "practices"):
        assert any(escape.markdown(NAME) in source for source in markdown)


def test_the_charts_carry_event_texts_escaped_for_plotly(upload):
    at = open_page("city", session={"user_data": upload}, lang="en", city=CITY_ID)
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    text = json.dumps(specs, ensure_ascii=False)
    assert "<b>b</b>" not in text
    marks = [note for spec in specs for note in spec["layout"].get("annotations", []) if note.get("hovertext")]
    hovers = [note["hovertext"] for note in marks if "&lt;b&gt;b&lt;/b&gt;" in note["hovertext"]]
    assert len(hovers) == 2  # both events' marks, their titles and sources escaped for plotly
