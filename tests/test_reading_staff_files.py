"""Files as staff really save them are accepted; files that cannot be read get one clear problem, no traceback.

Each case starts from the same small, valid countries table and writes it the way Excel or an editor would.
"""

from __future__ import annotations

import pytest

from catalog.check import check_paths
from catalog.csvfile import read_table
from catalog.datasets import DATASETS

EVENTS = DATASETS["events"]
HEADER = ",".join(EVENTS.column_names)
GOOD_ROWS = [
    "mobilization-2022,2022-09-21,day,RUS,,mobilization,Russia announces a \"partial\" mobilization,{source}",
    "kz-rule-2023,2023-01-26,day,KAZ,RUS,entry_rule,\"Kazakhstan limits EAEU visitors to 90 days, in any 180\","
    "{source}",
]


def canonical_text(source_id: str) -> str:
    return "\n".join([HEADER, *(row.format(source=source_id) for row in GOOD_ROWS)]) + "\n"


def parse(raw: bytes):
    return read_table(raw, "events.csv", EVENTS)


def semicolon(text: str) -> str:
    """Excel in a Russian locale separates with semicolons, quoting cells that hold one."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def tabbed(text: str) -> str:
    return text.replace(",", "\t") if '"' not in text else text


EXCEL_VARIANTS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8 with BOM": lambda text: text.encode("utf-8-sig"),
    "CRLF line ends": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    "semicolons, Windows-1251 (Excel, Russian locale)": lambda text: semicolon(text).encode("cp1251"),
    "semicolons, UTF-8 with BOM": lambda text: semicolon(text).encode("utf-8-sig"),
    "UTF-16 (Excel 'Unicode text')": lambda text: text.encode("utf-16"),
    "trailing blank rows": lambda text: (text + ",,,,,,,\n,,,,,,,\n\n").encode("utf-8"),
    "Russian-locale dates 21.09.2022": lambda text: text.replace("2022-09-21", "21.09.2022")
    .replace("2023-01-26", "26.01.2023").encode("utf-8"),
    "spaces around cells": lambda text: text.replace(",RUS,", ", RUS ,").encode("utf-8"),
}


@pytest.mark.parametrize("variant", EXCEL_VARIANTS, ids=list(EXCEL_VARIANTS))
def test_excel_variants_read_the_same_as_the_canonical_file(variant):
    expected = parse(canonical_text("seed-a").encode("utf-8"))
    parsed = parse(EXCEL_VARIANTS[variant](canonical_text("seed-a")))
    assert parsed.problems == []
    assert parsed.cells.to_dict("records") == expected.cells.to_dict("records")
    assert parsed.cells.index.tolist() == [2, 3]


def test_cyrillic_text_survives_windows_1251():
    text = canonical_text("seed-a").replace("Russia announces", "Россия объявляет")
    parsed = parse(semicolon(text).encode("cp1251"))
    assert parsed.encoding == "cp1251"
    assert parsed.cells.loc[2, "summary"].startswith("Россия объявляет")


def us_visa_file(delimiter: str, value: str, approximate: str, source_id: str) -> str:
    header = delimiter.join(DATASETS["us_visas"].column_names)
    cells = {"figure_id": "tkm-overstay", "country": "TKM", "measure": "overstay_rate_b1_b2", "stock_or_flow": "flow",
             "period_start": "01.10.2022", "start_precision": "day", "period_end": "30.09.2023",
             "end_precision": "day", "kind": "actual", "value": value, "unit": "percent", "approximate": approximate,
             "stated_by": "DHS", "source_id": source_id,
             "quote": "Turkmenistan had a B-1/B-2 visa overstay rate of 15.35 percent"}
    row = delimiter.join(cells.get(column, "") for column in DATASETS["us_visas"].column_names)
    return f"{header}\r\n{row}\r\n"


def test_decimal_commas_and_excel_booleans_in_a_semicolon_file(tmp_path, data_copy):
    path = tmp_path / "overstays.csv"
    path.write_bytes(us_visa_file(";", "15,35", "ЛОЖЬ", first_source_id(data_copy)).encode("cp1251"))
    problems, catalog = check_paths([path], "us_visas")
    assert problems == []
    table = catalog.states["us_visas"].table
    assert table["value"].tolist() == [15.35]
    assert table["approximate"].tolist() == [False]
    assert str(table["period_start"].iloc[0].date()) == "2022-10-01"


def test_a_decimal_comma_in_a_comma_separated_file_is_refused_not_guessed(tmp_path, data_copy):
    path = tmp_path / "overstays.csv"
    path.write_text(us_visa_file(",", '"15,35"', "false", first_source_id(data_copy)), encoding="utf-8")
    problems, _ = check_paths([path], "us_visas")
    assert [(problem.row, problem.column, problem.value) for problem in problems] == [(2, "value", "15,35")]
    assert "must be a number" in problems[0].rule


def first_source_id(data_dir) -> str:
    return (data_dir / "sources.csv").read_text(encoding="utf-8").splitlines()[1].split(",")[0]


BROKEN_FILES = {
    "empty file": (b"", None, "the file is empty"),
    "only blank lines": (b"\r\n\r\n  \n", None, "the file is empty"),
    "a BOM and nothing else": ("\ufeff".encode("utf-8"), None, "the file is empty"),
    "binary junk": (bytes(range(256)) * 4, None, "not a text CSV file"),
    "a PNG renamed to .csv": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64, None, "not a text CSV file"),
    "a zip (xlsx saved as .csv)": (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00\x01\x02" * 40, None,
                                  "not a text CSV file"),
}


@pytest.mark.parametrize("case", BROKEN_FILES, ids=list(BROKEN_FILES))
def test_unreadable_files_get_one_clear_problem(case):
    raw, row, words = BROKEN_FILES[case]
    parsed = parse(raw)
    assert len(parsed.problems) == 1
    problem = parsed.problems[0]
    assert problem.file == "events.csv" and problem.row == row
    assert words in problem.rule


def test_ragged_rows_are_named_with_their_row_numbers():
    text = canonical_text("seed-a").splitlines()
    text.insert(2, "short-row,2022-09-22,day,RUS")
    text.append(text[1] + ",one too many")
    parsed = parse(("\n".join(text) + "\n").encode("utf-8"))
    assert [(problem.row, problem.rule.split(";")[0]) for problem in parsed.problems] == [
        (3, "this row has 4 cells but the header has 8"),
        (5, "this row has 9 cells but the header has 8"),
    ]
    assert parsed.cells.index.tolist() == [2, 4]


def test_an_unclosed_quote_is_a_ragged_row_not_a_crash():
    text = canonical_text("seed-a") + 'late-row,2022-10-01,day,RUS,,exodus,"never closed,seed-a\n'
    parsed = parse(text.encode("utf-8"))
    assert [problem.row for problem in parsed.problems] == [4]


@pytest.mark.parametrize("header, column, words", [
    (HEADER.replace("summary", "sumary"), "sumary", "did you mean 'summary'?"),
    (HEADER + ",extra", "extra", "not a column of this dataset"),
    (HEADER.replace(",summary", ""), "summary", "required column is missing"),
    (HEADER.replace("category", "date"), "date", "appears more than once"),
    (HEADER + ",", "(blank)", "not a column of this dataset"),
])
def test_header_problems_name_the_column(header, column, words):
    parsed = parse((header + "\n").encode("utf-8"))
    matching = [problem for problem in parsed.problems if problem.column == column]
    assert matching, parsed.problems
    assert words in matching[0].rule and matching[0].row == 1


def test_every_header_problem_is_reported_not_just_the_first():
    header = HEADER.replace("summary", "sumary").replace("category", "kategory") + ",extra"
    parsed = parse((header + "\n").encode("utf-8"))
    assert {problem.column for problem in parsed.problems} >= {"sumary", "kategory", "extra", "summary", "category"}
