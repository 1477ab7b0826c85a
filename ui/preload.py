"""The reader's browser starts loading plotly.js before the server has anything to draw with it.

Streamlit's page fetches plotly.js (4.7 MB, about two seconds of a laptop's time to load and run without a GPU) only
when the first chart arrives, and on a fresh server the first chart arrives after the run has imported pandas and
plotly and read the data, two more seconds. Sent as the first thing a run draws, this script has the browser load
plotly.js while the server works, so the two overlap (bench/findings.md: the cold first chart).

Only Streamlit's own file is loaded, from the same address the page would load it from, so the browser keeps one
copy; a Streamlit that names its files otherwise finds no file here, and its pages load plotly.js as before.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import streamlit as st

from ui.style import out_of_sight

PRELOAD_KEY = "chart-code"
# Streamlit's browser code is split into files named after the element they draw, with a hash of their content.
FRONTEND_CODE = Path(st.__file__).parent / "static" / "static" / "js"
PLOTLY_FILE = re.compile(r"PlotlyChart\.[A-Za-z0-9_-]+\.js")

# The page's own script is .../static/js/index.<hash>.js; its chunks sit beside it, whatever the app's base path.
PRELOAD_JS = """<script type="module">
const page = document.querySelector('script[type="module"][src*="/static/js/index."]');
if (page) import(new URL({file}, page.src).href).catch(() => {{}});
</script>"""


@functools.cache
def plotly_file() -> str | None:
    """The name of the installed Streamlit's file that holds plotly.js, if there is exactly one."""
    found = [path.name for path in FRONTEND_CODE.glob("PlotlyChart.*.js") if PLOTLY_FILE.fullmatch(path.name)]
    return found[0] if len(found) == 1 else None


def preload_script() -> str | None:
    """The script, our own constant and a file name from Streamlit's package: nothing from a CSV or an address."""
    file = plotly_file()
    return None if file is None else PRELOAD_JS.format(file=json.dumps(file))


def start_loading_plotly() -> None:
    """Run by the router before anything else, pandas' import included."""
    script = preload_script()
    if script is None:
        return
    out_of_sight(PRELOAD_KEY)
    with st.container(key=PRELOAD_KEY):
        st.html(script, unsafe_allow_javascript=True)
