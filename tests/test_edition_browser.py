"""The edition in headless Chromium, served by nginx as `make serve-edition` serves it, with the network cut to
everything but that server. Each page, in Russian at 320 and 1280 px and in English at 1280 px, is opened once for
all its checks: it passes axe-core, every embed paints its chart, and no chart's text runs into other text or off the
chart (in English at 320, 390 and 768 px too, the window resized). An embed in an article at 360 px sets its iframe's
height to fit, and markup put into the data shows as text."""

from __future__ import annotations

from contextlib import contextmanager
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from charts.registry import CHARTS
from press.cite import embed_code
from press.stories import STORIES
from tests.browser import ARTIFACTS, POLL, axe_violations, collisions_when_resized, map_painted, text_collisions
from tests.edition import edition_on_nginx
from tests.test_security import poison_every_text_column

# Each language's folder inside a version, and the word its source lines start with.
LANGUAGE_FOLDERS = {"": "Source", "ru/": "Источник"}


@pytest.fixture(scope="module")
def edition(edition_in_two_languages):
    ARTIFACTS.mkdir(exist_ok=True)
    config, built, base, _ = edition_in_two_languages
    return config, built, base


@contextmanager
def offline_page(browser, base: str, width: int, height: int = 900):
    """A page whose every request to another host is refused and recorded; on leaving, there must be none."""
    context = browser.new_context(viewport={"width": width, "height": height})
    foreign: list[str] = []

    def only_the_edition(route):
        url = route.request.url
        if urlparse(url).scheme in ("data", "blob", "about") or urlparse(url).netloc == urlparse(base).netloc:
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    context.route("**/*", only_the_edition)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert foreign == [], f"requests left the edition's server: {foreign}"
    assert errors == [], f"script errors: {errors}"


HOST_PAGE = """<!doctype html><html><head><meta name="viewport" content="width=device-width, initial-scale=1">
<title>An article</title></head><body style="margin:8px;font:16px serif">
<h1>An article about entry bans</h1><p>Some reporting before the chart.</p>
{embed}
<p id="after">The reporting goes on under the chart.</p></body></html>"""


def test_an_embed_in_an_article_at_360_px_sets_its_iframe_to_fit_the_chart(edition, browser):
    config, built, base = edition
    code = embed_code(config, "bans_timeline", CHARTS["bans_timeline"].title, built.version, height=150)
    with offline_page(browser, base, 360, 740) as page:
        page.set_content(HOST_PAGE.format(embed=code))
        frame = page.frame_locator("iframe[data-borderlines-embed]")
        expect(frame.locator(".chart .main-svg").first).to_be_attached(timeout=30_000)
        iframe = page.locator("iframe[data-borderlines-embed]")
        page.wait_for_function("() => document.querySelector('iframe').getBoundingClientRect().height > 400",
                               polling=POLL, timeout=30_000)
        page.wait_for_timeout(500)  # the last report after the chart is drawn
        inside = iframe.element_handle().content_frame().evaluate("document.documentElement.scrollHeight")
        height = iframe.bounding_box()["height"]
        assert abs(height - inside) <= 2, f"the iframe is {height} px tall for a page of {inside} px"
        assert iframe.bounding_box()["width"] <= 360
        below = page.locator("#after").bounding_box()
        assert below["y"] >= iframe.bounding_box()["y"] + height - 1, "the article's text runs under the chart"
        page.screenshot(path=str(ARTIFACTS / "edition-embed-in-an-article-360.png"), full_page=True)


@pytest.fixture(scope="module")
def poisoned_edition(tmp_path_factory):
    """Built in English alone: a Russian page shows the same cells through the same templates (a poisoned cell has
    no translation, so Russian readers see its English)."""
    root = tmp_path_factory.mktemp("poisoned")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BORDERLINES_EDITION_LANGUAGES", "en")
        with edition_on_nginx(root / "edition", root / "data", poison_every_text_column) as served:
            yield served


def test_markup_put_into_the_data_shows_as_text_on_every_page(poisoned_edition, browser):
    _, built, base = poisoned_edition
    paths = [f"embed/{name}/" for name in CHARTS] + [f"story/{page}/" for page in STORIES] + ["data/", ""]
    with offline_page(browser, base, 1280) as page:
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in paths:
            page.goto(f"{base}v/{built.version}/{path}")
            page.wait_for_load_state("load")
            page.wait_for_timeout(300)
            assert page.evaluate("() => window.__xss") is None, f"script from the data ran on {path}"
            assert page.locator('img[src="x"]').count() == 0, f"an <img> from the data was built on {path}"
        page.goto(f"{base}v/{built.version}/embed/bans_timeline/")
        expect(page.locator(".foot").get_by_text("onerror=", exact=False).first).to_be_visible()
        assert dialogs == []


# Every chart and map on a page has drawn (the page's own files are all it loads, and they have arrived by then).
EVERY_FIGURE_DRAWN = """() =>
    [...document.querySelectorAll('[data-figure]')].every(chart => chart.querySelector('.main-svg'))
    && [...document.querySelectorAll('[data-deck]')].every(map => map.querySelector('canvas'))"""


def edition_pages(built) -> list[str]:
    """Every HTML page of a version: the index, each story, Data & sources, and each chart's embed."""
    return ["", *(f"story/{page}/" for page in STORIES), "data/", *(f"embed/{name}/" for name in CHARTS)]


