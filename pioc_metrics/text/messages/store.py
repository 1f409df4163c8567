"""The store's reasons and reports: errors of the record (shared/spec/stewardship.md), one key per code."""

from pioc_metrics.text.messages import message, plural

MESSAGES = (
    message("store_unreachable", "the data store cannot be reached ({detail})"),
    message("store_not_initialised", "the data store is not set up yet: run `make run` or "
                                     "`python -m pioc_metrics store init` ({detail})"),
    message("store_not_initialised_for_submit", "the data store has no release yet: run "
                                                "`python -m pioc_metrics store init` first"),
    message("store_damaged_folder", "the data folder {folder} has errors; nothing was imported"),
    message("store_unknown_release", "there is no release {number}"),
    message("store_unknown_account", "there is no account named {name}"),
    message("store_unknown_submission", "there is no submission {id}"),
    message("store_unknown_value", "no published value has the key {kind} {key}"),
    message("store_account_disabled", "the account {name} is disabled"),
    message("store_needs_reviewer", "{name} is an {role}: only a reviewer may do this"),
    message("store_needs_admin", "only an admin may manage accounts ({name} is not one)"),
    message("store_own_submission", "nobody reviews their own submission: submission {id} is {name}'s own"),
    message("store_already_reviewed", "submission {id} is already {status}"),
    message("store_reason_required", "give a reason: it is kept and shown to the submitter"),
    message("store_bad_account_name", "“{name}” cannot be an account name: use letters, digits, . _ @ or -"),
    message("store_bad_role", "“{role}” is not a role; the roles are {roles}"),
    message("store_editor_needs_city", "an editor needs at least one city (--city ID)"),
    message("store_account_exists", "there is already an account named {name}"),
    message("store_bad_email", "“{email}” is not an e-mail address"),
    message("store_email_taken", "the account {name} already has the e-mail {email}"),
    message("store_password_short", "a password needs at least {minimum} characters"),
    message("store_new_city_incomplete",
            "the new city {city_id} lacks what the data format needs ({columns}); it and its rows were not submitted: "
            "give its country code (iso3), coordinates and status in cities.csv"),
    message("store_bad_settle", "“{settle}” is not a way to settle conflicts; use {choices}"),
    plural("store_conflict",
           "{count} value of submission {id} was also changed by a release published since it was made "
           "(latest: release {release}); settle it: keep the published value or take the submitted one",
           "{count} values of submission {id} were also changed by a release published since it was made "
           "(latest: release {release}); settle them: keep the published values or take the submitted ones",
           count="count"),
    plural("store_city_not_assigned",
           "{rows} row for {city_id} rejected: {name} may submit only for the cities assigned to them",
           "{rows} rows for {city_id} rejected: {name} may submit only for the cities assigned to them",
           count="rows"),
)
