"""A reader's browser starts loading plotly.js with the run's first message, and keeps one copy of it.

bench/cold_start.py measures what it saves; these tests check that it happens, and would catch a Streamlit upgrade
that moves the file (the page would quietly go back to loading plotly.js late).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import open_page
from ui.preload import FRONTEND_CODE, PRELOAD_KEY, plotly_file, preload_script

PLOTLY_ADDRESS = re.compile(r"/static/js/PlotlyChart\.[A-Za-z0-9_-]+\.js$")


def test_the_installed_streamlit_has_one_plotly_file_and_its_page_loads_that_one():
    """The page's own code imports the chunk by this name, beside itself: the same address, so one copy."""
    file = plotly_file()
    assert file is not None, f"no single PlotlyChart.*.js in {FRONTEND_CODE}: Streamlit has renamed its files"
    page_code = "".join(path.read_text(encoding="utf-8") for path in FRONTEND_CODE.glob("index.*.js"))
    assert f"import(`./{file}`)" in page_code


def test_the_first_thing_a_run_draws_is_the_script_that_loads_plotly():
    app = open_page("pages/data.py")
    first = next(iter(app.main.children.values()))
    assert first.proto.id.endswith(f"-{PRELOAD_KEY}")
    (script,) = first.children.values()
    assert script.proto.body == preload_script()
    assert script.proto.unsafe_allow_javascript
    assert f'"{plotly_file()}"' in script.proto.body


@pytest.mark.parametrize(("path", "heading"), [("data", "Data & sources"), ("overview", "Borderlines")])
def test_a_page_has_the_browser_fetch_plotly_once_even_where_it_draws_no_chart(app_url, browser, path, heading):
    """On the Data page, which draws no chart, plotly.js still arrives (ready for the reader's next page); on the
    Overview, the page's own request for it finds the one already made, so it is fetched once."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url) if PLOTLY_ADDRESS.search(request.url) else None)
    page.goto(f"{app_url}/{path}", wait_until="domcontentloaded")
    page.get_by_role("heading", name=heading, exact=True).wait_for(timeout=90_000)
    if path == "overview":
        page.locator('[data-testid="stPlotlyChart"] .main-svg').first.wait_for(state="attached", timeout=90_000)
    page.wait_for_function("() => performance.getEntriesByType('resource').some(e => e.name.includes('PlotlyChart.'))",
                           timeout=30_000)
    assert fetched == [f"{app_url}/static/js/{plotly_file()}"]
    # Nothing of it takes room on the page: neither its block nor the wrapper around it, which would leave a gap.
    wrapper = page.locator(f'[data-testid="stLayoutWrapper"]:has(> .st-key-{PRELOAD_KEY})')
    expect(wrapper).to_have_count(1)
    expect(wrapper).to_be_hidden()
    context.close()
