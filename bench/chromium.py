"""Which Chromium the browser tests and the benchmarks drive, and the flags it runs headless with.

Playwright cannot download its own browser here, so both launch Debian's /usr/bin/chromium (BORDERLINES_CHROMIUM
overrides). The settings live under bench/ because the tests may import bench, but bench never imports tests.
"""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("BORDERLINES_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