# The walks: Russian, whose words are longer, at a phone's width and a laptop's; English at a laptop's. Each page of
# the edition is one template in either language, and each chart switches to its phone layout when its box is
# narrower than 700 px (press/static/edition.js), exactly as it is drawn on a page opened at that width. So the English
# charts' text and paint are checked at a phone's widths, 320 and 390 px, and at a tablet's, 768 px, on the pages of
# the laptop's walk with the window resized. Past 860 px the page's column stops growing, so 1920 px lays every chart
# out as 1280 does.
WALKS = [("", 1280), ("ru/", 320), ("ru/", 1280)]
# A chart's or map's embed is one template at every width: axe-core looks at each at one width per language. What a
# width can change for axe, a region that scrolls sideways, is a table's, and tables are looked at in every walk.
EMBEDS_AXED_AT = 1280
RESIZED = {("", 768): ("", 1280), ("", 390): ("", 1280), ("", 320): ("", 1280)}


def paint_faults(page, name: str, spec, folder: str, width: int) -> list[str]:
    """What is wrong with an embed as painted: its heading or source line missing, a table without rows, a blank
    map, a chart that draws nothing or is wider than the window, or a page that scrolls sideways."""
    faults = []
    if not page.locator("h1").is_visible():
        faults.append(f"{name}: no heading")
    if LANGUAGE_FOLDERS[folder] not in page.locator(".foot").inner_text():
        faults.append(f"{name}: no source line")
    if spec.is_table:
        if page.locator("table tbody tr").count() == 0:
            faults.append(f"{name}: the table has no rows")
    elif spec.is_map:
        if not map_painted(page.locator(".map")):
            faults.append(f"{name}: the map is blank")
    else:
        chart = page.locator(".chart")
        if chart.locator(".point").count() == 0:
            faults.append(f"{name}: the chart drew nothing")
        box = chart.bounding_box()
        if box["x"] < 0 or box["x"] + box["width"] > width:
            faults.append(f"{name}: the chart is wider than the window")
    if page.evaluate("document.documentElement.scrollWidth") > width:
        faults.append(f"{name}: the page scrolls sideways")
    if name in ("events_timeline", "bans_map"):
        page.screenshot(path=str(ARTIFACTS / f"edition-embed-{folder}{name}-{width}.png".replace("/", "-")),
                        full_page=True)
    return faults


@pytest.fixture(scope="module")
def walked(edition, browser, axe_script):
    """Every page of the edition in a language at a width, opened once: what each check finds, by check ("axe",
    "paint", "text"); and the text checked at the resized widths."""
    _, built, base = edition
    seen: dict[tuple[str, int], dict[str, list[str]]] = {}

    def walk(folder: str, width: int) -> dict[str, list[str]]:
        if (folder, width) in RESIZED:
            walk(*RESIZED[folder, width])
            return seen[folder, width]
        if (folder, width) not in seen:
            found = {"axe": [], "paint": [], "text": []}
            lent = {other: {"text": [], "paint": []} for other, host in RESIZED.items() if host == (folder, width)}
            with offline_page(browser, base, width) as page:
                for path in edition_pages(built):
                    page.goto(f"{base}v/{built.version}/{folder}{path}")
                    page.wait_for_function(EVERY_FIGURE_DRAWN, polling=POLL, timeout=60_000)
                    name = path.removeprefix("embed/").rstrip("/")
                    spec = CHARTS.get(name) if path.startswith("embed/") else None
                    if spec is None or spec.is_table or width == EMBEDS_AXED_AT:
                        found["axe"] += [f"/{folder}{path}: {line}" for line in axe_violations(page, axe_script)]
                    if spec is None:
                        continue
                    found["paint"] += paint_faults(page, name, spec, folder, width)
                    if spec.is_map or spec.is_table:
                        continue
                    found["text"] += [f"{name}: {line}" for line in text_collisions(page)]
                    for (_, other_width), there in lent.items():
                        there["text"] += [f"{name}: {line}" for line in collisions_when_resized(
                            page, ".chart[data-figure]", {"width": other_width, "height": 900})]
                        there["paint"] += paint_faults(page, name, spec, folder, other_width)
                    if lent:
                        page.set_viewport_size({"width": width, "height": 900})
            seen[folder, width] = found
            seen.update(lent)
        return seen[folder, width]

    return walk


@pytest.mark.parametrize(("folder", "width"), WALKS)
def test_axe_finds_no_wcag_aa_violation_on_any_page_of_the_edition(walked, folder, width):
    violations = walked(folder, width)["axe"]
    assert violations == [], "\n".join(violations)


@pytest.mark.parametrize(("folder", "width"), [*WALKS, *RESIZED])
def test_each_embed_page_paints_its_chart(walked, folder, width):
    """Russian at the narrowest width is where its longer words would push a chart wider than the page. At the
    resized widths, the charts alone are looked at (maps and tables are one template, walked at 320 px in Russian)."""
    faults = walked(folder, width)["paint"]
    assert faults == [], "\n".join(faults)


@pytest.mark.parametrize(("folder", "width"), [*WALKS, *RESIZED])
def test_no_text_in_any_embedded_chart_runs_into_other_text_a_line_or_the_chart_s_edge(walked, folder, width):
    """Every chart as an article embeds it, at a phone's to a laptop's width, as the browser laid it out, in each
    language: Russian words are longer, and Cyrillic letters wider."""
    collisions = walked(folder, width)["text"]
    assert collisions == [], "\n".join(collisions)
