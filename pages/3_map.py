"""Map: the network's cities, sized by population, coloured by status or by the value in a chosen year."""

import streamlit as st

from pioc_metrics.app import map as map_page
from pioc_metrics.app.context import page_setup
from pioc_metrics.app.guard import visit

with visit("map"):
    ctx = page_setup("map")
    map_page.heading(ctx)
    choices = map_page.controls(ctx)
    map_page.stop_without_cities(ctx, choices)

    map_column, legend_column = st.columns([3.2, 1])
    with map_column:
        map_page.city_map(ctx, choices)
    with legend_column:
        map_page.legend(ctx, choices)
    map_page.city_table(ctx, choices)
    map_page.play_step(choices)  # while playing: the next year, after a pause
