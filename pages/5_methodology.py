"""Methodology: every formula, threshold, default and caveat, rendered from the engine's own constants."""

from pioc_metrics.app import methodology
from pioc_metrics.app.context import page_setup
from pioc_metrics.app.guard import visit

with visit("methodology"):
    ctx = page_setup("methodology")
    methodology.intro(ctx)
    methodology.defaults(ctx)
    methodology.formulas(ctx)
    methodology.statuses(ctx)
    methodology.example(ctx)
    methodology.uncertainty(ctx)
    methodology.rates_and_network(ctx)
    methodology.months_section(ctx)
    methodology.stories_section(ctx)
    methodology.caveats(ctx)
    methodology.sources(ctx)
