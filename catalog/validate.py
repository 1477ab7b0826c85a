"""Checking a parsed file against its dataset's schema, with every failure turned into a plain-words Problem."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from catalog.columns import PRECISION_FORMS, WORDED_WITH_VALUES, pandera_column, typed, written_precision
from catalog.datasets import Dataset
from catalog.problems import SHOWN_PER_RULE, Problem, Rule, capped, unlisted
from catalog.statements import NUMBER, normalised, numbers_in, qualifier_in, states, written_numbers
from i18n import N_

if TYPE_CHECKING:
    import pandera.pandas as pa


def schema_for(dataset: Dataset, keys: dict[str, set[str]]) -> pa.DataFrameSchema:
    """The pandera schema of a dataset, given the known keys of the datasets it refers to."""
    import pandera.pandas as pa  # when a file is checked: a server whose files all come from the cache never is
    return pa.DataFrameSchema({spec.name: pandera_column(spec, keys) for spec in dataset.columns},
                              strict=True, name=dataset.name, description=dataset.description)


def validate(cells: pd.DataFrame, dataset: Dataset, keys: dict[str, set[str]],
             filename: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Check every cell and every row rule; return the typed table (rows that passed) and its problems, at most
    SHOWN_PER_RULE for each column and rule (the rest counted)."""
    problems, bad_rows = cell_problems(cells, dataset, keys, filename)
    table = typed(cells.drop(index=list(bad_rows)), list(dataset.columns))
    passed = table.index
    for rule in dataset.row_rules:
        broken = table.index[~rule.holds(table).fillna(True).astype(bool)]
        passed = passed.difference(broken)
        for row in broken[:SHOWN_PER_RULE]:
            values = ", ".join(f"{column}={cells.at[row, column]}" for column in rule.columns)
            problems.append(Problem(filename, int(row), "/".join(rule.columns), values, rule.description))
        if len(broken) > SHOWN_PER_RULE:
            problems.append(unlisted(filename, int(broken[SHOWN_PER_RULE]), "/".join(rule.columns),
                                     len(broken) - SHOWN_PER_RULE, rule.description))
    # What a row says must be what its source says, and that it has its sentence: checked on the rows that
    # passed every other rule.
    problems += statement_problems(cells.loc[passed], cells, dataset, filename)
    problems += coverage_problems(cells.loc[passed], dataset, keys, filename)
    return table, capped(problems)


def coverage_problems(cells: pd.DataFrame, dataset: Dataset, keys: dict[str, set[str]],
                      filename: str) -> list[Problem]:
    """A dataset whose sentences are kept in another (each event's in `event_quotes`) names each of its rows that
    has no sentence there, so an event cannot be published before its source's words are."""
    quotes = dataset.quoted_in
    if quotes is None or quotes not in keys:  # a quotes file that cannot be read reports its own problem
        return []
    unquoted = cells[dataset.key].notna() & ~cells[dataset.key].isin(keys[quotes])
    return [Problem(filename, int(row), dataset.key, key,
                    Rule(N_("this row has no sentence in {file}: add the source's own sentence there, under the same "
                            "{key}, and publish that file first"), file=f"{quotes}.csv", key=dataset.key))
            for row, key in cells.loc[unquoted, dataset.key].items()]


def only_cell_rules(dataset: Dataset) -> bool:
    """Whether every rule of the dataset is about one cell: no rule across columns or rows, no quote to state a
    figure in, no date with its precision beside it, no row of this file or another to point to. Such a file passes
    when each of its cells does (catalog.quickcheck)."""
    names = set(dataset.column_names)
    return not (dataset.row_rules or dataset.quoted_in or dataset.translates or "quote" in names
                or any(spec.precision or spec.in_quote or spec.numbers_in_quote or spec.kind == "pointer"
                       for spec in dataset.columns))


