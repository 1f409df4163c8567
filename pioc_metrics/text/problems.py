"""A data problem (pioc_metrics.data.problems.Problem) as a sentence in the user's language."""

from __future__ import annotations

from collections.abc import Callable

from pioc_metrics.data.problems import Problem
from pioc_metrics.text.i18n import t


def problem_message(problem: Problem, lang: str, quote: Callable[[str], str] | None = None) -> str:
    """The reason of a problem in the user's language (without file, row and column).

    `quote` makes each text parameter (a cell's value, a file name) inert for where the sentence is shown.
    """
    params = {"column": problem.column or "", "row": problem.row or "", "file": problem.file}
    params.update(problem.params)
    if quote is not None:
        params = {name: quote(value) if isinstance(value, str) else value for name, value in params.items()}
    return t(problem.code, lang, **params)


def problem_line(problem: Problem) -> str:
    """`FILE:ROW: COLUMN: reason` in English, as `validate` prints it (a warning's reason after "warning: ")."""
    row = "" if problem.row is None else str(problem.row)
    kind = "" if problem.is_error else "warning: "
    return f"{problem.file}:{row}: {problem.column or ''}: {kind}{problem_message(problem, 'en')}"


def problem_sentence(problem: Problem, lang: str, quote: Callable[[str], str] = str) -> str:
    """Where the problem is (file, row, column) and why, in the user's language: "cities.csv, row 24, ...: ..."."""
    reason = problem_message(problem, lang, quote)
    place = {"file": quote(problem.file), "row": problem.row, "column": quote(problem.column or ""),
             "reason": reason}
    if problem.row is None:
        return t("data_problem_column" if problem.column else "data_problem_file", lang, **place)
    return t("data_problem_cell" if problem.column else "data_problem_row", lang, **place)
