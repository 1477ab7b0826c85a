"""Scale: a synthetic table of daily crossings through the real data layer and chart code, against pyarrow.

The table (date, crossing point, direction, count) is written by code into a temporary folder, never under data/.
Its schema is declared with the catalog's own column constructors; it is read by catalog.csvfile.read_table,
checked by catalog.validate.validate and drawn by charts.crossings, as the app reads, checks and draws a
published file. Every measurement runs in a fresh process, so no cache of an earlier run can help, and reports its
peak memory.
"""

from __future__ import annotations

import multiprocessing
import resource
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from catalog.columns import choice, date, integer, reference
from catalog.datasets import Dataset

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


def place_keys() -> dict[str, set[str]]:
    """The keys the crossings refer to: the published places, as the catalog checks them."""
    from catalog import load

    return {"places": set(load("places")["place_id"])}


def crossing_points() -> list[str]:
    from catalog import load

    places = load("places")
    return sorted(places.loc[places["kind"].isin(["crossing", "city"]), "place_id"])


def through_the_app(path: Path, keys: dict[str, set[str]]) -> int:
    """Load, check, aggregate and draw as the app does; returns the points drawn."""
    from catalog.csvfile import read_table
    from catalog.store import digest, read_bytes
    from catalog.validate import validate
    from charts.crossings import daily_crossings

    content = read_bytes(path)
    digest(content)  # the catalog fingerprints every file it loads
    kinds = {spec.name: spec.kind for spec in DAILY_CROSSINGS.columns}
    parsed = read_table(content, path.name, DAILY_CROSSINGS.column_names, kinds)
    table, problems = validate(parsed.cells, DAILY_CROSSINGS, keys, path.name)
    assert not parsed.problems and not problems, (parsed.problems + problems)[:5]
    figure = daily_crossings(table, "Source: synthetic benchmark data")
    return sum(len(trace.x) for trace in figure.data)


def pyarrow_only(path: Path, keys: dict[str, set[str]]) -> int:
    """The floor: pyarrow's own read of the same file, nothing checked or drawn."""
    import pyarrow.csv

    return pyarrow.csv.read_csv(path).num_rows


METHODS = {"app": through_the_app, "pyarrow": pyarrow_only}


def measure(method: str, path: Path, warm_up: Path, keys: dict[str, set[str]], queue) -> None:
    """In a fresh process: the seconds `method` takes and the process's peak memory above what it held before.

    A run on a small file first pays what a server pays once (imports, first calls into plotly and pandera), so
    that what is measured is what every new or edited file costs.
    """
    METHODS[method](warm_up, keys)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    METHODS[method](path, keys)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    queue.put((seconds, peak * 1024, (peak - before) * 1024))


@dataclass
class ScaleRow:
    rows: int
    file_bytes: int
    app_seconds: float
    pyarrow_seconds: float
    app_peak: int  # bytes of resident memory at the peak, whole process
    app_added: int  # bytes the peak rose above what the process held after its warm-up run
    pyarrow_peak: int
    pyarrow_added: int

    @property
    def ratio(self) -> float:
        return self.app_seconds / self.pyarrow_seconds


def in_fresh_process(method: str, path: Path, warm_up: Path, keys: dict[str, set[str]]) -> tuple[float, int, int]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=measure, args=(method, path, warm_up, keys, queue))
    process.start()
    result = queue.get(timeout=600)
    process.join()
    return result


def scale_rows(sizes: list[int], repeats: int, directory: Path) -> list[ScaleRow]:
    """For each size: median seconds of `repeats` fresh-process runs of each method, alternating the two."""
    keys, points = place_keys(), crossing_points()
    warm_up = write_crossings(directory / "warm_up.csv", 1_000, points)
    rows = []
    for size in sizes:
        path = write_crossings(directory / f"daily_crossings_{size}.csv", size, points)
        runs: dict[str, list[tuple[float, int, int]]] = {"app": [], "pyarrow": []}
        for _ in range(repeats):
            for method in runs:
                runs[method].append(in_fresh_process(method, path, warm_up, keys))
        app, arrow = runs["app"], runs["pyarrow"]
        rows.append(ScaleRow(size, path.stat().st_size,
                             statistics.median(run[0] for run in app), statistics.median(run[0] for run in arrow),
                             max(run[1] for run in app), max(run[2] for run in app),
                             max(run[1] for run in arrow), max(run[2] for run in arrow)))
        path.unlink()
    return rows
