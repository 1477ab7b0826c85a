"""Downloads that are safe to open in a spreadsheet.

A cell that starts with =, +, - or @ is run as a formula by Excel and LibreOffice (CSV injection). Such text cells
get a leading apostrophe, which spreadsheets show as plain text; real numbers (-5, +3.2) are left as they are.
"""

from __future__ import annotations

import re

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def neutralise(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_START) and not PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def safe_csv(table: pd.DataFrame) -> bytes:
    """The rows as UTF-8 CSV with a BOM (so Excel reads non-Latin text correctly), formulas neutralised.

    Dates (the datasets' columns, which carry no time zone) are written YYYY-MM-DD; moments (a column with a time
    zone, such as the changelog's `when`) keep their time of day, written as ISO 8601 as the changelog stores them.
    """
    cleaned = table.copy()
    for column in cleaned.columns:
        if cleaned[column].dtype == object or pd.api.types.is_string_dtype(cleaned[column]):
            cleaned[column] = cleaned[column].map(neutralise)
        elif isinstance(cleaned[column].dtype, pd.DatetimeTZDtype):
            cleaned[column] = cleaned[column].map(lambda moment: moment.isoformat() if pd.notna(moment) else None)
    return cleaned.to_csv(index=False, date_format="%Y-%m-%d").encode("utf-8-sig")
