"""The data's own text in other languages: checking `translations` against the datasets it translates, and handing
pages, charts and the edition tables whose reader-facing text speaks a language.

A translation names its cell by language, dataset, row (the row's key there) and column. The check finds
translations of rows that are gone, translations of empty cells, two translations of one cell, figures a translation
states that its English does not, and every cell readers see that has no translation in a language the site speaks.
Quotes, titles and publishers are never translated: only the columns a dataset marks `translated` are.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Mapping

import pandas as pd

from catalog.datasets import DATASETS, TRANSLATED, TRANSLATION_LANGUAGES, TRANSLATIONS, Dataset
from catalog.problems import SHOWN_PER_RULE, Problem, capped
from catalog.statements import AFTER, NUMBER, normalised, numbers_in, scale_of, written_numbers
from i18n import ENGLISH, in_english

CELL = ("language", "dataset", "row_id", "column")
CELL_COLUMNS = "/".join(CELL)
MISSING = ("every text a reader sees needs its translation in each language the site speaks; this cell has none "
           "here: add a row for it")


def cell_value(language: object, dataset: object, row_id: object, column: object) -> str:
    """A translated cell named as its columns are: language/dataset/row_id/column."""
    return f"{language}/{dataset}/{row_id}/{column}"


def translation_problems(cells: pd.DataFrame, dataset: Dataset, translated: Mapping[str, pd.DataFrame | None],
                         filename: str) -> list[Problem]:
    """The problems of a translations file (`cells`, its text cells by spreadsheet row) given the cells of each
    dataset it translates (None when that file cannot be read: it reports its own problem, and its translations
    are not judged)."""
    if not dataset.translates or not set(CELL) <= set(cells.columns):
        return []
    problems: list[Problem] = []
    seen: dict[tuple, list[int]] = {}
    rows_of: dict[str, dict[str, object]] = {}
    made_from = cells["english"] if "english" in cells else pd.Series(None, index=cells.index, dtype=object)
    for row, language, name, row_id, column, words, was in zip(
            cells.index, cells["language"], cells["dataset"], cells["row_id"], cells["column"], cells["text"],
            made_from, strict=True):
        if None in (language, name, row_id, column) or any(pd.isna(value) for value in (language, name, row_id,
                                                                                       column)):
            continue  # an empty cell is its column's problem
        seen.setdefault((language, name, row_id, column), []).append(int(row))
        english = translated.get(name)
        if english is None or column not in TRANSLATED.get(name, ()):
            continue  # an unknown dataset or column is reported by its column's rule
        key = DATASETS[name].key
        if name not in rows_of:  # the rows translations name, by key, looked up once per dataset
            named = english.loc[english[key].isin(cells.loc[cells["dataset"] == name, "row_id"])]
            rows_of[name] = dict(zip(reversed(named[key].tolist()), reversed(named.index.tolist()), strict=True))
        found = rows_of[name].get(row_id)
        if found is None:
            problems.append(Problem(filename, int(row), "row_id", row_id,
                                    f"must match the {key} of a row of {name}.csv: the row this translates is not "
                                    "there (removed, or its id changed), so the translation is left over"))
            continue
        original = english.at[found, column]
        if original is None or pd.isna(original):
            problems.append(Problem(filename, int(row), "column", column,
                                    f"this row's {column} is empty in {name}.csv: there is nothing to translate"))
        elif isinstance(was, str) and was != original:
            problems.append(Problem(filename, int(row), "english", was,
                                    f"the English text ({name}.csv, {column}) has been edited since this was "
                                    f"translated; it now reads “{original}”: bring the translation up to date and "
                                    "copy the new English here"))
        elif isinstance(words, str):
            extra = unstated(words, original)
            if extra:
                problems.append(Problem(filename, int(row), "text", words,
                                        f"{', '.join(extra)} {'is' if len(extra) == 1 else 'are'} not in the English "
                                        f"text ({name}.csv, {column}): a translation states only the numbers its "
                                        "English states"))
    for (language, name, row_id, column), rows in seen.items():
        for row in rows[1:]:
            problems.append(Problem(filename, row, CELL_COLUMNS, cell_value(language, name, row_id, column),
                                    "one translation per language, dataset, row and column: this cell is "
                                    f"translated on row {rows[0]} already"))
    problems += missing_translations(seen, translated, filename)
    return capped(problems)


def unstated(translation: str, english: str) -> list[str]:
    """The figures a translation writes that its English text does not state. A figure is read as written (a
    translation writes 200 000 and 15,35, or the English way), not in every way a source's sentence may be: each of
    the groups of 200 000 is not a figure of its own here."""
    stated = numbers_in(english)
    text = normalised(translation)
    missing = []
    for number in written_numbers(translation):
        values = set()
        for match in NUMBER.finditer(text):
            if match.group().rstrip(".,") != number:
                continue
            after = AFTER.match(text, match.end())
            scale = (scale_of(after.group(1)) if after else None) or 1
            digits = re.sub(r"[ ']", "", number)
            for reading in (digits.replace(",", "."), digits.replace(",", "")):
                try:
                    values |= {float(reading), float(reading) * scale}
                except ValueError:
                    continue
        if not values & stated:
            missing.append(number)
    return missing


def missing_translations(seen: Mapping[tuple, list[int]], translated: Mapping[str, pd.DataFrame | None],
                         filename: str) -> list[Problem]:
    """Every non-empty translated cell with no translation in a language, the first SHOWN_PER_RULE named and the
    rest counted (a million-row dataset costs a few boolean columns, not a million problems)."""
    problems: list[Problem] = []
    unnamed, first_unnamed = 0, None
    for language in TRANSLATION_LANGUAGES:
        for name, columns in TRANSLATED.items():
            english = translated.get(name)
            key = DATASETS[name].key
            if english is None or key not in english:
                continue
            for column in (column for column in columns if column in english):
                done = {row_id for (lang, dataset, row_id, col) in seen
                        if (lang, dataset, col) == (language, name, column)}
                lacking = english[key][english[column].notna() & english[key].notna() & ~english[key].isin(done)]
                room = max(SHOWN_PER_RULE - len(problems), 0)
                problems += [Problem(filename, None, CELL_COLUMNS, cell_value(language, name, row_id, column),
                                     MISSING) for row_id in lacking.iloc[:room]]
                if len(lacking) > room:
                    unnamed += len(lacking) - room
                    first_unnamed = first_unnamed or cell_value(language, name, lacking.iloc[room], column)
    if unnamed:
        problems.append(Problem(filename, None, CELL_COLUMNS, first_unnamed,
                                f"this cell and {unnamed - 1:,} more after it break the same rule (not listed one by "
                                f"one): {MISSING}"))
    return problems


def cells_of(checked) -> pd.DataFrame | None:
    """A checked file's text cells for the translations check: as read when it is kept (a small file), else its
    typed table; None when it cannot be read."""
    if checked.keys is None:
        return None
    if checked.parsed is not None and checked.parsed.readable:
        return checked.parsed.cells
    return checked.table


# --- The tables in a language -----------------------------------------------------------------------------------

_remembered: OrderedDict[tuple, tuple[tuple, dict[str, pd.DataFrame]]] = OrderedDict()
_remembered_lock = threading.Lock()
REMEMBERED = 16  # sets of tables kept translated: a few data versions in each language


def translated(tables: Mapping[str, pd.DataFrame], language: str) -> dict[str, pd.DataFrame]:
    """The tables with the text readers see in `language`: a copy of each table that has translated columns, each
    cell of them replaced by its translation (a cell with none keeps its English). Quotes, titles, publishers, ids
    and figures are untouched. English, or a language the data is not translated into, gives the tables
    themselves (no copy). Each table given a translation keeps its English beside it, under `in_english(name)`.

    The translations are `tables["translations"]`, or, when the tables do not hold them (a snapshot leaves out a
    dataset that fails its check), the published catalog's rows of it that passed their checks. The result is kept
    for as long as the same tables are asked for again (once per data version and language): do not write to it.
    """
    if language == ENGLISH or language not in TRANSLATION_LANGUAGES:
        return dict(tables)
    translations = tables.get(TRANSLATIONS.name)
    if translations is None:
        from catalog.store import load_catalog  # the store checks translations with this module

        translations = load_catalog().states[TRANSLATIONS.name].table
    held = (translations, *(tables[name] for name in TRANSLATED if name in tables))
    memo_key = (language, tuple(id(table) for table in held), tuple(name for name in TRANSLATED if name in tables))
    with _remembered_lock:
        found = _remembered.get(memo_key)
        if found is not None and all(one is other for one, other in zip(found[0], held, strict=True)):
            _remembered.move_to_end(memo_key)
            return dict(found[1])
    result = dict(tables)
    by_cell = texts_by_cell(translations, language)
    for name, columns in by_cell.items():
        table = tables.get(name)
        key = DATASETS[name].key
        if not isinstance(table, pd.DataFrame) or key not in table:
            continue
        speaking = table.copy(deep=False)  # copy-on-write: only the columns replaced below are new
        for column, texts in columns.items():
            if column in speaking:
                speaking[column] = speaking[key].map(texts).where(speaking[key].isin(texts.keys()),
                                                                   speaking[column])
        result[name] = speaking
        result[in_english(name)] = table
    with _remembered_lock:
        _remembered[memo_key] = (held, result)  # holding the tables keeps their ids from being reused
        while len(_remembered) > REMEMBERED:
            _remembered.popitem(last=False)
    return dict(result)


def texts_by_cell(translations: pd.DataFrame, language: str) -> dict[str, dict[str, dict[str, str]]]:
    """A language's translations as dataset -> column -> row key -> text (the first one, should a cell have two)."""
    if translations is None or not set(CELL) | {"text"} <= set(translations.columns):
        return {}
    rows = translations.loc[(translations["language"] == language) & translations["text"].notna()]
    by_cell: dict[str, dict[str, dict[str, str]]] = {}
    for name, row_id, column, words in zip(rows["dataset"], rows["row_id"], rows["column"], rows["text"],
                                           strict=True):
        if column in TRANSLATED.get(name, ()):
            by_cell.setdefault(name, {}).setdefault(column, {}).setdefault(row_id, words)
    return by_cell
