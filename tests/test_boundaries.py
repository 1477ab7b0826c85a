"""The map outlines shipped in data/boundaries/, as the maps draw them."""

from catalog.boundaries import CRIMEA_BOX, country_outlines, inside


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
