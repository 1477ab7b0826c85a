"""Running the app as the README does and driving it in Debian's Chromium, for the browser tests.

Playwright cannot download its own browser here, so it drives Debian's Chromium (bench/chromium.py says which,
with what flags). A missing browser is a failure, never a skip: `make test` installs it.
"""

from __future__ import annotations

import io
import math
import os
import re
import signal
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from PIL import Image
from playwright.sync_api import expect

from bench.cluster import replicas_in, started_cluster, stop_group
from bench.server import free_port, free_port_run, wait_until_healthy
from charts.registry import CHARTS
from charts.text import PAGE_WIDTH
from press.stories import STORIES
from ui.screen import WATCHER_KEY

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@contextmanager
def running_app(repo: Path, env: dict[str, str] | None = None):
    """`make run` on a free port, yielding the base URL once the server answers its health check."""
    port = free_port()
    with open(ARTIFACTS / f"server-{port}.log", "w") as log:
        yield from _serve(repo, port, log, env)


def _serve(repo: Path, port: int, log, env: dict[str, str] | None):
    server = subprocess.Popen(["make", "--no-print-directory", "run", f"PORT={port}"], cwd=repo, stdout=log,
                              stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        # The first `make run` on a fresh clone installs requirements.
        wait_until_healthy(base, server, timeout=300, log=log.name)
        yield base
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)


def is_own_host(url: str, base: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob", "about") or parsed.netloc == urlparse(base).netloc


def tones(picture: bytes) -> int:
    """How many tones cover at least 1% of a screenshot: a blank canvas has one."""
    histogram = Image.open(io.BytesIO(picture)).convert("L").histogram()
    return len([tone for tone in histogram if tone > 0.01 * sum(histogram)])


def map_painted(deck, seconds: float = 5) -> bool:
    """Whether a map (`deck`, a locator) shows land, sea and borders, at least three tones, within `seconds`: deck.gl
    paints a moment after its canvas is made or scrolled into view, so the map is looked at again every 250 ms."""
    deadline = time.monotonic() + seconds
    while tones(deck.screenshot()) < 3:
        if time.monotonic() > deadline:
            return False
        deck.page.wait_for_timeout(250)
    return True


# How often a wait_for_function looks again, in ms: Playwright's default, every animation frame, keeps the browser
# drawing frames all the while it waits (about a tenth of a core, measured), which the app being waited on needs.
POLL = 100
# The app's script has run to its end: no rerun is under way.
FINISHED = "() => document.querySelector('[data-testid=\"stApp\"]')?.dataset.testScriptState === 'notRunning'"


# The app has drawn its charts in the layout their column's width calls for (ui/screen.py): a column narrower than
# the page layout is fitted for gets the phone's, once the browser has told the server and the rerun has finished.
# The watcher's place is on the page from the first run, its script seconds later (after plotly's); an edition page
# has no server to tell, and presenter mode fits its screen by other means.
LAID_OUT_FOR_THE_COLUMN = f"""() => {{
    const place = document.querySelector('.st-key-{WATCHER_KEY}');
    if (!place) return true;
    const watcher = place.querySelector('[data-layout]');
    if (!watcher) return false;
    const column = watcher.closest('[data-testid="stVerticalBlock"]');
    const phone = navigator.userAgent.includes('Mobi') || column.clientWidth < {PAGE_WIDTH};
    return watcher.dataset.layout === (phone ? 'phone' : 'page') && ({FINISHED})();
}}"""


def wait_for_streamlit(page) -> None:
    page.wait_for_selector('[data-testid="stApp"]', timeout=90_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidgetRunningIcon\"]')", polling=POLL, timeout=90_000)


def sign_in_path_in(printed: str) -> str:
    """The path of the sign-in link a server printed."""
    return re.search(r"http://localhost:\d+(/editor\?token=\S+)", printed)[1]


@dataclass
class RunningCluster:
    """`make cluster` as the tests run it: HAProxy's address, the launcher's log, its process group, and the
    environment it runs in."""

    base: str
    log: Path
    process: subprocess.Popen
    environment: dict[str, str]

    def replicas(self) -> dict[str, tuple[str, int]]:
        return replicas_in(self.log.read_text())

    def sign_in_path(self) -> str:
        """The path of the one-time sign-in link the cluster printed when it started."""
        return sign_in_path_in(self.log.read_text())

    def new_sign_in_path(self) -> str:
        """Another one-time link, as an operator gets one with `make sign-in-link` while the cluster runs."""
        printed = subprocess.run(["make", "--no-print-directory", "sign-in-link", f"PORT={urlparse(self.base).port}"],
                                 cwd=Path(__file__).resolve().parent.parent, env=self.environment,
                                 capture_output=True, text=True, check=True, timeout=120).stdout
        return sign_in_path_in(printed)

    def stop(self, sign: int = signal.SIGINT) -> None:
        """As Ctrl-C in its terminal: the signal to the whole process group."""
        stop_group(self.process, sign)


@contextmanager
def running_cluster(repo: Path, replicas: int, env: dict[str, str | None], args: str = ""):
    """`make cluster` with `replicas` replicas on free ports, yielded once it says it is ready; stopped after.
    `env` adds to the tests' environment; a None in it takes a variable out."""
    port = free_port_run(replicas + 1)
    environment = {name: value for name, value in {**os.environ, **env}.items() if value is not None}
    log = ARTIFACTS / f"cluster-{port}.log"
    command = ["make", "--no-print-directory", "-C", str(repo), "cluster", f"PORT={port}", f"REPLICAS={replicas}",
               f"CLUSTER_ARGS={args}"]
    with started_cluster(command, log, environment) as process:  # the first run installs what it needs
        yield RunningCluster(f"http://127.0.0.1:{port}", log, process, environment)


AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page, axe_script: str) -> list[str]:
    """axe-core's WCAG 2.0/2.1 A and AA findings on the page as it is, one line per element."""
    page.add_script_tag(content=axe_script)
    found = page.evaluate("""async tags => {
        const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
        return result.violations.flatMap(rule => rule.nodes.map(node =>
            `${rule.id}: ${node.target.join(' ')}: ${node.failureSummary.replace(/\\s+/g, ' ')}`));
    }""", WCAG_AA)
    return found


