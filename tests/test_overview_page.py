"""The Overview page (AppTest): headline figures with sources, and the timeline filtered from the URL."""


from catalog import load
from tests.conftest import open_page
from tests.figures import figure_json


def test_the_headline_figures_come_from_the_data_with_their_sources():
    app = open_page()
    assert app.title[0].value == "Borderlines"
    assert [metric.value for metric in app.metric] == ["200,000", "around 70", "13-fold", "15.35%"]
    assert "RFE/RL" in app.caption[0].value and "https://" in app.caption[0].value


def second_reports() -> set[str]:
    """Events that are another report of an event the timeline draws once."""
    quotes = load("event_quotes")
    return set(quotes.loc[quotes["same_as"].notna(), "event_id"])


def test_the_timeline_shows_every_event_by_default():
    app = open_page()
    figure = figure_json(app.get("plotly_chart")[0])
    assert sum(len(trace["x"]) for trace in figure["data"]) == len(load("events")) - len(second_reports())
    assert app.get("download_button")[0].proto.label == f"Download these {len(load('events'))} rows (CSV)"


def test_a_country_filter_in_the_url_narrows_the_timeline():
    app = open_page(country="KAZ", category="extradition")
    events = load("events")
    expected = events[(events["acting_country"] == "KAZ") & (events["category"] == "extradition")
                      & ~events["event_id"].isin(second_reports())]
    figure = figure_json(app.get("plotly_chart")[0])
    assert [trace["name"] for trace in figure["data"]] == ["Kazakhstan"]
    assert len(figure["data"][0]["x"]) == len(expected)
    assert app.multiselect[0].value == ["KAZ"]
