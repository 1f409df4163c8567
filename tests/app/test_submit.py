"""Submitting an upload for review on the Data page: signed-in accounts only, rows for cities outside an editor's
assignment rejected with the reason (and said before), the account's own submissions with the reviewer's words."""

from __future__ import annotations

import base64
import json

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from pioc_metrics.app import auth
from pioc_metrics.app.submit import DONE_KEY
from pioc_metrics.store import accounts, database, submissions
from pioc_metrics.store.schema import submission_rows
from pioc_metrics.text import escape
from pioc_metrics.text.i18n import LANGUAGES, t
from tests.app.hostile import NAME as HOSTILE
from tests.apptest_pages import open_page
from tests.store.factories import indicator_csv

MIXED = indicator_csv(("palmira", 2024, "homicide_rate", 31.7), ("bogota", 2024, "homicide_rate", 12.3))
PALMIRA_ONLY = indicator_csv(("palmira", 2024, "homicide_rate", 29.9))
CALI_ONLY = indicator_csv(("cali", 2024, "homicide_rate", 44.4))

# The Data page's upload handler as the uploader calls it, then the list the page draws below it.
SCRIPT = """
import base64
from pioc_metrics.app.context import page_setup
from pioc_metrics.app import data as ui_data, submit
ctx = page_setup("data", sidebar=False)
ui_data.handle_upload(ctx, base64.b64decode({content!r}), {name!r})
submit.my_submissions(ctx)
"""



def upload_app(content: bytes, name: str = "mixed.csv", account: str | None = None, lang: str = "en") -> AppTest:
    at = AppTest.from_string(SCRIPT.format(content=base64.b64encode(content).decode(), name=name),
                             default_timeout=60)
    at.query_params["lang"] = lang
    if account:
        at.session_state[auth.ACCOUNT_KEY] = account
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def submit_now(at: AppTest, note: str = "") -> AppTest:
    at.text_area(key="submit_note").input(note)
    at.button(key="submit_button").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def markdown_text(at: AppTest) -> str:
    return "\n".join(str(e.value) for e in at.markdown)


def mine(at: AppTest):
    """The "my submissions" table (the one with the reviewer's column)."""
    [table] = [d.value for d in at.dataframe if "review" in d.value.columns]
    return table


def stored_cities(url: str, submission_id: int) -> set[str]:
    with database.reading(url) as connection:
        rows = connection.execute(sa.select(submission_rows.c.data)
                                  .where(submission_rows.c.submission_id == submission_id)).scalars().all()
    return {json.loads(row)["city_id"] for row in rows}


def test_a_visitor_keeps_the_session_upload_and_sees_no_submit_controls(store):
    at = upload_app(MIXED)
    assert at.button(key="data_apply") is not None  # the session-only upload, as before
    keys = {w.key for kind in ("button", "text_area") for w in at.get(kind)}
    assert not {k for k in keys if k and k.startswith("submit_")}
    headings = [s.value for s in at.subheader]
    assert t("submit_title", "en") not in headings and t("submit_mine_title", "en") not in headings
    page = open_page("data", lang="en")
    assert t("submit_mine_title", "en") not in [s.value for s in page.subheader]
    at.radio(key="data_mode").set_value("extend")
    at.button(key="data_apply").click().run()
    assert at.session_state["user_data"]["name"] == "mixed.csv"
    assert submissions.list_submissions(store) == []


def test_an_editor_is_told_before_which_cities_go_and_then_bogota_is_rejected_with_the_reason(store):
    at = upload_app(MIXED, account="ana")
    assert t("submit_title", "en") in [s.value for s in at.subheader]
    before = markdown_text(at)
    assert t("submit_preview_go", "en", cities=t("submit_city_rows", "en", city="Palmira", n=1)) in before
    assert t("submit_preview_rejected", "en", name="ana",
             cities=t("submit_city_rows", "en", city="Bogotá", n=1)) in before
    at = submit_now(at, "DANE figures for 2024")
    [submitted] = submissions.list_submissions(store, account="ana")
    assert submitted["status"] == "waiting" and submitted["note"] == "DANE figures for 2024"
    assert stored_cities(store, submitted["id"]) == {"palmira"}  # only Palmira's row went
    assert t("submit_done", "en", id=submitted["id"], n=1) in [e.value for e in at.success]
    reason = t("store_city_not_assigned", "en", city_id="bogota", rows=1, name="ana")
    after = markdown_text(at)
    assert f"**{t('submit_rejected_title', 'en')}**" in after and reason in after
    assert t("submit_button", "en") not in [b.label for b in at.button]  # submitted once: said, not offered again
    listed = mine(at)
    assert listed["id"].tolist() == [submitted["id"]] and listed["files"].tolist() == ["mixed.csv"]
    assert listed["status"].tolist() == [t("submit_status_waiting", "en")]


