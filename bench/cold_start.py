"""Cold first chart: from `streamlit run` to the first chart painted in headless Chromium, against an app that only
writes one line, started and opened the same way. Each run starts a new server and a new browser context."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.server import APP, running_server
from tests.browser import CHROMIUM, CHROMIUM_ARGS

# What a reader sees first: the overview's timeline drawn; for the floor app, its one line of text.
FIRST_CHART = '[data-testid="stPlotlyChart"] .main-svg'
FLOOR_TEXT = '[data-testid="stMarkdown"]'
FLOOR_APP = 'import streamlit as st\n\nst.markdown("ready")\n'


def seconds_to_paint(browser, script: Path, selector: str) -> float:
    started = time.perf_counter()
    with running_server(script) as (base, _server):
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        page.goto(base, wait_until="commit", timeout=300_000)
        page.locator(selector).first.wait_for(state="attached", timeout=300_000)
        seconds = time.perf_counter() - started
        context.close()
    return seconds


def cold_first_chart(repeats: int) -> tuple[float, float]:
    """Median seconds to the first chart of the app and to the floor app's text, runs alternating."""
    app, floor = [], []
    with tempfile.TemporaryDirectory() as directory, sync_playwright() as playwright:
        floor_script = Path(directory) / "floor_app.py"
        floor_script.write_text(FLOOR_APP)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(repeats):
            floor.append(seconds_to_paint(browser, floor_script, FLOOR_TEXT))
            app.append(seconds_to_paint(browser, APP, FIRST_CHART))
        browser.close()
    return statistics.median(app), statistics.median(floor)
