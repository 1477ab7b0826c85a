"""Readers at once: many sessions opening pages on one server for a while, speaking Streamlit's own websocket
protocol as a browser tab does, so the load falls on the server and not on a browser sharing the same cores."""

from __future__ import annotations

import asyncio
import itertools
import statistics
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.server import APP, running_server
from bench.warm_pages import ONE_CACHED_CHART

CHART_ELEMENTS = ("plotly_chart", "deck_gl_json_chart")
# URL paths a reader opens, in turn ("" is the overview); each draws a chart. The Data page has none.
READER_PAGES = ("", "exodus", "entry_bans", "extraditions", "entry_rules", "money", "us_restrictions")


# The reference: an app that only draws one small chart, built once and cached, on its one page. What Streamlit
# itself needs to show a reader a chart; Borderlines' pages are measured against it in the same run.
REFERENCE_PAGES = ("",)


@dataclass
class ReadersResult:
    sessions: int
    seconds: float
    visits: list[float] = field(default_factory=list)  # time to first chart of each completed visit
    complete: list[float] = field(default_factory=list)  # time to the end of its run: the page complete
    sent: list[int] = field(default_factory=list)  # bytes the server sent over the websocket for each visit
    errors: list[str] = field(default_factory=list)
    rss_start: int = 0
    rss_peak: int = 0
    memory_per_session: float = 0  # bytes, measured on a fresh server (memory_per_session)

    @property
    def median(self) -> float:
        return statistics.median(self.visits)

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.visits, n=20, method="inclusive")[-1]

    @property
    def pages_per_second(self) -> float:
        return len(self.visits) / self.seconds


@dataclass
class Visit:
    first_chart: float  # seconds from opening the session to its first chart
    complete: float  # seconds to the end of the page's run
    sent: int  # bytes received


@asynccontextmanager
async def opened_page(url: str, page: str, timeout: float) -> AsyncIterator[Visit]:
    """Open one page in a new session and read it to the end of its run; the session stays open (a reader's tab
    on the page) until the block ends. Raises on an exception box, a dropped connection or a run that ends without
    a chart."""
    started = time.perf_counter()
    first_chart, sent = None, 0
    async with websockets.connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=timeout) as socket:
        rerun = BackMsg()
        rerun.rerun_script.page_name = page
        rerun.rerun_script.query_string = ""
        await socket.send(rerun.SerializeToString())
        async with asyncio.timeout(timeout):
            async for frame in socket:
                sent += len(frame)
                message = ForwardMsg()
                message.ParseFromString(frame)
                kind = message.WhichOneof("type")
                if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                    element = message.delta.new_element.WhichOneof("type")
                    if element == "exception":
                        raise RuntimeError(f"{page}: {message.delta.new_element.exception.message}")
                    if element in CHART_ELEMENTS and first_chart is None:
                        first_chart = time.perf_counter() - started
                elif kind == "page_not_found":
                    raise RuntimeError(f"/{page}: page not found")
                elif kind == "script_finished" and first_chart is not None:
                    break
            else:
                raise RuntimeError(f"{page}: the run ended without a chart")
        yield Visit(first_chart, time.perf_counter() - started, sent)


async def visit(url: str, page: str, timeout: float) -> Visit:
    """One page opened, read to the end of its run, and closed."""
    async with opened_page(url, page, timeout) as done:
        return done


async def reader(url: str, pages, deadline: float, timeout: float, result: ReadersResult) -> None:
    """One reader: opens page after page until the deadline, each in a fresh session."""
    while time.monotonic() < deadline:
        page = next(pages)
        try:
            done = await visit(url, page, timeout)
            result.visits.append(done.first_chart)
            result.complete.append(done.complete)
            result.sent.append(done.sent)
        except Exception as error:  # every failure a reader would see counts, whatever its kind
            result.errors.append(f"{type(error).__name__}: {error}")


async def watch_memory(server: psutil.Process, result: ReadersResult) -> None:
    while True:
        result.rss_peak = max(result.rss_peak, tree_rss(server))
        await asyncio.sleep(0.5)


def tree_rss(process: psutil.Process) -> int:
    """Resident memory of the server and any processes it started."""
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            total += member.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total


def stream_url(base: str) -> str:
    return base.replace("http", "ws", 1) + "/_stcore/stream"


async def serve_each_once(url: str, pages: tuple[str, ...]) -> None:
    """Every page run once, so that imports and caches are paid for before anything is measured."""
    for page in pages:
        await visit(url, page, timeout=300)


async def crowd(base: str, server: psutil.Process, sessions: int, seconds: float,
                warm: list[str] | None = None, pages: tuple[str, ...] = READER_PAGES) -> ReadersResult:
    """`sessions` readers at `base` for `seconds`, once each server in `warm` (by default `base`) has run every
    page once: the first runs pay the imports and fill the caches, which the cold benchmark measures."""
    url = stream_url(base)
    for address in warm or [base]:
        await serve_each_once(stream_url(address), pages)
    result = ReadersResult(sessions, seconds, rss_start=tree_rss(server))
    deadline = time.monotonic() + seconds
    offsets = itertools.count()
    readers = [reader(url, itertools.islice(itertools.cycle(pages), next(offsets), None), deadline,
                      timeout=120, result=result) for _ in range(sessions)]
    memory = asyncio.create_task(watch_memory(server, result))
    await asyncio.gather(*readers)
    memory.cancel()
    return result


async def memory_per_session(base: str, server: psutil.Process, sessions: int,
                             pages: tuple[str, ...] = READER_PAGES) -> float:
    """Bytes of server memory each open session holds: `sessions` readers open a page each (the pages in turn) and
    leave their tabs open; the server's memory then, less its memory before, shared among them. Every page has run
    once before, so the caches are full and what is left is the sessions' own."""
    url = stream_url(base)
    await serve_each_once(url, pages)
    await asyncio.sleep(1)
    before = tree_rss(server)
    async with AsyncExitStack() as tabs:
        for number in range(sessions):
            await tabs.enter_async_context(opened_page(url, pages[number % len(pages)], timeout=300))
        await asyncio.sleep(2)
        return max(0, tree_rss(server) - before) / sessions


def readers_of(script: Path, pages: tuple[str, ...], sessions: int, seconds: float) -> ReadersResult:
    """`sessions` readers for `seconds` on an app started as `make run` starts Borderlines."""
    with running_server(script) as (base, server):
        return asyncio.run(crowd(base, psutil.Process(server.pid), sessions, seconds, pages=pages))


def readers_at_once(sessions: int, seconds: float, open_sessions: int) -> dict[str, ReadersResult]:
    """The reference app's readers, then Borderlines', one after the other on this machine; each app's memory per
    open session, with `open_sessions` open on a fresh server (at 30, a session's 50 kB or so is lost in the noise
    of the server's memory; 150 gives steady figures)."""
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        reference = Path(folder) / "one_cached_chart.py"
        reference.write_text(ONE_CACHED_CHART)
        for name, script, pages in (("reference", reference, REFERENCE_PAGES), ("borderlines", APP, READER_PAGES)):
            results[name] = readers_of(script, pages, sessions, seconds)
            with running_server(script) as (base, server):
                results[name].memory_per_session = asyncio.run(
                    memory_per_session(base, psutil.Process(server.pid), open_sessions, pages))
    return results
