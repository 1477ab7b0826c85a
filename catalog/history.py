"""Every version of every dataset ever published, and the public changelog of who changed what.

Versions are plain copies under data/history/DATASET/, named by when they were kept and the start of their SHA-256,
so they survive a restart, travel with data/ when it is copied or committed, and can be opened in Excel. The
changelog is data/changelog.csv, one row per publish or rollback, shown to readers on the Data & sources page.
"""

from __future__ import annotations

import csv
import fcntl
import io
import json
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


def new_version(directory: Path, name: str, digest: str) -> Version:
    """The version a copy of the content with this SHA-256 would be kept as now (nothing is written)."""
    kept_at = datetime.now(UTC)
    return Version(name, history_dir(directory, name) / f"{kept_at.strftime(STAMP)}-{digest[:12]}.csv", kept_at,
                   digest[:12])


def keep_version(directory: Path, name: str, content: bytes, digest: str) -> Version:
    """Keep a copy of `content` as a new version, whatever versions came before."""
    version = new_version(directory, name, digest)
    write_version(version, content)
    return version


def write_version(version: Version, content: bytes) -> None:
    version.path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(version.path, content)


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
    temporary = write_partial(path, content)
    try:
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_partial(path: Path, content: bytes) -> Path:
    """`content` written beside `path` under a temporary name (.NAME.XXXX.partial) and synced to disk; a failed write
    leaves nothing behind."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


class PublishFailed(OSError):
    """The data folder could not be written (a full disk, a read-only folder) or the changelog cannot take a line:
    the message says what happened and what to do, in words for the editor."""


JOURNAL = ".publishing.json"  # in data/history/: the publish under way, so that recover can finish or undo it


def commit(directory: Path, path: Path, content: bytes, version: Version, entry: ChangeEntry) -> None:
    """Replace the published file `path` with `content`, kept as `version` and logged as `entry`: all or nothing.

    Call under the publishing lock. Everything that takes room on disk is written first: a journal naming this
    publish, the kept version, and the new file and the new changelog beside their targets. Then the changelog is
    renamed into place (the moment the publish happens: the log line always comes first) and the file after it. A
    failure or a crash before that rename leaves things as they were (recover removes what a crash left); a crash
    after it leaves a logged publish whose file recover switches.
    """
    journal = directory / HISTORY_FOLDER / JOURNAL
    log = directory / CHANGELOG_FILE
    written: list[Path] = []
    try:
        atomic_write(journal, json.dumps({"dataset": version.dataset, "version": version.id,
                                          "entry": asdict(entry)}).encode("utf-8"))
        written.append(journal)
        write_version(version, content)
        written.append(version.path)
        written.append(write_partial(path, content))
        written.append(write_partial(log, with_entry(log, entry)))
        os.replace(written[-1], log)
    except BaseException:
        for leftover in reversed(written):
            with suppress(OSError):
                leftover.unlink(missing_ok=True)
        raise
    try:
        os.replace(written[2], path)
    except OSError as error:  # the journal stays: the next load (or publish) switches the file
        raise PublishFailed(f"Published and logged, but {path.name} could not be put in place yet "
                            f"({error.strerror or error}); readers get it as soon as the data folder can be written "
                            "again.") from error
    sync_folder(directory)
    journal.unlink()


def sync_folder(directory: Path) -> None:
    """Make the renames in a folder durable (a power cut after this keeps them); best effort."""
    with suppress(OSError):
        handle = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def recover(directory: Path) -> None:
    """Finish or undo a publish that a crash interrupted, and remove the partial files crashed writes left.

    Call under the publishing lock. A publish whose changelog line is in place happened: its file is switched. One
    whose line is not did not: the version it kept goes.
    """
    journal = directory / HISTORY_FOLDER / JOURNAL
    pending = read_journal(journal)
    if pending is not None:
        version, logged = pending
        if logged.version in set(changelog(directory)["version"]):
            content = version.content()
            live = directory / DATASETS[version.dataset].filename
            if not live.is_file() or live.read_bytes() != content:
                atomic_write(live, content)
        else:
            version.path.unlink(missing_ok=True)
    journal.unlink(missing_ok=True)
    history = directory / HISTORY_FOLDER
    for stray in [*directory.glob(".*.partial"), *history.glob(".*.partial"), *history.glob("*/.*.partial")]:
        stray.unlink(missing_ok=True)


def read_journal(journal: Path) -> tuple[Version, ChangeEntry] | None:
    """The version and changelog entry of the publish a journal names (None: no journal, or not one publish wrote)."""
    try:
        pending = json.loads(journal.read_bytes())
        name = require_dataset(pending["dataset"])
        match = VERSION_NAME.match(pending["version"])
        entry = ChangeEntry(**pending["entry"])
        kept_at = datetime.strptime(match["when"], STAMP).replace(tzinfo=UTC)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return Version(name, history_dir(directory_of(journal), name) / f"{match.group()}.csv", kept_at,
                   match["digest"]), entry


def directory_of(journal: Path) -> Path:
    return journal.parent.parent


def recover_interrupted(directory: Path) -> None:
    """On every load: if a publish was interrupted (its journal is there) and none is under way, finish or undo it.

    Costs one stat when there is nothing to do; a folder this process cannot write is served as it is.
    """
    if not os.path.exists(os.path.join(directory, HISTORY_FOLDER, JOURNAL)):  # os.path: a dozen times a run
        return
    with suppress(OSError), exclusive_lock(directory / HISTORY_FOLDER / ".lock", wait=False) as locked:
        if locked:
            recover(directory)


@contextmanager
def publishing_lock(directory: Path) -> Iterator[None]:
    """One publish at a time across every app process sharing this data folder."""
    with exclusive_lock(directory / HISTORY_FOLDER / ".lock"):
        yield


@contextmanager
def exclusive_lock(path: Path, wait: bool = True) -> Iterator[bool]:
    """Held by one process at a time, across every process on this machine that takes the same file; with
    `wait=False`, gives False at once when another holds it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
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
    return parse_changelog(raw, label)


