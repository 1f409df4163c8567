"""The one escaper: markdown text stays inert even where Streamlit rewrites text after reading escapes."""

from __future__ import annotations

import re

import pytest

from pioc_metrics.text import escape

HOSTILE = r":smile: :material/home: :red[x] **y** $\frac{1}{2}$ [x](https://example.org) <b>b</b>"


def unescaped(source: str) -> str:
    """What markdown shows for escaped text: breaks are empty, `\\c` is `c`."""
    return re.sub(r"\\(.)", r"\1", source.replace(escape.MARKDOWN_BREAK, ""))


@pytest.mark.parametrize("name", [
    HOSTILE, ":streamlit: :material_home: a -> b x@y.org www.example.org http://a.b", "1. list", "# h", "a | b",
    "Medellín", "",
])
def test_markdown_shows_the_text_as_typed(name):
    assert unescaped(escape.markdown(name)) == name


def test_every_markup_character_is_escaped():
    source = escape.markdown(HOSTILE).replace(escape.MARKDOWN_BREAK, "")
    assert not re.search(r"(?<!\\)[$\[\]:<>*`/]", source)


@pytest.mark.parametrize("pattern, kept_apart", [
    (":smile:", ":smile"), (":material/home:", ":material"), ("https://example.org", "https://"),
    ("x@y.org", "x@"), ("www.example.org", "www."), ("a -> b", "->"),
])
def test_patterns_streamlit_rewrites_after_parsing_are_kept_apart(pattern, kept_apart):
    pieces = [unescaped(p) for p in escape.markdown(pattern).split(escape.MARKDOWN_BREAK)]
    assert not any(kept_apart in piece for piece in pieces)


def test_new_lines_cannot_open_a_block_of_their_own():
    assert "\n" not in escape.markdown("a\n# b\n\n    code")
