"""Maps drawn by deck.gl with no basemap: country outlines from the shipped file, arcs and labelled points on top.

No hosted basemap and no token: `map_provider=None` with no map style makes the map request nothing, so it draws
with the network cut. Tooltips use deck.gl's text mode, never HTML, because their text comes from CSVs.

The map has no ground of its own (the page shows through the sea), so land, borders and names take the colours of
the reader's theme from the palette. On a phone a map zooms one step out, so it still shows every country it is
about.
"""

from __future__ import annotations

import json
import weakref

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from charts.palette import Palette, rgb
from charts.spec import Drawing
from i18n import N_, _

# A message: shown through `_()`, or as `crimea_note()`.
CRIMEA_NOTE = N_("Borders follow international recognition: Crimea is drawn as part of Ukraine, although the source "
                 "outlines (Natural Earth) draw it as part of Russia.")


def crimea_note() -> str:
    """How the maps draw Crimea, in the language being spoken."""
    return _(CRIMEA_NOTE)


# Each map's JSON, once written: a built map is never changed (ui.chart_block), and is shown to every reader.
WRITTEN: weakref.WeakKeyDictionary[pdk.Deck, str] = weakref.WeakKeyDictionary()


class CompactDeck(pdk.Deck):
    """A Deck whose JSON is written without indents, and only once. pydeck indents it, which makes Python's json
    module fall back to its pure-Python encoder: on every rerun of a map page, encoding the world's outlines took a
    third of the run. The JSON is the same, less the whitespace. (It is kept beside the deck, not in it, because
    everything in a deck's attributes is written into its JSON.)"""

    def to_json(self) -> str:
        if self not in WRITTEN:
            WRITTEN[self] = json.dumps(self, sort_keys=True, default=default_serialize)
        return WRITTEN[self]


def capitals(places: pd.DataFrame) -> pd.DataFrame:
    """Each country's capital (lon, lat, place_id), indexed by country code."""
    return places[places["kind"] == "capital"].drop_duplicates("country").set_index("country")


def without_a_capital(countries, drawing: Drawing) -> str:
    """A sentence naming the countries a map cannot draw an arc to, because the places data has no capital for
    them (empty when it has every one)."""
    known = set(capitals(drawing.tables["places"]).index)
    missing = sorted({drawing.names.get(iso3, iso3) for iso3 in countries if iso3 not in known})
    if not missing:
        return ""
    return " " + _("No arc for {countries}: the places data has no capital for it.").format(
        countries=", ".join(missing))


def outline_layer(outlines: dict, highlighted: set[str], palette: Palette) -> pdk.Layer:
    """Every country in the plain land colour; the countries of the story tinted in their house colour."""
    land = rgb(palette.land)
    features = [{**feature, "properties": {
        **feature["properties"],
        "fill": rgb(palette.country(feature["properties"]["iso3"]), palette.tint)
        if feature["properties"]["iso3"] in highlighted else land}}
        for feature in outlines["features"]]
    return pdk.Layer("GeoJsonLayer", {"type": "FeatureCollection", "features": features}, id="outlines",
                     stroked=True, filled=True, get_fill_color="properties.fill", get_line_color=rgb(palette.border),
                     line_width_min_pixels=0.5, pickable=False)


# The app's own face, which the page has loaded, and fallbacks. pydeck reads a bare string as a JavaScript expression
# (and "'Helvetica Neue', Arial" evaluated to nothing, so no name was drawn): the outer double quotes mark it as a
# plain string, and pydeck strips them.
PLACE_NAME_FONT = "\"'Source Sans', Helvetica, Arial, sans-serif\""


def named_points_layers(points: pd.DataFrame, palette: Palette) -> list[pdk.Layer]:
    """Small dots with their names beside them (columns lon, lat, name); text is drawn on the GPU from the
    browser's own fonts, so nothing is fetched."""
    ink = rgb(palette.place_ink)
    return [
        pdk.Layer("ScatterplotLayer", points, id="places", get_position=["lon", "lat"], get_fill_color=ink,
                  get_radius=8_000, radius_min_pixels=3, radius_max_pixels=5, pickable=True),
        pdk.Layer("TextLayer", points, id="place-names", get_position=["lon", "lat"], get_text="name",
                  get_size=12, get_color=ink, get_text_anchor="'start'", get_pixel_offset=[6, 0],
                  font_family=PLACE_NAME_FONT),
    ]


