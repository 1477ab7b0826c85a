"""Shared fixtures: a private copy of data/ per test, and helpers to write files the way staff save them."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect
from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"

# What a browser test waits for before it fails: the same conditions, with the patience two test modules running
# side by side on a two-core machine need (Playwright's default is five seconds).
expect.set_options(timeout=20_000)


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A copy of data/ that the catalog reads instead of the real one, so a test may break it freely; its edition
    (press) is built, if at all, beside it rather than in the repository's edition/."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    monkeypatch.setenv("BORDERLINES_DATA_DIR", str(copy))
    monkeypatch.setenv("BORDERLINES_EDITION_DIR", str(tmp_path / "edition"))
    return copy


EDITOR_PASSWORD = "correct horse battery staple"


@pytest.fixture
def editor_password_set(monkeypatch) -> str:
    """An editor password in the environment, and no failed sign-ins counted before or after the test."""
    from ui.shared_state import forget_failures

    monkeypatch.setenv("BORDERLINES_EDITOR_PASSWORD", EDITOR_PASSWORD)
    forget_failures()
    yield EDITOR_PASSWORD
    forget_failures()


@pytest.fixture(scope="session", autouse=True)
def pictures_drawn_once_per_run(tmp_path_factory, worker_id):
    """Every edition this run builds keeps its pictures in one folder of the run's own, shared by the workers: a
    figure drawn for one build is copied into the next (press/build.py's cache), and a new run draws each anew."""
    run = tmp_path_factory.getbasetemp()
    folder = (run.parent if worker_id != "master" else run) / "pictures"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BORDERLINES_PICTURE_CACHE", str(folder))
        yield


@pytest.fixture(scope="session", autouse=True)
def checked_files_of_their_own(tmp_path_factory):
    """The cache of checked files (catalog/tablecache.py) in a folder of the run's own, not the .cache/ of the
    checkout: a file an earlier run or a developer's `make run` checked would be read back unchecked, and a test that
    counts checks would count none on the second `make test`. The servers the tests start inherit it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BORDERLINES_CACHE_DIR", str(tmp_path_factory.mktemp("checked")))
        yield


@pytest.fixture(scope="session", autouse=True)
def shared_state_of_their_own(tmp_path_factory):
    """Failed sign-ins and briefing rooms (ui/shared_state.py) go to a folder of the tests' own, not the .state/ a
    developer's `make run` uses; the servers the tests start inherit it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BORDERLINES_STATE_DIR", str(tmp_path_factory.mktemp("state")))
        yield


@pytest.fixture(autouse=True)
def fresh_streamlit_caches():
    """st.cache_data and st.cache_resource outlive an AppTest run inside one pytest process; start every test clean."""
    yield
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(scope="session")
def edition_in_two_languages(tmp_path_factory):
    """The edition of the published data in English and Russian, built and served by nginx once per worker: its
    config, build, address and folder. tests/test_edition_russian.py reads its files and tests/test_edition_browser.py
    its pages; on one worker (as they usually are: they come one after the other), the two share one build."""
    from press.serve import free_port, served_edition
    from tests.edition import built_edition

    folder, port = tmp_path_factory.mktemp("edition"), free_port()
    # The environment the build reads is put back at once: the worker's later modules must not see this edition.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BORDERLINES_EDITION_LANGUAGES", "en,ru")
        with built_edition(folder, address=f"http://127.0.0.1:{port}/") as (config, built):
            pass
    with served_edition(folder, port) as base:
        yield config, built, base, folder


@pytest.fixture(scope="module")
def app_url():
    """The app as `make run` serves it, once per test module."""
    from tests.browser import ARTIFACTS, running_app

    ARTIFACTS.mkdir(exist_ok=True)
    with running_app(REPO) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, once per test module (Playwright cannot download its own browser here)."""
    from playwright.sync_api import sync_playwright

    from bench.chromium import CHROMIUM, CHROMIUM_ARGS

    assert Path(CHROMIUM).exists(), f"no Chromium at {CHROMIUM}: run `make test`, which installs it"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def axe_script() -> str:
    """axe-core, pinned in package-lock.json and installed by `make test`, to inject into pages."""
    from tests.browser import AXE

    assert AXE.exists(), f"no axe-core at {AXE}: run `make test`, which installs the node packages"
    return AXE.read_text(encoding="utf-8")


def open_page(page_file: str | None = None, **query: str) -> AppTest:
    """Run app.py as a reader's browser would on following a link to this page (None: the default) with these URL
    parameters: the session's first run is the page's own, as it is for a reader who lands on it. (Every page's
    `url_path` is its file's name, which is how AppTest finds a page before the first run.)"""
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    for key, value in query.items():
        app.query_params[key] = value
    if page_file:
        app.switch_page(page_file)
    app.run()
    assert not app.exception, app.exception
    if page_file:  # a page not found falls back to the default page without a word
        ran = app._registered_pages[app._finished_page_script_hash]["script_path"]
        assert Path(ran).resolve() == (REPO / page_file).resolve(), f"asked for {page_file}, {ran} ran"
    return app


@pytest.fixture
def stopped_clock(monkeypatch):
    """The sign-in throttle's clock held still, so a wait of a few seconds cannot run out while a busy machine
    opens the page again (it did, in CI)."""
    from ui import login

    now = time.time()
    monkeypatch.setattr(login, "time", SimpleNamespace(time=lambda: now))
    return now
