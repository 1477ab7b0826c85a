"""Reading big, plain CSV files with pyarrow: the same cells as catalog.csvfile, many times faster.

Python's csv module and a per-cell normalise take seconds on a file of a million rows. Big files are usually plain:
UTF-8, commas, no quotes, one record per line, cells with nothing for `normalise` to change. pyarrow splits those;
only the distinct values `normalise` could change go through it. Anything else (quotes, ragged or blank rows, a header
that is not exactly the dataset's columns) gives None, and the careful reader reads the file and words its problems.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

# Below this size the careful reader is quick enough, and it stays the only one small staff files ever meet.
BIG_FILE_BYTES = 1_000_000
# A cell that starts and ends with a printable ASCII character has nothing for `normalise` to trim or empty.
TRIMMED = r"(?s)^[!-~](.*[!-~])?$"
DISTINCT_TEXTS = pa.dictionary(pa.int32(), pa.string())


def plain_columns(raw: bytes, expected: list[str]) -> dict[str, pa.DictionaryArray] | None:
    """Each column's cells as pyarrow splits them, dictionary-encoded (its distinct texts, and which one each row
    has), or None when the file is not plain. `raw` must already be known to be UTF-8 text with a comma-delimited
    header; empty cells are empty texts."""
    if b'"' in raw or (b"\r" in raw and raw.count(b"\r") != raw.count(b"\r\n")):
        return None
    try:
        table = pacsv.read_csv(
            io.BytesIO(raw),
            read_options=pacsv.ReadOptions(encoding="utf8"),
            parse_options=pacsv.ParseOptions(delimiter=",", quote_char=False, ignore_empty_lines=False),
            # Staff files repeat values (dates, places, directions): each column is read as its distinct texts and
            # which one each row has, so what is done to a value is done once.
            convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(expected, DISTINCT_TEXTS),
                                                 strings_can_be_null=False))
    except (pa.ArrowInvalid, UnicodeDecodeError):
        return None
    if sorted(table.column_names) != sorted(expected) or table.num_rows == 0:
        return None  # a header with spaces, unknown, missing or repeated columns: the careful reader words it
    # Each block pyarrow read has its own list of distinct texts: one list for the whole column.
    table = table.unify_dictionaries()
    return {name: column.combine_chunks() for name, column in zip(table.column_names, table.columns, strict=True)}


def plain_cells(raw: bytes, expected: list[str], kinds: dict[str, str],
                normalise: Callable[[str, str], str | None]) -> pd.DataFrame | None:
    """Text cells indexed by spreadsheet row number, as `read_table` gives them, or None when the file is not plain
    (see plain_columns). `normalise(cell, kind)` is the careful reader's own normalising, applied to every cell it
    could change."""
    encoded_columns = plain_columns(raw, expected)
    if encoded_columns is None:
        return None
    rows = len(next(iter(encoded_columns.values())))
    columns = {}
    blank = np.ones(rows, dtype=bool)
    for name, encoded in encoded_columns.items():
        distinct = encoded.dictionary.to_numpy(zero_copy_only=False)
        kind = kinds.get(name, "text")
        for index in np.flatnonzero(~left_as_is(encoded.dictionary, kind)):
            distinct[index] = normalise(distinct[index], kind)
        indices = encoded.indices.to_numpy()
        columns[name] = distinct[indices]
        blank &= np.equal(distinct, None)[indices]
    if blank.any():
        return None  # a blank row, which the careful reader skips and numbers around
    return pd.DataFrame(columns, index=spreadsheet_rows(rows), dtype=object)[expected]


def spreadsheet_rows(rows: int) -> pd.Index:
    """The row numbers a spreadsheet shows for a file's records: the header is row 1. A range, not a million
    numbers written out: it costs nothing to make, and nothing to keep in the table cache."""
    return pd.RangeIndex(2, rows + 2)


def left_as_is(values: pa.Array, kind: str) -> np.ndarray:
    """True where `normalise` surely returns the cell unchanged; the rest (few, in a plain file) go through it."""
    unchanged = pc.match_substring_regex(values, TRIMMED)
    if kind == "date":
        unchanged = pc.and_(unchanged, pc.invert(pc.match_substring(values, ".")))  # 21.09.2022 is rewritten
    elif kind == "flag":
        unchanged = pc.is_in(values, pa.array(["true", "false"]))  # TRUE, ИСТИНА... are rewritten
    return unchanged.to_numpy(zero_copy_only=False)