def view(drawing: Drawing, centre: tuple[float, float], zoom: float) -> pdk.ViewState:
    """Where the map looks: one zoom step out on a phone, which is about half as wide as a laptop's page."""
    return pdk.ViewState(latitude=centre[1], longitude=centre[0], zoom=zoom - 1 if drawing.look.phone else zoom)


def arc_map(arcs: pd.DataFrame, drawing: Drawing, *, centre: tuple[float, float], zoom: float,
            points: pd.DataFrame | None = None) -> pdk.Deck:
    """Arcs from (from_lon, from_lat) to (to_lon, to_lat), `width` in pixels and `colour` as hex, with a `label`
    tooltip; the end points are drawn as dots so a thin arc can still be found. An optional `tilt` column (degrees)
    keeps two arcs between the same places, one each way, apart. `points` (lon, lat, name) are named on the map."""
    palette = drawing.palette
    table = arcs.assign(source_colour=[rgb(colour) for colour in arcs["colour"]])
    ends = pd.DataFrame({"lon": arcs["to_lon"], "lat": arcs["to_lat"], "label": arcs["label"],
                         "source_colour": table["source_colour"]})
    layers = [
        outline_layer(drawing.outlines, set(arcs.get("countries", pd.Series(dtype=object)).explode().dropna()),
                      palette),
        pdk.Layer("ArcLayer", table, id="arcs", get_source_position=["from_lon", "from_lat"],
                  get_target_position=["to_lon", "to_lat"], get_width="width", get_source_color="source_colour",
                  get_target_color="source_colour", pickable=True, great_circle=False,
                  get_tilt="tilt" if "tilt" in table else 0),
        pdk.Layer("ScatterplotLayer", ends, id="ends", get_position=["lon", "lat"], get_fill_color="source_colour",
                  get_radius=20_000, radius_min_pixels=4, radius_max_pixels=8, pickable=True),
    ]
    if points is not None:  # only what the layers draw: the rest of a places row (its notes) stays off the page
        layers += named_points_layers(points[["lon", "lat", "name"]].assign(label=points["name"]), palette)
    return CompactDeck(layers=layers, map_provider=None, tooltip={"text": "{label}"},
                       initial_view_state=view(drawing, centre, zoom))


def choropleth_map(values: dict[str, float], labels: dict[str, str], drawing: Drawing, *,
                   centre: tuple[float, float], zoom: float) -> pdk.Deck:
    """Countries shaded by a value, from the palette's least to its most colour over the values' own range; others
    in the plain land colour. `labels` give each shaded country's tooltip text."""
    palette = drawing.palette
    least, most, land = rgb(palette.least), rgb(palette.most), rgb(palette.land)
    low, high = min(values.values(), default=0), max(values.values(), default=0)
    features = []
    for feature in drawing.outlines["features"]:
        iso3 = feature["properties"]["iso3"]
        if iso3 in values:
            share = 0.0 if high == low else (values[iso3] - low) / (high - low)
            fill = [round(start + (end - start) * share) for start, end in zip(least, most, strict=True)]
            properties = {"iso3": iso3, "fill": fill, "label": labels[iso3]}
        else:
            properties = {"iso3": iso3, "fill": land, "label": ""}
        features.append({**feature, "properties": properties})
    layer = pdk.Layer("GeoJsonLayer", {"type": "FeatureCollection", "features": features}, id="choropleth",
                      stroked=True, filled=True, get_fill_color="properties.fill",
                      get_line_color=rgb(palette.border), line_width_min_pixels=0.6, pickable=True)
    return CompactDeck(layers=[layer], map_provider=None, tooltip={"text": "{label}"},
                       initial_view_state=view(drawing, centre, zoom))
