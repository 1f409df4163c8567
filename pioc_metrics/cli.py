"""The command line: `validate PATH...`, `progress ...`, `ytd ...`, and the record's `store`, `users`, `submit`,
`review` and `releases` (pioc_metrics.cli_store), as `python -m pioc_metrics COMMAND`."""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import re
import sys
from pathlib import Path

import pandas as pd

from pioc_metrics import constants as C
from pioc_metrics.cli_store import COMMANDS as STORE_COMMANDS
from pioc_metrics.cli_store import add_store_commands, run_store_command
from pioc_metrics.data.loading import read_folder, unusable_files, validate_paths
from pioc_metrics.engine.months import year_to_date
from pioc_metrics.engine.progress import PROGRESS_COLUMNS, progress_table
from pioc_metrics.paths import DATA_DIR
from pioc_metrics.settings import Settings
from pioc_metrics.store import database
from pioc_metrics.store.errors import StoreError
from pioc_metrics.store.releases import latest_release, release_dataset
from pioc_metrics.text.i18n import t
from pioc_metrics.text.problems import problem_line

EXIT_VALID = 0
EXIT_ROWS_REJECTED = 1
EXIT_UNREADABLE = 2


def main_validate(paths: list[str], out=None) -> int:
    """Prints `FILE:ROW: COLUMN: reason` per problem and a summary; returns the exit code.

    0: everything valid (warnings allowed); 1: some row or file content rejected;
    2: some file cannot be read at all (a data folder's cities.csv or indicators.csv missing included).
    """
    out = out if out is not None else sys.stdout
    results = validate_paths(paths)
    problems = [problem for _file, found, _accepted, _unreadable in results for problem in found]
    errors = sum(problem.is_error for problem in problems)
    unreadable_files = sum(unreadable for *_, unreadable in results)
    accepted = sum(n_accepted for _file, _found, n_accepted, _unreadable in results)
    summary = (f"{len(results)} file(s) checked: {accepted} row(s) accepted, {errors} error(s), "
               f"{len(problems) - errors} warning(s), {unreadable_files} unreadable file(s)")
    code = EXIT_UNREADABLE if unreadable_files else EXIT_ROWS_REJECTED if errors else EXIT_VALID
    return _deliver(code, out, lambda: out.write("".join(f"{line}\n" for line in
                                                         [*map(problem_line, problems), summary])))


def _baseline(value: str) -> int | None:
    if value == "city":
        return None
    return _year_between(value, C.BASELINE_YEAR_MIN, C.BASELINE_YEAR_MAX, "baseline year", ' or "city"')


def _target_year(value: str) -> int:
    return _year_between(value, C.TARGET_YEAR_MIN, C.TARGET_YEAR_MAX, "target year")


def _year_between(value: str, first: int, last: int, what: str, alternative: str = "") -> int:
    """The bounds of the web app's year pickers (constants), so the command line allows what the app allows."""
    text = value.strip()
    if not (text.isascii() and text.isdigit() and first <= int(text) <= last):
        raise argparse.ArgumentTypeError(f"{what} must be a year from {first} to {last}{alternative}, not {value!r}")
    return int(text)


def _reduction(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not C.REDUCTION_MIN <= number <= C.REDUCTION_MAX:
        raise argparse.ArgumentTypeError(f"reduction must be between {C.REDUCTION_MIN} and {C.REDUCTION_MAX}, "
                                         f"not {value!r}")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pioc_metrics", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check files or folders against the data contract")
    validate.add_argument("paths", nargs="+")

    progress = commands.add_parser("progress", help="every city's progress against its target")
    progress.add_argument("--data", default=None,
                          help="folder with cities.csv and indicators.csv (default: the store's latest release where "
                               f"a store exists, else {DATA_DIR})")
    progress.add_argument("--release", type=int, default=None, metavar="N", help="a release of the store")
    progress.add_argument("--indicator", default=C.DEFAULT_INDICATOR,
                          help=f"a catalog indicator, or {C.HEADLINE!r}: each city by homicide_rate where that gives "
                               f"it a status, else by homicides (default: {C.DEFAULT_INDICATOR})")
    progress.add_argument("--baseline-year", type=_baseline, default=None, metavar="YEAR|city",
                          help=f"{C.BASELINE_YEAR_MIN} to {C.BASELINE_YEAR_MAX}, before the target year, or 'city': "
                               f"each city's own (default)")
    progress.add_argument("--target-year", type=_target_year, default=C.TARGET_YEAR, metavar="YEAR",
                          help=f"{C.TARGET_YEAR_MIN} to {C.TARGET_YEAR_MAX} (default: {C.TARGET_YEAR})")
    progress.add_argument("--reduction", type=_reduction, default=C.REDUCTION)
    progress.add_argument("--smoothing", choices=C.SMOOTHING_CHOICES, default="none")
    progress.add_argument("--path", choices=C.PATH_CHOICES, default="geometric")
    progress.add_argument("--format", choices=("table", "csv", "json"), default="table")
    _add_ytd_command(commands)
    add_store_commands(commands)
    return parser


