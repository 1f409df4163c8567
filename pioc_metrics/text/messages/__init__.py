"""The English source of every message, each with its key: what translators translate.

Each module here lists one area's messages in `MESSAGES`:

    message("nav_overview", "Network overview")
    plural("city_years_span", "{first}–{last}, {n} year", "{first}–{last}, {n} years")
    plural("data_rows_shown", "{rows} row matches…", "{rows} rows match…", count="rows")

`message` and `plural` only record the text. `pybabel extract` (babel.cfg) reads the same calls into
`locale/messages.pot`: the key becomes the msgctxt, the English the msgid. A plural's form follows the
parameter `n` unless `count` names another. A counted word inside a sentence with several counts gets
its own plural, keyed `<sentence key>.<placeholder>`, and `t()` fills that placeholder with it.
"""

from __future__ import annotations

from typing import NamedTuple


class Message(NamedTuple):
    key: str
    english: str
    english_plural: str | None = None
    count: str = "n"


def message(key: str, english: str) -> Message:
    return Message(key, english)


def plural(key: str, one: str, other: str, *, count: str = "n") -> Message:
    """A message with a singular and a plural English form; the catalogs hold each language's forms."""
    return Message(key, one, other, count)
