"""Shared fixtures: a private copy of data/ per test, and helpers to write files the way staff save them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A copy of data/ that the catalog reads instead of the real one, so a test may break it freely."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    monkeypatch.setenv("BORDERLINES_DATA_DIR", str(copy))
    return copy


@pytest.fixture(autouse=True)
def fresh_streamlit_caches():
    """st.cache_data outlives an AppTest run inside one pytest process; start every test clean."""
    yield
    import streamlit as st

    st.cache_data.clear()
