"""Problems found in input files: values, never exceptions."""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"  # the row (or file) is rejected
WARNING = "warning"  # the row is kept or dropped harmlessly; the user should know


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where it is and why, in a translatable form.

    `code` names the reason (a key of the translation catalog, e.g. "missing_source");
    `params` fills the reason's placeholders. `row` is the row number as a spreadsheet
    shows it (header = 1, first data row = 2); None for a problem with the whole file.
    """

    file: str
    row: int | None
    column: str | None
    code: str
    severity: str = ERROR
    params: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR
