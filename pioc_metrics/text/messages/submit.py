"""Submitting an upload for review on the Data page, and the account's own submissions."""

from pioc_metrics.text.messages import message, plural

MESSAGES = (
    message("submit_title", "Submit for review"),
    message("submit_intro",
            "Send this file's rows to the network's reviewers. Once a reviewer approves them, they are published "
            "in the next release, for every visitor. Rows for cities not assigned to your account are rejected."),
    plural("submit_city_rows", "{city} ({n} row)", "{city} ({n} rows)"),
    message("submit_preview_go", "Will be submitted: {cities}."),
    message("submit_preview_rejected", "Will be rejected, not among the cities assigned to {name}: {cities}."),
    message("submit_preview_none",
            "None of these rows is for a city assigned to {name}: there is nothing to submit. Ask an admin if a "
            "city should be added to your account."),
    message("submit_form_details",
            "This file needed its city or its source filled in above: that works for this session, but a "
            "submission must carry them itself. Add the city_id and source columns to the file (the template "
            "has them) and upload it again to submit it."),
    message("submit_note", "Note for the reviewers: where the figures come from, what changed"),
    message("submit_button", "Submit for review"),
    plural("submit_done",
           "Submitted as submission {id}: {n} row waits for a reviewer.",
           "Submitted as submission {id}: {n} rows wait for a reviewer."),
    message("submit_nothing", "Nothing was submitted: no row of this file could be accepted."),
    message("submit_rejected_title", "Rejected"),
    message("submit_more", "… and {n} more"),
    message("submit_mine_title", "My submissions"),
    message("submit_mine_none", "You have not submitted anything yet."),
    message("submit_col_id", "Submission"),
    message("submit_col_date", "Date (UTC)"),
    message("submit_col_files", "Files"),
    message("submit_col_status", "Status"),
    message("submit_col_note", "Your note"),
    message("submit_col_review", "Reviewer's reason or note"),
    message("submit_status_waiting", "waiting for review"),
    message("submit_status_approved", "approved: release {number}"),
    message("submit_status_approved_unchanged", "approved (nothing to change)"),
    message("submit_status_rejected", "rejected"),
)
