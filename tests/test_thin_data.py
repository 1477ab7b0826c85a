"""Whatever is published, every page renders: a dataset published with only its header or a single row, or without
a row the pages name by its id, passes its check (or fails it, and readers get the last good version), and every
page that reads that dataset, and every slide of each language's briefing deck whose chart reads it, either draws
what there is or says plainly that there is nothing to draw; never a traceback. A dataset published as a file of zero
bytes fails its check, and readers keep its last good version and are told."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st

from catalog import DATASETS, load_catalog
from catalog.datasets import TRANSLATIONS
from catalog.store import DatasetState
from charts.registry import CHARTS
from charts.spec import ALWAYS_READ
from charts.us_visas import US_MILESTONES
from deck.slides import parse_deck
from i18n import _, speaking
from press.stories import HEADLINES
from tests.conftest import DATA, REPO, open_page
from tests.csv_edits import rows_of, write

PAGES = sorted(f"pages/{path.name}" for path in (REPO / "pages").glob("*.py") if path.stem != "editor")


def keeping(rows_kept):
    """A thinning that keeps the header and these of the rows."""
    def thin(path) -> None:
        header, rows = rows_of(path)
        write(path, header, rows_kept(rows))
    return thin


# A file of zero bytes fails its check, so readers get the dataset's last good version: that is tested for each
# dataset below, and on every page (with a notice) in tests/test_broken_data_on_disk.py.
THINNED = {"only its header": keeping(lambda rows: []), "one row": keeping(lambda rows: rows[:1])}
DECKS = {"en": "briefing.md", "ru": "briefing.ru.md"}
# Rows the code asks for by id: the overview's headline figures, the US measures marked on the refusal chart, and
# the capitals the maps draw their arcs between.
NAMED_ROWS = [*((dataset, row_id) for dataset, _, row_id, *_ in HEADLINES),
              *(("events", event) for event in US_MILESTONES), ("places", "moscow"), ("places", "astana")]


@pytest.fixture(scope="module")
def reads(tmp_path_factory) -> dict[str, set[str]]:
    """The datasets whose rows each page reads, as a reader following a link opens it with every cache empty: the
    rows of a dataset as loaded are its `DatasetState.table`, whichever way a page comes to them (`catalog.load`,
    the briefing's snapshot of every table, the Data & sources page's list)."""
    copy = tmp_path_factory.mktemp("reading") / "data"
    shutil.copytree(DATA, copy)
    asked: set[str] = set()

    def rows_read(state: DatasetState) -> pd.DataFrame:
        asked.add(state.dataset.name)
        return state.__dict__["table"]

    def keep_rows(state: DatasetState, table: pd.DataFrame) -> None:
        state.__dict__["table"] = table

    read = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BORDERLINES_DATA_DIR", str(copy))
        load_catalog()  # checked before the first page: the check itself reads every table
        patch.setattr(DatasetState, "table", property(rows_read, keep_rows), raising=False)
        for page in PAGES:
            st.cache_data.clear()
            st.cache_resource.clear()
            asked.clear()
            open_page(page)
            read[page] = set(asked)
    return read


def reached_by(dataset: str) -> set[str]:
    """The dataset and every dataset whose check needs its keys or whose text it translates, directly or through
    another: a thinning of the one can fail the check of the others, which readers then get an earlier version of."""
    reached = {dataset}
    while more := {name for name, spec in DATASETS.items() if spec.references() & reached} - reached:
        reached |= more
    return reached


# Opened whatever is thinned: the overview, where the notice of a dataset that failed its check shows as on every
# page (the frame around each page is the same).
ALWAYS_OPENED = ("pages/overview.py",)


def pages_that_open(dataset: str, reads: dict[str, set[str]], failed_pages: dict) -> None:
    """Open every page a change to the dataset can reach: a page that reads none of the datasets it reaches runs
    exactly as before, up to the same last line."""
    reached = reached_by(dataset)
    for page in PAGES:
        if page not in ALWAYS_OPENED and not reads[page] & reached:
            continue
        try:
            open_page(page)  # fails on any exception a page shows
        except AssertionError as error:
            failed_pages[page] = str(error).splitlines()[0][:300]


def test_the_pages_are_seen_reading_what_they_show(reads):
    """The record the tests below go by is taken from real runs of the pages: a page seen reading nothing would be
    skipped."""
    assert {"remittances", "migrant_workers"} <= reads["pages/money.py"]
    assert "us_visas" in reads["pages/us_restrictions.py"] and "us_visas" not in reads["pages/exodus.py"]
    assert reads["pages/briefing.py"] == reads["pages/data.py"] == set(DATASETS)  # every table, or every one listed
    assert all(reads[page] >= {"countries", "sources"} for page in PAGES)
    assert reached_by("places") >= {"places", "border_crossings"}
    assert reached_by("sources") >= {"remittances", "us_visas", "places"}


@pytest.mark.parametrize("variant", THINNED)
@pytest.mark.parametrize("dataset", DATASETS)
def test_every_page_opens_whatever_thin_version_of_a_dataset_is_published(reads, data_copy, dataset, variant):
    THINNED[variant](data_copy / DATASETS[dataset].filename)
    failed: dict[str, str] = {}
    pages_that_open(dataset, reads, failed)
    assert failed == {}


def slides_reading(deck_file: Path, dataset: str) -> list[int]:
    """The slides a thinning of this dataset can change: those whose chart reads it (`ChartSpec.reads`: its own
    tables, countries and sources), or all of them for the translations of their text. A chart needs no other table:
    tests/test_edition.py draws every one from those alone."""
    slides = parse_deck(deck_file.read_text(encoding="utf-8")).slides
    return [slide.number for slide in slides if dataset in (*ALWAYS_READ, TRANSLATIONS.name)
            or (slide.chart in CHARTS and dataset in CHARTS[slide.chart].reads)]


DECK_DATASETS = [dataset for dataset in DATASETS if any(slides_reading(REPO / "data" / deck_file, dataset)
                                                         for deck_file in DECKS.values())]


@pytest.mark.parametrize("variant", THINNED)
@pytest.mark.parametrize("dataset", DECK_DATASETS)
def test_every_slide_of_every_deck_plays_or_says_why_whatever_thin_version_is_published(data_copy, dataset, variant):
    """Each language's deck in one briefing (its data frozen when it opens on its first slide, after the thinning),
    at every slide whose chart reads the thinned dataset: a chart, or a message naming the slide and why it cannot
    be drawn."""
    THINNED[variant](data_copy / DATASETS[dataset].filename)
    unexplained: dict[str, str] = {}
    for code, deck_file in DECKS.items():
        app = open_page("pages/briefing.py", lang=code, slide="1")
        for number in dict.fromkeys([1, *slides_reading(data_copy / deck_file, dataset)]):
            if app.query_params["slide"] != str(number):
                app.query_params["slide"] = str(number)
                app.run()
            assert not app.exception, f"{deck_file}, slide {number}: {app.exception}"
            assert app.query_params["slide"] == str(number)
            with speaking(code):
                why = _("Slide {number} cannot be shown: {problems}").format(number=number, problems="")
            drawn = app.get("plotly_chart") or app.get("deck_gl_json_chart")
            said = [error.value for error in app.error if error.value.startswith(why)]
            if not drawn and not said:
                unexplained[f"{deck_file}, slide {number}"] = "neither a chart nor a message saying why"
    assert unexplained == {}


@pytest.mark.parametrize("dataset", DATASETS)
def test_a_dataset_published_as_zero_bytes_leaves_readers_its_last_good_version_with_a_notice(data_copy, dataset):
    """Translations are the exception to the notice: only a reader of another language is told (ui/frame.py)."""
    good = load_catalog().table(dataset)
    (data_copy / DATASETS[dataset].filename).write_bytes(b"")
    code = "ru" if DATASETS[dataset].translates else "en"

    page = open_page(lang=code)  # fails on any exception the page shows

    assert load_catalog().table(dataset).equals(good)
    with speaking(code):
        said = (_("Some of the newest text in the data is not translated yet: it is shown in English.")
                if DATASETS[dataset].translates else
                f"{DATASETS[dataset].title}: this dataset failed its check; showing the version of")
    notices = [notice.value for notice in (*page.warning, *page.info)]
    assert any(notice.startswith(said) for notice in notices), notices


@pytest.mark.parametrize("dataset, row_id", NAMED_ROWS)
def test_every_page_opens_without_a_row_the_code_names(reads, data_copy, dataset, row_id):
    path = data_copy / DATASETS[dataset].filename
    header, rows = rows_of(path)
    kept = [row for row in rows if row[0] != row_id]
    assert len(kept) == len(rows) - 1, f"{row_id} is not in {dataset}"
    write(path, header, kept)
    failed: dict[str, str] = {}
    pages_that_open(dataset, reads, failed)
    assert failed == {}


def test_a_map_says_which_arcs_it_cannot_draw_when_a_capital_is_missing(data_copy):
    path = data_copy / "places.csv"
    header, rows = rows_of(path)
    write(path, header, [row for row in rows if row[0] != "astana"])
    page = open_page("pages/exodus.py", on="2022-10-04")
    notes = " ".join(caption.value.replace("\\", "") for caption in page.caption)
    assert "No arc for Kazakhstan: the places data has no capital for it." in notes
    labels = [item for block in page.markdown for item in block.value.splitlines() if item.startswith("- ")]
    assert any(label.startswith("- Kazakhstan\\: ") for label in labels), f"its figure still in words: {labels}"
