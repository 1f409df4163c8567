"""The floor for the load benchmark: an empty page on the same Streamlit and machine (`bench_visits` serves it)."""

import streamlit as st

st.write("floor")
