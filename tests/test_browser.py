"""The app in a real browser: started with `make run`, opened in headless Chromium, at desktop and phone size, and
on presenters' screens (1280x720 projectors and 1920x1080 displays) for presenter mode and the briefing.

Asserts what a reader sees (the dataset table and a working download, slides that fit the screen) and that no
request leaves the app's own server. Screenshots are kept under test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import csv
import io
import re
from contextlib import contextmanager

import pytest
from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect
from pypdf import PdfReader

from catalog.deckfile import deck_path
from charts.registry import CHARTS
from deck.slides import parse_deck
from i18n import speaking
from tests.browser import (
    ARTIFACTS,
    FINISHED,
    LAID_OUT_FOR_THE_COLUMN,
    POLL,
    chart_layout_faults,
    charts_on,
    is_own_host,
    map_painted,
    text_collisions,
    wait_for_streamlit,
)
from tests.test_router import pages_in_router
from ui.screen import WATCHER_KEY

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
# A phone says so in its user agent; the app breaks chart titles into lines that fit it.
PHONE_USER_AGENT = ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                    "Version/18.0 Mobile/15E148 Safari/604.1")
PRESENTER_SCREENS = {"projector": {"width": 1280, "height": 720}, "display": {"width": 1920, "height": 1080}}
# A desktop browser, not a phone, in windows that leave the charts narrower than the page layout is fitted for: one
# as narrow as a phone, and a small laptop's, whose open sidebar leaves the charts 564 px.
NARROW_WINDOWS = {"narrow window": {"width": 390, "height": 844}, "small laptop": {"width": 1024, "height": 768}}


@contextmanager
def visit(browser, app_url: str, path: str, viewport: str, heading: str, color_scheme: str = "light"):
    """Open a page as a reader would and wait for its heading; on leaving, fail on an exception box or on any
    request that went to a host other than the app's own."""
    context = browser.new_context(viewport={**VIEWPORTS, **PRESENTER_SCREENS, **NARROW_WINDOWS}[viewport],
                                  accept_downloads=True,
                                  color_scheme=color_scheme,
                                  **({"user_agent": PHONE_USER_AGENT} if viewport == "phone" else {}))
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
        # A chooser drawn before the first run ends can be replaced, and so can one drawn before the width watcher
        # (ui/screen.py, whose script loads after plotly.js) has reported and its rerun has finished: a list opened
        # then is closed by the rerun.
        page.wait_for_function(FINISHED, polling=POLL, timeout=90_000)
        page.wait_for_function(LAID_OUT_FOR_THE_COLUMN, polling=POLL, timeout=60_000)
        chooser = page.get_by_role("combobox", name="Dataset")
        # The list must be open before typing: typed text that arrives first only fills the box. A reader whose
        # click did not open it clicks again.
        for attempt in range(2):
            chooser.click()
            try:
                expect(page.get_by_role("listbox")).to_be_visible(timeout=15_000)
                break
            except AssertionError:
                if attempt:
                    raise
        chooser.fill("Timeline of events")  # the list draws only the options in view: narrowed, this one is drawn
        # Chosen from the keyboard, as the list offers it: on a busy machine the list's popover was once left outside
        # the window, where no pointer could click it.
        expect(page.get_by_role("option", name="Timeline of events", exact=True)).to_have_attribute(
            "data-focused", "true")
        chooser.press("Enter")
        page.wait_for_url("**/data?dataset=events", timeout=60_000)
        page.wait_for_function(FINISHED, polling=POLL, timeout=90_000)
        expect(page.get_by_role("heading", name="Timeline of events")).to_be_visible(timeout=30_000)


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


@pytest.mark.parametrize("window", NARROW_WINDOWS)
def test_a_desktop_window_too_narrow_for_the_page_layout_gets_the_charts_laid_out_for_a_phone(app_url, browser,
                                                                                               window):
    """A browser that does not say it is a phone: the page reports its column's width."""
    with visit(browser, app_url, "money", window, "Money and migrants") as page:
        charts = page.locator('[data-testid="stPlotlyChart"]')
        expect(charts).to_have_count(charts_on("money"), timeout=90_000)
        page.wait_for_function(LAID_OUT_FOR_THE_COLUMN, polling=POLL, timeout=30_000)  # after the rerun it asked for
        assert page.locator(f".st-key-{WATCHER_KEY} [data-layout]").get_attribute("data-layout") == "phone"
        for index in range(charts.count()):
            charts.nth(index).scroll_into_view_if_needed()
            expect(charts.nth(index).locator(".main-svg").first).to_be_attached(timeout=90_000)
            assert chart_layout_faults(charts.nth(index)) == []


