"""`make bench` cannot rot: every benchmark runs here on small sizes, writing to a temporary file."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def test_every_benchmark_runs_on_small_sizes_and_writes_its_report(tmp_path):
    report = tmp_path / "BENCHMARKS.md"
    published = REPO / "BENCHMARKS.md"
    before = published.read_bytes() if published.exists() else None
    subprocess.run([sys.executable, "-m", "bench", "--repeats", "1", "--cold-repeats", "1", "--sizes", "2000",
                    "--sessions", "2", "--seconds", "3", "--edition-sessions", "2", "--edition-seconds", "3",
                    "--out", str(report)], cwd=REPO, check=True, timeout=900)
    text = report.read_text(encoding="utf-8")
    for heading in ("## 1. Warm page run", "## 2. Cold first chart", "## 3. Scale", "## 4. Readers at once",
                    "## 5. Readers at once through HAProxy",
                    "## 6. The edition against the app"):
        assert heading in text
    for replicas in (1, 2, 3):
        assert f"`python -m bench --only cluster --replicas {replicas} --sessions 2 --seconds 3`" in text
    assert "| 2 | edition on nginx |" in text and "| first chart painted |" in text
    assert "`pages/overview.py`" in text and "| 2,000 |" in text and "Python 3." in text
    assert (published.read_bytes() if published.exists() else None) == before
