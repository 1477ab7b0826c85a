"""A figure a reader can quote: every row carries its source's own sentence, and the check names the row whose figure,
kind, range, date or qualifier says more (or other) than that sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog import DATASETS, load_catalog
from catalog.check import check_paths
from tests.csv_edits import rows_of, write

# dataset, the row's key, the cells changed, the column the problem names, words in the rule
STATEMENT_CASES = [
    ("remittances", "cbr-uzb-2010", {"value": "2900000000"}, "value", "this figure is not in the row's quote"),
    ("border_crossings", "kz-2022-10-04-left-147k", {"value": "174000"}, "value",
     "this figure is not in the row's quote"),
    ("us_visas", "refusal-b-kgz-2024", {"value": "39.41"}, "value", "this figure is not in the row's quote"),
    ("remittances", "cbr-uzb-2010", {"kind": "projection"}, "kind", "must be one of: actual, estimate, forecast"),
    ("migrant_workers", "kg-labour-migrants-kazakhstan-2018", {"value_high": "20000"}, "value/value_high",
     "must not be below its low end"),
    ("migrant_workers", "fsb-work-kgz-2018-jan-sep", {"period_start": "2018-01-01"}, "period_start",
     "a month-precise date written as a day"),
    ("entry_rules", "rus-biometric-data-collection", {"effective_date": "2024-11-01"}, "effective_date",
     "a month-precise date written as a day"),
    ("border_crossings", "kz-2022-10-04-entered-200k-ria", {"qualifier": "about"}, "qualifier",
     "a qualifier is the source's own word"),
    ("remittances", "cbr-kgz-2017-b", {"same_as": "cbr-kaz-2017"}, "same_as", "a duplicate states the same figure"),
    ("border_crossings", "kz-2022-10-04-entered-200k-ria", {"same_as": "kz-2022-10-04-entered-200k-interfax"},
     "same_as", "must name the row charts draw"),
]


def change_row(data_dir, dataset: str, key: str, changes: dict[str, str]):
    """Change some cells of the row with this key; returns the file and the row's number as staff count them."""
    path = data_dir / f"{dataset}.csv"
    header, rows = rows_of(path)
    index = [row[0] for row in rows].index(key)
    for column, value in changes.items():
        rows[index][header.index(column)] = value
    write(path, header, rows)
    return path, index + 2


@pytest.mark.parametrize("dataset, key, changes, column, words", STATEMENT_CASES,
                         ids=[f"{case[0]}:{case[1]}:{'+'.join(case[2])}" for case in STATEMENT_CASES])
def test_the_check_names_a_row_that_says_other_than_its_source(data_copy, dataset, key, changes, column, words):
    path, row = change_row(data_copy, dataset, key, changes)
    problems, _ = check_paths([path])
    assert [(problem.row, problem.column) for problem in problems] == [(row, column)], problems
    assert words in problems[0].rule


def test_a_figure_without_its_sentence_is_refused(data_copy):
    path, row = change_row(data_copy, "remittances", "cbr-uzb-2010", {"quote": ""})
    problems, _ = check_paths([path])
    assert [(problem.row, problem.column, problem.rule) for problem in problems] == [(row, "quote",
                                                                                     "must not be empty")]


def test_a_summary_may_give_only_the_numbers_its_sentence_gives(data_copy):
    path, row = change_row(data_copy, "extraditions", "zhilin-kz-ru-mt",
                           {"summary": "Former presidential guard, 37, who fled the mobilization."})
    problems, _ = check_paths([path])
    assert [(problem.row, problem.column) for problem in problems] == [(row, "summary")]
    assert problems[0].rule.startswith("37 is not in the row's quote")


def test_an_event_added_without_its_sentence_in_event_quotes_is_named_and_not_published(data_copy):
    path = data_copy / "events.csv"
    header, rows = rows_of(path)
    rows.append(["kz-new-event-without-quote", *rows[0][1:]])
    write(path, header, rows)
    problems, _ = check_paths([path])
    assert [(Path(problem.file).name, problem.row, problem.column, problem.value) for problem in problems] == [
        ("events.csv", len(rows) + 1, "event_id", "kz-new-event-without-quote")]
    assert problems[0].rule == ("this row has no sentence in event_quotes.csv: add the source's own sentence there, "
                                "under the same event_id, and publish that file first")


def test_a_draft_of_event_quotes_that_drops_a_sentence_names_the_event_left_without_one(data_copy, tmp_path):
    header, rows = rows_of(data_copy / "event_quotes.csv")
    removed = rows.pop(3)[0]
    path = tmp_path / "event_quotes.csv"
    write(path, header, rows)
    problems, _ = check_paths([path])
    events = rows_of(data_copy / "events.csv")[1]
    row = [event[0] for event in events].index(removed) + 2
    assert [(Path(problem.file).name, problem.row, problem.column, problem.value) for problem in problems] == [
        ("events.csv", row, "event_id", removed)]


def test_every_dataset_that_states_a_figure_or_a_date_from_a_source_keeps_the_sources_sentence():
    for dataset in DATASETS.values():
        if not any(spec.references == "sources" for spec in dataset.columns):
            continue  # sources themselves, and reference lists
        states = [spec.name for spec in dataset.columns if spec.in_quote or spec.kind == "date"]
        quoted = "quote" in dataset.column_names or dataset.quoted_in is not None
        assert quoted or not states, f"{dataset.name} states {states} with no quote column"
        quote = next((spec for spec in dataset.columns if spec.name == "quote"), None)
        assert quote is None or quote.required or dataset.name == "places", f"{dataset.name}: a quote may be left out"


def test_every_published_row_passes_and_has_its_sentence():
    catalog = load_catalog()
    assert catalog.problems == [], "\n".join(map(str, catalog.problems))
    for name, dataset in DATASETS.items():
        table = catalog.table(name)
        if "quote" in table and "source_id" in table:
            cited = table[table["source_id"].notna()]  # a capital's well-known coordinates cite no source
            assert cited["quote"].notna().all() and (cited["quote"].str.strip() != "").all(), name
        if dataset.quoted_in:
            quotes = catalog.table(dataset.quoted_in)
            assert set(table[dataset.key]) == set(quotes[dataset.key]), f"{name}: rows without a sentence"
