"""Country outlines for the maps, from the Natural Earth file shipped in data/boundaries/ (nothing is downloaded).

The TopoJSON is decoded to GeoJSON for pydeck, with two corrections:
- Crimea: Natural Earth draws it as a separate polygon of Russia. Borderlines follows international recognition
  and draws it as part of Ukraine (charts.maps.CRIMEA_NOTE says so under every map).
- The antimeridian: Chukotka's rings sit at -180..-169 degrees, which deck.gl would join to the rest of Russia with a
  band across the whole map; they are unwrapped to 180..191 degrees.

The file is read like every other file under data/: missing, damaged or of the wrong shape, it gives no outlines
(the maps draw without them) and a problem in words (`outlines_problem`, which the check command lists and map
pages show), never a traceback.
"""

from __future__ import annotations

import hashlib
import json
import math
from functools import lru_cache
from pathlib import Path

from catalog.store import data_dir
from i18n import N_, _

CRIMEA_BOX = (32.0, 44.0, 37.0, 46.3)  # lon/lat bounds that contain the whole peninsula and nothing else of Russia


def boundaries_path() -> Path:
    return data_dir() / "boundaries" / "world_110m.json"


# Why the outlines cannot be drawn: messages, said in the language being spoken by `outlines_problem`.
MISSING = N_("the file does not exist")
UNREADABLE = N_("the file cannot be read (is it a folder, or not readable by this server?)")
NOT_JSON = N_("the file is not valid JSON (was it cut short or overwritten?)")
WRONG_SHAPE = N_("the file is not a TopoJSON topology of countries with quantised arcs (objects.countries, arcs, "
                 "transform), like the one the app ships")
NO_COUNTRIES = N_("the file has no country outlines in it")
NO_OUTLINES: dict = {"type": "FeatureCollection", "features": []}


def country_outlines() -> dict:
    """GeoJSON FeatureCollection of countries (property iso3), re-read only when the file's content changes; with no
    features when the file cannot be drawn from (`outlines_problem` says why)."""
    return read_outlines()[0]


def outlines_problem() -> str:
    """Why the outlines file cannot be drawn from, in the language being spoken; empty when it can."""
    why = read_outlines()[1]
    return _(why) if why else ""


def read_outlines() -> tuple[dict, str]:
    """The outlines and, when they cannot be drawn, why (a message, in English)."""
    try:
        raw = boundaries_path().read_bytes()
    except FileNotFoundError:
        return NO_OUTLINES, MISSING
    except OSError:
        return NO_OUTLINES, UNREADABLE
    return _read(hashlib.sha256(raw).hexdigest(), raw)


@lru_cache(maxsize=2)
def _read(digest: str, raw: bytes) -> tuple[dict, str]:
    try:
        topology = json.loads(raw)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested past what the parser will follow
        return NO_OUTLINES, NOT_JSON
    try:
        outlines = decoded(topology)
    except (KeyError, IndexError, TypeError, ValueError, AttributeError, RecursionError):
        return NO_OUTLINES, WRONG_SHAPE
    return (outlines, "") if outlines["features"] else (NO_OUTLINES, NO_COUNTRIES)


def decoded(topology: dict) -> dict:
    """The topology's countries as GeoJSON; an exception from a file of another shape (or with coordinates that are
    not finite numbers)."""
    arcs = decode_arcs(topology)
    features: dict[str, list] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            if not polygon:
                continue
            rings = [ring_points(arcs, ring) for ring in polygon]
            owner = str(geometry.get("id", ""))
            if owner == "RUS" and inside(rings[0], CRIMEA_BOX):
                owner = "UKR"
            elif owner == "RUS" and any(lon < 0 for lon, _lat in rings[0]):
                rings = [[(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring] for ring in rings]
            features.setdefault(owner, []).append(rings)
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"iso3": iso3},
         "geometry": {"type": "MultiPolygon", "coordinates": [[[list(point) for point in ring] for ring in rings]
                                                              for rings in polygons]}}
        for iso3, polygons in features.items()
    ]}


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON's delta-encoded, quantised arcs as lists of (lon, lat)."""
    (scale_x, scale_y), (shift_x, shift_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            lon, lat = round(x * scale_x + shift_x, 4), round(y * scale_y + shift_y, 4)
            if not (math.isfinite(lon) and math.isfinite(lat)):
                raise ValueError(f"not a coordinate: {lon}, {lat}")
            points.append((lon, lat))
        decoded.append(points)
    return decoded


def ring_points(arcs: list, ring: list[int]) -> list[tuple[float, float]]:
    """Join a ring's arcs; a negative index (~i) means arc i reversed, and shared end points are not repeated."""
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def inside(ring: list[tuple[float, float]], box: tuple[float, float, float, float]) -> bool:
    west, south, east, north = box
    return all(west <= lon <= east and south <= lat <= north for lon, lat in ring)
