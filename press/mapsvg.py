"""A map's picture: the same deck the page draws with deck.gl, written as SVG in deck.gl's own Web Mercator
projection, with its title above and its source line burned in below, as every exported chart has.

Reads the layers the map builders make (charts/maps.py): GeoJSON outlines, arcs, dots and place names. The arcs are
drawn flat, bent by their tilt, as deck.gl shows them from straight above.
"""

from __future__ import annotations

import json
import math

from charts.palette import Palette
from charts.text import lines_of
from press.pages import text

WIDTH = 700
TITLE_LINE, SOURCE_LINE, EDGE = 22, 16, 12


def colour(rgba: list[int]) -> tuple[str, float]:
    red, green, blue, *alpha = (int(value) for value in rgba)
    return f"#{red:02x}{green:02x}{blue:02x}", (alpha[0] if alpha else 255) / 255


def projector(view: dict, width: int, height: int):
    """Web Mercator as deck.gl draws it: 512 pixels for the world at zoom 0, the view's centre in the middle."""
    scale = 512 * 2 ** view["zoom"] / (2 * math.pi)

    def raw(lon: float, lat: float) -> tuple[float, float]:
        lat = max(min(lat, 85.0), -85.0)
        return scale * math.radians(lon), -scale * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    centre_x, centre_y = raw(view["longitude"], view["latitude"])
    return lambda lon, lat: (raw(lon, lat)[0] - centre_x + width / 2, raw(lon, lat)[1] - centre_y + height / 2)


def accessor(row: dict, spec) -> object:
    """A pydeck accessor ("@@=name", "@@=[a, b]", "@@=properties.fill") or a constant, for one row."""
    if not (isinstance(spec, str) and spec.startswith("@@=")):
        return spec
    expression = spec[3:].strip()
    if expression.startswith("["):
        return [accessor(row, "@@=" + part.strip()) for part in expression.strip("[]").split(",")]
    value: object = row
    for key in expression.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def polygon_path(rings, project) -> str:
    return " ".join("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in (project(*point) for point in ring)) + " Z"
                    for ring in rings)


def map_svg(deck_json: str, height: int, title: str, source_line: str, palette: Palette) -> tuple[str, int]:
    """The SVG and its full height (the map, with the title above and the source line below)."""
    spec = json.loads(deck_json)
    title_lines, source_lines = lines_of(title, 62), lines_of(source_line, 110)
    top = EDGE + TITLE_LINE * len(title_lines) + 6
    total = top + height + 8 + SOURCE_LINE * len(source_lines) + EDGE
    project = projector(spec["initialViewState"], WIDTH, height)
    marks = []
    for layer in spec["layers"]:
        kind = layer["@@type"]
        data = layer["data"]
        if kind == "GeoJsonLayer":
            line, _ = colour(layer.get("getLineColor", [0, 0, 0, 0]))
            for feature in data["features"]:
                fill, opacity = colour(accessor(feature, layer.get("getFillColor")) or [0, 0, 0, 0])
                geometry = feature["geometry"]
                polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
                path = " ".join(polygon_path(rings, project) for rings in polygons)
                marks.append(f'<path d="{path}" fill="{fill}" fill-opacity="{opacity:.2f}" stroke="{line}" '
                             'stroke-width="0.5" fill-rule="evenodd"/>')
        elif kind == "ArcLayer":
            for row in data:
                (x1, y1), (x2, y2) = project(*accessor(row, layer["getSourcePosition"])), \
                    project(*accessor(row, layer["getTargetPosition"]))
                tilt = math.radians(float(accessor(row, layer.get("getTilt", 0)) or 0))
                bend = 0.35 * math.hypot(x2 - x1, y2 - y1) * math.sin(tilt)
                length = math.hypot(x2 - x1, y2 - y1) or 1
                control = ((x1 + x2) / 2 - bend * (y2 - y1) / length, (y1 + y2) / 2 + bend * (x2 - x1) / length)
                stroke, opacity = colour(accessor(row, layer["getSourceColor"]))
                marks.append(f'<path d="M{x1:.1f},{y1:.1f} Q{control[0]:.1f},{control[1]:.1f} {x2:.1f},{y2:.1f}" '
                             f'fill="none" stroke="{stroke}" stroke-opacity="{opacity:.2f}" '
                             f'stroke-width="{float(accessor(row, layer.get("getWidth", 1)) or 1):.1f}" '
                             'stroke-linecap="round"/>')
        elif kind == "ScatterplotLayer":
            radius = layer.get("radiusMinPixels", 3)
            for row in data:
                x, y = project(*accessor(row, layer["getPosition"]))
                fill, opacity = colour(accessor(row, layer["getFillColor"]))
                marks.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}" fill="{fill}" '
                             f'fill-opacity="{opacity:.2f}"/>')
        elif kind == "TextLayer":
            fill, _ = colour(layer.get("getColor", [0, 0, 0, 255]))
            dx, dy = layer.get("getPixelOffset", [0, 0])
            for row in data:
                x, y = project(*accessor(row, layer["getPosition"]))
                marks.append(f'<text x="{x + dx:.1f}" y="{y + dy:.1f}" dominant-baseline="middle" '
                             f'font-size="{layer.get("getSize", 12)}" fill="{fill}">'
                             f"{text(accessor(row, layer['getText']))}</text>")
    heading = "".join(f'<text x="{EDGE}" y="{EDGE + TITLE_LINE * (index + 1) - 6}" font-size="17" '
                      f'fill="{palette.ink}">{text(line)}</text>' for index, line in enumerate(title_lines))
    foot_top = top + height + 8
    foot = "".join(f'<text x="{EDGE}" y="{foot_top + SOURCE_LINE * (index + 1) - 4}" font-size="11" '
                   f'fill="{palette.muted_ink}">{text(line)}</text>' for index, line in enumerate(source_lines))
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{total}" viewBox="0 0 {WIDTH} {total}" '
           'font-family="Helvetica, Arial, sans-serif">'
           f'<rect width="{WIDTH}" height="{total}" fill="{palette.page}"/>{heading}'
           f'<svg x="0" y="{top}" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" overflow="hidden">'
           + "".join(marks) + f"</svg>{foot}</svg>")
    return svg, total
