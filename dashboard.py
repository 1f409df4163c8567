"""Network overview: where every city stands against the halving target."""

import streamlit as st

from pioc_metrics import formatting as F
from pioc_metrics.ui import page_setup

ctx = page_setup("overview")
st.title(ctx.tr("app_title"))
table = ctx.table.merge(ctx.data.cities[["city_id", "city", "country"]], on="city_id", how="left")
shown = table.assign(
    status=[F.status_label(s, ctx.lang) for s in table["status"]],
    baseline=[F.number(v, ctx.lang) for v in table["baseline"]],
    latest=[F.number(v, ctx.lang) for v in table["latest"]],
)
st.dataframe(shown[["city", "country", "baseline_year", "baseline", "latest_year", "latest", "status"]], hide_index=True)
