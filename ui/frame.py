"""What every page does first, before it draws anything."""

from __future__ import annotations

import streamlit as st

from catalog import load_catalog
from i18n import ENGLISH, _, language
from i18n.formats import date_at
from ui.legacy_pages import route_through_main_script


def start_page() -> None:
    """Make sure the page runs inside app.py's navigation, then say if any dataset is not its published version.

    Streamlit's legacy pages/ mode (ui/legacy_pages.py) runs a deep-linked page on its own on a fresh server's first
    run and in every AppTest run; the page then runs app.py itself, which runs the page again inside its navigation.
    """
    route_through_main_script()
    data_notices()


def data_notices() -> None:
    """A hand-edited file that fails its check is never shown: readers see its last good version, and are told.
    Translations are the exception: a new row waiting for its translation is everyday work, not a fault, and an
    English reader never sees them, so only a reader of another language is told, once, in plain words."""
    for state in load_catalog().fallbacks:
        if state.dataset.translates:
            if language() != ENGLISH:
                st.info(_("Some of the newest text in the data is not translated yet: it is shown in English."),
                        icon=":material/translate:")
            continue
        if state.served:
            kept_at = state.served.kept_at
            st.warning(_("{dataset}: this dataset failed its check; showing the version of {day}, {time} UTC. The "
                         "Data & sources page lists the problems.").format(
                             dataset=_(state.dataset.title), day=date_at(kept_at), time=f"{kept_at:%H:%M}"),
                       icon=":material/history:")
        else:
            st.error(_("{dataset}: this dataset failed its check and has no earlier version that passes, so what "
                       "needs it is not shown. The Data & sources page lists the problems.").format(
                           dataset=_(state.dataset.title)), icon=":material/error:")
