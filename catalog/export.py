"""Downloads that are safe to open in a spreadsheet.

A cell that starts with =, +, - or @ is run as a formula by Excel and LibreOffice (CSV injection). Such text cells
get a leading apostrophe, which spreadsheets show as plain text; real numbers (-5, +3.2) are left as they are.
Dates are written as the data files write them, at their precision (`dates_as_written`), in downloads and grids alike.
"""

from __future__ import annotations

import re

import pandas as pd

from catalog.datasets import DATASETS

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def neutralise(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_START) and not PLAIN_NUMBER.match(value):
        return "'" + value
    return value


# Each date column that has a precision column, by name: the same in every dataset that has it.
PRECISION_OF = {spec.name: spec.precision for dataset in DATASETS.values() for spec in dataset.columns
                if spec.kind == "date" and spec.precision}
WRITTEN_AT = {"month": "%Y-%m", "year": "%Y"}


def dates_as_written(table: pd.DataFrame) -> pd.DataFrame:
    """The table with each date as text, as the data files write it: 2022-09-21, or 2022-09 and 2022 where its
    precision column says month or year. A typed month is its first day (or for an end, its last), which a grid
    would show as "2022-09-01 00:00:00": a precision the source never gave. Moments (with a time zone) are left."""
    dates = [column for column in table.columns if pd.api.types.is_datetime64_dtype(table[column])
             and not isinstance(table[column].dtype, pd.DatetimeTZDtype)]
    if not dates:
        return table
    written = table.copy()
    for column in dates:
        text = table[column].dt.strftime("%Y-%m-%d")
        precision = table.get(PRECISION_OF.get(column, ""))
        if precision is not None:
            for level, form in WRITTEN_AT.items():
                text = text.mask(precision.eq(level), table[column].dt.strftime(form))
        written[column] = text.astype(object).where(table[column].notna(), None)
    return written


def safe_csv(table: pd.DataFrame) -> bytes:
    """The rows as UTF-8 CSV with a BOM (so Excel reads non-Latin text correctly), formulas neutralised.

    Dates (the datasets' columns, which carry no time zone) are written as the data files write them, at their
    precision; moments (a column with a time zone, such as the changelog's `when`) keep their time of day, written
    as ISO 8601 as the changelog stores them.
    """
    cleaned = dates_as_written(table).copy()
    for column in cleaned.columns:
        if cleaned[column].dtype == object or pd.api.types.is_string_dtype(cleaned[column]):
            cleaned[column] = cleaned[column].map(neutralise)
        elif isinstance(cleaned[column].dtype, pd.DatetimeTZDtype):
            cleaned[column] = cleaned[column].map(lambda moment: moment.isoformat() if pd.notna(moment) else None)
    return cleaned.to_csv(index=False).encode("utf-8-sig")
