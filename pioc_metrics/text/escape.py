"""The one place where text from files, uploads and users is made inert for each place it is shown.

Every page, figure, map and export shows data-borne text (city names, sources, notes)
through one of these, so a name like `:red[x]`, `$\\frac{1}{2}$`, `<b>x</b>` or
`[x](https://example.org)` always shows exactly as it was typed.
"""

from __future__ import annotations

import html
import re

# Characters that start markup in Streamlit's markdown: CommonMark's punctuation, Streamlit's
# `:shortcode:` / `:colour[...]` directives (the colon) and KaTeX's `$`.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&\"'/@])")
# Streamlit rewrites some text *after* markdown has read the escapes: `:smile:` and `:material/x:`
# shortcodes, `https://` / `www.` / e-mail autolinks and `->`-style arrows. An empty `:small[]`
# directive (an empty span, nothing on screen) between two characters keeps such a pattern apart.
MARKDOWN_BREAK = ":small[]"
_BREAK_BETWEEN = re.compile(r"(?<=:)(?=\S)|(?<=\S)(?=@)|(?<=[wW]{3})(?=\.)|(?<=[<>~-])(?=[<>=-])")
_FILENAME_UNSAFE = re.compile(r"[^a-z0-9_-]+")


def _text(value: object) -> str:
    return "" if value is None else str(value)


def markdown(value: object) -> str:
    """For st.markdown, st.caption, headings and widget labels: every markup character backslash-escaped.

    Runs of white space (including new lines) become one space, so text cannot open a
    heading, a list or a code block of its own.
    """
    pieces = _BREAK_BETWEEN.split(" ".join(_text(value).split()))
    return MARKDOWN_BREAK.join(_MARKDOWN_SPECIAL.sub(r"\\\1", piece) for piece in pieces)


def plotly(value: object) -> str:
    """For plotly titles, labels, hover text and annotations (plotly reads a few HTML tags and
    `%{...}` templates): tags, entities and braces shown as typed."""
    escaped = html.escape(_text(value), quote=False)
    return escaped.replace("{", "&#123;").replace("}", "&#125;")


def tooltip(value: object) -> str:
    """For pydeck tooltips given as {"html": ...}: HTML-escaped, and braces neutralised so no
    `{field}` template can expand."""
    escaped = html.escape(_text(value), quote=True)
    return escaped.replace("{", "&#123;").replace("}", "&#125;")


def filename(value: object, default: str = "pioc") -> str:
    """A file name stem from any text: lower-case letters, digits, `_` and `-` only."""
    stem = _FILENAME_UNSAFE.sub("_", _text(value).lower()).strip("_")
    return stem or default
