"""Loading the whole catalog from data/: read, check, type, and cache on the files' contents.

The cache key is the SHA-256 of every file, so a CSV edited on disk shows on the next rerun without a restart,
and an unchanged catalog is never parsed twice in one server process. Below the catalog, each small file's check is
remembered on its own, so an editor's draft of one dataset checks that file alone, not the ten beside it.
"""

from __future__ import annotations

import functools
import hashlib
import os
import subprocess
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from catalog import history, tablecache
from catalog.bigcsv import BIG_FILE_BYTES
from catalog.csvfile import ParsedFile, read_table
from catalog.datasets import DATASETS, Dataset
from catalog.problems import DataFileError, Problem, capped
from catalog.quickcheck import quickly_checked
from catalog.translations import cells_of, translated, translation_problems
from catalog.validate import validate
from i18n import ENGLISH

REPO_DIR = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """Where the published CSVs live; BORDERLINES_DATA_DIR points tests and benchmarks elsewhere."""
    return Path(os.environ.get("BORDERLINES_DATA_DIR", REPO_DIR / "data"))


@dataclass
class DatasetState:
    """One dataset as loaded: its typed table, its problems and its fingerprint.

    When the published file fails its check, `table` is the newest earlier version that passes (`served`), or
    empty when there is none. `parsed` is the file as read, for a small file (see CheckedFile).
    """

    dataset: Dataset
    path: Path
    digest: str
    table: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    served: history.Version | None = None
    parsed: ParsedFile | None = None

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
        checks[name] = check_file(DATASETS[name], raw[name], display_name(files[name]), checks,
                                  absent(files[name]) if raw[name] is None else "")
    states = {name: checks[name].state(path) for name, path in files.items()}
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
    `label`), the key values it lends to the datasets that refer to it (None when it cannot be read) and, for a
    small file, the file as read (from which an editor's draft is written out)."""

    dataset: Dataset
    digest: str
    label: str
    table: pd.DataFrame
    problems: tuple[Problem, ...]
    keys: frozenset[str] | None
    parsed: ParsedFile | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def state(self, path: Path) -> DatasetState:
        """A state of its own for one catalog: the last-good fallback changes a state, never the check behind it."""
        return DatasetState(self.dataset, path, self.digest, self.own_table(), list(self.problems),
                            parsed=self.parsed)

    def own_table(self) -> pd.DataFrame:
        """The table for one catalog, as a copy-on-write view: nothing is copied unless someone writes to it, and
        what they write never reaches the remembered check."""
        return self.table.copy(deep=False)


REMEMBERED_CHECKS = 64  # small files' checks kept in memory: the catalog's eleven several times over, and drafts
_remembered: OrderedDict[tuple, CheckedFile] = OrderedDict()
_remembered_lock = threading.Lock()


def check_file(dataset: Dataset, content: bytes | None, label: str, company: dict[str, CheckedFile],
               missing: str = "") -> CheckedFile:
    """Read and check one file (None: it does not exist, or `missing` says why it cannot be read); the datasets it
    refers to lend their keys from `company`, the files checked before it.

    A small file is checked once per process: its check is remembered, keyed on the dataset, the file's SHA-256 and
    those of the files it refers to (whose keys its check depends on). A big file is not kept in memory. Every file
    that passed is kept on disk (tablecache), so a restarted server reads it back instead of checking it.
    """
    if content is None:
        return CheckedFile(dataset, "", label, pd.DataFrame(columns=dataset.column_names),
                           (Problem(label, None, None, None, missing or "the file does not exist"),), None)
    fingerprint = digest(content)
    memo_key = (dataset, fingerprint, *(company[name].digest if name in company else ""
                                        for name in sorted(dataset.checked_with)))
    checked = recalled(memo_key, label)
    if checked is None:
        keys = {name: lender.keys for name, lender in company.items() if lender.keys is not None}
        checked = check_afresh(dataset, content, fingerprint, label, keys)
        if len(content) < BIG_FILE_BYTES:
            remember(memo_key, checked)
        else:
            checked = replace(checked, parsed=None)
    if dataset.translates:
        checked = with_translation_problems(checked, company)
    return checked


def with_translation_problems(checked: CheckedFile, company: dict[str, CheckedFile]) -> CheckedFile:
    """A translations file's check with what the datasets it translates say of it (rows that are gone, cells still
    waiting for a translation...). That part is worked out on each check of the catalog, not remembered: a draft of
    events.csv checks events.csv alone, and these few lookups of its rows."""
    cells = cells_of(checked)
    if cells is None:
        return checked
    found = translation_problems(cells, checked.dataset, {name: cells_of(company[name]) if name in company else None
                                                          for name in checked.dataset.translates}, checked.label)
    if not found:
        return checked
    problems = sorted([*checked.problems, *found], key=lambda problem: (problem.row or 0, problem.column or ""))
    return replace(checked, problems=tuple(problems))


def recalled(memo_key: tuple, label: str) -> CheckedFile | None:
    """A remembered check. One that passed holds under any name, and takes this one (a translations file's problems
    found beside its check are reported under it); one with problems only under the name they give."""
    with _remembered_lock:
        checked = _remembered.get(memo_key)
        if checked is None or not (checked.ok or checked.label == label):
            return None
        _remembered.move_to_end(memo_key)
        return checked if checked.label == label else replace(checked, label=label)


def remember(memo_key: tuple, checked: CheckedFile) -> None:
    with _remembered_lock:
        _remembered[memo_key] = checked
        _remembered.move_to_end(memo_key)
        while len(_remembered) > REMEMBERED_CHECKS:
            _remembered.popitem(last=False)  # the check used longest ago


def forget_checks() -> None:
    """Forget every remembered check, as a restarted server starts: the next check of each file reads it again."""
    with _remembered_lock:
        _remembered.clear()


def check_afresh(dataset: Dataset, content: bytes, fingerprint: str, label: str,
                 keys: dict[str, frozenset[str]]) -> CheckedFile:
    """Read and check a file that is not remembered, with the keys of the datasets it refers to."""
    kept = tablecache.checked_before(dataset, content, fingerprint, keys)
    if kept is not None:  # a file that passed with these keys before: nothing left to check
        return CheckedFile(dataset, fingerprint, label, kept.table, (), kept.keys, kept.parsed)
    quick = quickly_checked(content, dataset, keys)
    if quick is not None:  # a big file of plain cells that all pass: nothing for staff to read, nothing to word
        table, own_keys = quick
        tablecache.keep(dataset, content, fingerprint, keys, table, own_keys)
        return CheckedFile(dataset, fingerprint, label, table, (), own_keys)
    parsed = read_table(content, label, dataset)
    if not parsed.readable:
        return CheckedFile(dataset, fingerprint, label, parsed.cells, tuple(parsed.problems), None, parsed)
    own_keys = frozenset(parsed.cells[dataset.key].dropna())
    table, cell_problems = validate(parsed.cells, dataset, keys, label)
    if not parsed.problems and not cell_problems:
        tablecache.keep(dataset, content, fingerprint, keys, table, own_keys)
    problems = sorted(capped(parsed.problems) + cell_problems,
                      key=lambda problem: (problem.row or 0, problem.column or ""))
    return CheckedFile(dataset, fingerprint, label, table, tuple(problems), own_keys, parsed)


def serve_last_good(state: DatasetState, company: dict[str, CheckedFile], directory: Path) -> None:
    """Put the newest kept version of a failed dataset that still passes its check in place of the file."""
    for version in history.versions(directory, state.dataset.name):
        content = read_bytes(version.path)
        if content is None:
            continue  # gone since it was listed, or unreadable: the next older one may serve
        checked = check_file(state.dataset, content, display_name(version.path), company)
        if checked.ok:
            state.table, state.served = checked.own_table(), version
            return


def read_bytes(path: Path) -> bytes | None:
    """A file's bytes, or None when there is no file there to read (missing, a folder, unreadable: see absent)."""
    try:
        return path.read_bytes()
    except OSError:
        return None


def absent(path: Path) -> str:
    """Why a file that read_bytes gave nothing for cannot be read, in words for staff."""
    if path.is_dir():
        return "this is a folder, not a file: put the CSV file here instead"
    if os.path.lexists(path):
        return "the file cannot be read (check that it is a file this server may read)"
    return "the file does not exist"


def digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def published_files(directory: Path | None = None) -> dict[str, Path]:
    directory = directory or data_dir()
    return {name: directory / dataset.filename for name, dataset in DATASETS.items()}


def published_content(name: str, directory: Path | None = None) -> bytes | None:
    """A dataset's published file as it is now (None when there is none), for an editor to start from or compare
    with; the name is checked against the registry before a path is built from it."""
    return read_bytes(published_files(directory)[history.require_dataset(name)])


_cache: dict[tuple[str, ...], Catalog] = {}
_by_stats: dict[tuple, tuple[str, ...]] = {}  # files' (inode, size, mtime) -> their content key
_cache_lock = threading.Lock()


def file_stats(path: str) -> tuple[int, int, int] | None:
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


@functools.lru_cache(maxsize=16)
def file_names(folder: str) -> tuple[str, ...]:
    """Every published file's path in a folder, as text: looked at a dozen times in every run of a page."""
    return tuple(os.path.join(folder, dataset.filename) for dataset in DATASETS.values())


# What a run of a page has looked up: a page asks for the catalog a dozen times a run, and each look stats every
# file. On a busy server each stat also hands the interpreter lock to another session's thread and waits to get it
# back, so a run looks once (look_once_per_run). Kept at most a few seconds, in case a thread outlives its run.
_this_run = threading.local()
RUN_LOOK_SECONDS = 2.0


def look_once_per_run() -> None:
    """Called as each run of a page starts (app.py): until the run ends or publishes, the catalog this thread
    loads is looked up on disk once. A thread that never calls this (tests, the edition's build, `make check-data`)
    looks every time."""
    _this_run.active = True
    _this_run.looked = None


def forget_this_run() -> None:
    """After a publish: the run that made it looks at the files again."""
    _this_run.looked = None


def load_catalog(directory: Path | None = None) -> Catalog:
    """The published catalog, re-checked only when a file's content changed since the last call.

    Pages call this many times per rerun: while no file's inode, size or modification time has changed, the files
    are not read and hashed again, and within one run of a page they are looked at once.
    """
    folder = str(directory or data_dir())
    looked = getattr(_this_run, "looked", None)
    if looked is not None and looked[0] == folder and time.monotonic() - looked[1] < RUN_LOOK_SECONDS:
        return looked[2]
    catalog = look_at_the_files(directory, folder)
    if getattr(_this_run, "active", False):
        _this_run.looked = (folder, time.monotonic(), catalog)
    return catalog


def look_at_the_files(directory: Path | None, folder: str) -> Catalog:
    """The catalog as the files in `folder` are now."""
    history.recover_interrupted(directory or data_dir())  # a publish a crash cut short is finished or undone
    stats = (folder, *map(file_stats, file_names(folder)))
    known = _by_stats.get(stats)
    if known is not None and known in _cache:
        return _cache[known]
    files = published_files(directory)
    raw = {name: read_bytes(path) for name, path in files.items()}
    key = (folder, *(digest(content) if content else "" for content in raw.values()))
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


def country_names(language: str = ENGLISH) -> dict[str, str]:
    """ISO code to name, for labels: English, or the name in `language` where translations.csv has it."""
    countries = load("countries")
    if language != ENGLISH:
        countries = translated({"countries": countries}, language)["countries"]
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
