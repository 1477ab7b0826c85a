"""Big plain files are read by pyarrow (catalog.bigcsv); whatever path a file takes, the cells, the typed table and
every problem must be exactly what the careful reader gives."""

from __future__ import annotations

import pandas as pd
import pytest

import catalog.csvfile
from catalog.bigcsv import BIG_FILE_BYTES
from catalog.csvfile import read_table
from catalog.datasets import DATASETS
from catalog.validate import validate

BANS = DATASETS["entry_bans"]
KEYS = {"sources": {"src-a", "src-b"}, "countries": {"RUS", "KAZ"}}
ROWS = 12_000  # enough to pass BIG_FILE_BYTES


def ban_rows(rows: int = ROWS) -> list[list[str]]:
    """Valid entry bans, one per row, cycling through every kind of cell the dataset has."""
    return [[f"ban-{row}", f"Person number {row}", str(1 + row % 70), "true" if row % 9 == 0 else "false",
             "around" if row % 9 == 0 else "", ("journalist", "scholar", "politician")[row % 3],
             ("RUS", "KAZ")[row % 2], ("KAZ", "RUS")[row % 2], f"2025-{1 + row % 12:02d}-{1 + row % 28:02d}",
             "day", "Reported by the press" if row % 4 else "",
             f"Barred: {'around ' if row % 9 == 0 else ''}{1 + row % 70} people", "", ("src-a", "src-b")[row % 2]]
            for row in range(rows)]


def as_csv(rows: list[list[str]], header: list[str] | None = None, newline: str = "\n") -> str:
    return newline.join(",".join(row) for row in [header or BANS.column_names, *rows]) + newline


def edited(change) -> str:
    rows = ban_rows()
    change(rows)
    return as_csv(rows)


def careful_and_fast(raw: bytes, monkeypatch):
    """The file read with the fast path allowed, then with it ruled out; and whether the fast path answered."""
    answers = []
    real = catalog.csvfile.plain_cells

    def watched(*args):
        answers.append(real(*args))
        return answers[-1]

    monkeypatch.setattr(catalog.csvfile, "plain_cells", watched)
    fast = read_table(raw, "entry_bans.csv", BANS)
    monkeypatch.setattr(catalog.csvfile, "BIG_FILE_BYTES", 10**12)
    careful = read_table(raw, "entry_bans.csv", BANS)
    return fast, careful, bool(answers) and answers[0] is not None


def assert_same(fast, careful) -> None:
    pd.testing.assert_frame_equal(fast.cells, careful.cells, check_exact=True)
    assert list(fast.cells.dtypes) == list(careful.cells.dtypes)
    assert fast.cells.index.dtype == careful.cells.index.dtype
    assert fast.cells.columns.dtype == careful.cells.columns.dtype
    assert (fast.problems, fast.encoding, fast.delimiter) == (careful.problems, careful.encoding, careful.delimiter)
    if careful.readable:
        fast_table, fast_problems = validate(fast.cells, BANS, KEYS, "entry_bans.csv")
        careful_table, careful_problems = validate(careful.cells, BANS, KEYS, "entry_bans.csv")
        pd.testing.assert_frame_equal(fast_table, careful_table, check_exact=True)
        assert sorted(fast_problems) == sorted(careful_problems)


def put(row: int, column: str, value: str):
    def change(rows):
        rows[row][BANS.column_names.index(column)] = value
    return change


PLAIN = {
    "plain": as_csv(ban_rows()).encode(),
    "CRLF line ends": as_csv(ban_rows(), newline="\r\n").encode(),
    "spaces around a cell": edited(put(5, "nationality", " RUS ")).encode(),
    "Russian-locale date": edited(put(7, "date_reported", "21.09.2025")).encode(),
    "Excel flags": edited(put(8, "approximate", "TRUE")).encode(),
    "Cyrillic text": edited(put(9, "person_or_group", "Иван Петров")).encode(),
    "a cell that is only spaces": edited(put(10, "reason_or_context", "   ")).encode(),
    "bad cells": edited(lambda rows: [put(3, "date_reported", "2025-02-30")(rows), put(4, "count", "-1")(rows),
                                      put(6, "occupation", "spy")(rows), put(11, "ban_id", "ban-0")(rows),
                                      put(12, "count", "12 people")(rows), put(13, "source_id", "")(rows)]).encode(),
    "columns in another order": as_csv([row[::-1] for row in ban_rows()], BANS.column_names[::-1]).encode(),
}
NOT_PLAIN = {
    "quoted cells": edited(put(5, "person_or_group", '"Doe, Jane"')).encode(),
    "a blank row": edited(lambda rows: rows.insert(100, [""] * len(BANS.columns))).encode(),
    "a ragged row": edited(lambda rows: rows[200].append("extra")).encode(),
    "a header with a space": as_csv(ban_rows(), [" ban_id", *BANS.column_names[1:]]).encode(),
    "an unknown column": as_csv(ban_rows(), ["ban_ident", *BANS.column_names[1:]]).encode(),
    "a lone carriage return": edited(put(5, "person_or_group", "two\rlines")).encode(),
    "a byte-order mark": as_csv(ban_rows()).encode("utf-8-sig"),
    "Windows-1251": edited(put(9, "person_or_group", "Иван Петров")).encode("cp1251"),
}


@pytest.mark.parametrize("name", PLAIN)
def test_a_big_plain_file_is_read_fast_into_exactly_the_careful_readers_cells(name, monkeypatch):
    assert len(PLAIN[name]) >= BIG_FILE_BYTES
    fast, careful, took_fast_path = careful_and_fast(PLAIN[name], monkeypatch)
    assert took_fast_path
    assert_same(fast, careful)


@pytest.mark.parametrize("name", NOT_PLAIN)
def test_a_big_file_that_is_not_plain_gets_exactly_the_careful_readers_answer(name, monkeypatch):
    fast, careful, _ = careful_and_fast(NOT_PLAIN[name], monkeypatch)
    assert_same(fast, careful)


def test_bad_cells_in_a_big_file_are_reported_with_their_spreadsheet_rows():
    parsed = read_table(PLAIN["bad cells"], "entry_bans.csv", BANS)
    _, problems = validate(parsed.cells, BANS, KEYS, "entry_bans.csv")
    # Row 6's count of -1 is not reported while another count is not a number at all: the careful reader's rule.
    assert {(problem.row, problem.column) for problem in problems} == {
        (5, "date_reported"), (8, "occupation"), (14, "count"), (2, "ban_id"), (13, "ban_id"), (15, "source_id")}
