"""Cold first chart: from `streamlit run` to the first chart painted in headless Chromium, against an app that only
writes one line, started and opened the same way; and, for reference, an app that only draws one small chart.
Each run starts a new server and a new browser context."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.chromium import CHROMIUM, CHROMIUM_ARGS
from bench.server import APP, running_server

# What a reader sees first: the overview's timeline drawn; for the floor app, its one line of text.
FIRST_CHART = '[data-testid="stPlotlyChart"] .main-svg'
FLOOR_TEXT = '[data-testid="stMarkdown"]'
FLOOR_APP = 'import streamlit as st\n\nst.markdown("ready")\n'
ONE_CHART_APP = ('import plotly.graph_objects as go\nimport streamlit as st\n\n'
                 'st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3], y=[3, 1, 2])))\n')


def seconds_to_paint(browser, script: Path, selector: str) -> float:
    started = time.perf_counter()
    with running_server(script) as (base, _server):
        return open_until_drawn(browser, base, selector, timeout=300) - started


def open_until_drawn(browser, url: str, selector: str, timeout: float) -> float:
    """Open a page in a fresh browser context (nothing cached); the `time.perf_counter()` at which `selector` was in
    it."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(url, wait_until="commit", timeout=timeout * 1000)
    page.locator(selector).first.wait_for(state="attached", timeout=timeout * 1000)
    drawn = time.perf_counter()
    context.close()
    return drawn


def cold_first_chart(repeats: int) -> dict[str, float]:
    """Median seconds to the floor app's text, to the one-chart app's chart and to Borderlines' first chart, each
    started `repeats` times, taking turns."""
    runs: dict[str, list[float]] = {"floor": [], "one chart": [], "borderlines": []}
    with tempfile.TemporaryDirectory() as directory, sync_playwright() as playwright:
        floor_script, one_chart_script = Path(directory) / "floor_app.py", Path(directory) / "one_chart_app.py"
        floor_script.write_text(FLOOR_APP)
        one_chart_script.write_text(ONE_CHART_APP)
        apps = {"floor": (floor_script, FLOOR_TEXT), "one chart": (one_chart_script, FIRST_CHART),
                "borderlines": (APP, FIRST_CHART)}
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(repeats):
            for name, (script, selector) in apps.items():
                runs[name].append(seconds_to_paint(browser, script, selector))
        browser.close()
    return {name: statistics.median(seconds) for name, seconds in runs.items()}
