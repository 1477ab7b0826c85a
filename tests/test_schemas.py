"""Every rule of every schema, shown failing: a valid row from data/ with one cell broken at a time.

Each case names the dataset, the column, the bad value and words the message must contain, so this file doubles
as a list of the rules staff will meet.
"""

from __future__ import annotations

import pytest

from catalog.check import check_paths
from tests.csv_edits import break_cell, rows_of, write

CELL_CASES = [
    # dataset, column, bad value, words in the rule
    ("events", "date", "2022-02-30", "real calendar date"),
    ("events", "date", "21/09/2022", "real calendar date"),
    ("events", "date", "September 2022", "real calendar date"),
    ("events", "category", "Mobilisation", "must be one of: mobilization, exodus"),
    ("events", "acting_country", "Kazakhstan", "must match a key listed in countries.csv"),
    ("events", "acting_country", "kaz", "must match a key listed in countries.csv"),
    ("events", "source_id", "no-such-source", "must match a key listed in sources.csv"),
    ("events", "summary", "", "must not be empty"),
    ("events", "event_id", "Has Spaces", "only lower-case letters, digits and hyphens"),
    ("entry_bans", "count", "about 70", "must be a whole number"),
    ("entry_bans", "count", "0", "must be at least 1"),
    ("entry_bans", "count", "2.5", "must be a whole number"),
    ("entry_bans", "approximate", "yes", "must be true or false"),
    ("border_crossings", "value", "200,000", "must be a number"),
    ("border_crossings", "value", "200 000", "must be a number"),
    ("border_crossings", "value", "-5", "must be at least 0"),
    ("border_crossings", "value", "12%", "must be a number"),
    ("border_crossings", "place_id", "no-such-place", "must match a key listed in places.csv"),
    ("places", "lat", "95", "must be at most 90"),
    ("places", "lon", "east", "must be a number"),
    ("sources", "url", "www.example.com/page", "must be a web address starting http:// or https://"),
    ("sources", "language", "English", "two- or three-letter ISO 639 code"),
    ("countries", "iso3", "Kaz", "three upper-case letters"),
    ("entry_rules", "max_stay_days", "ninety", "must be a whole number"),
    ("remittances", "unit", "USD bn", "must be one of: usd, percent_of_gdp, ratio"),
    ("us_visas", "measure", "refusal", "must be one of: b_visa_refusal_rate"),
]


@pytest.mark.parametrize("dataset, column, value, words", CELL_CASES,
                         ids=[f"{case[0]}.{case[1]}={case[2]!r}" for case in CELL_CASES])
def test_a_broken_cell_is_named_by_file_row_column_value_and_rule(data_copy, dataset, column, value, words):
    path = break_cell(data_copy, dataset, column, value)
    problems, _ = check_paths([path])
    mine = [problem for problem in problems if problem.file.endswith(f"{dataset}.csv") and problem.column == column]
    assert len(mine) == 1, problems
    problem = mine[0]
    assert problem.row == 2
    assert problem.value == (value.strip() or None)
    assert words in problem.rule
    assert str(problem).startswith(f"{path}, row 2, column {column!r}")


def test_a_duplicate_id_names_both_rows(data_copy):
    path = data_copy / "events.csv"
    header, rows = rows_of(path)
    rows[3][0] = rows[0][0]
    write(path, header, rows)
    problems, _ = check_paths([path])
    assert [(problem.row, problem.column) for problem in problems] == [(2, "event_id"), (5, "event_id")]
    assert problems[0].rule == "must be unique, but this value appears on rows 2, 5"


def test_every_problem_in_a_file_is_reported_not_just_the_first(data_copy):
    path = break_cell(data_copy, "events", "date", "not a date", 0)
    break_cell(data_copy, "events", "category", "gossip", 2)
    break_cell(data_copy, "events", "source_id", "nowhere", 4)
    problems, _ = check_paths([path])
    assert [(problem.row, problem.column) for problem in problems] == [(2, "date"), (4, "category"),
                                                                      (6, "source_id")]


ROW_RULE_CASES = [
    ("border_crossings", {"period_start": "2022-10-05", "period_end": "2022-10-01"},
     "period_end must not be before period_start"),
    ("border_crossings", {"approximate": "true", "qualifier": ""}, "needs the source's qualifier"),
    ("border_crossings", {"measure": "entered", "counts": "people"}, "entered and left count crossings"),
    ("places", {"coordinate_basis": "sourced", "source_id": ""}, "a sourced coordinate needs a source_id"),
    ("places", {"kind": "city", "coordinate_basis": "well_known_capital", "source_id": ""},
     "only a capital may use well_known_capital"),
    ("us_visas", {"unit": "percent", "value": "115.35"}, "a percent must be at most 100"),
    ("entry_rules", {"effective_date": "2025-01-01", "end_date": "2024-12-31"},
     "end_date must not be before effective_date"),
    ("entry_bans", {"date_reported": "", "date_precision": "day"}, "a date needs its precision"),
]


@pytest.mark.parametrize("dataset, changes, words", ROW_RULE_CASES,
                         ids=[f"{case[0]}:{case[2][:30]}" for case in ROW_RULE_CASES])
def test_rules_across_columns(data_copy, dataset, changes, words):
    path = data_copy / f"{dataset}.csv"
    header, rows = rows_of(path)
    for column, value in changes.items():
        rows[0][header.index(column)] = value
    write(path, header, rows)
    problems, _ = check_paths([path])
    assert len(problems) == 1, problems
    assert words in problems[0].rule
    assert problems[0].row == 2


def test_a_replacement_sources_file_that_drops_a_used_source_is_caught_where_it_is_used(data_copy, tmp_path):
    header, rows = rows_of(data_copy / "sources.csv")
    events_header, events = rows_of(data_copy / "events.csv")
    used = events[0][events_header.index("source_id")]
    replacement = tmp_path / "sources.csv"
    write(replacement, header, [row for row in rows if row[0] != used])
    problems, _ = check_paths([replacement])
    assert problems, "dropping a source that events.csv uses must fail"
    assert all(problem.value == used and problem.column == "source_id" for problem in problems)
    assert any(problem.file.endswith("events.csv") for problem in problems)
