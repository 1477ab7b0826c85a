"""Every version of every dataset ever published, and the public changelog of who changed what.

Versions are plain copies under data/history/DATASET/, named by when they were kept and the start of their SHA-256,
so they survive a restart, travel with data/ when it is copied or committed, and can be opened in Excel. The
changelog is data/changelog.csv, one row per publish or rollback, shown to readers on the Data & sources page.
"""

from __future__ import annotations

import csv
import fcntl
import io
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from catalog.datasets import DATASETS
from catalog.problems import Problem, shorten

HISTORY_FOLDER = "history"
CHANGELOG_FILE = "changelog.csv"
VERSION_NAME = re.compile(r"^(?P<when>\d{8}T\d{12}Z)-(?P<digest>[0-9a-f]{12})$")
STAMP = "%Y%m%dT%H%M%S%fZ"


def require_dataset(name: str) -> str:
    """A dataset name from a request, checked against the registry before any path is built from it."""
    if name not in DATASETS:
        raise ValueError(f"there is no dataset called {name!r}")
    return name


@dataclass(frozen=True)
class Version:
    """One kept copy of a dataset's file."""

    dataset: str
    path: Path
    kept_at: datetime
    digest_start: str

    @property
    def id(self) -> str:
        return self.path.stem

    def content(self) -> bytes:
        return self.path.read_bytes()

    def matches(self, digest: str) -> bool:
        return digest.startswith(self.digest_start)


def history_dir(directory: Path, name: str) -> Path:
    return directory / HISTORY_FOLDER / require_dataset(name)


def versions(directory: Path, name: str) -> list[Version]:
    """Every kept version of a dataset, newest first.

    Only files named as history names them count: a stray file, a name with an impossible time (20261399T...) or a
    folder where a version should be is passed over, never taken for a version.
    """
    folder = history_dir(directory, name)
    found = []
    try:
        paths = [path for path in folder.glob("*.csv") if path.is_file()] if folder.is_dir() else []
    except OSError:  # a folder that cannot be listed has no versions to offer
        paths = []
    for path in paths:
        match = VERSION_NAME.match(path.stem)
        if match:
            try:
                kept_at = datetime.strptime(match["when"], STAMP).replace(tzinfo=UTC)
            except ValueError:
                continue
            found.append(Version(name, path, kept_at, match["digest"]))
    return sorted(found, key=lambda version: version.kept_at, reverse=True)


def find_version(directory: Path, name: str, version_id: str) -> Version:
    """A version by its id; only ids that exist in the dataset's history are accepted."""
    for version in versions(directory, name):
        if version.id == version_id:
            return version
    raise KeyError(f"{name} has no version {version_id!r}")


def keep_version(directory: Path, name: str, content: bytes, digest: str) -> Version:
    """Keep a copy of `content` as a new version, whatever versions came before."""
    kept_at = datetime.now(UTC)
    path = history_dir(directory, name) / f"{kept_at.strftime(STAMP)}-{digest[:12]}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, content)
    return Version(name, path, kept_at, digest[:12])


def is_kept(directory: Path, name: str, digest: str) -> bool:
    return any(version.matches(digest) for version in versions(directory, name))


def remember(directory: Path, name: str, content: bytes, digest: str) -> None:
    """Keep a good file that history has not seen yet (a hand edit), so a later broken edit has it to fall back to.

    A read-only data folder is served as it is: remembering is a safety net, not a condition for serving.
    """
    if not is_kept(directory, name, digest):
        with suppress(OSError):
            keep_version(directory, name, content, digest)


def atomic_write(path: Path, content: bytes) -> None:
    """Write beside the target, then rename over it: a reader sees the old file or the new one, never half of one."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def publishing_lock(directory: Path) -> Iterator[None]:
    """One publish at a time across every app process sharing this data folder."""
    with exclusive_lock(directory / HISTORY_FOLDER / ".lock"):
        yield


@contextmanager
def exclusive_lock(path: Path) -> Iterator[None]:
    """Held by one process at a time, across every process on this machine that takes the same file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@dataclass(frozen=True)
