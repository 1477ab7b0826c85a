"""WCAG 2.1 AA beyond what axe-core can see: the keyboard reaches and works every control of every reader page with
a visible focus ring, charts are figures named by their title and text alternative, and a notice that a dataset is
shown from its last good version is announced. axe-core itself runs on every page in every view in
tests/test_every_page.py.
"""

from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import expect

from charts.registry import CHARTS
from press.stories import STORIES
from tests.browser import FINISHED, POLL, charts_on, open_drawn, running_app
from tests.conftest import REPO
from tests.csv_edits import break_cell
from tests.test_every_page import PAGES, SECOND_HEADLINE

# What a focused element is, where it sits, and which tab panel it belongs to or controls.
FOCUSED = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    element.dataset.walkIndex ??= String(window.walkCount = (window.walkCount || 0) + 1);
    const box = element.getBoundingClientRect();
    return {index: Number(element.dataset.walkIndex), tag: element.tagName, role: element.getAttribute('role'),
            name: (element.getAttribute('aria-label') || element.innerText || '').replace(/\\s+/g, ' ').trim(),
            testid: element.closest('[data-testid]')?.dataset.testid || null,
            selected: element.getAttribute('aria-selected'), controls: element.getAttribute('aria-controls'),
            panel: element.closest('[role="tabpanel"]')?.id || null,
            in_main: Boolean(element.closest('[data-testid="stMain"]')) && element.tagName !== 'MAIN',
            positive_tabindex: element.tabIndex > 0,
            box: {x: box.x, y: box.y, width: box.width, height: box.height}};
}"""
# The briefing opens on its second slide, where both Previous and Next can be pressed.
KEYBOARD_PAGES = {**{name: PAGES[name] for name in ("overview", "exodus", "entry_bans", "extraditions", "entry_rules",
                                                    "money", "us_restrictions")},
                  "briefing": ("briefing?slide=2", SECOND_HEADLINE), "data": PAGES["data"]}
# Controls a page has besides its charts' filters, tabs and downloads, by their accessible names.
PAGE_CONTROLS = {"entry_rules": ["Rule", "Count as of"], "data": ["Dataset"],
                 "briefing": ["Previous", "Next", "Notes", "Handout", "Reload"]}


def page_filters(name: str) -> set[str]:
    """The labels of the filters of every chart a page shows, from its story and the registry."""
    return {item.label for chart in (STORIES[name].charts if name in STORIES else ()) for item in CHARTS[chart].filters}


# Focus styles drawn at once rather than faded in, so each stop can be looked at as soon as the key is pressed.
NO_FADING = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def press(page, key: str) -> dict | None:
    page.keyboard.press(key)
    return page.evaluate(FOCUSED)


def focus_is_visible(page, stop: dict) -> bool:
    """Whether the page looks different around the element focused and not focused: a focus ring, a border, a
    background, whatever the browser draws. Blurring leaves the keyboard's place in the page where it was."""
    box = stop["box"]
    clip = {"x": max(box["x"] - 4, 0), "y": max(box["y"] - 4, 0), "width": box["width"] + 8,
            "height": box["height"] + 8}
    focused = page.screenshot(clip=clip)
    page.evaluate("() => document.activeElement.blur()")
    return page.screenshot(clip=clip) != focused


def walk(page, chrome_too: bool) -> list[dict]:
    """Every stop the Tab key makes on the page, from the top until it comes round again. Whether focus shows is
    checked on the page's own content, and on the app's chrome (sidebar, menu) when `chrome_too`: it is the same
    on every page."""
    page.add_style_tag(content=NO_FADING)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    stops: list[dict] = []
    for _ in range(400):
        stop = press(page, "Tab")
        if stop is None:
            continue
        if stops and stop["index"] == stops[0]["index"]:
            return stops
        checked = chrome_too or stop["in_main"]
        stop["visible"] = not checked or (stop["box"]["width"] > 0 and focus_is_visible(page, stop))
        stops.append(stop)
    pytest.fail(f"the Tab key never came back round after {len(stops)} stops: a keyboard trap")


def tab_to(page, wanted: dict) -> None:
    """Put the keyboard's focus back on a stop of the walk, which has shown the Tab key reaches it."""
    focused = page.evaluate("""index => {
        document.querySelector(`[data-walk-index="${index}"]`)?.focus();
        return document.activeElement?.dataset.walkIndex ?? null;
    }""", wanted["index"])
    assert focused == str(wanted["index"]), f"{wanted['name']!r} is no longer on the page the walk went through"


