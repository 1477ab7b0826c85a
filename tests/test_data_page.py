"""The Data & sources page as a reader sees it (Streamlit AppTest, no browser)."""

from __future__ import annotations

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from catalog import DATASETS, history, load_catalog
from catalog.publish import publish
from tests.conftest import open_page
from tests.csv_edits import CHANGELOG_BREAKAGES, break_cell, break_changelog


@pytest.fixture(scope="module")
def page() -> AppTest:
    return open_page("pages/data.py")


def test_the_page_has_its_title_and_lists_every_dataset_with_rows_and_sources(page):
    assert page.title[0].value == "Data & sources"
    summary = page.dataframe[0].value
    assert summary["Dataset"].tolist() == [dataset.title for dataset in DATASETS.values()]
    catalog = load_catalog()
    assert summary["Rows"].tolist() == [len(catalog.table(name)) for name in DATASETS]
    assert set(summary["Status"]) == {"OK"}
    events = summary.set_index("Dataset").loc["Timeline of events"]
    assert events["Sources"] == str(catalog.table("events")["source_id"].nunique())
    # a table that cites no source says so with a dash, never the grid's "None"
    assert summary.set_index("Dataset").loc[DATASETS["sources"].title, "Sources"] == "—"


def test_the_first_dataset_is_shown_with_its_table_download_and_full_source_list(page):
    assert page.subheader[1].value == DATASETS["sources"].title
    catalog = load_catalog()
    tables = [frame.value for frame in page.dataframe]
    assert any(len(table) == len(catalog.table("sources")) and "publisher" in table for table in tables)
    download = page.get("download_button")[0]
    assert download.proto.label == "Download sources.csv"
    assert [header.value for header in page.subheader][-2:] == ["All sources", "Changelog"]


def test_a_dataset_named_in_the_url_is_opened_with_its_own_rows_and_sources():
    page = open_page("pages/data.py", dataset="border_crossings")
    crossings = load_catalog().table("border_crossings")
    assert page.selectbox[0].value == "border_crossings"
    assert [header.value for header in page.subheader][1] == "The 2022 exodus: official figures"
    assert page.metric[0].value == f"{len(crossings):,}"
    assert page.metric[1].value == str(crossings["source_id"].nunique())
    shown = next(frame.value for frame in page.dataframe if "figure_id" in frame.value)
    assert shown["figure_id"].tolist() == crossings["figure_id"].tolist()
    assert "crossings, not people" in page.markdown[0].value
    assert page.get("download_button")[0].proto.label == "Download border_crossings.csv"


def test_a_dataset_that_fails_its_check_lists_its_problems_and_serves_its_last_good_version(data_copy):
    good = load_catalog().table("events")
    break_cell(data_copy, "events", "date_precision", "fortnight")

    page = open_page("pages/data.py", dataset="events")

    assert "Timeline of events" in page.error[0].value
    problems = page.dataframe[0].value
    assert problems[["row", "column", "value"]].values.tolist() == [[2, "date_precision", "fortnight"]]
    assert problems["rule"].iloc[0] == "must be one of: day, month, year"
    assert "Timeline of events: this dataset failed its check; showing the version of" in page.warning[0].value
    assert "events.csv failed its check" in page.warning[1].value
    shown = next(frame.value for frame in page.dataframe if "event_id" in frame.value)
    assert shown["date_precision"].tolist() == good["date_precision"].tolist()


def test_an_edited_csv_shows_on_the_next_rerun_without_a_restart(data_copy):
    page = open_page("pages/data.py", dataset="countries")
    before = page.metric[0].value
    with open(data_copy / "countries.csv", "a", encoding="utf-8") as file:
        file.write("AFG,Afghanistan\n")
    page.run()
    assert int(page.metric[0].value) == int(before) + 1


def test_readers_see_every_publish_in_the_changelog(data_copy):
    base = (data_copy / "countries.csv").read_bytes()
    publish(data_copy, "countries", base + b"AFG,Afghanistan\n", base=base, editor="Aigerim",
            note="Added Afghanistan for the new extradition case")

    page = open_page("pages/data.py")

    log = page.dataframe[-1].value
    assert log[["dataset", "action", "editor", "note", "rows_added"]].values.tolist() == [
        ["countries", "publish", "Aigerim", "Added Afghanistan for the new extradition case", 1]]


def test_the_changelog_download_neutralises_a_formula_typed_into_a_note(data_copy, monkeypatch):
    base = (data_copy / "countries.csv").read_bytes()
    publish(data_copy, "countries", base + b"AFG,Afghanistan\n", base=base, editor="=cmd|' /C calc'!A0",
            note="@SUM(1+1)")
    downloads = {}
    keep = MemoryMediaFileStorage.load_and_get_id

    def recorded(self, path_or_data, mimetype, kind, filename=None):
        downloads[filename] = path_or_data
        return keep(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", recorded)

    open_page("pages/data.py")

    text = downloads["changelog.csv"].decode("utf-8-sig")
    assert "'=cmd|' /C calc'!A0" in text and "'@SUM(1+1)" in text
    when = history.changelog(data_copy).loc[0, "when"]
    assert text.splitlines()[1].startswith(f"{when:%Y-%m-%dT%H:%M:%S}+00:00,countries,"), "the time of day is kept"


@pytest.mark.parametrize("how", CHANGELOG_BREAKAGES)
def test_a_broken_changelog_shows_the_lines_it_can_and_never_a_traceback(data_copy, how):
    base = (data_copy / "countries.csv").read_bytes()
    publish(data_copy, "countries", base + b"AFG,Afghanistan\n", base=base, editor="Aigerim", note="Added")
    break_changelog(data_copy, how)

    page = open_page("pages/data.py")  # fails on any exception the page shows

    assert page.subheader[-1].value == "Changelog"
    if how in ("a bad date", "a merge conflict", "a duplicated line"):
        assert page.dataframe[-1].value[["dataset", "editor"]].values.tolist() == [["countries", "Aigerim"]]
