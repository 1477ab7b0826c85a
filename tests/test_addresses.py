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
from tests.test_editor_page import sign_in
from ui.shared_state import forget_failures

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


# Each page's parameters, as its story's charts and its own controls declare them, and the language every page takes.
PAGE_PARAMETERS = {page: [*parameters, "lang"] for page, parameters in {
    **{f"pages/{name}.py": sorted({item.param for chart in story.charts for item in CHARTS[chart].filters})
       for name, story in STORIES.items()},
    "pages/entry_rules.py": ["rule", "trips", "as_of"],
    "pages/briefing.py": ["slide", "view", "room"],
    "pages/data.py": ["dataset"],
}.items()}
# The editor's: what it opens on (read once signed in) and the sign-in link.
EDITOR_PARAMETERS = ["dataset", "task", "token", "lang"]
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


def test_a_language_the_app_does_not_speak_opens_english_with_a_notice():
    app = open_page(lang="xx")
    assert notices(app) == ["This link asks for lang “xx”, which this page does not have; it shows English instead."]


def test_a_sign_in_link_longer_than_any_link_is_refused_with_a_notice_and_leaves_the_address(monkeypatch):
    monkeypatch.delenv("BORDERLINES_EDITOR_PASSWORD", raising=False)
    forget_failures()
    app = open_page("pages/editor.py", token="a" * 3000)
    assert notices(app) == [f"This link asks for token “{'a' * 60}…”, which this page does not have; it shows the "
                            "sign-in form instead."]
    assert "token" not in app.query_params


def signed_in_editor(query: dict[str, str]):
    """The editor opened on this address and signed in with the password, so that what it reads once signed in
    (dataset, task) is read too."""
    app = sign_in(open_page("pages/editor.py", **query))
    assert not app.exception, app.exception
    assert len(app.selectbox) >= 2, "not signed in, or the dataset and task were not read"
    assert "token" not in app.query_params
    return app


def test_the_editor_opens_its_defaults_with_a_notice_for_an_unknown_dataset_and_task(data_copy, editor_password_set):
    app = signed_in_editor({"dataset": "<script>", "task": "../../"})
    assert sorted(notices(app)) == sorted([
        "This link asks for dataset “<script>”, which this page does not have; it shows Sources instead.",
        "This link asks for task “../../”, which this page does not have; it shows Replace with a file instead."])


def test_the_editor_opens_with_each_known_troublemaker_in_every_parameter(data_copy, editor_password_set, monkeypatch):
    for value in HOSTILE_VALUES:
        signed_in_editor(dict.fromkeys(EDITOR_PARAMETERS + ["present"], value))
    monkeypatch.delenv("BORDERLINES_EDITOR_PASSWORD")  # sign-in links on: every value is tried as a link
    for value in HOSTILE_VALUES:
        forget_failures()
        app = open_page("pages/editor.py", **dict.fromkeys(EDITOR_PARAMETERS, value))
        assert "token" not in app.query_params


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(data=st.data())
def test_the_editor_opens_whatever_its_parameters_say(data_copy, editor_password_set, data):
    signed_in_editor({param: data.draw(HOSTILE_TEXT, label=param) for param in EDITOR_PARAMETERS + ["present"]})
