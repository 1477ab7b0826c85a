"""Any bytes in any file under data/ give problems or a fallback, never a traceback (property-based, Hypothesis).

Random bytes, and the real files mutated the ways files really break (cut short, junk inserted, a huge line, another
encoding, NULs, other delimiters, stray quotes), go to the staff-file reader, the check and the check command's own
entry, for every dataset; and to the changelog and history readers.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog import history
from catalog.check import check_paths
from catalog.csvfile import ParsedFile, read_table
from catalog.datasets import DATASETS
from catalog.deckfile import read_deck
from catalog.problems import Problem
from catalog.store import CheckedFile, check_file, load_catalog
from deck.slides import checked_deck, deck_problems
from tests.conftest import DATA

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
REAL = {name: (DATA / dataset.filename).read_bytes() for name, dataset in DATASETS.items()}
HUGE_LINE = b"x" * 200_000


def cut(raw: bytes, at: int) -> bytes:
    return raw[:at]


def insert(raw: bytes, at: int, junk: bytes) -> bytes:
    return raw[:at] + junk + raw[at:]


def reencode(raw: bytes, encoding: str) -> bytes:
    return raw.decode("utf-8", errors="replace").encode(encoding, errors="replace")


@st.composite
def mutated(draw, originals: dict[str, bytes]) -> tuple[str, bytes]:
    """A dataset's name and bytes: random, or its real file with a few of the ways files break."""
    name = draw(st.sampled_from(sorted(originals)))
    raw = originals[name]
    if draw(st.integers(0, 9)) == 0:
        return name, draw(st.binary(max_size=2000))
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(raw)))
        kind = draw(st.sampled_from(["cut", "junk", "huge", "huge quoted", "first line", "encoding", "nul",
                                     "delimiter", "quote", "line ends", "duplicate"]))
        if kind == "cut":
            raw = cut(raw, at)
        elif kind == "junk":
            raw = insert(raw, at, draw(st.binary(min_size=1, max_size=64)))
        elif kind == "huge":
            raw = insert(raw, at, HUGE_LINE)
        elif kind == "huge quoted":
            raw = insert(raw, at, b'"' + HUGE_LINE + draw(st.sampled_from([b'"', b""])) + b"\n")
        elif kind == "first line":
            raw = HUGE_LINE + draw(st.sampled_from([b"", b"\n", b",", b'"'])) + raw
        elif kind == "encoding":
            raw = reencode(raw, draw(st.sampled_from(["utf-16", "utf-16-le", "utf-16-be", "cp1251", "utf-8-sig",
                                                      "latin-1", "utf-32"])))
        elif kind == "nul":
            raw = insert(raw, at, b"\x00" * draw(st.integers(1, 4)))
        elif kind == "delimiter":
            raw = raw.replace(b",", draw(st.sampled_from([b";", b"\t", b"", b",,", b"|"])))
        elif kind == "quote":
            raw = insert(raw, at, draw(st.sampled_from([b'"', b'""', b'"\n"', b"\r", "\ufeff".encode()])))
        elif kind == "line ends":
            raw = raw.replace(b"\n", draw(st.sampled_from([b"\r", b"\r\n", b"\n\n", b""])))
        else:
            raw = raw + raw
    return name, raw


def assert_problems(problems) -> None:
    for problem in problems:
        assert isinstance(problem, Problem)
        assert str(problem)


@SETTINGS
@given(mutated(REAL))
def test_the_reader_gives_cells_or_problems_for_any_bytes(case):
    name, raw = case
    dataset = DATASETS[name]
    parsed = read_table(raw, dataset.filename, dataset)
    assert isinstance(parsed, ParsedFile)
    assert list(parsed.cells.columns) == dataset.column_names
    assert_problems(parsed.problems)


@SETTINGS
@given(mutated(REAL))
def test_the_check_gives_a_table_or_problems_for_any_bytes(case):
    name, raw = case
    dataset = DATASETS[name]
    checked = check_file(dataset, raw, dataset.filename, {})
    assert isinstance(checked, CheckedFile)
    assert_problems(checked.problems)


@SETTINGS
@given(mutated(REAL))
def test_the_check_command_gives_problems_for_any_bytes(tmp_path_factory, case):
    name, raw = case
    path = tmp_path_factory.mktemp("upload") / DATASETS[name].filename
    path.write_bytes(raw)
    problems, catalog = check_paths([path])
    assert_problems(problems)
    assert catalog.states[name].ok == (not [problem for problem in problems if problem.file == str(path)])


