"""A throwaway PostgreSQL server for the tests, run from the Debian `postgresql` package's binaries.

    with PostgresServer() as server:             # a server on a free port of 127.0.0.1, database "pioc"
        url = server.create_database("store_a")  # a fresh, empty database; its SQLAlchemy URL
        server.stop_server_only()                # the store is now unreachable ...
        server.restart()                         # ... and back, on the same port, with the same data

Everything a server has lives in one temporary directory (data, unix socket, log) that `stop()` removes,
in /dev/shm when there is one (a RAM disk: disk writes are what makes a server slow on a busy machine).
Its cluster is a copy of one pristine initdb output, made once (2 to 9 s of CPU) and kept for later runs
in CACHE_ROOT under the system temp directory (a new PostgreSQL package gets a new one; None disables it).
The server runs with fsync off and small settings: fast and disposable, never holding anything of value.
initdb refuses to run as root, so under root the binaries run as the `postgres` system user (created by
the Debian package) through `runuser`, in a temporary directory that user owns.

A missing PostgreSQL is a failure, not a skip: `postgres_problem()` says what to install, and
`session_server()` (the body of a session fixture) fails the tests with that message.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import os
import re
import shutil
import signal
import socket
import stat
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

PG_ROOT = Path("/usr/lib/postgresql")
SYSTEM_USER = "postgres"  # the Debian package's system user; the binaries run as it when we are root
SUPERUSER = "postgres"  # the database superuser initdb creates; trust authentication, no password
DEFAULT_DATABASE = "pioc"
STARTUP_TIMEOUT = 30.0
INSTALL_HINT = "run `make system-deps` (it installs the Debian `postgresql` package)"

# Speed over durability, and little memory: the server is thrown away after the run.
SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "wal_level": "minimal",
    "max_wal_senders": "0",
    "max_connections": "40",
    "shared_buffers": "16MB",
    "work_mem": "4MB",
    "autovacuum": "off",
    "jit": "off",
    "logging_collector": "off",
    "log_min_messages": "warning",
    "max_worker_processes": "4",
    "max_parallel_workers": "0",
    "max_parallel_workers_per_gather": "0",
}


def _version_key(path: Path) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", path.parent.parent.name)) or (0,)


def find_bin_dir() -> Path | None:
    """The `bin` directory of the highest PostgreSQL version installed, or None."""
    found = [p for p in PG_ROOT.glob("*/bin/initdb") if os.access(p, os.X_OK)]
    if not found:
        return None
    return max(found, key=_version_key).parent


def _running_as_root() -> bool:
    return os.geteuid() == 0


def postgres_problem() -> str | None:
    """Why a throwaway server cannot be started here, as a message for a human; None when it can."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        return f"PostgreSQL server binaries not found (no {PG_ROOT}/<version>/bin/initdb): {INSTALL_HINT}."
    missing = [name for name in ("initdb", "pg_ctl", "postgres") if not (bin_dir / name).exists()]
    if missing:
        return f"PostgreSQL in {bin_dir} lacks {', '.join(missing)}: {INSTALL_HINT}."
    if _running_as_root():
        import pwd

        try:
            pwd.getpwnam(SYSTEM_USER)
        except KeyError:
            return (f"running as root, PostgreSQL must run as the `{SYSTEM_USER}` system user, which does not "
                    f"exist: {INSTALL_HINT}, or run the tests as an ordinary user.")
        if shutil.which("runuser") is None:
            return "running as root, PostgreSQL must run through `runuser` (util-linux), which is missing."
    return None


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresError(RuntimeError):
    """The throwaway server could not be set up, started or stopped; the message carries its log."""


