"""Accounts (admins): add, assign cities, disable, reset a password; the audit log."""

from pioc_metrics.app.accounts_page import accounts_page
from pioc_metrics.app.context import page_setup
from pioc_metrics.app.guard import visit

with visit("accounts"):
    ctx = page_setup("accounts")
    accounts_page(ctx)
