"""The command line: `python -m pioc_metrics validate PATH...` and `python -m pioc_metrics progress ...`."""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import pandas as pd

from pioc_metrics import constants as C
from pioc_metrics.data.loading import load_dataset, validate_paths
from pioc_metrics.engine.progress import PROGRESS_COLUMNS, progress_table
from pioc_metrics.paths import DATA_DIR
from pioc_metrics.settings import Settings
from pioc_metrics.text.problems import problem_message

EXIT_VALID = 0
EXIT_ROWS_REJECTED = 1
EXIT_UNREADABLE = 2


def main_validate(paths: list[str], out=None) -> int:
    """Prints `FILE:ROW: COLUMN: reason` per problem and a summary; returns the exit code.

    0: everything valid (warnings allowed); 1: some row or file content rejected;
    2: some file cannot be read at all.
    """
    out = out if out is not None else sys.stdout
    results = validate_paths(paths)
    errors = warnings = accepted = 0
    unreadable_files = 0
    for _file, problems, n_accepted, unreadable in results:
        accepted += n_accepted
        unreadable_files += unreadable
        for problem in sorted(problems, key=lambda p: (p.row is not None, p.row or 0)):
            row = "" if problem.row is None else str(problem.row)
            column = problem.column or ""
            kind = "" if problem.is_error else "warning: "
            print(f"{problem.file}:{row}: {column}: {kind}{problem_message(problem, 'en')}", file=out)
            errors += problem.is_error
            warnings += not problem.is_error
    print(
        f"{len(results)} file(s) checked: {accepted} row(s) accepted, {errors} error(s), "
        f"{warnings} warning(s), {unreadable_files} unreadable file(s)",
        file=out,
    )
    if unreadable_files:
        return EXIT_UNREADABLE
    return EXIT_ROWS_REJECTED if errors else EXIT_VALID


def _baseline(value: str) -> int | None:
    if value == "city":
        return None
    year = int(value)
    if not C.YEAR_MIN <= year <= C.YEAR_MAX:
        raise argparse.ArgumentTypeError(f"baseline year must be between {C.YEAR_MIN} and {C.YEAR_MAX}")
    return year


def _reduction(value: str) -> float:
    number = float(value)
    if not C.REDUCTION_MIN <= number <= C.REDUCTION_MAX:
        raise argparse.ArgumentTypeError(f"reduction must be between {C.REDUCTION_MIN} and {C.REDUCTION_MAX}")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pioc_metrics", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check files or folders against the data contract")
    validate.add_argument("paths", nargs="+")

    progress = commands.add_parser("progress", help="every city's progress against its target")
    progress.add_argument("--data", default=str(DATA_DIR), help="folder with cities.csv and indicators.csv")
    progress.add_argument("--indicator", default=C.DEFAULT_INDICATOR,
                          help=f"a catalog indicator, or {C.HEADLINE!r}: each city by homicide_rate where that gives "
                               f"it a status, else by homicides (default: {C.DEFAULT_INDICATOR})")
    progress.add_argument("--baseline-year", type=_baseline, default=None, metavar="YEAR|city")
    progress.add_argument("--target-year", type=int, default=C.TARGET_YEAR)
    progress.add_argument("--reduction", type=_reduction, default=C.REDUCTION)
    progress.add_argument("--smoothing", choices=C.SMOOTHING_CHOICES, default="none")
    progress.add_argument("--path", choices=C.PATH_CHOICES, default="geometric")
    progress.add_argument("--format", choices=("table", "csv", "json"), default="table")
    return parser


def progress_frame(table: pd.DataFrame) -> pd.DataFrame:
    """The command line's columns, exactly, in order."""
    return table.reset_index(drop=True).loc[:, list(PROGRESS_COLUMNS)]


def _json_value(value):
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


_signed_percent = "{:+.1f} %".format
_two_decimals = "{:.2f}".format
# How the readable table shows a number (csv and json keep full precision).
TABLE_FORMATS = {
    **dict.fromkeys(("cagr_actual", "cagr_required", "gap_to_path", "reduction_so_far", "required_now",
                     "change_since_baseline"), lambda v: _signed_percent(100 * v)),
    **dict.fromkeys(("baseline", "latest", "target", "projection", "progress_ratio", "path_at_latest"), _two_decimals),
    "status_certainty": lambda v: f"{100 * v:.1f} %",
}


def write_progress(frame: pd.DataFrame, fmt: str, out) -> None:
    if fmt == "csv":
        # repr-exact floats: the full precision a researcher needs to check the numbers
        frame.to_csv(out, index=False, float_format=None, lineterminator="\n")
    elif fmt == "json":
        records = [{k: _json_value(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]
        json.dump(records, out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 250):
            shown = frame.copy()
            for column, shape in TABLE_FORMATS.items():
                shown[column] = shown[column].map(lambda v, shape=shape: "" if pd.isna(v) else shape(v))
            out.write(shown.astype(object).fillna("").to_string(index=False) + "\n")


def run_progress(args, out) -> int:
    data_dir = Path(args.data)
    if not (data_dir / "cities.csv").is_file():
        print(f"{data_dir}: no cities.csv in this folder", file=sys.stderr)
        return 2
    data, problems = load_dataset(data_dir)
    for problem in problems:
        if problem.is_error:
            location = f"{problem.file}:{problem.row or ''}: {problem.column or ''}"
            print(f"{location}: {problem_message(problem, 'en')}", file=sys.stderr)
    if args.indicator not in {*data.catalog["indicator"], C.HEADLINE}:
        known = ", ".join([C.HEADLINE, *data.catalog["indicator"]])
        print(f"unknown indicator {args.indicator!r}; known: {known}", file=sys.stderr)
        return 2
    settings = Settings(
        indicator=args.indicator,
        target_year=args.target_year,
        reduction=args.reduction,
        baseline_year=args.baseline_year,
        smoothing=args.smoothing,
        path=args.path,
    )
    write_progress(progress_frame(progress_table(data, settings)), args.format, out)
    return 0


def main(argv: list[str] | None = None, out=None) -> int:
    out = out or sys.stdout
    args = build_parser().parse_args(argv)
    if args.command == "validate":
        return main_validate(args.paths, out)
    return run_progress(args, out)

