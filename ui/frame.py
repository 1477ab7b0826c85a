"""What every page does first, before it draws anything."""

from __future__ import annotations

import runpy
import threading
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from catalog import load_catalog

ROUTER = Path(__file__).resolve().parent.parent / "app.py"
_this_run = threading.local()  # a session's runs all happen on its own script thread


def mark_routed() -> None:
    """app.py calls this just before its navigation runs a page, so start_page knows the router ran this time."""
    _this_run.routed = True


def start_page() -> None:
    """Make sure the page runs inside app.py's navigation, then say if any dataset is not its published version.

    With a folder named pages/ beside app.py, Streamlit runs a page in its legacy multipage mode when it is the
    first run of a fresh server opening a deep link such as /data (and in every AppTest run): the page file runs on
    its own, app.py's st.navigation never runs, and the sidebar lists file names. Running the router from here, in
    the same run, sends the same URL through app.py instead, and keeps the widget values (a button click) the run
    carries, which a rerun would drop.
    """
    if not getattr(_this_run, "routed", False):
        PagesManager.uses_pages_directory = False
        runpy.run_path(str(ROUTER))
        st.stop()
    _this_run.routed = False
    data_notices()


def data_notices() -> None:
    """A hand-edited file that fails its check is never shown: readers see its last good version, and are told."""
    for state in load_catalog().fallbacks:
        if state.served:
            st.warning(f"{state.dataset.title}: this dataset failed its check; showing the version of "
                       f"{state.served.kept_at:%d %b %Y, %H:%M} UTC. The Data & sources page lists the problems.",
                       icon=":material/history:")
        else:
            st.error(f"{state.dataset.title}: this dataset failed its check and has no earlier version that passes, "
                     "so what needs it is not shown. The Data & sources page lists the problems.",
                     icon=":material/error:")
