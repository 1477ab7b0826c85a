"""The house look of every chart, as plotly templates derived from a palette: one for reading, one for presenting,
each in the light and the dark theme. Colours come from charts.palette only."""

from __future__ import annotations

from functools import cache

import plotly.graph_objects as go
import plotly.io as pio
from babel.dates import get_day_names, get_month_names

from charts.palette import DARK, LIGHT, TRANSPARENT, Palette
from charts.text import (
    LINE_SPACING,
    PAGE_SUBTITLE_CHARACTERS,
    PAGE_TITLE_CHARACTERS,
    PAGE_WIDTH,
    category_labels,
    characters,
    fitted_title,
    hang_the_title,
    on_a_category_axis,
    tick_lines,
    title_parts,
    y_title_across,
)
from i18n import ENGLISH, N_, _, speaking

# "Source Sans" is the face Streamlit serves with the app (its own CSS names it so); presenter charts, drawn without
# Streamlit's chart theme, fell back to Arial while it was called "Source Sans Pro" here.
FONT_FAMILY = "Source Sans, Source Sans Pro, Segoe UI, Helvetica, Arial, sans-serif"
READING_SIZE = 14


@cache
def house_template(palette: Palette) -> go.layout.Template:
    """Reading size, the theme's ink, faint gridlines, the legend under the plot."""
    return go.layout.Template(layout={
        "font": {"family": FONT_FAMILY, "size": READING_SIZE, "color": palette.ink},
        "title": {"font": {"size": 20}, "x": 0, "xanchor": "left"},
        "colorway": palette.categorical,
        "paper_bgcolor": TRANSPARENT,
        "plot_bgcolor": TRANSPARENT,
        "xaxis": {"showgrid": False, "linecolor": palette.axis, "ticks": "outside"},
        "yaxis": {"gridcolor": palette.grid, "zeroline": False},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 0, "yref": "container", "x": 0},
        "margin": {"l": 10, "r": 10, "t": 70, "b": 60},
        "hoverlabel": {"font": {"family": FONT_FAMILY}},
    })


# Eight colour-blind-safe colours for ten countries: Georgia, Finland and Mongolia share a colour with a Central
# Asian state. A chart that can show all ten (the combined timeline) tells them apart by marker shape as well.
COUNTRY_SHAPES = {"GEO": "diamond", "FIN": "diamond", "MNG": "diamond"}


def country_shape(iso3: str) -> str:
    return COUNTRY_SHAPES.get(iso3, "circle")


# Presenter mode, for a room: type 1.5 times the house size, the theme's strong ink, firmer lines, and the legend
# beside the plot, where a 16:9 screen has room to spare, rather than under it.
PRESENTER_SCALE = 1.5
PRESENTER_MARGIN = {"l": 90, "r": 10, "t": 95, "b": 120}
PRESENTER_WIDTH = 1000  # a chart shared from a 1280 px screen, less the page's padding and the legend beside it
PRESENTER_TICK_OVERHANG = 8
PRESENTER_TICK_GAP = 10  # x tick labels this much lower, clear of the y axis's "0" that reaches below the plot
PRESENTER_LEGEND = {"orientation": "v", "yanchor": "top", "y": 1, "yref": "paper", "xanchor": "left", "x": 1.01}


@cache
def presenter_template(palette: Palette) -> go.layout.Template:
    template = go.layout.Template(house_template(palette))
    template.layout.update({
        "font": {"size": READING_SIZE * PRESENTER_SCALE, "color": palette.strong_ink},
        "title": {"font": {"size": 20 * PRESENTER_SCALE}},
        "xaxis": {"linecolor": palette.strong_ink, "linewidth": 2, "tickcolor": palette.strong_ink},
        "yaxis": {"gridcolor": palette.strong_grid, "linecolor": palette.strong_ink},
        "legend": PRESENTER_LEGEND,
        "margin": PRESENTER_MARGIN,
    })
    return template


def register_templates() -> None:
    """The templates by name too ("borderlines", "borderlines-presenter-dark"...), for figures made outside the
    chart route and for plotly's own tools."""
    for palette in (LIGHT, DARK):
        suffix = "" if palette is LIGHT else f"-{palette.name}"
        pio.templates[f"borderlines{suffix}"] = house_template(palette)
        pio.templates[f"borderlines-presenter{suffix}"] = presenter_template(palette)


