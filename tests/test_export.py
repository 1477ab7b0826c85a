"""Downloads are safe to open in a spreadsheet: formulas are neutralised, real numbers are not touched."""

import pandas as pd
import pytest

from catalog.export import neutralise, safe_csv


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\",\"click\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
                                  "\t=1+1", "=1+1"])
def test_formula_cells_get_a_leading_apostrophe(cell):
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["-5", "+3.2", "-0.5", "1e5", "plain text", "Almaty", "", "2022-09-21"])
def test_ordinary_cells_and_real_numbers_are_unchanged(cell):
    assert neutralise(cell) == cell


def test_the_csv_keeps_numbers_numeric_and_text_neutralised():
    table = pd.DataFrame({"name": ["=cmd()", "Zhilin"], "value": [-5.0, 200000.0],
                          "date": pd.to_datetime(["2022-09-21", "2022-12-30"])})
    text = safe_csv(table).decode("utf-8-sig")
    assert text.splitlines() == ["name,value,date", "'=cmd(),-5.0,2022-09-21", "Zhilin,200000.0,2022-12-30"]


def test_the_csv_starts_with_a_bom_so_excel_reads_cyrillic():
    assert safe_csv(pd.DataFrame({"a": ["Россия"]})).startswith(b"\xef\xbb\xbf")


def test_a_moment_keeps_its_time_of_day_and_a_date_stays_a_date():
    table = pd.DataFrame({"when": pd.to_datetime(["2026-11-30T16:04:10+00:00", None], utc=True),
                          "date": pd.to_datetime(["2022-09-21", "2022-12-30"])})
    assert safe_csv(table).decode("utf-8-sig").splitlines() == [
        "when,date", "2026-11-30T16:04:10+00:00,2022-09-21", ",2022-12-30"]
