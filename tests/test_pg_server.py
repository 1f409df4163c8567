"""The throwaway PostgreSQL server the store's tests run against (tests/pg_server.py)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import OperationalError

from tests import pg_server
from tests.pg_server import PostgresError, PostgresServer, postgres_problem, session_server


@pytest.fixture(scope="module")
def server():
    yield from session_server()


def query(url, sql, **params):
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            result = conn.execute(text(sql), params)
            return result.all() if result.returns_rows else None
    finally:
        engine.dispose()


def test_postgresql_is_installed():
    assert postgres_problem() is None


def test_server_listens_on_loopback_with_its_socket_in_its_own_directory(server):
    assert re.fullmatch(r"postgresql\+psycopg://postgres@127\.0\.0\.1:\d+/pioc", server.url())
    assert server.url("other") == f"postgresql+psycopg://postgres@127.0.0.1:{server.port}/other"
    assert server.startup_seconds < 30
    assert not str(server.base_dir).startswith(("/var/run", "/run"))
    assert (server.socket_dir / f".s.PGSQL.{server.port}").exists()
    assert server.socket_dir.is_relative_to(server.base_dir)
    settings = dict(query(server.url(), "SELECT name, setting FROM pg_settings WHERE name IN "
                                        "('fsync', 'listen_addresses', 'server_encoding', 'port')"))
    assert settings == {"fsync": "off", "listen_addresses": "127.0.0.1", "server_encoding": "UTF8",
                        "port": str(server.port)}
    if os.geteuid() == 0:
        import pwd

        assert server.base_dir.stat().st_uid == pwd.getpwnam("postgres").pw_uid
        assert query(server.url(), "SELECT current_user") == [("postgres",)]


def test_databases_are_fresh_and_isolated(server):
    url_a = server.create_database("iso_a")
    url_b = server.create_database("iso_b")
    assert url_a.endswith("/iso_a") and url_b.endswith("/iso_b")

    engine = create_engine(url_a)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE cities (name text PRIMARY KEY, homicides int)"))
        conn.execute(text("INSERT INTO cities VALUES (:name, :n)"), [{"name": "Medellín", "n": 12},
                                                                    {"name": "Cali", "n": 30}])
    engine.dispose()
    assert query(url_a, "SELECT name, homicides FROM cities ORDER BY name") == [("Cali", 30), ("Medellín", 12)]

    engine_b = create_engine(url_b)
    try:
        assert inspect(engine_b).get_table_names() == []
    finally:
        engine_b.dispose()

    # Creating it again gives an empty database, even with a connection still open to the old one (cut off).
    engine_a = create_engine(url_a)
    try:
        lingering = engine_a.connect()
        assert lingering.execute(text("SELECT count(*) FROM cities")).scalar() == 2
        assert server.create_database("iso_a") == url_a
        with pytest.raises(OperationalError):
            lingering.execute(text("SELECT 1"))
        lingering.close()
        assert inspect(engine_a).get_table_names() == []
    finally:
        engine_a.dispose()

    unnamed = server.create_database()
    assert unnamed != server.create_database()
    server.drop_database("iso_b")
    with pytest.raises(OperationalError):
        query(url_b, "SELECT 1")
    with pytest.raises(ValueError):
        server.create_database('x"; DROP DATABASE pioc; --')


def test_stopped_server_is_unreachable_until_restarted_with_its_data(server):
    url = server.create_database("outage")
    query(url, "CREATE TABLE kept AS SELECT 42 AS answer")
    pid = server.pid
    assert server.is_running

    server.stop_server_only()
    assert not server.is_running and server.pid is None
    assert not pg_server._alive(pid)
    engine = create_engine(url, connect_args={"connect_timeout": 2})
    try:
        with pytest.raises(OperationalError):
            engine.connect()
    finally:
        engine.dispose()

    server.restart()
    assert server.is_running and server.pid != pid
    assert query(url, "SELECT answer FROM kept") == [(42,)]
    server.restart()  # a running server restarts too
    assert query(url, "SELECT 1") == [(1,)]


def test_stop_leaves_no_process_and_no_directory():
    with PostgresServer(database=None) as server:
        base, pid = server.base_dir, server.pid
        assert base.is_dir() and pg_server._alive(pid)
        assert query(server.url("postgres"), "SELECT 1") == [(1,)]
    assert not base.exists()
    assert not pg_server._alive(pid)
    assert server.pid is None and not server.is_running
    server.stop()  # twice is harmless


def test_a_server_that_cannot_start_says_why_and_leaves_nothing(monkeypatch):
    monkeypatch.setitem(pg_server.SETTINGS, "shared_buffers", "'lots'")
    server = PostgresServer()
    created = []
    real_mkdtemp = pg_server.tempfile.mkdtemp
    monkeypatch.setattr(pg_server.tempfile, "mkdtemp", lambda **kw: created.append(real_mkdtemp(**kw)) or created[-1])
    with pytest.raises(PostgresError, match=r"(?s)did not start.*server log.*shared_buffers"):
        server.start()
    assert created and not Path(created[0]).exists()
    assert server.base_dir is None


def test_missing_binaries_fail_with_the_install_hint(monkeypatch, tmp_path):
    monkeypatch.setattr(pg_server, "PG_ROOT", tmp_path)
    problem = postgres_problem()
    assert problem and "make system-deps" in problem and "postgresql" in problem
    with pytest.raises(PostgresError, match="make system-deps"):
        PostgresServer().start()
    with pytest.raises(pytest.fail.Exception, match="make system-deps"):
        next(session_server())


def test_the_highest_installed_version_is_chosen(monkeypatch, tmp_path):
    for version in ("9.6", "15", "13"):
        initdb = tmp_path / version / "bin" / "initdb"
        initdb.parent.mkdir(parents=True)
        initdb.write_text("")
        initdb.chmod(0o755)
    monkeypatch.setattr(pg_server, "PG_ROOT", tmp_path)
    assert pg_server.find_bin_dir() == tmp_path / "15" / "bin"


def test_initdb_output_is_cached_privately(server, monkeypatch, tmp_path):
    cache = pg_server.CACHE_ROOT
    template = cache / pg_server._template_key(server.bin_dir)
    assert pg_server._is_cluster(template)
    info = cache.lstat()
    assert info.st_uid == pg_server._owner_uid() and info.st_mode & 0o777 == 0o700

    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    monkeypatch.setattr(pg_server, "CACHE_ROOT", shared)
    assert pg_server._usable_cache_root() is None  # reachable by others: not trusted, initdb runs per process
    monkeypatch.setattr(pg_server, "CACHE_ROOT", None)
    assert pg_server._usable_cache_root() is None
