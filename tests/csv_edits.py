"""Editing a copy of a data file the way a test needs: one cell at a time, written back as plain CSV."""

from __future__ import annotations

import csv
import io


def rows_of(path) -> tuple[list[str], list[list[str]]]:
    records = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    return records[0], records[1:]


def write(path, header, rows) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *rows])
    path.write_text(out.getvalue(), encoding="utf-8")


def break_cell(data_dir, dataset: str, column: str, value: str, row_index: int = 0):
    path = data_dir / f"{dataset}.csv"
    header, rows = rows_of(path)
    rows[row_index][header.index(column)] = value
    write(path, header, rows)
    return path


def restate(rows: list[list[str]], header: list[str], value: str, row_index: int = 0) -> None:
    """Correct a row's figure as staff do: the new value, and the source's sentence that states it (the quote's
    old figure replaced), so the row still says what its source says."""
    row = rows[row_index]
    old = row[header.index("value")]
    row[header.index("value")] = value
    if "quote" in header:
        row[header.index("quote")] = row[header.index("quote")].replace(old, value, 1)


def correct_figure(data_dir, dataset: str, value: str, row_index: int = 0):
    """A good hand edit of one figure, saved to the dataset's file."""
    path = data_dir / f"{dataset}.csv"
    header, rows = rows_of(path)
    restate(rows, header, value, row_index)
    write(path, header, rows)
    return path
