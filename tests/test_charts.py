"""Chart builders are pure: a table in, a figure out. Tests read the data the figure carries."""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from charts.palette import DARK, DARK_INK, LIGHT
from charts.spec import Look, styled
from charts.text import (
    FOOT_GAP,
    LEGEND_FURTHER_LINE,
    LEGEND_PADDING,
    LEGEND_ROW,
    MIN_PLOT_HEIGHT,
    PAGE_WIDTH,
    PHONE_WIDTH,
    characters,
    for_a_phone,
    legend_rows,
    lines_of,
    plain,
    spread,
    tick_lines,
    with_source,
)
from charts.timeline import events_timeline
from tests.figures import drawing

CHARTS = Path(__file__).resolve().parent.parent / "charts"


def test_charts_never_import_streamlit():
    for path in CHARTS.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        assert not any(name.split(".")[0] == "streamlit" for name in imported), path.name


def sample_events() -> pd.DataFrame:
    return pd.DataFrame({
        "event_id": ["mob", "kz-rule", "ban"],
        "date": pd.to_datetime(["2022-09-21", "2023-01-26", "2025-05-01"]),
        "date_precision": ["day", "day", "month"],
        "acting_country": ["RUS", "KAZ", "RUS"],
        "affected_country": [None, "RUS", "KAZ"],
        "category": ["mobilization", "entry_rule", "entry_ban"],
        "summary": ["Russia mobilizes", "<img src=x onerror=alert(1)> rule", "Scholars barred"],
        "source_id": ["a", "b", "c"],
    })


def test_the_timeline_has_one_trace_per_acting_country_with_its_events():
    figure = events_timeline(sample_events(), drawing({"RUS": "Russia", "KAZ": "Kazakhstan"}))
    traces = {trace.name: trace for trace in figure.data}
    assert set(traces) == {"Russia", "Kazakhstan"}
    assert list(traces["Russia"].y) == ["Mobilization", "Entry bans"]
    assert [str(pd.Timestamp(x).date()) for x in traces["Russia"].x] == ["2022-09-21", "2025-05-01"]
    assert list(traces["Russia"].marker.symbol) == ["circle", "circle-open"]  # month-only event is hollow
    assert "(month only)" in traces["Russia"].hovertext[1]
    assert figure.layout.title.text.startswith("3 events, Sep 2022 to May 2025")


def test_csv_text_in_hovers_is_shown_as_text_not_html():
    figure = events_timeline(sample_events(), drawing({}))
    kazakh = next(trace for trace in figure.data if trace.name == "KAZ")
    assert "<img" not in kazakh.hovertext[0]
    assert "&lt;img src=x onerror=alert(1)&gt;" in kazakh.hovertext[0]


def test_the_source_is_burned_into_the_figure_for_png_exports():
    figure = styled(events_timeline(sample_events(), drawing({})), Look(), "Source: RFE/RL <b>")
    assert [annotation.text for annotation in figure.layout.annotations] == [plain("Source: RFE/RL <b>")]


def test_a_long_source_line_wraps_instead_of_running_off_a_phone_screen():
    figure = styled(events_timeline(sample_events(), drawing({})), Look(), "Sources: " + ", ".join(["Publisher"] * 20))
    assert figure.layout.annotations[0].text.count("<br>") >= 2


def sample_bans() -> pd.DataFrame:
    return pd.DataFrame({
        "ban_id": ["a", "b", "c", "d", "e"],
        "person_or_group": ["Deputy One", "Deputy Two", "Kazakh scholars (unnamed)", "Journalist", "Late politician"],
        "count": pd.array([1, 1, 70, 1, 1], dtype="Int64"),
        "approximate": [False, False, True, False, False],
        "qualifier": [None, None, "around", None, None],
        "occupation": ["politician", "politician", "scholar", "journalist", "politician"],
        "nationality": ["RUS", "RUS", "KAZ", "KAZ", "RUS"],
        "banning_country": ["KAZ", "KAZ", "RUS", "RUS", "KAZ"],
        "date_reported": pd.to_datetime(["2025-05-03", "2025-05-03", "2025-05-01", "2025-05-17", None]),
        "date_precision": ["day", "day", "month", "day", None],
        "reason_or_context": ["", "", "", "", ""],
        "source_id": ["s"] * 5,
    })


