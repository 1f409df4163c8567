"""The Review page (reviewers and admins): the waiting submissions, oldest first; for one, who sent it, when, the
note, the validation report, the difference from the latest release, each affected city's chart and status before
and after, conflicts with releases published meanwhile, and approving (with a note) or rejecting (with a reason).

The rules are the store's (store.submissions): nobody reviews their own submission, a reason is required, a
conflict is never settled silently. This module shows what the store says and passes the reviewer's choice on.
Everything a person typed (notes, reasons, file names, sources, names) is shown as text, never as markup.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from pioc_metrics.app import caches, record
from pioc_metrics.app.widgets import plot
from pioc_metrics.data.dataset import Dataset
from pioc_metrics.figures.review import changed_indicators, proposed_values, review_figure
from pioc_metrics.store import database
from pioc_metrics.store.errors import StoreError
from pioc_metrics.store.releases import latest_release, release_records
from pioc_metrics.store.rows import contract_frames, frames_dataset
from pioc_metrics.store.submissions import SETTLE, approve, list_submissions, reject, report_problems, review
from pioc_metrics.text import escape
from pioc_metrics.text import formatting as F
from pioc_metrics.text.changes import added_table, changed_table, city_names
from pioc_metrics.text.i18n import t
from pioc_metrics.text.labels import indicator_label
from pioc_metrics.text.problems import problem_sentence

DONE_KEY = "review_done"  # session_state: what the last approval or rejection did, said once after the rerun
PICK_KEY = "review_pick"
PROBLEMS_SHOWN = 5  # of the validation problems of the release an approval would make; the rest are counted
CITIES_OPEN = 3  # affected cities whose charts are open at first; the others are one click away


def when(moment) -> str:
    """A submission's time as the store keeps it (UTC): 2026-11-30 14:05 UTC."""
    return moment.strftime("%Y-%m-%d %H:%M UTC") if hasattr(moment, "strftime") else str(moment)


def oldest_first(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda row: (str(row["created_at"]), int(row["id"])))


def error_text(error: StoreError, lang: str) -> str:
    """A store error in the user's language, for markdown (its parameters are data: escaped)."""
    params = {k: escape.markdown(v) if isinstance(v, str) else v for k, v in error.params.items() if k != "problems"}
    return t("review_failed", lang, reason=t(error.code, lang, **params))


def proposed_dataset(url: str, against: int, changes: pd.DataFrame) -> tuple[Dataset, list]:
    """Release `against` with every submitted value in place: the data approving the submission would publish
    (every conflict settled for the submitted value), and the problems validation finds in it (none, normally)."""
    with database.reading(url) as connection:
        found = release_records(connection, against)
    new = {(kind, key): data for kind, key, data in zip(changes["kind"], changes["key"], changes["data"])}
    kept = [new.pop((kind, key), data) for kind, key, data in zip(found["kind"], found["key"], found["data"])]
    merged = pd.DataFrame({"kind": list(found["kind"]) + [kind for kind, _ in new],
                           "data": kept + list(new.values())})
    return frames_dataset(contract_frames({kind: list(group["data"])
                                           for kind, group in merged.groupby("kind", sort=False)}))


def affected_cities(changes: pd.DataFrame) -> list[str]:
    """The cities the submission's rows are about, in the order of its changes."""
    return list(dict.fromkeys(str(new.get("city_id")) for new in changes["new"] if new and new.get("city_id")))


def status_of(table: pd.DataFrame, city_id: str) -> str:
    """The city's status in a progress table ("" for none, or a city the table lacks)."""
    status = table.loc[city_id, "status"] if city_id in table.index else None
    return "" if status is None or pd.isna(status) else str(status)


def _store_tag(url: str) -> str:
    return hashlib.sha256(url.encode()).hexdigest()[:8]


@st.cache_data(show_spinner=False, max_entries=4)
def proposed_dataset_cached(url: str, submission_id: int, against: int, _changes: pd.DataFrame) -> tuple[Dataset, list]:
    """A submission's rows never change: its proposed data is keyed on it and the release it is set against."""
    return proposed_dataset(url, against, _changes)


def review_page(ctx) -> None:
    """The whole page: the waiting list, then the chosen submission."""
    st.title(ctx.tr("review_title"))
    account = ctx.account
    if account is None or not getattr(account, "reviews", False):  # page_setup refuses them already: never rely on it
        st.warning(ctx.tr("review_not_allowed"))
        return
    _done_message(ctx)
    url = record.store_url()
    try:
        waiting = oldest_first(list_submissions(url, status="waiting"))
        latest = latest_release(url)
    except StoreError as error:
        st.error(error_text(error, ctx.lang))
        return
    if not waiting or latest is None:
        st.info(ctx.tr("review_none_waiting"))
        return
    st.write(ctx.tr("review_intro", n=len(waiting)))
    _waiting_list(ctx, waiting)
    chosen = _pick(ctx, waiting)
    _submission_section(ctx, url, chosen, int(latest["number"]))


