"""`make serve`: scripts/serve.py runs two dashboard processes behind HAProxy, as a visitor's browser meets them.

The proxy answers health checks, sends the security headers on every response, keeps a browser's page, websocket
and uploads on one worker (the sticky cookie; uploads pass Streamlit's XSRF check), and the pages render in
headless Chromium with no CSP violation and no request off the machine. The workers listen on 127.0.0.1 only;
SIGTERM to the process group leaves no process behind, and a worker that dies takes the rest down with it.
"""

from __future__ import annotations

import ipaddress
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the browser tests' harness and steps
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # `scripts` importable under plain `pytest` too
from app_steps import open_upload_tab, upload
from e2e_harness import ARTIFACTS, ROOT, AppPage, free_port, venv_python

from scripts import serve

SERVE = ROOT / "scripts" / "serve.py"
# Every CSP violation the page reports, whether or not the browser also logs it to the console.
RECORD_CSP_VIOLATIONS = """window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
    `${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));"""
UPLOAD = ("city,country,year,indicator,value,source\n"
          + "".join(f"Campinas,Brasil,{year},homicide_rate,{value},SSP-SP test figures\n"
                    for year, value in ((2019, 14.0), (2021, 12.0), (2023, 10.4)))).encode()
SCRIPT_HASH = re.compile(r"^'sha256-[A-Za-z0-9+/]{43}='$")
# The sources the policy may name: the app's own origin, inline data its frontend makes, and nothing off the machine.
OWN_SOURCES = {"'self'", "'none'", "data:", "blob:", "'unsafe-inline'", "'wasm-unsafe-eval'"}


def haproxy_problem() -> str | None:
    if serve.find_haproxy():
        return None
    return ("haproxy not found: `make test` installs Debian's haproxy (the Makefile's system-deps), "
            "or: apt-get install haproxy")


def directives(policy: str) -> dict[str, list[str]]:
    return {name: sources for name, *sources in (part.split() for part in policy.split(";"))}


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


class Served:
    """scripts/serve.py in its own process group, its output in a log; the pids and ports it reports."""

    def __init__(self, workers: int, name: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.log_path = ARTIFACTS / f"{name}-{self.port}.log"
        self._log = open(self.log_path, "wb")
        command = [venv_python(), str(SERVE), "--workers", str(workers), "--port", str(self.port)]
        self.process = subprocess.Popen(command, cwd=ROOT, stdout=self._log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        self.pgid = self.process.pid

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_ready(self, timeout: float = 90) -> None:
        """Until serve.py has started the proxy and its health check answers through it."""
        deadline = time.monotonic() + timeout
        while "behind haproxy" not in self.log() or not answers(f"{self.url}/_stcore/health"):
            assert self.process.poll() is None, f"serve.py ended with {self.process.returncode}:\n{self.log()}"
            assert time.monotonic() < deadline, f"serve.py not ready after {timeout:.0f} s:\n{self.log()}"
            time.sleep(0.25)

    def workers(self) -> dict[int, int]:
        """pid -> port of each worker, as serve.py reports them."""
        found = re.findall(r"healthy on 127\.0\.0\.1:(\d+) \(pid (\d+)\)", self.log())
        return {int(pid): int(port) for port, pid in found}

    def haproxy_pid(self) -> int:
        return int(re.search(r"behind haproxy \(pid (\d+)\)", self.log()).group(1))

    def stop(self) -> int:
        if self.process.poll() is None:
            os.killpg(self.pgid, signal.SIGTERM)
        try:
            return self.process.wait(timeout=30)
        finally:
            self._log.close()


def group_members(pgid: int) -> list[int]:
    """The live processes of a process group (zombies left for their parent to reap do not count)."""
    members = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                members.append(int(entry.name))
    return members


def listening(port: int) -> set[str]:
    """The local addresses with a socket listening on `port` (from /proc/net/tcp and tcp6)."""
    addresses = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, _remote, state = line.split()[1:4]
            hex_address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                raw = bytes.fromhex(hex_address)  # 32-bit words, each in the machine's (little-endian) order
                packed = b"".join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4))
                address = ipaddress.ip_address(packed)
                addresses.add(str(getattr(address, "ipv4_mapped", None) or address))
    return addresses


