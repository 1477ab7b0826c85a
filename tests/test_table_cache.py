"""A file that passed its check is kept as an Arrow file and read back as exactly the table the check gave (and, for a
small file, exactly the cells as read); anything the check depends on, changed, means a fresh check."""

from __future__ import annotations

import threading
from pathlib import Path

import pandas as pd
import pytest

import catalog.store
import catalog.tablecache
from catalog.store import build_catalog, forget_checks, published_files
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
    catalog.tablecache.finish_writing()  # a big file's entry is written after its reader has the table
    assert first.ok and len(first.table) == 12_000 and any(cache.iterdir())
    read = checks_run(monkeypatch)
    again = build_catalog(published_files(big_bans)).states["entry_bans"]
    assert not any(name.endswith("entry_bans.csv") for name in read)
    pd.testing.assert_frame_equal(again.table, first.table, check_exact=True)
    assert list(again.table.dtypes) == list(first.table.dtypes) and again.table.index.dtype == first.table.index.dtype
    assert (again.ok, again.digest) == (True, first.digest)


def test_a_reader_of_a_big_file_has_its_table_before_its_entry_is_written(big_bans, cache, monkeypatch):
    """Writing a million rows' entry takes a tenth of a second or more: the chart does not wait for it."""
    held = threading.Event()
    real = catalog.tablecache.write_frame
    monkeypatch.setattr(catalog.tablecache, "write_frame", lambda *arguments: held.wait(30) and real(*arguments))
    state = build_catalog(published_files(big_bans)).states["entry_bans"]
    assert state.ok and len(state.table) == 12_000
    assert not any((entry / "keys.arrow").exists() for entry in cache.iterdir())  # the big entry: not there yet
    held.set()
    catalog.tablecache.finish_writing()
    assert sum((entry / "keys.arrow").exists() for entry in cache.iterdir()) == 1
    assert not list(cache.glob("*.partial"))


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


def value_types(frame: pd.DataFrame) -> dict[str, list[str]]:
    """Each column's values by type: an empty cell read back as NaN where the check gave None would show here."""
    return {column: [type(value).__name__ for value in frame[column]] for column in frame.columns}


def test_a_restarted_server_reads_the_published_small_files_back_without_checking_them(data_copy, cache, monkeypatch):
    forget_checks()  # checks this process remembers from other tests would never reach the cache
    first = build_catalog(published_files(data_copy))
    assert first.problems == [] and len(list(cache.iterdir())) == len(first.states)
    forget_checks()  # as a restarted server starts
    read = checks_run(monkeypatch)
    again = build_catalog(published_files(data_copy))
    assert read == []
    for name, checked in first.states.items():
        kept = again.states[name]
        pd.testing.assert_frame_equal(kept.table, checked.table, check_exact=True)
        assert list(kept.table.dtypes) == list(checked.table.dtypes), name
        assert value_types(kept.table) == value_types(checked.table), name
        pd.testing.assert_frame_equal(kept.parsed.cells, checked.parsed.cells, check_exact=True)
        assert value_types(kept.parsed.cells) == value_types(checked.parsed.cells), name


def test_a_small_file_with_problems_is_checked_after_every_restart(data_copy, cache, monkeypatch):
    header, rows = rows_of(data_copy / "events.csv")
    rows[0][header.index("date")] = "2022-13-01"
    write(data_copy / "events.csv", header, rows)
    forget_checks()
    build_catalog(published_files(data_copy))
    forget_checks()
    read = checks_run(monkeypatch)
    state = build_catalog(published_files(data_copy)).states["events"]
    assert [Path(name).name for name in read] == ["events.csv"]
    assert [(problem.row, problem.column, problem.value) for problem in state.problems] == [(2, "date", "2022-13-01")]


def test_a_half_written_entry_is_checked_again_and_replaced(big_bans, cache, monkeypatch):
    build_catalog(published_files(big_bans))
    catalog.tablecache.finish_writing()
    entry = max(cache.iterdir(), key=lambda folder: (folder / "table.arrow").stat().st_size)  # the big file's
    (entry / "table.arrow").write_bytes(b"ARROW1 cut short")
    state = build_catalog(published_files(big_bans)).states["entry_bans"]
    assert state.ok and list(state.table.columns) == BANS.column_names and len(state.table) == 12_000
    catalog.tablecache.finish_writing()
    read = checks_run(monkeypatch)
    build_catalog(published_files(big_bans))
    assert not any(name.endswith("entry_bans.csv") for name in read)


def test_the_cache_keeps_the_entries_used_last_and_no_more(data_copy, cache, monkeypatch):
    published = read_all(data_copy)
    monkeypatch.setattr(catalog.tablecache, "KEPT_ENTRIES", len(published) + 2)  # room for two drafts
    header, rows = rows_of(data_copy / "events.csv")
    drafts = []
    for summary in ("First draft.", "Second draft.", "Third draft.", "Fourth draft."):
        rows[0][header.index("summary")] = summary
        write(data_copy.parent / "events-draft.csv", header, rows)
        drafts.append((data_copy.parent / "events-draft.csv").read_bytes())
    for content in drafts:
        forget_checks()  # as after a restart: every file is read from the cache, and so marked as used
        assert build_catalog(published_files(data_copy), {**published, "events": content}).states["events"].ok
    assert len(list(cache.iterdir())) == len(published) + 2

    forget_checks()
    read = checks_run(monkeypatch)
    for content in (drafts[-1], drafts[-2], drafts[0]):
        forget_checks()
        build_catalog(published_files(data_copy), {**published, "events": content})
    assert read == [str(data_copy / "events.csv")]  # the first draft only: it was the one used longest ago


def test_the_cache_stays_within_its_bytes_dropping_the_entries_used_longest_ago(big_bans, cache, monkeypatch):
    build_catalog(published_files(big_bans))
    catalog.tablecache.finish_writing()
    first = {entry.name: catalog.tablecache.entry_bytes(entry) for entry in cache.iterdir()}
    first_big = max(first, key=first.get)
    monkeypatch.setattr(catalog.tablecache, "KEPT_BYTES", sum(first.values()) + first[first_big] // 2)  # not two
    header, rows = rows_of(big_bans / "entry_bans.csv")
    rows[0][header.index("reason_or_context")] = "A second version."
    write(big_bans / "entry_bans.csv", header, rows)
    assert build_catalog(published_files(big_bans)).states["entry_bans"].ok
    catalog.tablecache.finish_writing()
    kept = {entry.name: catalog.tablecache.entry_bytes(entry) for entry in cache.iterdir()}
    assert first_big not in kept and max(kept, key=kept.get) not in first  # the second version's, not the first's
    assert sum(kept.values()) <= catalog.tablecache.KEPT_BYTES
    forget_checks()
    read = checks_run(monkeypatch)
    build_catalog(published_files(big_bans))
    assert not any(name.endswith("entry_bans.csv") for name in read)  # read back after a restart


def read_all(folder: Path) -> dict[str, bytes]:
    return {name: path.read_bytes() for name, path in published_files(folder).items()}
