"""The edition rebuilt after a publish or a rollback, and its progress and failures shown to the editor.

The build runs in a process of its own (press.background); this starts it and reads its status file. An edition is
rebuilt only where one has been built (`make edition` made its folder), so a server without one is left alone.
"""

from __future__ import annotations

import time

import streamlit as st

from charts.text import escape_markdown
from press.background import read_status, rebuild_in_background, status_path
from press.build import latest_version
from press.config import edition_config

SILENT_FOR = 300  # seconds without a word from a build before the editor is told it stopped


def rebuild_edition() -> bool:
    """Start rebuilding the edition for the data as published now; False when this server has no edition."""
    if latest_version(edition_config().folder) is None:
        return False
    rebuild_in_background()
    return True


@st.fragment(run_every=2)
def edition_progress(only_when_busy: bool = False) -> None:
    """The last build, followed live: its progress, its failure, or where the new version is. With
    `only_when_busy`, says nothing once a build has finished well."""
    folder = edition_config().folder
    status = read_status(folder)
    if status is None or (only_when_busy and status.state == "done"):
        return
    if status.state == "building" and time.time() - status_path(folder).stat().st_mtime > SILENT_FOR:
        st.error("The edition's rebuild stopped without finishing (its log is edition/.build.log). Articles keep "
                 "showing the previous version; run `make edition` to build this one.", icon=":material/error:")
    elif status.state == "building":
        st.progress(status.share, text=f"Rebuilding the edition for embeds and citations: {status.step} "
                                       f"({status.done} of {status.total or '?'})")
    elif status.state == "failed":
        st.error(f"The edition could not be rebuilt: {escape_markdown(status.message)}. Articles keep showing the "
                 "previous version; publish again or run `make edition` once the problem is fixed.",
                 icon=":material/error:")
    else:
        address = edition_config().url(f"v/{status.version}/")
        st.success(f"The edition of data version {status.version} is built: {address} (latest points at it).",
                   icon=":material/public:")
