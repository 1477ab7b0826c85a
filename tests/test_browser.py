"""The Data page in a real browser: started with `make run`, opened in headless Chromium, at desktop and phone size.

Asserts what a reader sees (the dataset table and a working download) and that no request leaves the app's own
server. Screenshots are kept under test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import csv
import io
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, is_own_host, running_app
from tests.conftest import REPO
from tests.test_router import pages_in_router

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def app_url():
    ARTIFACTS.mkdir(exist_ok=True)
    with running_app(REPO) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), f"no Chromium at {CHROMIUM}: run `make test`, which installs it"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@contextmanager
def visit(browser, app_url: str, path: str, viewport: str, heading: str):
    """Open a page as a reader would and wait for its heading; on leaving, fail on an exception box or on any
    request that went to a host other than the app's own."""
    context = browser.new_context(viewport=VIEWPORTS[viewport], accept_downloads=True)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{app_url}/{path}", wait_until="domcontentloaded")
    wait_for_streamlit(page)
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=90_000)
    yield page
    assert page.locator('[data-testid="stException"]').count() == 0
    foreign = [url for url in requests if not is_own_host(url, app_url)]
    assert foreign == [], f"requests left the app's own server: {foreign}"
    context.close()


def wait_for_streamlit(page) -> None:
    page.wait_for_selector('[data-testid="stApp"]', timeout=90_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidgetRunningIcon\"]')", timeout=90_000)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_data_page_shows_a_dataset_table_and_a_download_that_works(app_url, browser, viewport, tmp_path):
    with visit(browser, app_url, "data?dataset=places", viewport, "Data & sources") as page:
        expect(page.get_by_role("heading", name="Places")).to_be_visible()
        if viewport == "desktop":  # on a phone the sidebar starts collapsed
            nav = page.locator('[data-testid="stSidebarNavLink"]')
            expect(nav).to_have_count(len(pages_in_router()))  # titles from app.py, not legacy file names
            expect(nav.filter(has_text="Data & sources")).to_have_count(1)
        expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible()

        button = page.get_by_role("button", name="Download places.csv")
        button.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / f"data-page-{viewport}.png"))
        with page.expect_download(timeout=60_000) as download_info:
            button.click()
        saved = tmp_path / "places.csv"
        download_info.value.save_as(saved)
        rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
        assert "upper-lars" in {row["place_id"] for row in rows}
        assert download_info.value.suggested_filename == "places.csv"


def test_choosing_a_dataset_puts_it_in_the_url(app_url, browser):
    with visit(browser, app_url, "data", "desktop", "Data & sources") as page:
        chooser = page.get_by_role("combobox", name="Dataset")
        chooser.click()
        chooser.fill("Timeline of events")
        chooser.press("Enter")
        expect(page.get_by_role("heading", name="Timeline of events")).to_be_visible(timeout=60_000)
        page.wait_for_url("**/data?dataset=events", timeout=30_000)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_overview_draws_its_headline_figures_and_timeline(app_url, browser, viewport):
    with visit(browser, app_url, "?country=KAZ,RUS", viewport, "Borderlines") as page:
        expect(page.get_by_text("200,000", exact=True)).to_be_visible()
        chart = page.locator('[data-testid="stPlotlyChart"]').first
        expect(chart.locator(".main-svg").first).to_be_attached(timeout=90_000)
        assert chart.locator(".scatterlayer .point").count() > 0, "the timeline drew no points"
        chart.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / f"overview-{viewport}.png"))


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_entry_rules_page_draws_its_chart_and_calculator(app_url, browser, viewport):
    link = "entry_rules?rule=kaz-eaeu-90-in-180&trips=2024-01-01..2024-03-30&as_of=2024-03-30"
    with visit(browser, app_url, link, viewport, "Entry rules") as page:
        assert page.get_by_text("Page not found").count() == 0
        chart = page.locator('[data-testid="stPlotlyChart"]').first
        expect(chart.locator(".main-svg").first).to_be_attached(timeout=90_000)
        assert chart.locator(".bars .point").count() > 0, "the rules chart drew no bars"
        days_used = page.locator('[data-testid="stMetric"]').filter(has_text="Days used")
        expect(days_used).to_contain_text("90")
        days_used.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / f"entry-rules-{viewport}.png"))


TWO_CHART_PAGES = {"entry_bans": "Entry bans", "extraditions": "Extraditions", "money": "Money and migrants"}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", TWO_CHART_PAGES)
def test_pages_with_two_charts_draw_both(app_url, browser, viewport, path):
    with visit(browser, app_url, path, viewport, TWO_CHART_PAGES[path]) as page:
        charts = page.locator('[data-testid="stPlotlyChart"]')
        expect(charts).to_have_count(2, timeout=90_000)
        for index in range(2):
            expect(charts.nth(index).locator(".main-svg").first).to_be_attached(timeout=90_000)
            assert charts.nth(index).locator(".point").count() > 0, f"chart {index} drew nothing"
        charts.nth(0).scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / f"{path}-{viewport}.png"))


MAP_PAGES = {"exodus": "The 2022 exodus", "us_restrictions": "US restrictions", "entry_bans": "Entry bans"}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", MAP_PAGES)
def test_maps_draw_offline(app_url, browser, viewport, path):
    with visit(browser, app_url, path, viewport, MAP_PAGES[path]) as page:
        deck = page.locator('[data-testid="stDeckGlJsonChart"]').first
        expect(deck.locator("canvas").first).to_be_attached(timeout=90_000)
        deck.scroll_into_view_if_needed()
        box = deck.bounding_box()
        assert box and box["width"] > 300 and box["height"] > 300
        page.wait_for_timeout(1500)  # let deck.gl paint before the screenshot a person will look at
        page.screenshot(path=str(ARTIFACTS / f"{path}-map-{viewport}.png"))
