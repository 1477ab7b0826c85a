"""Publishing, history, rollback and the conflict check: nothing an editor does may lose data or half-write a file."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys

import pandas as pd
import pytest

from catalog import history, load_catalog
from catalog.publish import PublishConflict, PublishFailed, PublishRefused, draft, publish, rollback
from catalog.store import published_content
from tests.conftest import REPO
from tests.csv_edits import correct_figure, restate, rows_of, write

EDITOR = {"editor": "Aigerim", "note": "Corrected a figure from the source"}


def edited(data_dir, dataset: str, column: str, value: str, row_index: int = 0) -> bytes:
    """The dataset's published file with one cell changed, as bytes an editor would upload (the file is untouched)."""
    path = data_dir / f"{dataset}.csv"
    header, rows = rows_of(path)
    if column == "value":  # a corrected figure comes with the source's sentence that states it
        restate(rows, header, value, row_index)
    else:
        rows[row_index][header.index(column)] = value
    scratch = data_dir.parent / f"upload-{dataset}.csv"
    write(scratch, header, rows)
    return scratch.read_bytes()


def test_a_publish_replaces_the_file_keeps_both_versions_and_logs_who_and_why(data_copy):
    before = (data_copy / "us_visas.csv").read_bytes()
    after = edited(data_copy, "us_visas", "value", "61.2")

    entry = publish(data_copy, "us_visas", after, base=before, **EDITOR)

    assert (data_copy / "us_visas.csv").read_bytes() == after
    kept = [version.content() for version in history.versions(data_copy, "us_visas")]
    assert kept[0] == after and before in kept
    log = history.changelog(data_copy)
    assert log.iloc[0][["dataset", "action", "editor", "note", "rows_added", "rows_changed", "rows_removed"]].tolist() \
        == ["us_visas", "publish", "Aigerim", "Corrected a figure from the source", 0, 1, 0]
    assert log.iloc[0]["version"] == entry.version == history.versions(data_copy, "us_visas")[0].id


def test_readers_get_the_published_version_on_their_next_load(data_copy):
    before = (data_copy / "us_visas.csv").read_bytes()
    publish(data_copy, "us_visas", edited(data_copy, "us_visas", "value", "61.2"), base=before, **EDITOR)
    assert load_catalog().table("us_visas").iloc[0]["value"] == 61.2


def test_a_file_that_fails_its_check_is_refused_and_nothing_is_written(data_copy):
    before = (data_copy / "us_visas.csv").read_bytes()
    with pytest.raises(PublishRefused) as refused:
        publish(data_copy, "us_visas", edited(data_copy, "us_visas", "value", "lots"), base=before, **EDITOR)
    assert "column 'value', value 'lots'" in str(refused.value)
    assert (data_copy / "us_visas.csv").read_bytes() == before
    assert history.changelog(data_copy).empty


def test_a_publish_needs_a_name_and_a_note(data_copy):
    before = (data_copy / "us_visas.csv").read_bytes()
    with pytest.raises(ValueError, match="change note"):
        publish(data_copy, "us_visas", before, base=before, editor="Aigerim", note="  ")


def test_an_unknown_dataset_name_is_refused_before_any_path_is_built(data_copy):
    with pytest.raises(ValueError, match="no dataset called"):
        publish(data_copy, "../../etc/passwd", b"x", base=None, **EDITOR)
    with pytest.raises(ValueError, match="no dataset called"):
        history.versions(data_copy, "../sources")


def test_the_published_file_an_editor_starts_from_comes_from_the_data_layer(data_copy):
    assert published_content("us_visas") == (data_copy / "us_visas.csv").read_bytes()
    (data_copy / "us_visas.csv").unlink()
    assert published_content("us_visas", data_copy) is None
    with pytest.raises(ValueError, match="no dataset called"):
        published_content("../us_visas", data_copy)


