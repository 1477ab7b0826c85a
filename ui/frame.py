"""What every page does first, before it draws anything."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def start_page() -> None:
    """Make sure the page runs inside app.py's navigation.

    With a folder named pages/ beside app.py, Streamlit runs the first session of a fresh server in its legacy
    multipage mode when that session opens a deep link such as /data: the page file runs on its own, app.py's
    st.navigation never runs, and the sidebar lists file names. Switching the legacy flag off and rerunning sends
    the same URL through app.py's router instead.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
