"""A reader in a real browser finds where a figure comes from: hovering a point shows the source's own sentence, and
the chart's Table tab has a column of them. Run one test at a time: it starts the app and a headless Chromium."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from catalog import load
from charts.text import plain
from tests.browser import ARTIFACTS
from tests.test_browser import visit


def openings(quotes) -> list[str]:
    """The first words of each sentence, as a hover shows them (its lines rejoined)."""
    return [" ".join(plain(quote).split()[:6]) for quote in quotes]


def test_hovering_a_figure_shows_its_source_s_sentence_and_the_table_gives_it_too(app_url, browser):
    remittances = load("remittances")
    uzbek = remittances[(remittances["from_country"] == "RUS") & (remittances["to_country"] == "UZB")]
    with visit(browser, app_url, "money?to=UZB", "desktop", "Money and migrants") as page:
        chart = page.locator('[data-testid="stPlotlyChart"]').first
        expect(chart.locator(".main-svg").first).to_be_attached(timeout=90_000)
        chart.scroll_into_view_if_needed()
        chart.locator(".scatterlayer .point").first.hover(force=True)
        hover = chart.locator(".hoverlayer .hovertext").first
        expect(hover).to_be_visible(timeout=15_000)
        lines = hover.evaluate("node => Array.from(node.querySelectorAll('tspan.line'), line => line.textContent)")
        said = " ".join(" ".join(lines).split())
        page.screenshot(path=str(ARTIFACTS / "quote-on-hover.png"))
        assert "“" in said and any(opening in said for opening in openings(uzbek["quote"])), said

        page.get_by_role("tab", name="Table").first.click()
        table = page.locator('[data-testid="stDataFrame"]').first
        expect(table).to_be_visible(timeout=30_000)
        header = table.locator("th[role=columnheader]", has_text=re.compile(r"^\s*quote\s*$"))
        for _ in range(40):  # the grid draws only the columns in view: scroll right as a reader would
            if header.count():
                break
            table.locator(".dvn-scroller").first.evaluate("scroller => { scroller.scrollLeft += 300; }")
            page.wait_for_timeout(250)
        expect(header).to_have_count(1)
        cells = table.locator(f'td[aria-colindex="{header.get_attribute("aria-colindex")}"]')
        assert any(opening in " ".join(cells.first.inner_text().split()) for opening in openings(uzbek["quote"]))
        page.screenshot(path=str(ARTIFACTS / "quote-in-table.png"))