register_templates()


def for_presenting(figure: go.Figure, height: int, palette: Palette) -> go.Figure:
    """A copy of a house chart for presenter mode, `height` pixels tall. Sizes a builder set on a single annotation
    or bar label are scaled too, so nothing on the chart stays at reading size."""
    shown = go.Figure(figure)
    right = max(PRESENTER_MARGIN["r"], figure.layout.margin.r or 0)  # a builder's room for names at the lines' ends
    # The page's legend height goes with its place under the plot: beside it, a legend may take the plot's height.
    shown.update_layout(template=presenter_template(palette), height=height, margin={**PRESENTER_MARGIN, "r": right},
                        legend={**PRESENTER_LEGEND, "maxheight": None, "entrywidth": None, "entrywidthmode": None},
                        xaxis={"ticklabelstandoff": PRESENTER_TICK_GAP})
    # Room for the longest category label at the larger size: plotly's own margin growth does not run when a chart
    # is printed for the handout.
    categories = category_labels(shown, "y")
    if categories:
        shown.update_layout(margin={"l": max(90, int(0.55 * READING_SIZE * PRESENTER_SCALE
                                                     * max(map(characters, categories))) + 24)})
    # The source line goes under the tick labels, and under the axis title when there is one.
    axis_title = 44 if shown.layout.xaxis.title.text else 0
    shown.update_layout(margin={"b": PRESENTER_MARGIN["b"] + axis_title}, xaxis={"automargin": True})
    y_title_across(shown, READING_SIZE * PRESENTER_SCALE)
    scaled = PAGE_WIDTH / PRESENTER_WIDTH * PRESENTER_SCALE  # the page's characters per line, at the room's size
    fitted_title(shown, int(PAGE_TITLE_CHARACTERS / scaled), int(PAGE_SUBTITLE_CHARACTERS / scaled))
    # A presenter's screen has a mouse, the bar shows only while it points at the chart, and the screen's height
    # all goes to the chart: the title stays at the top.
    hang_the_title(shown, 20 * PRESENTER_SCALE, keep_plot_height=False, below=0)
    if categories and on_a_category_axis(shown, "y"):
        # rows closer than a line of presenter type: smaller labels rather than labels over each other (numbers
        # labelled in words, '1 млн', are as far apart as plotly spaces ticks)
        per_row = (height - shown.layout.margin.t - shown.layout.margin.b) / len(categories)
        size = READING_SIZE * PRESENTER_SCALE
        if per_row < LINE_SPACING * size:
            shown.update_yaxes(tickfont={"size": max(READING_SIZE - 2, int(per_row / LINE_SPACING))})
    for annotation in shown.layout.annotations:
        annotation.font.size = (annotation.font.size or READING_SIZE) * PRESENTER_SCALE
        annotation.font.color = palette.strong_ink
        annotation.yshift = (annotation.yshift or 0) * PRESENTER_SCALE  # notes stacked by pixels stay apart
        if annotation.name == "source":
            below = 28 * tick_lines(shown) + 18 + PRESENTER_TICK_GAP + axis_title
            annotation.update(yanchor="top", yshift=-below)
            # Its lines under that, inside the chart: a presenter's screen has a fixed height, so the plot gives way.
            lines = (annotation.text or "").count("<br>") + 1
            shown.update_layout(margin={"b": max(shown.layout.margin.b, below + int(LINE_SPACING * annotation.font.size
                                                                                    * lines) + 8)})
    for trace in shown.data:
        if getattr(trace, "textfont", None) is not None and trace.textfont.size:
            trace.textfont.size *= PRESENTER_SCALE
        if trace.name:  # broken for a page's legend columns; beside the plot an entry has the width it needs
            trace.name = trace.name.replace("<br>", " ")
    return legend_beside_the_plot(shown)


