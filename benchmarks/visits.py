"""Page visits without a browser: Streamlit's own websocket protocol, one session per visitor.

A visit connects to `/_stcore/stream` as the browser does (`Sec-WebSocket-Protocol: streamlit,
PLACEHOLDER_AUTH_TOKEN`), asks for one script run of a page (BackMsg `rerun_script` with the page's
name and query string) and reads ForwardMsgs until `script_finished`. It is a failure when the run
ends with an error, shows an exception element, names an unknown page, or takes over 120 s.

`burst()` starts N visits `spacing` seconds apart and samples the server's CPU and memory from /proc;
`LocalServer` runs `streamlit run <script>` on a free local port. No pytest or browser needed.
"""

from __future__ import annotations

import asyncio
import math
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

ROOT = Path(__file__).resolve().parents[1]
STREAM = "/_stcore/stream"
HEALTH = "/_stcore/health"
# What the frontend offers (static/js, `getSessionTokens`): the subprotocol the server selects, then the XSRF
# token, which the server only checks when the request has an Origin header (we send none, as any
# non-browser client), so the frontend's own placeholder will do.
SUBPROTOCOLS = ("streamlit", "PLACEHOLDER_AUTH_TOKEN")
USER_AGENT = "pioc-visits (Streamlit protocol benchmark)"  # no "Mobi": the pages lay out for a desktop
VISIT_TIMEOUT_S = 120.0
SPACING_S = 0.1
SAMPLE_EVERY_S = 0.2
HEALTH_EVERY_S = 0.5
MAX_MESSAGE_BYTES = 512 * 2**20  # the client's default (1 MiB) is smaller than a 10,000-point map
RERUN_STATUSES = (ForwardMsg.FINISHED_EARLY_FOR_RERUN, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass
class Visit:
    """One script run of a page, as a visitor's session saw it."""

    page: str
    seconds: float
    ok: bool
    reason: str = ""
    bytes_received: int = 0  # websocket payloads after decompression (the protobufs)
    elements: int = 0  # new elements the last run drew (blocks such as columns not counted)
    started_s: float = 0.0  # since the start of its burst


def split_page(page: str) -> tuple[str, str]:
    """`/city?city=palmira&lang=es` -> ("city", "city=palmira&lang=es"); the main page's name is ""."""
    parts = urlsplit(page)
    return parts.path.strip("/"), parts.query


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (p95 of 10 values is the largest); nan when there are none."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def rerun_message(base_url: str, page: str) -> bytes:
    """The BackMsg the frontend sends to run a page, as a new tab opened on its URL would."""
    page_name, query = split_page(page)
    msg = BackMsg()
    state = msg.rerun_script
    state.page_name = page_name
    state.query_string = query
    state.page_script_hash = ""
    info = state.context_info
    info.timezone, info.timezone_offset, info.locale = "UTC", 0, "en-US"
    info.url = base_url.rstrip("/") + "/" + page_name + ("?" + query if query else "")
    info.color_scheme = "light"
    return msg.SerializeToString()


def stream_url(base_url: str) -> str:
    parts = urlsplit(base_url)
    scheme = "wss" if parts.scheme == "https" else "ws"
    return f"{scheme}://{parts.netloc}{parts.path.rstrip('/')}{STREAM}"


class Session:
    """One visitor's websocket session: `run(page)` as many times as it clicks."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.socket = None

    async def open(self) -> Session:
        self.socket = await connect(stream_url(self.base_url), subprotocols=list(SUBPROTOCOLS), proxy=None,
                                    max_size=MAX_MESSAGE_BYTES, user_agent_header=USER_AGENT, open_timeout=None,
                                    ping_interval=None)  # a browser sends no pings: none to time out under load
        return self

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()
            self.socket = None

    async def __aenter__(self) -> Session:
        return await self.open()

    async def __aexit__(self, *exc) -> None:
        await self.close()

    async def run(self, page: str) -> Visit:
        """Ask for one run of `page` and read until it finishes (reruns it asks for itself included)."""
        started = time.perf_counter()
        await self.socket.send(rerun_message(self.base_url, page))
        received, elements, reason = 0, 0, ""
        while True:
            payload = await self.socket.recv()
            received += len(payload)
            msg = ForwardMsg()
            msg.ParseFromString(payload)
            kind = msg.WhichOneof("type")
            if kind == "new_session":  # a run starts (again, after a rerun the page asked for): count its page
                elements = 0
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                elements += 1
                element = msg.delta.new_element
                if element.WhichOneof("type") == "exception" and not reason:
                    error = element.exception
                    what = "warning" if error.is_warning else "exception"
                    reason = f"{what} on the page: {error.type or 'redacted'}: {error.message[:200]}"
            elif kind == "page_not_found" and not reason:
                reason = f"page not found: {split_page(page)[0]!r}"
            elif kind == "session_event" and msg.session_event.HasField("script_compilation_exception"):
                reason = reason or f"script does not compile: {msg.session_event.script_compilation_exception.message}"
            elif kind == "script_finished":
                if msg.script_finished in RERUN_STATUSES:
                    continue
                if msg.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY and not reason:
                    reason = "script finished with " + ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
                break
        return Visit(page, time.perf_counter() - started, not reason, reason, received, elements)


async def first_run(session: Session, page: str, timeout: float = VISIT_TIMEOUT_S) -> Visit:
    """Open `session` and run `page` once: seconds from connecting to script_finished; any error is a failed visit."""
    started = time.perf_counter()
    try:
        async with asyncio.timeout(timeout):
            await session.open()
            result = await session.run(page)
        result.seconds = time.perf_counter() - started
        return result
    except TimeoutError:
        return Visit(page, time.perf_counter() - started, False, f"timed out after {timeout:.0f} s")
    except Exception as error:  # a refused or dropped connection is a failed visit, not a crashed benchmark
        return Visit(page, time.perf_counter() - started, False, f"{type(error).__name__}: {error}"[:300])


async def visit(base_url: str, page: str, *, timeout: float = VISIT_TIMEOUT_S) -> Visit:
    """One visit on its own: connect, run `page` once, leave."""
    session = Session(base_url)
    try:
        return await first_run(session, page, timeout)
    finally:
        await session.close()


def cpu_seconds(pids) -> float:
    """User + system CPU seconds the processes used so far (/proc/<pid>/stat; a vanished process counts 0)."""
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    return ticks / os.sysconf("SC_CLK_TCK")


def rss_mb(pids) -> float:
    """Resident memory of the processes together (VmRSS), in MB."""
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


class Sampler(threading.Thread):
    """The server processes' CPU seconds and RSS every `every` seconds, in a thread, until stop()."""

    def __init__(self, pids, every: float = SAMPLE_EVERY_S):
        super().__init__(daemon=True)
        self.pids, self.every = list(pids), every
        self.samples: list[tuple[float, float, float]] = []  # (seconds since start, CPU seconds, RSS MB)
        self._stop_event = threading.Event()
        self._t0 = time.perf_counter()
        self.take()

    def take(self) -> None:
        self.samples.append((time.perf_counter() - self._t0, cpu_seconds(self.pids), rss_mb(self.pids)))

    def run(self) -> None:
        while not self._stop_event.wait(self.every):
            self.take()

    def stop(self) -> dict:
        self._stop_event.set()
        self.join()
        self.take()
        first, last = self.samples[0], self.samples[-1]
        return {"cpu_s": last[1] - first[1], "rss_before_mb": first[2], "rss_after_mb": last[2],
                "rss_peak_mb": max(s[2] for s in self.samples)}


class HealthPoller(threading.Thread):
    """GET /_stcore/health every `every` seconds: the latency of each answer and the failures."""

    def __init__(self, base_url: str, every: float = HEALTH_EVERY_S, timeout: float = 10.0):
        super().__init__(daemon=True)
        self.url, self.every, self.timeout = base_url.rstrip("/") + HEALTH, every, timeout
        self.latencies: list[float] = []
        self.failures: list[str] = []
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            started = time.perf_counter()
            try:
                with _NO_PROXY.open(self.url, timeout=self.timeout) as response:
                    response.read()
                    if response.status != 200:
                        self.failures.append(f"HTTP {response.status}")
            except (urllib.error.URLError, OSError) as error:
                self.failures.append(f"{type(error).__name__}: {error}"[:200])
            self.latencies.append(time.perf_counter() - started)
            self._stop_event.wait(max(0.0, self.every - (time.perf_counter() - started)))

    def stop(self) -> dict:
        self._stop_event.set()
        self.join()
        return {"checks": len(self.latencies), "failures": len(self.failures),
                "max_s": max(self.latencies, default=math.nan), "p50_s": percentile(self.latencies, 50),
                "first_failures": self.failures[:3]}


def summary(visits: list[Visit]) -> dict:
    """p50/p95/max over every visit (a failed one counts with the time it took), failures and their reasons."""
    times = [v.seconds for v in visits]
    failed = [v for v in visits if not v.ok]
    return {"visits": len(visits), "p50_s": percentile(times, 50), "p95_s": percentile(times, 95),
            "max_s": max(times, default=math.nan), "failures": len(failed),
            "reasons": sorted({v.reason for v in failed})[:5],
            "bytes_median": percentile([v.bytes_received for v in visits], 50),
            "elements_median": percentile([v.elements for v in visits], 50)}


def burst(base_url: str, page: str | tuple[str, ...], visitors: int, *, spacing: float = SPACING_S, pids=(),
          timeout: float = VISIT_TIMEOUT_S, health: bool = True, hold: bool = True) -> dict:
    """`visitors` visits to `page` started `spacing` s apart, at once; their times and the server's cost.

    `page` may be a tuple of pages (visitor i opens the (i mod len)th). Sessions stay open until the last visit
    finished (`hold`); the server's CPU counts from before the first connection to after the last one closed.
    Returns the summary, the server figures and every visit.
    """
    pages = (page,) if isinstance(page, str) else tuple(page)
    sampler = Sampler(pids)
    poller = HealthPoller(base_url) if health else None
    sampler.start()
    if poller:
        poller.start()
    started = time.perf_counter()

    async def all_visits() -> list[Visit]:
        sessions = [Session(base_url) for _ in range(visitors)]

        async def one(i: int) -> Visit:
            await asyncio.sleep(i * spacing)
            result = await first_run(sessions[i], pages[i % len(pages)], timeout)
            result.started_s = i * spacing
            if not hold:
                await sessions[i].close()
            return result

        try:
            return list(await asyncio.gather(*(one(i) for i in range(visitors))))
        finally:
            await asyncio.gather(*(s.close() for s in sessions), return_exceptions=True)

    visits = asyncio.run(all_visits())
    wall = time.perf_counter() - started
    time.sleep(0.3)  # the server closing the sessions is part of their cost
    server = sampler.stop()
    result = {"page": page, "visitors": visitors, "spacing_s": spacing, "wall_s": wall, **summary(visits),
              **server, "cpu_per_visit_s": server["cpu_s"] / max(visitors, 1),
              "health": poller.stop() if poller else None, "visit_list": [asdict(v) for v in visits]}
    return result


def warm_cpu(base_url: str, page: str, *, repeat: int = 5, pids=(), settle: float = 0.2) -> dict:
    """Server CPU seconds and wall time of one visit at a time on a warm server (median of `repeat`)."""
    cpu, walls, visits = [], [], []
    for _ in range(repeat):
        before = cpu_seconds(pids)
        result = asyncio.run(visit(base_url, page))
        time.sleep(settle)
        cpu.append(cpu_seconds(pids) - before)
        walls.append(result.seconds)
        visits.append(result)
    return {"page": page, "cpu_s": percentile(cpu, 50), "wall_s": percentile(walls, 50), "cpu_all_s": cpu,
            "failures": sum(not v.ok for v in visits), "bytes": visits[-1].bytes_received,
            "elements": visits[-1].elements, "reasons": sorted({v.reason for v in visits if not v.ok})}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(base_url: str, timeout: float = 2.0) -> bool:
    try:
        with _NO_PROXY.open(base_url.rstrip("/") + HEALTH, timeout=timeout) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def venv_python() -> str:
    candidate = ROOT / ".venv" / "bin" / "python"
    return str(candidate) if candidate.exists() else sys.executable


class LocalServer:
    """`streamlit run <script>` on a free port of 127.0.0.1 (the repository's .streamlit/config.toml applies)."""

    def __init__(self, script: str = "dashboard.py", *, env: dict[str, str] | None = None, port: int | None = None):
        self.script = script
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, **(env or {})}
        self.log_path = Path(tempfile.gettempdir()) / f"pioc-visits-{Path(script).stem}-{self.port}.log"
        self.process: subprocess.Popen | None = None

    @property
    def pid(self) -> int:
        return self.process.pid

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-4000:]
        except OSError:
            return ""

    def start(self, timeout: float = 90.0) -> LocalServer:
        command = [venv_python(), "-m", "streamlit", "run", self.script, "--server.port", str(self.port),
                   "--server.address", "127.0.0.1", "--server.headless", "true",
                   "--browser.gatherUsageStats", "false"]
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.process.returncode}:\n{self.log()}")
            if healthy(self.url):
                return self
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"streamlit not healthy on {self.url} after {timeout:.0f} s:\n{self.log()}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def soak(base_url: str, pages, minutes: float, *, visitors: int = 10, spacing: float = SPACING_S,
         think: float = 1.0, pids=(), every: float = 5.0, timeout: float = VISIT_TIMEOUT_S) -> dict:
    """`visitors` sessions each clicking through `pages` in a loop (`think` s between clicks) for `minutes`.

    A click is one more run in the same session, as the page links do; a session whose run failed is replaced
    by a new one. The server's RSS is sampled every `every` s.
    """
    sampler = Sampler(pids, every=every)
    sampler.start()
    deadline = time.perf_counter() + minutes * 60

    async def visitor(i: int) -> list[Visit]:
        await asyncio.sleep(i * spacing)
        clicks, session, k = [], Session(base_url), i  # each starts on another page
        try:
            clicks.append(await first_run(session, pages[k % len(pages)], timeout))
            while time.perf_counter() < deadline:
                await asyncio.sleep(think)
                k += 1
                page = pages[k % len(pages)]
                if not clicks[-1].ok:
                    await session.close()
                    session = Session(base_url)
                    clicks.append(await first_run(session, page, timeout))
                    continue
                started = time.perf_counter()
                try:
                    async with asyncio.timeout(timeout):
                        clicks.append(await session.run(page))
                except TimeoutError:
                    clicks.append(Visit(page, time.perf_counter() - started, False, f"timed out after {timeout:.0f} s"))
                except Exception as error:
                    clicks.append(Visit(page, time.perf_counter() - started, False,
                                        f"{type(error).__name__}: {error}"[:300]))
        finally:
            await session.close()
        return clicks

    async def everyone() -> list[Visit]:
        return [v for clicks in await asyncio.gather(*(visitor(i) for i in range(visitors))) for v in clicks]

    visits = asyncio.run(everyone())
    server = sampler.stop()
    after_minute = [s for s in sampler.samples if s[0] >= 60]
    rss_minute = after_minute[0][2] if after_minute else math.nan
    return {"minutes": minutes, "visitors": visitors, "think_s": think, **summary(visits),
            "rss_start_mb": server["rss_before_mb"], "rss_1min_mb": rss_minute, "rss_end_mb": server["rss_after_mb"],
            "rss_growth_mb": server["rss_after_mb"] - rss_minute, "rss_peak_mb": server["rss_peak_mb"],
            "cpu_s": server["cpu_s"], "rss_samples": [(round(t, 1), round(r, 1)) for t, _, r in sampler.samples]}
