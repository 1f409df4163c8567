"""Releases on the pages: which one a page shows (and an earlier one marked as such), the store out of reach said
plainly, links that name a city the data does not have, and the Data page's list and downloads of releases."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import NoReturn

import pandas as pd
import streamlit as st

from pioc_metrics.app import record
from pioc_metrics.app.state import SLUG, VIEW_KEY, View
from pioc_metrics.store.errors import StoreError
from pioc_metrics.text import escape
from pioc_metrics.text import formatting as F
from pioc_metrics.text.changes import added_table, changed_table, city_names
from pioc_metrics.text.i18n import t

COMPARE_ROWS = 500  # rows of each comparison table shown; the download holds them all


def day(moment) -> str:
    """A release's date as a citation gives it: 2026-11-30."""
    return moment.strftime("%Y-%m-%d") if hasattr(moment, "strftime") else str(moment)[:10]


def release_caption(release: record.Release, lang: str) -> str:
    return t("release_caption", lang, number=release.number, date=day(release.published_at))


def store_error(error: StoreError, lang: str) -> NoReturn:
    """The store cannot be read: a plain message for the visitor, the reason for the operator; nothing else."""
    detail = t(error.code, "en", **{k: v for k, v in error.params.items() if k != "problems"})
    st.error(t("store_page_unavailable", lang))
    st.caption(escape.markdown(t("store_page_detail", lang, detail=detail)))
    st.stop()


def release_notices(shown: record.Published, view: View, lang: str) -> None:
    """An unknown ?release=N, and an earlier release, said at the top of the page (with a way to the latest)."""
    release = shown.release
    if shown.notice is not None and release is not None:
        st.warning(t("release_unknown", lang, number=shown.notice.params.get("number"), latest=release.latest))
    if release is None or release.is_latest:
        return
    st.warning(t("release_earlier", lang, number=release.number, date=day(release.published_at),
                 latest=release.latest))
    st.button(t("release_show_latest", lang), key="release_show_latest", on_click=_show_latest)


def _show_latest() -> None:
    view = st.session_state.get(VIEW_KEY) or View()
    st.session_state[VIEW_KEY] = replace(view, release=None)
    st.query_params.pop("release", None)


def link_notices(view: View, params: dict, shown: record.Published, lang: str, city_ids: set[str]) -> None:
    """One short notice for the link's values that were not understood; a city the data does not have (often one
    from an upload, which lasts only for its own browser tab) is named and explained."""
    rejected = [name for name in view.rejected if name != "release" or shown.notice is None]
    gone = []
    for name in ("city", "cities"):
        raw = params.get(name)
        raw = raw[-1] if isinstance(raw, list) and raw else raw
        if name in rejected and raw:
            parts = [part for part in str(raw).split(",") if part]
            missing = [part for part in parts if SLUG.match(part) and part not in city_ids]
            gone += missing
            if missing and all(SLUG.match(part) for part in parts):
                rejected.remove(name)  # only well-formed ids the data lacks: the notice below says it all
    lines = [t("notice_gone_city", lang, city=escape.markdown(city)) for city in dict.fromkeys(gone)][:1]
    lines += [t("notice_bad_param", lang, name=name) for name in rejected]
    if lines:
        st.warning(" ".join(lines))


def releases_section(ctx) -> None:
    """The Data page's releases: the one shown, how to cite it, every release listed with what it added and
    changed, any one as a zip, and any two compared."""
    shown = ctx.published
    if shown is None or shown.release is None:
        st.info(ctx.tr("data_release_none"))
        return
    release = shown.release
    url = record.store_url()
    st.write(ctx.tr("data_releases_intro"))
    st.markdown(ctx.md("data_release_current", number=release.number, date=day(release.published_at),
                       by=release.published_by, note=release.note))
    st.caption(ctx.tr("release_cite", number=release.number, date=day(release.published_at)))
    try:
        listed = record.releases_cached(url)
        counts = record.release_counts_cached(url)
    except StoreError as error:
        store_error(error, ctx.lang)
    st.dataframe(releases_table(listed, counts, ctx.lang), hide_index=True, width="stretch",
                 key="data_releases_table")
    numbers = [int(r["number"]) for r in listed]
    chosen = st.selectbox(ctx.tr("data_release_pick"), numbers, index=numbers.index(release.number)
                          if release.number in numbers else 0, key="data_release_pick")
    st.download_button(ctx.tr("data_release_download", number=chosen),
                       data=lambda: record.release_zip_cached(url, int(chosen)),
                       file_name=f"pioc-release-{chosen}.zip", mime="application/zip", key="data_release_zip",
                       on_click="ignore")
    compare_section(ctx, url, numbers)