def statement_problems(rows: pd.DataFrame, cells: pd.DataFrame, dataset: Dataset, filename: str) -> list[Problem]:
    """Dates written at their stated precision; figures, qualifiers and a summary's numbers in the row's quote;
    duplicates and parts that point at rows of the same file (`cells`, every row of it)."""
    problems = []
    names = set(dataset.column_names)
    keys = set(cells[dataset.key].dropna())
    for spec in dataset.columns:
        if spec.kind == "date" and spec.precision:
            problems += precision_problems(rows, spec.name, spec.precision, filename)
        if spec.in_quote and "quote" in names:
            problems += unquoted_figures(rows, spec, filename)
        if spec.numbers_in_quote and "quote" in names:
            problems += unquoted_numbers(rows, spec.name, filename)
    if {"qualifier", "quote"} <= names:
        for row, qualifier, said in zip(rows.index, rows["qualifier"], rows["quote"], strict=True):
            if qualifier is not None and said is not None and not qualifier_in(said, qualifier):
                problems.append(Problem(filename, int(row), "qualifier", qualifier,
                                        Rule(N_("a qualifier is the source's own word, as it appears in quote "
                                                "(about, более, quasi...); this one is not in the row's quote"))))
    for column in ("same_as", "part_of"):
        if column in names:
            problems += pointer_problems(rows, cells, column, dataset.key, keys, filename)
    for column, precision in ((spec.name, spec.precision) for spec in dataset.columns if spec.precision):
        for row, written, stated in zip(rows.index, rows[column], rows[precision], strict=True):
            if written is not None and stated is None and written_precision(written) != "day":
                problems.append(Problem(filename, int(row), precision, None,
                                        Rule(N_("{column} is written as a {written}, so {precision} must say "
                                                "{written}"), column=column, precision=precision,
                                             written=written_precision(written))))
    return problems


def precision_problems(rows: pd.DataFrame, column: str, precision: str, filename: str) -> list[Problem]:
    problems = []
    for row, written, stated in zip(rows.index, rows[column], rows[precision], strict=True):
        if written is None or stated is None or written_precision(written) == stated:
            continue
        form, example, _ = PRECISION_FORMS[stated]
        problems.append(Problem(filename, int(row), column, written,
                                Rule(N_("{precision} is {stated}, so the date is written {form} (for example "
                                        "{example}); a {stated}-precise date written as a {written} reads as more "
                                        "(or less) than the source says"), precision=precision, stated=stated,
                                     form=form, example=example, written=written_precision(written))))
    return problems


def unquoted_figures(rows: pd.DataFrame, spec, filename: str) -> list[Problem]:
    problems = []
    values = pd.to_numeric(rows[spec.name], errors="coerce")
    for row, cell, value, said in zip(rows.index, rows[spec.name], values, rows["quote"], strict=True):
        # a cell that is not a valid figure is its column's problem, reported (or held back) by the cell checks
        if cell is None or said is None or pd.isna(value) or value == spec.quoted_unless \
                or (spec.minimum is not None and value < spec.minimum):
            continue
        if not states(said, float(value)):
            problems.append(Problem(filename, int(row), spec.name, cell,
                                    Rule(N_("this figure is not in the row's quote: the quote must be the source's "
                                            "own sentence that states it (200,000, 200 000, 200 thousand and 0.2 "
                                            "million all count)"))))
    return problems


def unquoted_numbers(rows: pd.DataFrame, column: str, filename: str) -> list[Problem]:
    problems = []
    for row, sentence, said in zip(rows.index, rows[column], rows["quote"], strict=True):
        if sentence is None or said is None:
            continue
        stated = numbers_in(said)
        missing = [number for number in written_numbers(sentence)
                   if not number_readings(sentence, number) & stated]
        if missing:
            problems.append(Problem(filename, int(row), column, sentence,
                                    Rule(N_("{numbers} is not in the row's quote: every number the sentence gives "
                                            "must be the source's") if len(missing) == 1 else
                                         N_("{numbers} are not in the row's quote: every number the sentence gives "
                                            "must be the source's"), numbers=", ".join(missing))))
    return problems


def number_readings(sentence: str, number: str) -> frozenset[float]:
    """What a number written in our sentence can mean, with the scale word after it ('2.9 million')."""
    text = normalised(sentence)
    found: frozenset[float] = frozenset()
    for match in NUMBER.finditer(text):
        if match.group().rstrip(".,") == number:
            found |= numbers_in(text[match.start():match.end() + 12])
    return found


def significant_digits(value: Decimal) -> int:
    return len(value.normalize().as_tuple().digits)