def _through(value: str) -> tuple[int, int]:
    """A month as YYYY-MM (2026-03), within the data contract's years."""
    text = value.strip()
    found = re.fullmatch(r"(\d{4})-(\d{1,2})", text) if text.isascii() else None
    if not (found and C.YEAR_MIN <= int(found[1]) <= C.YEAR_MAX and 1 <= int(found[2]) <= 12):
        raise argparse.ArgumentTypeError(f"the month must be YYYY-MM with a month 01 to 12 and a year from "
                                         f"{C.YEAR_MIN} to {C.YEAR_MAX} (e.g. 2026-03), not {value!r}")
    return int(found[1]), int(found[2])


def _add_ytd_command(commands) -> None:
    ytd = commands.add_parser("ytd", help="every city's year so far against the same months a year earlier, and "
                                          "its last 12 months, from monthly data")
    ytd.add_argument("--data", default=None,
                     help="folder with cities.csv and indicators.csv (default: the store's latest release where a "
                          f"store exists, else {DATA_DIR})")
    ytd.add_argument("--release", type=int, default=None, metavar="N", help="a release of the store")
    ytd.add_argument("--indicator", default=None,
                     help="a catalog indicator (default: every indicator with monthly data)")
    ytd.add_argument("--through", type=_through, default=None, metavar="YYYY-MM",
                     help="the month every row stands at (default: each city's latest month); a city without that "
                          "month keeps its row, with the figures that need the month empty")
    ytd.add_argument("--format", choices=("table", "csv", "json"), default="table",
                     help="csv and json in full precision; json gives null for a missing figure and for an "
                          "interval with no upper bound (ratio_high where last year's months add up to 0)")


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


_count = "{:,.10g}".format
# How the readable ytd table shows a number (csv and json keep full precision).
YTD_TABLE_FORMATS = {
    **dict.fromkeys(("ytd", "ytd_previous", "last12", "previous12"), _count),
    "change": lambda v: _signed_percent(100 * v),
    **dict.fromkeys(("ratio_low", "ratio_high"), _two_decimals),
    "clear": lambda v: "yes" if v else "no",
}


def write_ytd(frame: pd.DataFrame, fmt: str, out) -> None:
    if fmt == "csv":
        frame.to_csv(out, index=False, float_format=None, lineterminator="\n")
    elif fmt == "json":
        # strict JSON: a missing figure and an unbounded interval (inf) are both null
        finite = lambda v: None if isinstance(v, float) and math.isinf(v) else v  # noqa: E731
        records = [{k: finite(_json_value(v)) for k, v in row.items()} for row in frame.to_dict(orient="records")]
        json.dump(records, out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        shown = frame.astype(object)
        for column, shape in YTD_TABLE_FORMATS.items():
            shown[column] = frame[column].map(lambda v, shape=shape: "" if pd.isna(v) else shape(v))
        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 250):
            out.write(shown.fillna("").to_string(index=False) + "\n")


def run_ytd(args, out) -> int:
    """Every city's year to date (engine.months.year_to_date) on `out`; problems on stderr; exit codes as progress."""
    found = _progress_data(args)
    if isinstance(found, int):
        return found
    data, data_dir, problems = found
    if args.indicator is not None and args.indicator not in set(data.catalog["indicator"]):
        print(f"unknown indicator {args.indicator!r}; known: {', '.join(data.catalog['indicator'])}", file=sys.stderr)
        return EXIT_UNREADABLE
    errors = sum(problem.is_error for problem in problems)
    if errors:
        print(f"{data_dir}: {errors} error(s): the rejected rows are left out of the table", file=sys.stderr)
    frame = year_to_date(data.monthly, indicator=args.indicator, through=args.through)
    if frame.empty:
        print(f"{data_dir}: no monthly rows" + (f" of {args.indicator}" if args.indicator else ""), file=sys.stderr)
    return _deliver(EXIT_ROWS_REJECTED if errors else EXIT_VALID, out, lambda: write_ytd(frame, args.format, out))


