"""app.py's page list: stable URL paths that match their files."""

import ast

from tests.conftest import REPO


def pages_in_router() -> list[tuple[str, str]]:
    tree = ast.parse((REPO / "app.py").read_text(encoding="utf-8"))
    pages = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "Page":
            path = node.args[0].value
            url = next(keyword.value.value for keyword in node.keywords if keyword.arg == "url_path")
            pages.append((path, url))
    return pages


def test_every_page_file_is_routed_and_its_url_path_is_its_file_name():
    """Streamlit's legacy pages/ mode finds a deep link by file name on a fresh server (see ui/legacy_pages.py)."""
    routed = pages_in_router()
    assert sorted(path for path, _ in routed) == sorted(f"pages/{p.name}" for p in (REPO / "pages").glob("*.py"))
    for path, url in routed:
        assert url == path.removeprefix("pages/").removesuffix(".py")
