"""The one list of the app's pages: the navigation, page_setup, the tests and the benchmarks all read it.

Streamlit finds the pages by their files (dashboard.py and pages/*.py); this list says what
each one is called, where it is served and which query parameters of its own it keeps.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """One page of the app."""

    id: str  # the name page_setup() and the tests use
    script: str  # path from the repository root, as st.page_link and AppTest.switch_page take it
    title_key: str  # translation key of its name (navigation, browser tab)
    url_path: str  # where Streamlit serves it: the script's name without its number prefix
    keeps: tuple[str, ...] = ()  # query parameters of its own, kept in the URL beside the shared ones
    sidebar: bool = True  # the shared settings sidebar (the presentation has none)
    listed: bool = True  # in the navigation's list (the sign-in page is linked from the sidebar's foot instead)
    role: str | None = None  # only for accounts with this role or above (listed for them alone); None: everyone


PAGES: tuple[Page, ...] = (
    Page("overview", "dashboard.py", "nav_overview", "/"),
    Page("city", "pages/1_city.py", "nav_city", "/city"),
    Page("compare", "pages/2_compare.py", "nav_compare", "/compare", keeps=("mode",)),
    Page("map", "pages/3_map.py", "nav_map", "/map", keeps=("area",)),
    Page("data", "pages/4_data.py", "nav_data", "/data"),
    Page("practices", "pages/10_practices.py", "nav_practices", "/practices", keeps=("q", "approach", "in",
                                                                                  "practice")),
    Page("methodology", "pages/5_methodology.py", "nav_methodology", "/methodology"),
    Page("present", "pages/6_present.py", "nav_present", "/present", keeps=("slide", "city", "slides"),
         sidebar=False),
    Page("sign_in", "pages/7_sign_in.py", "nav_sign_in", "/sign_in", listed=False),
    Page("review", "pages/8_review.py", "nav_review", "/review", role="reviewer"),
    Page("accounts", "pages/9_accounts.py", "nav_accounts", "/accounts", role="admin"),
)
VISITOR_PAGES = tuple(p for p in PAGES if p.role is None)  # what anyone with the link may open
ROLE_ORDER = ("editor", "reviewer", "admin")  # each role may do what the ones before it may
_BY_ID = {p.id: p for p in PAGES}


def allowed(entry: Page, role: str | None) -> bool:
    """May an account with `role` (None: a visitor) open this page?"""
    if entry.role is None:
        return True
    return role in ROLE_ORDER and ROLE_ORDER.index(role) >= ROLE_ORDER.index(entry.role)


def page(page_id: str) -> Page:
    """The page called `page_id` (KeyError for an unknown one: a typo in a page file fails at once)."""
    return _BY_ID[page_id]
