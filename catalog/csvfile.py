"""Reading CSV files the way newsroom staff really save them.

Excel and text editors produce UTF-8 with or without a byte-order mark, Windows-1251 (Excel in a Russian locale),
UTF-16 ("Unicode text"), commas, semicolons or tabs, CRLF line ends, trailing blank rows and decimal commas. This
module turns any of those into one table of text cells indexed by the row number a spreadsheet shows, and reports
what cannot be read (empty file, binary junk, ragged rows, bad header) as Problems instead of raising tracebacks.
Whether the cells make sense is the schema's job (catalog.validate, from catalog.datasets), not this module's.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import io
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from catalog.bigcsv import BIG_FILE_BYTES, plain_cells, plain_columns
from catalog.datasets import Dataset
from catalog.problems import Problem

if TYPE_CHECKING:
    import pyarrow as pa

DELIMITERS = (",", ";", "\t")
UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")  # the byte-order marks of UTF-16 ("Unicode text" from Excel)
HEAD_BYTES = 128 * 1024  # at least looks_like_text's 20,000 characters, in any UTF-8
RUSSIAN_EXCEL_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")
EXCEL_BOOLEANS = {"true": "true", "false": "false", "истина": "true", "ложь": "false"}


@dataclass
class ParsedFile:
    """The cells of a file (all text, None for empty) and what was wrong with its shape."""

    cells: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    encoding: str = "utf-8"
    delimiter: str = ","

    @property
    def readable(self) -> bool:
        """True unless the file as a whole or its header is unusable; bad rows alone leave the rest checkable."""
        return all(problem.row is not None and problem.row > 1 for problem in self.problems)


def decode(raw: bytes, name: str) -> tuple[str | None, str, list[Problem]]:
    """Bytes to text, trying the encodings staff files come in; junk is reported, not guessed at."""
    if raw.startswith(UTF16_MARKS):
        try:
            return raw.decode("utf-16"), "utf-16", []
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in raw:
        for encoding in ("utf-8-sig", "cp1251"):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError:
                continue
            if looks_like_text(text):
                return text, encoding, []
    return None, "", [Problem(name, None, None, None,
                              "this is not a text CSV file (it looks like binary data); save it from Excel as "
                              "'CSV UTF-8 (comma delimited)' and try again")]


def looks_like_text(text: str) -> bool:
    """Reject decodings full of control characters: that is what binary junk looks like in Windows-1251."""
    sample = text[:20000]
    control = sum(1 for char in sample if ord(char) < 32 and char not in "\r\n\t")
    return control <= len(sample) // 100


def pick_delimiter(header_line: str, expected: list[str]) -> str:
    """The delimiter that splits the header into the most expected column names (ties go to the most fields)."""
    def score(delimiter: str) -> tuple[int, int]:
        try:
            names = [name.strip() for name in next(csv.reader([header_line], delimiter=delimiter), [])]
        except csv.Error:  # a header cell longer than csv allows: reading the file says so, with the row
            return 0, 0
        return sum(name in expected for name in names), len(names)
    return max(DELIMITERS, key=score)


def read_table(raw: bytes, name: str, dataset: Dataset) -> ParsedFile:
    """Parse a staff CSV for `dataset` into text cells indexed by spreadsheet row number (header = row 1).

    Problems are reported under `name`. The columns' kinds (see catalog.columns) let dates, numbers and true/false
    cells written the way a Russian-locale Excel writes them be normalised before they are checked.
    """
    expected, kinds = dataset.column_names, dataset.kinds
    text, encoding, problems = decode(raw, name)
    if text is None:
        return ParsedFile(empty_cells(expected), problems)
    if not text or text.isspace():
        rule = f"the file is empty; it needs a header row with the columns {', '.join(expected)}"
        return ParsedFile(empty_cells(expected), [Problem(name, None, None, None, rule)])

    delimiter = pick_delimiter(first_line(text), expected)
    if may_be_plain(raw, encoding, delimiter):
        cells = plain_cells(raw, expected, kinds, lambda cell, kind: normalise(cell, kind, delimiter))
        if cells is not None:
            return ParsedFile(cells, problems, encoding, delimiter)
    try:
        records = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter))
    except csv.Error as error:
        rule = f"the file cannot be read as CSV: {error}"
        return ParsedFile(empty_cells(expected), [Problem(name, None, None, None, rule)])

    header = [cell.strip() for cell in records[0]]
    problems += header_problems(header, expected, name)
    if problems:
        return ParsedFile(empty_cells(expected), problems, encoding, delimiter)

    rows: dict[int, list[str | None]] = {}
    for row_number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # Excel leaves blank rows (";;;;") at the end of a sheet; they carry nothing.
        if len(record) != len(header):
            problems.append(Problem(name, row_number, None, delimiter.join(record),
                                    f"this row has {len(record)} cells but the header has {len(header)}; "
                                    "check for a missing or extra delimiter or an unclosed quote"))
            continue
        rows[row_number] = [normalise(cell, kinds.get(column, "text"), delimiter)
                            for cell, column in zip(record, header, strict=True)]
    cells = pd.DataFrame.from_dict(rows, orient="index", columns=header, dtype=object)
    if cells.empty:
        cells = empty_cells(header)
    return ParsedFile(cells[expected], problems, encoding, delimiter)


def may_be_plain(raw: bytes, encoding: str, delimiter: str) -> bool:
    """A big UTF-8 file split by commas, which pyarrow may split as the careful reader would (catalog.bigcsv)."""
    return len(raw) >= BIG_FILE_BYTES and encoding == "utf-8-sig" and delimiter == ","


def plain_columns_of(raw: bytes, dataset: Dataset) -> dict[str, pa.DictionaryArray] | None:
    """A big plain file's columns as pyarrow splits them (catalog.bigcsv.plain_columns), or None for any file that
    read_table would not hand to pyarrow."""
    if len(raw) < BIG_FILE_BYTES or raw.startswith(UTF16_MARKS) or b"\x00" in raw:  # what decode reads otherwise
        return None
    head = utf8_head(raw)  # without its byte-order mark
    if head is None or head.isspace() or not looks_like_text(head) or not head.splitlines()[1:]:
        return None
    return plain_columns(raw, dataset.column_names) if pick_delimiter(
        first_line(head), dataset.column_names) == "," else None


def utf8_head(raw: bytes) -> str | None:
    """The first HEAD_BYTES of a file as UTF-8 text (a character cut at the end is left out), or None if they are
    not. Enough to find the header and to see text rather than binary junk (looks_like_text): decoding a whole big
    file only to look at its first line took longer than pyarrow's read of it, and pyarrow checks that every cell
    is UTF-8 as it reads."""
    try:
        return codecs.getincrementaldecoder("utf-8-sig")().decode(raw[:HEAD_BYTES], final=False)
    except UnicodeDecodeError:
        return None


def first_line(text: str) -> str:
    """The header line, found without splitting a whole file of a million lines."""
    size = 4096
    while True:
        lines = text[:size].lstrip("\ufeff").splitlines()
        if len(lines) > 1 or size >= len(text):
            return lines[0]
        size *= 4


def header_problems(header: list[str], expected: list[str], name: str) -> list[Problem]:
    """Duplicate, unknown and missing columns, each named, with a likely intended name when one is close."""
    problems = []
    seen: set[str] = set()
    for column in header:
        if column in seen:
            problems.append(Problem(name, 1, column, column, "this column appears more than once in the header"))
        seen.add(column)
        if column not in expected:
            close = difflib.get_close_matches(column, expected, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            rule = f"this is not a column of this dataset{hint}; the columns are {', '.join(expected)}"
            problems.append(Problem(name, 1, column or "(blank)", column, rule))
    for column in expected:
        if column not in seen:
            problems.append(Problem(name, 1, column, None, "this required column is missing from the header"))
    return problems


def normalise(cell: str, kind: str, delimiter: str) -> str | None:
    """Trim spaces; turn Excel's ways of writing dates (21.09.2022), decimal commas and TRUE/ИСТИНА into the
    house format. Anything else is left as it is for the schema to judge."""
    value = cell.strip()
    if not value:
        return None
    if kind == "date":
        match = RUSSIAN_EXCEL_DATE.match(value)
        if match:
            day, month, year = match.groups()
            return f"{year}-{int(month):02d}-{int(day):02d}"
    if kind in ("number", "integer") and delimiter != "," and DECIMAL_COMMA.match(value):
        return value.replace(",", ".")
    if kind == "flag":
        return EXCEL_BOOLEANS.get(value.lower(), value)
    return value


def empty_cells(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series(dtype=object) for column in columns})
