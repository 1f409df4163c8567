"""Several dashboard processes behind HAProxy, in the foreground: what `make serve WORKERS=N PORT=P` runs.

N `streamlit run dashboard.py` processes on free ports of 127.0.0.1 (all on one store: PIOC_DATABASE_URL, else
var/pioc.sqlite3), each healthy before HAProxy starts on BIND:PORT with sticky sessions, websockets, health
checks and the security headers (scripts/haproxy.cfg.in). Ctrl-C or SIGTERM stops them all; if any of them
ends by itself, the rest are stopped and the exit code is 1.

Run: .venv/bin/python scripts/serve.py --workers 2 --port 8501 [--bind 0.0.0.0] [--frame-ancestors "'self'"]
     [--map-tiles]    (or the environment's WORKERS, PORT, BIND, FRAME_ANCESTORS, MAP_TILES=1; HAPROXY=path)
"""

from __future__ import annotations

import argparse
import base64
import ctypes
import hashlib
import importlib.util
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).resolve().with_name("haproxy.cfg.in")
STICKY_COOKIE = "PIOC_WORKER"
HEALTH = "/_stcore/health"
# CSP sources for frame-ancestors: 'self', 'none', schemes and origins (https://*.example.org:8443), space-separated.
_SOURCE = r"(?:'self'|'none'|[A-Za-z][A-Za-z0-9+.-]*:(?://[A-Za-z0-9*.-]+(?::[0-9]+)?)?)"
FRAME_SOURCES = re.compile(rf"{_SOURCE}(?: {_SOURCE})*")
STARTUP_SECONDS = 120
STOP_SECONDS = 10
# The web map tiles the Map page offers as an opt-in (pydeck's CARTO basemap: style, tiles, glyphs, sprites).
MAP_TILE_ORIGINS = ("https://basemaps.cartocdn.com", "https://*.basemaps.cartocdn.com")


def inline_script_hashes(index_html: Path) -> list[str]:
    """CSP hash sources ('sha256-...') of the inline scripts in Streamlit's index.html, read from the installed copy."""
    html = index_html.read_text(encoding="utf-8")
    scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.DOTALL)
    return [f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts]


def streamlit_index_html() -> Path:
    """The page Streamlit serves for every app URL (found without importing Streamlit)."""
    return Path(importlib.util.find_spec("streamlit").origin).parent / "static" / "index.html"


def content_security_policy(script_hashes: list[str], frame_ancestors: str = "'self'", map_tiles: bool = False) -> str:
    """The Content-Security-Policy: the app's own origin only, plus what Streamlit's frontend needs to run."""
    # The opt-in web tiles: MapLibre fetches the style, tiles and glyphs from CARTO and decodes them in a
    # worker it starts from a blob: URL, into blob: images.
    tiles = " " + " ".join(MAP_TILE_ORIGINS) if map_tiles else ""
    blob = " blob:" if map_tiles else ""
    directives = {
        "default-src": "'self'",
        # Streamlit's bundles; the one inline script of its index.html by hash (no 'unsafe-inline'); WebAssembly
        # compiled from those bundles (deck.gl's map, long.js in protobuf): 'wasm-unsafe-eval', which lets no
        # JavaScript string be evaluated ('unsafe-eval' is not needed: plotly's charts here use none).
        "script-src": " ".join(["'self'", "'wasm-unsafe-eval'", *script_hashes]),
        # Emotion and styled-components (Streamlit's CSS-in-JS) write <style> elements as they draw; plotly and
        # KaTeX set style attributes.
        "style-src": "'self' 'unsafe-inline'",
        # Icons and plotly's images inlined as data: URLs.
        "img-src": f"'self' data:{blob}{tiles}",
        # A font Streamlit's stylesheet inlines as a data: URL.
        "font-src": "'self' data:",
        # 'self' covers the same-origin websocket (ws: or wss:) /_stcore/stream.
        "connect-src": f"'self'{tiles}",
        "worker-src": f"'self'{blob}",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": frame_ancestors,
    }
    return "; ".join(f"{name} {sources}" for name, sources in directives.items())


