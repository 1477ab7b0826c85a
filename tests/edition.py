"""Building the edition for a test module (or the modules that share one): into a temporary folder, from the published
data or a copy of it, once."""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from catalog.store import forget_checks
from press.build import build_edition
from press.config import edition_config
from press.serve import free_port, served_edition
from tests.conftest import DATA


@contextmanager
def built_edition(folder: Path, data: Path | None = None, address: str = "https://charts.example.org/borderlines/",
                  prepare=None):
    """The edition of a copy of the published data in `data` (None: the published data itself), changed first by
    `prepare(data)`, built in `folder`; yields its config and the build, the environment still pointing at them."""
    with pytest.MonkeyPatch.context() as patch:
        if data is not None:
            shutil.copytree(DATA, data)
            if prepare:
                prepare(data)
            patch.setenv("BORDERLINES_DATA_DIR", str(data))
        patch.setenv("BORDERLINES_EDITION_DIR", str(folder))
        patch.setenv("BORDERLINES_EDITION_URL", address)
        forget_checks()
        config = edition_config()
        yield config, build_edition(config)


@contextmanager
def edition_on_nginx(folder, data=None, prepare=None):
    """An edition built for, and served by, nginx on a port chosen first (its embed codes name that address)."""
    port = free_port()
    with built_edition(folder, data, f"http://127.0.0.1:{port}/", prepare) as (config, built), \
            served_edition(folder, port) as base:
        yield config, built, base
