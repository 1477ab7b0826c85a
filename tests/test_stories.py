"""The reader pages' words live once, in press/stories.py: each app page (AppTest) shows its story's title, every
prose paragraph and every heading, in order, with its charts; the edition's story pages read the same stories
(tests/test_edition.py)."""

from __future__ import annotations

import pytest

from charts.registry import CHARTS
from press.stories import STORIES
from tests.conftest import open_page


@pytest.mark.parametrize("page_name", STORIES)
def test_each_app_page_tells_its_story_in_order(page_name):
    story = STORIES[page_name]
    app = open_page(None if page_name == "overview" else f"pages/{page_name}.py")
    assert app.title[0].value == story.title
    prose = [section.prose for section in story.sections if section.prose]
    shown = [block.value for block in app.markdown]
    assert [paragraph for paragraph in shown if paragraph in prose] == prose
    headings = [section.heading for section in story.sections if section.heading and not section.folded]
    assert [header.value for header in app.subheader if header.value in headings] == headings
    folds = [section.heading for section in story.sections if section.folded]
    assert [fold.label for fold in app.expander if fold.label in folds] == folds
    drawn = [element.proto.id for element in app.get("plotly_chart")]
    plotted = [name for name in story.charts if not CHARTS[name].is_table and not CHARTS[name].is_map]
    assert len(drawn) == len(plotted)