def test_a_returning_reader_whose_column_was_too_narrow_gets_the_phone_layout_from_the_first_run(app_url, browser):
    """The watcher's script runs seconds after a page shows: the browser's last report, kept in a cookie, spares a
    reader the charts changing layout under their eyes when they come back."""
    with visit(browser, app_url, "money", "small laptop", "Money and migrants") as page:
        page.wait_for_function(LAID_OUT_FOR_THE_COLUMN, polling=POLL, timeout=30_000)
        again = page.context.new_page()  # a new tab: a new session (a reload keeps the tab's)
        again.goto(f"{app_url}/money", wait_until="domcontentloaded")
        watcher = again.wait_for_selector(f".st-key-{WATCHER_KEY} [data-layout]", state="attached", timeout=90_000)
        assert watcher.get_attribute("data-layout") == "phone"


# One filter on each reader page, as a reader sets it: the widget's label and kind (one choice, many, or text),
# what they type, the URL parameter it writes, and what the widget shows when the copied link is opened afresh.
FILTERS_IN_THE_URL = {
    "overview": ("", "Borderlines", "Country that acted", "many", "Russia", "country=RUS", "Russia"),
    "exodus": ("exodus", "The 2022 exodus", "Figures stated by", "one", "04 October 2022", "on=2022-10-04",
               "04 October 2022"),
    "entry_bans": ("entry_bans", "Entry bans", "Search names and context", "text", "historian", "q=historian",
                   "historian"),
    "extraditions": ("extraditions", "Extraditions", "Status", "many", "Extradited", "status=extradited",
                     "Extradited"),
    "entry_rules": ("entry_rules", "Entry rules", "Rule", "one", "Russia", "rule=", "Russia:"),
    "money": ("money", "Money and migrants", "Receiving country", "many", "Tajikistan", "to=TJK", "Tajikistan"),
    "us_restrictions": ("us_restrictions", "US restrictions", "Year", "one", "2022", "year=2022", "2022"),
}


@pytest.mark.parametrize("page_name", FILTERS_IN_THE_URL)
def test_a_filter_a_reader_sets_goes_into_the_url_and_the_link_reopens_it(app_url, browser, page_name):
    link, heading, label, kind, typed, parameter, shown = FILTERS_IN_THE_URL[page_name]
    role = "textbox" if kind == "text" else "combobox"
    with visit(browser, app_url, link, "desktop", heading) as page:
        wait_for_streamlit(page)  # the page's first run done: nothing redraws the widget while it is typed into
        before = page.locator('[data-testid="stMain"]').inner_text()
        widget = page.get_by_role(role, name=label)
        widget.click()
        widget.fill(typed)
        if kind == "text":
            widget.press("Enter")
        else:  # the reader picks what the list offers once it has narrowed to what they typed
            page.get_by_role("option", name=re.compile(re.escape(typed))).first.click()
        page.wait_for_url(f"**{parameter}*", timeout=30_000)
        wait_for_streamlit(page)
        expect(page.locator('[data-testid="stMain"]')).not_to_have_text(before, timeout=30_000)
        copied = page.url
    with visit(browser, app_url, copied.removeprefix(f"{app_url}/"), "desktop", heading) as page:
        widget = page.get_by_role(role, name=label)
        if kind == "many":  # the choices are chips beside the box
            chips = page.locator('[data-testid="stMultiSelect"]').filter(has=widget)
            expect(chips).to_contain_text(shown, timeout=60_000)
        else:
            expect(widget).to_have_value(re.compile("^" + re.escape(shown)), timeout=60_000)


