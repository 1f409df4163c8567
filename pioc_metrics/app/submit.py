"""Submitting an upload for review (signed-in editors, reviewers and admins) and the account's own submissions.

Visitors see none of this: their upload stays in their browser session (data.py). What a user typed (notes,
reasons, file names) is shown through st.dataframe or escaped for markdown, never as markup.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pioc_metrics.app import record
from pioc_metrics.app.context import PageContext
from pioc_metrics.data import upload as U
from pioc_metrics.data.stories import practice_cities
from pioc_metrics.store import submissions
from pioc_metrics.store.errors import StoreError
from pioc_metrics.text import escape
from pioc_metrics.text.i18n import t
from pioc_metrics.text.problems import problem_sentence

DONE_KEY = "submit_done"  # session_state: {content hash: store.submissions.Submitted} of this session's submissions
REJECTED_SHOWN = 30  # rejected rows listed after a submission; the rest are counted
NOTE_MAX = 4000


def store_error_text(error: StoreError, lang: str) -> str:
    """A store error's reason for markdown: our sentence, its text parameters escaped."""
    params = {name: escape.markdown(value) if isinstance(value, str) else value
              for name, value in error.params.items() if name != "problems"}
    return t(error.code, lang, **params)


def city_rows(report: U.UploadReport, account, names: dict[str, str]) -> pd.DataFrame:
    """The upload's accepted rows per city: city_id, city (its name), rows, goes (the account may submit for it)."""
    rows = {"events": report.events, "practices": practice_cities(report.practices)}.get(report.layout,
                                                                                         report.indicators)
    counts = rows["city_id"].value_counts(sort=False)
    return pd.DataFrame({
        "city_id": list(counts.index), "city": [names.get(c, c) for c in counts.index],
        "rows": [int(n) for n in counts], "goes": [bool(account.may_submit_for(c)) for c in counts.index],
    }, columns=["city_id", "city", "rows", "goes"])


def _city_list(frame: pd.DataFrame, lang: str) -> str:
    return ", ".join(t("submit_city_rows", lang, city=escape.markdown(row.city), n=row.rows)
                     for row in frame.itertuples())


def submit_section(ctx: PageContext, report: U.UploadReport, name: str, content: bytes,
                   choices: U.UploadChoices) -> None:
    """After an upload's report: which cities' rows will go and which not, a note, and the button."""
    account = ctx.account
    if account is None:
        return
    st.subheader(ctx.tr("submit_title"))
    done = st.session_state.get(DONE_KEY, {}).get(report.content_hash)
    if done is not None:
        show_result(ctx, done)
        return
    if choices.key() != U.UploadChoices().key():
        st.info(ctx.tr("submit_form_details"))  # submit() reads the file alone, without the form's city or source
        return
    st.write(ctx.tr("submit_intro"))
    names = {**dict(zip(report.new_cities["city_id"], report.new_cities["city"])),
             **dict(zip(ctx.data.cities["city_id"], ctx.data.cities["city"]))}
    cities = city_rows(report, account, names)
    going, rejected = cities.loc[cities["goes"]], cities.loc[~cities["goes"]]
    if len(going):
        st.markdown(ctx.tr("submit_preview_go", cities=_city_list(going, ctx.lang)))
    if len(rejected):
        st.markdown(ctx.tr("submit_preview_rejected", name=escape.markdown(account.name),
                           cities=_city_list(rejected, ctx.lang)))
    if not len(going):
        st.warning(ctx.md("submit_preview_none", name=account.name))
        return
    controls = st.empty()  # cleared once submitted: the same file is not offered twice
    with controls.container():
        note = st.text_area(ctx.tr("submit_note"), key="submit_note", max_chars=NOTE_MAX)
        clicked = st.button(ctx.tr("submit_button"), type="primary", key="submit_button")
    if not clicked:
        return
    try:
        result = submissions.submit(record.store_url(), account.name, [(name, content)], note)
    except StoreError as error:
        st.error(store_error_text(error, ctx.lang))
        return
    controls.empty()
    st.session_state.setdefault(DONE_KEY, {})[report.content_hash] = result
    show_result(ctx, result)


def show_result(ctx: PageContext, result: submissions.Submitted) -> None:
    """The submission's number and rows, and every rejected row with its reason."""
    if result.id is None:
        st.error(ctx.tr("submit_nothing"))
    else:
        st.success(ctx.tr("submit_done", id=result.id, n=result.rows))
    errors = [p for p in result.problems if p.is_error]
    if not errors:
        return
    lines = [f"- {problem_sentence(p, ctx.lang, escape.markdown)}" for p in errors[:REJECTED_SHOWN]]
    if len(errors) > REJECTED_SHOWN:
        lines.append(f"- {ctx.tr('submit_more', n=len(errors) - REJECTED_SHOWN)}")
    st.markdown(f"**{ctx.tr('submit_rejected_title')}**")
    st.markdown("\n".join(lines))


def _status(row: dict, lang: str) -> str:
    if row["status"] == "approved":
        number = row.get("release_number")
        return t("submit_status_approved", lang, number=number) if number else t("submit_status_approved_unchanged",
                                                                                   lang)
    return t(f"submit_status_{row['status']}", lang)


def _moment(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if hasattr(value, "strftime") else str(value or "")[:16]


def submissions_frame(rows: list[dict], lang: str) -> pd.DataFrame:
    """One line per submission, as text: id, date, files, status, the submitter's note and the reviewer's."""
    return pd.DataFrame({
        "id": [int(r["id"]) for r in rows],
        "date": [_moment(r["created_at"]) for r in rows],
        "files": [str(r["files"] or "") for r in rows],
        "status": [_status(r, lang) for r in rows],
        "note": [str(r["note"] or "") for r in rows],
        "review": [str(r["review_note"] or "") for r in rows],
    }, columns=["id", "date", "files", "status", "note", "review"])


def my_submissions(ctx: PageContext) -> None:
    """The signed-in account's own submissions, newest first, with each one's status and the reviewer's words."""
    if ctx.account is None:
        return
    st.subheader(ctx.tr("submit_mine_title"))
    try:
        mine = submissions.list_submissions(record.store_url(), account=ctx.account.name)
    except StoreError as error:
        st.error(store_error_text(error, ctx.lang))
        return
    if not mine:
        st.caption(ctx.tr("submit_mine_none"))
        return
    st.dataframe(submissions_frame(mine, ctx.lang), hide_index=True, width="stretch", key="submit_mine",
                 column_config={
                     "id": st.column_config.NumberColumn(ctx.tr("submit_col_id"), format="%d"),
                     "date": ctx.tr("submit_col_date"), "files": ctx.tr("submit_col_files"),
                     "status": ctx.tr("submit_col_status"), "note": ctx.tr("submit_col_note"),
                     "review": ctx.tr("submit_col_review")})
