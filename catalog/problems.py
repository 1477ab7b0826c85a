"""A problem found in a data file, worded for the newsroom staff who have to fix it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file: where it is (row as a spreadsheet numbers it), what, and which rule."""

    file: str
    row: int | None  # 1 is the header row; None means the whole file
    column: str | None
    value: str | None
    rule: str

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}, row {self.row}"
        parts = [where]
        if self.column is not None:
            parts.append(f"column {self.column!r}")
        if self.value is not None:
            parts.append(f"value {shorten(self.value)!r}")
        return ", ".join(parts) + f": {self.rule}"


def shorten(text: str, limit: int = 60) -> str:
    """Keep long cell values readable in a one-line message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


class DataFileError(Exception):
    """A file that cannot be used at all; carries every problem found in it."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))
