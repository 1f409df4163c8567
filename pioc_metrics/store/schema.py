"""The store's tables (SQLAlchemy Core). Alembic's migrations in migrations/versions create them; this module and
the newest migration describe the same schema (a test compares them).

A record is one row of the data contract (a city, an indicator value, a national value, a catalog entry), kept as the
contract's text under its key. `added_in` is the release that published it and `replaced_in` the release that
replaced or removed it (NULL while current), so release N is every record with added_in <= N < replaced_in.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s", "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s", "pk": "pk_%(table_name)s",
})
NAME = 120  # longest account name
KEY = 400  # longest record key
EMAIL = 254  # longest e-mail address (RFC 5321)

store_lock = sa.Table("store_lock", metadata, sa.Column("id", sa.Integer, primary_key=True, autoincrement=False))

accounts = sa.Table(
    "accounts", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(NAME), nullable=False, unique=True),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("password_hash", sa.String(200)),  # argon2id; NULL: no web sign-in until a password is set
    sa.Column("disabled", sa.Boolean, nullable=False, default=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("failed_logins", sa.Integer, nullable=False, default=0),
    sa.Column("locked_until", sa.DateTime(timezone=True)),
    sa.Column("email", sa.String(EMAIL)),  # lower-case; how an OpenID Connect sign-in (st.login) finds the account
    sa.Index("ix_accounts_email", "email", unique=True),
)

account_cities = sa.Table(
    "account_cities", metadata,
    sa.Column("account_id", sa.Integer, sa.ForeignKey("accounts.id"), primary_key=True),
    sa.Column("city_id", sa.String(120), primary_key=True),
)

releases = sa.Table(
    "releases", metadata,
    sa.Column("number", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("published_by", sa.String(NAME), nullable=False),
    sa.Column("note", sa.Text, nullable=False, default=""),
    sa.Column("submission_id", sa.Integer),
)

submissions = sa.Table(
    "submissions", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("account_id", sa.Integer, sa.ForeignKey("accounts.id"), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("files", sa.Text, nullable=False, default=""),
    sa.Column("note", sa.Text, nullable=False, default=""),
    sa.Column("base_release", sa.Integer, nullable=False),
    sa.Column("report", sa.Text, nullable=False, default="[]"),  # JSON: the validation report's problems
    sa.Column("status", sa.String(20), nullable=False),  # waiting, approved, rejected
    sa.Column("reviewed_by", sa.String(NAME)),
    sa.Column("reviewed_at", sa.DateTime(timezone=True)),
    sa.Column("review_note", sa.Text, nullable=False, default=""),
    sa.Column("release_number", sa.Integer),
)

submission_rows = sa.Table(
    "submission_rows", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("submission_id", sa.Integer, sa.ForeignKey("submissions.id"), nullable=False, index=True),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("key", sa.String(KEY), nullable=False),
    sa.Column("data", sa.Text, nullable=False),  # JSON object: the contract's columns as text
)

records = sa.Table(
    "records", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("key", sa.String(KEY), nullable=False),
    sa.Column("data", sa.Text, nullable=False),
    sa.Column("added_in", sa.Integer, sa.ForeignKey("releases.number"), nullable=False),
    sa.Column("replaced_in", sa.Integer, sa.ForeignKey("releases.number")),
    sa.Column("submission_id", sa.Integer, sa.ForeignKey("submissions.id")),
    sa.Index("ix_records_kind_key", "kind", "key"),
    sa.Index("ix_records_added_in", "added_in"),
    sa.Index("ix_records_replaced_in", "replaced_in"),
)

audit = sa.Table(
    "audit", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor", sa.String(NAME), nullable=False),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("subject", sa.String(KEY), nullable=False, default=""),
    sa.Column("detail", sa.Text, nullable=False, default="{}"),  # JSON
)
