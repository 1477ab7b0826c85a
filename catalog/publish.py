"""Publishing a new version of a dataset, and rolling one back: checked, atomic, recorded, never a lost update.

Every publish runs under one lock: it refuses when the published file changed since the editor loaded it, checks
the new file with the rules of `python -m catalog check`, keeps the outgoing and incoming versions in history, logs
the change in the public changelog and then replaces the file by rename (catalog.history.commit: all or nothing,
whenever it stops). A full disk or a read-only data folder is a PublishFailed in words for the editor.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from catalog import history
from catalog.check import check_replacements
from catalog.csvfile import read_table
from catalog.datasets import DATASETS
from catalog.diff import TableDiff, diff_tables
from catalog.problems import DataFileError, Problem
from catalog.store import digest, forget_this_run, published_files, read_bytes


class PublishConflict(Exception):
    """The published file changed after the editor loaded it; `between` is what changed in the meantime."""

    def __init__(self, dataset: str, between: TableDiff | None):
        self.dataset, self.between = dataset, between
        super().__init__(f"{dataset} was changed by someone else after you loaded it")


class PublishRefused(DataFileError):
    """The new file fails its check; nothing was written."""


PublishFailed = history.PublishFailed  # the data folder could not be written: nothing was published


def failure_in_words(error: OSError, directory: Path) -> PublishFailed:
    """Why a publish could not write, and what to do, for the editor; nothing was published."""
    if error.errno == errno.ENOSPC or error.errno == errno.EDQUOT:
        return PublishFailed(f"Nothing was published: the disk that holds the data folder ({directory}) is full. "
                             "Free some space (or ask whoever runs the server to), then publish again.")
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return PublishFailed(f"Nothing was published: this server may not write to the data folder ({directory}); "
                             "it is read-only here. Ask whoever runs the server to make it writable, then publish "
                             "again.")
    return PublishFailed(f"Nothing was published: the data folder ({directory}) could not be written "
                         f"({error.strerror or error}). Try again; if it happens again, tell whoever runs the server.")


@dataclass
class Draft:
    """A candidate replacement for a dataset: its canonical file, its problems and, when it passes, its table."""

    dataset: str
    content: bytes
    problems: list[Problem]
    table: pd.DataFrame | None


def canonical_csv(cells: pd.DataFrame) -> bytes:
    """Text cells written as every file in data/ is: UTF-8, commas, LF line ends, quotes only where needed."""
    return cells.to_csv(index=False, lineterminator="\n").encode("utf-8")


def draft(name: str, content: bytes, label: str, directory: Path | None = None) -> Draft:
    """Check a staff file (any encoding or delimiter the check command accepts) and turn it into the canonical file
    that would be published. Problems are reported against `label`, the name the editor knows the file by."""
    dataset = DATASETS[history.require_dataset(name)]
    problems, catalog = check_replacements({name: (Path(label), content)}, directory)
    state = catalog.states[name]
    parsed = state.parsed or read_table(content, label, dataset)  # a big file is not kept as read: read it again
    canonical = canonical_csv(parsed.cells) if parsed.readable else content
    return Draft(name, canonical, problems, None if problems else state.table)


def published_table(name: str, content: bytes | None, directory: Path | None = None) -> pd.DataFrame | None:
    """The typed table of one version of a published file, or None when that version fails its check."""
    _, catalog = check_replacements({name: (published_files(directory)[name], content)}, directory)
    state = catalog.states[name]
    return state.table if state.ok else None


def require_signature(editor: str, note: str) -> None:
    if not editor.strip() or not note.strip():
        raise ValueError("a publish needs the editor's name and a change note")


def publish(directory: Path, name: str, content: bytes, *, editor: str, note: str, base: bytes | None,
            action: str = "publish") -> history.ChangeEntry:
    """Replace a dataset's published file with `content`, which the editor made from the published file `base`."""
    dataset = DATASETS[history.require_dataset(name)]
    require_signature(editor, note)
    path = published_files(directory)[name]
    try:
        with history.publishing_lock(directory):
            history.recover(directory)  # a publish a crash interrupted is finished or undone first
            current = read_bytes(path)
            if current != base:
                done = history.published_entry(directory, name, digest(content)) if current == content else None
                if done is not None:  # a retry of a publish that went through before its editor heard so
                    return done
                raise PublishConflict(name, changes_between(name, base, current, directory))
            problems, catalog = check_replacements({name: (path, content)}, directory)
            if problems:
                raise PublishRefused(problems)
            before = published_table(name, current, directory) if current is not None else None
            after = catalog.states[name].table
            diff = diff_tables(dataset, before if before is not None else after.iloc[0:0], after)
            if current is not None and not history.is_kept(directory, name, digest(current)):
                history.keep_version(directory, name, current, digest(current))
            version = history.new_version(directory, name, digest(content))
            entry = history.ChangeEntry(
                when=datetime.now(UTC).isoformat(timespec="seconds"), dataset=name, action=action,
                editor=editor.strip(), note=note.strip(), rows_added=len(diff.added),
                rows_changed=len(diff.changed_keys), rows_removed=len(diff.removed), version=version.id)
            history.commit(directory, path, content, version, entry)
    except PublishFailed:
        raise
    except OSError as error:
        raise failure_in_words(error, directory) from error
    finally:
        forget_this_run()  # whatever was written, the rest of this run reads the files as they are now
    return entry


def rollback(directory: Path, name: str, version_id: str, *, editor: str, note: str,
             base: bytes | None) -> history.ChangeEntry:
    """Publish an earlier version again; the rollback is itself a new version and a changelog line."""
    require_signature(editor, note)
    version = history.find_version(directory, name, version_id)
    return publish(directory, name, version.content(), editor=editor, base=base, action="rollback",
                   note=f"Rolled back to the version of {version.kept_at:%Y-%m-%d %H:%M} UTC: {note.strip()}")


def changes_between(name: str, base: bytes | None, current: bytes | None, directory: Path) -> TableDiff | None:
    """What changed from the version an editor loaded to the one published now (None if either fails its check)."""
    dataset = DATASETS[name]
    tables = [published_table(name, content, directory) if content is not None else None
              for content in (base, current)]
    if any(table is None for table in tables):
        return None
    return diff_tables(dataset, *tables)
