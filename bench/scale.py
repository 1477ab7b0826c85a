"""Scale: a synthetic table of daily crossings through the real data layer and chart code, against pyarrow.

The table (date, crossing point, direction, count) is written by code into a temporary folder, never under data/.
Its schema is declared with the catalog's own column constructors, and catalog.store.build_catalog reads and
checks it (its crossing points against the published places) as it does a published file; a chart spec like the
registry's sums and draws it through ChartSpec.build, the route every chart takes. Every measurement runs in a
fresh process with an empty cache, and reports its peak memory.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import statistics
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from queue import Empty

import numpy as np
import pandas as pd

from catalog.columns import choice, date, integer, reference
from catalog.datasets import DATASETS, Dataset

DAILY_CROSSINGS = Dataset(
    "daily_crossings", "Daily border crossings (synthetic)",
    "Benchmark table: crossings counted each day at each checkpoint, in each direction. Made up by bench code.",
    (
        date("date", "Day counted."),
        reference("crossing_point", "Checkpoint or border city (a key of `places`).", "places"),
        choice("direction", "Which way the crossings went.", ("entry", "exit")),
        integer("count", "Crossings that day.", minimum=0),
    ),
)


def write_crossings(path: Path, rows: int, crossing_points: list[str], seed: int = 6) -> Path:
    """A CSV of `rows` random but valid daily counts, as a spreadsheet would export it."""
    random = np.random.default_rng(seed)
    days = pd.date_range("2015-01-01", "2025-12-31").strftime("%Y-%m-%d").to_numpy()
    pd.DataFrame({
        "date": days[random.integers(0, len(days), rows)],
        "crossing_point": np.array(crossing_points)[random.integers(0, len(crossing_points), rows)],
        "direction": np.array(["entry", "exit"])[random.integers(0, 2, rows)],
        "count": random.integers(0, 20_000, rows),
    }).to_csv(path, index=False)
    return path


def crossing_points() -> list[str]:
    """Border cities and crossings of the published places, so the references check against real keys."""
    from catalog import load

    places = load("places")
    return sorted(places.loc[places["kind"].isin(["crossing", "city"]), "place_id"])


@contextmanager
def registered(dataset: Dataset):
    """The benchmark's dataset in the catalog's registry, in the benchmark's own process, for as long as needed."""
    DATASETS[dataset.name] = dataset
    try:
        yield
    finally:
        del DATASETS[dataset.name]


def through_the_app(path: Path) -> int:
    """Load, check, aggregate and draw as the app does after a restart, in the company of the datasets the table
    refers to; returns the points drawn. Checks remembered in memory are forgotten first, as a restarted server
    starts: a file checked before is read back from the cache on disk (`catalog/tablecache.py`)."""
    from catalog.store import build_catalog, forget_checks, published_files
    from charts.crossings import daily_crossings
    from charts.spec import ChartSpec, every_row

    chart = ChartSpec("daily_crossings", "Border crossings each day, a line per direction (synthetic)",
                      (DAILY_CROSSINGS.name,), every_row(DAILY_CROSSINGS.name), daily_crossings,
                      "Line chart of border crossings each day, one line per direction.", "borderlines-daily-crossings")
    forget_checks()
    files = {name: file for name, file in published_files().items() if name in ("sources", "countries", "places")}
    with registered(DAILY_CROSSINGS):
        catalog = build_catalog({**files, DAILY_CROSSINGS.name: path})
    figure = chart.build({name: catalog.table(name) for name in chart.reads}).figure
    return sum(len(trace.x) for trace in figure.data)


def pyarrow_only(path: Path) -> int:
    """The floor: pyarrow's own read of the same file, nothing checked or drawn."""
    import pyarrow.csv

    return pyarrow.csv.read_csv(path).num_rows


# What is measured, and what runs first in the same fresh process. A first check warms up on a small file, so the
# big one is new to the process and to its cache; a file checked before has been checked once by that process, so
# its check is read back from the cache on disk, as a restarted server reads it.
METHODS = {
    "first check": (through_the_app, "small"),
    "checked before": (through_the_app, "same"),
    "pyarrow": (pyarrow_only, "small"),
}


def measure(method: str, path: Path, small: Path, queue) -> None:
    """In a fresh process with an empty cache: the seconds `method` takes and the process's peak memory above
    what it held before. The warm-up pays what a server pays once (imports, first calls into plotly and pandera)."""
    from catalog.tablecache import finish_writing

    run, warm_up = METHODS[method]
    with tempfile.TemporaryDirectory() as cache:
        os.environ["BORDERLINES_CACHE_DIR"] = cache
        run(path if warm_up == "same" else small)
        finish_writing()  # a file checked before is kept on disk by then (the cache writes big files on a thread)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        run(path)
        seconds = time.perf_counter() - started
        finish_writing()  # untimed, as the reader does not wait for it, but in the memory and before the folder goes
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    queue.put((seconds, peak * 1024, (peak - before) * 1024))


@dataclass
class Runs:
    """Median seconds of one method at one size, and its peak memory (bytes) over the runs."""

    seconds: float
    peak: int  # the process's peak resident memory
    added: int  # how far the peak rose above what the process held before the measured run


@dataclass
class ScaleRow:
    rows: int
    file_bytes: int
    methods: dict[str, Runs]

    def ratio(self, method: str) -> float:
        return self.methods[method].seconds / self.methods["pyarrow"].seconds


def in_fresh_process(method: str, path: Path, small: Path) -> tuple[float, int, int]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=measure, args=(method, path, small, queue))
    process.start()
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        try:
            result = queue.get(timeout=1)
        except Empty:
            if process.exitcode not in (None, 0):  # it failed, and said why on stderr: no result will come
                raise RuntimeError(f"the {method} run at {path.name} stopped with exit code "
                                   f"{process.exitcode}") from None
            continue
        process.join()
        return result
    process.kill()
    raise TimeoutError(f"the {method} run at {path.name} took more than 600 s")


def scale_rows(sizes: list[int], repeats: int, directory: Path) -> list[ScaleRow]:
    """For each size, `repeats` fresh-process runs of every method, taking turns."""
    points = crossing_points()
    small = write_crossings(directory / "warm_up.csv", 1_000, points)
    rows = []
    for size in sizes:
        path = write_crossings(directory / f"daily_crossings_{size}.csv", size, points)
        runs: dict[str, list[tuple[float, int, int]]] = {method: [] for method in METHODS}
        for _ in range(repeats):
            for method, results in runs.items():
                results.append(in_fresh_process(method, path, small))
        rows.append(ScaleRow(size, path.stat().st_size, {
            method: Runs(statistics.median(run[0] for run in results), max(run[1] for run in results),
                         max(run[2] for run in results)) for method, results in runs.items()}))
        path.unlink()
    return rows