def light_share(picture: bytes) -> float:
    """The share of a screenshot's pixels that are near white."""
    brightness = Image.open(io.BytesIO(picture)).convert("L").histogram()
    return sum(brightness[201:]) / sum(brightness)


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_maps_and_charts_follow_the_readers_theme(app_url, browser, color_scheme):
    """The maps have no ground of their own: on a dark page their land turns dark too. And the United States,
    black in the house palette, turns light so its dots do not vanish."""
    with visit(browser, app_url, "exodus", "desktop", "The 2022 exodus", color_scheme) as page:
        deck = page.locator('[data-testid="stDeckGlJsonChart"]').first
        expect(deck.locator("canvas").first).to_be_attached(timeout=90_000)
        deck.scroll_into_view_if_needed()
        assert map_painted(deck), "the map is blank"
        land = light_share(deck.screenshot(path=str(ARTIFACTS / f"exodus-map-{color_scheme}.png")))
        assert land > 0.2 if color_scheme == "light" else land < 0.05, f"{land:.0%} of the map is near white"
    with visit(browser, app_url, "", "desktop", "Borderlines", color_scheme) as page:
        chart = page.locator('[data-testid="stPlotlyChart"]').first
        expect(chart.locator(".main-svg").first).to_be_attached(timeout=90_000)
        united_states = chart.locator(".scatterlayer .trace").filter(
            has=page.locator(".point")).evaluate_all(
            "traces => traces.map(trace => getComputedStyle(trace.querySelector('.point')).fill)")
        black = "rgb(0, 0, 0)"
        assert (black in united_states) == (color_scheme == "light"), united_states


def slides_in(code: str) -> list:
    """The deck's slides in a language."""
    with speaking(code):
        return parse_deck(deck_path().read_text(encoding="utf-8")).slides


SLIDES = slides_in("en")
HEADLINES = [slide.headline for slide in SLIDES]
CHROME = ['[data-testid="stSidebar"]', '[data-testid="stHeader"]', '[data-testid="stToolbar"]',
          '[data-testid="stMainMenu"]']


def title_font_size(page) -> float:
    return page.locator("h1").first.evaluate("heading => parseFloat(getComputedStyle(heading).fontSize)")


def assert_fits_the_screen(page, screen: str) -> None:
    """Every chart drawn and inside the window, and nothing to scroll to."""
    height = PRESENTER_SCREENS[screen]["height"]
    charts = page.locator('[data-testid="stPlotlyChart"]')
    expect(charts.first.locator(".main-svg").first).to_be_attached(timeout=90_000)
    for index in range(charts.count()):
        box = charts.nth(index).bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= height, f"chart {index} overflows: {box}"
    main_height = "() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight"
    try:  # the last slide's elements fade out for a moment after the new one is drawn
        page.wait_for_function(f"() => ({main_height})() <= {height + 1}", polling=POLL, timeout=10_000)
    except PlaywrightTimeout:
        pytest.fail(f"the page scrolls: {page.evaluate(main_height)}px in a {height}px window")


def settle(page) -> None:
    """Presenter mode reruns once the browser has reported the window's size; wait for that run to finish."""
    page.wait_for_timeout(1500)
    wait_for_streamlit(page)


@pytest.mark.parametrize("screen", PRESENTER_SCREENS)
def test_presenter_mode_hides_the_chrome_and_enlarges_the_title(app_url, browser, screen):
    with visit(browser, app_url, "briefing?slide=1", screen, HEADLINES[0]) as page:
        reading_size = title_font_size(page)
        expect(page.locator('[data-testid="stSidebar"]')).to_be_visible()
    with visit(browser, app_url, "briefing?slide=1&present=1", screen, HEADLINES[0]) as page:
        settle(page)
        for chrome in CHROME:
            expect(page.locator(chrome)).to_have_count(0) if page.locator(chrome).count() == 0 else \
                expect(page.locator(chrome).first).to_be_hidden()
        assert title_font_size(page) > reading_size
        # A tick label replaced by a redraw between finding and reading it has no style: read one still attached.
        family = page.wait_for_function("""() => {
            const label = document.querySelector('[data-testid="stPlotlyChart"] .xtick text');
            return label && label.isConnected && getComputedStyle(label).fontFamily;
        }""", polling=POLL, timeout=60_000).json_value()
        assert family.split(",")[0].strip('"') == "Source Sans", f"the chart is not in the app's face: {family}"
        assert page.evaluate("() => document.fonts.check('21px \"Source Sans\"')"), "the app's face is not loaded"
        page.screenshot(path=str(ARTIFACTS / f"briefing-presenter-{screen}.png"))
        assert_fits_the_screen(page, screen)


# Each presenter screen in English, and the Russian deck, whose longer headlines leave its charts less room.
CLICKED_THROUGH = [*((screen, "en") for screen in PRESENTER_SCREENS), ("projector", "ru")]


