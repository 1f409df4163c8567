"""`python -m pioc_metrics validate PATH...`: check data files against the contract."""

from __future__ import annotations

import sys

from pioc_metrics.loading import problem_message, validate_paths

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
    for file, problems, n_accepted, unreadable in results:
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