def parse_changelog(raw: bytes, label: str) -> tuple[pd.DataFrame, list[Problem]]:
    """The lines of a changelog file's bytes that can be read, newest first, and the problems of the others."""
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


def with_entry(path: Path, entry: ChangeEntry) -> bytes:
    """The changelog at `path` with `entry` as its last line, every earlier byte kept as it is.

    Refused (PublishFailed) when the line would not read back as the newest: a changelog that ends inside an open
    quote would swallow it.
    """
    try:
        earlier = path.read_bytes()
    except FileNotFoundError:
        earlier = b""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CHANGELOG_COLUMNS, lineterminator="\n")
    if not earlier.strip():
        earlier = b""
        writer.writeheader()
    elif not earlier.endswith(b"\n"):
        earlier += b"\n"
    writer.writerow(asdict(entry))
    content = earlier + buffer.getvalue().encode("utf-8")
    logged, _ = parse_changelog(content, path.name)
    if logged.empty or logged.iloc[0]["version"] != entry.version:
        raise PublishFailed(f"Nothing was published: {path.name} is damaged at its end (an unclosed quote?), so a new "
                            "line would be lost in it. Fix its last line (the check command lists its problems) and "
                            "publish again.")
    return content


def published_entry(directory: Path, name: str, digest: str) -> ChangeEntry | None:
    """The changelog line that published the content with this SHA-256 as the dataset's newest version, if one did:
    what a retry of a publish that went through reports."""
    log = changelog(directory)
    newest = log[log["dataset"] == name].head(1)
    if newest.empty or not newest.iloc[0]["version"].endswith(f"-{digest[:12]}"):
        return None
    line = newest.iloc[0].to_dict()
    return ChangeEntry(**{**line, "when": line["when"].isoformat()})
