"""Streamlit's legacy pages/ mode, as ui/legacy_pages.py relies on it: a tiny app with its own pages/ folder.

When an upgrade changes what the workaround relies on, these fail: then look again whether Streamlit's public API
can do without it.
"""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROUTER = """
import streamlit as st
from ui.legacy_pages import routed

page = st.navigation([st.Page("pages/home.py", url_path="home", default=True),
                      st.Page("pages/deep.py", url_path="deep")])
st.caption("through the tiny app's router")
with routed():
    page.run()
"""
HOME = 'import streamlit as st\n\nst.markdown("home")\n'
DEEP = """
import streamlit as st
{first_line}
st.markdown("deep page")
if st.button("Publish"):
    st.markdown("clicked")
"""


def tiny_app(folder: Path, deep_page_first_line: str) -> Path:
    """app.py with st.navigation, and a pages/ folder beside it: the layout that makes Streamlit use legacy mode."""
    (folder / "pages").mkdir()
    (folder / "pages" / "home.py").write_text(HOME)
    (folder / "pages" / "deep.py").write_text(DEEP.format(first_line=deep_page_first_line))
    (folder / "app.py").write_text(ROUTER)
    return folder / "app.py"


def deep_linked(script: Path) -> AppTest:
    """Open the app, then the deep page: AppTest starts every run afresh in legacy mode, as a fresh server does."""
    app = AppTest.from_file(str(script), default_timeout=30).run()
    app.switch_page("pages/deep.py").run()
    assert not app.exception, app.exception
    return app


def texts(elements) -> list[str]:
    return [element.value for element in elements]


def test_legacy_mode_still_runs_a_deep_linked_page_without_the_main_script(tmp_path):
    app = deep_linked(tiny_app(tmp_path, deep_page_first_line=""))
    assert texts(app.markdown) == ["deep page"]
    assert texts(app.caption) == []  # app.py never ran: the workaround is still needed


def test_a_page_routes_itself_through_the_main_script_of_the_current_run_once(tmp_path):
    app = deep_linked(tiny_app(tmp_path, "from ui.legacy_pages import route_through_main_script\n"
                                         "route_through_main_script()"))
    assert texts(app.caption) == ["through the tiny app's router"]  # this app's router, not the repository's
    assert texts(app.markdown) == ["deep page"]


def test_a_click_survives_the_detour_through_the_main_script(tmp_path):
    app = deep_linked(tiny_app(tmp_path, "from ui.legacy_pages import route_through_main_script\n"
                                         "route_through_main_script()"))
    app.button[0].click().run()
    assert not app.exception, app.exception
    assert texts(app.markdown) == ["deep page", "clicked"]


def test_the_streamlit_internals_it_names_still_exist():
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import get_script_run_ctx, script_runner
    from streamlit.runtime.scriptrunner_utils.script_run_context import ScriptRunContext

    assert callable(get_script_run_ctx)
    assert "main_script_path" in ScriptRunContext.__dataclass_fields__
    assert hasattr(PagesManager, "uses_pages_directory")
    assert callable(script_runner._mpa_v1)
