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


CHANGELOG_BREAKAGES = ("empty", "binary", "a bad date", "a merge conflict", "a duplicated line", "a folder")


def break_changelog(data_dir, how: str) -> None:
    """data/changelog.csv broken one of the ways a hand edit, a disk or a merge breaks it."""
    path = data_dir / "changelog.csv"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    header, *lines = text.splitlines(keepends=True)
    broken = {
        "empty": "",
        "binary": None,
        "a bad date": header + "".join(lines) + lines[-1].replace(lines[-1].split(",")[0], "2026-02-30T10:00:00"),
        "a merge conflict": header + "<<<<<<< HEAD\n" + "".join(lines) + "=======\n" + ">>>>>>> other\n",
        "a duplicated line": header + "".join(lines) + lines[-1],
        "a folder": None,
    }[how]
    if how == "binary":
        path.write_bytes(bytes(range(256)) * 8)
    elif how == "a folder":
        path.unlink()
        path.mkdir()
    else:
        path.write_text(broken, encoding="utf-8")
