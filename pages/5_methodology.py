"""methodology page (placeholder until its issue lands)."""

import streamlit as st

from pioc_metrics.ui import page_setup

ctx = page_setup("methodology")
st.title(ctx.tr("nav_methodology"))