def run_progress(args, out) -> int:
    """The progress table of the folder's accepted rows on `out`; its problems on stderr.

    2: a required file cannot be read (no table); 1: some rows were rejected (the table shows the rest); 0: clean.
    """
    found = _progress_data(args)
    if isinstance(found, int):
        return found
    data, data_dir, problems = found
    errors = sum(problem.is_error for problem in problems)
    if args.indicator not in {*data.catalog["indicator"], C.HEADLINE}:
        known = ", ".join([C.HEADLINE, *data.catalog["indicator"]])
        print(f"unknown indicator {args.indicator!r}; known: {known}", file=sys.stderr)
        return EXIT_UNREADABLE
    if errors:
        print(f"{data_dir}: {errors} error(s): the rejected rows are left out of the table", file=sys.stderr)
    settings = Settings(
        indicator=args.indicator,
        target_year=args.target_year,
        reduction=args.reduction,
        baseline_year=args.baseline_year,
        smoothing=args.smoothing,
        path=args.path,
    )
    frame = progress_frame(progress_table(data, settings))
    return _deliver(EXIT_ROWS_REJECTED if errors else EXIT_VALID, out,
                    lambda: write_progress(frame, args.format, out))


def _progress_data(args):
    """(data, where it came from, problems) for `progress` and `ytd`, or an exit code after saying why on stderr.

    --data reads files; otherwise the store's release (--release, else the latest) where a store exists, else the
    data folder."""
    url = database.database_url()
    if args.data is None and (args.release is not None or uses_store(url)):
        try:
            number = args.release if args.release is not None else (latest_release(url) or {}).get("number")
            if number is None:
                print("the store has no release yet: run `python -m pioc_metrics store init`", file=sys.stderr)
                return EXIT_UNREADABLE
            data, problems = release_dataset(url, number)
        except StoreError as error:
            print(f"error: {t(error.code, 'en', **error.params)}", file=sys.stderr)
            return EXIT_UNREADABLE
        for problem in problems:
            print(problem_line(problem), file=sys.stderr)
        return data, f"release {number}", problems
    if args.release is not None:
        print("--release reads the store; leave out --data", file=sys.stderr)
        return EXIT_UNREADABLE
    data_dir = Path(args.data or DATA_DIR)
    data, reports = read_folder(data_dir, full_names=True)
    problems = [problem for report in reports for problem in report.problems]
    for problem in problems:
        print(problem_line(problem), file=sys.stderr)
    unusable = unusable_files(reports)
    if unusable:
        print(f"{data_dir}: cannot read the data ({', '.join(unusable)} gave no rows); no table", file=sys.stderr)
        return EXIT_UNREADABLE
    return data, data_dir, problems


def uses_store(url: str) -> bool:
    """A store exists: PIOC_DATABASE_URL is set, or the default SQLite file is there."""
    return bool(os.environ.get("PIOC_DATABASE_URL")) or database.exists(url)


def _deliver(code: int, out, write) -> int:
    """`write()` to `out`, then `code`: a reader that stops early (`... | head -1`) changes neither."""
    try:
        write()
        out.flush()
    except BrokenPipeError:
        _stdout_to_devnull()
    return code


def _stdout_to_devnull() -> None:
    """The reader has gone: what is left in stdout's buffer, flushed again at exit, goes nowhere (no traceback)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):  # no real stdout to replace (a test's StringIO)
        pass


def check_progress_years(parser: argparse.ArgumentParser, args) -> None:
    """A baseline at or after the target year has no required rate: refused, as the web app refuses it."""
    if getattr(args, "baseline_year", None) is not None and args.baseline_year >= args.target_year:
        parser.error(f"argument --baseline-year: {args.baseline_year} is not before the target year "
                     f"{args.target_year}")


def main(argv: list[str] | None = None, out=None) -> int:
    out = out or sys.stdout
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "validate":
            return main_validate(args.paths, out)
        if args.command in STORE_COMMANDS:
            return run_store_command(args, out)
        if args.command == "ytd":
            return run_ytd(args, out)
        check_progress_years(parser, args)
        return run_progress(args, out)
    except BrokenPipeError:  # the usual recipe, for output no command delivers itself
        _stdout_to_devnull()
        return EXIT_ROWS_REJECTED