def legend_beside_the_plot(shown: go.Figure) -> go.Figure:
    """A presenter legend no taller than the plot it stands beside: a long one (a chart of many series, or a
    shorter chart under a longer page's words) runs down into the source line, so its type gives way first. Where
    even its smallest type is too tall, it runs on down into the bottom margin, beside the source line, rather than
    scroll."""
    entries = [trace for trace in shown.data if trace.name and trace.showlegend is not False]
    if shown.layout.showlegend is False or len(entries) < 2:
        return shown
    lines = sum(trace.name.count("<br>") + 1 for trace in entries) + (1 if shown.layout.legend.title.text else 0)
    # plotly leaves gaps between groups only in a grouped legend (its default where traces have groups); a legend in
    # plain trace order (the rules chart's) has none
    order = shown.layout.legend.traceorder
    groups = len({trace.legendgroup for trace in entries}) if order is None or "grouped" in order else 1
    plot = shown.layout.height - shown.layout.margin.t - shown.layout.margin.b
    size = READING_SIZE * PRESENTER_SCALE
    # plotly's legend: a line of type for its title and for each line of an entry, 4 px between entries, 10 px
    # between groups
    fits = (plot - 4 * len(entries) - 10 * max(groups - 1, 0)) / (LINE_SPACING * lines)
    smallest = READING_SIZE - 4
    if fits < size:
        shown.update_layout(legend={"font": {"size": max(smallest, int(fits))}})
    if fits < smallest:  # taller than the plot even in its smallest type: it runs on down, right of the source line
        shown.update_layout(legend={"maxheight": shown.layout.height - shown.layout.margin.t})
    return shown


def under_a_headline(figure: go.Figure) -> go.Figure:
    """A presenter chart on a slide, whose headline is its title: only the chart's subtitle (what its marks mean)
    stays, at body size, and the chart gets the room the title took."""
    _, subtitle = title_parts(figure)
    figure.update_layout(title={"text": subtitle, "font": {"size": READING_SIZE * PRESENTER_SCALE}}, margin={"t": 20})
    if not subtitle:
        return figure
    hang_the_title(figure, READING_SIZE * PRESENTER_SCALE, keep_plot_height=False, below=0)
    # The top tick label, at presenter size, reaches further above the plot than a title's gap allows for.
    return figure.update_layout(margin={"t": figure.layout.margin.t + PRESENTER_TICK_OVERHANG})


# What plotly.js writes itself (its mode bar's buttons and notices), handed to the browser with each chart in the
# reader's language: Streamlit loads no plotly locale file, so the words travel in the chart's own config.
PLOTLY_WORDS = (N_("Autoscale"), N_("Box Select"), N_("Compare data on hover"), N_("Download plot as a png"),
                N_("Download plot as a PNG"),
                N_("Lasso Select"), N_("Pan"), N_("Reset axes"), N_("Reset view"), N_("Show closest data on hover"),
                N_("Toggle Spike Lines"), N_("Zoom"), N_("Zoom in"), N_("Zoom out"),
                N_("Double-click to zoom back out"), N_("Double-click on legend to isolate one trace"),
                N_("Snapshot succeeded"), N_("Taking snapshot - this may take a few seconds"),
                N_("Sorry, there was a problem downloading your snapshot!"))


@cache
def plotly_locale(language: str) -> dict:
    """plotly.js's `locale` and `locales` config for a language: its buttons' words from our catalogs, its month
    and day names from Babel; nothing for English, plotly's own."""
    if language == ENGLISH:
        return {}
    with speaking(language):
        dictionary = {word: _(word) for word in PLOTLY_WORDS}
    sunday_first = (6, 0, 1, 2, 3, 4, 5)
    days = {width: get_day_names(width, "stand-alone", language) for width in ("wide", "abbreviated")}
    months = {width: get_month_names(width, "stand-alone", language) for width in ("wide", "abbreviated")}
    return {"locale": language, "locales": {language: {"dictionary": dictionary, "format": {
        "days": [days["wide"][day] for day in sunday_first],
        "shortDays": [days["abbreviated"][day] for day in sunday_first],
        "months": [months["wide"][month] for month in range(1, 13)],
        "shortMonths": [months["abbreviated"][month] for month in range(1, 13)],
        "decimal": ",", "thousands": "\u2009"}}}}
