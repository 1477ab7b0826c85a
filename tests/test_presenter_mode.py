"""Presenter mode in AppTest: turned on by the URL or the toggle, kept across pages, and left with one click."""

from tests.conftest import open_page
from tests.figures import figure_json


def chart_font_size(app) -> float:
    return figure_json(app.get("plotly_chart")[0])["layout"]["template"]["layout"]["font"]["size"]


def test_present_in_the_url_turns_it_on_and_it_stays_on_across_pages():
    app = open_page(present="1")
    assert app.toggle(key="presenter-mode").value is True
    assert chart_font_size(app) == 21
    app.switch_page("pages/money.py").run()
    assert app.title[0].value == "Money and migrants"
    assert app.query_params["present"] == "1"
    assert chart_font_size(app) == 21


def test_the_toggle_turns_it_on_and_the_leave_button_turns_it_off():
    app = open_page("pages/money.py")
    assert chart_font_size(app) == 14
    assert "present" not in app.query_params
    app.toggle(key="presenter-mode").set_value(True).run()
    assert app.query_params["present"] == "1"
    assert chart_font_size(app) == 21
    app.button(key="leave-presenter").click().run()
    assert "present" not in app.query_params
    assert app.toggle(key="presenter-mode").value is False
    assert chart_font_size(app) == 14


def test_presenter_charts_fit_a_720_pixel_screen_with_their_tabs():
    app = open_page("pages/money.py", present="1")
    for chart in app.get("plotly_chart"):
        assert figure_json(chart)["layout"]["height"] <= 720 - 100
