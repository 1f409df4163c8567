"""Data: coverage, the full table with sources, downloads, the template, and uploads."""

import streamlit as st

from pioc_metrics.app import data, releases, submit
from pioc_metrics.app.context import page_setup
from pioc_metrics.app.guard import visit

with visit("data"):
    ctx = page_setup("data")
    st.title(ctx.tr("data_title"))
    st.write(ctx.tr("data_intro"))
    # Keyed, so the open tab survives the rerun that applies or removes an upload.
    coverage_tab, table_tab, releases_tab, upload_tab, template_tab = st.tabs(
        [ctx.tr("data_tab_coverage"), ctx.tr("data_tab_table"), ctx.tr("data_tab_releases"), ctx.tr("data_tab_upload"),
         ctx.tr("data_tab_template")],
        key=f"data_tab_{ctx.lang}", on_change="rerun")
    with coverage_tab:
        data.coverage_section(ctx)
    with table_tab:
        data.table_section(ctx)
        data.progress_section(ctx)
    with releases_tab:
        releases.releases_section(ctx)
    with upload_tab:
        data.upload_section(ctx)
        submit.my_submissions(ctx)  # signed-in accounts only
    with template_tab:
        data.template_section(ctx)
