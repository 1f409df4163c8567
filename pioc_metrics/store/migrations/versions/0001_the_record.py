"""The record: accounts, releases, records, submissions, audit log.

Revision ID: 0001
Revises:
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table("store_lock", sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
                    sa.PrimaryKeyConstraint("id", name="pk_store_lock"))
    op.execute("INSERT INTO store_lock (id) VALUES (1)")
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.String(200)),
        sa.Column("disabled", sa.Boolean, nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("failed_logins", sa.Integer, nullable=False),
        sa.Column("locked_until", TIME),
        sa.PrimaryKeyConstraint("id", name="pk_accounts"),
        sa.UniqueConstraint("name", name="uq_accounts_name"),
    )
    op.create_table(
        "account_cities",
        sa.Column("account_id", sa.Integer, nullable=False),
        sa.Column("city_id", sa.String(120), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name="fk_account_cities_account_id_accounts"),
        sa.PrimaryKeyConstraint("account_id", "city_id", name="pk_account_cities"),
    )
    _releases()
    _submissions()
    _records()


def _releases() -> None:
    op.create_table(
        "releases",
        sa.Column("number", sa.Integer, autoincrement=False, nullable=False),
        sa.Column("published_at", TIME, nullable=False),
        sa.Column("published_by", sa.String(120), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("submission_id", sa.Integer),
        sa.PrimaryKeyConstraint("number", name="pk_releases"),
    )



def _submissions() -> None:
    op.create_table(
        "submissions",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("account_id", sa.Integer, nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("files", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("base_release", sa.Integer, nullable=False),
        sa.Column("report", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("reviewed_by", sa.String(120)),
        sa.Column("reviewed_at", TIME),
        sa.Column("review_note", sa.Text, nullable=False),
        sa.Column("release_number", sa.Integer),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name="fk_submissions_account_id_accounts"),
        sa.PrimaryKeyConstraint("id", name="pk_submissions"),
    )
    op.create_table(
        "submission_rows",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("submission_id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("key", sa.String(400), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.ForeignKeyConstraint(["submission_id"], ["submissions.id"],
                                name="fk_submission_rows_submission_id_submissions"),
        sa.PrimaryKeyConstraint("id", name="pk_submission_rows"),
    )
    op.create_index("ix_submission_rows_submission_id", "submission_rows", ["submission_id"])


def _records() -> None:
    op.create_table(
        "records",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("key", sa.String(400), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("added_in", sa.Integer, nullable=False),
        sa.Column("replaced_in", sa.Integer),
        sa.Column("submission_id", sa.Integer),
        sa.ForeignKeyConstraint(["added_in"], ["releases.number"], name="fk_records_added_in_releases"),
        sa.ForeignKeyConstraint(["replaced_in"], ["releases.number"], name="fk_records_replaced_in_releases"),
        sa.ForeignKeyConstraint(["submission_id"], ["submissions.id"], name="fk_records_submission_id_submissions"),
        sa.PrimaryKeyConstraint("id", name="pk_records"),
    )
    op.create_index("ix_records_kind_key", "records", ["kind", "key"])
    op.create_index("ix_records_added_in", "records", ["added_in"])
    op.create_index("ix_records_replaced_in", "records", ["replaced_in"])
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("at", TIME, nullable=False),
        sa.Column("actor", sa.String(120), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("subject", sa.String(400), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit"),
    )


def downgrade() -> None:
    for table in ("audit", "records", "submission_rows", "submissions", "releases", "account_cities", "accounts",
                  "store_lock"):
        op.drop_table(table)
