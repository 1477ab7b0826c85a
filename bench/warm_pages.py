"""Warm page runs: the server-side time of one rerun of each page, against an empty Streamlit script.

Both run in AppTest, Streamlit's own script runner without a browser, after a first run has paid the imports and
filled the caches, so what is left is what a reader waits for on every click.
"""

from __future__ import annotations

import statistics
import time

from streamlit.testing.v1 import AppTest

from bench.server import APP, REPO

PAGE_FILES = sorted(str(path.relative_to(REPO)) for path in (REPO / "pages").glob("*.py"))
# A script that only draws one small chart, built once and cached: how close to the empty script a chart can come.
ONE_CACHED_CHART = """
import plotly.graph_objects as go
import streamlit as st

@st.cache_resource
def figure():
    return go.Figure(go.Scatter(x=list(range(50)), y=list(range(50))))

st.plotly_chart(figure())
"""


def rerun_seconds(app: AppTest) -> float:
    """Wall time of one rerun of what the app shows now; fails on an exception, which would be no page."""
    started = time.perf_counter()
    app.run()
    seconds = time.perf_counter() - started
    assert not app.exception, app.exception
    return seconds


def opened(page_file: str | None, script: str = "") -> AppTest:
    """A session that has run once: a script given as text (page_file None), or a page opened through the
    router."""
    if page_file is None:
        app = AppTest.from_string(script, default_timeout=120)
    else:
        app = AppTest.from_file(str(APP), default_timeout=120)
        app.run()
        app.switch_page(page_file)
    app.run()
    return app


def warm_page_runs(repeats: int) -> dict[str, tuple[float, float]]:
    """For every page (and first, key None, the one-cached-chart script), median seconds per rerun of it and of
    the empty script, their reruns alternating so that a busy moment on the machine falls on both."""
    empty = opened(None)
    medians = {}
    for page_file in [None, *PAGE_FILES]:
        page = opened(page_file, ONE_CACHED_CHART)
        runs = [(rerun_seconds(page), rerun_seconds(empty)) for _ in range(repeats)]
        medians[page_file] = (statistics.median(run[0] for run in runs), statistics.median(run[1] for run in runs))
    return medians
