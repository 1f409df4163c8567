"""Every visit runs inside `visit(page_id)`: a page that fails shows a message and a button to try again, never a
blank page or a traceback; a visit slower than SLOW_VISIT_S is logged with its page, its query and why it was
slow (its own computing, or waiting for the server's CPU while other visits ran)."""

from __future__ import annotations

import logging
import time
from contextlib import contextmanager

import streamlit as st

from pioc_metrics.app.state import VIEW_KEY
from pioc_metrics.text.i18n import DEFAULT_LANGUAGE, t

SLOW_VISIT_S = 30.0
BUSY_SHARE = 0.5  # a slow visit that computed less than this share of its time was mostly waiting for the CPU
RETRY_KEY = "page_retry"
log = logging.getLogger("pioc_metrics.visits")


def _query() -> str:
    try:
        return "&".join(f"{key}={st.query_params.get(key)}" for key in st.query_params.keys())[:300]
    except Exception:
        return ""


def _lang() -> str:
    view = st.session_state.get(VIEW_KEY)
    return getattr(view, "lang", None) or DEFAULT_LANGUAGE


@contextmanager
def visit(page_id: str):
    """The page's whole run: failures become a message with a retry; slow runs are logged."""
    start, computing = time.perf_counter(), time.thread_time()
    try:
        yield
    except Exception as error:  # st.stop, st.rerun and st.switch_page are BaseExceptions: they pass through
        log.exception("page %s failed for %s (query %s)", page_id, type(error).__name__, _query())
        lang = _lang()
        st.error(t("page_failed", lang))
        st.button(t("page_retry", lang), key=RETRY_KEY, type="primary")  # a click runs the page again
    finally:
        wall, busy = time.perf_counter() - start, time.thread_time() - computing
        if wall > SLOW_VISIT_S:
            cause = "computing" if busy >= BUSY_SHARE * wall else "waiting for the server's CPU (other visits)"
            log.warning("slow visit: page %s (query %s) took %.1f s, %.1f s of it computing: %s", page_id,
                        _query(), wall, busy, cause)
