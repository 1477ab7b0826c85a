"""Maps drawn by deck.gl with no basemap: country outlines from the shipped file, arcs and labelled points on top.

No hosted basemap and no token: `map_provider=None` with no map style makes the map request nothing, so it draws
with the network cut. Tooltips use deck.gl's text mode, never HTML, because their text comes from CSVs.
"""

from __future__ import annotations

import json

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from charts.theme import COUNTRY_COLOURS, OTHER_COLOUR


class CompactDeck(pdk.Deck):
    """A Deck whose JSON is written without indents. pydeck indents it, which makes Python's json module fall back
    to its pure-Python encoder: on every rerun of a map page, encoding the world's outlines took a third of the
    run. The JSON is the same, less the whitespace."""

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize)


def rgb(hex_colour: str, alpha: int = 255) -> list[int]:
    return [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)] + [alpha]


def outline_layer(outlines: dict, highlighted: set[str]) -> pdk.Layer:
    """Every country in light grey; the countries of the story tinted in their house colour."""
    features = [{**feature, "properties": {
        **feature["properties"],
        "fill": rgb(COUNTRY_COLOURS.get(feature["properties"]["iso3"], OTHER_COLOUR), 70)
        if feature["properties"]["iso3"] in highlighted else [225, 229, 233, 255]}}
        for feature in outlines["features"]]
    return pdk.Layer("GeoJsonLayer", {"type": "FeatureCollection", "features": features}, id="outlines",
                     stroked=True, filled=True, get_fill_color="properties.fill", get_line_color=[150, 158, 166],
                     line_width_min_pixels=0.5, pickable=False)


def named_points_layers(points: pd.DataFrame) -> list[pdk.Layer]:
    """Small dark dots with their names beside them (columns lon, lat, name); text is drawn on the GPU from the
    browser's own fonts, so nothing is fetched."""
    return [
        pdk.Layer("ScatterplotLayer", points, id="places", get_position=["lon", "lat"], get_fill_color=[40, 44, 48],
                  get_radius=8_000, radius_min_pixels=3, radius_max_pixels=5, pickable=True),
        pdk.Layer("TextLayer", points, id="place-names", get_position=["lon", "lat"], get_text="name",
                  get_size=12, get_color=[40, 44, 48], get_text_anchor="'start'", get_pixel_offset=[6, 0],
                  font_family="'Helvetica Neue', Arial, sans-serif"),
    ]


def arc_map(arcs: pd.DataFrame, outlines: dict, *, centre: tuple[float, float], zoom: float,
            points: pd.DataFrame | None = None) -> pdk.Deck:
    """Arcs from (from_lon, from_lat) to (to_lon, to_lat), `width` in pixels and `colour` as hex, with a `label`
    tooltip; the end points are drawn as dots so a thin arc can still be found. An optional `tilt` column (degrees)
    keeps two arcs between the same places, one each way, apart. `points` (lon, lat, name) are named on the map."""
    table = arcs.assign(source_colour=[rgb(colour) for colour in arcs["colour"]])
    ends = pd.DataFrame({"lon": arcs["to_lon"], "lat": arcs["to_lat"], "label": arcs["label"],
                         "source_colour": table["source_colour"]})
    layers = [
        outline_layer(outlines, set(arcs.get("countries", pd.Series(dtype=object)).explode().dropna())),
        pdk.Layer("ArcLayer", table, id="arcs", get_source_position=["from_lon", "from_lat"],
                  get_target_position=["to_lon", "to_lat"], get_width="width", get_source_color="source_colour",
                  get_target_color="source_colour", pickable=True, great_circle=False,
                  get_tilt="tilt" if "tilt" in table else 0),
        pdk.Layer("ScatterplotLayer", ends, id="ends", get_position=["lon", "lat"], get_fill_color="source_colour",
                  get_radius=20_000, radius_min_pixels=4, radius_max_pixels=8, pickable=True),
    ]
    if points is not None:
        layers += named_points_layers(points.assign(label=points["name"]))
    return CompactDeck(layers=layers, map_provider=None, tooltip={"text": "{label}"},
                    initial_view_state=pdk.ViewState(latitude=centre[1], longitude=centre[0], zoom=zoom))


def choropleth_map(values: dict[str, float], labels: dict[str, str], outlines: dict, *,
                   centre: tuple[float, float], zoom: float) -> pdk.Deck:
    """Countries shaded by a value (light to dark blue over the values' own range); others plain grey. `labels`
    give each shaded country's tooltip text."""
    low, high = min(values.values()), max(values.values())
    features = []
    for feature in outlines["features"]:
        iso3 = feature["properties"]["iso3"]
        if iso3 in values:
            share = 0.0 if high == low else (values[iso3] - low) / (high - low)
            fill = [int(222 - 200 * share), int(235 - 150 * share), int(247 - 100 * share), 255]
            properties = {"iso3": iso3, "fill": fill, "label": labels[iso3]}
        else:
            properties = {"iso3": iso3, "fill": [235, 238, 241, 255], "label": ""}
        features.append({**feature, "properties": properties})
    layer = pdk.Layer("GeoJsonLayer", {"type": "FeatureCollection", "features": features}, id="choropleth",
                      stroked=True, filled=True, get_fill_color="properties.fill", get_line_color=[120, 128, 136],
                      line_width_min_pixels=0.6, pickable=True)
    return CompactDeck(layers=[layer], map_provider=None, tooltip={"text": "{label}"},
                    initial_view_state=pdk.ViewState(latitude=centre[1], longitude=centre[0], zoom=zoom))
