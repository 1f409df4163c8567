"""The top of the data layer: a data folder (or a list of files) read and validated in one call.

docs: shared/spec/data-format.md. Problems are values (pioc_metrics.data.problems.Problem),
never exceptions: one bad row never hides the good ones. A data folder is read the same way
everywhere (the app, `progress`, `validate`, the store), so each says the same about it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pioc_metrics.data.dataset import Dataset
from pioc_metrics.data.derive import derived_dataset
from pioc_metrics.data.problems import Problem
from pioc_metrics.data.reading import TABLE_EXTENSIONS, read_path
from pioc_metrics.data.stories import empty_events, empty_practices, validate_events, validate_practices
from pioc_metrics.data.validation import (
    CATALOG_COLUMNS,
    empty_cities,
    empty_indicators,
    empty_national,
    validate_catalog,
    validate_cities,
    validate_indicators,
    validate_national,
)
from pioc_metrics.paths import SHIPPED_DIR

CATALOG_FILE = "indicator_catalog.csv"
CITIES_FILE = "cities.csv"
INDICATORS_FILE = "indicators.csv"
NATIONAL_FILE = "national.csv"
EVENTS_FILE = "events.csv"
PRACTICES_FILE = "practices.csv"
REQUIRED_FILES = (CITIES_FILE, INDICATORS_FILE)  # a data folder without them cannot be used
CONTRACT_FILES = (CATALOG_FILE, CITIES_FILE, INDICATORS_FILE, NATIONAL_FILE, PRACTICES_FILE, EVENTS_FILE)


@dataclass(frozen=True)
class FileReport:
    """What reading one file gave: its problems, the rows accepted, and whether it could be read at all."""

    file: str  # the name its problems carry
    problems: list[Problem]
    accepted: int
    unreadable: bool

    @property
    def usable(self) -> bool:
        return not self.unreadable and self.accepted > 0


def load_catalog(path: Path | str) -> tuple[pd.DataFrame, list[Problem]]:
    """The indicator catalog at `path`, validated."""
    frame, problems = read_path(Path(path))
    if frame is None:
        return validate_catalog(pd.DataFrame(columns=list(CATALOG_COLUMNS)), Path(path).name)[0], problems
    clean, more = validate_catalog(frame, Path(path).name)
    return clean, problems + more


def read_folder(data_dir: Path | str, *, full_names: bool = False) -> tuple[Dataset, list[FileReport]]:
    """The validated Dataset of a data folder and a report per file read (catalog, cities, indicators, national,
    practices, events).

    Problems name each file by its name ("cities.csv"), or with `full_names` by its path in the
    folder as `validate` prints it. A folder without a catalog uses the shipped one; national.csv,
    practices.csv and events.csv are optional; cities.csv and indicators.csv are required.
    """
    data_dir = Path(data_dir)

    def name(path: Path) -> str:
        return str(path) if full_names else path.name

    reports: list[FileReport] = []
    path = data_dir / CATALOG_FILE
    own_catalog = path.is_file()
    path = path if own_catalog else SHIPPED_DIR / CATALOG_FILE
    frame, problems = read_path(path, name(path))
    catalog = validate_catalog(pd.DataFrame(columns=list(CATALOG_COLUMNS)), name(path))[0]
    if frame is not None:
        catalog, more = validate_catalog(frame, name(path))
        problems = problems + more
    if own_catalog:  # the shipped catalog's problems are not the folder's (its tests keep it clean)
        reports.append(_report(name(path), problems, catalog, frame is None))

    path = data_dir / CITIES_FILE
    frame, problems = read_path(path, name(path))
    cities, more = validate_cities(frame, name(path)) if frame is not None else (empty_cities(), [])
    reports.append(_report(name(path), problems + more, cities, frame is None))

    path = data_dir / INDICATORS_FILE
    frame, problems = read_path(path, name(path))
    indicators, more = empty_indicators(), []
    if frame is not None:
        indicators, _, more = validate_indicators(frame, name(path), cities, catalog)
    reports.append(_report(name(path), problems + more, indicators, frame is None))

    national = empty_national()
    path = data_dir / NATIONAL_FILE
    if path.exists():
        frame, problems = read_path(path, name(path))
        more = []
        if frame is not None:
            national, more = validate_national(frame, name(path))
        reports.append(_report(name(path), problems + more, national, frame is None))
    practices, events = empty_practices(), empty_events()
    path = data_dir / PRACTICES_FILE
    if path.exists():
        frame, problems = read_path(path, name(path))
        more = []
        if frame is not None:
            practices, more = validate_practices(frame, name(path), cities)
        reports.append(_report(name(path), problems + more, practices, frame is None))
    path = data_dir / EVENTS_FILE
    if path.exists():
        frame, problems = read_path(path, name(path))
        more = []
        if frame is not None:
            events, more = validate_events(frame, name(path), cities, practices["practice_id"])
        reports.append(_report(name(path), problems + more, events, frame is None))
    data = derived_dataset(cities, indicators, national, catalog, events, practices)
    return data, reports


def _report(file: str, problems: list[Problem], clean: pd.DataFrame, unreadable: bool) -> FileReport:
    return FileReport(file, _in_row_order(problems), len(clean), unreadable)


def _in_row_order(problems: list[Problem]) -> list[Problem]:
    """As `validate` prints them: the whole file's problems first, then row by row."""
    return sorted(problems, key=lambda p: (p.row is not None, p.row or 0))


