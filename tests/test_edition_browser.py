"""The edition in headless Chromium, served by nginx as `make serve-edition` serves it, with the network cut to
everything but that server: every embed page, in English and in Russian, paints its chart at 320 and 1280 px, passes
axe-core and keeps its text apart at every width; an embed in an article at 360 px sets its iframe's height to fit,
and markup put into the data shows as text.
"""

from __future__ import annotations

import io
from contextlib import contextmanager
from urllib.parse import urlparse

import pytest
from PIL import Image
from playwright.sync_api import expect

from charts.registry import CHARTS
from press.cite import embed_code
from press.serve import free_port, served_edition
from press.stories import STORIES
from tests.browser import ARTIFACTS, axe_violations, text_collisions
from tests.edition import built_edition
from tests.test_security import poison_every_text_column


@contextmanager
def edition_on_nginx(folder, data=None, prepare=None):
    """An edition built for, and served by, nginx on a port chosen first (its embed codes name that address)."""
    port = free_port()
    with built_edition(folder, data, f"http://127.0.0.1:{port}/", prepare) as (config, built), \
            served_edition(folder, port) as base:
        yield config, built, base


# Each language's folder inside a version, and the word its source lines start with.
LANGUAGE_FOLDERS = {"": "Source", "ru/": "Источник"}


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    ARTIFACTS.mkdir(exist_ok=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BORDERLINES_EDITION_LANGUAGES", "en,ru")
        with edition_on_nginx(tmp_path_factory.mktemp("edition")) as served:
            yield served


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


def drawn(picture: bytes) -> int:
    """How many tones cover at least 1% of a screenshot: a blank canvas has one."""
    tones = Image.open(io.BytesIO(picture)).convert("L").histogram()
    return len([tone for tone in tones if tone > 0.01 * sum(tones)])


# Russian at the narrowest width, where its longer words would push a chart wider than the page.
@pytest.mark.parametrize(("folder", "width"), [("", 320), ("", 1280), ("ru/", 320)])
def test_each_embed_page_paints_its_chart(edition, browser, width, folder):
    _, built, base = edition
    with offline_page(browser, base, width) as page:
        for name, spec in CHARTS.items():
            page.goto(f"{base}v/{built.version}/{folder}embed/{name}/")
            expect(page.locator("h1")).to_be_visible()
            expect(page.locator(".foot")).to_contain_text(LANGUAGE_FOLDERS[folder])
            if spec.is_table:
                assert page.locator("table tbody tr").count() > 0, name
            elif spec.is_map:
                canvas = page.locator(".map canvas").first
                expect(canvas).to_be_attached(timeout=30_000)
                page.wait_for_timeout(1000)
                assert drawn(page.locator(".map").screenshot()) >= 3, f"{name}: the map is blank at {width} px"
            else:
                chart = page.locator(".chart")
                expect(chart.locator(".main-svg").first).to_be_attached(timeout=30_000)
                assert chart.locator(".point").count() > 0, f"{name} drew nothing at {width} px"
                box = chart.bounding_box()
                assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{name} is wider than {width} px"
            assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} scrolls sideways"
            if name in ("events_timeline", "bans_map"):
                page.screenshot(path=str(ARTIFACTS / f"edition-embed-{folder}{name}-{width}.png".replace("/", "-")),
                                full_page=True)


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
                               timeout=30_000)
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
    root = tmp_path_factory.mktemp("poisoned")
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


@pytest.mark.parametrize("folder", LANGUAGE_FOLDERS)
@pytest.mark.parametrize("width", [320, 1280])
def test_axe_finds_no_wcag_aa_violation_on_any_page_of_the_edition(edition, browser, axe_script, width, folder):
    _, built, base = edition
    found = []
    with offline_page(browser, base, width) as page:
        for path in edition_pages(built):
            page.goto(f"{base}v/{built.version}/{folder}{path}")
            page.wait_for_function(EVERY_FIGURE_DRAWN, timeout=60_000)
            found += [f"/{folder}{path} ({width} px): {line}" for line in axe_violations(page, axe_script)]
    assert found == [], "\n".join(found)


# Russian at the narrowest width, where its longer words first ran into each other or off the chart, and a laptop's.
@pytest.mark.parametrize(("folder", "width"), [*(("", width) for width in (320, 390, 768, 1280, 1920)),
                                               ("ru/", 320), ("ru/", 1280)])
def test_no_text_in_any_embedded_chart_runs_into_other_text_a_line_or_the_chart_s_edge(edition, browser, width,
                                                                                         folder):
    """Every chart as an article embeds it, at a phone's to a wide screen's width, as the browser laid it out, in
    each language: Russian words are longer, and Cyrillic letters wider."""
    _, built, base = edition
    found = []
    with offline_page(browser, base, width) as page:
        for name, spec in CHARTS.items():
            if spec.is_map or spec.is_table:
                continue
            page.goto(f"{base}v/{built.version}/{folder}embed/{name}/")
            page.wait_for_function("() => document.querySelector('.js-plotly-plot .main-svg')", timeout=60_000)
            found += [f"{folder}{name} ({width} px): {line}" for line in text_collisions(page)]
    assert found == [], "\n".join(found)
