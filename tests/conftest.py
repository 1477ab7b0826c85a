"""Shared fixtures: a private copy of data/ per test, and helpers to write files the way staff save them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A copy of data/ that the catalog reads instead of the real one, so a test may break it freely; its edition
    (press) is built, if at all, beside it rather than in the repository's edition/."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    monkeypatch.setenv("BORDERLINES_DATA_DIR", str(copy))
    monkeypatch.setenv("BORDERLINES_EDITION_DIR", str(tmp_path / "edition"))
    return copy


@pytest.fixture(autouse=True)
def fresh_streamlit_caches():
    """st.cache_data and st.cache_resource outlive an AppTest run inside one pytest process; start every test clean."""
    yield
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


def open_page(page_file: str | None = None, **query: str) -> AppTest:
    """Run app.py as a reader's browser would: with these URL parameters, then on this page (None: the default)."""
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    if page_file:
        app.switch_page(page_file)
        app.run()
    assert not app.exception, app.exception
    return app