def same_figure(one: object, other: object) -> bool:
    """Two reports of one figure: equal, or one is the other rounded to two or more significant digits ($2.21
    billion for $2.211 billion)."""
    if one == other or pd.isna(one) or pd.isna(other):
        return one == other
    rough, fine = sorted((Decimal(str(one)), Decimal(str(other))), key=significant_digits)
    digits = significant_digits(rough)
    rounded = 2 <= digits < significant_digits(fine)
    return rounded and rough == Decimal(format(fine, f".{digits}g"))


def pointer_problems(rows: pd.DataFrame, cells: pd.DataFrame, column: str, key: str, keys: set[str],
                     filename: str) -> list[Problem]:
    """`same_as` names the row charts draw for the same figure (itself drawn, with the same value); `part_of` the
    total a row is part of. Both name another row of this file."""
    problems = []
    pointed = cells.set_index(key, drop=False)
    for row, own, target in zip(rows.index, rows[key], rows[column], strict=True):
        if target is None:
            continue
        if target == own or target not in keys:
            problems.append(Problem(filename, int(row), column, target,
                                    Rule(N_("must name another row of this file by its {key}"), key=key)))
        elif column == "same_as" and pointed.at[target, "same_as"] is not None:
            problems.append(Problem(filename, int(row), column, target,
                                    Rule(N_("must name the row charts draw, which itself has no same_as"))))
        elif column == "same_as" and "value" in cells and not same_figure(cells.at[row, "value"],
                                                                            pointed.at[target, "value"]):
            problems.append(Problem(filename, int(row), column, target,
                                    Rule(N_("a duplicate states the same figure: its value must equal the value of "
                                            "the row it names (or that value rounded as this source rounds it)"))))
    return problems


CHUNK_ROWS = 50_000  # rows checked at once: pandera's table of one chunk's failures is what a check holds


@dataclass
class CellFailures:
    """pandera's failures, cut down as they are found: the first rows for each check and column (and failures of a
    column as a whole, row NaN), how many rows each check and column failed, and every row that failed."""

    listed: pd.DataFrame  # check, column, index
    counts: pd.Series  # by check and column
    rows: np.ndarray

    @classmethod
    def of(cls, failures: pd.DataFrame) -> CellFailures:
        """From pandera's failure table: knock-on errors and repeats dropped, SHOWN_PER_RULE + 1 rows kept per rule."""
        checks = failures["check"].astype(str)
        rows = pd.to_numeric(failures["index"], errors="coerce")
        uncoercible = set(failures.loc[checks.str.startswith("coerce_dtype"), "column"])
        knock_on = checks.str.startswith("dtype(") | (rows.isna() & failures["column"].isin(uncoercible))
        found = pd.DataFrame({"check": checks, "column": failures["column"], "index": rows})
        found = found.loc[~knock_on].drop_duplicates()
        whole, in_cells = found.loc[found["index"].isna()], found.dropna(subset=["index"]).sort_values("index")
        by_rule = in_cells.groupby(["check", "column"], sort=False)
        return cls(pd.concat([whole, by_rule.head(SHOWN_PER_RULE + 1)]), by_rule.size(),
                   in_cells["index"].to_numpy(dtype=np.int64))

    @classmethod
    def joined(cls, parts: list[CellFailures]) -> CellFailures:
        listed = pd.concat([part.listed for part in parts], ignore_index=True)
        counts = pd.concat([part.counts for part in parts])
        return cls(listed, counts.groupby(level=[0, 1], sort=False).sum(),
                   np.concatenate([part.rows for part in parts]))


NO_FAILURES = pd.DataFrame({"check": pd.Series(dtype=str), "column": pd.Series(dtype=str),
                            "index": pd.Series(dtype=float)})


