"""Maps send the browser the same deck JSON pydeck writes, only without its indents (which made it slow)."""

from __future__ import annotations

import json

import pandas as pd
import pydeck as pdk

from catalog.boundaries import country_outlines
from charts.maps import arc_map, choropleth_map
from tests.figures import drawing


def test_a_map_sends_the_same_json_as_pydeck_without_the_whitespace():
    arcs = pd.DataFrame({"from_lon": [37.62], "from_lat": [55.76], "to_lon": [71.43], "to_lat": [51.17],
                         "width": [3.0], "colour": ["#0072B2"], "countries": [["RUS", "KAZ"]], "label": ["a"]})
    points = pd.DataFrame({"lon": [44.6], "lat": [42.7], "name": ["Upper Lars"]})
    shown = drawing(outlines=country_outlines())
    for deck in (arc_map(arcs, shown, centre=(60, 50), zoom=2, points=points),
                 choropleth_map({"KAZ": 40.0, "UZB": 60.0}, {"KAZ": "k", "UZB": "u"}, shown, centre=(64, 43),
                                zoom=3)):
        compact = deck.to_json()
        assert json.loads(compact) == json.loads(pdk.Deck.to_json(deck))
        assert "\n" not in compact
