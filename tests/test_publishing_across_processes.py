"""The publish lock, history and changelog hold across processes, as they must when several replicas of the app share
one data folder; and a publish by one process is what another process's next load reads."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import time
from pathlib import Path

from catalog import history, load_catalog
from catalog.publish import PublishConflict, publish
from catalog.store import published_content
from tests.conftest import REPO
from tests.csv_edits import restate

REPLICAS = 4


def with_value(content: bytes, row_index: int, value: str) -> bytes:
    """us_visas.csv as given, with one row's figure changed (and restated in its quote, as staff do)."""
    records = list(csv.reader(io.StringIO(content.decode("utf-8"))))
    restate(records[1:], records[0], value, row_index)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(records)
    return out.getvalue().encode("utf-8")


def editor_on_a_replica(data_dir: str, number: int, go: str) -> None:
    """One editor on one replica: waits for `go` to exist, then edits its own row of the file as published at that
    moment and publishes it; told that someone published in between, it starts again from the new file."""
    directory = Path(data_dir)
    while not Path(go).exists():
        time.sleep(0.01)
    conflicts = 0
    while True:
        base = published_content("us_visas", directory)
        try:
            publish(directory, "us_visas", with_value(base, number, f"{10 + number}.25"), base=base,
                    editor=f"Editor {number}", note=f"Row {number}")
            break
        except PublishConflict:
            conflicts += 1
    print(json.dumps({"conflicts": conflicts}))


def test_editors_on_four_replicas_publishing_at_once_lose_nothing(data_copy, tmp_path):
    original = (data_copy / "us_visas.csv").read_bytes()
    kept_before = {version.id for version in history.versions(data_copy, "us_visas")}
    go = tmp_path / "go"
    code = "from tests.test_publishing_across_processes import editor_on_a_replica as edit; edit({!r}, {}, {!r})"
    editors = [subprocess.Popen([sys.executable, "-c", code.format(str(data_copy), number, str(go))], cwd=REPO,
                                stdout=subprocess.PIPE, text=True) for number in range(REPLICAS)]
    time.sleep(3)  # every process has imported the catalog and waits
    go.touch()
    reports = [json.loads(editor.communicate(timeout=300)[0].strip().splitlines()[-1]) for editor in editors]
    assert all(editor.returncode == 0 for editor in editors)

    published = list(csv.DictReader(io.StringIO((data_copy / "us_visas.csv").read_text(encoding="utf-8"))))
    assert [row["value"] for row in published[:REPLICAS]] == [f"{10 + number}.25" for number in range(REPLICAS)]
    log = history.changelog(data_copy)
    assert sorted(log["editor"]) == [f"Editor {number}" for number in range(REPLICAS)]
    kept = {version.id: version.content() for version in history.versions(data_copy, "us_visas")}
    assert original in kept.values() and len(set(kept) - kept_before) == REPLICAS, "one version kept per publish"
    assert set(log["version"]) <= set(kept)
    assert kept[log.iloc[0]["version"]] == (data_copy / "us_visas.csv").read_bytes()
    assert sum(report["conflicts"] for report in reports) >= 1, "the editors never published at the same time"


def test_what_one_process_publishes_or_rolls_back_is_what_another_loads_next(data_copy):
    before = load_catalog().table("us_visas").iloc[0]["value"]
    published_before = (data_copy / "us_visas.csv").read_bytes()
    publish_in_another_process = (
        "from pathlib import Path\n"
        "from catalog.publish import publish\n"
        "from tests.test_publishing_across_processes import with_value\n"
        f"directory = Path({str(data_copy)!r})\n"
        "base = (directory / 'us_visas.csv').read_bytes()\n"
        "publish(directory, 'us_visas', with_value(base, 0, '61.2'), base=base, editor='A', note='Fix')\n")
    subprocess.run([sys.executable, "-c", publish_in_another_process], cwd=REPO, check=True, timeout=300)
    assert load_catalog().table("us_visas").iloc[0]["value"] == 61.2

    first = next(version for version in history.versions(data_copy, "us_visas")
                 if version.content() == published_before)
    roll_back_in_another_process = (
        "from pathlib import Path\n"
        "from catalog.publish import rollback\n"
        f"directory = Path({str(data_copy)!r})\n"
        f"rollback(directory, 'us_visas', {first.id!r}, editor='B', note='Undo',\n"
        "         base=(directory / 'us_visas.csv').read_bytes())\n")
    subprocess.run([sys.executable, "-c", roll_back_in_another_process], cwd=REPO, check=True, timeout=300)
    assert load_catalog().table("us_visas").iloc[0]["value"] == before
