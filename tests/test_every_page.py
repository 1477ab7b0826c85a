"""Every page of the app in every view a reader or presenter sees it in, opened once per view and checked for all a
reader would notice: axe-core finds no WCAG 2.1 AA violation; no text in a chart runs into other text, a line or the
chart's edge; every chart draws its data with its title, legend and source line in view; every map paints; and no
page asks another host for anything (the app works offline) or shows an error.

The light laptop view opens every page from its link, as a reader following a shared link does. The other views
open the overview so and go to each other page inside the app, as a reader does from its menu (the frontend is not
loaded again; a page's look does not depend on how it was reached), but for the briefing's notes, whose heading is
the briefing's own.

Views: 1280 and 390 px (a phone, by its user agent) and presenter mode at 1280x720, in English and in Russian, in the
light theme but for the Russian 1280 px, walked in the dark theme. A reader's views have a touch screen with no
hover, as phones and tablets do, where plotly shows its mode bar at all times (a laptop shows it while the pointer
is over a chart). Chart text is also checked at 320, 768, 1024 and 1920 px on the pages a view has opened, with the
window resized. The edition's embeds are walked in tests/test_edition_browser.py.

axe-core comes from the npm registry, pinned in package-lock.json (`make test` installs it); it is injected into
each page as a browser test runs.
"""

from __future__ import annotations

import pytest

from catalog.deckfile import deck_path
from deck.slides import parse_deck
from i18n import _ as translated_text
from i18n import speaking
from tests.browser import (
    ARTIFACTS,
    axe_violations,
    chart_layout_faults,
    collisions_when_resized,
    is_own_host,
    map_painted,
    move_drawn,
    open_drawn,
    resized,
    text_collisions,
)
from tests.test_browser import PHONE_USER_AGENT


def first_headlines() -> tuple[str, str]:
    """The first two slides' headlines of the deck in the language being spoken."""
    slides = parse_deck(deck_path().read_text(encoding="utf-8")).slides
    return slides[0].headline, slides[1].headline


def pages_in(code: str) -> dict[str, tuple[str, str]]:
    """Every page, as a link and the heading that says it has drawn, in a language."""
    titles = {"exodus": "The 2022 exodus", "entry_bans": "Entry bans", "extraditions": "Extraditions",
              "entry_rules": "Entry rules", "money": "Money and migrants", "us_restrictions": "US restrictions",
              "data": "Data & sources", "editor": "Editor"}
    with speaking(code):
        first, _second = first_headlines()
        said = {page: (page, translated_text(title)) for page, title in titles.items()}
    return {"overview": ("", "Borderlines"), **{page: said[page] for page in ("exodus", "entry_bans", "extraditions",
                                                                             "entry_rules", "money",
                                                                             "us_restrictions")},
            "briefing": ("briefing", first), "notes": ("briefing?view=notes", first), "data": said["data"],
            "editor": said["editor"]}


SECOND_HEADLINE = first_headlines()[1]
PAGES = pages_in("en")
# Each layout (a laptop, a phone, presenter mode) in each language, once, and each theme at a laptop's width, where
# the sidebar shows: a theme changes colours, not where text falls, and its colours are the same in either language
# and at any width (a phone's and presenter mode's colours are a laptop's; presenter mode sets none of its own, and
# its charts' firmer ink is checked against both themes in tests/test_palette.py). So the Russian laptop is walked
# dark, and the rest light.
VIEWS = {"desktop-light": ({"width": 1280, "height": 800}, "light", False),
         "phone-light": ({"width": 390, "height": 844}, "light", False),
         "presenter-light": ({"width": 1280, "height": 720}, "light", True),
         "russian-desktop-dark": ({"width": 1280, "height": 800}, "dark", False),
         "russian-phone-light": ({"width": 390, "height": 844}, "light", False),
         "russian-presenter-light": ({"width": 1280, "height": 720}, "light", True)}
# Widths where only the charts' text is checked (axe-core runs at the two above): the narrowest phone, a tablet
# upright, a small laptop or a tablet on its side (the sidebar open leaves the charts 564 px, narrower than the page
# layout is fitted for), a wide screen. Each is checked on the pages a view above has opened, with the window
# resized to it: the charts lay out their text exactly as on a page opened at that width, to the pixel (a column
# that becomes too narrow for the page layout reruns the page in the phone's, as one opened so does), and opening
# every page again at each width cost a quarter of the walk. Where text falls does not depend on the theme, so the
# views that lend their pages are of either.
TEXT_VIEWS = {"narrow-phone-light": ({"width": 320, "height": 700}, "phone-light"),
              "tablet-light": ({"width": 768, "height": 1024}, "desktop-light"),
              "small-laptop-light": ({"width": 1024, "height": 768}, "desktop-light"),
              "russian-wide-dark": ({"width": 1920, "height": 1080}, "russian-desktop-dark")}
# Views whose maps are looked at (painted, not blank) and whose pages are kept as screenshots for a person to look
# at under test-artifacts/: a map's look in the dark theme is tested in tests/test_browser.py.
PICTURED_VIEWS = ("desktop-light", "phone-light")
# The view whose every page is loaded afresh from its link.
LINKED_VIEW = "desktop-light"