def test_publish_refuses_when_someone_else_published_after_the_editor_loaded(data_copy):
    loaded = (data_copy / "us_visas.csv").read_bytes()
    theirs = edited(data_copy, "us_visas", "value", "61.2")
    publish(data_copy, "us_visas", theirs, base=loaded, editor="Daniyar", note="Their fix")
    mine = edited(data_copy, "us_visas", "value", "12.5", row_index=1)  # made from the file as it is now...

    with pytest.raises(PublishConflict) as conflict:
        publish(data_copy, "us_visas", mine, base=loaded, **EDITOR)  # ...but claims to be based on the old one

    changes = conflict.value.between.changes
    # A corrected figure comes with its source's sentence, so the quote changed with it.
    quote = next(change for change in changes if change.column == "quote")
    assert [(change.column, change.before, change.after) for change in changes] == [
        ("value", "59.56", "61.2"), ("quote", quote.before, quote.before.replace("59.56", "61.2", 1))]
    assert (data_copy / "us_visas.csv").read_bytes() == theirs


def test_rollback_publishes_an_earlier_version_again_and_says_so_in_the_changelog(data_copy):
    original = (data_copy / "us_visas.csv").read_bytes()
    kept_before = len(history.versions(data_copy, "us_visas"))  # the original and any earlier published versions
    publish(data_copy, "us_visas", edited(data_copy, "us_visas", "value", "61.2"), base=original, **EDITOR)
    first = next(version for version in history.versions(data_copy, "us_visas") if version.content() == original)

    rollback(data_copy, "us_visas", first.id, editor="Daniyar", note="The old figure was right",
             base=(data_copy / "us_visas.csv").read_bytes())

    assert (data_copy / "us_visas.csv").read_bytes() == original
    latest = history.changelog(data_copy).iloc[0]
    assert latest["action"] == "rollback" and latest["editor"] == "Daniyar"
    assert "The old figure was right" in latest["note"] and latest["rows_changed"] == 1
    assert len(history.versions(data_copy, "us_visas")) == kept_before + 2  # and now the edit and the rollback


def test_rollback_only_accepts_versions_that_exist(data_copy):
    base = (data_copy / "us_visas.csv").read_bytes()
    with pytest.raises(KeyError):
        rollback(data_copy, "us_visas", "../../sources", editor="A", note="n", base=base)


def test_a_crash_between_write_and_rename_leaves_the_published_file_intact(data_copy, monkeypatch):
    before = (data_copy / "us_visas.csv").read_bytes()

    def power_cut(source, target):
        raise OSError("power cut")

    monkeypatch.setattr(os, "replace", power_cut)
    with pytest.raises(OSError, match="power cut"):
        publish(data_copy, "us_visas", edited(data_copy, "us_visas", "value", "61.2"), base=before, **EDITOR)

    assert (data_copy / "us_visas.csv").read_bytes() == before
    assert not list(data_copy.glob(".*.partial")), "the half-written file is cleaned up"
    assert history.changelog(data_copy).empty


def test_history_survives_a_restart_because_it_is_files_on_disk(data_copy):
    before = (data_copy / "us_visas.csv").read_bytes()
    publish(data_copy, "us_visas", edited(data_copy, "us_visas", "value", "61.2"), base=before, **EDITOR)
    restarted = history.versions(data_copy, "us_visas")  # a new process reads the same folder
    assert any(version.content() == before for version in restarted)
    assert (data_copy / "history" / "us_visas" / f"{restarted[0].id}.csv").exists()


def test_an_excel_export_is_checked_like_the_check_command_and_published_as_plain_utf8(data_copy):
    text = (data_copy / "countries.csv").read_text(encoding="utf-8").replace(",", ";").replace("\n", "\r\n")
    upload = b"\xef\xbb\xbf" + text.encode("utf-8")

    candidate = draft("countries", upload, "countries-export.csv", data_copy)

    assert candidate.problems == []
    assert candidate.content == (data_copy / "countries.csv").read_bytes()