def cell_problems(cells: pd.DataFrame, dataset: Dataset, keys: dict[str, set[str]],
                  filename: str) -> tuple[list[Problem], set[int]]:
    """The problems of single cells, and every row that has one (listed or not). A big file is checked a chunk at a
    time and its uniqueness over the whole of it, so that a million bad cells cost megabytes, not gigabytes."""
    from pandera.errors import SchemaError, SchemaErrors

    schema = schema_for(dataset, keys)
    try:  # a file that passes, as most do, in one go; one that fails, again to find all its failures
        schema.validate(cells)
        return [], set()
    except (SchemaError, SchemaErrors):  # coercion fails with the plural even when not lazy
        pass
    chunked = len(cells) > CHUNK_ROWS
    parts = []
    for start in range(0, max(len(cells), 1), CHUNK_ROWS):
        failures = failures_in(schema, cells.iloc[start:start + CHUNK_ROWS])
        if chunked:  # a value repeated in two chunks is found by duplicates() below
            failures = failures.loc[failures["check"].astype(str) != "field_uniqueness"]
        parts.append(CellFailures.of(failures))
    if chunked:
        parts += [CellFailures.of(duplicates(cells, spec.name)) for spec in dataset.columns if spec.unique]
    found = CellFailures.joined(parts)
    return failures_to_problems(found, cells, filename), set(found.rows.tolist())


def failures_in(schema: pa.DataFrameSchema, cells: pd.DataFrame) -> pd.DataFrame:
    from pandera.errors import SchemaErrors

    try:
        schema.validate(cells, lazy=True)
    except SchemaErrors as errors:
        return errors.failure_cases
    return NO_FAILURES


def duplicates(cells: pd.DataFrame, column: str) -> pd.DataFrame:
    """Every row whose value in a unique column appears on another row, as pandera reports it in one chunk."""
    rows = cells.index[cells[column].notna() & cells[column].duplicated(keep=False)]
    return pd.DataFrame({"check": "field_uniqueness", "column": column, "index": rows.astype(float)})


def failures_to_problems(found: CellFailures, cells: pd.DataFrame, filename: str) -> list[Problem]:
    """pandera's failures in plain words: one problem per cell, at most SHOWN_PER_RULE for each check and column,
    the rest counted in one line."""
    problems: list[Problem] = []
    for (check, column), listed in found.listed.groupby(["check", "column"], sort=False):
        if listed["index"].isna().any():  # the column as a whole
            problems.append(Problem(filename, None, column, None, plain_rule(check, column, None, cells)))
        rows = sorted(int(index) for index in listed["index"].dropna())
        for row in rows[:SHOWN_PER_RULE]:
            value = cells.at[row, column]
            problems.append(Problem(filename, row, column, value, plain_rule(check, column, value, cells)))
        if len(rows) > SHOWN_PER_RULE:
            problems.append(unlisted(filename, rows[SHOWN_PER_RULE], column,
                                     int(found.counts[(check, column)]) - SHOWN_PER_RULE,
                                     plain_rule(check, column, None, cells)))
    return problems


SHOWN_ROWS = 20  # rows named in one message


def plain_rule(check: str, column: str, value: object, cells: pd.DataFrame) -> str:
    if check == "coerce_dtype('Int64')":
        return Rule(N_("must be a whole number (digits only, no spaces, units or thousands separators)"))
    if check.startswith("coerce_dtype"):
        # the sign as a part: a message with "% o" in it would read to gettext as a printf format
        return Rule(N_("must be a number (digits and a decimal point only, no spaces, units, {sign} or thousands "
                       "separators)"), sign="%")
    if check == "not_nullable":
        return Rule(N_("must not be empty"))
    if check == "field_uniqueness" and value is None:
        return Rule(N_("must be unique"))
    if check == "field_uniqueness":
        rows = cells.index[cells[column] == value].tolist()
        listed = ", ".join(str(row) for row in rows[:SHOWN_ROWS])
        if len(rows) > SHOWN_ROWS:
            return Rule(N_("must be unique, but this value appears on rows {rows} and {more} more"), rows=listed,
                        more=len(rows) - SHOWN_ROWS)
        return Rule(N_("must be unique, but this value appears on rows {rows}"), rows=listed)
    for message, pattern in VALUED_CHECKS:
        if found := pattern.fullmatch(check):
            return Rule(message, **found.groupdict())
    return check


# Each check worded with the file's values, as a pattern that reads those values back out of its words.
VALUED_CHECKS = [(message, re.compile(re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>.*)", re.escape(message)), re.S))
                 for message in WORDED_WITH_VALUES]
