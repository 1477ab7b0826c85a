"""Files that passed their check, kept on disk as Arrow IPC files, so a restarted server does not check them again.

Checking a million rows takes a second; reading them back, a few hundredths. The entries are uncompressed Arrow: for
a million rows of crossings, written in 0.07-0.17 s and read back in 0.02-0.07 s, against Parquet's 0.16-0.21 s and
0.09-0.13 s, at six times Parquet's size on disk, which KEPT_BYTES bounds. The published small files
are kept too: checking them is most of what a restarted server does before it draws its first chart. An entry is
keyed on all the check depends on: the file's SHA-256, the dataset's declaration, the keys of the datasets it refers
to, and the code and library versions that checked it, so any change to one of them means the file is checked
afresh. Only files that passed are kept: a file with problems is checked every time, and its problems come from the
check.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.feather as feather

from catalog.bigcsv import BIG_FILE_BYTES
from catalog.csvfile import ParsedFile, read_table
from catalog.datasets import Dataset

CATALOG_DIR = Path(__file__).resolve().parent
KEPT_ENTRIES = 200  # the published files many times over, with the drafts and big files of recent weeks
KEPT_BYTES = 2**30  # twenty versions of a million-row file


def cache_dir() -> Path:
    """Where entries live; BORDERLINES_CACHE_DIR points benchmarks elsewhere."""
    return Path(os.environ.get("BORDERLINES_CACHE_DIR", CATALOG_DIR.parent / ".cache" / "checked"))


def entry_key(dataset: Dataset, digest: str, keys: dict[str, set[str]]) -> str:
    """One name for everything a check of the file with SHA-256 `digest` depends on."""
    parts = [digest, dataset.name, repr(declaration(dataset)), checker_fingerprint()]
    for referenced in sorted(dataset.checked_with):
        known = keys.get(referenced)
        parts.append(f"{referenced}: " + ("unreadable" if known is None else "\n".join(sorted(known))))
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


@cache
def checker_fingerprint() -> str:
    """The catalog's code and the versions of the libraries that check and store a table."""
    parts = [f"{name} {version(name)}" for name in ("pandas", "pandera", "pyarrow")]
    parts += [hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(CATALOG_DIR.glob("*.py"))]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def declaration(dataset: Dataset) -> list[tuple]:
    """The column rules that decide a check; row rules are code, covered by the catalog's own fingerprint."""
    return [(spec.name, spec.kind, spec.required, spec.unique, spec.choices, spec.references, spec.minimum,
             spec.maximum) for spec in dataset.columns]


@dataclass(frozen=True)
class Kept:
    """A check read back: the typed table, the file's own key values and, for a small file, its cells as read."""

    table: pd.DataFrame
    keys: frozenset[str]
    parsed: ParsedFile | None


def checked_before(dataset: Dataset, content: bytes, digest: str, keys: dict[str, set[str]]) -> Kept | None:
    """What a check of this file with these keys kept, if it passed before. A small file's cells are read again
    rather than kept: Python's csv module reads them faster than Arrow gives them back as the check's text."""
    folder = cache_dir() / entry_key(dataset, digest, keys)
    try:
        table = read_frame(folder, "table")
        if len(content) < BIG_FILE_BYTES:
            parsed = read_table(content, dataset.filename, dataset)
            own_keys = frozenset(parsed.cells[dataset.key].dropna())
        else:
            parsed, own_keys = None, frozenset(read_frame(folder, "keys")["key"])
        os.utime(folder)  # used now: the last entry to go when the cache is cut back
    except (OSError, ValueError, TypeError, KeyError):
        return None  # not kept, or half written by a server that stopped: check the file
    return Kept(table, own_keys, parsed)


def write_frame(frame: pd.DataFrame, folder: Path, name: str) -> None:
    """A table as an Arrow IPC file, with its column types beside it."""
    feather.write_feather(pa.Table.from_pandas(frame), folder / f"{name}.arrow", compression="uncompressed")
    dtypes = {column: str(dtype) for column, dtype in frame.dtypes.items()}
    (folder / f"{name}.dtypes.json").write_text(json.dumps(dtypes))


