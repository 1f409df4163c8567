"""The Data page's Streamlit layer: coverage, table and downloads, template, upload and its report.

All the work is done by pure modules (coverage, downloads, upload); this module lays it out.
Text from files is only ever shown through st.dataframe, st.text or st.code.
An upload lives in this browser session's st.session_state only (never in a shared cache).
"""

from __future__ import annotations

import datetime as _dt

import pandas as pd
import streamlit as st

from pioc_metrics.app import submit as submit_view
from pioc_metrics.app.caches import USER_DATA_KEY, shipped_dataset
from pioc_metrics.app.context import PageContext
from pioc_metrics.app.exports import made_once
from pioc_metrics.data import upload as U
from pioc_metrics.exports import downloads
from pioc_metrics.figures import coverage
from pioc_metrics.text import escape
from pioc_metrics.text.problems import problem_message

REPORT_KEY = "data_report"  # (content hash, choices key, UploadReport) of the file in the uploader
CHOICES_KEY = "data_choices"  # {content hash: UploadChoices} given in the form
NEW_CITY = "__new__"
EXCEL = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# ---------------------------------------------------------------- coverage


def coverage_section(ctx: PageContext) -> None:
    data = ctx.data
    indicators = list(data.catalog["indicator"])
    left, right = st.columns([2, 1])
    with left:
        current = ctx.settings.indicator
        indicator = st.selectbox(ctx.tr("indicator"), indicators, key="data_cov_indicator",
                                 index=indicators.index(current) if current in indicators else 0,
                                 format_func=ctx.indicator_label)
    series_choices = sorted(set(data.indicators.loc[data.indicators["indicator"] == indicator, "series"])) or ["main"]
    series_choices = sorted(series_choices, key=lambda s: (s != "main", s))
    with right:
        series = st.selectbox(ctx.tr("series"), series_choices, key="data_cov_series",
                              format_func=lambda s: coverage.series_name(data, s, ctx.lang))
    summary = coverage.coverage_summary(data, indicator, series)
    if summary["values"] == 0:
        st.info(ctx.tr("data_coverage_none"))
    else:
        st.write(ctx.tr("data_coverage_summary", **summary))
    figure = coverage.coverage_figure(data, indicator, series, ctx.lang, ctx.indicator_label(indicator))
    st.plotly_chart(figure, width="stretch", config={"displaylogo": False})


# ---------------------------------------------------------------- table and downloads


def table_section(ctx: PageContext) -> None:
    data = ctx.data
    rows = data.indicators
    names = dict(zip(data.cities["city_id"], data.cities["city"]))
    first, last = (int(rows["year"].min()), int(rows["year"].max())) if len(rows) else (2000, 2024)
    c1, c2, c3 = st.columns(3)
    cities = c1.multiselect(ctx.tr("data_filter_cities"), list(data.cities["city_id"]), key="data_f_cities",
                            format_func=lambda c: names.get(c, c))
    indicators = c2.multiselect(ctx.tr("data_filter_indicators"), list(data.catalog["indicator"]),
                                key="data_f_indicators", format_func=ctx.indicator_label)
    series = c3.multiselect(ctx.tr("data_filter_series"), sorted(set(rows["series"])), key="data_f_series",
                            format_func=lambda s: coverage.series_name(data, s, ctx.lang))
    years = (first, last)
    if last > first:
        years = st.slider(ctx.tr("data_filter_years"), first, last, (first, last), key="data_f_years")
    chosen = coverage.filter_rows(rows, cities=cities, indicators_chosen=indicators, series=series, years=years)
    st.write(ctx.tr("data_rows_shown", rows=len(chosen)))
    shown = coverage.display_table(chosen, data, ctx.lang)
    st.dataframe(shown, hide_index=True, width="stretch", height=420, column_config={
        "city": ctx.tr("city"), "country": ctx.tr("country"),
        "year": st.column_config.NumberColumn(ctx.tr("year"), format="%d"),
        "indicator": ctx.tr("data_col_indicator"), "value": ctx.tr("value"), "series": ctx.tr("series"),
        "source": ctx.tr("source"), "note": ctx.tr("note"), "derived": ctx.tr("data_col_derived"),
        "origin": ctx.tr("data_col_origin"),
    })
    stamp = _dt.date.today().isoformat()
    d1, d2 = st.columns(2)
    d1.download_button(ctx.tr("data_download_csv"), data=made_once(lambda: _csv(chosen, data)),
                       file_name=f"pioc-data-{stamp}.csv", mime="text/csv", key="data_dl_csv", on_click="ignore")
    d2.download_button(ctx.tr("data_download_excel"), data=made_once(lambda: downloads.data_excel(chosen, data)),
                       file_name=f"pioc-data-{stamp}.xlsx", key="data_dl_xlsx", on_click="ignore", mime=EXCEL)


def _csv(rows: pd.DataFrame, data) -> bytes:
    return downloads.csv_bytes(downloads.download_frame(rows, data.cities))


