"""A data problem (pioc_metrics.data.problems.Problem) as a sentence in the user's language."""

from __future__ import annotations

from pioc_metrics.data.problems import Problem
from pioc_metrics.text.i18n import t


def problem_message(problem: Problem, lang: str) -> str:
    """The reason of a problem in the user's language (without file, row and column)."""
    params = {"column": problem.column or "", "row": problem.row or "", "file": problem.file}
    params.update(problem.params)
    return t(problem.code, lang, **params)
