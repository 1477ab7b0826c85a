"""A file where every row is wrong (a sheet pasted into the wrong column, a million times over) gets a report staff
can read, the first hundred problems of each rule and one line counting the rest, from a check that holds
megabytes, not gigabytes."""

from __future__ import annotations

import json
import subprocess
import sys

import catalog.validate
from catalog.csvfile import read_table
from catalog.problems import SHOWN_PER_RULE
from catalog.validate import validate
from tests.conftest import REPO
from tests.test_big_files import BANS, KEYS, as_csv, ban_rows


def checked(rows: list[list[str]]) -> list[str]:
    parsed = read_table(as_csv(rows).encode(), "entry_bans.csv", BANS)
    return [str(problem) for problem in sorted(validate(parsed.cells, BANS, KEYS, "entry_bans.csv")[1],
                                               key=lambda problem: (problem.row or 0, problem.column or ""))]


def test_every_row_wrong_lists_a_hundred_per_rule_and_counts_the_rest(monkeypatch):
    monkeypatch.setattr(catalog.validate, "CHUNK_ROWS", 1_000)  # the big file's path, on a small file
    rows = ban_rows(5_000)
    for row in rows:
        row[6] = "Russia"  # a name where a country code belongs
    lines = checked(rows)

    listed = [line for line in lines if "column 'nationality', value 'Russia'" in line]
    assert len(listed) == SHOWN_PER_RULE
    assert listed[0] == "entry_bans.csv, row 2, column 'nationality', value 'Russia': must match a key listed in " \
                        "countries.csv"
    assert "row 101," in listed[-1]
    assert lines[-1] == ("entry_bans.csv, row 102, column 'nationality': this row and 4,899 more after it break the "
                         "same rule (not listed one by one): must match a key listed in countries.csv")
    assert len(lines) == SHOWN_PER_RULE + 1


def test_a_value_repeated_in_two_chunks_of_a_big_file_is_found_with_both_rows(monkeypatch):
    monkeypatch.setattr(catalog.validate, "CHUNK_ROWS", 1_000)
    rows = ban_rows(5_000)
    rows[4_000][0] = rows[0][0]  # spreadsheet rows 2 and 4002
    rows[10][6] = "Russia"
    assert checked(rows) == [
        "entry_bans.csv, row 2, column 'ban_id', value 'ban-0': must be unique, but this value appears on rows 2, 4002",
        "entry_bans.csv, row 12, column 'nationality', value 'Russia': must match a key listed in countries.csv",
        "entry_bans.csv, row 4002, column 'ban_id', value 'ban-0': must be unique, but this value appears on rows 2, "
        "4002",
    ]


def test_a_value_repeated_on_thousands_of_rows_names_twenty_of_them():
    rows = ban_rows(3_000)
    for row in rows:
        row[0] = "ban-same"
    lines = checked(rows)
    assert lines[0] == ("entry_bans.csv, row 2, column 'ban_id', value 'ban-same': must be unique, but this value "
                        "appears on rows " + ", ".join(str(row) for row in range(2, 22)) + " and 2,980 more")
    assert len(lines) == SHOWN_PER_RULE + 1


PEAK_MEMORY = """
import json, pathlib, resource, sys
from catalog.csvfile import read_table
from catalog.validate import validate
from tests.test_big_files import BANS, KEYS
content = pathlib.Path(sys.argv[1]).read_bytes()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
parsed = read_table(content, "entry_bans.csv", BANS)
problems = validate(parsed.cells, BANS, KEYS, "entry_bans.csv")[1]
print(json.dumps({"problems": len(problems),
                  "kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before}))
"""


def peak(path) -> dict:
    """The check's peak memory above a process that holds only the file's bytes: the file is written beforehand, so
    nothing but the check itself can set the peak."""
    run = subprocess.run([sys.executable, "-c", PEAK_MEMORY, str(path)], cwd=REPO, capture_output=True, text=True,
                         timeout=600, check=True)
    return json.loads(run.stdout)


def test_checking_a_file_of_bad_cells_needs_little_more_memory_than_a_good_one(tmp_path):
    """300,000 rows with three bad cells each (900,000 problems). With every failure and problem held at once, the
    check took 2.3x the memory of a good file's check (800 MB against 340 MB); counted chunk by chunk, with a hundred
    problems kept per rule, it takes about the same as a good file."""
    rows = ban_rows(300_000)
    (tmp_path / "good.csv").write_text(as_csv(rows))
    for row in rows:
        row[2], row[6], row[8] = "many", "Russia", "2025-13-45"
    (tmp_path / "wrong.csv").write_text(as_csv(rows))
    del rows
    good, wrong = peak(tmp_path / "good.csv"), peak(tmp_path / "wrong.csv")
    assert good["problems"] == 0 and wrong["problems"] == 3 * (SHOWN_PER_RULE + 1)
    assert wrong["kib"] <= 1.5 * good["kib"], (wrong, good)
