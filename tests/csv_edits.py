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
