"""The Entry bans page (AppTest): both directions by default, narrowed by filters in the URL."""

import json

from streamlit.testing.v1 import AppTest

from catalog import load
from tests.conftest import open_page


def download_labels(app: AppTest) -> list[str]:
    return [button.proto.label for button in app.get("download_button")]


def test_both_directions_and_every_ban_by_default():
    app = open_page("pages/entry_bans.py")
    assert app.title[0].value == "Entry bans"
    assert len(app.get("plotly_chart")) == 2
    deck = json.loads(app.get("deck_gl_json_chart")[0].proto.json)
    arcs = next(layer for layer in deck["layers"] if layer["id"] == "arcs")["data"]
    assert len(arcs) == 2  # one arc each way
    assert download_labels(app)[0] == f"Download these {len(load('entry_bans'))} rows (CSV)"


def test_a_direction_in_the_url_shows_only_that_direction():
    app = open_page("pages/entry_bans.py", direction="RUS>KAZ")
    bans = load("entry_bans")
    expected = bans[(bans["banning_country"] == "RUS") & (bans["nationality"] == "KAZ")]
    assert download_labels(app)[0] == f"Download these {len(expected)} rows (CSV)"
    table = app.dataframe[0].value
    assert set(table["person_or_group"]) == set(expected["person_or_group"])


def test_a_search_in_the_url_finds_names_and_context():
    app = open_page("pages/entry_bans.py", q="historian")
    bans = load("entry_bans")
    text = bans["person_or_group"] + " " + bans["reason_or_context"].fillna("")
    expected = bans[text.str.contains("historian", case=False)]
    assert len(expected) >= 1
    assert set(app.dataframe[0].value["person_or_group"]) == set(expected["person_or_group"])


def test_a_search_that_matches_nothing_says_so():
    app = open_page("pages/entry_bans.py", q="no such person anywhere")
    assert app.info[0].value == "No bans match these filters."