def load_dataset(data_dir: Path | str) -> tuple[Dataset, list[Problem]]:
    """The validated Dataset of a data folder (cities, indicators, optional national and catalog) and its problems."""
    data, reports = read_folder(data_dir)
    return data, [problem for report in reports for problem in report.problems]


def folder_problems(data_dir: Path | str) -> list[Problem]:
    """Every problem of a data folder, exactly as `validate DATA_DIR` reports them (files named by their path).

    The same problems load_dataset finds; with any error (or a required file unusable) the folder is damaged.
    """
    return [problem for report in read_folder(data_dir, full_names=True)[1] for problem in report.problems]


def unusable_files(reports: list[FileReport]) -> list[str]:
    """The required files of a folder that could not be read or gave no row: nothing can be computed without them."""
    required = {Path(report.file).name: report for report in reports if Path(report.file).name in REQUIRED_FILES}
    return [report.file for name, report in required.items() if not report.usable]


def is_data_folder(path: Path) -> bool:
    """A folder in the contract's layout (it holds cities.csv or indicators.csv), not just a folder of tables."""
    return any((path / name).exists() for name in REQUIRED_FILES)


def validate_paths(paths) -> list[tuple[str, list[Problem], int, bool]]:
    """(file, problems, rows accepted, unreadable) for each file, or each table file of a folder.

    A data folder is read as load_dataset reads it (its missing required files reported), then its
    other table files one by one.
    """
    results = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in TABLE_EXTENSIONS)
            if is_data_folder(path):
                reports = read_folder(path, full_names=True)[1]
                results.extend((r.file, r.problems, r.accepted, r.unreadable) for r in reports)
                files = [p for p in files if p.name not in CONTRACT_FILES]
            elif not files:
                results.append((str(path), [Problem(str(path), None, None, "no_table_files")], 0, False))
            results.extend(_validate_file(p) for p in files)
        else:
            results.append(_validate_file(path))
    return results


def _validate_file(path: Path) -> tuple[str, list[Problem], int, bool]:
    name = str(path)
    if not path.is_file():
        return name, [Problem(name, None, None, "missing_file")], 0, True
    frame, problems = read_path(path, name)
    if frame is None:
        return name, _in_row_order(problems), 0, True
    kind = path.name.lower()
    if kind == CITIES_FILE:
        clean, found = validate_cities(frame, name)
    elif kind == NATIONAL_FILE:
        clean, found = validate_national(frame, name)
    elif kind == CATALOG_FILE:
        clean, found = validate_catalog(frame, name)
    elif kind in (EVENTS_FILE, PRACTICES_FILE):
        clean, found = _validate_story_file(path, frame, name)
    else:
        # Indicator rows are checked against the cities and catalog beside them, else the shipped ones.
        folder = path.parent
        cities_path = folder / CITIES_FILE if (folder / CITIES_FILE).is_file() else SHIPPED_DIR / CITIES_FILE
        catalog_path = (folder / CATALOG_FILE if (folder / CATALOG_FILE).is_file()
                        else SHIPPED_DIR / CATALOG_FILE)
        cities_frame, _ = read_path(cities_path)
        cities = validate_cities(cities_frame, cities_path.name)[0] if cities_frame is not None else empty_cities()
        catalog = load_catalog(catalog_path)[0]
        clean, _, found = validate_indicators(frame, name, cities, catalog,
                                              new_cities_allowed=kind != INDICATORS_FILE)
    return name, _in_row_order(problems + found), len(clean), False


def _validate_story_file(path: Path, frame: pd.DataFrame, name: str):
    """events.csv or practices.csv read alone: checked against the cities (and practices) beside it, else the
    shipped ones."""
    folder = path.parent if (path.parent / CITIES_FILE).is_file() else SHIPPED_DIR
    cities_frame, _ = read_path(folder / CITIES_FILE)
    cities = validate_cities(cities_frame, CITIES_FILE)[0] if cities_frame is not None else empty_cities()
    if path.name.lower() == PRACTICES_FILE:
        return validate_practices(frame, name, cities)
    practices_path = path.parent / PRACTICES_FILE
    practice_ids = None
    if practices_path.is_file():
        practices_frame, _ = read_path(practices_path)
        if practices_frame is not None:
            practice_ids = validate_practices(practices_frame, PRACTICES_FILE, cities)[0]["practice_id"]
    return validate_events(frame, name, cities, practice_ids)
