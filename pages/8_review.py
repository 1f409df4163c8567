"""Review (reviewers): waiting submissions, their difference from the latest release, approve or reject."""

from pioc_metrics.app.context import page_setup
from pioc_metrics.app.guard import visit
from pioc_metrics.app.review import review_page

with visit("review"):
    ctx = page_setup("review")
    review_page(ctx)
