"""Where the store lives and how it is opened: one SQLite file by default, PostgreSQL when PIOC_DATABASE_URL says so.

Writers take the store's lock first (`writing`): on PostgreSQL a row lock on store_lock, on SQLite an immediate
transaction. So two publications never interleave: the second one sees the first one's release.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from pioc_metrics.paths import ROOT
from pioc_metrics.store.errors import StoreUnavailable
from pioc_metrics.store.schema import store_lock

DEFAULT_SQLITE = ROOT / "var" / "pioc.sqlite3"
SQLITE_BUSY_SECONDS = 30  # how long a writer waits for another writer before giving up


def database_url() -> str:
    """PIOC_DATABASE_URL, else the SQLite file var/pioc.sqlite3 in the repository."""
    return os.environ.get("PIOC_DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE}"


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for an in-memory or a server database)."""
    name = sa.engine.make_url(url).database if is_sqlite(url) else None
    return Path(name) if name and name != ":memory:" else None


def exists(url: str) -> bool:
    """True when there may be a store at `url`: a server URL, or a SQLite file that is there."""
    path = sqlite_path(url)
    return path is None or path.is_file()


@functools.cache
def engine_for(url: str) -> Engine:
    """One engine (and connection pool) per URL and process."""
    if is_sqlite(url):
        path = sqlite_path(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS})
        sa.event.listen(engine, "connect", _sqlite_connect)
        sa.event.listen(engine, "begin", _sqlite_begin)
        return engine
    return sa.create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5,
                            connect_args={"connect_timeout": 5})


def _sqlite_connect(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy's begin event below opens transactions itself
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never wait for a writer
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    immediate = connection.get_execution_options().get("pioc_writing", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextmanager
def reading(url: str) -> Iterator[Connection]:
    """A connection for reads; StoreUnavailable when the database cannot be reached."""
    _check_exists(url)
    try:
        with engine_for(url).connect() as connection, connection.begin():
            yield connection
    except (sa.exc.OperationalError, sa.exc.ProgrammingError) as error:
        raise _unavailable(error) from error


@contextmanager
def writing(url: str) -> Iterator[Connection]:
    """One transaction holding the store's write lock: everything in it is written, or nothing."""
    _check_exists(url)
    try:
        with engine_for(url).connect() as connection:
            connection = connection.execution_options(pioc_writing=True)
            with connection.begin():
                query = sa.select(store_lock.c.id).where(store_lock.c.id == 1)
                if connection.dialect.name != "sqlite":
                    query = query.with_for_update()
                if connection.execute(query).first() is None:
                    raise StoreUnavailable("store_not_initialised", detail="no store_lock row")
                yield connection
    except (sa.exc.OperationalError, sa.exc.ProgrammingError) as error:
        raise _unavailable(error) from error


def _check_exists(url: str) -> None:
    """Reading a SQLite file that is not there would create an empty one: say the store is not set up instead."""
    if not exists(url):
        raise StoreUnavailable("store_not_initialised", detail=str(sqlite_path(url)))


def _unavailable(error: BaseException) -> StoreUnavailable:
    """Tables missing (`store init` has not run) or the database out of reach."""
    text = str(getattr(error, "orig", None) or error).lower()
    missing = "no such table" in text or ("does not exist" in text and "relation" in text)
    return StoreUnavailable("store_not_initialised" if missing else "store_unreachable", detail=_short(error))


def _short(error: BaseException) -> str:
    """The first line of a database error, without the SQL statement or parameters."""
    text = str(getattr(error, "orig", None) or error)
    return text.strip().splitlines()[0][:200] if text.strip() else type(error).__name__
