"""Practices: the network's library of what cities do, with each city's figures around the start (no claims)."""

from pioc_metrics.app import practices
from pioc_metrics.app.context import page_setup
from pioc_metrics.app.guard import visit

with visit("practices"):
    ctx = page_setup("practices")
    practices.heading(ctx)
    practices.stop_without_practices(ctx)
    words, approach, city_id = practices.filters(ctx)
    practices.library(ctx, words, approach, city_id)
