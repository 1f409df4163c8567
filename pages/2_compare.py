"""Compare cities: how the chosen cities moved, on one chart, one chart each, and ranked by change."""

import streamlit as st

from pioc_metrics.app import compare
from pioc_metrics.app.context import page_setup
from pioc_metrics.app.guard import visit
from pioc_metrics.app.widgets import cities_picker, compare_mode

with visit("compare"):
    ctx = page_setup("compare")
    compare.heading(ctx)
    cities_column, group_column, mode_column = st.columns([5, 3, 2])
    ctx, chosen = cities_picker(ctx, cities_column, group_column)
    mode = compare_mode(ctx, mode_column)
    compare.events_toggle(ctx, mode_column)
    compare.stop_without_cities(ctx, chosen)
    ctx = compare.on_one_measure(ctx, chosen)

    compare.lines(ctx, chosen, mode)
    compare.small_multiples(ctx, chosen)
    compare.ranked(ctx, chosen)
