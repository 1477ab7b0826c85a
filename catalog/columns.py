"""Column kinds shared by every dataset, each turned into a pandera column with rules worded in plain English.

A dataset declares its columns with these constructors (see catalog.datasets); the same declaration produces the
pandera schema that checks a file, the typed table the app uses, and the data dictionary staff read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd
import pandera.pandas as pa

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"


@dataclass(frozen=True)
class ColumnSpec:
    """What one column holds, for the checker, the loader and the data dictionary alike."""

    name: str
    kind: str  # one of KIND_WORDS
    description: str
    required: bool = True
    unique: bool = False
    choices: tuple[str, ...] = ()
    references: str | None = None  # name of the dataset whose key this column must match
    minimum: float | None = None
    maximum: float | None = None
    checks: tuple[pa.Check, ...] = field(default=(), compare=False)

    def rule_summary(self) -> str:
        """The rules in words, for the data dictionary."""
        words = [KIND_WORDS[self.kind]]
        words.append("required" if self.required else "may be empty")
        if self.unique:
            words.append("unique")
        if self.choices:
            words.append("one of: " + ", ".join(f"`{choice}`" for choice in self.choices))
        if self.references:
            words.append(f"must match a key of `{self.references}`")
        if self.minimum is not None:
            words.append(f"at least {self.minimum:g}")
        if self.maximum is not None:
            words.append(f"at most {self.maximum:g}")
        return "; ".join(words)


KIND_WORDS = {
    "text": "text",
    "id": "id (lower-case letters, digits and hyphens)",
    "choice": "a listed value",
    "reference": "a key of another dataset",
    "number": "number (decimal point, no thousands separators)",
    "integer": "whole number",
    "date": "date `YYYY-MM-DD`",
    "flag": "`true` or `false`",
    "url": "web address starting http:// or https://",
    "language": "ISO 639 language code, e.g. `en`, `ru`, `kk`",
    "code": "country code: three upper-case letters (ISO 3166-1 alpha-3)",
}


def text(name: str, description: str, required: bool = True, unique: bool = False) -> ColumnSpec:
    return ColumnSpec(name, "text", description, required, unique)


def identifier(name: str, description: str) -> ColumnSpec:
    return ColumnSpec(name, "id", description, required=True, unique=True)


def country_code(name: str, description: str) -> ColumnSpec:
    return ColumnSpec(name, "code", description, required=True, unique=True)


def language(name: str, description: str) -> ColumnSpec:
    return ColumnSpec(name, "language", description, required=True)


def choice(name: str, description: str, choices: tuple[str, ...], required: bool = True) -> ColumnSpec:
    return ColumnSpec(name, "choice", description, required, choices=choices)


def reference(name: str, description: str, dataset: str, required: bool = True) -> ColumnSpec:
    return ColumnSpec(name, "reference", description, required, references=dataset)


def number(name: str, description: str, required: bool = True, minimum: float | None = None,
           maximum: float | None = None) -> ColumnSpec:
    return ColumnSpec(name, "number", description, required, minimum=minimum, maximum=maximum)


def integer(name: str, description: str, required: bool = True, minimum: float | None = None) -> ColumnSpec:
    return ColumnSpec(name, "integer", description, required, minimum=minimum)


def date(name: str, description: str, required: bool = True) -> ColumnSpec:
    return ColumnSpec(name, "date", description, required)


def flag(name: str, description: str) -> ColumnSpec:
    return ColumnSpec(name, "flag", description, required=True)


def url(name: str, description: str, required: bool = True) -> ColumnSpec:
    return ColumnSpec(name, "url", description, required)


def is_real_date(value: str) -> bool:
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)) and _parses_as_date(value)


def real_dates(cells: pd.Series) -> pd.Series:
    """is_real_date of every cell, worked out once per distinct value: a million daily rows hold a few thousand
    dates, and one Python call per row took seconds."""
    return cells.isin([value for value in cells.dropna().unique() if is_real_date(value)])


def _parses_as_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def pandera_column(spec: ColumnSpec, keys: dict[str, set[str]]) -> pa.Column:
    """The pandera column for a spec; `keys` holds the known keys of referenced datasets (source ids, ...)."""
    checks = list(spec.checks)
    dtype: object = object
    coerce = False
    if spec.kind == "id":
        checks.append(pa.Check.str_matches(ID_PATTERN, error="an id uses only lower-case letters, digits and "
                                                              "hyphens, and starts with a letter or digit"))
    elif spec.kind == "code":
        checks.append(pa.Check.str_matches(r"^[A-Z]{3}$", error="a country code is three upper-case letters "
                                                                "(ISO 3166-1 alpha-3), e.g. KAZ"))
    elif spec.kind == "language":
        checks.append(pa.Check.str_matches(r"^[a-z]{2,3}$", error="a language is a two- or three-letter ISO 639 "
                                                                  "code in lower case, e.g. en, ru, kk"))
    elif spec.kind == "choice":
        checks.append(pa.Check.isin(spec.choices, error="must be one of: " + ", ".join(spec.choices)))
    elif spec.kind == "reference" and spec.references in keys:
        # A referenced file that could not be read reports its own problem; no cascade of errors here.
        checks.append(pa.Check.isin(sorted(keys[spec.references]),
                                    error=f"must match a key listed in {spec.references}.csv"))
    elif spec.kind in ("number", "integer"):
        dtype, coerce = ("float64" if spec.kind == "number" else "Int64"), True
        if spec.minimum is not None:
            checks.append(pa.Check.ge(spec.minimum, error=f"must be at least {spec.minimum:g}"))
        if spec.maximum is not None:
            checks.append(pa.Check.le(spec.maximum, error=f"must be at most {spec.maximum:g}"))
    elif spec.kind == "date":
        checks.append(pa.Check(real_dates,
                               error="must be a real calendar date written YYYY-MM-DD (for example 2022-09-21)"))
    elif spec.kind == "flag":
        checks.append(pa.Check.isin(["true", "false"], error="must be true or false"))
    elif spec.kind == "url":
        checks.append(pa.Check.str_matches(r"^https?://\S+$", error="must be a web address starting http:// or "
                                                                     "https:// with no spaces"))
    return pa.Column(dtype, checks=checks, nullable=not spec.required, unique=spec.unique, coerce=coerce,
                     required=True, description=spec.description, title=spec.name)


def typed(cells: pd.DataFrame, specs: list[ColumnSpec]) -> pd.DataFrame:
    """Valid text cells to the types the charts want: dates, numbers, booleans, and str elsewhere."""
    table = pd.DataFrame(index=cells.index)
    for spec in specs:
        column = cells[spec.name]
        if spec.kind == "date":
            table[spec.name] = pd.to_datetime(column, format="%Y-%m-%d")
        elif spec.kind == "number":
            table[spec.name] = pd.to_numeric(column).astype("float64")
        elif spec.kind == "integer":
            table[spec.name] = pd.to_numeric(column).astype("Int64")
        elif spec.kind == "flag":
            table[spec.name] = column.str.lower().eq("true")
        else:
            table[spec.name] = column.astype("str").where(column.notna(), None)
    return table
