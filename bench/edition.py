"""The edition against the app: the same number of readers for the same seconds on the same machine, the edition's
story pages served by nginx (each a complete page: the HTML and everything it loads, on a new connection, nothing
cached) and the app's reader pages over Streamlit's websocket (bench.readers); then the first chart painted in
Chromium, an embed page against the app's overview, and a map embed (deck.gl) against the app's map page.

The edition is built into a temporary folder from the published data, as `make edition` builds it.
"""

from __future__ import annotations

import asyncio
import gzip
import itertools
import re
import statistics
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlparse

import psutil
from playwright.sync_api import sync_playwright

from bench import readers
from bench.chromium import CHROMIUM, CHROMIUM_ARGS
from bench.cold_start import open_until_drawn
from bench.readers import READER_PAGES, serve_each_once, stream_url
from bench.server import APP, running_server

LOADED = re.compile(r'<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"')
STORY_PAGES = tuple(f"latest/story/{page or 'overview'}/" for page in READER_PAGES)


@dataclass
class Crowd:
    """What a crowd of readers got: seconds to each complete page, and every failure."""

    sessions: int
    seconds: float
    pages: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    bytes: int = 0

    @property
    def per_second(self) -> float:
        return len(self.pages) / self.seconds

    def quantile(self, share: float) -> float:
        if len(self.pages) < 2:
            return self.pages[0] if self.pages else float("nan")
        return statistics.quantiles(self.pages, n=100, method="inclusive")[round(share * 100) - 1]


async def get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str, path: str) -> bytes:
    """One HTTP/1.1 request on a kept-alive connection, as a browser sends it (gzip accepted); the body as sent."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept-Encoding: gzip\r\nUser-Agent: bench\r\n\r\n"
                 .encode())
    await writer.drain()
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
    status = int(head[0].split(" ", 2)[1])
    headers = {name.lower(): value.strip() for name, _, value in (line.partition(":") for line in head[1:] if line)}
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    else:  # chunked
        parts = []
        while size := int((await reader.readline()).split(b";")[0], 16):
            parts.append((await reader.readexactly(size + 2))[:-2])
        await reader.readline()
        body = b"".join(parts)
    if status != 200:
        raise RuntimeError(f"{path}: HTTP {status}")
    if headers.get("content-type", "").startswith("text/html") and headers.get("content-encoding") == "gzip":
        return gzip.decompress(body)  # only the page is read; the rest is counted as it arrives, as a browser's cache
    return body


async def complete_page(base: str, path: str) -> tuple[float, int]:
    """A new reader's visit: a new connection, the page, then every script, style and icon it loads."""
    started = time.perf_counter()
    address = urlparse(base)
    reader, writer = await asyncio.open_connection(address.hostname, address.port)
    try:
        page_url = urljoin(base, path)
        html = await get(reader, writer, address.netloc, urlparse(page_url).path)
        total = len(html)
        for loaded in LOADED.findall(html.decode("utf-8")):
            total += len(await get(reader, writer, address.netloc, urlparse(urljoin(page_url, loaded)).path))
    finally:
        writer.close()
    return time.perf_counter() - started, total


async def crowd(base: str, sessions: int, seconds: float) -> Crowd:
    result = Crowd(sessions, seconds)
    await complete_page(base, STORY_PAGES[0])  # as the app's benchmark, the server has served one page first
    deadline = time.monotonic() + seconds

    async def one_reader(pages) -> None:
        while time.monotonic() < deadline:
            try:
                took, size = await asyncio.wait_for(complete_page(base, next(pages)), timeout=120)
                result.pages.append(took)
                result.bytes += size
            except Exception as error:  # every failure a reader would see counts
                result.errors.append(f"{type(error).__name__}: {error}")

    offsets = itertools.count()
    await asyncio.gather(*(one_reader(itertools.islice(itertools.cycle(STORY_PAGES), next(offsets), None))
                           for _ in range(sessions)))
    return result


@contextmanager
def edition_served():
    """The edition of the published data, built into a temporary folder and served by nginx; yields its base URL and
    the version's folder name."""
    import os

    from press.build import build_edition
    from press.config import edition_config
    from press.serve import served_edition

    with tempfile.TemporaryDirectory(prefix="borderlines-edition-") as folder:
        previous = os.environ.get("BORDERLINES_EDITION_DIR")
        os.environ["BORDERLINES_EDITION_DIR"] = folder
        try:
            built = build_edition(edition_config())
        finally:
            if previous is None:
                os.environ.pop("BORDERLINES_EDITION_DIR")
            else:
                os.environ["BORDERLINES_EDITION_DIR"] = previous
        with served_edition(Path(folder)) as base:
            yield base, built.version


def edition_readers(base: str, sessions: int, seconds: float) -> Crowd:
    return asyncio.run(crowd(base, sessions, seconds))


@contextmanager
def app_served():
    """The app as `make run` serves it, for every crowd and paint of the section: its base URL and its process."""
    with running_server(APP) as (base, server):
        yield base, psutil.Process(server.pid)


def app_readers(app: tuple[str, psutil.Process], sessions: int, seconds: float) -> Crowd:
    """The app's readers (bench.readers), as a Crowd: a complete page is its script run finished."""
    result = asyncio.run(readers.crowd(*app, sessions, seconds, pages=READER_PAGES))
    return Crowd(sessions, seconds, list(result.complete), list(result.errors))


@dataclass
class Paints:
    edition: list[float] = field(default_factory=list)
    app: list[float] = field(default_factory=list)


def first_paint(browser, url: str, selector: str) -> float:
    """Seconds from opening a page in a fresh browser context (nothing cached) to `selector` being drawn."""
    started = time.perf_counter()
    return open_until_drawn(browser, url, selector, timeout=120) - started


CHART = {"edition": ("embed/events_timeline/", ".chart .main-svg"),
         "app": ("", '[data-testid="stPlotlyChart"] .main-svg')}
MAP = {"edition": ("embed/bans_map/", ".map canvas"),
       "app": ("entry_bans", '[data-testid="stDeckGlJsonChart"] canvas')}


def first_paints(base: str, version: str, app_base: str, repeats: int) -> dict[str, Paints]:
    """Median-ready runs of the first chart and the first map painted: the edition's embed pages on nginx against
    the app's pages on a warm server, taking turns."""
    runs = {"chart": Paints(), "map": Paints()}
    # The app's first run of each page pays its imports (the cold benchmark measures that): paid here over the
    # websocket, which warms the server as a browser's visit would, in a second or two instead of ten.
    asyncio.run(serve_each_once(stream_url(app_base), (CHART["app"][0], MAP["app"][0])))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(repeats):
            for kind, targets in (("chart", CHART), ("map", MAP)):
                runs[kind].edition.append(first_paint(browser, f"{base}v/{version}/{targets['edition'][0]}",
                                                      targets["edition"][1]))
                runs[kind].app.append(first_paint(browser, f"{app_base}/{targets['app'][0]}", targets["app"][1]))
        browser.close()
    return runs