def progress_section(ctx: PageContext) -> None:
    """Every city's progress under the settings in force, as CSV and Excel (the files are made on click)."""
    st.subheader(ctx.tr("data_progress_title"))
    st.caption(ctx.md("data_progress_caption", settings=ctx.settings_line()))
    made = _dt.date.today().isoformat()
    stem = escape.filename(downloads.progress_file_stem(ctx.settings, made), default="pioc-progress")
    table, data = ctx.table, ctx.data
    about = downloads.about_frame(ctx.settings, ctx.lang, data_identity(ctx), made)
    d1, d2 = st.columns(2)
    d1.download_button(ctx.tr("data_download_progress_csv"),
                       data=made_once(lambda: downloads.progress_csv(table, data)),
                       file_name=f"{stem}.csv", mime="text/csv", key="data_dl_progress_csv", on_click="ignore")
    d2.download_button(ctx.tr("data_download_progress_excel"),
                       data=made_once(lambda: downloads.progress_excel(table, data, about)),
                       file_name=f"{stem}.xlsx", mime=EXCEL, key="data_dl_progress_xlsx", on_click="ignore")


def data_identity(ctx: PageContext) -> str:
    """Which data a download was computed from: the shipped data's fingerprint, or the session's upload."""
    upload = (st.session_state.get(USER_DATA_KEY) or {}) if ctx.user_data else None
    return downloads.data_identity(ctx.data_key, ctx.lang, None if upload is None else str(upload.get("name") or ""))


# ---------------------------------------------------------------- template


def template_section(ctx: PageContext) -> None:
    base, _ = shipped_dataset()  # the example row is a shipped row, whatever the session shows
    st.write(ctx.tr("data_template_intro"))
    for key in downloads.TEMPLATE_HELP:
        st.markdown(f"- {ctx.tr(key)}")
    c1, c2 = st.columns(2)
    c1.download_button(ctx.tr("data_download_template_excel"), data=downloads.template_excel(base, ctx.lang),
                       file_name="pioc-template.xlsx", key="data_dl_template_xlsx", on_click="ignore", mime=EXCEL)
    c2.download_button(ctx.tr("data_download_template_csv"), data=downloads.template_csv(base, ctx.lang),
                       file_name="pioc-template.csv", mime="text/csv", key="data_dl_template_csv", on_click="ignore")


# ---------------------------------------------------------------- upload


def upload_section(ctx: PageContext) -> None:
    """The active upload (with its remove button), the file input, the form and the report."""
    active = st.session_state.get(USER_DATA_KEY)
    if active:
        with st.container(border=True):
            st.write(ctx.tr("data_active", mode=ctx.tr(f"data_mode_short_{active.get('mode', 'extend')}")))
            st.text(U.display_name(active.get("name")))
            if st.button(ctx.tr("data_remove"), key="data_remove"):
                st.session_state.pop(USER_DATA_KEY, None)
                st.session_state.pop(REPORT_KEY, None)
                st.rerun()
    st.caption(ctx.tr("data_upload_help"))
    file = st.file_uploader(ctx.tr("data_upload_label"), type=["csv", "xlsx", "parquet"], key="data_file")
    if file is None:
        return
    try:
        content = file.getvalue()
        handle_upload(ctx, content, file.name)
    except Exception:
        st.error(ctx.tr("data_unexpected_page"))


def handle_upload(ctx: PageContext, content: bytes, name: str) -> None:
    """The form, report and apply button for a file's content (called by the uploader; tests call it too)."""
    base, _ = shipped_dataset()
    digest = U.content_hash(content)
    choices = st.session_state.setdefault(CHOICES_KEY, {}).get(digest, U.UploadChoices())
    stored = st.session_state.get(REPORT_KEY)
    if stored and stored[0] == digest and stored[1] == choices.key():
        report = stored[2]
    else:
        report = U.check_upload(content, name, base, choices)
        st.session_state[REPORT_KEY] = (digest, choices.key(), report)
    if report.needs_city or report.needs_source:
        _details_form(ctx, base, report, digest, choices)
    show_report(ctx, report)
    if report.usable:
        _apply_controls(ctx, base, report, name, choices)
        submit_view.submit_section(ctx, report, name, content, choices)  # signed-in accounts only


