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
    """Every kept version of a dataset, newest first."""
    folder = history_dir(directory, name)
    found = []
    for path in folder.glob("*.csv") if folder.is_dir() else []:
        match = VERSION_NAME.match(path.stem)
        if match:
            kept_at = datetime.strptime(match["when"], STAMP).replace(tzinfo=UTC)
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


def changelog(directory: Path) -> pd.DataFrame:
    """The public changelog, newest first (empty before the first publish)."""
    path = directory / CHANGELOG_FILE
    if not path.exists():
        return pd.DataFrame(columns=CHANGELOG_COLUMNS)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column in ("rows_added", "rows_changed", "rows_removed"):
        table[column] = table[column].astype(int)
    table["when"] = pd.to_datetime(table["when"], utc=True)
    return table.iloc[::-1].reset_index(drop=True)


def append_to_changelog(directory: Path, entry: ChangeEntry) -> None:
    path = directory / CHANGELOG_FILE
    earlier = path.read_bytes() if path.exists() else b""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CHANGELOG_COLUMNS, lineterminator="\n")
    if not earlier:
        writer.writeheader()
    writer.writerow(asdict(entry))
    atomic_write(path, earlier + buffer.getvalue().encode("utf-8"))
