"""What can go wrong when the store is used: each error carries a reason code and its parameters, never prose.

The text layer words them (pioc_metrics.text.messages.store); the command line maps them to exit codes
(NotAllowed: 3; StoreUnavailable and NotFound: 2).
"""

from __future__ import annotations


class StoreError(Exception):
    """Base: `code` names the reason (a message key), `params` fill its placeholders."""

    def __init__(self, code: str, **params):
        super().__init__(code, params)
        self.code = code
        self.params = params

    def __str__(self) -> str:
        details = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"{self.code}({details})" if details else self.code


class StoreUnavailable(StoreError):
    """The database cannot be reached or is not set up (exit code 2)."""


class NotFound(StoreError):
    """An unknown account, submission or release (exit code 2)."""


class NotAllowed(StoreError):
    """The acting account may not do this: wrong role, wrong city, own submission, disabled (exit code 3)."""


class Invalid(StoreError):
    """The request itself is wrong: a name already taken, a bad role, an empty reason (exit code 2)."""


class Conflict(StoreError):
    """Values changed both by a submission and by a release published since it was made (`conflicts`)."""

    def __init__(self, code: str, conflicts: list, **params):
        super().__init__(code, count=len(conflicts), **params)
        self.conflicts = conflicts