def _details_form(ctx: PageContext, base, report: U.UploadReport, digest: str, choices: U.UploadChoices) -> None:
    names = dict(zip(base.cities["city_id"], base.cities["city"]))
    st.subheader(ctx.tr("data_form_title"))
    with st.form("data_details_form"):
        city_id = city = country = ""
        lat = lon = None
        if report.needs_city:
            options = [*base.cities["city_id"], NEW_CITY]
            picked = st.selectbox(
                ctx.tr("data_form_city"), options, key="data_form_city",
                format_func=lambda c: ctx.tr("data_form_new_city") if c == NEW_CITY else names.get(c, c))
            city = st.text_input(ctx.tr("data_form_city_name"), key="data_form_city_name", max_chars=120)
            country = st.text_input(ctx.tr("data_form_country"), key="data_form_country", max_chars=120)
            c1, c2 = st.columns(2)
            lat_text = c1.text_input(ctx.tr("data_form_lat"), key="data_form_lat", max_chars=20)
            lon_text = c2.text_input(ctx.tr("data_form_lon"), key="data_form_lon", max_chars=20)
            if picked != NEW_CITY:
                city_id, city, country = picked, "", ""
            else:
                lat, lon = _coordinate(lat_text, 90), _coordinate(lon_text, 180)
        source = st.text_input(ctx.tr("data_form_source"), key="data_form_source", max_chars=500) \
            if report.needs_source else choices.source
        if st.form_submit_button(ctx.tr("data_form_submit")):
            st.session_state[CHOICES_KEY][digest] = U.UploadChoices(
                city_id=city_id, city=city.strip(), country=country.strip(), lat=lat, lon=lon,
                source=(source or "").strip())
            st.rerun()


def _coordinate(text: str, limit: float) -> float | None:
    try:
        value = float(str(text).replace(",", ".").strip())
    except ValueError:
        return None
    return value if -limit <= value <= limit else None


def report_frame(problems, lang: str, whole_file: str) -> pd.DataFrame:
    """Row, column and reason of each problem, as text (a table, never HTML)."""
    return pd.DataFrame({
        "row": [str(p.row) if p.row is not None else whole_file for p in problems],
        "column": [p.column or "" for p in problems],
        "reason": [problem_message(p, lang) for p in problems],
    }, dtype=object)


def show_report(ctx: PageContext, report: U.UploadReport) -> None:
    st.subheader(ctx.tr("data_report_title"))
    file_errors = [p for p in report.errors if p.row is None]
    if report.rows_read == 0 and file_errors:
        st.error(ctx.tr("data_report_file_problem"))
        st.dataframe(report_frame(file_errors, ctx.lang, ctx.tr("data_whole_file")), hide_index=True,
                     width="stretch", column_config=_report_columns(ctx))
        return
    if report.needs_city or report.needs_source:
        st.dataframe(report_frame(report.warnings, ctx.lang, ctx.tr("data_whole_file")), hide_index=True,
                     width="stretch", column_config=_report_columns(ctx))
        return
    summary = ctx.tr("data_report_summary", rows=report.rows_read, values=report.values_accepted,
                     rejected=report.rows_rejected, skipped=report.rows_skipped)
    (st.success if report.usable and not report.errors else st.warning if report.usable else st.error)(summary)
    if not report.usable:
        st.write(ctx.tr("data_report_none_accepted"))
    if report.errors:
        st.markdown(f"**{ctx.tr('data_report_rejected_title')}**")
        st.dataframe(report_frame(report.errors, ctx.lang, ctx.tr("data_whole_file")), hide_index=True,
                     width="stretch", column_config=_report_columns(ctx), key="data_report_errors")
    if report.placements:
        st.markdown(f"**{ctx.tr('data_report_placements_title')}**")
        st.dataframe(pd.DataFrame({
            "city": [p.city for p in report.placements],
            "country": [p.country for p in report.placements],
            "lat": [p.lat for p in report.placements],
            "lon": [p.lon for p in report.placements],
            "entry": [p.entry or ctx.tr("data_entry_from_file") for p in report.placements],
        }, dtype=object), hide_index=True, width="stretch", column_config={
            "city": ctx.tr("city"), "country": ctx.tr("country"), "lat": ctx.tr("data_col_lat"),
            "lon": ctx.tr("data_col_lon"), "entry": ctx.tr("data_col_entry")})
    if report.replaced_keys:
        st.info(ctx.tr("data_report_replaced", count=report.replaced_keys))
    if report.warnings:
        # a heading, not an expander: the expander's arrow is an icon-font ligature that reads as a word offline
        st.markdown(f"**{ctx.tr('data_report_warnings_title')} ({len(report.warnings)})**")
        st.dataframe(report_frame(report.warnings, ctx.lang, ctx.tr("data_whole_file")), hide_index=True,
                     width="stretch", column_config=_report_columns(ctx), key="data_report_warnings")


def _report_columns(ctx: PageContext) -> dict:
    return {"row": ctx.tr("data_col_row"), "column": ctx.tr("data_col_column"), "reason": ctx.tr("data_col_reason")}


def _apply_controls(ctx: PageContext, base, report: U.UploadReport, name: str, choices: U.UploadChoices) -> None:
    mode = st.radio(ctx.tr("data_mode_label"), U.MODES, key="data_mode",
                    format_func=lambda m: ctx.tr(f"data_mode_{m}"))
    if st.button(ctx.tr("data_apply"), type="primary", key="data_apply"):
        applied = U.apply_upload(base, report, mode, name, choices)
        release = getattr(ctx.published, "release", None)
        st.session_state[USER_DATA_KEY] = {**applied, "release": release.number if release else None}
        st.rerun()
