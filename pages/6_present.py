"""Presentation mode for convenings: full-screen slides, large type, slide number and language in the link."""

from pioc_metrics.app import present
from pioc_metrics.app.context import page_setup

ctx = page_setup("present")
present.projector_style()
number = present.current_slide(ctx)
present.top_bar(ctx, number)
present.slide(ctx, number)