# Every piece of text plotly drew in a chart, as the boxes the browser laid out, and the lines drawn under them.
CHART_TEXT = """root => {
    const texts = [], edges = {}, charts = [...root.querySelectorAll('.js-plotly-plot')];
    // Each chart by its own name: two charts under one id (a chart drawn again beside the one it replaces) must not
    // be measured against each other's edges.
    const named = chart => `${chart.closest('[id]')?.id || 'chart'} #${charts.indexOf(chart) + 1}`;
    for (const chart of charts) {
        const name = named(chart);
        const edge = chart.querySelector('.main-svg').getBoundingClientRect();
        edges[name] = {left: edge.left, right: edge.right, top: edge.top, bottom: edge.bottom};
        const kinds = {
            title: '.g-gtitle text', 'axis title': '.g-xtitle text, .g-ytitle text',
            tick: '.xaxislayer-above text, .yaxislayer-above text', legend: '.legend .legendtext',
            note: '.annotation-text-g text', label: '.textpoint text, .bartext',
        };
        const seen = new Set();
        for (const [kind, selector] of Object.entries(kinds)) {
            for (const element of chart.querySelectorAll(selector)) {
                if (seen.has(element) || !element.textContent.trim()) continue;
                seen.add(element);
                const box = element.getBBox(), matrix = element.getScreenCTM();
                if (box.width < 1 || box.height < 1) continue;
                // The corners as drawn: a rotated tick label is a turned rectangle, not the box around it.
                const corners = [[box.x, box.y], [box.x + box.width, box.y], [box.x + box.width, box.y + box.height],
                                 [box.x, box.y + box.height]].map(([x, y]) =>
                    [matrix.a * x + matrix.c * y + matrix.e, matrix.b * x + matrix.d * y + matrix.f]);
                texts.push({chart: name, kind, text: element.textContent.trim().slice(0, 60), corners});
            }
        }
        // Plotly's mode bar (the chart's buttons), where it shows without a hover (on a touch screen, always): text
        // must not lie under it.
        const bar = chart.querySelector('.modebar');
        if (bar && [...bar.querySelectorAll('.modebar-group')].some(group => getComputedStyle(group).opacity !== '0')) {
            const box = bar.getBoundingClientRect();
            texts.push({chart: name, kind: 'mode bar', text: 'buttons',
                        corners: [[box.left, box.top], [box.right, box.top], [box.right, box.bottom],
                                  [box.left, box.bottom]]});
        }
    }
    const lines = [];
    for (const chart of charts) {
        const name = named(chart);
        for (const path of chart.querySelectorAll('.shapelayer path, .scatterlayer .js-line')) {
            const matrix = path.getScreenCTM();
            const length = path.getTotalLength ? path.getTotalLength() : 0;
            const points = [];
            for (let at = 0; at <= length; at += 2) {
                const point = path.getPointAtLength(at);
                points.push([matrix.a * point.x + matrix.c * point.y + matrix.e,
                             matrix.b * point.x + matrix.d * point.y + matrix.f]);
            }
            if (points.length) lines.push({chart: name, points});
        }
    }
    return {texts, lines, edges};
}"""