def releases_table(listed: list[dict], counts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every release, newest first: number, date, who published it, rows added, changed and removed, note."""
    numbers = [int(r["number"]) for r in listed]
    counts = counts.reindex(numbers).fillna(0).astype(int)
    return pd.DataFrame({
        t("data_release_col_number", lang): [str(n) for n in numbers],
        t("data_release_col_date", lang): [day(r["published_at"]) for r in listed],
        t("data_release_col_by", lang): [str(r["published_by"]) for r in listed],
        t("data_release_col_added", lang): [F.integer(n, lang) for n in counts["added"]],
        t("data_release_col_changed", lang): [F.integer(n, lang) for n in counts["changed"]],
        t("data_release_col_removed", lang): [F.integer(n, lang) for n in counts["removed"]],
        t("data_release_col_note", lang): [str(r["note"] or "") for r in listed],
    })


def compare_section(ctx, url: str, numbers: list[int]) -> None:
    """Any two releases compared: rows added, values changed (old -> new, both sources), rows removed."""
    st.subheader(ctx.tr("data_compare_title"))
    if len(numbers) < 2:
        st.caption(ctx.tr("data_compare_one"))
        return
    left, right = st.columns(2)
    old = left.selectbox(ctx.tr("data_compare_from"), numbers, index=1, key="data_compare_from")
    new = right.selectbox(ctx.tr("data_compare_to"), numbers, index=0, key="data_compare_to")
    if old == new:
        st.info(ctx.tr("data_compare_same"))
        return
    try:
        changes = record.release_diff_cached(url, int(old), int(new))
    except StoreError as error:
        store_error(error, ctx.lang)
    counted = changes["change"].value_counts()
    st.write(ctx.tr("data_compare_summary", old=old, new=new, added=int(counted.get("added", 0)),
                    changed=int(counted.get("changed", 0)), removed=int(counted.get("removed", 0))))
    names = city_names(ctx.data, changes)
    tables = (("added", "review_added_title", lambda: added_table(changes, names, ctx.data.catalog, ctx.lang)),
              ("changed", "review_changed_title", lambda: changed_table(changes, names, ctx.data.catalog, ctx.lang)),
              ("removed", "data_compare_removed_title",
               lambda: added_table(changes, names, ctx.data.catalog, ctx.lang, which="removed")))
    for change, title, table in tables:
        if counted.get(change, 0):
            st.markdown(f"**{ctx.tr(title)}**")
            frame = table()
            if len(frame) > COMPARE_ROWS:
                st.caption(ctx.tr("data_compare_first", shown=COMPARE_ROWS, n=len(frame)))
            st.dataframe(frame.head(COMPARE_ROWS), hide_index=True, width="stretch", key=f"data_compare_{change}")
    if len(changes):
        st.download_button(ctx.tr("data_compare_download", old=old, new=new), data=compare_csv(changes),
                           file_name=f"pioc-release-{old}-to-{new}.csv", mime="text/csv", key="data_compare_csv",
                           on_click="ignore")


def compare_csv(changes: pd.DataFrame) -> bytes:
    """The comparison in full, one line per row: kind, key, change, and the old and new rows as JSON."""
    frame = pd.DataFrame({
        "kind": changes["kind"], "key": changes["key"], "change": changes["change"],
        "old": [json.dumps(v, ensure_ascii=False) if v else "" for v in changes["old"]],
        "new": [json.dumps(v, ensure_ascii=False) if v else "" for v in changes["new"]],
    })
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
