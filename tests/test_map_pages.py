"""Every map on its page has what every chart has: Chart and Table tabs, the rows it draws in its table, a CSV of
exactly those rows, its sources, and its text alternative (and the marks in words under it), read from the page as
a reader's browser gets it (AppTest), in the default view and in one a link narrows."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from catalog import country_names, load
from charts.exodus import since_mobilization_on
from charts.registry import CHARTS
from tests.conftest import open_page


@dataclass
class MapBlock:
    """A map's chart block as the reader gets it."""

    tabs: list[str]
    alt: str
    in_words: list[str]
    table: pd.DataFrame
    sources: str  # the source line, or the list of sources
    sources_label: str  # "" for a line; the list's label ("Sources (4)") for a list
    download: str


def plain(markdown: str) -> str:
    """Markdown as a reader reads it: escapes taken out."""
    return re.sub(r"\\(.)", r"\1", markdown)


def the_map(app: AppTest) -> MapBlock:
    """The one map on the page, with what follows its tabs up to its CSV button."""
    blocks = list(app.main.children.values())
    with_a_map = [at for at, block in enumerate(blocks) if block.type == "tab_container"
                  and list(block.children.values())[0].get("deck_gl_json_chart")]
    assert len(with_a_map) == 1, "one map on the page, inside its tabs"
    at = with_a_map[0]
    chart_tab, table_tab = list(blocks[at].children.values())
    words = [line.removeprefix("- ") for markdown in chart_tab.markdown
             for line in plain(markdown.value).splitlines()]
    after = blocks[at + 1:]
    download = next(block for block in after if block.type == "download_button")
    sources = after[0]
    if sources.type == "expander":
        source_text, label = "\n".join(markdown.value for markdown in sources.markdown), sources.label
    else:
        assert sources.type == "caption", f"a source line or list right under the tabs, not {sources.type}"
        source_text, label = sources.value, ""
    return MapBlock([tab.label for tab in blocks[at].children.values()],
                    chart_tab.get("deck_gl_json_chart")[0].proto.alt, words, table_tab.dataframe[0].value,
                    source_text, label, download.proto.label)


def exodus_rows(app: AppTest) -> pd.DataFrame:
    day = next(box for box in app.selectbox if box.label == "Figures stated by").value
    return since_mobilization_on(load("border_crossings"), pd.Timestamp(day))


def bans_rows(app: AppTest) -> pd.DataFrame:
    bans = load("entry_bans")
    direction = app.query_params.get("direction", "all")
    direction = direction[0] if isinstance(direction, list) else direction
    if direction == "all":
        return bans
    banning, nationality = direction.split(">")
    return bans[(bans["banning_country"] == banning) & (bans["nationality"] == nationality)]


def refusal_rows(app: AppTest) -> pd.DataFrame:
    year = next(box for box in app.selectbox if box.label == "Year").value
    visas = load("us_visas")
    return visas[(visas["measure"] == "b_visa_refusal_rate") & visas["same_as"].isna()
                 & (visas["period_start"].dt.year == int(year))]


# page, the link's parameters, the map, its key column, the rows it must show, how its words name them
MAPS = [
    ("pages/exodus.py", {}, "exodus_map", "figure_id", exodus_rows, "destination_country"),
    ("pages/exodus.py", {"on": "2022-10-04"}, "exodus_map", "figure_id", exodus_rows, "destination_country"),
    ("pages/entry_bans.py", {}, "bans_map", "ban_id", bans_rows, "banning_country"),
    ("pages/entry_bans.py", {"direction": "RUS>KAZ"}, "bans_map", "ban_id", bans_rows, "banning_country"),
    ("pages/us_restrictions.py", {}, "us_refusal_map", "figure_id", refusal_rows, "country"),
    ("pages/us_restrictions.py", {"year": "2019"}, "us_refusal_map", "figure_id", refusal_rows, "country"),
]


@pytest.mark.parametrize(("page", "query", "name", "key", "expected_rows", "named_by"), MAPS,
                         ids=[f"{name}-{'-'.join(query.values()) or 'default'}" for _, query, name, *_ in MAPS])
def test_a_map_has_what_every_chart_has(page, query, name, key, expected_rows, named_by):
    app = open_page(page, **query)
    shown = the_map(app)
    expected = expected_rows(app)
    assert len(expected) > 0

    assert shown.tabs == ["Chart", "Table"]
    assert sorted(shown.table[key]) == sorted(expected[key]), "the table holds exactly the rows the map draws"
    rows = len(expected)
    assert shown.download == (f"Download these {rows} rows (CSV)" if rows > 1 else "Download this 1 row (CSV)")

    sources = load("sources").set_index("source_id")
    used = sorted(expected["source_id"].unique())
    for source in used:
        assert f"]({sources.at[source, 'url']})" in shown.sources, f"{source} linked"
        assert plain(sources.at[source, "publisher"]) in plain(shown.sources), f"{source}'s publisher named"
    assert len(re.findall(r"\]\(https?://", shown.sources)) == len(used), "no source of rows not shown"
    if len(used) <= 3:
        assert shown.sources_label == "" and shown.sources.startswith("Source")
    else:
        assert shown.sources_label == f"Sources ({len(used)})"

    assert shown.alt.startswith(f"{CHARTS[name].title}. Map of "), "named by its title, then what it shows"
    assert shown.in_words, "the marks in words under the map"
    assert all(words in shown.alt for words in shown.in_words), "the words under the map are in its alternative"
    drawn = {country_names()[iso3] for iso3 in expected[named_by]}
    assert sorted(country for words in shown.in_words for country in drawn if words.startswith(f"{country}")) == \
        sorted(drawn), "a line in words for each country drawn"
    assert len(shown.in_words) == len(drawn)
