"""The house look of every chart: one colour per country on every chart, from a colour-blind-safe palette.

Colours are Okabe and Ito's palette ("Color Universal Design"), the same list `.streamlit/config.toml` gives
Streamlit, so native widgets and plotly figures agree.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from charts.text import category_labels, tick_lines, title_parts

OKABE_ITO = {
    "blue": "#0072B2", "vermillion": "#D55E00", "bluish_green": "#009E73", "reddish_purple": "#CC79A7",
    "orange": "#E69F00", "sky_blue": "#56B4E9", "yellow": "#F0E442", "black": "#000000",
}

# One colour per country, the same on every chart. Russia and Kazakhstan, the two sides of most stories, get the
# two most distinct hues; countries that rarely appear together share the rest.
COUNTRY_COLOURS = {
    "RUS": OKABE_ITO["vermillion"],
    "KAZ": OKABE_ITO["blue"],
    "KGZ": OKABE_ITO["bluish_green"],
    "TJK": OKABE_ITO["reddish_purple"],
    "UZB": OKABE_ITO["orange"],
    "TKM": OKABE_ITO["sky_blue"],
    "GEO": OKABE_ITO["bluish_green"],
    "FIN": OKABE_ITO["reddish_purple"],
    "MNG": OKABE_ITO["orange"],
    "USA": OKABE_ITO["black"],
}
OTHER_COLOUR = "#8A9299"

# "Source Sans" is the face Streamlit serves with the app (its own CSS names it so); presenter charts, drawn without
# Streamlit's chart theme, fell back to Arial while it was called "Source Sans Pro" here.
FONT_FAMILY = "Source Sans, Source Sans Pro, Segoe UI, Helvetica, Arial, sans-serif"

HOUSE_TEMPLATE = go.layout.Template(
    layout={
        "font": {"family": FONT_FAMILY, "size": 14, "color": "#1B1F24"},
        "title": {"font": {"size": 20}, "x": 0, "xanchor": "left"},
        "colorway": list(OKABE_ITO.values()),
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "xaxis": {"showgrid": False, "linecolor": "#8A9299", "ticks": "outside"},
        "yaxis": {"gridcolor": "rgba(138,146,153,0.3)", "zeroline": False},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 0, "yref": "container", "x": 0},
        "margin": {"l": 10, "r": 10, "t": 70, "b": 60},
        "hoverlabel": {"font": {"family": FONT_FAMILY}},
    }
)
pio.templates["borderlines"] = HOUSE_TEMPLATE


# Okabe-Ito's black (the United States) and the presenter's black ink vanish on a dark page: there they take the
# dark theme's text colour (.streamlit/config.toml), and black gridlines turn white.
DARK_PAGE_INK = "#E8EBEE"


def for_the_dark(figure: go.Figure) -> go.Figure:
    """A copy of a chart for a reader whose page is dark."""
    text = figure.to_json().replace('"#000000"', f'"{DARK_PAGE_INK}"').replace('"rgba(0,0,0,', '"rgba(255,255,255,')
    return pio.from_json(text)


# Eight colour-blind-safe colours for ten countries: Georgia, Finland and Mongolia share a colour with a Central
# Asian state. A chart that can show all ten (the combined timeline) tells them apart by marker shape as well.
COUNTRY_SHAPES = {"GEO": "diamond", "FIN": "diamond", "MNG": "diamond"}


def country_shape(iso3: str) -> str:
    return COUNTRY_SHAPES.get(iso3, "circle")


def country_colour(iso3: str) -> str:
    return COUNTRY_COLOURS.get(iso3, OTHER_COLOUR)


# Presenter mode, for a room: type 1.5 times the house size, black ink, firmer lines, and the legend beside the plot,
# where a 16:9 screen has room to spare, rather than under it.
PRESENTER_SCALE = 1.5
PRESENTER_INK = "#000000"
PRESENTER_TEMPLATE = go.layout.Template(HOUSE_TEMPLATE)
PRESENTER_TEMPLATE.layout.update({
    "font": {"size": 14 * PRESENTER_SCALE, "color": PRESENTER_INK},
    "title": {"font": {"size": 20 * PRESENTER_SCALE}},
    "xaxis": {"linecolor": PRESENTER_INK, "linewidth": 2, "tickcolor": PRESENTER_INK},
    "yaxis": {"gridcolor": "rgba(0,0,0,0.3)", "linecolor": PRESENTER_INK},
    "legend": {"orientation": "v", "yanchor": "top", "y": 1, "yref": "paper", "xanchor": "left", "x": 1.01},
    "margin": {"l": 90, "r": 10, "t": 95, "b": 120},
})
pio.templates["borderlines-presenter"] = PRESENTER_TEMPLATE


def for_presenting(figure: go.Figure, height: int) -> go.Figure:
    """A copy of a house chart for presenter mode, `height` pixels tall. Sizes a builder set on a single annotation
    or bar label are scaled too, so nothing on the chart stays at reading size."""
    shown = go.Figure(figure)
    shown.update_layout(template="borderlines-presenter", height=height, margin=PRESENTER_TEMPLATE.layout.margin,
                        legend=PRESENTER_TEMPLATE.layout.legend)
    # Room for the longest category label at the larger size: plotly's own margin growth does not run when a chart
    # is printed for the handout.
    categories = category_labels(shown, "y")
    if categories:
        shown.update_layout(margin={"l": max(90, int(0.55 * 14 * PRESENTER_SCALE * max(map(len, categories))) + 24)})
    # The source line goes under the tick labels, and under the axis title when there is one.
    axis_title = 32 if shown.layout.xaxis.title.text else 0
    shown.update_layout(margin={"b": PRESENTER_TEMPLATE.layout.margin.b + axis_title}, xaxis={"automargin": True})
    # A y axis title longer than a short plot is tall would run into the subtitle: it joins the subtitle instead,
    # where it reads across.
    y_title = shown.layout.yaxis.title.text
    plot_height = height - PRESENTER_TEMPLATE.layout.margin.t - shown.layout.margin.b
    if y_title and 0.5 * 14 * PRESENTER_SCALE * len(y_title) > plot_height:
        title, subtitle = title_parts(shown)
        shown.update_layout(title_text=f"{title}<br><sup>{'; '.join(filter(None, [subtitle, y_title]))}</sup>",
                            yaxis_title_text=None)
    for annotation in shown.layout.annotations:
        annotation.font.size = (annotation.font.size or 14) * PRESENTER_SCALE
        annotation.font.color = PRESENTER_INK
        if annotation.name == "source":
            annotation.update(yanchor="top", yshift=-(26 * tick_lines(shown) + 18) - axis_title)
    for trace in shown.data:
        if getattr(trace, "textfont", None) is not None and trace.textfont.size:
            trace.textfont.size *= PRESENTER_SCALE
    return shown


def under_a_headline(figure: go.Figure) -> go.Figure:
    """A presenter chart on a slide, whose headline is its title: only the chart's subtitle (what its marks mean)
    stays, at body size, and the chart gets the room the title took."""
    _, subtitle = title_parts(figure)
    return figure.update_layout(title={"text": subtitle, "font": {"size": 14 * PRESENTER_SCALE}},
                                margin={"t": 50 if subtitle else 20})
