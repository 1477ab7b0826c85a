"""The README's "How to add a dataset and a chart", followed step by step: one CSV, one schema entry, one source
row, one builder, one registry entry and a page of a few lines give a page whose chart has everything every chart
has (Chart and Table tabs, source line, CSV, text alternative), checked like every dataset."""

from __future__ import annotations

import shutil

import pandas as pd
import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from catalog import DATASETS, DataFileError, Dataset, load, load_catalog
from catalog.columns import identifier, integer, quote
from catalog.datasets import approximation_columns, country, qualified_if_approximate, source_column
from charts.registry import CHARTS
from charts.spec import ChartSpec, Drawing, every_row
from tests.conftest import REPO
from tests.figures import figure_json

# Step 1: the CSV, one row per figure, each with its source_id and the source's own sentence in `quote`, the
# approximate one marked so with the source's qualifier (made-up figures and sentences: this is a test, and nothing
# here goes under the real data/).
CSV = """crossing_id,country,points,approximate,qualifier,source_id,quote
kaz-example,KAZ,30,true,about,example-source,Kazakhstan has about 30 crossing points on its borders.
kgz-example,KGZ,12,false,,example-source,"Kyrgyzstan has 12 crossing points, the ministry said."
"""
# Step 2: its schema entry, from the column constructors (the figure must be stated in its quote).
EXAMPLE = Dataset("example_crossings", "Crossing points (example)", "Border crossing points by country.", (
    identifier("crossing_id", "Key."),
    country("country", "The country."),
    integer("points", "Crossing points.", minimum=0, in_quote=True),
    *approximation_columns(),
    source_column(),
    quote(),
), (qualified_if_approximate(),))
# Step 3: its source row.
SOURCE_ROW = ("example-source,Example Publisher,An example article,https://example.org/article,2026-01-01,day,,en,,"
              "made up for a test\n")


# Step 4: the builder: rows in, marks out. The route adds the house look and the source line.
def crossing_points_bars(rows: pd.DataFrame, drawing: Drawing) -> go.Figure:
    figure = go.Figure(go.Bar(x=[drawing.names[iso3] for iso3 in rows["country"]], y=rows["points"],
                              marker={"color": [drawing.palette.country(iso3) for iso3 in rows["country"]]}))
    return figure.update_layout(title={"text": "Crossing points<br><sup>By country</sup>"}, height=400)


# Step 5: the registry entry.
SPEC = ChartSpec("example_crossing_points", "Crossing points by country", ("example_crossings",),
                 every_row("example_crossings"), crossing_points_bars,
                 "Bar chart of crossing points by country.", "borderlines-example-crossing-points")

# Step 6: the page, and its line in app.py's page list.
PAGE = '''"""Crossing points: how many each country has."""
import streamlit as st

from ui.chart_block import chart_block
from ui.frame import start_page

start_page()
st.title("Crossing points")
chart_block("example_crossing_points")
'''
ROUTE = ('    st.Page("pages/example_crossing_points.py", title="Crossing points", '
         'url_path="example_crossing_points"),\n')


@pytest.fixture
def app_with_the_new_chart(data_copy, tmp_path, monkeypatch):
    (data_copy / "example_crossings.csv").write_text(CSV, encoding="utf-8")
    monkeypatch.setitem(DATASETS, EXAMPLE.name, EXAMPLE)
    with open(data_copy / "sources.csv", "a", encoding="utf-8") as sources:
        sources.write(SOURCE_ROW)
    monkeypatch.setitem(CHARTS, SPEC.name, SPEC)
    app = tmp_path / "app"
    shutil.copytree(REPO / "pages", app / "pages")
    shutil.copytree(REPO / "static", app / "static")
    (app / "pages" / "example_crossing_points.py").write_text(PAGE, encoding="utf-8")
    router = (REPO / "app.py").read_text(encoding="utf-8")
    marker = "PAGES = [\n"
    (app / "app.py").write_text(router.replace(marker, marker + ROUTE, 1), encoding="utf-8")
    return app / "app.py"


def test_the_recipe_gives_a_checked_dataset_and_a_page_whose_chart_has_everything(app_with_the_new_chart):
    state = load_catalog().states["example_crossings"]
    assert state.ok and len(state.table) == 2, "checked like every dataset"

    app = AppTest.from_file(str(app_with_the_new_chart), default_timeout=60)
    app.run()
    app.switch_page("pages/example_crossing_points.py").run()
    assert not app.exception, app.exception

    assert app.title[0].value == "Crossing points"
    figure = figure_json(app.get("plotly_chart")[0])
    assert figure["data"][0]["x"] == ["Kazakhstan", "Kyrgyzstan"]
    assert figure["layout"]["annotations"][0]["text"] == "Source: Example Publisher", "the source burned in"
    assert [tab.label for tab in app.tabs] == ["Chart", "Table"]
    assert list(app.dataframe[0].value["crossing_id"]) == ["kaz-example", "kgz-example"]
    assert list(app.dataframe[0].value["quote"]) == [
        "Kazakhstan has about 30 crossing points on its borders.",
        "Kyrgyzstan has 12 crossing points, the ministry said."], "each figure's quote, in the table"
    assert "[Example Publisher, An example article](https://example.org/article)" in app.caption[0].value
    assert app.get("download_button")[0].proto.label == "Download these 2 rows (CSV)"
    assert app.get("plotly_chart")[0].proto.alt == ("Crossing points: By country. "
                                                    "Bar chart of crossing points by country."), "title and alt text"


def test_the_recipes_quotes_are_checked(data_copy, monkeypatch):
    """Step 1's quote is a rule, not a comment: a figure its sentence does not state, an approximate figure without
    the source's qualifier, or a row with no sentence is a problem, and readers never see that file."""
    broken = (CSV.replace("about 30 crossing points", "about 40 crossing points")
              .replace("kgz-example,KGZ,12,false,,", "kgz-example,KGZ,12,true,,")
              + "uzb-example,UZB,9,false,,example-source,\n")
    (data_copy / "example_crossings.csv").write_text(broken, encoding="utf-8")
    monkeypatch.setitem(DATASETS, EXAMPLE.name, EXAMPLE)
    with open(data_copy / "sources.csv", "a", encoding="utf-8") as sources:
        sources.write(SOURCE_ROW)

    state = load_catalog().states["example_crossings"]
    assert {(problem.row, problem.column) for problem in state.problems} == {
        (2, "points"), (3, "approximate/qualifier"), (4, "quote")}, [str(problem) for problem in state.problems]
    with pytest.raises(DataFileError):
        load("example_crossings")  # a file that fails its check, with no good version before it, is never shown
