"""A date is shown as precisely as its source gave it, in every grid and download: "2022-09" for a month, "2020" for
a year, never the first of the month or "2020-01-01 00:00:00" (the typed tables hold a month as its first day)."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from catalog import DATASETS, load
from catalog.export import PRECISION_OF, dates_as_written, safe_csv
from charts.spec import for_readers
from press.pages import table_html
from tests.conftest import REPO, open_page

FORM_OF = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}
DATASETS_WITH_PRECISE_DATES = [name for name, dataset in DATASETS.items()
                               if any(spec.kind == "date" and spec.precision for spec in dataset.columns)]


def written_at_their_precision(table: pd.DataFrame, date: str, precision: str) -> pd.Series:
    """Whether each shown date is written exactly at its row's precision (an empty precision is a full day)."""
    shown = table[date].dropna().astype(str)
    levels = table.loc[shown.index, precision].fillna("day")
    return pd.Series([pd.Series([text]).str.fullmatch(FORM_OF[level]).iloc[0] for text, level in
                      zip(shown, levels, strict=True)], index=shown.index, dtype=bool)


def test_each_date_is_written_at_its_precision_and_a_moment_is_left_alone():
    table = pd.DataFrame({
        "period_start": pd.to_datetime(["2022-09-21", "2022-09-01", "2020-01-01", None]),
        "start_precision": ["day", "month", "year", None],
        "period_end": pd.to_datetime(["2022-09-21", "2022-09-30", "2020-12-31", "2021-03-05"]),
        "end_precision": ["day", "month", "year", None],
        "date_accessed": pd.to_datetime(["2026-11-20"] * 4),
        "when": pd.to_datetime(["2026-11-30T16:04:10+00:00"] * 4, utc=True),
    })
    written = dates_as_written(table)
    assert written["period_start"].tolist() == ["2022-09-21", "2022-09", "2020", None]
    assert written["period_end"].tolist() == ["2022-09-21", "2022-09", "2020", "2021-03-05"]
    assert written["date_accessed"].tolist() == ["2026-11-20"] * 4  # no precision column: a day, without a time
    assert written["when"].equals(table["when"])
    assert table["period_start"].dtype.kind == "M"  # the typed table itself is not changed


def test_every_date_column_with_a_precision_is_known_by_name():
    for dataset in DATASETS.values():
        for spec in dataset.columns:
            if spec.kind == "date" and spec.precision:
                assert PRECISION_OF[spec.name] == spec.precision, (dataset.name, spec.name)


@pytest.mark.parametrize("name", DATASETS_WITH_PRECISE_DATES)
def test_a_dataset_s_download_writes_its_dates_as_its_file_does(name):
    """The Data & sources page's download of a dataset gives each date in the form staff wrote it in data/."""
    dataset = DATASETS[name]
    written = pd.read_csv(io.BytesIO(safe_csv(for_readers(load(name)))), dtype=str, keep_default_na=False,
                          encoding="utf-8-sig")
    on_file = pd.read_csv(REPO / "data" / dataset.filename, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    dates = [spec.name for spec in dataset.columns if spec.kind == "date" and spec.precision]
    assert written[dates].equals(on_file[dates].map(str.strip)), name


def test_a_chart_s_table_tab_shows_a_year_as_a_year():
    page = open_page("pages/money.py", to="UZB")
    table = page.dataframe[0].value  # the Table tab of the first chart
    assert (table["start_precision"] == "year").any()
    assert written_at_their_precision(table, "period_start", "start_precision").all()
    assert written_at_their_precision(table, "period_end", "end_precision").all()
    assert "2020" in set(table["period_start"])


def test_the_data_page_shows_a_dataset_s_dates_as_its_file_writes_them():
    page = open_page("pages/data.py", dataset="events")
    shown = next(frame.value for frame in page.dataframe if "event_id" in frame.value)
    assert (shown["date_precision"] == "month").any()
    assert written_at_their_precision(shown, "date", "date_precision").all()
    on_file = pd.read_csv(REPO / "data" / "events.csv", dtype=str, encoding="utf-8-sig").set_index("event_id")
    assert shown.set_index("event_id")["date"].equals(on_file.loc[shown["event_id"], "date"].str.strip())


def test_the_data_page_lists_sources_with_their_publication_dates_as_their_file_writes_them():
    page = open_page("pages/data.py", dataset="sources")
    listed = next(frame.value for frame in page.dataframe if "url" in frame.value and "notes" in frame.value)
    on_file = pd.read_csv(REPO / "data" / "sources.csv", dtype=str, encoding="utf-8-sig").set_index("source_id")
    assert listed.set_index("source_id")["date_published"].equals(
        on_file.loc[listed["source_id"], "date_published"].str.strip())
    assert listed["date_published"].str.len().isin([4, 7]).any()  # some sources give only a month or a year


def test_a_table_in_the_edition_writes_a_month_as_a_month():
    rows = pd.DataFrame({"rule": ["QR-code entry"], "effective_date": pd.to_datetime(["2024-11-01"]),
                         "date_precision": ["month"]})
    html = table_html(rows, "Rules")
    assert "<td>2024-11</td>" in html and "2024-11-01" not in html
