"""A file is checked once per process for the same references: what is remembered never changes what a check
reports, under which name, or what a catalog serves."""

from __future__ import annotations

import catalog.store
import catalog.tablecache
from catalog import load_catalog
from catalog.check import check_paths
from catalog.datasets import DATASETS
from catalog.publish import draft
from catalog.store import forget_checks
from tests.csv_edits import break_cell, rows_of, write


def validations(monkeypatch) -> list[tuple[str, str]]:
    """The dataset and file name of every check of a file's cells against its schema, from now on."""
    seen = []
    real = catalog.store.validate

    def counted(cells, dataset, keys, filename):
        seen.append((dataset.name, filename))
        return real(cells, dataset, keys, filename)

    monkeypatch.setattr(catalog.store, "validate", counted)
    return seen


def test_the_registry_lists_every_dataset_after_the_datasets_it_refers_to():
    names = list(DATASETS)
    for position, (name, dataset) in enumerate(DATASETS.items()):
        assert dataset.references() <= set(names[:position]), name


def test_a_dropped_source_is_caught_where_it_is_used_after_the_published_catalog_was_checked(data_copy, tmp_path):
    header, rows = rows_of(data_copy / "sources.csv")
    events_header, events = rows_of(data_copy / "events.csv")
    replacement = tmp_path / "sources.csv"
    write(replacement, header, [row for row in rows if row[0] != events[0][events_header.index("source_id")]])
    load_catalog()  # every published file checked, and remembered

    remembered, _ = check_paths([replacement])
    forget_checks()
    afresh, _ = check_paths([replacement])

    assert any(problem.file.endswith("events.csv") for problem in remembered)
    assert remembered == afresh


def test_problems_name_the_file_they_were_found_in_each_time_it_is_checked(data_copy):
    header, rows = rows_of(data_copy / "us_visas.csv")
    rows[0][header.index("value")] = "sixty"
    scratch = data_copy.parent / "visas.csv"
    write(scratch, header, rows)
    content = scratch.read_bytes()

    names = [{problem.file for problem in draft("us_visas", content, label, data_copy).problems}
             for label in ("visas.csv", "visas (2).csv", "visas.csv")]

    assert names == [{"visas.csv"}, {"visas (2).csv"}, {"visas.csv"}]


def test_a_translation_whose_row_is_gone_is_named_in_the_file_checked_each_time(data_copy):
    """A translations file passes its own check, which is remembered under any name; what the datasets it translates
    say of it is found on each check, and names the file of that check."""
    header, rows = rows_of(data_copy / "translations.csv")
    rows[0][header.index("row_id")] = "a-row-that-is-gone"
    for folder in ("first", "second"):
        (data_copy.parent / folder).mkdir()
        write(data_copy.parent / folder / "translations.csv", header, rows)

    named = [{problem.file for problem in check_paths([data_copy.parent / folder / "translations.csv"])[0]}
             for folder in ("first", "second")]

    assert named == [{str(data_copy.parent / folder / "translations.csv")} for folder in ("first", "second")]


def test_a_file_broken_on_disk_reports_the_same_problems_and_falls_back_the_same_way(data_copy):
    break_cell(data_copy, "us_visas", "value", "sixty")
    published = load_catalog()
    problems, checked = check_paths([data_copy / "us_visas.csv"])
    forget_checks()
    afresh, _ = check_paths([data_copy / "us_visas.csv"])

    assert problems == afresh == published.states["us_visas"].problems
    assert published.states["us_visas"].served is not None  # readers get the last good version...
    assert checked.states["us_visas"].served is None  # ...which the check does not pretend is the file


def test_catalogs_never_share_a_state_or_a_table_that_one_of_them_writes_to(data_copy):
    published = load_catalog()
    _, checked = check_paths([data_copy / "countries.csv"])
    mine, theirs = published.states["countries"], checked.states["countries"]
    assert mine is not theirs

    theirs.table.loc[theirs.table.index[0], "name"] = "Written over"
    theirs.problems.append("a problem of this catalog alone")

    assert "Written over" not in set(mine.table["name"]) and mine.problems == []
    _, again = check_paths([data_copy / "countries.csv"])
    assert "Written over" not in set(again.states["countries"].table["name"]) and again.problems == []


def test_beyond_the_limit_the_check_used_longest_ago_is_forgotten(data_copy, tmp_path, monkeypatch):
    monkeypatch.setattr(catalog.store, "REMEMBERED_CHECKS", len(DATASETS))  # room for the published files alone
    # Memory alone: a passing draft is also kept on disk (tests/test_table_cache.py), and would be read back from there.
    monkeypatch.setenv("BORDERLINES_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(catalog.tablecache, "keep", lambda *arguments: None)
    header, rows = rows_of(data_copy / "events.csv")
    drafts = {}
    for summary in ("First draft.", "Second draft."):
        rows[0][header.index("summary")] = summary
        write(data_copy.parent / "events-draft.csv", header, rows)
        drafts[summary] = (data_copy.parent / "events-draft.csv").read_bytes()
    load_catalog()
    checked = validations(monkeypatch)

    for summary in ("First draft.", "Second draft.", "Second draft.", "First draft."):
        draft("events", drafts[summary], summary, data_copy)

    # The second draft pushed the first out; the published files every draft is checked beside stayed.
    assert checked == [("events", "First draft."), ("events", "Second draft."), ("events", "First draft.")]