NAMES = {"RUS": "Russia", "KAZ": "Kazakhstan"}


def test_bans_reported_the_same_day_share_one_dot_that_names_them_all():
    from charts.bans import bans_timeline, with_direction

    figure = bans_timeline(with_direction(sample_bans(), NAMES), drawing(NAMES))
    kazakh_side = next(trace for trace in figure.data if trace.name == "Kazakhstan bars citizens of Russia")
    assert len(kazakh_side.x) == 1
    assert "Deputy One" in kazakh_side.hovertext[0] and "Deputy Two" in kazakh_side.hovertext[0]
    russian_side = next(trace for trace in figure.data if trace.name == "Russia bars citizens of Kazakhstan")
    assert list(russian_side.marker.symbol) == ["circle-open", "circle"]  # the month-only group is hollow
    assert "1 undated ban not shown" in figure.layout.title.text


def test_the_occupation_chart_keeps_approximate_groups_marked_and_counts_unsummed_in_words():
    from charts.bans import bans_by_occupation, how_many, with_direction

    figure = bans_by_occupation(with_direction(sample_bans(), NAMES), drawing(NAMES))
    russian_side = next(trace for trace in figure.data if trace.name == "Russia bars citizens of Kazakhstan")
    assert dict(zip(russian_side.y, russian_side.text, strict=True)) == {"Journalists": "1", "Scholars": "around 70"}
    bans = sample_bans()
    assert how_many(bans[bans["banning_country"] == "RUS"]) == "1 named person and a group of around 70"


def test_one_arc_per_direction_labelled_in_words_not_a_false_total():
    from charts.bans import ban_arcs

    places = pd.DataFrame({"place_id": ["moscow", "astana"], "country": ["RUS", "KAZ"], "kind": ["capital"] * 2,
                           "lon": [37.62, 71.43], "lat": [55.76, 51.17]})
    arcs = ban_arcs(sample_bans(), drawing(NAMES, places=places)).set_index("label")
    assert set(arcs.index) == {"Kazakhstan bars citizens of Russia: 3 named people",
                               "Russia bars citizens of Kazakhstan: 1 named person and a group of around 70"}
    assert arcs["width"].iloc[1] > arcs["width"].iloc[0]
    assert arcs.loc["Kazakhstan bars citizens of Russia: 3 named people", "from_lon"] == 71.43


def test_on_a_phone_a_long_title_is_broken_into_lines_hung_from_the_top_and_the_plot_starts_below_it():
    figure = go.Figure(layout={"template": "borderlines", "title": {
        "text": "Remittances are close to half of Tajikistan's economy<br><sup>Remittances as % of GDP as stated "
                "by KNOMAD (2018); World Bank (2022, 2024); ~ approximate</sup>"}})

    phone = for_a_phone(figure)

    title, _, subtitle = phone.layout.title.text.partition("<br><sup>")
    assert [len(line) <= 30 for line in title.split("<br>")] == [True, True]
    assert all(len(line) <= 46 for line in subtitle.removesuffix("</sup>").split("<br>"))
    # Two title lines and two subtitle lines as plotly draws them (22 + 26, 17 + 26 px), under the top pad and the
    # 26 px left for the mode bar a touch screen always shows, and over the gap to the plot; the plot keeps its height
    # (the page scrolls).
    assert (phone.layout.title.yref, phone.layout.title.y, phone.layout.title.yanchor) == ("container", 1, "top")
    assert phone.layout.margin.t == 8 + 26 + (22 + 26) + (17 + 26) + 14
    assert phone.layout.title.pad.t == 8 + 26 + 18  # and the overhang of a title of several lines
    assert phone.layout.height - phone.layout.margin.t == 450 - 70
    assert figure.layout.title.text.count("<br>") == 1, "the shared figure is left as it was"