def layout_faults(page) -> list[str]:
    """What is wrong with the layout of each chart on the page (tests/browser.py's `chart_layout_faults`), each
    scrolled into view as a reader would: the browser lays out the axis labels of a chart far out of view as empty
    boxes."""
    charts = page.locator('[data-testid="stPlotlyChart"]')
    faults = []
    for index in range(charts.count()):
        charts.nth(index).scroll_into_view_if_needed()
        faults += [f"chart {index}: {fault}" for fault in chart_layout_faults(charts.nth(index))]
    return faults


def blank_maps(page, name: str, view: str) -> list[str]:
    """The maps on the page that painted nothing: land, sea and borders should each cover part of a map. The page is
    kept as a screenshot, scrolled to its first chart or map."""
    maps = page.locator('[data-testid="stDeckGlJsonChart"]')
    blank = []
    for index in range(maps.count()):
        deck = maps.nth(index)
        deck.scroll_into_view_if_needed()
        box = deck.bounding_box()
        if not (box and box["width"] > 300 and box["height"] > 300):
            blank.append(f"map {index} is too small to read: {box}")
            continue
        if not map_painted(deck):
            blank.append(f"map {index} is blank")
    first = page.locator('[data-testid="stPlotlyChart"], [data-testid="stDeckGlJsonChart"]').first
    if first.count():
        first.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"{name}-{view}.png"))
    return blank


@pytest.fixture(scope="module")
def walked(app_url, browser, axe_script):
    """Every page in a view, opened once: what each check finds on it, by check ("axe", "text", "layout", "maps",
    and "errors": error boxes and requests to other hosts)."""
    seen: dict[str, dict[str, list[str]]] = {}

    def walk(view: str) -> dict[str, list[str]]:
        if view in TEXT_VIEWS:
            walk(TEXT_VIEWS[view][1])  # the view whose pages it is checked on
            return seen[view]
        if view not in seen:
            viewport, scheme, presenting = VIEWS[view]
            # The text-only views checked on this view's pages, each with the window resized to its width.
            lent = {name: size for name, (size, host) in TEXT_VIEWS.items() if host == view}
            context = browser.new_context(viewport=viewport, color_scheme=scheme, has_touch=not presenting,
                                          **({"user_agent": PHONE_USER_AGENT} if viewport["width"] < 640 else {}))
            page = context.new_page()
            requests: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            found = {check: [] for check in ("axe", "text", "layout", "maps", "errors")}
            text = {other: [] for other in lent}
            try:
                code = "ru" if view.startswith("russian") else "en"
                for number, (name, (link, heading)) in enumerate(pages_in(code).items()):
                    separator = "&" if "?" in link else "?"
                    url = f"{app_url}/{link}{separator}present={int(presenting)}&lang={code}"
                    if not (number and view != LINKED_VIEW and move_drawn(page, url, heading)):
                        open_drawn(page, url, heading)
                    found["axe"] += [f"{name}: {line}" for line in axe_violations(page, axe_script)]
                    found["text"] += [f"{name}: {line}" for line in text_collisions(page)]
                    found["layout"] += [f"{name}: {line}" for line in layout_faults(page)]
                    if page.locator('[data-testid="stException"]').count():
                        found["errors"].append(f"{name}: shows an error box")
                    if view in PICTURED_VIEWS:
                        found["maps"] += [f"{name}: {line}" for line in blank_maps(page, name, view)]
                    for other, size in lent.items():
                        text[other] += [f"{name}: {line}" for line in collisions_when_resized(
                            page, '[data-testid="stPlotlyChart"]', size)]
                    if lent:
                        resized(page, '[data-testid="stPlotlyChart"]', viewport)
                    found["errors"] += [f"{name}: {url}" for url in requests if not is_own_host(url, app_url)]
                    requests.clear()
            finally:
                context.close()
            seen[view] = found
            seen.update({other: {"text": lines} for other, lines in text.items()})
        return seen[view]

    return walk


@pytest.mark.parametrize("view", VIEWS)
def test_axe_finds_no_wcag_aa_violation_on_any_page(walked, view):
    violations = walked(view)["axe"]
    assert violations == [], "\n".join(violations)


@pytest.mark.parametrize("view", [*VIEWS, *TEXT_VIEWS])
def test_no_text_in_any_chart_runs_into_other_text_a_line_or_the_chart_s_edge(walked, view):
    """Titles, subtitles, notes, tick labels, axis titles, legend entries and labels, as the browser laid them out:
    no two overlap, no drawn line runs through a note, and none is cut off at the chart's edge."""
    collisions = walked(view)["text"]
    assert collisions == [], "\n".join(collisions)


@pytest.mark.parametrize("view", VIEWS)
def test_every_chart_is_drawn_with_its_title_legend_and_source_in_view(walked, view):
    """Each chart draws its data; its title fits; under the plot come the axis's labels, the whole legend (beside
    the plot in presenter mode) and the source line, in that order and clear of each other."""
    faults = walked(view)["layout"]
    assert faults == [], "\n".join(faults)


@pytest.mark.parametrize("view", PICTURED_VIEWS)
def test_every_map_paints_its_countries_from_the_outlines_shipped_in_the_repo(walked, view):
    blank = walked(view)["maps"]
    assert blank == [], "\n".join(blank)


@pytest.mark.parametrize("view", VIEWS)
def test_no_page_shows_an_error_or_asks_another_host_for_anything(walked, view):
    """The app works offline: fonts, scripts, map outlines and tiles all come from its own server."""
    faults = walked(view)["errors"]
    assert faults == [], "\n".join(faults)
