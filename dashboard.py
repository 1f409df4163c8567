"""Network overview: where every city stands against the halving target, above the fold."""

import streamlit as st

from pioc_metrics.app import overview
from pioc_metrics.app.context import page_setup
from pioc_metrics.app.guard import visit

with visit("overview"):
    ctx = page_setup("overview")
    overview.heading(ctx)
    overview.headline_figures(ctx)

    status_column, median_column = st.columns([1, 1.6])
    with status_column:
        overview.status_chart(ctx)
    with median_column:
        overview.median_chart(ctx)

    overview.map_section(ctx)
    overview.city_table(ctx)
    overview.ytd_section(ctx)