class PostgresServer:
    """One throwaway PostgreSQL server: a context manager, or `start()` ... `stop()`."""

    def __init__(self, database: str | None = DEFAULT_DATABASE, *, startup_timeout: float = STARTUP_TIMEOUT):
        self.database = database  # created by start(); None creates none
        self.startup_timeout = startup_timeout
        self.bin_dir: Path | None = None
        self.base_dir: Path | None = None  # the temporary directory: data/, the socket, server.log
        self.port: int | None = None
        self.startup_seconds: float | None = None  # start(): initdb (or its copy) + start + database

    # -- paths -----------------------------------------------------------------------------------------
    @property
    def data_dir(self) -> Path:
        return self._base() / "data"

    @property
    def socket_dir(self) -> Path:
        return self._base()

    @property
    def log_path(self) -> Path:
        return self._base() / "server.log"

    def _base(self) -> Path:
        if self.base_dir is None:
            raise PostgresError("the PostgreSQL server has not been started")
        return self.base_dir

    # -- life cycle --------------------------------------------------------------------------------------
    def __enter__(self) -> PostgresServer:
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def start(self) -> PostgresServer:
        """Create the temporary directory, initdb, start the server on a free port and create `database`."""
        if self.base_dir is not None:
            raise PostgresError("this PostgreSQL server is already started")
        problem = postgres_problem()
        if problem:
            raise PostgresError(problem)
        began = time.perf_counter()
        self.bin_dir = find_bin_dir()
        self.base_dir = _private_dir("pioc-pg-", _server_parent())
        atexit.register(self.stop)
        try:
            self._initdb()
            self._start_on_a_free_port()
            if self.database:
                self.create_database(self.database)
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = time.perf_counter() - began
        return self

    def stop(self) -> None:
        """Fast shutdown of the server and removal of the temporary directory; safe to call twice."""
        if self.base_dir is None:
            return
        atexit.unregister(self.stop)
        try:
            self.stop_server_only()
        finally:
            shutil.rmtree(self.base_dir, ignore_errors=True)
            self.base_dir = None

    def stop_server_only(self) -> None:
        """Shut the server down (fast mode) but keep its data: the store is unreachable until `restart()`."""
        pid = self.pid
        if pid is None:
            return
        result = self._run("pg_ctl", "stop", "-D", str(self.data_dir), "-m", "fast", "-w", "-t", "30", check=False)
        if result.returncode != 0 and self.pid is not None:
            self._run("pg_ctl", "stop", "-D", str(self.data_dir), "-m", "immediate", "-w", "-t", "10", check=False)
        if _alive(pid):  # the last resort: our own postmaster, by its id
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            _wait_gone(pid, 10)
        (self.data_dir / "postmaster.pid").unlink(missing_ok=True)

    def restart(self) -> None:
        """Start the server again on the same port with the same data (stopping it first if it runs)."""
        self._base()
        if self.is_running:
            self.stop_server_only()
        self._start_server()

    @property
    def is_running(self) -> bool:
        return self.pid is not None

    @property
    def pid(self) -> int | None:
        """The postmaster's process id while the server runs, else None."""
        if self.base_dir is None:
            return None
        try:
            first_line = (self.data_dir / "postmaster.pid").read_text().split("\n", 1)[0]
            pid = int(first_line)
        except (OSError, ValueError):
            return None
        return pid if _alive(pid) else None

    # -- databases -----------------------------------------------------------------------------------------
    def url(self, database: str | None = None) -> str:
        """The SQLAlchemy URL (psycopg 3 driver) of `database`, by default the one `start()` created."""
        database = database or self.database or "postgres"
        if self.port is None:
            raise PostgresError("the PostgreSQL server has not been started")
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def dsn(self, database: str | None = None) -> str:
        """The same address as `url`, for psycopg itself (`psycopg.connect(dsn)`)."""
        return self.url(database).replace("postgresql+psycopg://", "postgresql://", 1)

    def create_database(self, name: str | None = None) -> str:
        """A fresh, empty database (dropped first if it exists); its URL. No name makes a unique one."""
        name = name or f"test_{uuid.uuid4().hex[:12]}"
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,62}", name):
            raise ValueError(f"not a plain database name: {name!r}")
        with self._admin_connection() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            # FILE_COPY (PostgreSQL 15+) copies the template's files: faster than WAL_LOG with fsync off.
            strategy = " STRATEGY = FILE_COPY" if conn.info.server_version >= 150000 else ""
            conn.execute(f'CREATE DATABASE "{name}"{strategy}')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop `name` if it exists, closing any connection to it."""
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,62}", name):
            raise ValueError(f"not a plain database name: {name!r}")
        with self._admin_connection() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _admin_connection(self):
        import psycopg

        return psycopg.connect(self.dsn("postgres"), autocommit=True, connect_timeout=10)

    # -- internals -----------------------------------------------------------------------------------------
    def _command(self, program: str, *args: str) -> list[str]:
        assert self.bin_dir is not None
        command = [str(self.bin_dir / program), *args]
        if _running_as_root():
            return ["runuser", "-u", SYSTEM_USER, "--", *command]
        return command

    def _run(self, program: str, *args: str, check: bool = True, timeout: float = 60) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env.setdefault("LC_ALL", "C.UTF-8")
        result = subprocess.run(self._command(program, *args), cwd=self._base(), env=env, stdin=subprocess.DEVNULL,
                                capture_output=True, text=True, timeout=timeout)
        if check and result.returncode != 0:
            raise PostgresError(f"{program} {' '.join(args)} failed ({result.returncode}):\n"
                                f"{result.stdout}{result.stderr}{self._log_tail()}")
        return result

    def _initdb(self) -> None:
        """A new cluster in data/: a copy (owner and modes kept) of the pristine initdb output."""
        template = _cluster_template(self)
        copied = subprocess.run(["cp", "-a", "--reflink=auto", str(template), str(self.data_dir)],
                                capture_output=True, text=True)
        if copied.returncode != 0:
            raise PostgresError(f"could not copy the initdb template {template}: {copied.stderr}")
        lines = [f"{key} = {value}" for key, value in SETTINGS.items()]
        lines.append(f"unix_socket_directories = '{self.socket_dir}'")
        with open(self.data_dir / "postgresql.conf", "a") as conf:  # appended: the last setting wins
            conf.write("\n# tests/pg_server.py\n" + "\n".join(lines) + "\n")

    def _start_on_a_free_port(self, attempts: int = 3) -> None:
        for attempt in range(attempts):
            self.port = free_port()
            try:
                self._start_server()
                return
            except PostgresError:
                # Another process may have taken the port between free_port() and the bind: try another.
                if attempt == attempts - 1 or "in use" not in self._log_tail():
                    raise

    def _start_server(self) -> None:
        assert self.port is not None
        result = self._run("pg_ctl", "start", "-D", str(self.data_dir), "-l", str(self.log_path), "-w",
                           "-t", str(int(self.startup_timeout)), "-o", f"-p {self.port}",
                           check=False, timeout=self.startup_timeout + 15)
        if result.returncode != 0:
            self.stop_server_only()
            raise PostgresError(f"PostgreSQL did not start on 127.0.0.1:{self.port} (pg_ctl waits up to "
                                f"{self.startup_timeout:.0f} s):\n{result.stdout}{result.stderr}{self._log_tail()}")
        self._wait_accepting()

    def _wait_accepting(self) -> None:
        """Poll until a TCP connection succeeds (pg_ctl -w already waited; this proves the port)."""
        import psycopg

        deadline = time.monotonic() + self.startup_timeout
        while True:
            try:
                psycopg.connect(self.dsn("postgres"), connect_timeout=5).close()
                return
            except psycopg.OperationalError as error:
                if time.monotonic() > deadline:
                    self.stop_server_only()
                    raise PostgresError(f"PostgreSQL on 127.0.0.1:{self.port} accepts no connection after "
                                        f"{self.startup_timeout:.0f} s: {error}{self._log_tail()}") from error
                time.sleep(0.05)

    def _log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except (OSError, PostgresError):
            return ""
        return "\n--- server log (last lines) ---\n" + "\n".join(text.splitlines()[-lines:])


INITDB_ARGS = ("-U", SUPERUSER, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync",
               "--no-instructions", "--wal-segsize=1")  # 1 MB WAL segments: less to write and copy
# initdb's pristine output, kept between runs (it costs 2-9 s of CPU, a copy a tenth of that); keyed by the
# binaries and the arguments, so a new PostgreSQL package makes a new one. None keeps it within the process.
CACHE_ROOT: Path | None = Path(tempfile.gettempdir()) / f"pioc-pg-initdb-cache-{os.geteuid()}"
_templates: dict[Path, Path] = {}  # bin dir -> template data directory, for this process


def _server_parent() -> str | None:
    """Where servers' temporary directories go: the RAM disk /dev/shm when usable (disk writes are the
    slow part under load), else the system temp directory."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK | os.X_OK) and shm.stat().st_mode & stat.S_ISVTX:
        return str(shm)
    return None


