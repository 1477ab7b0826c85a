"""A big table whose every cell passes, checked and typed once per distinct value instead of once per cell.

A million rows of daily counts hold a few thousand dates, a few dozen places and some thousands of counts: pandera
and the typing of catalog.columns take seconds over a million text cells, milliseconds over the distinct values.
Every rule of a cell is about that cell alone, so a column passes when each of its distinct values does (uniqueness
aside, which is a count). A file this cannot vouch for gives None and is checked the careful way, which words its
problems exactly as staff know them: a cell that normalise would change or that is empty, a value that fails, or a
dataset with rules across cells or rows (see catalog.validate.only_cell_rules).
"""

from __future__ import annotations

import pandas as pd

from catalog.bigcsv import left_as_is, spreadsheet_rows
from catalog.columns import ColumnSpec, pandera_column, typed
from catalog.csvfile import plain_columns_of
from catalog.datasets import Dataset
from catalog.validate import only_cell_rules


def quickly_checked(raw: bytes, dataset: Dataset,
                    keys: dict[str, frozenset[str]]) -> tuple[pd.DataFrame, frozenset[str]] | None:
    """The typed table of a big plain file whose every cell passes, and its own keys; or None (check it in full)."""
    if not only_cell_rules(dataset):
        return None
    columns = plain_columns_of(raw, dataset)
    if columns is None:
        return None
    rows = len(columns[dataset.key])
    table = {}
    for spec in dataset.columns:
        encoded = columns[spec.name]
        if not left_as_is(encoded.dictionary, spec.kind).all():
            return None  # an empty cell, or one written the way Excel writes it: the careful reader normalises it
        if spec.unique and len(encoded.dictionary) != rows:
            return None
        distinct = pd.Series(encoded.dictionary.to_numpy(zero_copy_only=False), dtype=object, name=spec.name)
        if not passes(distinct, spec, keys):
            return None
        table[spec.name] = typed(distinct.to_frame(), [spec])[spec.name].array.take(encoded.indices.to_numpy())
    own_keys = frozenset(columns[dataset.key].dictionary.to_pylist())
    return pd.DataFrame(table, index=spreadsheet_rows(rows)), own_keys


def passes(distinct: pd.Series, spec: ColumnSpec, keys: dict[str, frozenset[str]]) -> bool:
    """Whether every one of a column's distinct values passes the column's own rules, as the full check has them."""
    import pandera.pandas as pa
    from pandera.errors import SchemaError, SchemaErrors

    try:
        pa.DataFrameSchema({spec.name: pandera_column(spec, keys)}).validate(distinct.to_frame())
    except (SchemaError, SchemaErrors):
        return False
    return True