def test_a_page_s_title_hangs_below_the_mode_bar_too_and_a_presenter_s_from_the_top_of_the_screen():
    """A laptop shows plotly's mode bar while the pointer is over a chart, and a tablet that asks for the page layout
    shows it at all times, over the first line of a title as wide as the column; a presenter's screen has no room
    to spare."""
    page = styled(events_timeline(sample_events(), drawing({})), Look(), "Source: X")
    presented = styled(events_timeline(sample_events(), drawing({})), Look(presenter_height=600), "Source: X")

    assert page.layout.title.pad.t == 8 + 26 + 18  # the pad, the mode bar's band, a title of two lines' overhang
    assert page.layout.margin.t == 8 + 26 + 22 + 17 + 14  # a title and a subtitle of one line each, and the gap
    assert presented.layout.title.pad.t == 8 + 18 * 1.5  # the pad and the overhang, at presenter size


def chart_with_a_legend(names: list[str], source: str = "Sources: " + ", ".join(["Publisher"] * 12)) -> go.Figure:
    figure = go.Figure([go.Scatter(x=[2020, 2021], y=[1, 2], name=name) for name in names],
                       layout={"template": "borderlines", "height": 400, "title": {"text": "A finding"}})
    return with_source(figure, source, LIGHT.muted_ink)


def test_the_source_line_sits_on_the_bottom_edge_with_the_legend_on_top_of_it():
    figure = chart_with_a_legend(["Kazakhstan", "Russia"])
    source = figure.layout.annotations[0]
    lines = source.text.count("<br>") + 1

    assert source.yanchor == "bottom" and source.yshift == FOOT_GAP - figure.layout.margin.b
    legend = figure.layout.legend
    assert (legend.yref, legend.yanchor) == ("paper", "top"), "the legend hangs from the plot's foot"
    under_the_plot = -legend.y * (figure.layout.height - 70 - figure.layout.margin.b)  # the house template's top
    assert under_the_plot >= 16, "the tick labels' line sits above the legend"
    legend_top = figure.layout.margin.b - under_the_plot  # above the chart's bottom edge
    assert legend_top - legend.maxheight >= 15 * lines, "the legend ends above the source line"
    assert figure.layout.legend.maxheight >= 22, "room for a row of legend entries"


def test_on_a_phone_the_legend_takes_more_rows_and_the_source_more_lines_without_squeezing_the_plot():
    names = ["Kyrgyzstan, Bank of Russia", "Kyrgyzstan, own central bank", "Tajikistan, Bank of Russia",
             "Uzbekistan, World Bank"]
    page = chart_with_a_legend(names)
    phone = for_a_phone(page)

    assert len(legend_rows(page, PAGE_WIDTH)) == 2 and len(legend_rows(page, PHONE_WIDTH)) == 4
    page_lines, phone_lines = (figure.layout.annotations[0].text.count("<br>") + 1 for figure in (page, phone))
    assert phone_lines > page_lines
    plot_height = [figure.layout.height - (figure.layout.margin.t or 70) - figure.layout.margin.b
                   for figure in (page, phone)]
    assert plot_height[0] == plot_height[1]
    assert phone.layout.margin.b > page.layout.margin.b
    assert page.layout.annotations[0].text.count("<br>") + 1 == page_lines, "the shared figure is left as it was"


def test_a_legend_of_many_series_makes_the_chart_taller_not_its_plot_shorter():
    names = [f"{country}, {series}" for country in ("Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan",
                                                     "Uzbekistan", "Georgia") for series in ("Bank of Russia", "other")]
    page = chart_with_a_legend(names)
    for figure in (page, for_a_phone(page)):
        top = figure.layout.margin.t if figure.layout.margin.t is not None else 70  # the house template's
        assert figure.layout.height - top - figure.layout.margin.b >= MIN_PLOT_HEIGHT
    assert page.layout.height > 400  # the builder asked for 400