def text_collisions(page, root: str = "body") -> list[str]:
    """Pairs of text in one chart that overlap (by more than a pixel), notes a drawn line runs through, and text
    cut off at the chart's edge: what a reader would see as text written over text or over the data."""
    drawn = page.evaluate(f"() => ({CHART_TEXT})(document.querySelector({root!r}))")
    texts = drawn["texts"]
    found = []
    for text in texts:
        edge = drawn["edges"][text["chart"]]
        if not all(edge["left"] - 1 <= x <= edge["right"] + 1 and edge["top"] - 1 <= y <= edge["bottom"] + 1
                   for x, y in text["corners"]):
            found.append(f"{text['chart']}: {text['kind']} {text['text']!r} is cut off at the chart's edge")
    for index, one in enumerate(texts):
        for other in texts[index + 1:]:
            if one["chart"] == other["chart"] and overlap(one["corners"], other["corners"]):
                found.append(f"{one['chart']}: {one['kind']} {one['text']!r} runs into {other['kind']} "
                             f"{other['text']!r}")
    for note in (text for text in texts if text["kind"] == "note"):
        for line in drawn["lines"]:
            if line["chart"] == note["chart"] and any(inside(point, note["corners"]) for point in line["points"]):
                found.append(f"{note['chart']}: a line runs through the note {note['text']!r}")
                break
    return found


def overlap(one: list[list[float]], other: list[list[float]], by: float = 1.0) -> bool:
    """Whether two convex outlines overlap by more than `by` pixels: no edge of either separates them (the
    separating axis test)."""
    for outline in (one, other):
        for (x1, y1), (x2, y2) in zip(outline, outline[1:] + outline[:1], strict=True):
            axis = (y1 - y2, x2 - x1)
            length = math.hypot(*axis) or 1.0
            ones = [(x * axis[0] + y * axis[1]) / length for x, y in one]
            others = [(x * axis[0] + y * axis[1]) / length for x, y in other]
            if min(max(ones), max(others)) - max(min(ones), min(others)) <= by:
                return False
    return True


def inside(point: list[float], corners: list[list[float]], margin: float = 1.0) -> bool:
    """Whether a point is inside an outline, more than `margin` pixels from each of its edges."""
    centre = (sum(x for x, _ in corners) / len(corners), sum(y for _, y in corners) / len(corners))
    for (x1, y1), (x2, y2) in zip(corners, corners[1:] + corners[:1], strict=True):
        normal = (y1 - y2, x2 - x1)
        length = math.hypot(*normal) or 1.0
        side = ((point[0] - x1) * normal[0] + (point[1] - y1) * normal[1]) / length
        inward = ((centre[0] - x1) * normal[0] + (centre[1] - y1) * normal[1]) / length
        if side * (1 if inward > 0 else -1) <= margin:
            return False
    return True


