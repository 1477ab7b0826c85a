"""A big file of plain cells that all pass is checked once per distinct value (catalog.quickcheck); it must give
exactly the typed table and keys the full check gives, and any file the full check finds a problem in (or a cell it
would rewrite) must go to the full check, so staff read every problem as they always have."""

from __future__ import annotations

from unittest import mock

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import catalog.csvfile
import catalog.tablecache
from catalog.bigcsv import BIG_FILE_BYTES
from catalog.columns import choice, date, flag, identifier, integer, language, number, reference, text, url
from catalog.csvfile import read_table
from catalog.datasets import DATASETS, Dataset
from catalog.quickcheck import quickly_checked
from catalog.store import check_afresh, digest
from catalog.validate import validate
from tests.test_big_files import KEYS as BAN_KEYS
from tests.test_big_files import PLAIN

TALLIES = Dataset("tallies", "Tallies (test)", "Every kind of cell a table of counts may have; no rule across cells.", (
    identifier("tally_id", "Key."),
    date("day", "Day counted."),
    reference("country", "Where.", "countries"),
    choice("direction", "Which way.", ("entry", "exit")),
    integer("count", "Crossings.", minimum=0),
    number("share", "Share of all.", minimum=0, maximum=100),
    flag("estimated", "Whether estimated."),
    url("address", "Where it was read."),
    language("language", "Language of the page."),
    text("note", "A word."),
))
KEYS = {"countries": frozenset({"RUS", "KAZ", "KGZ"})}
ROWS = 13_000  # enough to pass BIG_FILE_BYTES


def tally_rows(rows: int = ROWS) -> list[list[str]]:
    return [[f"tally-{row}", f"20{15 + row % 10}-{1 + row % 12:02d}-{1 + row % 28:02d}", ("RUS", "KAZ", "KGZ")[row % 3],
             ("entry", "exit")[row % 2], str(row % 5000), f"{row % 100}.{row % 7}", ("true", "false")[row % 2],
             f"https://example.org/{row % 40}", ("ru", "kk", "en")[row % 3], ("Reported", "Counted")[row % 2]]
            for row in range(rows)]


def as_csv(rows: list[list[str]]) -> bytes:
    return "".join(",".join(row) + "\n" for row in [TALLIES.column_names, *rows]).encode()


def with_cell(row: int, column: str, value: str) -> bytes:
    rows = tally_rows()
    rows[row][TALLIES.column_names.index(column)] = value
    return as_csv(rows)


def full_check(raw: bytes) -> tuple[pd.DataFrame, list, frozenset[str]]:
    cells = read_table(raw, "tallies.csv", TALLIES).cells
    table, problems = validate(cells, TALLIES, KEYS, "tallies.csv")
    return table, problems, frozenset(cells["tally_id"].dropna())


def assert_same_as_the_full_check(raw: bytes) -> None:
    quick = quickly_checked(raw, TALLIES, KEYS)
    assert quick is not None
    table, problems, own_keys = full_check(raw)
    assert problems == []
    pd.testing.assert_frame_equal(quick[0], table, check_exact=True)
    assert quick[0].index.dtype == table.index.dtype and list(quick[0].dtypes) == list(table.dtypes)
    assert quick[1] == own_keys


def test_a_big_plain_file_that_passes_gets_exactly_the_full_checks_table_and_keys():
    raw = as_csv(tally_rows())
    assert len(raw) >= BIG_FILE_BYTES
    assert_same_as_the_full_check(raw)


def test_line_ends_written_by_windows_change_nothing():
    assert_same_as_the_full_check(as_csv(tally_rows()).replace(b"\n", b"\r\n"))


# A cell for each rule the full check words, and for each way of writing that it rewrites before checking.
FAILING = {
    "a day that does not exist": ("day", "2025-02-30"),
    "a country not listed": ("country", "XYZ"),
    "a direction not listed": ("direction", "inbound"),
    "a count below its minimum": ("count", "-1"),
    "a count that is not whole": ("count", "1.5"),
    "a count in words": ("count", "twelve"),
    "a share above its maximum": ("share", "100.5"),
    "a flag that is not true or false": ("estimated", "yes"),
    "an address that is not a web address": ("address", "ftp://example.org"),
    "a language in capitals": ("language", "EN"),
    "an id with a capital": ("tally_id", "Tally-1"),
    "an id used twice": ("tally_id", "tally-0"),
    "an empty required cell": ("note", ""),
}
REWRITTEN = {
    "spaces around a key": ("country", " KAZ "),
    "spaces around a text": ("note", " Reported "),
    "a date as Russian-locale Excel writes it": ("day", "21.09.2022"),
    "a flag in capitals": ("estimated", "TRUE"),
}


@pytest.mark.parametrize("case", FAILING)
def test_a_file_the_full_check_finds_a_problem_in_is_left_to_it(case):
    raw = with_cell(7, *FAILING[case])
    assert full_check(raw)[1], "the case must be one the full check reports"
    assert quickly_checked(raw, TALLIES, KEYS) is None