@pytest.mark.parametrize(("screen", "language"), CLICKED_THROUGH)
def test_a_clicker_steps_through_every_slide_and_each_fits_the_screen_with_no_text_over_text(app_url, browser,
                                                                                              screen, language):
    slides = slides_in(language)
    headlines = [slide.headline for slide in slides]
    collisions = []
    with visit(browser, app_url, f"briefing?present=1&lang={language}", screen, headlines[0]) as page:
        settle(page)
        for number, headline in enumerate(headlines, start=1):
            if number > 1:
                page.keyboard.press("ArrowRight" if number % 2 else "PageDown")
                page.wait_for_url(f"**slide={number}**", timeout=60_000)
                expect(page.get_by_role("heading", name=headline, exact=True)).to_be_visible(timeout=60_000)
                wait_for_streamlit(page)
            # This slide's own chart drawn, and the last slide's gone (it lingers a moment after a change)
            drawn = page.locator(f".st-key-chart-{CHARTS[slides[number - 1].chart].file_stem} .main-svg")
            expect(drawn.first).to_be_attached(timeout=90_000)
            expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(1)
            assert "present=1" in page.url
            page.screenshot(path=str(ARTIFACTS / f"briefing-slide-{number}-{screen}-{language}.png"))
            assert_fits_the_screen(page, screen)
            collisions += [f"slide {number}: {line}" for line in text_collisions(page)]
        page.keyboard.press("PageUp")
        page.wait_for_url(f"**slide={len(headlines) - 1}**", timeout=60_000)
        page.keyboard.press("Home")
        page.wait_for_url("**slide=1**", timeout=60_000)
        expect(page.get_by_role("heading", name=headlines[0], exact=True)).to_be_visible(timeout=60_000)
    assert collisions == [], "\n".join(collisions)


def test_presenter_mode_stays_on_across_pages_and_each_chart_fits(app_url, browser):
    with visit(browser, app_url, "?present=1", "projector", "Borderlines") as page:
        settle(page)
        expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden(timeout=30_000)
        page.get_by_role("button", name="Pages").click()
        page.get_by_test_id("stPopoverBody").get_by_role("link", name="Money and migrants").click()
        expect(page.get_by_role("heading", name="Money and migrants", exact=True)).to_be_visible(timeout=60_000)
        page.wait_for_url("**present=1**", timeout=30_000)
        settle(page)
        expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
        charts = page.locator('[data-testid="stPlotlyChart"]')
        count = charts_on("money")
        expect(charts).to_have_count(count, timeout=60_000)
        for index in range(count):
            charts.nth(index).scroll_into_view_if_needed()
            assert charts.nth(index).bounding_box()["height"] <= PRESENTER_SCREENS["projector"]["height"]
        charts.first.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "money-presenter-projector.png"))


def test_the_handout_downloads_as_a_pdf_with_a_page_per_slide(app_url, browser, tmp_path):
    with visit(browser, app_url, "briefing?slide=2", "display", HEADLINES[1]) as page:
        with page.expect_download(timeout=180_000) as download_info:
            page.get_by_role("button", name="Handout").click()
        saved = tmp_path / "handout.pdf"
        download_info.value.save_as(saved)
        assert download_info.value.suggested_filename == "borderlines-briefing.pdf"
        pages = PdfReader(saved).pages
        assert len(pages) == len(SLIDES)
        assert all("Source" in sheet.extract_text() for sheet in pages)


def test_the_language_survives_the_navigation_a_copied_link_and_a_switch_back(app_url, browser):
    """A reader who opens a Russian link and follows the navigation stays in Russian; the address they copy opens
    in Russian in an English browser; the switch brings English back, in the address too."""
    with visit(browser, app_url, "money?lang=ru", "desktop", "Деньги и мигранты") as page:
        expect(page.locator("html")).to_have_attribute("lang", "ru", timeout=30_000)
        page.get_by_role("link", name="Запреты на въезд").click()
        page.wait_for_url("**/entry_bans?lang=ru", timeout=30_000)
        expect(page.get_by_role("heading", name="Запреты на въезд", exact=True)).to_be_visible(timeout=60_000)
        copied = page.url
    with visit(browser, app_url, copied.removeprefix(f"{app_url}/"), "desktop", "Запреты на въезд") as page:
        page.locator('[data-testid="stSidebar"] label').filter(has_text="English").click()
        expect(page.get_by_role("heading", name="Entry bans", exact=True)).to_be_visible(timeout=60_000)
        expect(page.locator("html")).to_have_attribute("lang", "en", timeout=30_000)
        assert page.url.endswith("lang=en")
