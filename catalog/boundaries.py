"""Country outlines for the maps, from the Natural Earth file shipped in data/boundaries/ (nothing is downloaded).

The TopoJSON is decoded to GeoJSON for pydeck, with two corrections:
- Crimea: Natural Earth draws it as a separate polygon of Russia. Borderlines follows international recognition
  and draws it as part of Ukraine (charts.maps.CRIMEA_NOTE says so under every map).
- The antimeridian: Chukotka's rings sit at -180..-169 degrees, which deck.gl would join to the rest of Russia with a
  band across the whole map; they are unwrapped to 180..191 degrees.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from catalog.store import data_dir

CRIMEA_BOX = (32.0, 44.0, 37.0, 46.3)  # lon/lat bounds that contain the whole peninsula and nothing else of Russia


def boundaries_path() -> Path:
    return data_dir() / "boundaries" / "world_110m.json"


def country_outlines() -> dict:
    """GeoJSON FeatureCollection of countries (property iso3), re-read only when the file's content changes."""
    raw = boundaries_path().read_bytes()
    return _decoded(hashlib.sha256(raw).hexdigest(), raw)


@lru_cache(maxsize=2)
def _decoded(digest: str, raw: bytes) -> dict:
    topology = json.loads(raw)
    arcs = decode_arcs(topology)
    features: dict[str, list] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            if not polygon:
                continue
            rings = [ring_points(arcs, ring) for ring in polygon]
            owner = geometry.get("id", "")
            if owner == "RUS" and inside(rings[0], CRIMEA_BOX):
                owner = "UKR"
            elif owner == "RUS" and any(lon < 0 for lon, _ in rings[0]):
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
            points.append((round(x * scale_x + shift_x, 4), round(y * scale_y + shift_y, 4)))
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