def frame_options(frame_ancestors: str) -> str | None:
    """X-Frame-Options saying what frame-ancestors says, for older browsers; None when it cannot (other origins)."""
    return {"'self'": "SAMEORIGIN", "'none'": "DENY"}.get(" ".join(frame_ancestors.split()))


def embeds_elsewhere(frame_ancestors: str) -> bool:
    """True when pages may be framed by another origin than the app's own."""
    return frame_options(frame_ancestors) is None


def haproxy_config(worker_ports: list[int], *, bind: str, port: int, csp: str, frame_ancestors: str) -> str:
    """The HAProxy configuration: the template with its fields filled in."""
    elsewhere = embeds_elsewhere(frame_ancestors)
    fields = {
        "BIND": bind,
        "PORT": str(port),
        "CSP": csp,
        # X-Frame-Options cannot name other origins; where frame-ancestors does, browsers follow the CSP alone.
        "FRAME_OPTIONS": ("    # frame-ancestors names other origins: no X-Frame-Options" if elsewhere else
                          f'    http-after-response set-header X-Frame-Options "{frame_options(frame_ancestors)}"'),
        "COOKIE": STICKY_COOKIE,
        # A browser sends cookies into a frame of another site only when they are SameSite=None and Secure.
        "COOKIE_ATTRIBUTES": 'secure attr "SameSite=None"' if elsewhere else 'attr "SameSite=Lax"',
        "SERVERS": "\n".join(f"    server w{i} 127.0.0.1:{p} cookie w{i}" for i, p in enumerate(worker_ports, 1)),
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    for name, value in fields.items():
        text = text.replace(f"@{name}@", value)
    left = re.findall(r"@[A-Z_]+@", text)
    if left:
        raise ValueError(f"{TEMPLATE.name}: fields not filled in: {sorted(set(left))}")
    return text


def find_haproxy() -> str | None:
    """$HAPROXY, else haproxy on the PATH or in /usr/sbin (Debian's place, not on a normal user's PATH)."""
    named = os.environ.get("HAPROXY")
    if named:
        return named if os.access(named, os.X_OK) else None
    return shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin:/usr/local/sbin")


def free_ports(count: int) -> list[int]:
    """`count` distinct free TCP ports on 127.0.0.1 (held together while chosen, so never the same twice)."""
    sockets = [socket.socket(socket.AF_INET, socket.SOCK_STREAM) for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def port_problem(bind: str, port: int) -> str | None:
    """None when HAProxy can listen on bind:port, else why not."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((bind, port))
        except OSError as error:
            return f"cannot listen on {bind}:{port}: {error.strerror}"
    return None


def _die_with_parent() -> None:
    """In the child before exec: SIGTERM when serve.py itself dies, even by SIGKILL (Linux prctl)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _relay(stream, prefix: str) -> None:
    """Copy a child's output to ours, each line prefixed with the child's name."""
    for line in iter(stream.readline, b""):
        sys.stdout.write(f"{prefix} {line.decode(errors='replace')}")
        sys.stdout.flush()
    stream.close()


def start(name: str, command: list[str], env: dict[str, str] | None = None) -> subprocess.Popen:
    """A child in our process group (a signal to the group reaches it), its output relayed line by line."""
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent)
    process.name = name
    threading.Thread(target=_relay, args=(process.stdout, f"[{name}]"), daemon=True).start()
    return process


def worker_command(port: int, frame_ancestors: str) -> list[str]:
    command = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
               "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false"]
    if embeds_elsewhere(frame_ancestors):
        # The XSRF cookie (file uploads) must reach a page framed by another site, too.
        command += ["--server.xsrfCookieSameSite", "none"]
    return command


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, OSError):
        return False


def wait_healthy(workers: list[tuple[subprocess.Popen, int]], stopping: threading.Event) -> str | None:
    """None when every worker answers its health check, else what went wrong."""
    deadline = time.monotonic() + STARTUP_SECONDS
    waiting = list(workers)
    while waiting:
        if stopping.is_set():
            return "stopped while starting"
        for process, port in list(waiting):
            if process.poll() is not None:
                return f"{process.name} ended while starting (exit code {process.returncode})"
            if healthy(f"http://127.0.0.1:{port}{HEALTH}"):
                print(f"[serve] {process.name} healthy on 127.0.0.1:{port} (pid {process.pid})", flush=True)
                waiting.remove((process, port))
        if waiting and time.monotonic() > deadline:
            return f"not healthy after {STARTUP_SECONDS} s: " + ", ".join(p.name for p, _ in waiting)
        time.sleep(0.25)
    return None


