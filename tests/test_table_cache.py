"""A big file that passed its check is kept as Parquet and read back as exactly the table the check gave; anything
the check depends on, changed, means a fresh check."""

from __future__ import annotations

import pandas as pd
import pytest

import catalog.store
from catalog.store import build_catalog, published_files
from tests.csv_edits import rows_of, write
from tests.test_big_files import BANS, as_csv, ban_rows


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("BORDERLINES_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def big_bans(data_copy):
    """data/ with an entry_bans.csv of a few megabytes, citing real sources."""
    _, sources = rows_of(data_copy / "sources.csv")
    rows = ban_rows()
    for row in rows:
        row[-1] = sources[0][0] if row[-1] == "src-a" else sources[1][0]
    (data_copy / "entry_bans.csv").write_text(as_csv(rows), encoding="utf-8")
    return data_copy


def checks_run(monkeypatch) -> list[str]:
    """Names of the files the catalog actually read and checked, from now on."""
    read = []
    real = catalog.store.read_table

    def watched(raw, name, *args):
        read.append(name)
        return real(raw, name, *args)

    monkeypatch.setattr(catalog.store, "read_table", watched)
    return read


def test_a_big_file_that_passed_is_read_back_as_exactly_the_checked_table(big_bans, cache, monkeypatch):
    first = build_catalog(published_files(big_bans)).states["entry_bans"]
    assert first.ok and len(first.table) == 12_000 and any(cache.iterdir())
    read = checks_run(monkeypatch)
    again = build_catalog(published_files(big_bans)).states["entry_bans"]
    assert not any(name.endswith("entry_bans.csv") for name in read)
    pd.testing.assert_frame_equal(again.table, first.table, check_exact=True)
    assert list(again.table.dtypes) == list(first.table.dtypes) and again.table.index.dtype == first.table.index.dtype
    assert (again.ok, again.digest) == (True, first.digest)


def test_a_changed_source_list_means_a_fresh_check(big_bans, cache, monkeypatch):
    build_catalog(published_files(big_bans))
    header, sources = rows_of(big_bans / "sources.csv")
    write(big_bans / "sources.csv", header, sources[1:])  # the first source, cited by half the bans, is gone
    read = checks_run(monkeypatch)
    state = build_catalog(published_files(big_bans)).states["entry_bans"]
    assert any(name.endswith("entry_bans.csv") for name in read)
    assert not state.ok and {problem.column for problem in state.problems} == {"source_id"}


def test_a_big_file_with_problems_is_not_kept(big_bans, cache):
    header, rows = rows_of(big_bans / "entry_bans.csv")
    rows[3][header.index("count")] = "many"
    write(big_bans / "entry_bans.csv", header, rows)
    for _ in range(2):
        state = build_catalog(published_files(big_bans)).states["entry_bans"]
        assert [(problem.row, problem.column) for problem in state.problems] == [(5, "count")]
    assert not cache.exists() or not any(cache.iterdir())


def test_small_files_are_never_kept(data_copy, cache):
    assert build_catalog(published_files(data_copy)).problems == []
    assert not cache.exists()


def test_a_half_written_entry_is_checked_again_and_replaced(big_bans, cache, monkeypatch):
    build_catalog(published_files(big_bans))
    (entry,) = cache.iterdir()
    (entry / "table.parquet").write_bytes(b"PAR1 cut short")
    state = build_catalog(published_files(big_bans)).states["entry_bans"]
    assert state.ok and list(state.table.columns) == BANS.column_names and len(state.table) == 12_000
    read = checks_run(monkeypatch)
    build_catalog(published_files(big_bans))
    assert not any(name.endswith("entry_bans.csv") for name in read)
