"""The chart-text check of the browser walks (tests/browser.py, text_collisions), on plotly charts drawn in a bare
page: it finds text cut off at a chart's edge and text over text, and measures each chart against its own edges,
even when two charts sit under one id."""

from __future__ import annotations

import json
from pathlib import Path

import plotly
import pytest

from tests.browser import text_collisions

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def figure(notes: list[dict]) -> dict:
    return {"data": [{"x": [1, 2, 3], "y": [4, 1, 3], "type": "scatter"}],
            "layout": {"width": 500, "height": 300, "title": {"text": "A title"}, "annotations": notes}}


def drawn(browser, figures: list[dict]) -> list[str]:
    """The check's findings on a page with `figures` drawn one under the other, all inside one element with an id."""
    page = browser.new_page(viewport={"width": 700, "height": 900})
    try:
        page.set_content('<div id="one-panel">' + "<div data-chart></div>" * len(figures) + "</div>")
        page.add_script_tag(path=str(PLOTLY_JS))
        page.evaluate("""async figures => {
            const boxes = document.querySelectorAll('[data-chart]');
            for (const [index, figure] of figures.entries()) await Plotly.newPlot(boxes[index], figure);
        }""", json.loads(json.dumps(figures)))
        return text_collisions(page)
    finally:
        page.close()


NOTE = {"xref": "paper", "yref": "paper", "showarrow": False, "text": "A note"}


@pytest.mark.parametrize(("notes", "found"), [
    ([], []),
    ([{**NOTE, "x": 1.6, "y": 0.5}], ["note 'A note' is cut off at the chart's edge"]),
    ([{**NOTE, "x": 0.5, "y": 0.5}, {**NOTE, "x": 0.52, "y": 0.5, "text": "Another"}],
     ["note 'A note' runs into note 'Another'"]),
])
def test_the_check_finds_text_cut_off_or_over_other_text_and_nothing_else(browser, notes, found):
    assert [line.split(": ", 1)[1] for line in drawn(browser, [figure(notes)])] == found


def test_two_charts_under_one_id_are_each_measured_against_their_own_edges(browser):
    """Both charts' text lies inside its own chart: measured against the other chart's edges, all of it would be
    reported as cut off."""
    assert drawn(browser, [figure([]), figure([{**NOTE, "x": 0.2, "y": 0.9}])]) == []