# A drawn chart as the browser laid it out: its edges, its plot's, its title's lines, and under the plot the x axis's
# labels, the legend and its entries (or beside the plot, in presenter mode), and the source line ("Source:" or
# "Sources:", in English or Russian).
CHART_LAYOUT = """chart => {
    const box = element => {
        const drawn = element.getBoundingClientRect();
        return {left: drawn.left, right: drawn.right, top: drawn.top, bottom: drawn.bottom};
    };
    const source = [...chart.querySelectorAll('.annotation')]
        .find(note => /^(Sources?|Источники?):/.test(note.textContent.trim()));
    const legend = chart.querySelector('.legend');
    return {
        edge: box(chart), svg: box(chart.querySelector('.main-svg')),
        plot: box(chart.querySelector('.nsewdrag') || chart.querySelector('.main-svg')),
        title: [...chart.querySelectorAll('.gtitle')].map(line => ({text: line.textContent, ...box(line)})),
        points: chart.querySelectorAll('.point').length,
        source: source && {text: source.textContent, ...box(source)},
        legend: legend && box(legend),
        entries: [...chart.querySelectorAll('.legend .traces')].map(entry => ({text: entry.textContent,
                                                                             ...box(entry)})),
        legend_scrolls: Boolean(chart.querySelector(".legend .scrollbar[height]:not([height='0'])")),
        axis_bottom: Math.max(...[...chart.querySelectorAll('.xtick text, .g-xtitle text')].map(
            label => label.getBoundingClientRect().bottom)),
    };
}"""
# The most empty space between the x axis's labels and a legend under them, and between its last entry and the
# source line.
MOST_SPACE_ABOVE_A_LEGEND = 100
MOST_SPACE_UNDER_A_LEGEND = 100


def chart_layout_faults(chart) -> list[str]:
    """What a reader would see wrong in a drawn chart, in words. It draws nothing; a title line runs past the edge
    (plotly never wraps one); under the plot, the x axis's labels, the legend and the source line are not in that
    order or run into each other; the source line is missing or outside the chart, where a PNG export loses it; a
    legend entry is cut off or scrolled away; or an empty band opens between the axis and a legend under it (as one
    did when the legend sat on the source line and used less room than planned), or between the legend and the
    source line (as one did when a legend planned as one column was drawn in two)."""
    drawn = chart.evaluate(CHART_LAYOUT)
    faults = [] if drawn["points"] else ["the chart drew nothing"]
    faults += [f"title cut off: {line['text']!r}" for line in drawn["title"]
               if line["right"] > drawn["edge"]["right"] + 1]
    source, legend, svg = drawn["source"], drawn["legend"], drawn["svg"]
    if not source:
        return [*faults, "no source line burned into the chart"]
    if not (svg["left"] - 1 <= source["left"] and source["right"] <= svg["right"] + 1
            and source["bottom"] <= svg["bottom"] + 1):
        faults.append(f"source line cut off: {source['text']!r}")
    under = legend and legend["left"] < drawn["plot"]["right"] - 1  # not beside the plot
    if drawn["axis_bottom"] > (legend if under else source)["top"] + 1:
        faults.append("the x axis's labels run into the legend or source")
    if not legend:
        return faults
    if legend["bottom"] > source["top"] + 1:
        faults.append(f"the legend covers the source: {source['text']!r}")
    faults += [f"legend entry cut off: {entry['text']!r}" for entry in drawn["entries"]
               if entry["bottom"] > legend["bottom"] + 1]
    if drawn["legend_scrolls"]:
        faults.append("the legend scrolls")
    gap = legend["top"] - drawn["axis_bottom"]
    if under and gap > MOST_SPACE_ABOVE_A_LEGEND:
        faults.append(f"{gap:.0f} px of empty space between the x axis and the legend")
    space = source["top"] - max((entry["bottom"] for entry in drawn["entries"]), default=legend["bottom"])
    if under and space > MOST_SPACE_UNDER_A_LEGEND:
        faults.append(f"{space:.0f} px of empty space between the legend and the source line")
    return faults


def charts_on(link: str) -> int:
    """How many charts and maps a page draws at its default filters (a slide draws one)."""
    name = link.split("?")[0] or "overview"
    if name == "briefing":
        return 0 if "view=notes" in link else 1
    return sum(not CHARTS[chart].is_table for chart in STORIES[name].charts) if name in STORIES else 0


# Charts and maps that have drawn; the browser draws one only once it has been scrolled into view.
DRAWN = """() => {
    for (const element of document.querySelectorAll('[data-testid="stElementContainer"]')) element.scrollIntoView();
    return document.querySelectorAll('[data-testid="stPlotlyChart"] .main-svg, [data-testid="stDeckGlJsonChart"]')
        .length;
}"""


