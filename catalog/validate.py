"""Checking a parsed file against its dataset's schema, with every failure turned into a plain-words Problem."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from catalog.columns import pandera_column, typed
from catalog.datasets import Dataset
from catalog.problems import Problem


def schema_for(dataset: Dataset, keys: dict[str, set[str]]) -> pa.DataFrameSchema:
    """The pandera schema of a dataset, given the known keys of the datasets it refers to."""
    return pa.DataFrameSchema({spec.name: pandera_column(spec, keys) for spec in dataset.columns},
                              strict=True, name=dataset.name, description=dataset.description)


def validate(cells: pd.DataFrame, dataset: Dataset, keys: dict[str, set[str]],
             filename: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Check every cell and every row rule; return the typed table (rows that passed) and all problems."""
    problems = cell_problems(cells, dataset, keys, filename)
    bad_rows = {problem.row for problem in problems}
    table = typed(cells.drop(index=[row for row in bad_rows if row in cells.index]), list(dataset.columns))
    for rule in dataset.row_rules:
        broken = table.index[~rule.holds(table).fillna(True).astype(bool)]
        for row in broken:
            values = ", ".join(f"{column}={cells.at[row, column]}" for column in rule.columns)
            problems.append(Problem(filename, int(row), "/".join(rule.columns), values, rule.description))
    return table, problems


def cell_problems(cells: pd.DataFrame, dataset: Dataset, keys: dict[str, set[str]], filename: str) -> list[Problem]:
    try:
        schema_for(dataset, keys).validate(cells, lazy=True)
    except pa.errors.SchemaErrors as errors:
        return failures_to_problems(errors.failure_cases, cells, filename)
    return []


def failures_to_problems(failures: pd.DataFrame, cells: pd.DataFrame, filename: str) -> list[Problem]:
    """pandera's failure table in plain words; one problem per cell, duplicates and knock-on errors dropped."""
    uncoercible = set(failures.loc[failures["check"].str.startswith("coerce_dtype"), "column"])
    problems: set[Problem] = set()
    for failure in failures.itertuples():
        check, column, index = str(failure.check), failure.column, failure.index
        if check.startswith("dtype(") or (pd.isna(index) and column in uncoercible):
            continue  # the coercion failure already says it; later checks on that column ran on raw text
        row = None if pd.isna(index) else int(index)
        value = None if row is None else cells.at[row, column]
        problems.add(Problem(filename, row, column, value, plain_rule(check, column, value, cells)))
    return list(problems)


def plain_rule(check: str, column: str, value: object, cells: pd.DataFrame) -> str:
    if check == "coerce_dtype('Int64')":
        return "must be a whole number (digits only, no spaces, units or thousands separators)"
    if check.startswith("coerce_dtype"):
        return "must be a number (digits and a decimal point only, no spaces, units, % or thousands separators)"
    if check == "not_nullable":
        return "must not be empty"
    if check == "field_uniqueness":
        rows = cells.index[cells[column] == value].tolist()
        return "must be unique, but this value appears on rows " + ", ".join(str(row) for row in rows)
    return check