def _done_message(ctx) -> None:
    done = st.session_state.pop(DONE_KEY, None)
    if not done:
        return
    if done["outcome"] == "rejected":
        st.success(ctx.tr("review_rejected", id=done["id"]))
    elif done["number"] is None:
        st.success(ctx.tr("review_approved_nothing", id=done["id"]))
    else:
        st.success(ctx.tr("review_approved", id=done["id"], number=done["number"]))


def _by(ctx, row: dict) -> str:
    name = str(row["submitted_by"])
    return ctx.tr("review_yours", name=name) if row["account_id"] == ctx.account.id else name


def _waiting_list(ctx, waiting: list[dict]) -> None:
    """The waiting submissions as plain text (notes and file names are the submitters' own words)."""
    st.dataframe(pd.DataFrame({
        ctx.tr("review_col_id"): [str(row["id"]) for row in waiting],
        ctx.tr("review_col_by"): [_by(ctx, row) for row in waiting],
        ctx.tr("review_col_when"): [when(row["created_at"]) for row in waiting],
        ctx.tr("review_col_files"): [str(row["files"] or "") for row in waiting],
        ctx.tr("review_col_base"): [str(row["base_release"]) for row in waiting],
        ctx.tr("review_col_note"): [str(row["note"] or "") for row in waiting],
    }), hide_index=True, width="stretch")


def _pick(ctx, waiting: list[dict]) -> dict:
    by_id = {int(row["id"]): row for row in waiting}
    if st.session_state.get(PICK_KEY) not in by_id:
        st.session_state.pop(PICK_KEY, None)  # reviewed meanwhile: the oldest one waiting instead
    labels = {sid: ctx.tr("review_pick_option", id=sid, name=_by(ctx, row), when=when(row["created_at"]))
              for sid, row in by_id.items()}
    chosen = st.selectbox(ctx.tr("review_pick"), list(by_id), format_func=labels.get, key=PICK_KEY)
    return by_id[int(chosen)]


def _submission_section(ctx, url: str, chosen: dict, against: int) -> None:
    try:
        submission, changes = review(url, int(chosen["id"]))
    except StoreError as error:
        st.error(error_text(error, ctx.lang))
        return
    published, _ = record.release_dataset_resource(url, against)
    proposed, problems = proposed_dataset_cached(url, int(submission["id"]), against, _changes=changes)
    names = city_names(proposed, changes)
    _who(ctx, submission, against)
    _report(ctx, submission)
    _difference(ctx, changes, names, proposed.catalog, against)
    _release_problems(ctx, problems, against + 1)
    settle = _conflicts(ctx, changes, names, proposed.catalog, int(submission["id"]))
    _cities(ctx, url, submission, changes, against, published, proposed, names)
    _decision(ctx, url, submission, bool(changes["conflict"].any()), settle)


def _who(ctx, submission: dict, against: int) -> None:
    st.subheader(ctx.tr("review_heading", id=submission["id"]))
    st.markdown(ctx.md("review_who", name=submission["submitted_by"], when=when(submission["created_at"]),
                       files=submission["files"] or "", base=submission["base_release"]))
    note = str(submission["note"] or "")
    if note.strip():
        st.markdown(ctx.md("review_note", note=note))
    else:
        st.caption(ctx.tr("review_no_note"))
    if int(submission["base_release"]) != against:
        st.info(ctx.tr("review_base_moved", latest=against, base=submission["base_release"]))


def _report(ctx, submission: dict) -> None:
    problems = report_problems(submission["report"])
    with st.expander(ctx.tr("review_report_title"), expanded=bool(problems)):
        if not problems:
            st.caption(ctx.tr("review_report_clean"))
            return
        lines = [f"- {problem_sentence(problem, ctx.lang, escape.markdown)}" for problem in problems]
        st.markdown("\n".join([ctx.tr("review_report_summary", n=len(problems)), "", *lines]))


def _difference(ctx, changes: pd.DataFrame, names: dict, catalog: pd.DataFrame, against: int) -> None:
    st.subheader(ctx.tr("review_diff_title", number=against))
    if not len(changes):
        st.info(ctx.tr("review_diff_none", number=against))
        return
    added, changed = int((changes["change"] == "added").sum()), int((changes["change"] == "changed").sum())
    st.write(ctx.tr("review_diff_summary", added=added, changed=changed))
    if added:
        st.markdown(f"**{ctx.tr('review_added_title')}**")
        st.dataframe(added_table(changes, names, catalog, ctx.lang), hide_index=True, width="stretch")
    if changed:
        st.markdown(f"**{ctx.tr('review_changed_title')}**")
        st.dataframe(changed_table(changes, names, catalog, ctx.lang), hide_index=True, width="stretch")


def _release_problems(ctx, problems: list, number: int) -> None:
    """What validation would find in the release approving makes (a row it could not hold would be left out)."""
    errors = [problem for problem in problems if problem.is_error]
    if not errors:
        return
    lines = [f"- {problem_sentence(problem, ctx.lang, escape.markdown)}" for problem in errors[:PROBLEMS_SHOWN]]
    if len(errors) > PROBLEMS_SHOWN:
        lines.append(f"- {ctx.tr('review_release_problems_more', n=len(errors) - PROBLEMS_SHOWN)}")
    st.error("\n".join([ctx.tr("review_release_problems", n=len(errors), number=number), "", *lines]))


