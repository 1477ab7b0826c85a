"""Where a figure comes from, as a reader finds it: the source's own sentence in a chart's hover and Table tab, and
on the Data & sources page, with staff notes nowhere (Streamlit AppTest, no browser)."""

from __future__ import annotations

import pytest

from catalog import DATASETS, load
from charts.spec import STAFF_ONLY
from charts.text import plain
from tests.conftest import open_page
from tests.figures import figure_json


def hovers(chart) -> str:
    return " ".join(str(hover) for trace in figure_json(chart)["data"] for hover in trace.get("hovertext") or ())


def test_a_chart_gives_each_figure_s_sentence_on_hover_and_in_its_table():
    page = open_page("pages/money.py", to="UZB")
    table = page.dataframe[0].value  # the Table tab of the first chart: exactly the rows it draws
    assert "quote" in table and table["quote"].notna().all()
    assert not [column for column in table.columns if column.startswith(STAFF_ONLY)]
    remittances = load("remittances").set_index("figure_id")
    assert table["quote"].tolist() == remittances.loc[table["figure_id"], "quote"].tolist()
    drawn_once = table[table["same_as"].isna()]
    shown = hovers(page.get("plotly_chart")[0]).replace("<br>", " ")
    for quote in drawn_once["quote"]:
        assert " ".join(plain(quote).split()[:8]) in shown


def test_the_timeline_gives_each_event_s_sentence():
    page = open_page(country="KAZ", category="extradition")
    quotes = load("event_quotes").set_index("event_id")["quote"]
    table = page.dataframe[0].value
    assert table["quote"].tolist() == quotes.loc[table["event_id"]].tolist()
    shown = hovers(page.get("plotly_chart")[0]).replace("<br>", " ")
    assert " ".join(plain(quotes["kz-zhilin-deported"]).split()[:8]) in shown


@pytest.mark.parametrize("name", ["events", "border_crossings", "sources"])
def test_the_data_page_shows_each_row_s_sentence_and_no_staff_notes(name):
    page = open_page("pages/data.py", dataset=name)
    dataset = DATASETS[name]
    shown = next(frame.value for frame in page.dataframe if dataset.key in frame.value and len(frame.value.columns)
                 == len(dataset.reader_columns) + (dataset.quoted_in is not None))
    assert not [column for column in shown.columns if column.startswith(STAFF_ONLY)]
    if name != "sources":
        assert shown["quote"].notna().all()
    for frame in page.dataframe:
        assert not [column for column in frame.value.columns if str(column).startswith(STAFF_ONLY)]
        if "Column" in frame.value:
            assert not [column for column in frame.value["Column"] if column.startswith(STAFF_ONLY)]
