"""`python -m bench`: run the benchmarks and write BENCHMARKS.md (`make bench` does this with the full sizes).

Smaller sizes, fewer repeats and a shorter crowd keep it quick enough for a test; --out points it elsewhere.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import sys
import tempfile
from pathlib import Path

from bench import edition, report
from bench.cluster import readers_through_haproxy
from bench.cold_start import cold_first_chart
from bench.readers import ReadersResult, readers_at_once
from bench.scale import scale_rows
from bench.server import REPO
from bench.warm_pages import warm_page_runs

COLD_TARGET = 2.0
SCALE_FIRST_TARGET, SCALE_AGAIN_TARGET = 4.0, 1.5  # a million rows: a first check, a file checked before
SPEED_TARGET, WAIT_TARGET, MEMORY_TARGET = 0.8, 1.5, 1.5  # readers at once, against the one-cached-chart app
EDITION_TARGET, PAINT_TARGET = 100, 0.5  # the edition's pages per second against the app's; its paint time


def warm_section(repeats: int) -> list[str]:
    rows = [[f"`{page}`" if page else "one cached chart (reference)", f"{seconds * 1000:.1f} ms",
             f"{floor * 1000:.1f} ms", f"{seconds / floor:.1f}x", f"`python -m bench --only warm --repeats {repeats}`"]
            for page, (seconds, floor) in warm_page_runs(repeats).items()]
    return ["## 1. Warm page run", "",
            "One rerun of each page (through the router, as a click reruns it) in AppTest after a first run, "
            "against an empty script rerun the same way, alternately. For reference, a script that only draws one "
            "small chart, built once and cached, is measured the same way: the floor for a page with a chart. "
            "No target: one cached chart alone is about 2x the empty script, so the old 1.5x could not be met by "
            "any page with a chart; section 4 measures what readers feel instead.", "",
            *report.table(["page", "median rerun", "empty script", "ratio", "command"], rows)]


def cold_section(repeats: int) -> list[str]:
    medians = cold_first_chart(repeats)
    floor, command = medians["floor"], f"`python -m bench --only cold --cold-repeats {repeats}`"
    ratio = medians["borderlines"] / floor
    return ["## 2. Cold first chart", "",
            "From `streamlit run` to the overview's first chart painted in headless Chromium, against an app that "
            "writes one line, started and opened the same way. For reference, an app that only draws one small "
            f"plotly chart, started the same way. Target: within {COLD_TARGET}x.", "",
            *report.table(["app", "median seconds", "ratio", "target", "command"], [
                ["one-line app (floor)", f"{floor:.1f}", "1.0x", "", command],
                ["one-chart app (reference)", f"{medians['one chart']:.1f}", f"{medians['one chart'] / floor:.1f}x",
                 "", command],
                ["Borderlines, first chart", f"{medians['borderlines']:.1f}", f"{ratio:.1f}x",
                 report.verdict(ratio <= COLD_TARGET), command]])]


def scale_section(sizes: list[int], repeats: int) -> list[str]:
    with tempfile.TemporaryDirectory() as directory:
        results = scale_rows(sizes, repeats, Path(directory))
    rows = []
    for result in results:
        for method, runs in result.methods.items():
            ratio = result.ratio(method)
            rows.append([f"{result.rows:,}", report.megabytes(result.file_bytes), method, f"{runs.seconds:.3f}",
                         "" if method == "pyarrow" else f"{ratio:.1f}x",
                         scale_verdict(method, ratio) if result.rows >= 1_000_000 else "",
                         f"{report.megabytes(runs.peak)} (+{report.megabytes(runs.added)})",
                         f"`python -m bench --only scale --sizes {result.rows} --repeats {repeats}`"])
    return ["## 3. Scale", "",
            "A synthetic table of daily crossings (date, crossing point, direction, count), written into a "
            "temporary folder, loaded and checked by `catalog.store.build_catalog` (its crossing points against the "
            "published places), summed and drawn by `charts.crossings.daily_crossings`, against "
            "`pyarrow.csv.read_csv` of the same file. *First check*: a file the process and its cache have not "
            "seen, timed until its chart is drawn (its cache entry is written after, on a thread of its own). "
            "*Checked before*: the same file a second time, its checked table read back from the Arrow "
            "cache (`catalog/tablecache.py`), as after a restart. Each run is a fresh process after a warm-up; peak "
            "memory is the process's, (+) how far it rose during the run. "
            f"Targets at 1,000,000 rows: a first check within {SCALE_FIRST_TARGET}x, a file checked before within "
            f"{SCALE_AGAIN_TARGET}x.", "",
            *report.table(["rows", "file", "path", "median s", "ratio", "target", "peak memory", "command"], rows)]


def scale_verdict(method: str, ratio: float) -> str:
    targets = {"first check": SCALE_FIRST_TARGET, "checked before": SCALE_AGAIN_TARGET}
    return report.verdict(ratio <= targets[method]) if method in targets else ""


def crowd_cells(result: ReadersResult) -> list[str]:
    """Pages opened, errors, median and 95th percentile to first chart, memory (start, peak), and the verdict."""
    visits = len(result.visits)
    return [str(visits), str(len(result.errors)), f"{result.median:.2f} s" if visits else "-",
            f"{result.p95:.2f} s" if visits > 1 else "-",
            f"{report.megabytes(result.rss_start)}, {report.megabytes(result.rss_peak)}",
            report.verdict(not result.errors and visits > 0)]


def first_errors(result: ReadersResult) -> list[str]:
    return [f"First errors: {'; '.join(result.errors[:3])}", ""] if result.errors else []


def readers_section(sessions: int, seconds: float, open_sessions: int) -> list[str]:
    results = readers_at_once(sessions, seconds, open_sessions)
    reference, borderlines = results["reference"], results["borderlines"]
    command = (f"`python -m bench --only readers --sessions {sessions} --seconds {seconds:g} "
               f"--open-sessions {open_sessions}`")
    rows = [[name, f"{result.pages_per_second:.1f}", *crowd_cells(result)[:4],
             report.kilobytes(statistics.median(result.sent)) if result.sent else "-",
             report.kilobytes(result.memory_per_session), command]
            for name, result in (("one cached chart (reference)", reference), ("Borderlines, reader pages in turn",
                                                                               borderlines))]
    measured = len(reference.visits) > 1 and len(borderlines.visits) > 1  # a 95th percentile needs two
    speed = borderlines.pages_per_second / reference.pages_per_second if reference.visits else 0
    wait = borderlines.p95 / reference.p95 if measured else float("inf")
    memory = borderlines.memory_per_session / max(reference.memory_per_session, 1)
    ok = not (reference.errors or borderlines.errors)
    return ["## 4. Readers at once", "",
            f"{sessions} sessions, each opening pages in turn for {seconds:g} s, every page in a new session over "
            "Streamlit's websocket as a browser tab does; time to first chart is from opening the session to the "
            "first chart arriving; bytes are what the server sent for one page. First the reference, an app that "
            "only draws one small chart, built once and cached (what Streamlit itself needs to show a reader a "
            "chart), then Borderlines' reader pages, each app started as `make run` starts Borderlines, after each "
            f"page had been served once. Memory per open session: {open_sessions} readers open a page each and "
            "keep it open, on a fresh server; its memory then, less before, per session. Targets: no errors; "
            f"Borderlines' pages per second at least {SPEED_TARGET}x the reference's, its 95th percentile at most "
            f"{WAIT_TARGET}x, its memory per open session at most {MEMORY_TARGET}x.", "",
            *report.table(["app", "pages per second", "pages opened", "errors", "median to first chart",
                           "95th percentile", "sent per page", "memory per open session", "command"], rows),
            *report.table(["target", "Borderlines / reference", "target", "verdict"], [
                ["pages per second", f"{speed:.2f}x", f"at least {SPEED_TARGET}x",
                 report.verdict(ok and speed >= SPEED_TARGET)],
                ["95th percentile to first chart", f"{wait:.2f}x", f"at most {WAIT_TARGET}x",
                 report.verdict(ok and wait <= WAIT_TARGET)],
                ["memory per open session", f"{memory:.2f}x", f"at most {MEMORY_TARGET}x",
                 report.verdict(memory <= MEMORY_TARGET)]]),
            *first_errors(reference), *first_errors(borderlines)]


def cluster_section(replica_counts: list[int], sessions: int, seconds: float) -> list[str]:
    rows, errors = [], []
    for replicas in replica_counts:
        result = readers_through_haproxy(replicas, sessions, seconds)
        rows.append([str(replicas), str(sessions), *crowd_cells(result),
                     f"`python -m bench --only cluster --replicas {replicas} --sessions {sessions} "
                     f"--seconds {seconds:g}`"])
        errors += first_errors(result)
    return ["## 5. Readers at once through HAProxy", "",
            f"The crowd of section 4, through HAProxy in front of the app on {', '.join(map(str, replica_counts))} "
            "replicas, started as "
            "`make cluster` starts them; every page is a new session, which HAProxy gives to the replica with the "
            "fewest open sessions. Each replica had served one page before the clock started. Memory is HAProxy's, "
            f"the launcher's and every replica's together. This machine's {os.cpu_count()} cores are shared by the "
            "readers, HAProxy and every replica, so more replicas cannot add much speed here, only memory; what "
            "the rows show is that nothing breaks. Target: no errors.", "",
            *report.table(["replicas", "sessions", "pages opened", "errors", "median to first chart",
                           "95th percentile", "memory (start, peak)", "target", "command"], rows), *errors]


def edition_section(crowds: list[int], seconds: float, repeats: int) -> list[str]:
    rows, paint_rows = [], []
    with edition.edition_served() as (base, version), edition.app_served() as app:
        for sessions in crowds:
            runs = {"edition on nginx": edition.edition_readers(base, sessions, seconds),
                    "app": edition.app_readers(app, sessions, seconds)}
            ratio = runs["edition on nginx"].per_second / max(runs["app"].per_second, 1 / seconds)
            command = f"`python -m bench --only edition --edition-sessions {sessions} --edition-seconds {seconds:g}`"
            for what, crowd in runs.items():
                rows.append([str(sessions), what, f"{len(crowd.pages)} ({len(crowd.errors)} errors)",
                             f"{crowd.per_second:,.1f}", f"{crowd.quantile(0.5):.3f} s" if crowd.pages else "-",
                             f"{crowd.quantile(0.95):.3f} s" if crowd.pages else "-",
                             f"{ratio:,.0f}x" if what == "app" else "",
                             report.verdict(ratio >= EDITION_TARGET) if what == "app" else "", command])
        paints = edition.first_paints(base, version, app[0], repeats)
    for kind, runs in paints.items():
        edition_s, app_s = statistics.median(runs.edition), statistics.median(runs.app)
        paint_rows.append([f"first {kind} painted", f"{edition_s:.2f} s", f"{app_s:.2f} s",
                           f"{edition_s / app_s:.2f}x", report.verdict(edition_s / app_s <= PAINT_TARGET)
                           if kind == "chart" else "", f"`python -m bench --only edition --repeats {repeats}`"])
    return ["## 6. The edition against the app", "",
            "The same readers for the same seconds, one run after the other on this machine: each edition reader "
            "opens the story pages in turn, each a complete page (its HTML and every script, style and icon it "
            "loads, gzip accepted, on a new connection with nothing cached) from nginx (`make serve-edition`); each "
            "app reader opens the same reader pages over Streamlit's websocket until the page's run finishes (the "
            "app's own JavaScript is not counted, which favours it). The readers are one Python process, so the "
            "edition's figures are what that client could take, not nginx's limit. An app that finishes no page in "
            "the time (its readers time out after 120 s) is counted as one page. Target: at least "
            f"{EDITION_TARGET}x the app's pages per second at every size.", "",
            *report.table(["readers", "served by", "pages (errors)", "pages per second", "median to complete page",
                           "95th percentile", "edition / app", "target", "command"], rows),
            "First paint in headless Chromium, a fresh context each time (nothing cached): the edition's embed page "
            "of the events timeline against the app's overview (its first chart), and the bans map's embed "
            "(deck.gl) against the entry bans page's map, the app's server warm. Medians of "
            f"{repeats}. Target: the chart in at most {PAINT_TARGET}x the app's time.", "",
            *report.table(["what", "edition", "app", "edition / app", "target", "command"], paint_rows)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--only", default="warm,cold,scale,readers,cluster,edition",
                        help="comma-separated: warm,cold,scale,readers,cluster,edition")
    parser.add_argument("--repeats", type=int, default=5, help="runs per median")
    parser.add_argument("--cold-repeats", type=int, default=3, help="server starts per median (each takes long)")
    parser.add_argument("--sizes", default="10000,100000,1000000", help="rows of the scale tables")
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--open-sessions", type=int, default=150, help="sessions held open to measure memory")
    parser.add_argument("--replicas", default="1,2,3", help="replicas behind HAProxy, one row each")
    parser.add_argument("--edition-sessions", default="30,300", help="readers at once, edition against app")
    parser.add_argument("--edition-seconds", type=float, default=30)
    parser.add_argument("--out", type=Path, default=REPO / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    chosen = args.only.split(",")
    sections = []
    if "warm" in chosen:
        sections.append(warm_section(args.repeats))
    if "cold" in chosen:
        sections.append(cold_section(args.cold_repeats))
    if "scale" in chosen:
        sections.append(scale_section([int(size) for size in args.sizes.split(",")], args.repeats))
    if "readers" in chosen:
        sections.append(readers_section(args.sessions, args.seconds, args.open_sessions))
    if "cluster" in chosen:
        sections.append(cluster_section([int(count) for count in args.replicas.split(",")], args.sessions,
                                        args.seconds))
    if "edition" in chosen:
        sections.append(edition_section([int(size) for size in args.edition_sessions.split(",")],
                                        args.edition_seconds, args.repeats))
    sections.append([(Path(__file__).parent / "findings.md").read_text(encoding="utf-8")])
    command = "python -m bench " + shlex.join(argv if argv is not None else sys.argv[1:])
    args.out.write_text(report.document(sections, command.strip()), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
