"""Maps send the browser the same deck JSON pydeck writes, only without its indents (which made it slow)."""

from __future__ import annotations

import json

import pandas as pd
import pydeck as pdk
import pytest

from catalog import load
from catalog.boundaries import country_outlines
from charts.exodus import exodus_map, since_mobilization_on
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


def test_a_map_sends_only_what_it_draws_and_json_a_browser_can_parse():
    """A places row's other columns (its notes, the staff's notes, empty cells that would be NaN) never reach the
    page: JSON.parse rejects NaN, and staff notes are not for readers."""
    places = load("places").assign(staff_notes=float("nan"), notes="For staff only")
    shown = drawing(outlines=country_outlines(), places=places)
    latest = since_mobilization_on(load("border_crossings"), pd.Timestamp("2022-11-29"))
    text = exodus_map(latest, shown).to_json()
    json.loads(text, parse_constant=lambda constant: pytest.fail(f"{constant} in the map's JSON"))
    assert "For staff only" not in text
