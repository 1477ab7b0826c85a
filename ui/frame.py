"""What every page does first, before it draws anything."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from catalog import load_catalog


def start_page() -> None:
    """Make sure the page runs inside app.py's navigation, then say if any dataset is not its published version.

    With a folder named pages/ beside app.py, Streamlit runs the first session of a fresh server in its legacy
    multipage mode when that session opens a deep link such as /data: the page file runs on its own, app.py's
    st.navigation never runs, and the sidebar lists file names. Switching the legacy flag off and rerunning sends
    the same URL through app.py's router instead.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
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