class ChangeEntry:
    """One line of the public changelog."""

    when: str  # ISO 8601, UTC
    dataset: str
    action: str  # "publish" or "rollback"
    editor: str
    note: str
    rows_added: int
    rows_changed: int
    rows_removed: int
    version: str  # the history version now published


CHANGELOG_COLUMNS = list(ChangeEntry.__dataclass_fields__)


COUNT_COLUMNS = ("rows_added", "rows_changed", "rows_removed")
CONFLICT_MARKERS = ("<<<<<<<", "=======", ">>>>>>>", "|||||||")


def changelog(directory: Path) -> pd.DataFrame:
    """The public changelog, newest first (empty before the first publish): every line that can be read, once
    (see read_changelog for what happens to the others)."""
    return read_changelog(directory)[0]


def read_changelog(directory: Path) -> tuple[pd.DataFrame, list[Problem]]:
    """The changelog's lines that can be read, newest first, and a problem for each one that cannot.

    Whatever the file holds (binary junk, a merge-conflict marker, a line cut short, a date that does not exist, a
    line repeated by a merge), readers get the lines that make sense, each version at most once, and the problems
    name the rest; a file that cannot be read at all is an empty changelog and one problem.
    """
    path = directory / CHANGELOG_FILE
    label = f"{directory.name}/{CHANGELOG_FILE}"
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return changelog_table([]), []
    except OSError as error:
        return changelog_table([]), [Problem(label, None, None, None, f"the changelog cannot be read: "
                                           f"{error.strerror or error}; readers see no changelog until it can")]
    text = raw.decode("utf-8-sig", errors="replace")
    entries: list[list] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    try:
        for row, record in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
            if not any(cell.strip() for cell in record) or record == CHANGELOG_COLUMNS:
                continue  # blank lines, and the header (repeated where two changelogs were joined)
            entry, rule = changelog_entry(record)
            if entry is not None and entry[-1] in seen:
                entry, rule = None, f"this line logs version {entry[-1]} again, as row {seen[entry[-1]]} does"
            if entry is None:
                problems.append(Problem(label, row, None, shorten(",".join(record), 1000), rule))
                continue
            seen[entry[-1]] = row
            entries.append(entry)
    except csv.Error as error:
        problems.append(Problem(label, None, None, None, f"the changelog cannot be read past this point: {error}"))
    return changelog_table(entries[::-1]), problems


def changelog_entry(record: list[str]) -> tuple[list | None, str]:
    """One changelog line as its columns' values, or None and why it cannot be one."""
    if record[0].startswith(CONFLICT_MARKERS):
        return None, "this is a merge-conflict marker: keep the lines of both sides and delete the marker lines"
    if len(record) != len(CHANGELOG_COLUMNS):
        return None, (f"this line has {len(record)} cells but a changelog line has {len(CHANGELOG_COLUMNS)} "
                      f"({', '.join(CHANGELOG_COLUMNS)})")
    values: dict[str, object] = dict(zip(CHANGELOG_COLUMNS, record, strict=True))
    try:
        when = datetime.fromisoformat(record[0])
        values["when"] = (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(UTC).isoformat()
    except (ValueError, OverflowError):
        return None, "when must be a real date and time written as ISO 8601 (for example 2026-11-30T16:04:10+00:00)"
    for column in COUNT_COLUMNS:
        count = str(values[column])
        if not (count.isascii() and count.isdigit() and len(count) < 16):
            return None, f"{column} must be a whole number of rows"
        values[column] = int(count)
    return list(values.values()), ""


def changelog_table(entries: list[list]) -> pd.DataFrame:
    table = pd.DataFrame(entries, columns=CHANGELOG_COLUMNS)
    for column in COUNT_COLUMNS:
        table[column] = table[column].astype(int)
    table["when"] = pd.to_datetime(table["when"], utc=True, format="ISO8601")
    return table


def append_to_changelog(directory: Path, entry: ChangeEntry) -> None:
    path = directory / CHANGELOG_FILE
    earlier = path.read_bytes() if path.exists() else b""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CHANGELOG_COLUMNS, lineterminator="\n")
    if not earlier:
        writer.writeheader()
    writer.writerow(asdict(entry))
    atomic_write(path, earlier + buffer.getvalue().encode("utf-8"))
