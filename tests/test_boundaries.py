"""The map outlines shipped in data/boundaries/, as the maps draw them."""

import json

import pytest

from catalog.boundaries import CRIMEA_BOX, country_outlines, inside, outlines_problem
from catalog.snapshot import take_snapshot
from tests.conftest import open_page


def feature(iso3: str) -> dict:
    return next(f for f in country_outlines()["features"] if f["properties"]["iso3"] == iso3)


def polygons_in_crimea(iso3: str) -> int:
    return sum(inside(polygon[0], CRIMEA_BOX) for polygon in feature(iso3)["geometry"]["coordinates"])


def test_every_country_the_data_names_has_an_outline():
    iso3s = {f["properties"]["iso3"] for f in country_outlines()["features"]}
    assert {"RUS", "KAZ", "KGZ", "TJK", "UZB", "TKM", "GEO", "ARM", "FIN", "MNG", "UKR", "USA"} <= iso3s


def test_crimea_is_drawn_as_part_of_ukraine_not_russia():
    assert polygons_in_crimea("UKR") == 1
    assert polygons_in_crimea("RUS") == 0


def test_russia_does_not_wrap_across_the_antimeridian():
    longitudes = [lon for polygon in feature("RUS")["geometry"]["coordinates"] for ring in polygon
                  for lon, _ in ring]
    assert min(longitudes) > 0 and max(longitudes) > 180  # Chukotka continues east of 180 instead of jumping


def test_rings_are_closed():
    for polygon in feature("KAZ")["geometry"]["coordinates"]:
        for ring in polygon:
            assert ring[0] == ring[-1]


# The outlines file is untrusted input like every other file under data/: whatever is on disk, the maps draw (without
# outlines), map pages and the briefing say why, and the check command names the file; never a traceback.
DAMAGED_OUTLINES = {
    "junk bytes": lambda path: path.write_bytes(bytes(range(256)) * 4),
    "an empty file": lambda path: path.write_bytes(b""),
    "JSON of the wrong shape": lambda path: path.write_text('{"type": "Topology", "objects": {"countries": []}}'),
    "arcs that are not numbers": lambda path: path.write_text(json.dumps({
        "type": "Topology", "transform": {"scale": [1, 1], "translate": [0, 0]}, "arcs": [[["a", "b"]]],
        "objects": {"countries": {"geometries": [{"type": "Polygon", "arcs": [[0]], "id": "RUS"}]}}})),
    "a missing file": lambda path: path.unlink(),
    "a folder where the file should be": lambda path: (path.unlink(), path.mkdir()),
}
WHY = {"junk bytes": "not valid JSON", "an empty file": "not valid JSON", "JSON of the wrong shape": "not a TopoJSON",
       "arcs that are not numbers": "not a TopoJSON", "a missing file": "does not exist",
       "a folder where the file should be": "cannot be read"}
MAP_PAGES = {"pages/exodus.py": "exodus_map", "pages/entry_bans.py": "bans_map",
             "pages/us_restrictions.py": "us_refusal_map"}
MAP_SLIDE = """# Map deck

## Where they went
chart: exodus_map
on: 2022-10-04
takeaway: Kazakhstan counted 200,000 crossings in two weeks.
"""


def damaged(data_copy, damage: str):
    path = data_copy / "boundaries" / "world_110m.json"
    DAMAGED_OUTLINES[damage](path)
    return path


@pytest.mark.parametrize("damage", DAMAGED_OUTLINES)
def test_damaged_outlines_give_no_outlines_and_say_why(data_copy, damage):
    damaged(data_copy, damage)
    assert country_outlines() == {"type": "FeatureCollection", "features": []}
    assert WHY[damage] in outlines_problem()
    assert take_snapshot().outlines["features"] == []


@pytest.mark.parametrize("damage", DAMAGED_OUTLINES)
@pytest.mark.parametrize("page_file", MAP_PAGES)
def test_a_map_page_draws_its_map_without_outlines_and_says_so(data_copy, page_file, damage):
    path = damaged(data_copy, damage)
    page = open_page(page_file)  # fails on any exception the page shows
    notices = [warning.value.replace("\\", "") for warning in page.warning]
    assert any(notice.startswith("Maps are drawn without country outlines: ") and str(path) in notice
               and WHY[damage] in notice for notice in notices), notices
    decks = [json.loads(chart.proto.json) for chart in page.get("deck_gl_json_chart")]
    assert decks, "the map is not drawn"
    assert all(not layer["data"]["features"] for deck in decks for layer in deck["layers"]
               if layer["id"] in ("outlines", "choropleth"))


@pytest.mark.parametrize("damage", ["junk bytes", "a missing file"])
def test_a_map_slide_plays_without_outlines_and_says_so(data_copy, damage):
    path = damaged(data_copy, damage)
    (data_copy / "briefing.md").write_text(MAP_SLIDE, encoding="utf-8")
    page = open_page("pages/briefing.py", slide="1")
    assert page.get("deck_gl_json_chart"), "the map is not drawn"
    notices = [warning.value.replace("\\", "") for warning in page.warning]
    assert any(str(path) in notice and WHY[damage] in notice for notice in notices), notices


@pytest.mark.parametrize("damage", ["an empty file", "a missing file"])
def test_the_data_page_says_the_maps_have_no_outlines_and_why(data_copy, damage):
    path = damaged(data_copy, damage)
    notices = [warning.value.replace("\\", "") for warning in open_page("pages/data.py").warning]
    said = next(notice for notice in notices if notice.startswith("Maps are drawn without country outlines: "))
    assert f"{path} cannot be used (the file " in said and WHY[damage] in said


def test_good_outlines_draw_with_no_notice():
    assert outlines_problem() == ""
    page = open_page("pages/exodus.py")
    assert not [warning for warning in page.warning if "outlines" in warning.value]
