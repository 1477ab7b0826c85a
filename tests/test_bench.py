"""`make bench` cannot rot: every benchmark runs here on small sizes, writing to a temporary file."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib

from tests.conftest import REPO


def test_every_benchmark_runs_on_small_sizes_and_writes_its_report(tmp_path):
    report = tmp_path / "BENCHMARKS.md"
    published = REPO / "BENCHMARKS.md"
    before = published.read_bytes() if published.exists() else None
    subprocess.run([sys.executable, "-m", "bench", "--repeats", "1", "--cold-repeats", "1", "--sizes", "2000",
                    "--sessions", "2", "--seconds", "3", "--open-sessions", "4", "--edition-sessions", "2",
                    "--edition-seconds", "3",
                    "--replicas", "2",
                    "--out", str(report)], cwd=REPO, check=True, timeout=900,
                   env={**os.environ, "BORDERLINES_EDITION_LANGUAGES": "en"})  # one language builds in half the time
    text = report.read_text(encoding="utf-8")
    for heading in ("## 1. Warm page run", "## 2. Cold first chart", "## 3. Scale", "## 4. Readers at once",
                    "## 5. Readers at once through HAProxy",
                    "## 6. The edition against the app"):
        assert heading in text
    # one row of the cluster section is enough to keep its code from rotting; `make bench` runs 1, 2 and 3
    assert "`python -m bench --only cluster --replicas 2 --sessions 2 --seconds 3`" in text
    assert "| 2 | edition on nginx |" in text and "| first chart painted |" in text
    assert "`pages/overview.py`" in text and "| 2,000 |" in text and "Python 3." in text
    # the readers section measures the reference app beside Borderlines and says whether each target is met
    assert "| one cached chart (reference) |" in text and "| Borderlines, reader pages in turn |" in text
    for target in ("| pages per second |", "| 95th percentile to first chart |", "| memory per open session |"):
        assert target in text
    assert (published.read_bytes() if published.exists() else None) == before


def test_the_server_does_not_watch_the_code_or_collect_all_garbage_after_every_run():
    """Each cost a busy server a quarter to two fifths of its time (bench/findings.md); Streamlit does both unless
    told not to."""
    settings = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert settings["server"]["fileWatcherType"] == "none"
    assert settings["runner"]["postScriptGC"] is False