@pytest.mark.parametrize("name", KEYBOARD_PAGES)
def test_the_keyboard_reaches_and_works_every_control_with_a_visible_focus_ring(app_url, browser, name, tmp_path):
    link, heading = KEYBOARD_PAGES[name]
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    page = context.new_page()
    try:
        open_drawn(page, f"{app_url}/{link}", heading)
        if charts_on(link):
            assert_charts_are_named_figures(page)
        stops = walk(page, chrome_too=name == "overview")
        names = [stop["name"] for stop in stops if stop["tag"] != "MAIN"]  # the skip link's target holds every word

        unseen = [f"{stop['tag']} {stop['name']!r} ({stop['testid']})" for stop in stops if not stop["visible"]]
        assert unseen == [], "focus is not visible on these"
        assert not any(stop["positive_tabindex"] for stop in stops), "tab order must follow the page"
        for label in sorted(page_filters(name)) + PAGE_CONTROLS.get(name, []):
            assert any(re.search(rf"\b{re.escape(label)}\b", stop_name) for stop_name in names), \
                f"{label!r} cannot be reached with Tab: {names}"
        downloads = page.locator('[data-testid="stDownloadButton"] button').filter(visible=True).count()
        buttons = [stop for stop in stops if stop["tag"] == "BUTTON"]
        reached = [stop["name"] for stop in buttons if is_a_download(stop["name"]) or stop["name"].endswith("Handout")]
        assert len(reached) == downloads, f"{downloads} download buttons, reached with Tab: {reached}"

        # A chart's Table view: its tab list is the stop just before the chart, and the arrow keys and Enter open it.
        chart_tabs = [position for position, stop in enumerate(stops) if stop["role"] == "tab"]
        for position in chart_tabs:
            assert stops[position + 1]["panel"] == stops[position]["controls"], \
                f"the stop after the tabs of chart {position} is not the chart: {stops[position + 1]['name']!r}"
        if chart_tabs:
            tab_to(page, stops[chart_tabs[0]])
            table_tab = press(page, "ArrowRight")
            assert table_tab["name"] == "Table"
            page.keyboard.press("Enter")
            expect(page.locator(f'[id="{table_tab["controls"]}"] [data-testid="stDataFrame"]')).to_be_visible()
            page.keyboard.press("ArrowLeft")
            page.keyboard.press("Enter")

        first_download = next((stop for stop in buttons if is_a_download(stop["name"])), None)
        if first_download:
            # a button from before a rerun offers a dropped file
            page.wait_for_function(FINISHED, polling=POLL, timeout=90_000)
            tab_to(page, first_download)
            with page.expect_download(timeout=60_000) as download:
                page.keyboard.press("Enter")
            assert download.value.suggested_filename.endswith(".csv")
        operate_with_keys(page, name, stops)
    finally:
        context.close()


def is_a_download(name: str) -> bool:
    """One of the page's own download buttons (a chart's rows, a dataset, the changelog), not plotly's picture."""
    return re.search(r"\bDownload (?!plot)", name) is not None


def assert_charts_are_named_figures(page) -> None:
    """A screen reader meets each chart and map as a figure named by its title and its text alternative, in a page
    whose language is English."""
    assert page.evaluate("() => document.documentElement.lang") == "en"
    figures = page.evaluate("""() => [...document.querySelectorAll(
        '[data-testid="stPlotlyChart"], [data-testid="stDeckGlJsonChart"]')].map(chart => ({
            role: chart.getAttribute('role'), label: chart.getAttribute('aria-label') || '',
            title: chart.querySelector('.gtitle')?.textContent || null}))""")
    assert figures, "no chart on the page"
    for figure in figures:
        assert figure["role"] == "figure", figure
        if figure["title"] is None:  # a map: its registry title, then its text alternative
            assert ". Map of" in figure["label"], figure
        else:  # plotly draws the title, and the subtitle after a zero-width space
            assert figure["label"].startswith(figure["title"].split("\u200b")[0].strip()), figure
            assert len(figure["label"]) > len(figure["title"]) + 20, f"no text alternative after the title: {figure}"


# A page's own controls worked from the keyboard: the control (its accessible name), the keys pressed or the text
# typed, and the address that shows it worked.
KEY_OPERATIONS = {"data": (r"^Dataset", ["ArrowDown", "ArrowDown", "Enter"], "**dataset=**"),
                  "entry_bans": (r"^Search names", ["Duma", "Enter"], "**q=Duma**"),
                  "entry_rules": (r"^Rule", ["ArrowDown", "ArrowDown", "Enter"], "**rule=**"),
                  "briefing": (r"Next$", ["Enter"], "**slide=3**")}
KEYS = {"ArrowDown", "Enter"}


def operate_with_keys(page, name: str, stops: list[dict]) -> None:
    """The page's own controls work from the keyboard: another dataset, a search typed, a rule chosen in the stay
    calculator, the next slide."""
    if name not in KEY_OPERATIONS:
        return
    control, keys, address = KEY_OPERATIONS[name]
    tab_to(page, next(stop for stop in stops if re.search(control, stop["name"])))
    for key in keys:
        page.keyboard.press(key) if key in KEYS else page.keyboard.type(key)
    page.wait_for_url(address, timeout=30_000)


def test_a_notice_that_a_dataset_is_shown_from_its_last_good_version_is_an_alert(browser, tmp_path):
    """Screen readers announce an alert when it appears: readers who cannot see the notice still hear it."""
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    break_cell(data, "events", "date", "2022-13-01")
    with running_app(REPO, env={"BORDERLINES_DATA_DIR": str(data)}) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        open_drawn(page, f"{base}/", "Borderlines")
        notice = page.get_by_role("alert").filter(has_text="Timeline of events: this dataset failed its check")
        expect(notice).to_have_count(1)
        page.close()