def test_a_draft_names_the_uploaded_file_in_its_problems(data_copy):
    candidate = draft("us_visas", edited(data_copy, "us_visas", "period_start", "2023-13-01"), "visas.csv", data_copy)
    assert [str(problem) for problem in candidate.problems] == [
        "visas.csv, row 2, column 'period_start', value '2023-13-01': must be a real calendar date written "
        "YYYY-MM-DD (for example 2022-09-21)"]
    assert candidate.table is None


KILLED_AT_STEP = """
import os, signal, sys, tempfile
from pathlib import Path

from catalog.publish import publish

directory, content, base, step = Path(sys.argv[1]), Path(sys.argv[2]).read_bytes(), Path(sys.argv[3]), int(sys.argv[4])
steps = 0


def killed_before(operation):
    def counted(*args, **kwargs):
        global steps
        steps += 1
        if steps == step:
            os.kill(os.getpid(), signal.SIGKILL)  # a crash, a kill -9, an out-of-memory kill: no clean-up runs
        return operation(*args, **kwargs)
    return counted


for name in ("replace", "rename", "fsync", "unlink", "mkdir", "close"):
    setattr(os, name, killed_before(getattr(os, name)))
tempfile.mkstemp = killed_before(tempfile.mkstemp)
publish(directory, "us_visas", content, base=base.read_bytes(), editor="Aigerim", note="Killed at every step")
print(steps)
"""


def state_of(data_dir) -> tuple[bytes, pd.DataFrame, dict[str, bytes]]:
    kept = {version.id: version.content() for version in history.versions(data_dir, "us_visas")}
    return (data_dir / "us_visas.csv").read_bytes(), history.changelog(data_dir), kept


def partial_files(data_dir) -> list:
    return [path for path in data_dir.rglob("*") if path.name.endswith(".partial") or path.name == history.JOURNAL]


def test_a_publish_killed_at_any_step_leaves_file_changelog_and_history_consistent_and_a_retry_publishes_once(
        data_copy, tmp_path):
    correct_figure(data_copy, "us_visas", "59.6")  # a hand edit, not kept yet: the publish keeps it first
    old = (data_copy / "us_visas.csv").read_bytes()
    publish(data_copy, "countries", (data_copy / "countries.csv").read_bytes() + b"AFG,Afghanistan\n",
            base=(data_copy / "countries.csv").read_bytes(), editor="Daniyar", note="An earlier line")
    new = edited(data_copy, "us_visas", "value", "61.2")
    (tmp_path / "new.csv").write_bytes(new)
    (tmp_path / "base.csv").write_bytes(old)
    pristine = tmp_path / "pristine"
    shutil.copytree(data_copy, pristine)

    step = 0
    while True:
        step += 1
        shutil.rmtree(data_copy)
        shutil.copytree(pristine, data_copy)
        _, log_before, kept_before = state_of(data_copy)
        run = subprocess.run([sys.executable, "-c", KILLED_AT_STEP, str(data_copy), str(tmp_path / "new.csv"),
                              str(tmp_path / "base.csv"), str(step)], cwd=REPO, capture_output=True, text=True,
                             timeout=120, check=False)
        if run.returncode == 0:
            break  # the publish ran to its end before this step
        assert run.returncode == -signal.SIGKILL, run.stderr

        # As the crash left it: the old file or the new one, whole; never the new one without its log line.
        live, log, kept = state_of(data_copy)
        assert live in (old, new), f"step {step}"
        added = log.iloc[: len(log) - len(log_before)]
        assert log.iloc[len(added):].reset_index(drop=True).equals(log_before), f"step {step}"
        assert len(added) <= 1 and (live == old or len(added) == 1), f"step {step}: published but not logged"
        assert all(kept[version] == new for version in added["version"]), f"step {step}"

        # As the next reader (or publish) finds it: a logged publish is finished, an unlogged one never happened.
        load_catalog(data_copy)
        live, log, kept = state_of(data_copy)
        assert (live == new) == (len(log) == len(log_before) + 1), f"step {step}"
        assert set(kept) - set(kept_before) <= set(log["version"]) | {v for v, c in kept.items() if c == old}, \
            f"step {step}: a version kept that was never published"
        assert not [path for path in partial_files(data_copy) if path.name == history.JOURNAL], f"step {step}"

        # The editor, told nothing, publishes again from the version they opened: published once, and said so.
        entry = publish(data_copy, "us_visas", new, base=old, editor="Aigerim", note="Killed at every step")
        live, log, kept = state_of(data_copy)
        assert live == new and kept[entry.version] == new, f"step {step}"
        assert log["note"].tolist().count("Killed at every step") == 1, f"step {step}"
        assert log.iloc[0]["version"] == entry.version, f"step {step}"
        assert not partial_files(data_copy), f"step {step}: partial files left"
    assert step > 8, f"only {step - 1} steps were killed: the counting has broken"


