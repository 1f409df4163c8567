"""The Review page through AppTest: only reviewers see it; waiting submissions oldest first; the difference with both
sources; approving publishes, rejecting needs a reason; no controls on one's own submission (four eyes); conflicts
with a release published meanwhile settled either way; the submitters' words shown as typed; es and pt."""

from __future__ import annotations

import json

import pytest

from pioc_metrics.app.auth import ACCOUNT_KEY
from pioc_metrics.store import submissions
from pioc_metrics.store.releases import latest_release, release_dataset
from pioc_metrics.text import escape
from pioc_metrics.text import formatting as F
from pioc_metrics.text.i18n import t
from tests.app.hostile import NAME as HOSTILE
from tests.apptest_pages import open_page
from tests.store.factories import indicator_csv

CITY_SOURCE = "Palmira city records, 2025 bulletin (synthetic)"
NOTE = "Palmira's 2025 count and a corrected 2024 count"
PUBLISHED_2024 = 147  # Palmira's homicides in 2024 in release 1 (data/)



def _submit(url: str, who: str = "ana", rows=(("palmira", 2024, "homicides", 150), ("palmira", 2025, "homicides", 101)),
            note: str = NOTE, source: str = CITY_SOURCE) -> int:
    return submissions.submit(url, who, [("palmira.csv", indicator_csv(*rows, source=source))], note=note).id


def _review(who: str | None = "rev1", lang: str = "en"):
    return open_page("review", session={ACCOUNT_KEY: who} if who else None, lang=lang)


def _texts(at) -> str:
    kinds = ("title", "subheader", "markdown", "caption", "info", "warning", "error", "success", "text")
    return "\n".join(str(e.value) for kind in kinds for e in at.get(kind))


def _table(at, column_key: str, lang: str = "en"):
    """The one dataframe on the page with this column (its header in the language)."""
    found = [frame.value for frame in at.dataframe if t(column_key, lang) in frame.value.columns]
    assert len(found) == 1, [list(frame.value.columns) for frame in at.dataframe]
    return found[0]


def _button(at, key: str):
    found = [button for button in at.button if button.key == key]
    return found[0] if found else None


def _homicides(url: str, number: int, year: int) -> float:
    data, problems = release_dataset(url, number)
    assert not problems
    rows = data.indicators
    return float(rows.loc[(rows["city_id"] == "palmira") & (rows["indicator"] == "homicides")
                          & (rows["year"] == year) & (rows["series"] == "main"), "value"].iloc[0])


@pytest.mark.parametrize("who", [None, "ana"], ids=["visitor", "editor"])
def test_visitors_and_editors_see_the_needs_role_warning_and_nothing_of_a_submission(store, who):
    _submit(store, note="Only reviewers read this note")
    at = _review(who)
    assert [w.value for w in at.warning] == [t("page_needs_role", "en", role=t("role_reviewer", "en"))]
    assert t("review_title", "en") not in [title.value for title in at.title]
    assert "Only reviewers" not in _texts(at) and not at.dataframe and not at.get("plotly_chart")
    assert not [button for button in at.button if str(button.key).startswith("review_")]


def test_a_reviewer_sees_the_waiting_submissions_oldest_first_with_who_and_note(store):
    first = _submit(store, note="first, from the city")
    second = _submit(store, "rev2", rows=(("cali", 2025, "homicides", 900),), note="second, from the secretariat")
    submissions.reject(store, _submit(store, note="rejected already"), "rev1", "duplicate")  # not waiting: not listed
    at = _review()
    assert at.title[0].value == t("review_title", "en")
    assert t("review_intro", "en", n=2) in _texts(at)
    waiting = _table(at, "review_col_note")
    assert list(waiting[t("review_col_id", "en")]) == [str(first), str(second)]
    assert list(waiting[t("review_col_by", "en")]) == ["ana", "rev2"]
    assert list(waiting[t("review_col_note", "en")]) == ["first, from the city", "second, from the secretariat"]
    assert at.selectbox(key="review_pick").value == first  # the oldest is open first
    assert t("review_heading", "en", id=first) in _texts(at)
    assert t("review_note", "en", note=escape.markdown("first, from the city")) in _texts(at)
    assert "ana" in [line for line in _texts(at).splitlines() if line.startswith("Submitted by")][0]