def _owner_uid() -> int:
    """The user the PostgreSQL binaries run as: `postgres` when we are root, else ourselves."""
    if _running_as_root():
        import pwd

        return pwd.getpwnam(SYSTEM_USER).pw_uid
    return os.geteuid()


def _private_dir(prefix: str, parent: str | Path | None = None) -> Path:
    """A new directory (mode 0700) that the user running the PostgreSQL binaries owns."""
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    os.chmod(path, 0o700)
    if _running_as_root():
        shutil.chown(path, user=SYSTEM_USER, group=None)
    return path


def _template_key(bin_dir: Path) -> str:
    binary = (bin_dir / "postgres").stat()
    fingerprint = f"{bin_dir}|{binary.st_size}|{binary.st_mtime_ns}|{' '.join(INITDB_ARGS)}"
    return f"{bin_dir.parent.name}-{hashlib.sha256(fingerprint.encode()).hexdigest()[:16]}"


def _usable_cache_root() -> Path | None:
    """CACHE_ROOT, created if needed, when it is a real directory only its owner can reach; else None."""
    if CACHE_ROOT is None:
        return None
    try:
        CACHE_ROOT.mkdir(mode=0o700)
        if _running_as_root():
            shutil.chown(CACHE_ROOT, user=SYSTEM_USER, group=None)
    except FileExistsError:
        pass
    except OSError:
        return None
    info = CACHE_ROOT.lstat()
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != _owner_uid() or info.st_mode & 0o077:
        return None
    return CACHE_ROOT


