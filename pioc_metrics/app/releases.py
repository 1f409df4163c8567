"""Releases on the pages: which one a page shows (and an earlier one marked as such), the store out of reach said
plainly, links that name a city the data does not have, and the Data page's list and downloads of releases."""

from __future__ import annotations

from dataclasses import replace
from typing import NoReturn

import pandas as pd
import streamlit as st

from pioc_metrics.app import record
from pioc_metrics.app.state import SLUG, VIEW_KEY, View
from pioc_metrics.store.errors import StoreError
from pioc_metrics.text import escape
from pioc_metrics.text.i18n import t


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
    """The Data page's releases: the one shown, how to cite it, every release listed, any one as a zip."""
    shown = ctx.published
    if shown is None or shown.release is None:
        st.info(ctx.tr("data_release_none"))
        return
    release = shown.release
    st.write(ctx.tr("data_releases_intro"))
    st.markdown(ctx.md("data_release_current", number=release.number, date=day(release.published_at),
                       by=release.published_by, note=release.note))
    st.caption(ctx.tr("release_cite", number=release.number, date=day(release.published_at)))
    listed = record.releases_cached(record.store_url())
    table = pd.DataFrame({
        ctx.tr("data_release_col_number"): [str(r["number"]) for r in listed],
        ctx.tr("data_release_col_date"): [day(r["published_at"]) for r in listed],
        ctx.tr("data_release_col_by"): [str(r["published_by"]) for r in listed],
        ctx.tr("data_release_col_note"): [str(r["note"] or "") for r in listed],
    })
    st.dataframe(table, hide_index=True, width="stretch")
    numbers = [int(r["number"]) for r in listed]
    chosen = st.selectbox(ctx.tr("data_release_pick"), numbers, index=numbers.index(release.number)
                          if release.number in numbers else 0, key="data_release_pick")
    st.download_button(ctx.tr("data_release_download", number=chosen),
                       data=lambda: record.release_zip_cached(record.store_url(), int(chosen)),
                       file_name=f"pioc-release-{chosen}.zip", mime="application/zip", key="data_release_zip",
                       on_click="ignore")