def stop_all(processes: list[subprocess.Popen]) -> None:
    """SIGTERM to each child still running (the proxy first), then SIGKILL to any still there after a while."""
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + STOP_SECONDS
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WORKERS") or 2))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8501))
    parser.add_argument("--bind", default=os.environ.get("BIND") or "0.0.0.0",
                        help="the proxy's address (the workers always listen on 127.0.0.1)")
    parser.add_argument("--frame-ancestors", default=os.environ.get("FRAME_ANCESTORS", ""),
                        help="who may frame the pages (CSP frame-ancestors), e.g. \"'self' https://intranet.example.org\"")
    parser.add_argument("--map-tiles", action="store_true", default=os.environ.get("MAP_TILES", "") not in ("", "0"),
                        help="let the Map page's opt-in web tiles (CARTO) through the CSP")
    arguments = parser.parse_args(argv)
    if arguments.workers < 1:
        parser.error("--workers must be at least 1")
    arguments.frame_ancestors = " ".join(arguments.frame_ancestors.split()) or "'self'"
    if not FRAME_SOURCES.fullmatch(arguments.frame_ancestors):
        parser.error(f"--frame-ancestors: not a list of CSP sources: {arguments.frame_ancestors}")
    return arguments


def serve(arguments: argparse.Namespace) -> int:
    haproxy = find_haproxy()
    if not haproxy:
        print("[serve] haproxy not found: `make serve` installs Debian's haproxy (or: apt-get install haproxy)",
              file=sys.stderr)
        return 2
    problem = port_problem(arguments.bind, arguments.port)
    if problem:
        print(f"[serve] {problem}", file=sys.stderr)
        return 2
    csp = content_security_policy(inline_script_hashes(streamlit_index_html()), arguments.frame_ancestors,
                                  arguments.map_tiles)
    ports = free_ports(arguments.workers)
    text = haproxy_config(ports, bind=arguments.bind, port=arguments.port, csp=csp,
                          frame_ancestors=arguments.frame_ancestors)
    config_dir = Path(tempfile.mkdtemp(prefix="pioc-serve-"))
    config = config_dir / "haproxy.cfg"
    config.write_text(text, encoding="utf-8")
    checked = subprocess.run([haproxy, "-c", "-q", "-f", str(config)], capture_output=True, text=True)
    if checked.returncode != 0:
        print(f"[serve] the proxy's configuration is refused:\n{checked.stdout}{checked.stderr}", file=sys.stderr)
        shutil.rmtree(config_dir, ignore_errors=True)
        return 2

    stopping = threading.Event()

    def on_signal(number, _frame):
        stopping.set()

    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, on_signal)
    workers = [(start(f"worker {i}", worker_command(port, arguments.frame_ancestors)), port)
               for i, port in enumerate(ports, 1)]
    children = [process for process, _ in workers]
    try:
        problem = wait_healthy(workers, stopping)
        if problem:
            if not stopping.is_set():
                print(f"[serve] {problem}: stopping", file=sys.stderr)
            return 0 if stopping.is_set() else 1
        children.insert(0, start("haproxy", [haproxy, "-db", "-f", str(config)]))
        print(f"[serve] {arguments.workers} worker(s) behind haproxy (pid {children[0].pid}) on "
              f"http://{arguments.bind}:{arguments.port}  (Ctrl-C stops them all)", flush=True)
        while not stopping.wait(0.25):
            ended = [process for process in children if process.poll() is not None]
            if ended and not stopping.is_set():
                print(f"[serve] {ended[0].name} ended (exit code {ended[0].returncode}): stopping the rest",
                      file=sys.stderr, flush=True)
                return 1
        print("[serve] stopping", flush=True)
        return 0
    finally:
        stop_all(children)
        shutil.rmtree(config_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(serve(parse_arguments()))
