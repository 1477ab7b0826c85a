"""Maps drawn by deck.gl with no basemap: country outlines from the shipped file, arcs and labelled points on top.

No hosted basemap and no token: `map_provider=None` with no map style makes the map request nothing, so it draws
with the network cut. Tooltips use deck.gl's text mode, never HTML, because their text comes from CSVs.

The map has no ground of its own (the page shows through the sea), so each builder takes the palette of the
reader's theme: light land on a light page, dark land on a dark one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

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


@dataclass(frozen=True)
class MapPalette:
    """The colours a map draws with, besides the countries' own."""

    land: list[int]
    border: list[int]
    ink: list[int]  # named places: dots and names
    tint: int  # opacity of a story country's house colour over the land
    least: list[int]  # the choropleth's two ends, least and most
    most: list[int]
    most_in_words: str  # how a caption names the "most" end


LIGHT_MAP = MapPalette(land=[225, 229, 233, 255], border=[150, 158, 166, 255], ink=[40, 44, 48, 255], tint=70,
                       least=[222, 235, 247, 255], most=[22, 85, 147, 255], most_in_words="Darker")
DARK_MAP = MapPalette(land=[52, 58, 66, 255], border=[110, 118, 128, 255], ink=[232, 235, 238, 255], tint=150,
                      least=[44, 62, 84, 255], most=[124, 196, 242, 255], most_in_words="Brighter")


def outline_layer(outlines: dict, highlighted: set[str], palette: MapPalette) -> pdk.Layer:
    """Every country in the plain land colour; the countries of the story tinted in their house colour."""
    features = [{**feature, "properties": {
        **feature["properties"],
        "fill": rgb(COUNTRY_COLOURS.get(feature["properties"]["iso3"], OTHER_COLOUR), palette.tint)
        if feature["properties"]["iso3"] in highlighted else palette.land}}
        for feature in outlines["features"]]
    return pdk.Layer("GeoJsonLayer", {"type": "FeatureCollection", "features": features}, id="outlines",
                     stroked=True, filled=True, get_fill_color="properties.fill", get_line_color=palette.border,
                     line_width_min_pixels=0.5, pickable=False)


# The app's own face, which the page has loaded, and fallbacks. pydeck reads a bare string as a JavaScript expression
# (and "'Helvetica Neue', Arial" evaluated to nothing, so no name was drawn): the outer double quotes mark it as a
# plain string, and pydeck strips them.
PLACE_NAME_FONT = "\"'Source Sans', Helvetica, Arial, sans-serif\""


def named_points_layers(points: pd.DataFrame, palette: MapPalette) -> list[pdk.Layer]:
    """Small dots with their names beside them (columns lon, lat, name); text is drawn on the GPU from the
    browser's own fonts, so nothing is fetched."""
    return [
        pdk.Layer("ScatterplotLayer", points, id="places", get_position=["lon", "lat"], get_fill_color=palette.ink,
                  get_radius=8_000, radius_min_pixels=3, radius_max_pixels=5, pickable=True),
        pdk.Layer("TextLayer", points, id="place-names", get_position=["lon", "lat"], get_text="name",
                  get_size=12, get_color=palette.ink, get_text_anchor="'start'", get_pixel_offset=[6, 0],
                  font_family=PLACE_NAME_FONT),
    ]


def arc_map(arcs: pd.DataFrame, outlines: dict, *, centre: tuple[float, float], zoom: float,
            points: pd.DataFrame | None = None, palette: MapPalette = LIGHT_MAP) -> pdk.Deck:
    """Arcs from (from_lon, from_lat) to (to_lon, to_lat), `width` in pixels and `colour` as hex, with a `label`
    tooltip; the end points are drawn as dots so a thin arc can still be found. An optional `tilt` column (degrees)
    keeps two arcs between the same places, one each way, apart. `points` (lon, lat, name) are named on the map."""
    table = arcs.assign(source_colour=[rgb(colour) for colour in arcs["colour"]])
    ends = pd.DataFrame({"lon": arcs["to_lon"], "lat": arcs["to_lat"], "label": arcs["label"],
                         "source_colour": table["source_colour"]})
    layers = [
        outline_layer(outlines, set(arcs.get("countries", pd.Series(dtype=object)).explode().dropna()), palette),
        pdk.Layer("ArcLayer", table, id="arcs", get_source_position=["from_lon", "from_lat"],
                  get_target_position=["to_lon", "to_lat"], get_width="width", get_source_color="source_colour",
                  get_target_color="source_colour", pickable=True, great_circle=False,
                  get_tilt="tilt" if "tilt" in table else 0),
        pdk.Layer("ScatterplotLayer", ends, id="ends", get_position=["lon", "lat"], get_fill_color="source_colour",
                  get_radius=20_000, radius_min_pixels=4, radius_max_pixels=8, pickable=True),
    ]
    if points is not None:
        layers += named_points_layers(points.assign(label=points["name"]), palette)
    return CompactDeck(layers=layers, map_provider=None, tooltip={"text": "{label}"},
                    initial_view_state=pdk.ViewState(latitude=centre[1], longitude=centre[0], zoom=zoom))


def choropleth_map(values: dict[str, float], labels: dict[str, str], outlines: dict, *,
                   centre: tuple[float, float], zoom: float, palette: MapPalette = LIGHT_MAP) -> pdk.Deck:
    """Countries shaded by a value, from the palette's least to its most colour over the values' own range; others
    in the plain land colour. `labels` give each shaded country's tooltip text."""
    low, high = min(values.values()), max(values.values())
    features = []
    for feature in outlines["features"]:
        iso3 = feature["properties"]["iso3"]
        if iso3 in values:
            share = 0.0 if high == low else (values[iso3] - low) / (high - low)
            fill = [round(least + (most - least) * share) for least, most in zip(palette.least, palette.most,
                                                                                 strict=True)]
            properties = {"iso3": iso3, "fill": fill, "label": labels[iso3]}
        else:
            properties = {"iso3": iso3, "fill": palette.land, "label": ""}
        features.append({**feature, "properties": properties})
    layer = pdk.Layer("GeoJsonLayer", {"type": "FeatureCollection", "features": features}, id="choropleth",
                      stroked=True, filled=True, get_fill_color="properties.fill", get_line_color=palette.border,
                      line_width_min_pixels=0.6, pickable=True)
    return CompactDeck(layers=[layer], map_provider=None, tooltip={"text": "{label}"},
                    initial_view_state=pdk.ViewState(latitude=centre[1], longitude=centre[0], zoom=zoom))