def test_a_legend_past_one_row_goes_into_equal_columns_so_its_rows_are_known_before_the_browser_draws_it():
    """Plotly's own grid makes each cell as wide as the widest entry as the browser measures it; planned for any
    font, a long legend was drawn in two columns where one was planned, leaving a band of white under it."""
    names = [f"{country}, {series}" for country in ("Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan",
                                                     "Uzbekistan", "Georgia") for series in ("Bank of Russia", "other")]
    legend = chart_with_a_legend(names).layout.legend
    assert (legend.entrywidthmode, legend.entrywidth) == ("fraction", 1 / 2 - 0.001)
    assert legend.maxheight == 6 * LEGEND_ROW + LEGEND_PADDING, "six rows of two, none broken"

    longer = chart_with_a_legend([*names[:4], "Uzbekistan, own central bank (another report)"])
    assert [trace.name for trace in longer.data][-1] == "Uzbekistan, own central bank (another<br>report)"
    assert longer.layout.legend.maxheight == 3 * LEGEND_ROW + LEGEND_FURTHER_LINE + LEGEND_PADDING

    short = chart_with_a_legend(["Kazakhstan", "Russia"]).layout.legend
    assert short.entrywidth is None, "entries that fit one row keep their own widths"
    assert for_a_phone(chart_with_a_legend(names)).layout.legend.maxheight == 12 * LEGEND_ROW + LEGEND_PADDING


def test_a_legend_counts_its_title_and_plotly_hides_a_legend_of_one():
    assert legend_rows(chart_with_a_legend(["Russia"]), PAGE_WIDTH) == []
    titled = chart_with_a_legend(["Kazakhstan", "Russia"]).update_layout(legend_title_text="Acting country")
    assert legend_rows(titled, PAGE_WIDTH) == [1, 1]
    assert legend_rows(titled.update_layout(showlegend=False), PAGE_WIDTH) == []


def test_dates_and_broken_labels_take_two_lines_under_the_axis():
    years = go.Figure(go.Bar(x=[2020, 2021], y=[1, 2]))
    dates = go.Figure(go.Scatter(x=pd.to_datetime(["2022-09-21", "2022-10-04"]), y=[1, 2]))
    periods = go.Figure(go.Bar(x=["Jan 2018–Sep 2018"], y=[1]),
                        layout={"xaxis": {"tickvals": ["Jan 2018–Sep 2018"], "ticktext": ["Jan 2018–<br>Sep 2018"]}})
    assert [tick_lines(figure) for figure in (years, dates, periods)] == [1, 2, 2]


def test_on_a_phone_long_category_labels_are_broken_into_lines_and_short_ones_left_alone():
    rules = go.Figure(go.Bar(y=["United States: Entry suspension (Jun 2025)", "Russia: 90 days"], x=[1, 2],
                             orientation="h"))
    phone = for_a_phone(rules)
    assert list(phone.layout.yaxis.tickvals) == ["United States: Entry suspension (Jun 2025)", "Russia: 90 days"]
    assert list(phone.layout.yaxis.ticktext) == ["United States: Entry<br>suspension (Jun 2025)", "Russia: 90 days"]
    assert for_a_phone(go.Figure(go.Bar(y=["Scholars"], x=[1], orientation="h"))).layout.yaxis.ticktext is None


