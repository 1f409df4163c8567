"""Signing in and out: the sign-in page and the account shown in the sidebar."""

from pioc_metrics.text.messages import message

MESSAGES = (
    message("nav_sign_in", "Sign in"),
    message("sign_in_title", "Sign in"),
    message("sign_in_intro",
            "For the people who keep the network's data: a city's data officer, the secretariat's reviewers and "
            "admins. Visitors never need to sign in: every page and every release is open to all."),
    message("sign_in_name", "Account name"),
    message("sign_in_password", "Password"),
    message("sign_in_submit", "Sign in"),
    message("sign_in_wrong",
            "That account name and password do not match, or this account's sign-in is paused after too many "
            "failed attempts. Check them and try again in a few minutes."),
    message("sign_in_waiting",
            "Too many failed attempts: sign-in is paused for a while for this account or this address. Try again "
            "later, or ask an admin."),
    message("sign_in_unavailable", "Signing in is not possible right now: the data store cannot be read."),
    message("sign_in_done", "Signed in as {name} ({role})."),
    message("sign_in_session_note",
            "The sign-in lasts while you move between the dashboard's pages in this tab; a reload or a new tab asks "
            "again."),
    message("sign_out", "Sign out"),
    message("sign_in_openid", "Sign in with {provider}"),
    message("sign_in_openid_or", "Or sign in below with the dashboard's own account name and password."),
    message("sign_in_openid_no_account",
            "Your sign-in provider says you are {email}, but no account of the dashboard has this e-mail. Ask the "
            "network's secretariat to add it to your account, or sign out and use an account name and password."),
    message("sign_in_openid_unverified",
            "Your sign-in provider has not confirmed the e-mail {email}, so the dashboard cannot match it to an "
            "account. Confirm it with the provider, or sign out and use an account name and password."),
    message("sign_in_openid_out", "Sign out of the provider"),
    message("signed_out", "Signed out."),
    message("sign_in_as", "Signed in: {name} · {role}"),
    message("sign_in_no_store", "This dashboard reads a data folder, not the network's store: there is nothing to "
                                "sign in to."),
    message("page_needs_role", "This page is for the network's {role}s: sign in with such an account to use it."),
    message("nav_review", "Review"),
    message("nav_accounts", "Accounts"),
    message("role_editor", "editor"),
    message("role_reviewer", "reviewer"),
    message("role_admin", "admin"),
)
