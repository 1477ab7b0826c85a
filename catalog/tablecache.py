"""Big files that passed their check, kept on disk as Parquet, so a restarted server does not check them again.

Checking a million rows takes seconds; reading them back from Parquet, a tenth of one. An entry is keyed on all
the check depends on: the file's SHA-256, the dataset's declaration, the keys of the datasets it refers to, and the
code and library versions that checked it, so any change to one of them means the file is checked afresh. Only
big files that passed are kept: a file with problems is checked every time, and its problems come from the check.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from functools import cache
from importlib.metadata import version
from pathlib import Path

import pandas as pd

from catalog.bigcsv import BIG_FILE_BYTES
from catalog.datasets import Dataset

CATALOG_DIR = Path(__file__).resolve().parent


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


def checked_before(dataset: Dataset, content: bytes, digest: str,
                   keys: dict[str, set[str]]) -> tuple[pd.DataFrame, set[str]] | None:
    """The typed table and the key values of a big file that passed its check with these keys, if it has."""
    if len(content) < BIG_FILE_BYTES:
        return None
    folder = cache_dir() / entry_key(dataset, digest, keys)
    try:
        table = pd.read_parquet(folder / "table.parquet")
        own_keys = set(pd.read_parquet(folder / "keys.parquet")["key"])
    except (OSError, ValueError):
        return None  # not kept, or half written by a server that stopped: check the file
    return table, own_keys


def keep(dataset: Dataset, content: bytes, digest: str, keys: dict[str, set[str]], table: pd.DataFrame,
         own_keys: set[str]) -> None:
    """Keep a big file that passed its check. Written to a temporary name and renamed, so that a reader never
    sees half an entry; a cache that cannot be written is no reason to fail a page."""
    if len(content) < BIG_FILE_BYTES:
        return
    folder = cache_dir() / entry_key(dataset, digest, keys)
    partial = folder.with_name(f"{folder.name}.{os.getpid()}.partial")
    try:
        partial.mkdir(parents=True, exist_ok=True)
        table.to_parquet(partial / "table.parquet")
        pd.DataFrame({"key": sorted(own_keys)}, dtype=object).to_parquet(partial / "keys.parquet")
        shutil.rmtree(folder, ignore_errors=True)  # an entry that could not be read back
        partial.rename(folder)
    except OSError:
        shutil.rmtree(partial, ignore_errors=True)  # kept already by another process, or no room: check next time