def changelog_lines(count: int) -> bytes:
    """A changelog as publishing writes it, `count` lines long."""
    header = ",".join(history.CHANGELOG_COLUMNS) + "\n"
    lines = [f"2026-11-{10 + number}T1{number}:04:10+00:00,us_visas,publish,Aigerim,\"Fixed, and \"\"checked\"\"\","
             f"0,{number},0,20261130T16041083122{number}Z-5d532428e498\n" for number in range(count)]
    return (header + "".join(lines)).encode("utf-8")


CHANGELOG = {"changelog": changelog_lines(4)}
CONFLICTED = changelog_lines(2) + b"<<<<<<< HEAD\n" + changelog_lines(3).split(b"\n", 3)[3] + b"=======\n" \
    + changelog_lines(4).split(b"\n", 3)[3] + b">>>>>>> theirs\n"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """A copy of data/ that the tests below break, one file at a time."""
    copy = tmp_path_factory.mktemp("any-bytes") / "data"
    shutil.copytree(DATA, copy)
    return copy


def assert_changelog(table: pd.DataFrame) -> None:
    assert list(table.columns) == history.CHANGELOG_COLUMNS
    assert isinstance(table["when"].dtype, pd.DatetimeTZDtype)
    assert table["version"].is_unique
    assert all(pd.api.types.is_integer_dtype(table[column]) for column in history.COUNT_COLUMNS)


@SETTINGS
@given(st.one_of(mutated(CHANGELOG).map(lambda case: case[1]), st.just(CONFLICTED), st.just(b""),
                 st.just(changelog_lines(3) + changelog_lines(3).split(b"\n", 1)[1])))
def test_the_changelog_reader_gives_the_lines_it_can_read_and_problems_for_any_bytes(folder, raw):
    (folder / history.CHANGELOG_FILE).write_bytes(raw)
    table, problems = history.read_changelog(folder)
    assert_changelog(table)
    assert_problems(problems)
    assert table.equals(history.changelog(folder))


VERSION_NAMES = st.one_of(
    st.builds(lambda when, digest: f"{when}-{digest}", st.from_regex(r"\A\d{8}T\d{12}Z\Z"),
              st.from_regex(r"\A[0-9a-f]{12}\Z")),
    st.just("20261399T999999999999Z-0123456789ab"), st.text(min_size=1, max_size=20).filter(
        lambda name: "/" not in name and "\x00" not in name and name not in (".", "..")))


@SETTINGS
@given(st.sampled_from(sorted(DATASETS)), st.lists(st.tuples(VERSION_NAMES, st.booleans(), mutated(REAL)),
                                                   max_size=4), st.integers())
def test_history_serves_the_newest_good_version_or_nothing_whatever_it_holds(folder, name, kept, stamp):
    versions = folder / "history" / name
    shutil.rmtree(versions, ignore_errors=True)
    versions.mkdir(parents=True)
    for stem, as_folder, (_, content) in kept:
        path = versions / f"{stem}.csv"
        if path.exists():
            continue
        path.mkdir() if as_folder else path.write_bytes(content)
    (folder / DATASETS[name].filename).write_bytes(b"broken %d" % stamp)

    found = history.versions(folder, name)
    assert all(version.path.is_file() for version in found)
    state = load_catalog(folder).states[name]
    assert not state.ok and (state.served is None or state.served in found)


@SETTINGS
@given(mutated({"briefing": (DATA / "briefing.md").read_bytes()}), st.booleans())
def test_the_deck_reader_and_check_give_problems_for_any_bytes(folder, case, as_folder):
    path = folder / "briefing.md"
    shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
    path.mkdir() if as_folder and case[1] == b"" else path.write_bytes(case[1])
    text, unreadable = read_deck(path)
    assert (text is None) == bool(unreadable)
    if text is not None:
        tables = {name: state.table for name, state in load_catalog(DATA).states.items() if state.usable}
        checked_deck(text, tables)
        assert all(isinstance(problem, str) for problem in deck_problems("briefing.md", text, tables))


def test_a_changelog_line_is_found_whatever_broke_the_file_around_it(folder):
    (folder / history.CHANGELOG_FILE).write_bytes(CONFLICTED + b"\x00\xff junk,,\n" + changelog_lines(1)[-90:])
    table, problems = history.read_changelog(folder)
    assert_changelog(table)
    assert [problem.rule.split(":")[0] for problem in problems][:2] == ["this is a merge-conflict marker"] * 2
    when = datetime(2026, 11, 30, 12, tzinfo=UTC)
    assert when > table["when"].max()
