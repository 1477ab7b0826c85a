"""The Entry rules page (AppTest): the rules chart, and the stay calculator driven by a shared link."""


from catalog import load
from tests.conftest import open_page
from tests.figures import figure_json


def test_every_rule_is_a_bar_in_the_rules_chart():
    app = open_page("pages/entry_rules.py")
    assert app.title[0].value == "Entry rules"
    figure = figure_json(app.get("plotly_chart")[0])
    bars = [trace for trace in figure["data"] if trace.get("hoverinfo") != "skip"]  # the legend's keys draw nothing
    assert sum(len(trace["y"]) for trace in bars) == len(load("entry_rules"))


def test_a_shared_link_reopens_the_calculation():
    # 1 Jan-30 Mar 2024 is 90 days (31 + 29 + 30); on 1 Jul 2024 the 180-day window starts 4 Jan, holding
    # 87 of them plus 29 Jun-1 Jul (3 days) = 90 used. The second trip first breaks the rule on 27 Sep 2024.
    app = open_page("pages/entry_rules.py", rule="kaz-eaeu-90-in-180",
                    trips="2024-01-01..2024-03-30,2024-06-29..2024-10-31", as_of="2024-07-01")
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["Days used as of 01 Jul 2024"] == "90"
    assert metrics["Days left"] == "0"
    assert metrics["First overstay in these trips"] == "27 Sep 2024"
    assert app.selectbox[0].value == "kaz-eaeu-90-in-180"


def test_russias_calendar_year_rule_ignores_days_before_2025():
    # 1 Dec 2024-31 Jan 2025: only the 31 January days count under a rule that began on 1 Jan 2025.
    app = open_page("pages/entry_rules.py", rule="rus-visa-free-90-per-calendar-year",
                    trips="2024-12-01..2025-01-31", as_of="2025-01-31")
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["Days used as of 31 Jan 2025"] == "31"
    assert metrics["Days left"] == "59"
    assert any("1 January 2025" in caption.value for caption in app.caption)


def test_a_trip_that_ends_before_it_starts_is_named_in_an_error():
    app = open_page("pages/entry_rules.py", trips="2024-05-10..2024-05-01")
    assert "2024-05-10 to 2024-05-01" in app.error[0].value
    assert not app.metric
