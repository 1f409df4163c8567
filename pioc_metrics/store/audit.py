"""The audit log: every change to the store, with who, when and what."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from pioc_metrics.store.schema import audit

OPERATOR = "operator"  # the command line's actor when no --user is given: shell access to the server is trusted


def now() -> datetime:
    return datetime.now(UTC)


def record(connection: Connection, actor: str, action: str, subject: str = "", **detail) -> None:
    """Write one audit entry in the caller's transaction (so it stands or falls with the change)."""
    connection.execute(audit.insert().values(at=now(), actor=actor, action=action, subject=str(subject)[:400],
                                             detail=json.dumps(detail, ensure_ascii=False, default=str)))


def entries(connection: Connection, limit: int = 200) -> list[dict]:
    """The newest audit entries first, each a dict (at, actor, action, subject, detail)."""
    rows = connection.execute(sa.select(audit).order_by(audit.c.id.desc()).limit(limit)).mappings()
    return [{**row, "detail": json.loads(row["detail"] or "{}")} for row in rows]
