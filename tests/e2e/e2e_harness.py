"""A real `streamlit run` server and a watched headless Chromium page, shared by the e2e tests and benchmarks.

No pytest import here: benchmarks/bench_pages.py drives the same server and page.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "tests" / "screenshots"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-dev-shm-usage",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
LOCAL_SCHEMES = {"data", "blob", "about", "chrome", "chrome-extension", "devtools"}
APP_IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
# Streamlit's frontend, opened directly on a page's URL, first probes /<page>/_stcore/health and
# /<page>/_stcore/host-config (404) before the root ones (streamlit/streamlit#7074): the only console
# errors forgiven, and only for the local server.
BASE_PATH_PROBE = re.compile(r"^/[^/]+/_stcore/(health|host-config|allowed-message-origins)$")
# What a Python traceback looks like if one ever reaches the page as text.
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|File \"[^\"]+\.py\", line \d+")


def venv_python() -> str:
    """The project's venv interpreter when it exists, else the one running now."""
    candidate = ROOT / ".venv" / "bin" / "python"
    return str(candidate) if candidate.exists() else sys.executable


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def chromium_problem() -> str | None:
    """None when Chromium is usable, else a message saying how to get it."""
    if not Path(CHROMIUM).exists():
        return (f"Chromium not found at {CHROMIUM}: run `make test` (it installs Debian's chromium) "
                "or set CHROMIUM=/path/to/chromium")
    return None


class StreamlitServer:
    """`streamlit run dashboard.py` on a free local port, in its own process group."""

    def __init__(self, data_dir: Path | str | None = None, port: int | None = None, log_name: str = "server",
                 env: dict[str, str] | None = None):
        self.port = port or free_port()
        self.extra_env = dict(env or {})
        self.url = f"http://127.0.0.1:{self.port}"
        self.data_dir = data_dir
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.log_path = ARTIFACTS / f"{log_name}-{self.port}.log"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 60.0) -> StreamlitServer:
        env = {**os.environ, **self.extra_env}
        if self.data_dir is not None:
            env["PIOC_DATA_DIR"] = str(self.data_dir)
        command = [
            venv_python(), "-m", "streamlit", "run", "dashboard.py",
            "--server.port", str(self.port), "--server.address", "127.0.0.1",
            "--server.headless", "true", "--browser.gatherUsageStats", "false",
        ]
        self._log = open(self.log_path, "wb")
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.process.returncode}:\n{self.log()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"streamlit not healthy on {self.url} after {timeout:.0f} s:\n{self.log()}")

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-4000:]
        except OSError:
            return ""

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(self.process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.process.wait(timeout=10)
        self._log.close()
        self.process = None

    def __enter__(self) -> StreamlitServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return (parts.hostname or "") in LOCAL_HOSTS


@dataclass
class AppPage:
    """One browser context on the local server, recording errors and every request's host."""

    base_url: str
    context: object
    page: object
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, browser, base_url: str, *, width: int = 1366, height: int = 768, locale: str = "en-US",
             **context_options) -> AppPage:
        """`context_options` go to Playwright's new_context (e.g. a phone's user_agent, is_mobile, has_touch)."""
        context = browser.new_context(viewport={"width": width, "height": height}, locale=locale, **context_options)
        page = context.new_page()
        app = cls(base_url=base_url, context=context, page=page)
        page.on("console", app._on_console)
        page.on("pageerror", lambda error: app.page_errors.append(str(error)))
        context.on("request", app._on_request)
        page.on("websocket", lambda ws: app._on_url(ws.url))
        return app

    def _on_console(self, message) -> None:
        if message.type == "error":
            location = message.location or {}
            url = location.get("url", "")
            if ("404" in message.text and is_local(url) and BASE_PATH_PROBE.match(urlsplit(url).path)):
                return
            self.console_errors.append(f"{message.text} ({location.get('url', '')})")

    def _on_request(self, request) -> None:
        self._on_url(request.url)

    def _on_url(self, url: str) -> None:
        self.requests.append(url)
        if not is_local(url):
            self.foreign_requests.append(url)

    def url_for(self, path: str) -> str:
        return self.base_url + (path if path.startswith("/") else "/" + path)

    def goto(self, path: str, *, timeout: float = 45_000, settle_ms: int = 400) -> AppPage:
        """Open `path` and wait until the app's script has finished running (and stays finished)."""
        self.page.goto(self.url_for(path), wait_until="domcontentloaded", timeout=timeout)
        self.wait_idle(timeout=timeout, settle_ms=settle_ms)
        return self

    def wait_idle(self, *, timeout: float = 45_000, settle_ms: int = 400) -> None:
        """The script has run and nothing is rerunning: idle state seen twice, `settle_ms` apart."""
        deadline = time.monotonic() + timeout / 1000
        # Something the script drew, so the idle state below is not the one before the first run.
        self.page.wait_for_selector("[data-testid='stMain'] [data-testid='stElementContainer']",
                                    state="attached", timeout=timeout)
        while True:
            remaining = max(1.0, (deadline - time.monotonic()) * 1000)
            self.page.wait_for_selector(APP_IDLE, state="attached", timeout=remaining)
            self.page.wait_for_timeout(settle_ms)
            if self.page.locator(APP_IDLE).count() and not self._running_widgets():
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.page.url}: the app never settled")

    def _running_widgets(self) -> bool:
        return self.page.locator("[data-testid='stSkeleton']").count() > 0

    def main_text(self) -> str:
        return self.page.locator("[data-testid='stApp']").inner_text(timeout=10_000)

    def problems(self) -> list[str]:
        """Everything that makes a page unclean, as readable lines (empty when clean)."""
        found: list[str] = []
        exceptions = self.page.locator("[data-testid='stException']")
        for i in range(exceptions.count()):
            found.append("exception on page: " + exceptions.nth(i).inner_text()[:500])
        text = self.main_text()
        match = TRACEBACK.search(text)
        if match:
            found.append("traceback text on page: " + text[max(0, match.start() - 100):match.end() + 300])
        found += ["console error: " + e for e in self.console_errors]
        found += ["page error: " + e for e in self.page_errors]
        found += ["request to a foreign host: " + u for u in self.foreign_requests]
        return found

    def assert_clean(self) -> None:
        """No exception box, no traceback text, no console or page error, no foreign request."""
        problems = self.problems()
        assert not problems, f"{self.page.url} is not clean:\n" + "\n".join(problems)

    def screenshot(self, name: str, *, full_page: bool = False) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', name)}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path

    def close(self) -> None:
        try:
            self.context.close()
        except Exception:
            pass