@pytest.fixture(scope="module")
def served():
    problem = haproxy_problem()
    if problem:
        pytest.fail(problem, pytrace=False)  # a missing proxy is a failure, never a skip
    running = Served(workers=2, name="serve")
    try:
        running.wait_ready()
        yield running
    finally:
        running.stop()


def open_page(browser, served) -> AppPage:
    app = AppPage.open(browser, served.url)
    app.context.add_init_script(RECORD_CSP_VIOLATIONS)
    return app


def assert_clean(app: AppPage) -> None:
    app.assert_clean()
    assert app.page.evaluate("window.__cspViolations") == [], app.page.url
    assert any(url.startswith("ws://127.0.0.1") and "/_stcore/stream" in url for url in app.requests), \
        "the page's websocket did not go through the proxy"


def test_the_policy_names_only_the_apps_own_origin_and_inline_data():
    policy = directives(serve.content_security_policy(serve.inline_script_hashes(serve.streamlit_index_html())))
    for name, sources in policy.items():
        foreign = [s for s in sources if s not in OWN_SOURCES and not SCRIPT_HASH.match(s)]
        assert not foreign, f"{name} allows {foreign}"
    assert policy["default-src"] == ["'self'"] and policy["connect-src"] == ["'self'"]
    assert policy["worker-src"] == ["'self'"] and "blob:" not in policy["img-src"]
    assert policy["frame-ancestors"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert [s for s in policy["script-src"] if SCRIPT_HASH.match(s)], "the inline script of index.html is not hashed"


def test_map_tiles_let_only_the_carto_basemap_and_its_blob_worker_through():
    policy = directives(serve.content_security_policy([], map_tiles=True))
    assert set(policy["connect-src"]) - {"'self'"} == set(serve.MAP_TILE_ORIGINS)
    assert set(policy["img-src"]) - {"'self'", "data:", "blob:"} == set(serve.MAP_TILE_ORIGINS)
    assert policy["worker-src"] == ["'self'", "blob:"]


def test_haproxy_accepts_the_config_with_a_sticky_cookie_and_a_health_check_per_worker(tmp_path):
    problem = haproxy_problem()
    if problem:
        pytest.fail(problem, pytrace=False)
    text = serve.haproxy_config([40001, 40002, 40003], bind="0.0.0.0", port=free_port(), csp="default-src 'self'",
                                frame_ancestors="'self'")
    assert re.search(r"^\s+cookie PIOC_WORKER insert indirect nocache httponly", text, re.M)
    assert "option httpchk GET /_stcore/health" in text
    servers = re.findall(r"server \S+ \S+ cookie \S+", text)
    assert servers == [f"server w{i} 127.0.0.1:4000{i} cookie w{i}" for i in (1, 2, 3)]
    assert 'X-Frame-Options "SAMEORIGIN"' in text
    config = tmp_path / "haproxy.cfg"
    config.write_text(text)
    checked = subprocess.run([serve.find_haproxy(), "-c", "-f", str(config)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_embedding_by_another_origin_drops_x_frame_options_and_makes_the_cookies_cross_site():
    elsewhere = "'self' https://intranet.example.org"
    text = serve.haproxy_config([40001], bind="0.0.0.0", port=8501, csp="frame-ancestors " + elsewhere,
                                frame_ancestors=elsewhere)
    assert "X-Frame-Options" not in text.replace("no X-Frame-Options", "")
    assert 'secure attr "SameSite=None"' in text
    assert serve.worker_command(40001, elsewhere)[-2:] == ["--server.xsrfCookieSameSite", "none"]
    assert 'X-Frame-Options "DENY"' in serve.haproxy_config([40001], bind="0.0.0.0", port=8501, csp="",
                                                           frame_ancestors="'none'")


def test_without_haproxy_serve_says_how_to_get_it():
    finished = subprocess.run([venv_python(), str(SERVE), "--port", str(free_port())], cwd=ROOT, capture_output=True,
                              text=True, timeout=60, env={**os.environ, "HAPROXY": "/nonexistent/haproxy"})
    assert finished.returncode == 2
    assert "haproxy not found" in finished.stderr and "make serve" in finished.stderr


def test_health_answers_through_the_proxy(served):
    with urllib.request.urlopen(f"{served.url}/_stcore/health", timeout=10) as response:
        assert response.status == 200 and response.read() == b"ok"


def test_every_response_carries_the_security_headers(served):
    for path in ("/", "/_stcore/health", "/no-such-file.js"):
        request = urllib.request.Request(served.url + path)
        try:
            response = urllib.request.urlopen(request, timeout=10)
        except urllib.error.HTTPError as error:
            response = error
        headers = response.headers
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin", path
        assert headers["X-Frame-Options"] == "SAMEORIGIN", path
        policy = directives(headers["Content-Security-Policy"])
        assert policy["default-src"] == ["'self'"] and policy["frame-ancestors"] == ["'self'"], path
        response.close()
    # The frontend's first request: the worker's XSRF cookie and the proxy's sticky cookie reach the browser.
    with urllib.request.urlopen(served.url + "/_stcore/health", timeout=10) as response:
        cookies = response.headers.get_all("Set-Cookie")
    assert any(re.match(r"PIOC_WORKER=w[12]; path=/; HttpOnly; SameSite=Lax", c) for c in cookies), cookies
    assert any(c.startswith("_streamlit_xsrf=") for c in cookies), cookies


@pytest.mark.e2e
def test_pages_render_through_the_proxy_with_no_csp_violation_and_nothing_off_the_machine(served, browser):
    app = open_page(browser, served)
    app.goto("/")  # plotly charts and a pydeck (deck.gl) map
    assert app.page.locator(".js-plotly-plot .main-svg").count() and app.page.locator("canvas").count()
    assert_clean(app)
    app.close()


@pytest.mark.e2e
def test_each_browser_keeps_its_worker_and_its_uploads_pass_the_xsrf_check(served, browser):
    first, second = open_page(browser, served), open_page(browser, served)
    try:
        for app in (first, second):  # the second browser arrives while the first is connected: the other worker
            open_upload_tab(app)
            upload(app, "campinas.csv", UPLOAD, apply=False)  # its PUT must reach the session's own worker
            assert "campinas.csv" in app.main_text()
            assert_clean(app)
        workers = [{c["name"]: c["value"] for c in app.context.cookies()}["PIOC_WORKER"] for app in (first, second)]
        assert sorted(workers) == ["w1", "w2"]
    finally:
        first.close()
        second.close()


def test_the_workers_listen_on_loopback_only_and_the_proxy_on_every_address(served):
    workers = served.workers()
    assert len(workers) == 2
    for port in workers.values():
        assert listening(port) == {"127.0.0.1"}, port
    assert listening(served.port) == {"0.0.0.0"}


def test_sigterm_to_the_process_group_stops_every_process(served):
    children = [*served.workers(), served.haproxy_pid()]
    assert set(children) <= set(group_members(served.pgid))
    assert served.stop() == 0, served.log()
    deadline = time.monotonic() + 10
    while group_members(served.pgid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert group_members(served.pgid) == [], served.log()
    assert not [pid for pid in children if Path(f"/proc/{pid}").exists()]


def test_a_worker_that_dies_stops_the_rest_with_a_non_zero_exit():
    problem = haproxy_problem()
    if problem:
        pytest.fail(problem, pytrace=False)
    running = Served(workers=1, name="serve-dies")
    try:
        running.wait_ready()
        (worker,) = running.workers()
        os.kill(worker, signal.SIGKILL)
        assert running.process.wait(timeout=30) == 1
        assert "worker 1 ended" in running.log()
        assert group_members(running.pgid) == []
    finally:
        running.stop()