def read_frame(folder: Path, name: str) -> pd.DataFrame:
    """A table as it was written, with the types it had: Arrow gives text back as pandas' string type (whose empty
    cells are NaN, where the check's are None). Read into memory, not mapped: a file cut short under a mapping would
    crash the server, where a read raises."""
    frame = feather.read_table(folder / f"{name}.arrow", memory_map=False).to_pandas()
    kept = json.loads((folder / f"{name}.dtypes.json").read_text())
    for column, dtype in frame.dtypes.items():
        if str(dtype) == kept[column]:
            continue
        retyped = frame[column].astype(kept[column])
        frame[column] = retyped.where(frame[column].notna(), None) if kept[column] == "object" else retyped
    return frame


_writers: set[threading.Thread] = set()  # big files' entries being written
_writers_lock = threading.Lock()


def keep(dataset: Dataset, content: bytes, digest: str, keys: dict[str, set[str]], table: pd.DataFrame,
         own_keys: frozenset[str]) -> None:
    """Keep a file that passed its check. A big file's entry is written on a thread of its own, after the check has
    handed its table over: the reader waits for the chart, not for the entry (a tenth of a second or more for a
    million rows). finish_writing waits for such writes."""
    entry = cache_dir() / entry_key(dataset, digest, keys)  # named now: a test may point the cache elsewhere next
    if len(content) < BIG_FILE_BYTES:
        write_entry(entry, table, None)
        return

    def write_and_leave() -> None:
        try:
            write_entry(entry, table, own_keys)
        finally:  # only once everything is done, cutting back included, so finish_writing misses nothing
            with _writers_lock:
                _writers.discard(writer)

    writer = threading.Thread(target=write_and_leave, name=f"keep {dataset.name}")
    with _writers_lock:
        _writers.add(writer)
    writer.start()  # not a daemon: a server that stops waits for it rather than leave a half-written entry


def finish_writing() -> None:
    """Wait for the entries still being written: a benchmark or test that reads them back next."""
    with _writers_lock:
        writers = list(_writers)
    for writer in writers:
        writer.join()


def write_entry(folder: Path, table: pd.DataFrame, own_keys: frozenset[str] | None) -> None:
    """An entry written to a temporary name and renamed, so that a reader never sees half of one; a cache that cannot
    be written is no reason to fail a page. A big file's own keys are kept beside its table; a small file's come
    from its cells, read again (checked_before)."""
    partial = folder.with_name(f"{folder.name}.{os.getpid()}.{threading.get_ident()}.partial")
    try:
        partial.mkdir(parents=True, exist_ok=True)
        write_frame(table, partial, "table")
        if own_keys is not None:
            write_frame(pd.DataFrame({"key": sorted(own_keys)}, dtype=object), partial, "keys")
        shutil.rmtree(folder, ignore_errors=True)  # an entry that could not be read back
        partial.rename(folder)
    except (OSError, ValueError, TypeError):  # ValueError, TypeError: a column Arrow cannot store
        shutil.rmtree(partial, ignore_errors=True)  # kept already by another process, or no room: check next time
        return
    cut_back(folder.parent)


def cut_back(folder: Path) -> None:
    """Remove the entries used longest ago beyond the KEPT_ENTRIES newest, or beyond KEPT_BYTES on disk: an editor's
    every passing draft is kept too, and the cache must not grow without end. The newest entry always stays."""
    try:
        entries = sorted(((entry.stat().st_mtime, entry_bytes(entry), entry) for entry in folder.iterdir()
                          if not entry.name.endswith(".partial")), reverse=True)
    except OSError:
        return  # another process is cutting back at the same moment: it will do
    total = 0
    for index, (_, size, entry) in enumerate(entries):
        total += size
        if index >= KEPT_ENTRIES or (index and total > KEPT_BYTES):
            shutil.rmtree(entry, ignore_errors=True)


def entry_bytes(entry: Path) -> int:
    return sum(file.stat().st_size for file in entry.iterdir())
