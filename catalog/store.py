"""Loading the whole catalog from data/: read, check, type, and cache on the files' contents.

The cache key is the SHA-256 of every file, so a CSV edited on disk shows on the next rerun without a restart,
and an unchanged catalog is never parsed twice in one server process.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from catalog import history, tablecache
from catalog.csvfile import read_table
from catalog.datasets import DATASETS, Dataset
from catalog.problems import DataFileError, Problem
from catalog.validate import validate

REPO_DIR = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """Where the published CSVs live; BORDERLINES_DATA_DIR points tests and benchmarks elsewhere."""
    return Path(os.environ.get("BORDERLINES_DATA_DIR", REPO_DIR / "data"))


@dataclass
class DatasetState:
    """One dataset as loaded: its typed table, its problems and its fingerprint.

    When the published file fails its check, `table` is the newest earlier version that passes (`served`), or
    empty when there is none.
    """

    dataset: Dataset
    path: Path
    digest: str
    table: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    served: history.Version | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def usable(self) -> bool:
        return self.ok or self.served is not None


@dataclass
class Catalog:
    states: dict[str, DatasetState]

    def table(self, name: str) -> pd.DataFrame:
        """The checked table: the published file, or its last good version when the file fails its check.

        A file that fails, with no earlier version that passes, is never handed to a page.
        """
        state = self.states[name]
        if not state.usable:
            raise DataFileError(state.problems)
        return state.table

    @property
    def fallbacks(self) -> list[DatasetState]:
        """Datasets whose published file failed its check, served from an earlier version or not at all."""
        return [state for state in self.states.values() if not state.ok]

    @property
    def problems(self) -> list[Problem]:
        return [problem for state in self.states.values() for problem in state.problems]

    @property
    def version(self) -> str:
        """A short fingerprint of all the data, for 'data as of' labels and cache keys."""
        return hashlib.sha256("".join(state.digest for state in self.states.values()).encode()).hexdigest()[:12]


def display_name(path: Path) -> str:
    """Paths under the repository are shown relative to it (data/events.csv), others as given."""
    try:
        return str(path.resolve().relative_to(REPO_DIR))
    except ValueError:
        return str(path)


def build_catalog(files: dict[str, Path], raw: dict[str, bytes | None] | None = None) -> Catalog:
    """Check every dataset in `files` (or `raw`, their contents when already read); reference datasets are read
    first and lend their keys to the rest."""
    return _build(files, raw if raw is not None else {name: read_bytes(path) for name, path in files.items()})


def _build(files: dict[str, Path], raw: dict[str, bytes | None], history_at: Path | None = None) -> Catalog:
    """Check every file; with `history_at` (the published folder), also keep each good file in its history and
    serve a failed dataset from its newest good version."""
    checks: dict[str, CheckedFile] = {}
    for name in [name for name in DATASETS if name in files]:  # the registry lists reference datasets first
        checks[name] = check_file(DATASETS[name], raw[name], display_name(files[name]), checks)
    states = {name: DatasetState(DATASETS[name], path, checks[name].digest, checks[name].table,
                                 list(checks[name].problems)) for name, path in files.items()}
    if history_at is not None:
        for name, state in states.items():
            if state.ok:
                history.remember(history_at, name, raw[name], state.digest)
            else:
                serve_last_good(state, checks, history_at)
    return Catalog(states)


@dataclass(frozen=True)
class CheckedFile:
    """One file checked against its dataset: the rows that passed as a typed table, every problem (reported under
    `label`), and the key values it lends to the datasets that refer to it (None when it cannot be read)."""

    digest: str
    label: str
    table: pd.DataFrame
    problems: tuple[Problem, ...]
    keys: frozenset[str] | None

    @property
    def ok(self) -> bool:
        return not self.problems


def check_file(dataset: Dataset, content: bytes | None, label: str, company: dict[str, CheckedFile]) -> CheckedFile:
    """Read and check one file (None: it does not exist); the datasets it refers to lend their keys from `company`,
    the files checked before it."""
    if content is None:
        return CheckedFile("", label, pd.DataFrame(columns=dataset.column_names),
                           (Problem(label, None, None, None, "the file does not exist"),), None)
    fingerprint = digest(content)
    keys = {name: checked.keys for name, checked in company.items() if checked.keys is not None}
    kept = tablecache.checked_before(dataset, content, fingerprint, keys)
    if kept is not None:  # a big file that passed with these keys before: nothing left to check
        table, own_keys = kept
        return CheckedFile(fingerprint, label, table, (), frozenset(own_keys))
    parsed = read_table(content, label, dataset)
    if not parsed.readable:
        return CheckedFile(fingerprint, label, parsed.cells, tuple(parsed.problems), None)
    own_keys = frozenset(parsed.cells[dataset.key].dropna())
    table, cell_problems = validate(parsed.cells, dataset, keys, label)
    if not parsed.problems and not cell_problems:
        tablecache.keep(dataset, content, fingerprint, keys, table, own_keys)
    problems = sorted(parsed.problems + cell_problems, key=lambda problem: (problem.row or 0, problem.column or ""))
    return CheckedFile(fingerprint, label, table, tuple(problems), own_keys)


def serve_last_good(state: DatasetState, company: dict[str, CheckedFile], directory: Path) -> None:
    """Put the newest kept version of a failed dataset that still passes its check in place of the file."""
    for version in history.versions(directory, state.dataset.name):
        checked = check_file(state.dataset, version.content(), display_name(version.path), company)
        if checked.ok:
            state.table, state.served = checked.table, version
            return


def read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def published_files(directory: Path | None = None) -> dict[str, Path]:
    directory = directory or data_dir()
    return {name: directory / dataset.filename for name, dataset in DATASETS.items()}


_cache: dict[tuple[str, ...], Catalog] = {}
_by_stats: dict[tuple, tuple[str, ...]] = {}  # files' (inode, size, mtime) -> their content key
_cache_lock = threading.Lock()


def file_stats(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


def load_catalog(directory: Path | None = None) -> Catalog:
    """The published catalog, re-checked only when a file's content changed since the last call.

    Pages call this many times per rerun: while no file's inode, size or modification time has changed, the files
    are not read and hashed again.
    """
    files = published_files(directory)
    stats = (str(directory or data_dir()), *(file_stats(path) for path in files.values()))
    known = _by_stats.get(stats)
    if known is not None and known in _cache:
        return _cache[known]
    raw = {name: read_bytes(path) for name, path in files.items()}
    key = (str(directory or data_dir()), *(digest(content) if content else "" for content in raw.values()))
    with _cache_lock:
        if key not in _cache:
            if len(_cache) >= 4:
                _cache.pop(next(iter(_cache)))
            _cache[key] = _build(files, raw, history_at=directory or data_dir())
        if len(_by_stats) >= 64:
            _by_stats.clear()
        _by_stats[stats] = key
        return _cache[key]


def load(name: str) -> pd.DataFrame:
    """One checked table of the published catalog: the single way pages read data."""
    return load_catalog().table(name)


def country_names() -> dict[str, str]:
    """ISO code to English name, for labels."""
    countries = load("countries")
    return dict(zip(countries["iso3"], countries["name"], strict=True))


def last_changed(path: Path) -> datetime | None:
    """When the file last changed: its last git commit if it has one, else its modification time."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%cI", "--", path.name], cwd=path.parent,
                             capture_output=True, text=True, timeout=5, check=False).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        out = ""
    dirty = subprocess.run(["git", "status", "--porcelain", "--", path.name], cwd=path.parent,
                           capture_output=True, text=True, timeout=5, check=False).stdout.strip() if out else ""
    if out and not dirty:
        return datetime.fromisoformat(out)
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    except FileNotFoundError:
        return None
