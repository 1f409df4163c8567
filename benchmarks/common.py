"""Timing, machine description and result files shared by the benchmarks."""

from __future__ import annotations

import gc
import json
import os
import platform
import subprocess
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS_JSON = HERE / "results.json"
PACKAGES = ("streamlit", "pandas", "numpy", "pyarrow", "plotly", "pydeck", "playwright")


def best_of_both(function, repeat: int = 5, *args, **kwargs) -> tuple[float, float, object]:
    """(best wall seconds, best CPU seconds of this process, last result) over `repeat` runs.

    CPU time is reported beside wall time because a shared machine's load inflates wall time.
    """
    wall, cpu, result = float("inf"), float("inf"), None
    for _ in range(repeat):
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        result = function(*args, **kwargs)
        cpu = min(cpu, time.process_time() - start_cpu)
        wall = min(wall, time.perf_counter() - start)
    return wall, cpu, result


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return ""


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    """Resident memory of a process (VmRSS now, or VmHWM = peak) from /proc, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise ValueError(f"{field} not in /proc/{pid}/status")


def tree_pids(pid: int) -> list[int]:
    """The process and its descendants (a server may fork helpers)."""
    found = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        for child in children.read_text().split():
            found += tree_pids(int(child))
    return found


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        ram = f"{kb / 1024 / 1024:.1f} GB"
    except (OSError, ValueError, IndexError):
        pass
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    chromium = ""
    try:
        chromium = subprocess.run([os.environ.get("CHROMIUM", "/usr/bin/chromium"), "--version"],
                                  capture_output=True, text=True, timeout=20).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram": ram,
        "python": platform.python_version(),
        "os": platform.platform(),
        "packages": versions,
        "chromium": chromium,
    }


def save(results: dict, path: Path = RESULTS_JSON) -> None:
    path.write_text(json.dumps(results, indent=2, default=str) + "\n")
