"""The page registry is the one list of pages: every page file is in it, it says where each is served,
the navigation follows it, and every page in it opens clean."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pioc_metrics.app.registry import PAGES, allowed, page
from pioc_metrics.text.i18n import LANGUAGES, t
from tests.apptest_pages import open_page

ROOT = Path(__file__).resolve().parents[2]


def served_at(script: str) -> str:
    """Where Streamlit serves a script: the entry page at /, a page at its name without the number prefix."""
    if script == "dashboard.py":
        return "/"
    return "/" + re.sub(r"^\d+[_ -]*", "", Path(script).stem)


def test_every_page_file_is_registered_once():
    files = {"dashboard.py", *(f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py"))}
    scripts = [p.script for p in PAGES]
    assert sorted(scripts) == sorted(files)
    assert len({p.id for p in PAGES}) == len(PAGES)


@pytest.mark.parametrize("entry", PAGES, ids=lambda p: p.id)
def test_registry_says_where_streamlit_serves_each_page(entry):
    assert entry.url_path == served_at(entry.script)
    assert page(entry.id) is entry


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_has_a_translated_title(lang):
    for entry in PAGES:
        assert t(entry.title_key, lang) != entry.title_key


def test_the_navigation_links_every_page_a_visitor_may_open_in_order_with_the_view_then_sign_in():
    at = open_page("methodology", lang="es")
    links = [(link.proto.page, link.proto.label, link.proto.query_string) for link in at.get("page_link")]
    shown = [p for p in PAGES if p.listed and allowed(p, None)] + [page("sign_in")]
    assert links == [(p.url_path.lstrip("/"), t(p.title_key, "es"), "lang=es&indicator=headline") for p in shown]


@pytest.mark.parametrize("entry", [p for p in PAGES if p.role is None], ids=lambda p: p.id)
def test_every_page_opens_clean(entry):
    at = open_page(entry.id, lang="pt")
    assert not at.exception
    definitions = t("compare_definitions_differ", "pt", indicator="").split(" ")[0]  # a caveat on the data, kept
    assert not [w for w in at.warning if not w.value.startswith(definitions)]  # nothing in the link was refused