def test_in_a_room_a_y_axis_title_too_long_for_a_short_plot_joins_the_subtitle():
    from charts.theme import for_presenting

    figure = go.Figure(go.Scatter(x=[1, 2], y=[1, 2]), layout={
        "template": "borderlines", "yaxis": {"title": "Border crossings (log scale)"},
        "title": {"text": "Entries<br><sup>Entries by Russians</sup>"}})

    short = for_presenting(figure, 330, LIGHT)
    assert short.layout.yaxis.title.text is None
    assert short.layout.title.text == "Entries<br><sup>Entries by Russians; Border crossings (log scale)</sup>"
    tall = for_presenting(figure, 1000, LIGHT)
    assert tall.layout.yaxis.title.text == "Border crossings (log scale)"


def test_in_a_room_the_legend_beside_the_plot_shows_every_entry_not_the_few_a_page_s_legend_had_room_for():
    """Under the plot, a page's legend is held to the rows it was planned for; beside it, in presenter mode, that
    limit gave a legend of eight countries room for one, and a scroll bar."""
    from charts.theme import for_presenting

    figure = go.Figure([go.Scatter(x=[1, 2], y=[1, 2], name=name) for name in ("Kazakhstan", "Russia", "Georgia")],
                       layout={"template": "borderlines", "title": {"text": "Entries"}})
    styled(figure, Look(LIGHT), "Source: Publisher")
    assert figure.layout.legend.maxheight is not None  # held to its rows under the plot on a page

    assert for_presenting(figure, 720, LIGHT).layout.legend.maxheight is None
    names = [*(f"Country {number}" for number in range(11)), "Uzbekistan, own central bank (another report)"]
    page = chart_with_a_legend(names)
    assert "<br>" in page.data[-1].name, "broken for its column under the plot on a page"
    beside = for_presenting(page, 720, LIGHT)
    assert beside.layout.legend.entrywidth is None, "a legend beside the plot is one column, its entries' own width"
    assert beside.data[-1].name == "Uzbekistan, own central bank (another report)", "on one line, as wide as it needs"
    # On a slide under a long headline, a dozen entries are taller than the plot even in the smallest type: the legend
    # runs on down beside the source line instead of scrolling.
    many = go.Figure([go.Scatter(x=[1, 2], y=[1, 2], name=f"Country {number}") for number in range(12)],
                     layout={"template": "borderlines", "title": {"text": "Entries"}})
    styled(many, Look(LIGHT), "Source: Publisher")
    squeezed = for_presenting(many, 330, LIGHT)
    plot = squeezed.layout.height - squeezed.layout.margin.t - squeezed.layout.margin.b
    assert squeezed.layout.legend.maxheight > plot


def test_on_a_page_a_y_axis_title_longer_than_the_plot_is_tall_joins_the_subtitle_a_short_one_stays():
    def chart(axis_title: str) -> go.Figure:
        figure = go.Figure(go.Scatter(x=[1, 2], y=[1, 2]), layout={
            "height": 400, "yaxis": {"title": axis_title}, "title": {"text": "Entries<br><sup>By Russians</sup>"}})
        return styled(figure, Look(LIGHT), "Source: Publisher")

    long_title = "Пересечения границы (логарифмическая шкала), по данным пограничной службы"
    moved = chart(long_title)
    assert moved.layout.yaxis.title.text is None
    assert moved.layout.title.text == f"Entries<br><sup>By Russians; {long_title}</sup>"
    assert chart("Border crossings").layout.yaxis.title.text == "Border crossings"


def test_cyrillic_letters_take_more_room_so_russian_text_breaks_sooner():
    assert characters("Border crossings") == len("Border crossings")
    assert characters("Пересечения") > len("Пересечения")
    assert lines_of("Border crossings by month", 20) == ["Border crossings by", "month"]
    assert lines_of("Пересечения границы за месяц", 20) == ["Пересечения", "границы за месяц"]


