"""Text from CSVs is never rendered as HTML, on any page, in the app or in a real browser.

Every free-text column of every dataset gets markup that would run script if it were rendered as HTML; every page
must show it as text.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from catalog import DATASETS, load_catalog
from tests.browser import ARTIFACTS, running_app, wait_for_streamlit
from tests.conftest import REPO, open_page
from tests.csv_edits import rows_of, write
from tests.test_broken_data_on_disk import READER_PAGES
from ui.preload import preload_script

ATTACK = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>'


def poison_every_text_column(data_dir) -> None:
    for dataset in DATASETS.values():
        text_columns = [spec.name for spec in dataset.columns if spec.kind == "text"]
        header, rows = rows_of(data_dir / dataset.filename)
        for row in rows:
            for column in text_columns:
                if row[header.index(column)]:  # an empty cell can mean something (an exact figure has no qualifier)
                    row[header.index(column)] += f" {ATTACK}"
        write(data_dir / dataset.filename, header, rows)


def elements(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from elements(child)


@pytest.fixture
def poisoned(data_copy):
    poison_every_text_column(data_copy)
    assert not load_catalog().problems, "the attack text must pass the checks, or pages would not show it"
    return data_copy


@pytest.mark.parametrize("page_file", READER_PAGES)
def test_no_page_passes_csv_text_to_an_html_element(poisoned, page_file):
    page = open_page(page_file)
    for element in elements(page._tree):
        proto = getattr(element, "proto", None)
        if proto is None:
            continue
        renders_html = getattr(proto, "allow_html", False) or element.type == "html"
        # The router's own constant script (ui/preload.py) is the one exception, identical whatever the data.
        if renders_html and getattr(proto, "body", None) != preload_script():
            assert "onerror" not in str(proto) and "<script" not in str(proto), f"{page_file}: {element}"


def test_no_script_from_a_csv_runs_in_the_browser(poisoned, browser):
    with running_app(REPO, env={"BORDERLINES_DATA_DIR": str(poisoned)}) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for page_file in READER_PAGES:
            path = page_file.removeprefix("pages/").removesuffix(".py")
            page.goto(f"{base}/{'' if path == 'overview' else path}", wait_until="domcontentloaded")  # the default
            wait_for_streamlit(page)
            expect(page.locator('[data-testid="stMainBlockContainer"] h1').first).to_be_visible(timeout=90_000)
            page.wait_for_timeout(1500)  # charts and maps draw after the script finishes
            assert page.evaluate("() => window.__xss") is None, f"script from a CSV ran on {path}"
            assert page.locator('img[src="x"]').count() == 0, f"an <img> from a CSV was built on {path}"
            page.screenshot(path=str(ARTIFACTS / f"attack-text-{path}.png"))
            if path == "overview":  # its source lines quote source titles: the markup shows as the text it is
                expect(page.get_by_text("onerror=", exact=False).first).to_be_visible()
        assert dialogs == []
        context.close()
