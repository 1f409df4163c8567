"""The top of the data layer: a data folder (or a list of files) read and validated in one call.

docs: shared/spec/data-format.md. Problems are values (pioc_metrics.data.problems.Problem),
never exceptions: one bad row never hides the good ones.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pioc_metrics.data.dataset import Dataset
from pioc_metrics.data.derive import with_derived_rates
from pioc_metrics.data.problems import Problem
from pioc_metrics.data.reading import TABLE_EXTENSIONS, read_path
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


def load_catalog(path: Path | str) -> tuple[pd.DataFrame, list[Problem]]:
    """The indicator catalog at `path`, validated."""
    frame, problems = read_path(Path(path))
    if frame is None:
        return validate_catalog(pd.DataFrame(columns=list(CATALOG_COLUMNS)), Path(path).name)[0], problems
    clean, more = validate_catalog(frame, Path(path).name)
    return clean, problems + more


def load_dataset(data_dir: Path | str) -> tuple[Dataset, list[Problem]]:
    """The validated Dataset of a data folder (cities, indicators, optional national and catalog)."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    catalog_path = data_dir / "indicator_catalog.csv"
    if not catalog_path.exists():
        catalog_path = SHIPPED_DIR / "indicator_catalog.csv"
    catalog, found = load_catalog(catalog_path)
    problems += found

    frame, found = read_path(data_dir / "cities.csv")
    problems += found
    cities, found = validate_cities(frame, "cities.csv") if frame is not None else (empty_cities(), [])
    problems += found

    frame, found = read_path(data_dir / "indicators.csv")
    problems += found
    if frame is not None:
        indicators, _, found = validate_indicators(frame, "indicators.csv", cities, catalog)
        problems += found
    else:
        indicators = empty_indicators()

    national = empty_national()
    if (data_dir / "national.csv").exists():
        frame, found = read_path(data_dir / "national.csv")
        problems += found
        if frame is not None:
            national, found = validate_national(frame, "national.csv")
            problems += found
    return Dataset(cities=cities, indicators=with_derived_rates(indicators), national=national,
                   catalog=catalog), problems


def validate_paths(paths) -> list[tuple[str, list[Problem], int, bool]]:
    """(file, problems, rows accepted, unreadable) for each file, or each table file of a folder."""
    results = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in TABLE_EXTENSIONS)
            if not files:
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
        return name, problems, 0, True
    kind = path.name.lower()
    if kind == "cities.csv":
        clean, found = validate_cities(frame, name)
    elif kind == "national.csv":
        clean, found = validate_national(frame, name)
    elif kind == "indicator_catalog.csv":
        clean, found = validate_catalog(frame, name)
    else:
        # Indicator rows are checked against the cities and catalog beside them, else the shipped ones.
        folder = path.parent
        cities_path = folder / "cities.csv" if (folder / "cities.csv").is_file() else SHIPPED_DIR / "cities.csv"
        catalog_path = (folder / "indicator_catalog.csv" if (folder / "indicator_catalog.csv").is_file()
                        else SHIPPED_DIR / "indicator_catalog.csv")
        cities_frame, _ = read_path(cities_path)
        cities = validate_cities(cities_frame, cities_path.name)[0] if cities_frame is not None else empty_cities()
        catalog = load_catalog(catalog_path)[0]
        clean, _, found = validate_indicators(frame, name, cities, catalog,
                                              new_cities_allowed=kind != "indicators.csv")
    return name, problems + found, len(clean), False
