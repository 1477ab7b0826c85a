"""Embed and Cite under every chart in the app (AppTest): the iframe code for this data version or the latest, and
the citation, both at the edition's address from edition.toml (here from the environment)."""

from __future__ import annotations

import re

from catalog import load_catalog
from charts.registry import CHARTS
from tests.conftest import open_page

ADDRESS = "https://charts.example.org/borderlines/"


def codes(app) -> list[str]:
    return [block.value for block in app.code]


def test_every_chart_block_has_its_embed_code_and_citation_at_the_editions_address(monkeypatch):
    monkeypatch.setenv("BORDERLINES_EDITION_URL", ADDRESS)
    app = open_page("pages/entry_bans.py")
    version = load_catalog().version
    shown = codes(app)
    for name in ("bans_timeline", "bans_by_occupation", "bans_map"):
        embed = f'<iframe src="{ADDRESS}v/{version}/embed/{name}/" title="{CHARTS[name].title}"'
        assert any(code.startswith(embed) for code in shown), name
        assert any(code.startswith(f"Borderlines. \u201c{CHARTS[name].title}\u201d. Data version {version}, published")
                   and code.endswith(f" {ADDRESS}v/{version}/embed/{name}/") for code in shown), name
    assert all("borderlines:height" in code for code in shown if code.startswith("<iframe"))


def test_the_latest_can_be_embedded_instead(monkeypatch):
    monkeypatch.setenv("BORDERLINES_EDITION_URL", ADDRESS)
    app = open_page("pages/money.py")
    app.radio(key="embed-version-transfers_by_year").set_value("latest").run()
    embed = next(code for code in codes(app) if "embed/transfers_by_year/" in code)
    assert re.search(rf'src="{re.escape(ADDRESS)}latest/embed/transfers_by_year/"', embed)
