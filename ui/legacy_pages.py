"""Streamlit's legacy pages/ mode, and how a page that it runs on its own still goes through the router.

Streamlit takes a folder named pages/ beside the main script for its legacy multipage layout until some run calls
st.navigation. Until then a deep link such as /data runs pages/data.py on its own, found by its file name, and the
main script (app.py, with its st.navigation) does not run. That happens on a fresh server's first run, and in every
AppTest run, since AppTest forgets the mode before each run. No public API or option avoids it while the folder is
called pages/, so such a page runs the main script itself, in the same run: a rerun would drop the widget values
(a button click) the run carries.

The Streamlit internals this relies on, as of 1.67 (tests/test_legacy_pages.py fails when an upgrade changes them):
- legacy mode: `PagesManager.uses_pages_directory` (streamlit/runtime/pages_manager.py) is set when the main script
  has a pages/ folder beside it and cleared by st.navigation; while it is set, `ScriptRunner._run_script` calls
  `_mpa_v1` (streamlit/runtime/scriptrunner/script_runner.py) in place of the main script, and that runs a
  deep-linked page file without it. This module never touches the flag; app.py's st.navigation clears it.
- `streamlit.runtime.scriptrunner.get_script_run_ctx().main_script_path`: the current run's main script, the file
  `streamlit run` or AppTest was given, so a copy of the app in another folder goes through its own router.
- the main script's st.navigation may run, and run the page again, nested inside the page that legacy mode runs.
"""

from __future__ import annotations

import runpy
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

_this_run = threading.local()  # a session's run happens on its own script thread


@contextmanager
def routed() -> Iterator[None]:
    """The router runs the page inside this, so the page knows it came through st.navigation this time."""
    _this_run.routed = True
    try:
        yield
    finally:
        _this_run.routed = False


def route_through_main_script() -> None:
    """Called first by a page: if legacy mode ran it on its own, run the main script instead, then end this run."""
    if getattr(_this_run, "routed", False):
        return
    runpy.run_path(get_script_run_ctx().main_script_path)
    st.stop()
