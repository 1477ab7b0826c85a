"""The exodus map and chart: figures as stated on the chosen day, never interpolated; a map with no basemap."""

import json

import pandas as pd

from catalog import load
from catalog.boundaries import country_outlines
from charts.exodus import dated_entries, exodus_arcs, exodus_map, exodus_points, since_mobilization_on
from charts.maps import arc_map
from tests.conftest import open_page
from tests.figures import drawing, figure_json

NAMES = {"KAZ": "Kazakhstan", "GEO": "Georgia", "FIN": "Finland", "MNG": "Mongolia", "RUS": "Russia"}


def test_on_a_day_each_country_shows_its_latest_stated_total_and_nothing_is_interpolated():
    latest = since_mobilization_on(load("border_crossings"), pd.Timestamp("2022-10-04")).set_index(
        "destination_country")
    assert latest.loc["KAZ", "value"] == 200000  # 21 Sep-4 Oct, not the 98,000 of 27 Sep
    # 'more than 3,000' by noon on 25 Sep; the 5,001 'in the last 10 days' has no date in its source, so it is on no day
    assert latest.loc["MNG", "value"] == 3000
    assert "GEO" not in latest.index  # Georgia's only total since 21 Sep was stated on 13 Nov


def test_the_arc_map_has_one_arc_per_country_and_asks_for_no_basemap():
    latest = since_mobilization_on(load("border_crossings"), pd.Timestamp("2022-11-29"))
    deck = json.loads(exodus_map(latest, drawing(NAMES, places=load("places"), outlines=country_outlines())).to_json())
    arc_layer = next(layer for layer in deck["layers"] if layer["id"] == "arcs")
    assert len(arc_layer["data"]) == len(latest) == 4
    # No provider and pydeck's unset style placeholder: Streamlit then loads no basemap (the browser test records
    # every request to prove it).
    assert "mapProvider" not in deck
    assert deck.get("mapStyle") in (None, "__MAP_STYLE__")
    assert deck["views"][0]["@@type"] == "MapView"
    kazakh = next(arc for arc in arc_layer["data"] if arc["label"].startswith("Kazakhstan"))
    assert "400,000" in kazakh["label"]


def test_the_statements_chart_draws_points_only():
    figure = exodus_points(dated_entries({"border_crossings": load("border_crossings")}, {}), drawing(NAMES))
    assert {trace.mode for trace in figure.data} == {"markers"}


def test_the_exodus_page_opens_on_the_day_in_the_url():
    app = open_page("pages/exodus.py", on="2022-10-04")
    assert app.title[0].value == "The 2022 exodus"
    assert app.selectbox[0].value == "2022-10-04"
    deck = json.loads(app.get("deck_gl_json_chart")[0].proto.json)
    labels = sorted(arc["label"] for layer in deck["layers"] if layer["id"] == "arcs" for arc in layer["data"])
    assert [label.split(":")[0] for label in labels] == ["Finland", "Kazakhstan", "Mongolia"]
    assert len(figure_json(app.get("plotly_chart")[0])["data"]) == 4
    named = next(layer for layer in deck["layers"] if layer["id"] == "place-names")["data"]
    assert {"Upper Lars", "Oral"} <= {place["name"].split(" (")[0] for place in named}


def test_place_names_are_drawn_in_a_font_not_a_javascript_expression():
    """pydeck reads a bare string as a JavaScript expression; a font list read that way draws no names at all."""
    shown = drawing(NAMES, places=load("places"), outlines=country_outlines())
    latest = since_mobilization_on(load("border_crossings"), pd.Timestamp("2022-11-29"))
    deck = json.loads(arc_map(exodus_arcs(latest, shown), shown, centre=(60, 50), zoom=2,
                              points=load("places").head(3)).to_json())
    names = next(layer for layer in deck["layers"] if layer["id"] == "place-names")
    assert names["fontFamily"] == "'Source Sans', Helvetica, Arial, sans-serif"
    assert names["getText"] == "@@=name"
