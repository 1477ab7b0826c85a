"""What a page sends a reader for a chart is made once per chart, look and language: a rerun, or the next reader,
gets the same elements again without the figure being written out or the rows turned into Arrow a second time."""

from __future__ import annotations

import plotly.io
import pyarrow as pa

from tests.conftest import open_page
from tests.figures import figure_json


def test_a_rerun_sends_the_same_figures_and_grids_without_making_them_again(monkeypatch):
    app = open_page("pages/money.py")
    figures = [chart.proto.spec for chart in app.get("plotly_chart")]
    grids = [grid.proto.arrow_data.data for grid in app.dataframe]
    assert figures and grids

    made = []
    real_json, real_ipc = plotly.io.to_json, pa.RecordBatchStreamWriter
    monkeypatch.setattr(plotly.io, "to_json",
                        lambda *args, **kwargs: made.append("figure") or real_json(*args, **kwargs))
    monkeypatch.setattr(pa, "RecordBatchStreamWriter",
                        lambda *args, **kwargs: made.append("grid") or real_ipc(*args, **kwargs))
    app.run()

    assert [chart.proto.spec for chart in app.get("plotly_chart")] == figures
    assert [grid.proto.arrow_data.data for grid in app.dataframe] == grids
    assert made == []


def test_another_language_gets_its_own_figures():
    english, russian = ([figure_json(chart)["layout"]["title"]["text"]
                         for chart in open_page("pages/money.py", **query).get("plotly_chart")]
                        for query in ({}, {"lang": "ru"}))
    assert english[0].startswith("Money sent home from Russia")
    assert russian[0].startswith("Переводы мигрантов из России")


def test_a_map_is_sent_again_as_it_was_first_sent():
    app = open_page("pages/exodus.py")
    maps = [deck.proto.json for deck in app.get("deck_gl_json_chart")]
    app.run()
    assert maps and [deck.proto.json for deck in app.get("deck_gl_json_chart")] == maps
