"""City trajectory: is this city on track for its target, how far behind, what annual change does it need?"""

import streamlit as st

from pioc_metrics.app import city
from pioc_metrics.app.context import page_setup
from pioc_metrics.app.guard import visit
from pioc_metrics.app.widgets import city_picker

with visit("city"):
    ctx = page_setup("city")
    title_column, picker_column = st.columns([3, 1], vertical_alignment="bottom")
    city.stop_without_cities(ctx)
    ctx = city_picker(ctx, picker_column)
    city.heading(ctx, title_column)
    city.reference_note(ctx)

    if city.has_data(ctx):
        city.status_block(ctx)
        city.key_figures_grid(ctx)
        city.trajectory_section(ctx)
    else:
        city.no_data_block(ctx)
    city.events_section(ctx)
    city.this_year_section(ctx)
    city.indicators_section(ctx)
    city.practices_section(ctx)
    city.peers_section(ctx)

    strategy_column, flags_column = st.columns(2)
    with strategy_column:
        city.strategy(ctx)
    with flags_column:
        city.flags(ctx)
    city.data_section(ctx)
    city.history_section(ctx)
