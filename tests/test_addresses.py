"""Addresses are untrusted input: whatever a link asks for, every page opens, shows its default for what it does not
know, and says so. Hand-picked cases from real mishaps first, then every page's parameters fuzzed."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from charts.registry import CHARTS
from press.stories import STORIES
from tests.conftest import open_page

NOTICE = "This link asks for"


def notices(app) -> list[str]:
    return [block.value.replace("\\", "") for block in app.info if block.value.startswith(NOTICE)]


def test_an_impossible_reference_day_is_today_with_a_notice():
    app = open_page("pages/entry_rules.py", as_of="2024-13-45")
    assert notices(app) == ["This link asks for as_of “2024-13-45”, which this page does not have; it shows today "
                            "instead."]
    assert any(metric.label.startswith("Days used as of") for metric in app.metric)


def test_a_trip_spanning_thousands_of_years_is_refused_quickly():
    started = time.perf_counter()
    app = open_page("pages/entry_rules.py", trips="0001-01-01..9999-12-31", as_of="9999-12-31")
    assert time.perf_counter() - started < 20, "counted day by day for millennia"
    assert len(notices(app)) == 2
    assert {metric.label: metric.value for metric in app.metric}["Days left"] != ""


def test_a_slide_number_in_another_script_s_digits_opens_the_first_slide_with_a_notice():
    app = open_page("pages/briefing.py", slide="²")
    assert app.query_params["slide"] == "1"
    assert notices(app) == ["This link asks for slide “²”, which this page does not have; it shows the first slide "
                            "instead."]


def test_unknown_filter_values_are_named_and_the_known_ones_kept():
    app = open_page(country="KAZ,<script>,XX")
    assert app.multiselect[0].value == ["KAZ"]
    assert notices(app) == ["This link asks for country “<script>,XX”, which this page does not have; it shows the "
                            "rest instead."]


def test_an_unknown_dataset_shows_the_first_with_a_notice():
    app = open_page("pages/data.py", dataset="../../etc/passwd")
    assert notices(app) == ["This link asks for dataset “../../etc/passwd”, which this page does not have; it shows "
                            "Sources instead."]


def test_a_search_longer_than_the_box_allows_is_dropped_with_a_notice():
    app = open_page("pages/entry_bans.py", q="x" * 5000)
    assert app.text_input[0].value == ""
    assert len(notices(app)) == 1


# Each page's parameters, as its story's charts and its own controls declare them.
PAGE_PARAMETERS = {
    **{f"pages/{name}.py": sorted({item.param for chart in story.charts for item in CHARTS[chart].filters})
       for name, story in STORIES.items()},
    "pages/entry_rules.py": ["rule", "trips", "as_of"],
    "pages/briefing.py": ["slide", "view", "room"],
    "pages/data.py": ["dataset"],
}
# Values that broke pages before, or that a parser could trip on.
HOSTILE_VALUES = ["", "²", "٣", "-1", "0", "99999999999999999999", "2024-02-30", "0001-01-01..9999-12-31", "1e400",
                  "NaN", "../../", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "%00", "a" * 3000, ",,,",
                  "KAZ,KAZ", "RUS>KAZ>RUS", "notes"]
HOSTILE_TEXT = st.one_of(st.text(max_size=40), st.sampled_from(HOSTILE_VALUES))


@pytest.mark.parametrize("page", PAGE_PARAMETERS)
def test_every_page_opens_with_each_known_troublemaker_in_every_parameter(page):
    for value in HOSTILE_VALUES:
        open_page(page, **dict.fromkeys(PAGE_PARAMETERS[page] + ["present"], value))


@pytest.mark.parametrize("page", PAGE_PARAMETERS)
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(data=st.data())
def test_every_page_opens_whatever_its_parameters_say(page, data):
    query = {param: data.draw(HOSTILE_TEXT, label=param) for param in PAGE_PARAMETERS[page] + ["present"]}
    open_page(page, **query)  # asserts that no exception reached the page
