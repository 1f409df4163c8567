"""Sign in: for the people who keep the network's data (visitors never need to)."""

from pioc_metrics.app.context import page_setup
from pioc_metrics.app.guard import visit
from pioc_metrics.app.sign_in import sign_in_section

with visit("sign_in"):
    ctx = page_setup("sign_in")
    sign_in_section(ctx)