def test_on_a_phone_every_year_ticks_become_every_fifth_so_the_labels_lie_flat():
    years = go.Figure(go.Scatter(x=list(range(2010, 2025)), y=list(range(15))),
                      layout={"xaxis": {"dtick": 1, "range": [2009.5, 2024.5]}})
    assert for_a_phone(years).layout.xaxis.dtick == 5
    assert years.layout.xaxis.dtick == 1, "the page's chart keeps a tick a year"
    few = go.Figure(go.Scatter(x=[2022, 2023, 2024], y=[1, 2, 3]), layout={"xaxis": {"dtick": 1, "range": [2021.5,
                                                                                                          2024.5]}})
    assert for_a_phone(few).layout.xaxis.dtick == 1


def test_on_a_dark_page_black_turns_light_and_the_light_chart_keeps_it():
    """The dark theme is drawn from the palette's dark roles, not made by replacing colours in a finished figure."""
    united_states = sample_events().assign(acting_country="USA")
    names = {"USA": "United States"}
    dark = styled(events_timeline(united_states, drawing(names, look=Look(DARK))),
                  Look(DARK, presenter_height=600), "Source: X")
    assert dark.data[0].marker.color == DARK_INK
    assert dark.layout.template.layout.font.color == DARK_INK, "the presenter's black ink too"
    light = styled(events_timeline(united_states, drawing(names)), Look(LIGHT, presenter_height=600), "Source: X")
    assert light.data[0].marker.color == "#000000"
    assert light.layout.template.layout.font.color == "#000000"


def test_the_timeline_legend_shows_a_filled_dot_and_countries_sharing_a_colour_differ_in_shape():
    events = pd.DataFrame({
        "event_id": ["a", "b", "c", "d"],
        "date": pd.to_datetime(["2022-01-01", "2022-09-21", "2022-09-22", "2022-09-23"]),
        "date_precision": ["month", "day", "day", "day"],
        "acting_country": ["KAZ", "KAZ", "GEO", "KGZ"],
        "category": ["diplomacy", "exodus", "exodus", "exodus"],
        "summary": ["early, month only", "exact", "Georgia", "Kyrgyzstan"],
    })
    figure = events_timeline(events, drawing({"KAZ": "Kazakhstan", "GEO": "Georgia", "KGZ": "Kyrgyzstan"}))
    traces = {trace.name: trace for trace in figure.data}

    assert list(traces["Kazakhstan"].marker.symbol) == ["circle", "circle-open"], "the legend copies the first"
    assert traces["Georgia"].marker.color == traces["Kyrgyzstan"].marker.color
    assert (traces["Georgia"].marker.symbol[0], traces["Kyrgyzstan"].marker.symbol[0]) == ("diamond", "circle")


def test_names_too_many_for_the_axis_share_it_equally_in_order_rather_than_pile_up_at_the_top():
    """On a slide's short chart, five names at the lines' ends needed more room than the axis had; they were
    lifted back inside it one on top of another."""
    placed = spread([(90, 0), (88, 1), (86, 2), (20, 3)], gap=30, bottom=0, top=100)
    assert [placed[index] for index in range(4)] == [87.5, 62.5, 37.5, 12.5]
    assert spread([(90, 0), (88, 1)], gap=10, bottom=0, top=100) == {0: 90, 1: 80}, "with room, as little as need be"


def test_a_presenter_legend_in_plain_order_is_sized_without_gaps_between_its_groups():
    """plotly leaves 10 px between legend groups only when it groups them; the rules chart keys each country in its
    own group but lists them in plain order, so its legend is as tall as one without groups."""
    from charts.theme import legend_beside_the_plot

    def legend_type(groups: bool, order: str | None) -> float | None:
        figure = go.Figure([go.Bar(x=[1], y=[name], name=name, legendgroup=name if groups else None)
                            for name in (f"Country {number}" for number in range(14))],
                           layout={"height": 420, "margin": {"t": 40, "b": 40}, "legend": {"traceorder": order}})
        return legend_beside_the_plot(figure).layout.legend.font.size

    assert legend_type(groups=True, order="normal") == legend_type(groups=False, order=None)
    assert legend_type(groups=True, order=None) < legend_type(groups=False, order=None)  # grouped: the gaps count
