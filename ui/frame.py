"""What every page does first, before it draws anything."""

from __future__ import annotations

import streamlit as st

from catalog import load_catalog
from ui.legacy_pages import route_through_main_script


def start_page() -> None:
    """Make sure the page runs inside app.py's navigation, then say if any dataset is not its published version.

    Streamlit's legacy pages/ mode (ui/legacy_pages.py) runs a deep-linked page on its own on a fresh server's first
    run and in every AppTest run; the page then runs app.py itself, which runs the page again inside its navigation.
    """
    route_through_main_script()
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
