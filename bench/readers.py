"""Readers at once: many sessions opening pages on one server for a while, speaking Streamlit's own websocket
protocol as a browser tab does, so the load falls on the server and not on a browser sharing the same cores."""

from __future__ import annotations

import asyncio
import itertools
import statistics
import time
from dataclasses import dataclass, field

import psutil
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.server import APP, running_server

CHART_ELEMENTS = ("plotly_chart", "deck_gl_json_chart")
# URL paths a reader opens, in turn ("" is the overview); each draws a chart. The Data page has none.
READER_PAGES = ("", "exodus", "entry_bans", "extraditions", "entry_rules", "money", "us_restrictions")


@dataclass
class ReadersResult:
    sessions: int
    seconds: float
    visits: list[float] = field(default_factory=list)  # time to first chart of each completed visit
    complete: list[float] = field(default_factory=list)  # time to the end of its run: the page complete
    errors: list[str] = field(default_factory=list)
    rss_start: int = 0
    rss_peak: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.visits)

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.visits, n=20, method="inclusive")[-1]


async def visit(url: str, page: str, timeout: float) -> tuple[float, float]:
    """Open one page in a new session; the seconds until its first chart arrived, and until its run finished (the
    page complete). Raises on an exception box, a dropped connection or a run that ends without a chart."""
    started = time.perf_counter()
    first_chart = None
    async with websockets.connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=timeout) as socket:
        rerun = BackMsg()
        rerun.rerun_script.page_name = page
        rerun.rerun_script.query_string = ""
        await socket.send(rerun.SerializeToString())
        async with asyncio.timeout(timeout):
            async for frame in socket:
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
                    return first_chart, time.perf_counter() - started
    raise RuntimeError(f"{page}: the run ended without a chart")


async def reader(url: str, pages, deadline: float, timeout: float, result: ReadersResult) -> None:
    """One reader: opens page after page until the deadline, each in a fresh session."""
    while time.monotonic() < deadline:
        page = next(pages)
        try:
            first_chart, complete = await visit(url, page, timeout)
            result.visits.append(first_chart)
            result.complete.append(complete)
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


async def crowd(base: str, server: psutil.Process, sessions: int, seconds: float,
                warm: list[str] | None = None) -> ReadersResult:
    """`sessions` readers at `base` for `seconds`, once each server in `warm` (by default `base`) has run a page."""
    url = stream_url(base)
    for address in warm or [base]:  # the first run pays the imports: that is the cold benchmark
        await visit(stream_url(address), READER_PAGES[0], timeout=300)
    result = ReadersResult(sessions, seconds, rss_start=tree_rss(server))
    deadline = time.monotonic() + seconds
    offsets = itertools.count()
    readers = [reader(url, itertools.islice(itertools.cycle(READER_PAGES), next(offsets), None), deadline,
                      timeout=120, result=result) for _ in range(sessions)]
    memory = asyncio.create_task(watch_memory(server, result))
    await asyncio.gather(*readers)
    memory.cancel()
    return result


def readers_at_once(sessions: int, seconds: float) -> ReadersResult:
    """Start the app as `make run` does, then let `sessions` readers at it for `seconds`."""
    with running_server(APP) as (base, server):
        return asyncio.run(crowd(base, psutil.Process(server.pid), sessions, seconds))