def test_the_difference_lists_added_rows_and_changed_values_with_both_sources(store):
    _submit(store)
    at = _review()
    assert t("review_diff_title", "en", number=1) in _texts(at)
    assert t("review_diff_summary", "en", added=1, changed=1) in _texts(at)
    added = _table(at, "review_col_value")
    assert added.to_dict("records") == [{t("review_col_what", "en"): "Palmira · Homicides · 2025",
                                         t("review_col_value", "en"): "101", t("review_col_source", "en"): CITY_SOURCE}]
    changed = _table(at, "review_col_change")
    [row] = changed.to_dict("records")
    assert row[t("review_col_what", "en")] == "Palmira · Homicides · 2024"
    assert row[t("review_col_change", "en")] == f"{PUBLISHED_2024} → 150"
    assert row[t("review_col_old_source", "en")].startswith("Policía Nacional de Colombia")
    assert row[t("review_col_new_source", "en")] == CITY_SOURCE


def test_each_affected_city_has_its_chart_and_its_status_before_and_after(store):
    _submit(store)
    at = _review()
    assert [expander.label for expander in at.expander if expander.label == "Palmira"] == ["Palmira"]
    status_lines = [line for line in _texts(at).splitlines() if line.startswith("Status now:")]
    assert status_lines == [t("review_status_change", "en", before=F.status_label("deterioration", "en"),
                              after=F.status_label("fair_progress", "en"))]
    [chart] = at.get("plotly_chart")
    spec = json.loads(chart.proto.spec)
    names = [trace.get("name") for trace in spec["data"]]
    assert t("review_chart_published", "en", number=1) in names and t("review_chart_proposed", "en", id=1) in names
    picker = at.selectbox(key="review_indicator_1_palmira")  # the derived 2025 rate and the counts both change
    assert picker.options[0] == "Homicide rate" and "Homicides" in picker.options
    picker.set_value("homicides").run()
    proposed = [trace for trace in json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
                if trace.get("name") == t("review_chart_proposed", "en", id=1)][0]
    assert proposed["text"] == ["150", "101"]  # plotly sends x and y packed; the labels say the values
    assert proposed["customdata"] == [
        t("review_chart_hover_changed", "en", year=2024, old=str(PUBLISHED_2024), new="150"),
        t("review_chart_hover_added", "en", year=2025, value="101")]


