"""Someone edits a CSV by hand and breaks it: readers keep the last good version, are told so, and never see a
traceback."""

from __future__ import annotations

import pytest

from catalog import load_catalog
from tests.conftest import REPO, open_page
from tests.csv_edits import break_cell, correct_figure

READER_PAGES = sorted(f"pages/{path.name}" for path in (REPO / "pages").glob("*.py") if path.stem != "editor")

BREAKAGES = {
    "a bad cell": lambda data: break_cell(data, "us_visas", "value", "sixty"),
    "a file cut short by a crash": lambda data: (data / "us_visas.csv").write_bytes(
        (data / "us_visas.csv").read_bytes()[:1000].rsplit(b",", 3)[0]),
    "a file saved as a spreadsheet": lambda data: (data / "us_visas.csv").write_bytes(b"PK\x03\x04\x14\x00\x06\x00"),
    "a deleted file": lambda data: (data / "us_visas.csv").unlink(),
    "a very long first line": lambda data: (data / "us_visas.csv").write_bytes(
        b"x" * 200_000 + b"\n" + (data / "us_visas.csv").read_bytes()),
    "a folder where the file should be, and history holding junk": lambda data: (
        (data / "us_visas.csv").unlink(), (data / "us_visas.csv").mkdir(), broken_history(data, "us_visas")),
}


def broken_history(data, dataset: str) -> None:
    """Beside the good versions: a version named with an impossible time, a folder named as a version, an empty
    version, binary junk, and a version that is the newest by name but fails its check."""
    folder = data / "history" / dataset
    (folder / "20261399T999999999999Z-0123456789ab.csv").write_bytes((data / "countries.csv").read_bytes())
    (folder / "20991231T000000000000Z-0123456789ab.csv").mkdir()
    (folder / "20991230T000000000000Z-0123456789ab.csv").write_bytes(b"")
    (folder / "20991229T000000000000Z-0123456789ab.csv").write_bytes(bytes(range(256)))


@pytest.mark.parametrize("page_file", READER_PAGES)
@pytest.mark.parametrize("breakage", BREAKAGES)
def test_every_reader_page_keeps_working_on_the_last_good_version_with_a_notice(data_copy, page_file, breakage):
    good = load_catalog().table("us_visas")
    BREAKAGES[breakage](data_copy)

    page = open_page(page_file)  # fails on any exception the page shows

    notice = page.warning[0].value
    assert notice.startswith("US visas, overstays and removals: this dataset failed its check; showing the version of")
    assert load_catalog().table("us_visas").equals(good)


def test_a_broken_file_with_no_good_version_to_fall_back_on_leaves_pages_without_a_traceback(data_copy):
    for kept in (data_copy / "history" / "us_visas").glob("*.csv"):
        kept.unlink()
    break_cell(data_copy, "us_visas", "value", "sixty")

    page = open_page("pages/us_restrictions.py")

    assert "has no earlier version that passes" in page.error[0].value
    assert "cannot be drawn until that dataset is fixed" in page.info[0].value


def test_the_last_good_version_is_the_newest_good_one_not_the_first(data_copy):
    correct_figure(data_copy, "us_visas", "61.2")
    load_catalog()  # a reader loads the good hand edit, which history keeps
    break_cell(data_copy, "us_visas", "value", "sixty")

    assert load_catalog().table("us_visas").iloc[0]["value"] == 61.2