def test_the_reviewers_reason_shows_on_the_editors_list_after_a_rejection(store):
    at = submit_now(upload_app(PALMIRA_ONLY, account="ana"), "first try")
    [submitted] = submissions.list_submissions(store, account="ana")
    submissions.reject(store, submitted["id"], "rev1", "The source is missing the year of the census.")
    at.run()
    listed = mine(at)
    assert listed["status"].tolist() == [t("submit_status_rejected", "en")]
    assert listed["review"].tolist() == ["The source is missing the year of the census."]


def test_nothing_is_offered_when_no_row_is_for_the_editors_cities(store):
    at = upload_app(CALI_ONLY, account="ana")
    assert [w.value for w in at.warning] == [t("submit_preview_none", "en", name="ana")]
    assert t("submit_button", "en") not in [b.label for b in at.button]


def test_an_editor_never_sees_another_editors_submissions(store):
    accounts.add_account(store, "operator", "bea", "editor", ["cali"])
    theirs = submissions.submit(store, "bea", [("bea.csv", CALI_ONLY)], "bea's own note")
    ours = submissions.submit(store, "ana", [("ana.csv", PALMIRA_ONLY)], "ana's note")
    at = open_page("data", session={auth.ACCOUNT_KEY: "ana"}, lang="en")
    listed = mine(at)
    assert listed["id"].tolist() == [ours.id] and theirs.id not in listed["id"].tolist()
    assert "bea.csv" not in listed["files"].tolist() and "bea's own note" not in listed["note"].tolist()


def test_hostile_text_in_a_note_a_reason_and_a_file_name_shows_as_typed(store):
    name = "**x** :smile: [y](www.example.org) <b>.csv"  # no slash: a path keeps only its last part
    at = submit_now(upload_app(MIXED, name=name, account="ana"), HOSTILE)
    [submitted] = submissions.list_submissions(store, account="ana")
    submissions.reject(store, submitted["id"], "rev1", HOSTILE)
    at.run()
    listed = mine(at)
    assert listed["note"].tolist() == [HOSTILE] and listed["review"].tolist() == [HOSTILE]
    assert listed["files"].tolist() == [name]
    shown = markdown_text(at)
    assert HOSTILE not in shown and name not in shown  # never through markdown as typed
    assert escape.markdown(name) in shown  # the rejected row's file, escaped


def test_a_disabled_editor_cannot_submit_and_sees_no_controls(store):
    accounts.disable_account(store, "operator", "ana")
    at = upload_app(PALMIRA_ONLY, account="ana")
    assert t("submit_title", "en") not in [s.value for s in at.subheader]
    assert auth.ACCOUNT_KEY not in at.session_state and DONE_KEY not in at.session_state


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_submitting_and_the_list_render_in_spanish_and_portuguese(store, lang):
    at = upload_app(MIXED, account="ana", lang=lang)
    assert t("submit_title", lang) in [s.value for s in at.subheader]
    assert at.button(key="submit_button").label == t("submit_button", lang)
    assert at.text_area(key="submit_note").label == t("submit_note", lang)
    at = submit_now(at, "nota")
    [submitted] = submissions.list_submissions(store, account="ana")
    assert t("submit_done", lang, id=submitted["id"], n=1) in [e.value for e in at.success]
    assert t("store_city_not_assigned", lang, city_id="bogota", rows=1, name="ana") in markdown_text(at)
    page = open_page("data", session={auth.ACCOUNT_KEY: "ana"}, lang=lang)
    assert t("submit_mine_title", lang) in [s.value for s in page.subheader]
    assert mine(page)["status"].tolist() == [t("submit_status_waiting", lang)]