def open_drawn(page, url: str, heading: str) -> None:
    """Open a page and wait until its script has finished (its heading shows that it started) and every chart on
    it has drawn, then go back to the top."""
    page.goto(url, wait_until="domcontentloaded")
    expect(page.get_by_role("heading", name=heading, exact=True).first).to_be_visible(timeout=90_000)
    drawn_in_full(page, url)


# Goes to an address inside the app as its menu does: the browser's history changes and the app hears of it.
MOVE_IN_APP = """url => {
    history.pushState(null, '', url);
    dispatchEvent(new PopStateEvent('popstate'));
}"""


def move_drawn(page, url: str, heading: str) -> bool:
    """Go to another page of the app open in `page` as a reader does from its menu, in the same session, without
    loading the frontend again, and wait as `open_drawn` does; False, without moving, when the page on screen
    already shows that heading. The new page's heading is the only sign that its run has started: the state of a
    run that a cache answers in one message is never shown as running."""
    if page.get_by_role("heading", name=heading, exact=True).count():
        return False
    page.evaluate(MOVE_IN_APP, url)
    expect(page.get_by_role("heading", name=heading, exact=True).first).to_be_visible(timeout=90_000)
    drawn_in_full(page, url)
    return True


def drawn_in_full(page, url: str) -> None:
    """Wait until the page's script has finished, in the layout its column calls for, and every chart on it has
    drawn, then go back to the top."""
    page.wait_for_function(LAID_OUT_FOR_THE_COLUMN, polling=POLL, timeout=90_000)
    expected = charts_on(url.split("/", 3)[3])
    page.wait_for_function(f"() => ({DRAWN})() >= {expected}", polling=POLL, timeout=90_000)
    page.wait_for_function("""() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
                                      .every(chart => chart.querySelector('.main-svg'))""",
                           polling=POLL, timeout=90_000)
    page.wait_for_timeout(500)
    page.wait_for_function(FINISHED, polling=POLL, timeout=90_000)
    page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollIntoView()")


# The width each chart (elements matching a selector) is drawn at, and whether each drawing fills its chart's box.
DRAWN_WIDTHS = """selector => [...document.querySelectorAll(selector)].map(
    chart => chart.querySelector('.main-svg')?.getBoundingClientRect().width ?? 0)"""
FILLS_ITS_BOX = """selector => [...document.querySelectorAll(selector)].every(chart => Math.abs(
    (chart.querySelector('.main-svg')?.getBoundingClientRect().width ?? 0)
    - chart.getBoundingClientRect().width) <= 2)"""


def resized(page, selector: str, viewport: dict[str, int]) -> None:
    """Resize the window and wait until every chart has been drawn again at a new width that fills its box, in the
    layout that width calls for, and stays so for 400 ms: a window resized can move a chart twice (Streamlit folds
    its sidebar away after the first new width is drawn)."""
    before = page.evaluate(DRAWN_WIDTHS, selector)
    page.set_viewport_size(viewport)
    page.wait_for_function(f"""selector => ({DRAWN_WIDTHS})(selector).every(
        (width, index) => Math.abs(width - {before}[index]) > 2) && ({FILLS_ITS_BOX})(selector)""",
                           arg=selector, polling=POLL, timeout=30_000)
    page.wait_for_function(LAID_OUT_FOR_THE_COLUMN, polling=POLL, timeout=30_000)
    drawn = page.evaluate(DRAWN_WIDTHS, selector)
    for _ in range(20):
        page.wait_for_timeout(400)
        now = page.evaluate(DRAWN_WIDTHS, selector)
        if now == drawn and page.evaluate(FILLS_ITS_BOX, selector):
            return
        drawn = now
    raise AssertionError(f"the charts never settled at {viewport['width']} px: {drawn}")


def collisions_when_resized(page, selector: str, viewport: dict[str, int]) -> list[str]:
    """The text that collides in a page's charts (elements matching `selector`) once its window is resized to
    `viewport` and every chart has been drawn again."""
    resized(page, selector, viewport)
    return text_collisions(page)