@pytest.mark.parametrize("case", REWRITTEN)
def test_a_file_with_cells_the_full_check_rewrites_is_left_to_it(case):
    raw = with_cell(7, *REWRITTEN[case])
    assert full_check(raw)[1] == []
    assert quickly_checked(raw, TALLIES, KEYS) is None


def late_cell(value: str, encoding: str) -> bytes:
    """A file whose one odd cell sits near its end, far past the part read to find the header."""
    rows = tally_rows()
    rows[-5][TALLIES.column_names.index("note")] = value
    return "".join(",".join(row) + "\n" for row in [TALLIES.column_names, *rows]).encode(encoding)


NOT_UTF8_PAST_THE_HEADER = {
    "Windows-1251 Cyrillic in the last rows": late_cell("Отмечено", "cp1251"),
    "a character cut in half in the last rows": late_cell("Отмечено", "utf-8")[:-3] + b"\xd0\n",
    "a NUL byte in the last rows": late_cell("Counted\x00", "utf-8"),
}


@pytest.mark.parametrize("case", NOT_UTF8_PAST_THE_HEADER)
def test_a_file_that_is_not_utf8_text_past_its_first_part_is_left_to_the_full_check(case):
    raw = NOT_UTF8_PAST_THE_HEADER[case]
    assert raw.index(b"tally-12995") > catalog.csvfile.HEAD_BYTES
    assert quickly_checked(raw, TALLIES, KEYS) is None


def test_a_dataset_with_rules_across_cells_is_left_to_the_full_check():
    bans = DATASETS["entry_bans"]
    assert validate(read_table(PLAIN["plain"], "entry_bans.csv", bans).cells, bans, BAN_KEYS,
                    "entry_bans.csv")[1] == []
    assert quickly_checked(PLAIN["plain"], bans, BAN_KEYS) is None


def test_a_small_file_is_left_to_the_full_check():
    raw = as_csv(tally_rows(50))
    assert full_check(raw)[1] == []
    assert quickly_checked(raw, TALLIES, KEYS) is None


def test_the_server_keeps_and_serves_what_the_full_check_would(tmp_path, monkeypatch):
    """Through the store, as a server checks a file: the same table, problems and keys with the quick check as
    without it, and the same again when read back from the table cache."""
    monkeypatch.setenv("BORDERLINES_CACHE_DIR", str(tmp_path / "quick"))
    answers = []
    monkeypatch.setattr("catalog.store.quickly_checked", lambda *args: answers.append(quickly_checked(*args))
                        or answers[-1])
    raw = as_csv(tally_rows())
    quick = check_afresh(TALLIES, raw, digest(raw), "tallies.csv", KEYS)
    assert answers and answers[0] is not None  # the quick check answered for the file
    catalog.tablecache.finish_writing()  # its entry, written after the check handed its table over
    again = check_afresh(TALLIES, raw, digest(raw), "tallies.csv", KEYS)
    assert len(answers) == 1, "the second check was not read back from the cache"
    monkeypatch.setenv("BORDERLINES_CACHE_DIR", str(tmp_path / "full"))
    monkeypatch.setattr("catalog.store.quickly_checked", lambda *args: None)
    full = check_afresh(TALLIES, raw, digest(raw), "tallies.csv", KEYS)
    for checked in (quick, again):
        pd.testing.assert_frame_equal(checked.table, full.table, check_exact=True)
        assert (checked.problems, checked.keys) == (full.problems, full.keys) == ((), full.keys)


# Cells for any column: valid ones, ones that break a rule, ones the full check rewrites, and empty ones.
ANY_CELL = st.sampled_from(["tally-1", "tally-2", "2022-09-21", "2022-02-30", "21.09.2022", "RUS", "KAZ", "XYZ",
                            "entry", "exit", "0", "7", "-1", "1.5", "99.5", "100.5", "true", "false", "TRUE", "yes",
                            "https://example.org/a", "ftp://example.org", "ru", "EN", "Reported", " KAZ ", " Reported ",
                            ""])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 39), st.integers(0, len(TALLIES.columns) - 1), ANY_CELL),
                min_size=1, max_size=6))
def test_whatever_the_cells_the_quick_check_vouches_only_for_what_the_full_check_passes(changes):
    """Any cells written anywhere over a valid file; the quick check is let loose on small files too, so that each
    example is quick."""
    rows = tally_rows(40)
    for row, column, cell in changes:
        rows[row][column] = cell
    raw = as_csv(rows)
    with mock.patch.object(catalog.csvfile, "BIG_FILE_BYTES", 0):
        quick = quickly_checked(raw, TALLIES, KEYS)
    if quick is not None:
        table, problems, own_keys = full_check(raw)
        assert problems == []
        pd.testing.assert_frame_equal(quick[0], table, check_exact=True)
        assert quick[1] == own_keys
