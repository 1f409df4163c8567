"""Where the app finds its files: one DATA_DIR, honouring PIOC_DATA_DIR everywhere."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHIPPED_DIR = ROOT / "data"


def data_dir() -> Path:
    """The data folder in use now: PIOC_DATA_DIR when set, else the shipped data."""
    return Path(os.environ.get("PIOC_DATA_DIR") or SHIPPED_DIR)


DATA_DIR = data_dir()


def data_file(name: str, folder: Path | None = None) -> Path:
    """`name` in the data folder in use, else the shipped copy (outlines, gazetteer, catalog)."""
    candidate = (folder or DATA_DIR) / name
    return candidate if candidate.is_file() else SHIPPED_DIR / name