@pytest.mark.parametrize("error, words", [
    (OSError(errno.ENOSPC, "No space left on device"), "the disk that holds the data folder"),
    (OSError(errno.EROFS, "Read-only file system"), "this server may not write to the data folder"),
])
def test_a_full_disk_or_a_read_only_folder_at_any_write_publishes_nothing_and_says_why(data_copy, monkeypatch, error,
                                                                                         words):
    correct_figure(data_copy, "us_visas", "59.6")
    old = (data_copy / "us_visas.csv").read_bytes()
    new = edited(data_copy, "us_visas", "value", "61.2")
    writes = {"count": 0, "failing": 0}
    real_fsync, real_mkstemp = os.fsync, history.tempfile.mkstemp

    def failing(operation):
        def write(*args, **kwargs):
            writes["count"] += 1
            if writes["count"] == writes["failing"]:
                raise error
            return operation(*args, **kwargs)
        return write

    monkeypatch.setattr(os, "fsync", failing(real_fsync))
    monkeypatch.setattr(history.tempfile, "mkstemp", failing(real_mkstemp))
    while True:
        writes["count"], writes["failing"] = 0, writes["failing"] + 1
        live, log, kept = state_of(data_copy)
        try:
            publish(data_copy, "us_visas", new, base=old, **EDITOR)
        except PublishFailed as failed:
            assert str(failed).startswith("Nothing was published: ") and words in str(failed)
            after = state_of(data_copy)
            assert after[0] == live == old and after[1].equals(log)
            assert {version: content for version, content in after[2].items() if content != old} == \
                {version: content for version, content in kept.items() if content != old}, "no version kept"
            assert not partial_files(data_copy), "nothing half-written is left"
            continue
        break
    assert writes["failing"] > 5 and (data_copy / "us_visas.csv").read_bytes() == new


def test_a_changelog_that_would_swallow_the_new_line_refuses_the_publish_and_says_so(data_copy):
    (data_copy / "changelog.csv").write_text(
        "when,dataset,action,editor,note,rows_added,rows_changed,rows_removed,version\n"
        '2026-11-30T16:04:10+00:00,countries,publish,A,"a note never closed', encoding="utf-8")
    before = (data_copy / "us_visas.csv").read_bytes()
    with pytest.raises(PublishFailed, match="^Nothing was published: changelog.csv is damaged at its end"):
        publish(data_copy, "us_visas", edited(data_copy, "us_visas", "value", "61.2"), base=before, **EDITOR)
    assert (data_copy / "us_visas.csv").read_bytes() == before and not partial_files(data_copy)


def test_a_changelog_cut_short_or_joined_by_a_merge_still_takes_the_next_line(data_copy):
    (data_copy / "changelog.csv").write_bytes(b"<<<<<<< HEAD\n=======\n>>>>>>> theirs")  # no header, no last newline
    before = (data_copy / "us_visas.csv").read_bytes()
    entry = publish(data_copy, "us_visas", edited(data_copy, "us_visas", "value", "61.2"), base=before, **EDITOR)
    assert history.changelog(data_copy)["version"].tolist() == [entry.version]
