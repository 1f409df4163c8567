"""Creating the store: the schema by Alembic's migrations, then release 1 from a data folder when it is empty."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from pioc_metrics.data.loading import load_dataset
from pioc_metrics.data.problems import Problem
from pioc_metrics.store import database
from pioc_metrics.store.audit import record
from pioc_metrics.store.errors import Invalid, StoreUnavailable
from pioc_metrics.store.releases import latest_release, publish
from pioc_metrics.store.rows import dataset_records

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
FIRST_RELEASE_NOTE = "the shipped data"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(url: str) -> str | None:
    """The schema revision the store is at (None: no schema yet); StoreUnavailable if it cannot be reached."""
    try:
        with database.engine_for(url).connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    except sa.exc.OperationalError as error:
        raise StoreUnavailable("store_unreachable", detail=database._short(error)) from error


def migrate(url: str) -> None:
    """Bring the schema to the newest revision (nothing to do when it is there)."""
    try:
        with database.engine_for(url).begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except sa.exc.OperationalError as error:
        raise StoreUnavailable("store_unreachable", detail=database._short(error)) from error


def init_store(url: str, data_dir: Path | str, actor: str) -> tuple[int, list[Problem]]:
    """The schema, and release 1 from `data_dir` when the store has no release. Safe to repeat.

    Returns (the latest release number, the folder's problems). A folder with any error is refused
    (Invalid "store_damaged_folder"), with the same problems `validate` reports, and nothing is written.
    """
    migrate(url)
    latest = latest_release(url)
    if latest is not None:
        return latest["number"], []
    data, problems = load_dataset(Path(data_dir))
    errors = [p for p in problems if p.is_error]
    if errors or not len(data.cities):
        raise Invalid("store_damaged_folder", folder=str(data_dir), problems=errors or problems)
    with database.writing(url) as connection:
        if latest_release(url, connection) is not None:  # another process imported it meanwhile
            return latest_release(url, connection)["number"], []
        changes = {kind: frame.assign(old=None) for kind, frame in dataset_records(data).items()}
        number = publish(connection, changes, actor, FIRST_RELEASE_NOTE)
        record(connection, actor, "store_init", f"release {number}", folder=str(data_dir),
               rows={kind: len(frame) for kind, frame in changes.items()})
    return number, problems