def _is_cluster(data: Path) -> bool:
    return (data / "PG_VERSION").is_file() and (data / "global" / "pg_control").is_file()


def _cluster_template(server: PostgresServer) -> Path:
    """A pristine data directory from initdb to copy: from the cache when there, else made (and cached)."""
    assert server.bin_dir is not None
    known = _templates.get(server.bin_dir)
    if known is not None and _is_cluster(known):
        return known
    cache = _usable_cache_root()
    cached = cache / _template_key(server.bin_dir) if cache else None
    if cached is not None and _is_cluster(cached):
        _templates[server.bin_dir] = cached
        return cached
    # Built beside its final place (one file system, so the rename is atomic), or kept for this process only.
    holder = _private_dir(".building-" if cache else "pioc-pg-initdb-", cache)
    atexit.register(shutil.rmtree, holder, ignore_errors=True)
    data = holder / "data"
    server._run("initdb", "-D", str(data), *INITDB_ARGS, timeout=180)
    if cached is not None:
        try:
            os.rename(data, cached)  # a concurrent run that got there first keeps its own
            data = cached
        except OSError:
            if _is_cluster(cached):
                data = cached
        if data == cached:
            shutil.rmtree(holder, ignore_errors=True)
    _templates[server.bin_dir] = data
    return data


def _alive(pid: int) -> bool:
    """True while `pid` runs (a zombie left for an absent reaper counts as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _wait_gone(pid: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)


def session_server(database: str | None = DEFAULT_DATABASE) -> Iterator[PostgresServer]:
    """The body of a session fixture: one server for the run, failing (never skipping) without PostgreSQL.

        @pytest.fixture(scope="session")
        def postgres():
            yield from session_server()
    """
    import pytest

    problem = postgres_problem()
    if problem:
        pytest.fail(problem, pytrace=False)
    with PostgresServer(database) as server:
        yield server
