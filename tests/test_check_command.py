"""`python -m catalog check` as staff run it: exit codes and what it prints."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import REPO


def run_check(*args: str, data_dir=None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if data_dir is not None:
        env["BORDERLINES_DATA_DIR"] = str(data_dir)
    return subprocess.run([sys.executable, "-m", "catalog", "check", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_the_published_data_passes():
    result = run_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK: 14 files passed")


def test_a_broken_file_fails_with_every_problem_on_its_own_line(tmp_path, data_copy):
    broken = tmp_path / "events-draft.csv"
    lines = (data_copy / "events.csv").read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(lines[1].split(",")[1], "2022-13-40", 1)
    lines[2] = lines[2] + ",stray"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = run_check("--as", "events", str(broken), data_dir=data_copy)

    assert result.returncode == 1
    out = result.stdout.splitlines()
    assert out[0].startswith(f"{broken}, row 2, column 'date', value '2022-13-40': must be a real calendar date")
    assert out[1].startswith(f"{broken}, row 3, value ")
    assert out[1].endswith("this row has 9 cells but the header has 8; check for a missing or extra delimiter or "
                           "an unclosed quote")
    assert out[2] == "2 problems in 1 file."
    assert "Traceback" not in result.stderr


def test_a_file_is_checked_against_the_dataset_its_name_says(tmp_path, data_copy):
    copy = tmp_path / "places.csv"
    copy.write_text((data_copy / "places.csv").read_text(encoding="utf-8").replace(",capital,", ",capitol,", 1),
                    encoding="utf-8")
    result = run_check(str(copy), data_dir=data_copy)
    assert result.returncode == 1
    assert "column 'kind', value 'capitol': must be one of: capital, city, crossing" in result.stdout


def test_a_file_whose_name_says_no_dataset_is_refused_with_advice(tmp_path):
    stray = tmp_path / "Book1.csv"
    stray.write_text("a,b\n1,2\n", encoding="utf-8")
    result = run_check(str(stray))
    assert result.returncode == 1
    assert "cannot tell which dataset this file is" in result.stdout and "--as DATASET" in result.stdout


def test_binary_junk_is_a_message_not_a_traceback(tmp_path):
    junk = tmp_path / "events.csv"
    junk.write_bytes(os.urandom(4096))
    result = run_check(str(junk))
    assert result.returncode == 1
    assert f"{junk}: this is not a text CSV file" in result.stdout
    assert result.stderr == ""


def test_an_unknown_dataset_name_is_refused():
    result = run_check("--as", "../../etc/passwd", "x.csv")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_a_very_long_first_line_is_a_message_not_a_traceback(tmp_path, data_copy):
    (data_copy / "events.csv").write_bytes(b"x" * 200_000 + b"\n" + (data_copy / "events.csv").read_bytes())
    for result in (run_check(str(data_copy / "events.csv"), data_dir=data_copy), run_check(data_dir=data_copy)):
        assert result.returncode == 1
        assert "events.csv: the file cannot be read as CSV: field larger than field limit (131072)" in result.stdout
        assert "Traceback" not in result.stderr


def test_the_changelog_lines_that_cannot_be_read_are_listed_with_the_data(data_copy):
    (data_copy / "changelog.csv").write_text(
        "when,dataset,action,editor,note,rows_added,rows_changed,rows_removed,version\n<<<<<<< HEAD\n"
        "2026-02-30T10:00:00+00:00,countries,publish,A,Note,1,0,0,20261130T160410831229Z-5d532428e498\n",
        encoding="utf-8")
    result = run_check(data_dir=data_copy)
    assert result.returncode == 1
    assert result.stdout.splitlines()[:3] == [
        "data/changelog.csv, row 2, value '<<<<<<< HEAD': this is a merge-conflict marker: keep the lines of both "
        "sides and delete the marker lines",
        "data/changelog.csv, row 3, value '2026-02-30T10:00:00+00:00,countries,publish,A,Note,1,0,0,20…': "
        "when must be a real date and time written as ISO 8601 (for example 2026-11-30T16:04:10+00:00)",
        "2 problems in 1 file."]


@pytest.mark.parametrize("damage, why", [
    (lambda path: path.write_bytes(b"\x00\xff junk \x89PNG"), "the file is not valid JSON"),
    (lambda path: path.write_bytes(b""), "the file is not valid JSON"),
    (lambda path: path.write_text('[1, 2, 3]'), "the file is not a TopoJSON topology of countries"),
    (lambda path: path.unlink(), "the file does not exist"),
], ids=["junk bytes", "an empty file", "JSON of the wrong shape", "a missing file"])
def test_a_damaged_map_outlines_file_is_a_problem_naming_it_not_a_traceback(data_copy, damage, why):
    path = data_copy / "boundaries" / "world_110m.json"
    damage(path)
    result = run_check(data_dir=data_copy)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"{path}: {why}" in "\n".join(lines), result.stdout
    problem = next(line for line in lines if line.startswith(f"{path}: "))
    assert problem.endswith("the maps are drawn without country outlines until it is restored")
    assert "1 problem in 1 file." in lines
    assert "OK: every slide of the briefing deck can be shown." in lines