def _conflicts(ctx, changes: pd.DataFrame, names: dict, catalog: pd.DataFrame, submission_id: int) -> str | None:
    """Values a release published meanwhile changed too, side by side; the reviewer's choice for all of them."""
    count = int(changes["conflict"].sum()) if len(changes) else 0
    if not count:
        return None
    st.subheader(ctx.tr("review_conflict_title"))
    st.warning(ctx.tr("review_conflict_intro", n=count))
    st.dataframe(changed_table(changes, names, catalog, ctx.lang, conflicts=True), hide_index=True,
                 width="stretch")
    words = {"published": ctx.tr("review_settle_published"), "submitted": ctx.tr("review_settle_submitted")}
    return st.radio(ctx.tr("review_settle"), list(SETTLE), index=None, format_func=words.get,
                    key=f"review_settle_{submission_id}")


def _cities(ctx, url: str, submission: dict, changes: pd.DataFrame, against: int, published: Dataset,
            proposed: Dataset, names: dict[str, str]) -> None:
    """Each affected city's chart, with its status now and if the submission is approved."""
    cities = affected_cities(changes)
    if not cities:
        return
    tag = _store_tag(url)
    before = caches.progress_table_cached(f"release-{against}-{tag}", ctx.settings, _data=published)
    after = caches.progress_table_cached(f"proposal-{submission['id']}-{against}-{tag}", ctx.settings,
                                         _data=proposed)
    st.subheader(ctx.tr("review_cities_title"))
    st.caption(ctx.tr("review_cities_intro", settings=ctx.settings_line()))
    for index, city_id in enumerate(cities):
        with st.expander(escape.markdown(names.get(city_id, city_id)), expanded=index < CITIES_OPEN):
            _city(ctx, int(submission["id"]), city_id, names.get(city_id, city_id), against, (published, proposed),
                  (before, after))


def _city(ctx, submission_id: int, city_id: str, name: str, against: int, data: tuple[Dataset, Dataset],
          tables: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    published, proposed = data
    statuses = (status_of(tables[0], city_id), status_of(tables[1], city_id))
    words = [F.status_label(status, ctx.lang) if city_id in table.index else ctx.tr("review_status_absent")
             for status, table in zip(statuses, tables)]
    st.markdown(ctx.tr("review_status_change", before=words[0], after=words[1]))
    measure = str(tables[1].loc[city_id, "indicator"]) if city_id in tables[1].index else None
    indicators = changed_indicators(published, proposed, city_id, first=measure)
    if not indicators:
        st.caption(ctx.tr("review_city_no_values"))
        return
    indicator = indicators[0]
    if len(indicators) > 1:
        indicator = st.selectbox(ctx.tr("review_city_indicator"), indicators,
                                 format_func=lambda i: indicator_label(proposed.catalog, i, ctx.lang),
                                 key=f"review_indicator_{submission_id}_{city_id}")
    fig = review_figure(published, proposed, city_id, indicator, ctx.lang, release=against,
                        submission=submission_id, statuses=statuses if indicator == measure else None)
    points = proposed_values(published, proposed, city_id)
    alt = ctx.tr("review_chart_alt", indicator=indicator_label(proposed.catalog, indicator, ctx.lang),
                 city=name,
                 n=int((points["indicator"] == indicator).sum()))
    plot(fig, alt, key=f"review_chart_{submission_id}_{city_id}",
         filename=f"review-{submission_id}-{city_id}-{indicator}")


def _decision(ctx, url: str, submission: dict, conflicts: bool, settle: str | None) -> None:
    """Approve (with a note) or reject (with a reason); no controls on the reviewer's own submission."""
    st.subheader(ctx.tr("review_decide_title"))
    submission_id = int(submission["id"])
    if submission["account_id"] == ctx.account.id:
        st.info(ctx.tr("review_own"))
        return
    actor = ctx.account.name
    approve_column, reject_column = st.columns(2)
    with approve_column:
        note = st.text_area(ctx.tr("review_approve_note"), key=f"review_note_{submission_id}")
        blocked = conflicts and settle is None
        if blocked:
            st.caption(ctx.tr("review_settle_first"))
        if st.button(ctx.tr("review_approve"), key=f"review_approve_{submission_id}", type="primary",
                     disabled=blocked):
            _act(ctx, submission_id, "approved",
                 lambda: approve(url, submission_id, actor, note, settle=settle if conflicts else None))
    with reject_column:
        reason = st.text_area(ctx.tr("review_reject_reason"), key=f"review_reason_{submission_id}")
        if st.button(ctx.tr("review_reject"), key=f"review_reject_{submission_id}"):
            _act(ctx, submission_id, "rejected", lambda: reject(url, submission_id, actor, reason))


def _act(ctx, submission_id: int, outcome: str, action) -> None:
    """Do it; on success say so after a rerun that lists what is still waiting, else say why not."""
    try:
        number = action()
    except StoreError as error:
        st.error(error_text(error, ctx.lang))
        return
    st.session_state[DONE_KEY] = {"outcome": outcome, "id": submission_id, "number": number}
    st.rerun()
