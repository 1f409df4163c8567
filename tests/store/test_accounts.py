"""Accounts and roles: argon2id hashes, the admin's rules, sign-in slowed after failures, disabled accounts."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from pioc_metrics.store import accounts, database
from pioc_metrics.store.audit import entries
from pioc_metrics.store.errors import Invalid, NotAllowed, NotFound
from pioc_metrics.store.schema import accounts as accounts_table
from tests.store.factories import team

PASSWORD = "correct horse battery"


def test_a_password_is_kept_as_an_argon2id_hash_and_never_written_to_the_audit_log(fresh_store):
    accounts.add_account(fresh_store, "operator", "rev1", "reviewer", password=PASSWORD)
    with database.reading(fresh_store) as connection:
        stored = connection.execute(sa.select(accounts_table.c.password_hash)).scalar()
        log = json.dumps([{**e, "at": str(e["at"])} for e in entries(connection)])
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert PASSWORD not in log and stored not in log
    assert accounts.sign_in(fresh_store, "rev1", PASSWORD).role == "reviewer"
    assert accounts.sign_in(fresh_store, "rev1", "wrong password") is None


def test_sign_in_is_refused_after_five_failures_even_with_the_right_password(fresh_store):
    accounts.add_account(fresh_store, "operator", "rev1", "reviewer", password=PASSWORD)
    for _ in range(accounts.LOCK_AFTER):
        assert accounts.sign_in(fresh_store, "rev1", "guess") is None
    assert accounts.sign_in(fresh_store, "rev1", PASSWORD) is None  # waiting: slowed down
    with database.reading(fresh_store) as connection:
        row = connection.execute(sa.select(accounts_table).where(accounts_table.c.name == "rev1")).first()
        failed = [e for e in entries(connection) if e["action"] == "sign_in_failed"]
    assert row.failed_logins == accounts.LOCK_AFTER + 1 and row.locked_until is not None
    assert len(failed) == accounts.LOCK_AFTER + 1


@pytest.mark.parametrize(("name", "role", "cities", "code"), [
    ("ana", "editor", [], "store_editor_needs_city"),
    ("ana", "mayor", ["palmira"], "store_bad_role"),
    ("x'; DROP TABLE accounts;--", "reviewer", [], "store_bad_account_name"),
    ("", "reviewer", [], "store_bad_account_name"),
])
def test_an_account_that_cannot_be_made_is_refused_with_the_reason(fresh_store, name, role, cities, code):
    with pytest.raises(Invalid) as refused:
        accounts.add_account(fresh_store, "operator", name, role, cities)
    assert refused.value.code == code
    assert accounts.list_accounts(fresh_store) == []


def test_names_are_unique_and_passwords_long_enough(fresh_store):
    accounts.add_account(fresh_store, "operator", "rev1", "reviewer")
    with pytest.raises(Invalid, match="store_account_exists"):
        accounts.add_account(fresh_store, "operator", "rev1", "admin")
    with pytest.raises(Invalid, match="store_password_short"):
        accounts.set_password(fresh_store, "operator", "rev1", "short")


def test_only_an_admin_or_the_operator_manages_accounts(fresh_store):
    team(fresh_store)
    with pytest.raises(NotAllowed, match="store_needs_admin"):
        accounts.add_account(fresh_store, "rev1", "eve", "reviewer")
    with pytest.raises(NotAllowed, match="store_needs_admin"):
        accounts.disable_account(fresh_store, "ana", "rev1")
    accounts.add_account(fresh_store, "root", "eve", "editor", ["bogota"])
    accounts.disable_account(fresh_store, "root", "eve")
    eve = next(a for a in accounts.list_accounts(fresh_store) if a.name == "eve")
    assert eve.disabled and not eve.may_submit_for("bogota")


def test_a_disabled_account_cannot_act_and_an_unknown_one_is_named(fresh_store):
    team(fresh_store)
    accounts.disable_account(fresh_store, "operator", "rev1")
    with database.reading(fresh_store) as connection:
        with pytest.raises(NotAllowed, match="store_account_disabled"):
            accounts.acting(connection, "rev1")
        with pytest.raises(NotFound) as unknown:
            accounts.acting(connection, "nobody")
    assert unknown.value.params == {"name": "nobody"}


def test_every_account_change_is_in_the_audit_log_with_who(fresh_store):
    team(fresh_store)
    accounts.disable_account(fresh_store, "root", "ana")
    with database.reading(fresh_store) as connection:
        log = [(e["actor"], e["action"], e["subject"]) for e in entries(connection)]
    assert ("root", "account_disable", "ana") in log
    assert ("operator", "account_add", "rev2") in log


def test_an_admin_assigns_an_editors_cities_which_replace_the_old_ones_and_are_audited(fresh_store):
    team(fresh_store)
    ana = accounts.assign_cities(fresh_store, "root", "ana", ["cali", " bogota ", "cali"])
    assert ana.cities == ("bogota", "cali")
    assert ana.may_submit_for("cali") and not ana.may_submit_for("palmira")
    with pytest.raises(NotAllowed, match="store_needs_admin"):
        accounts.assign_cities(fresh_store, "rev1", "ana", ["palmira"])
    with pytest.raises(Invalid) as empty:
        accounts.assign_cities(fresh_store, "root", "ana", [])
    assert empty.value.code == "store_editor_needs_city"
    with pytest.raises(NotFound):
        accounts.assign_cities(fresh_store, "root", "nobody", ["cali"])
    kept = next(a for a in accounts.list_accounts(fresh_store) if a.name == "ana")
    assert kept.cities == ("bogota", "cali")  # the refused changes left the assignment as it was
    with database.reading(fresh_store) as connection:
        log = [(e["actor"], e["action"], e["subject"], e["detail"]) for e in entries(connection)]
    assert ("root", "account_cities", "ana", {"cities": ["cali", "bogota"]}) in log
    assert not [entry for entry in log if entry[0] == "rev1" and entry[1] == "account_cities"]


def test_an_e_mail_is_kept_lower_case_unique_and_finds_its_account_in_any_case(fresh_store):
    team(fresh_store)
    added = accounts.add_account(fresh_store, "root", "bea", "editor", ["cali"], email="  Bea@Cali.gov.co ")
    assert added.email == "bea@cali.gov.co"
    assert accounts.account_for_email(fresh_store, "BEA@cali.GOV.co").name == "bea"
    assert accounts.account_for_email(fresh_store, "nobody@cali.gov.co") is None
    assert accounts.account_for_email(fresh_store, "not an address") is None
    with pytest.raises(Invalid, match="store_email_taken"):
        accounts.set_email(fresh_store, "root", "ana", "bea@CALI.gov.co")
    with pytest.raises(Invalid, match="store_bad_email"):
        accounts.set_email(fresh_store, "root", "ana", "ana at palmira")
    assert accounts.set_email(fresh_store, "root", "bea", "").email is None  # cleared
    assert accounts.account_for_email(fresh_store, "bea@cali.gov.co") is None


def test_only_an_admin_sets_an_e_mail_and_each_change_is_audited(fresh_store):
    team(fresh_store)
    with pytest.raises(NotAllowed):
        accounts.set_email(fresh_store, "ana", "ana", "ana@example.org")  # an editor cannot take a sign-in
    accounts.set_email(fresh_store, "root", "ana", "ana@example.org")
    with database.reading(fresh_store) as connection:
        [entry] = [e for e in entries(connection) if e["action"] == "account_email"]
    assert (entry["actor"], entry["subject"], entry["detail"]) == ("root", "ana", {"email": "ana@example.org"})


def test_a_store_made_before_e_mails_existed_is_upgraded_with_its_accounts_kept(store_url):
    from alembic import command

    from pioc_metrics.store.setup import alembic_config, current_revision, head_revision, init_store
    from tests.conftest import ROOT

    with database.engine_for(store_url).begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(sa.text("INSERT INTO accounts (name, role, disabled, created_at, failed_logins) "
                                   "VALUES ('old', 'reviewer', false, CURRENT_TIMESTAMP, 0)"))
    assert current_revision(store_url) == "0001"
    init_store(store_url, ROOT / "data", "operator")  # what `store init` (and `make run`) does
    assert current_revision(store_url) == head_revision() == "0002"
    [old] = [a for a in accounts.list_accounts(store_url) if a.name == "old"]
    assert (old.role, old.email) == ("reviewer", None)