def test_approving_publishes_release_2_with_the_reviewers_note(store):
    submission = _submit(store)
    later = _submit(store, "rev2", rows=(("cali", 2025, "homicides", 900),), note="Cali 2025")
    at = _review()
    at.text_area(key=f"review_note_{submission}").input("Checked against the city's bulletin")
    _button(at, f"review_approve_{submission}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [s.value for s in at.success] == [t("review_approved", "en", id=submission, number=2)]
    latest = latest_release(store)
    assert latest["number"] == 2 and latest["note"] == "Checked against the city's bulletin"
    assert latest["published_by"] == "rev1"
    assert _homicides(store, 2, 2025) == 101 and _homicides(store, 2, 2024) == 150
    assert _homicides(store, 1, 2024) == PUBLISHED_2024  # release 1 stays as it was
    assert [s["id"] for s in submissions.list_submissions(store, status="waiting")] == [later]
    assert list(_table(at, "review_col_note")[t("review_col_id", "en")]) == [str(later)]  # the list is refreshed
    assert at.selectbox(key="review_pick").value == later and t("review_heading", "en", id=later) in _texts(at)


def test_rejecting_needs_a_reason_which_is_kept(store):
    submission = _submit(store)
    at = _review()
    _button(at, f"review_reject_{submission}").click().run()
    assert [e.value for e in at.error] == [t("review_failed", "en", reason=t("store_reason_required", "en"))]
    assert [s["id"] for s in submissions.list_submissions(store, status="waiting")] == [submission]
    at.text_area(key=f"review_reason_{submission}").input("The 2024 count contradicts the police records")
    _button(at, f"review_reject_{submission}").click().run()
    assert [s.value for s in at.success] == [t("review_rejected", "en", id=submission)]
    [rejected] = submissions.list_submissions(store, status="rejected")
    assert rejected["review_note"] == "The 2024 count contradicts the police records"
    assert rejected["reviewed_by"] == "rev1" and latest_release(store)["number"] == 1  # nothing published


def test_ones_own_submission_is_listed_but_has_no_approve_or_reject(store):
    submission = _submit(store, "rev1", rows=(("cali", 2025, "homicides", 900),))
    own = _review("rev1")
    assert list(_table(own, "review_col_by")[t("review_col_by", "en")]) == [t("review_yours", "en", name="rev1")]
    assert [i.value for i in own.info] == [t("review_own", "en")]
    assert _button(own, f"review_approve_{submission}") is None and _button(own, f"review_reject_{submission}") is None
    assert not [area for area in own.text_area if str(area.key).startswith("review_")]
    other = _review("rev2")
    assert _button(other, f"review_approve_{submission}") is not None  # another reviewer decides
    admin = _review("root")
    assert _button(admin, f"review_reject_{submission}") is not None


@pytest.mark.parametrize(("settle", "kept_2024"), [("published", 160), ("submitted", 150)])
def test_a_conflict_with_a_release_published_meanwhile_is_shown_and_settled(store, settle, kept_2024):
    submission = _submit(store)  # 2024: 147 -> 150, and 2025 added, made on release 1
    meanwhile = _submit(store, "rev2", rows=(("palmira", 2024, "homicides", 160),), source="Police bulletin")
    assert submissions.approve(store, meanwhile, "rev1") == 2
    at = _review()
    assert at.selectbox(key="review_pick").value == submission
    assert t("review_base_moved", "en", latest=2, base=1) in _texts(at)
    assert t("review_conflict_intro", "en", n=1) in [w.value for w in at.warning]
    [row] = _table(at, "review_col_published_now").to_dict("records")
    assert (row[t("review_col_published_now", "en")], row[t("review_col_submitted", "en")],
            row[t("review_col_when_submitted", "en")]) == ("160", "150", str(PUBLISHED_2024))
    assert (row[t("review_col_old_source", "en")], row[t("review_col_new_source", "en")]) == ("Police bulletin",
                                                                                             CITY_SOURCE)
    assert _button(at, f"review_approve_{submission}").disabled  # nothing is overwritten without a choice
    assert t("review_settle_first", "en") in _texts(at)
    radio = at.radio(key=f"review_settle_{submission}")
    assert radio.value is None and list(radio.options) == [t("review_settle_published", "en"),
                                                           t("review_settle_submitted", "en")]
    radio.set_value(settle).run()
    button = _button(at, f"review_approve_{submission}")
    assert not button.disabled
    button.click().run()
    assert [s.value for s in at.success] == [t("review_approved", "en", id=submission, number=3)]
    assert _homicides(store, 3, 2024) == kept_2024 and _homicides(store, 3, 2025) == 101


def test_the_submitters_words_show_exactly_as_typed(store):
    submission = _submit(store, "rev2", rows=(("palmira", 2025, "homicides", 101),), note=HOSTILE, source=HOSTILE)
    at = _review()
    assert list(_table(at, "review_col_note")[t("review_col_note", "en")]) == [HOSTILE]  # a table shows plain text
    assert t("review_note", "en", note=escape.markdown(HOSTILE)) in _texts(at)
    assert list(_table(at, "review_col_value")[t("review_col_source", "en")]) == [HOSTILE]
    markdown = "\n".join(str(m.value) for m in at.markdown if "<style>" not in str(m.value))
    for raw in ("<b>b</b>", ":smile:", "**y**", "[x](https://example.org)", ":red[x]"):
        assert raw not in markdown, raw  # every markdown place escapes it
    at.selectbox(key=f"review_indicator_{submission}_palmira").set_value("homicides").run()  # its source, cited
    spec = json.dumps([json.loads(chart.proto.spec) for chart in at.get("plotly_chart")], ensure_ascii=False)
    assert "<b>b</b>" not in spec and escape.plotly("<b>b</b>") in spec
    assert _button(at, f"review_approve_{submission}") is not None


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_the_page_renders_in_spanish_and_portuguese(store, lang):
    submission = _submit(store)
    at = _review(lang=lang)
    assert at.title[0].value == t("review_title", lang)
    assert t("review_intro", lang, n=1) in _texts(at)
    assert t("review_diff_summary", lang, added=1, changed=1) in _texts(at)
    changed = _table(at, "review_col_change", lang)
    assert changed[t("review_col_change", lang)].tolist() == [f"{PUBLISHED_2024} → 150"]
    assert _button(at, f"review_approve_{submission}").label == t("review_approve", lang)
    assert at.get("plotly_chart")


def test_values_keep_every_digit_in_the_readers_language_and_years_stay_years():
    from pioc_metrics.text.changes import shown_value

    assert shown_value("36.6058", "es") == "36,6058" and shown_value("36.6058", "en") == "36.6058"
    assert shown_value("1500", "en") == "1,500" and shown_value("2019", "en", "baseline_year") == "2019"
    assert shown_value("", "pt") == F.MISSING and shown_value(HOSTILE, "en") == HOSTILE
