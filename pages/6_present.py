"""Presentation mode for convenings: full-screen slides, large type; the slides, slide number and language in the
link."""

from pioc_metrics.app import present
from pioc_metrics.app.context import page_setup
from pioc_metrics.app.guard import visit

with visit("present"):
    ctx = page_setup("present")
    present.projector_style()
    slides = present.chosen_slides(ctx)
    number = present.current_slide(ctx, slides)
    present.top_bar(ctx, number, slides)
    present.slide(ctx, number, slides)
