"""US restrictions: refusal rates as reported, the map of a chosen year, Turkmenistan's overstay rates."""

import json

import pandas as pd
import pytest

from catalog import load
from catalog.boundaries import country_outlines
from charts.maps import choropleth_map
from charts.palette import DARK, rgb
from charts.series import yearly_points
from charts.spec import Look
from charts.text import MARKER_ROOM, NOTE_LINE
from charts.theme import PRESENTER_SCALE
from charts.us_visas import PRESENTER_FRAME, refusal_rates, refusal_rates_reported
from tests.conftest import open_page
from tests.figures import decoded, drawing


def test_yearly_points_break_between_2019_and_2022():
    x, y = yearly_points([2019, 2022, 2023], [68.06, 47.04, 59.56])
    assert [None if when is None else when.year for when in x] == [2019, None, 2022, 2023]
    assert y == [68.06, None, 47.04, 59.56]


def test_the_refusal_chart_carries_each_country_s_reported_rates_and_the_milestones():
    rates = refusal_rates_reported({"us_visas": load("us_visas")}, {})
    figure = refusal_rates(rates, drawing(events=load("events")))
    uzbekistan = next(trace for trace in figure.data if trace.name == "Uzbekistan")
    assert [value for value in decoded(uzbekistan.y) if value == value and value is not None] == [
        50.29, 68.06, 74.14, 45.98, 47.04, 59.56, 64.41]
    assert figure.layout.title.text.startswith("Uzbekistan's applicants were refused most often in 2024: 64.41%")
    # Each note names its month, in time order, stacked left of the earlier line: beside the lines, not across one.
    notes = [annotation for annotation in figure.layout.annotations if annotation.name not in ("source", "end label")]
    assert [note.text for note in notes] == ["Jun 2025: Proclamation 10949, a partial ban on Turkmenistan",
                                             "Jan 2026: visa bonds of up to $15,000"]
    assert {(note.x, note.xanchor) for note in notes} == {(pd.Timestamp("2025-06-04"), "right")}
    assert [note.yshift for note in notes] == [0, -19]


def test_each_line_is_named_at_its_end_on_a_page_and_a_phone_keeps_the_legend():
    rates = refusal_rates_reported({"us_visas": load("us_visas")}, {})
    figure = refusal_rates(rates, drawing(events=load("events")))
    ends = {annotation.text.split("</span> ")[1]: annotation.y for annotation in figure.layout.annotations
            if annotation.name == "end label"}
    assert set(ends) == {"Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"}
    assert figure.layout.showlegend is False
    # Kazakhstan's 46.3 and Tajikistan's 45.4 are nudged apart, the top one left where its line ends
    heights = sorted(ends.values())
    assert min(high - low for low, high in zip(heights, heights[1:], strict=False)) >= 5
    assert ends["Uzbekistan"] == 64.41

    phone = refusal_rates(rates, drawing(events=load("events"), look=Look(phone=True)))
    assert phone.layout.showlegend is not False
    assert not [annotation for annotation in phone.layout.annotations if annotation.name == "end label"]


def test_on_a_slide_s_short_chart_the_notes_stay_above_the_lines_and_the_leaders_turn_right_of_them():
    """On the US slide of a 1280x720 deck, both notes came down over the lines and a leader ran through one."""
    rates = refusal_rates_reported({"us_visas": load("us_visas")}, {})
    page = refusal_rates(rates, drawing(events=load("events")))
    slide = refusal_rates(rates, drawing(events=load("events"), look=Look(presenter_height=350, on_a_slide=True)))
    assert page.layout.yaxis.range == (0, 100)
    # The axis rises until the highest rate (Uzbekistan's 74.14% of 2020) ends a marker's height under the two notes
    # (in presenter type), with no tick past 100.
    plot = 350 - PRESENTER_FRAME
    top = slide.layout.yaxis.range[1]
    notes = 2 * (NOTE_LINE + 4) * PRESENTER_SCALE
    assert top > 100 and max(slide.layout.yaxis.tickvals) == 100
    assert rates["value"].max() == 74.14
    assert (top - 74.14) / top * plot == pytest.approx(notes + MARKER_ROOM)
    # Each leader runs level to the earlier moment's line, left of which the notes stand, and only then turns.
    earlier = pd.Timestamp("2025-06-04")
    leaders = [shape for shape in slide.layout.shapes if shape.type == "line" and shape.yref == "y"]
    assert all(shape.y0 == shape.y1 for shape in leaders if pd.Timestamp(shape.x1) <= earlier)
    assert all(pd.Timestamp(shape.x0) >= earlier for shape in leaders if shape.y0 != shape.y1)


def test_the_map_shades_only_countries_with_a_value_and_labels_them():
    deck = json.loads(choropleth_map({"KAZ": 40.0, "UZB": 60.0}, {"KAZ": "Kazakhstan: 40%", "UZB": "Uzbekistan: 60%"},
                                     drawing(outlines=country_outlines()), centre=(64, 43), zoom=3).to_json())
    features = deck["layers"][0]["data"]["features"]
    labelled = {feature["properties"]["iso3"]: feature["properties"]["label"] for feature in features
                if feature["properties"]["label"]}
    assert labelled == {"KAZ": "Kazakhstan: 40%", "UZB": "Uzbekistan: 60%"}
    assert "mapProvider" not in deck


def test_the_page_shows_the_year_in_the_url_and_the_overstay_rates():
    app = open_page("pages/us_restrictions.py", year="2019")
    assert app.title[0].value == "US restrictions"
    assert app.selectbox[0].value == "2019"
    deck = json.loads(app.get("deck_gl_json_chart")[0].proto.json)
    labels = [f["properties"]["label"] for f in deck["layers"][0]["data"]["features"] if f["properties"]["label"]]
    assert "Uzbekistan: 68.06% of B-visa applications refused in 2019" in labels
    assert [metric.value for metric in app.metric] == ["15.35%", "21.74%"]


def test_on_a_dark_page_the_map_shades_from_dark_to_bright_and_the_caption_says_so():
    deck = json.loads(choropleth_map({"KAZ": 40.0, "UZB": 60.0}, {"KAZ": "k", "UZB": "u"},
                                     drawing(outlines=country_outlines(), look=Look(DARK)), centre=(64, 43),
                                     zoom=3).to_json())
    fills = {feature["properties"]["iso3"]: feature["properties"]["fill"] for feature in deck["layers"][0]["data"]
             ["features"]}
    assert fills["KAZ"] == rgb(DARK.least) and fills["UZB"] == rgb(DARK.most) and fills["RUS"] == rgb(DARK.land)
    assert sum(rgb(DARK.most)[:3]) > sum(rgb(DARK.least)[:3]) and DARK.most_in_words == "Brighter"
