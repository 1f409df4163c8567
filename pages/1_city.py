"""city page (placeholder until its issue lands)."""

import streamlit as st

from pioc_metrics.ui import page_setup

ctx = page_setup("city")
st.title(ctx.tr("nav_city"))
