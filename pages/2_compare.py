"""Compare cities: how the chosen cities moved, on one chart, one chart each, and ranked by change."""

import streamlit as st

from pioc_metrics.figures import trajectory as CC
from pioc_metrics.app import city as U
from pioc_metrics.app.context import page_setup

ctx = page_setup("compare", extra_params=("mode",))
st.title(ctx.tr("nav_compare"))
st.caption(U.md(ctx.settings_line()))
cities_column, group_column, mode_column = st.columns([5, 3, 2])
ctx, chosen = U.cities_picker(ctx, cities_column, group_column)
mode = U.compare_mode(ctx, mode_column)
if not chosen:
    st.info(ctx.tr("compare_none_chosen"))
    st.stop()

names = {c: ctx.city_name(c) for c in chosen}
with_data = set(CC.cities_with_data(ctx.data, ctx.settings.indicator))
missing = [names[c] for c in chosen if c not in with_data]
decimals = CC.value_decimals(ctx.data.catalog, ctx.settings.indicator)
sentences = [CC.summary_sentence(ctx.table.loc[c], names[c], ctx.lang, decimals) for c in chosen]
alt = "; ".join(sentences)

figure = CC.compare_figure(ctx.data, ctx.table, chosen, ctx.settings, ctx.lang, mode)
U.plot(figure, alt, key="compare_lines", filename=f"compare_{ctx.settings.indicator}_{mode}")
if missing:
    st.caption(U.md(ctx.tr("compare_without_data", cities=", ".join(missing))))
# A plain list, not an expander: its arrow is an icon-font ligature that reads as a word without the font.
st.markdown(f"**{U.md(ctx.tr('compare_text_alternative'))}**\n\n" + "\n".join(f"- {U.md(s)}" for s in sentences))

st.subheader(ctx.tr("compare_multiples_heading"))
multiples = CC.small_multiples_figure(ctx.data, ctx.table, chosen, ctx.settings, ctx.lang)
U.plot(multiples, alt, key="compare_multiples", filename=f"compare_{ctx.settings.indicator}_multiples")

st.subheader(ctx.tr("compare_ranked_heading"))
ranked = CC.ranked_change_figure(ctx.table, chosen, ctx.lang, names=names, reduction=ctx.settings.reduction)
U.plot(ranked, alt, key="compare_ranked", filename=f"compare_{ctx.settings.indicator}_change")
