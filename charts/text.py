"""Text for figures and pages: CSV text made safe for plotly (which renders a subset of HTML: <b>, <br>, <a href> in
titles and hovers) and for Markdown, the source line burned into every chart, and titles, labels and chart feet
broken into lines that fit the width a chart is drawn at."""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Iterator
from urllib.parse import quote

import pandas as pd
import plotly.graph_objects as go


def plain(text: object) -> str:
    """Escape CSV text so that plotly shows it literally: a '<script>' or '<a href>' in a cell stays visible text."""
    return html.escape("" if text is None else str(text), quote=False)


MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escape_markdown(text: object) -> str:
    """CSV text shown literally by st.markdown/st.caption: no links, emphasis, LaTeX ($) or colour directives."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", "" if text is None else str(text))


def safe_link(url: str) -> str | None:
    """Only http(s) addresses become links; spaces and parentheses are encoded so they cannot end the link."""
    if not re.match(r"^https?://", url or ""):
        return None
    return quote(url, safe=":/?#[]@!$&'*+,;=%~")


def wrapped(text: object, width: int = 60) -> str:
    """Plain text broken into hover-sized lines."""
    return "<br>".join(textwrap.wrap(plain(text), width)) or ""


# The foot of a chart, from its bottom edge up: a gap, the source line, a gap, the legend, then the x axis's tick
# labels (and its title, when it has one). Pixels at the house type sizes, measured in Chromium with generous
# rounding: a little white space beats an overlap.
FOOT_GAP = 8
SOURCE_FONT_SIZE = 11
SOURCE_LINE = 15
SOURCE_CHARACTER = 5.6
# A legend row, and each further line of an entry broken into lines. In the app, which serves its own font (Source
# Sans, Latin and Cyrillic alike), a row is 19 px and a further line 15 (measured in Chromium); the edition is drawn
# in the reader's own fonts, where a further line in Cyrillic took up to 21 px (a fallback font). The legend hangs
# from the axis, so room to spare falls under it.
LEGEND_ROW = 22
LEGEND_FURTHER_LINE = 17
SYSTEM_FONT_FURTHER_LINE = 22
LEGEND_PADDING = 8
LEGEND_MARKER = 40  # plotly's symbol and the gap before the text
LEGEND_GAP = 12  # between an entry's text and the next column
LEGEND_CHARACTER = 7.0
TICK_LINE = 16
TICKS = 20  # tick marks, the axis padding and a gap
MIN_PLOT_HEIGHT = 240  # the plot itself, whatever the title and the foot take: a chart of many series grows taller
AXIS_TITLE = 24
# Where plotly's automatic margin puts the plot's left edge: past the longest category label, or past a numeric
# axis's tick labels and title.
LABEL_CHARACTER = 5.6
NUMBER_AXIS = 45
NUMBER_AXIS_TITLE = 25
# The widths a chart is laid out for: a laptop's page (the narrowest wide-layout column with the sidebar open)
# and a phone's (the narrowest, 320 px, less the page padding: a foot laid out for 390 px ran off a 320 px phone).
PAGE_WIDTH = 700
PHONE_WIDTH = 288
READING_FONT = 14
MIN_ROOM = 100  # for labels no chart should have: a source line a word a line is still inside the chart
# Category labels longer than this are broken into lines on a phone, or they leave the plot no room.
PHONE_LABEL_CHARACTERS = 22


# A title's lines as plotly draws them at 20 px, measured in Chromium: the first line's box, each further line, the
# first line of a <sup> subtitle (smaller, raised); and how far above its anchor a title hung from the top starts.
TITLE_FIRST_LINE = 22
TITLE_LINE = 26
SUBTITLE_FIRST_LINE = 17
TITLE_OVERHANG = {False: 4, True: 18}  # one line, several lines
LINE_SPACING = 1.3  # plotly's: lines of text this many font sizes apart
TITLE_PAD = 8  # from the chart's top edge to the title
# Plotly's mode bar (the chart's buttons) covers the chart's top right corner, 2 to 28 pixels down and 226 wide: on a
# laptop while the pointer is over the chart, on a touch screen (a phone, a tablet) at all times. A title hangs below
# it, so that no width of the page's column puts the title's first line under it. (An edition embed, whose title is
# HTML, leaves press.pages.MODE_BAR_ROOM above its plot instead.)
MODE_BAR_BAND = 26
TITLE_GAP = 14  # from the subtitle's last line to the plot: the top tick label reaches half a line above it


def hang_the_title(figure: go.Figure, size: float = 20, keep_plot_height: bool = True,
                   below: int = MODE_BAR_BAND) -> go.Figure:
    """Hang the title and subtitle from the chart's top edge (or `below` pixels under it) and start the plot under
    their last line, keeping the plot's height (or the chart's, for a screen). Plotly puts a title's first line half
    the top margin down and lets the rest flow below, so a title that wraps (on a phone, or a subtitle of several
    lines) ran down into the plot's tick labels and notes."""
    title, subtitle = title_parts(figure)
    title_lines, subtitle_lines = title.count("<br>") + 1, subtitle.count("<br>") + 1 if subtitle else 0
    block = TITLE_FIRST_LINE + TITLE_LINE * (title_lines - 1) \
        + (SUBTITLE_FIRST_LINE + TITLE_LINE * (subtitle_lines - 1) if subtitle_lines else 0)
    top = int(TITLE_PAD + below + (block + TITLE_GAP) * size / 20)
    before = figure.layout.margin.t if figure.layout.margin.t is not None else 70
    overhang = TITLE_OVERHANG[title_lines + subtitle_lines > 1] * size / 20
    return figure.update_layout(title={"y": 1, "yref": "container", "yanchor": "top",
                                       "pad": {"t": TITLE_PAD + below + overhang}},
                                margin={"t": top}, height=(figure.layout.height or 450)
                                + (top - before if keep_plot_height else 0))


NOTE_SIZE = 11
NOTE_LINE = 15  # pixels a line of a note takes at NOTE_SIZE
MARKER_ROOM = 6  # pixels a line's marker reaches above its point, and a hair more
NOTE_CHARACTERS = {"page": 60, "phone": 30, "presenter": 80}  # a note's line: a presenter's screen is wider


def marked_moments(figure: go.Figure, moments: list[tuple[object, str]], ink: str, screen: str) -> int:
    """Dotted lines at moments on a chart's x axis, and their notes at the top of the plot, stacked in time order and
    right-aligned just left of the earliest line: beside the lines, never across one, however close they are. The
    notes' lines fit the `screen` ("page", "phone" or "presenter"); returns the pixels they take down from the
    plot's top, at reading size."""
    if not moments:
        return 0
    earliest = min(when for when, _ in moments)
    below = 0
    for when, note in sorted(moments, key=lambda moment: moment[0]):
        figure.add_vline(x=when, line={"color": ink, "dash": "dot"})
        lines = lines_of(note, NOTE_CHARACTERS[screen])
        figure.add_annotation(x=earliest, y=1, yref="paper", xanchor="right", yanchor="top", xshift=-4, yshift=-below,
                              text="<br>".join(lines), showarrow=False, align="right",
                              font={"size": NOTE_SIZE, "color": ink})
        below += NOTE_LINE * len(lines) + 4
    return below


def room_above(highest: float, bottom: float, top: float, band: float, plot_height: float) -> float:
    """The top of a y axis from `bottom`, at least `top`, that keeps `highest` (and its marker) under a band `band`
    pixels deep at the top of a plot `plot_height` pixels tall: the notes of marked moments, say."""
    clear = plot_height - band - MARKER_ROOM
    if clear <= 0:
        return top
    return max(top, bottom + (highest - bottom) * plot_height / clear)


END_LABEL_LINE = 18  # pixels from one end label's middle to the next, at the reading size
END_LABEL_CHARACTER = 7.5  # pixels a character of an end label takes, at the reading size


def named_at_their_ends(figure: go.Figure, ink: str, faint: str, plot_height: float, scale: float = 1.0) -> go.Figure:
    """Each line named in the right margin, level with its last point, nudged apart so that no two names touch and
    joined to that point by a faint leader; the legend goes. The eye stays on the data instead of going back and
    forth to a legend. A leader runs level as far as the earliest marked moment, whose notes stand left of it, and
    only then turns towards its name. The y axis needs a set range; `plot_height` is about how tall the plot is
    drawn."""
    bottom, top = figure.layout.yaxis.range
    ends = []
    for trace in figure.data:
        points = [(x, y) for x, y in zip(trace.x, trace.y, strict=True) if x is not None and y is not None]
        if points:
            ends.append((points[-1], trace))
    if not ends:
        return figure
    placed = spread(sorted(((y, index) for index, ((_, y), _) in enumerate(ends)), reverse=True),
                    END_LABEL_LINE * scale * (top - bottom) / plot_height, bottom, top)
    moments = [shape.x0 for shape in figure.layout.shapes if shape.x0 is not None]
    right = max([x for trace in figure.data for x in trace.x if x is not None] + moments)
    leader = {"xref": "x", "yref": "y", "line": {"color": faint, "width": 1, "dash": "dot"}}
    for index, ((x, y), trace) in enumerate(ends):
        colour = trace.line.color or ink
        turn = max(x, min(moments)) if moments else x
        if turn > x:
            figure.add_shape(type="line", x0=x, y0=y, x1=turn, y1=y, **leader)
        figure.add_shape(type="line", x0=turn, y0=y, x1=right, y1=placed[index], **leader)
        figure.add_annotation(name="end label", x=1, xref="paper", xanchor="left", xshift=4, y=placed[index], yref="y",
                              text=f'<span style="color:{colour}">●</span> {trace.name}', showarrow=False,
                              font={"color": ink})
    longest = max(characters(spoken(trace.name or "")) for _, trace in ends) + 2
    return figure.update_layout(showlegend=False, margin={"r": int(END_LABEL_CHARACTER * scale * longest) + 12},
                                xaxis={"range": [min(x for trace in figure.data for x in trace.x if x is not None)
                                                 - (right - min(x for (x, _), _ in ends)) * 0.05, right]})


def spread(values: list[tuple[float, int]], gap: float, bottom: float, top: float) -> dict[int, float]:
    """Values (highest first, each with its index) moved apart until neighbours are `gap` apart, as little as
    they need: pushed down from the top, then the whole run lifted back inside [bottom, top]. Where [bottom, top]
    has no room for that many gaps, each takes an equal share of it, in order: as far apart as the axis allows,
    rather than the top ones piled on each other."""
    if gap * len(values) > top - bottom:
        share = (top - bottom) / len(values)
        return {index: top - share * (order + 0.5) for order, (_, index) in enumerate(values)}
    placed: dict[int, float] = {}
    last = None
    for value, index in values:
        placed[index] = value if last is None else min(value, last - gap)
        last = placed[index]
    lift = max(0.0, bottom + gap / 2 - last)
    return {index: min(top - gap / 2, value + lift) for index, value in placed.items()}


LABEL_SIZE_CHARACTER = 0.55  # a label's characters, in its font sizes, on average (Arial's, the widest we meet)
MOST_ROOM_FOR_LABELS = 0.5  # of the plot's width: past that, the labels would squeeze the data to nothing


def room_for_labels(figure: go.Figure, width: int) -> go.Figure:
    """Widen a numeric x axis so that labels written right of their marks ('more than 7,800 km', a bar's 'around
    70') end inside a chart `width` pixels wide: past the plot, plotly draws them over the chart's edge, cut off."""
    plot = width - plot_left(figure) - (figure.layout.margin.r or 10)
    labelled = [trace for trace in figure.data if labels_right(trace)]
    if not labelled:
        return figure
    xs = [pd.to_numeric(pd.Series(list(trace.x)), errors="coerce") for trace in labelled]
    if any(values.isna().any() for values in xs):
        return figure  # dates or categories: no labels of this kind on those here
    start, end = figure.layout.xaxis.range or (
        min(0 if trace.type == "bar" else values.min() for trace, values in zip(labelled, xs, strict=True)),
        max(values.max() for values in xs))
    for trace, values in zip(labelled, xs, strict=True):
        size = (trace.textfont.size if trace.textfont and trace.textfont.size else None) or READING_FONT
        if max(label_width(text, size) for text in trace.text) > MOST_ROOM_FOR_LABELS * plot:
            trace.text = ["<br>".join(lines_of(str(text), max(8, len(str(text)) // 2 + 1))) for text in trace.text]
        for x, text in zip(values, trace.text, strict=False):  # 'more than<br>7,800 km'
            share = min(label_width(text, size), MOST_ROOM_FOR_LABELS * plot) / plot
            end = max(end, (x - share * start) / (1 - share))  # the label's share of the plot is right of x
    return figure.update_xaxes(range=[start, end])


def label_width(text: object, size: float) -> float:
    """About how many pixels a label's widest line takes, with the gap from its mark."""
    return size * LABEL_SIZE_CHARACTER * max(characters(spoken(line)) for line in str(text).split("<br>")) + 16


def labels_right(trace) -> bool:
    """A trace whose marks carry text on their right: dots with 'middle right' labels, or bars across with outside
    labels."""
    position = str(getattr(trace, "textposition", "") or "")
    across = trace.type == "bar" and trace.orientation == "h" and position == "outside"
    return (("right" in position or across) and trace.x is not None and trace.text is not None
            and not isinstance(trace.text, str))


def with_source(figure: go.Figure, source_text: str, ink: str) -> go.Figure:
    """Burn the source line into the figure itself, so a PNG export still says where its numbers come from."""
    figure.add_annotation(name="source", text=plain(source_text), xref="paper", yref="paper", x=0, y=0,
                          xanchor="left", yanchor="bottom", showarrow=False, align="left",
                          font={"size": SOURCE_FONT_SIZE, "color": ink})
    return fit_the_foot(figure, PAGE_WIDTH)


def fit_the_foot(figure: go.Figure, width: int, keep_plot_height: bool = False,
                 further_line: int = LEGEND_FURTHER_LINE) -> go.Figure:
    """Stack the x axis, the legend and the source line at the bottom of a chart `width` pixels wide.

    Plotly places a legend and an annotation independently of each other and of the axis, so on a narrow screen a
    legend that wraps onto more rows, or tick labels that grow, run over the source line. Here every part gets its
    own band of the bottom margin: the source on the chart's bottom edge, the legend on top of it, the tick labels
    above both, each sized for the width. The x axis's margin is fixed rather than automatic, because plotly would
    move the plot (and the source with it) but not the legend. `further_line` is the height of an entry's further
    line in the fonts the chart will be drawn in.
    """
    source = next(annotation for annotation in figure.layout.annotations if annotation.name == "source")
    room = max(width - plot_left(figure), MIN_ROOM)
    source_lines = lines_of(source.text.replace("<br>", " "), int(room / SOURCE_CHARACTER))
    source.text = "<br>".join(source_lines)
    source_top = FOOT_GAP + SOURCE_LINE * len(source_lines) + FOOT_GAP
    axis = TICK_LINE * tick_lines(figure) + TICKS + (AXIS_TITLE if figure.layout.xaxis.title.text else 0)
    legend = legend_height(wrap_legend(figure, room), further_line)
    bottom = source_top + (legend + LEGEND_PADDING if legend else 0) + axis
    source.update(y=0, yanchor="bottom", yshift=FOOT_GAP - bottom)
    height = figure.layout.height or 450  # plotly's own default
    if keep_plot_height:
        height += bottom - (figure.layout.margin.b or 0)
    # A long legend makes the chart taller, never its plot shorter.
    top = figure.layout.margin.t if figure.layout.margin.t is not None else figure.layout.template.layout.margin.t
    height = max(height, (top or 0) + MIN_PLOT_HEIGHT + bottom)
    # The legend hangs from the axis's labels: laid out wider than planned it takes fewer rows, and the room left
    # over falls above the source line rather than between the plot and its key.
    # (plotly measures a legend that hangs into the margin from the plot's bottom edge, in the plot's heights).
    plot_height = height - (top or 0) - bottom
    return figure.update_layout(height=height, margin={"b": bottom}, xaxis={"automargin": False}, legend={
        "yref": "paper", "yanchor": "top", "y": -axis / plot_height,
        # all of it, in pixels: past half the chart's height plotly would give a long legend a scroll bar
        "maxheight": legend + LEGEND_PADDING})


def plot_left(figure: go.Figure) -> float:
    """About how far from the chart's left edge plotly starts the plot, after the y axis's labels."""
    labels = [line for label in category_labels(figure, "y") for line in str(label).split("<br>")]
    title = NUMBER_AXIS_TITLE if figure.layout.yaxis.title.text else 0
    if labels:  # categories, or numbers labelled in words ('1,5 млн')
        return LABEL_CHARACTER * max(map(characters, labels)) + 12 + title
    return NUMBER_AXIS + title


def category_labels(figure: go.Figure, axis: str) -> list:
    """The labels on a category axis ("x" or "y") as plotly writes them, or none for a numeric or date axis."""
    ticktext = figure.layout[f"{axis}axis"].ticktext
    if ticktext:
        return list(ticktext)
    return list(dict.fromkeys(name for trace in figure.data for name in names_among(trace[axis])))


def on_a_category_axis(figure: go.Figure, axis: str) -> bool:
    """Whether the traces put names on an axis ("x" or "y"), one row or column each, rather than numbers (labelled
    in words or not) or dates."""
    return figure.layout[f"{axis}axis"].type == "category" or any(
        True for trace in figure.data for _ in names_among(trace[axis]))


def names_among(values) -> Iterator[str]:
    """The names among a trace's values on an axis. An array of numbers or dates holds none, and is not looked
    through value by value: a day-by-day line has thousands, and every chart asks several times as it is laid out."""
    if values is None or getattr(values, "dtype", None) is not None and values.dtype.kind in "biufcmM":
        return iter(())
    return (value for value in values if isinstance(value, str))


def tick_lines(figure: go.Figure) -> int:
    """How many lines the x axis's tick labels take: a date axis writes the year under the day."""
    labels = category_labels(figure, "x")
    if labels:
        return 1 + max(str(label).count("<br>") for label in labels)
    dated = figure.layout.xaxis.type == "date" or any(
        trace.x is not None and len(trace.x) and pd.api.types.is_datetime64_any_dtype(pd.Series(trace.x[:1]))
        for trace in figure.data)
    return 2 if dated else 1


def legend_names(figure: go.Figure) -> list[str]:
    """The legend's entries as plotly shows them, each on one line."""
    return [(trace.name or "").replace("<br>", " ") for trace in figure.data if trace.showlegend is not False]


def shown_in_legend(figure: go.Figure, names: list[str]) -> bool:
    shown = figure.layout.showlegend
    return not (shown is False or not names or (shown is None and len(names) < 2))


def legend_columns(names: list[str], width: float) -> tuple[int, list[list[str]]]:
    """How many entries a row of the legend holds in `width` pixels, and each entry's lines.

    Entries that fit one row stay as plotly lays them out. Otherwise they go into equal columns (plotly's
    `entrywidth` as a fraction of the plot's width), as many as give the shortest legend with no entry broken into
    more than two lines, fewer on a tie. Plotly's own grid has cells as wide as its widest entry as the browser
    measures it, so its row count could only be guessed, and a guess made safe for any font left a band of white
    under the legend wherever the font was narrower."""
    def line_room(columns: int) -> float:
        """Latin letters a line of an entry has room for, with a gap before the next column."""
        return (width / columns - LEGEND_MARKER - (LEGEND_GAP if columns > 1 else 0)) / LEGEND_CHARACTER

    def broken(columns: int) -> list[list[str]]:
        return [lines_of(name, max(12, int(line_room(columns)))) for name in names]

    whole = broken(1)
    if sum(LEGEND_MARKER + LEGEND_CHARACTER * max(map(characters, lines)) for lines in whole) <= width:
        return len(names), whole
    best = (sum(legend_lines(1, whole)), 1, whole)
    for columns in range(2, len(names) + 1):
        lines = broken(columns)
        if line_room(columns) < 12 or max(map(len, lines)) > 2:
            break
        best = min(best, (sum(legend_lines(columns, lines)), columns, lines))
    return best[1], best[2]


def legend_lines(columns: int, lines: list[list[str]]) -> list[int]:
    """The lines in each row of a legend of `columns` entries a row: a row is as tall as its entry of most lines."""
    return [max(map(len, lines[start:start + columns])) for start in range(0, len(lines), columns)]


def legend_plan(figure: go.Figure, width: float) -> tuple[int, list[list[str]]] | None:
    """`legend_columns` for the figure's legend in `width` pixels, or None when it shows none."""
    names = legend_names(figure)
    return legend_columns(names, width) if shown_in_legend(figure, names) else None


def planned_rows(figure: go.Figure, plan: tuple[int, list[list[str]]] | None) -> list[int]:
    """The lines in each row of a legend laid out as planned, its title a row of one."""
    if plan is None:
        return []
    return ([1] if figure.layout.legend.title.text else []) + legend_lines(*plan)


def legend_rows(figure: go.Figure, width: float) -> list[int]:
    """The lines in each row of plotly's horizontal legend in `width` pixels, its title a row of one."""
    return planned_rows(figure, legend_plan(figure, width))


def legend_height(rows: list[int], further_line: int = LEGEND_FURTHER_LINE) -> int:
    """At most the pixels a horizontal legend of these rows takes, with their further lines."""
    return sum(LEGEND_ROW + further_line * (lines - 1) for lines in rows)


def wrap_legend(figure: go.Figure, width: float) -> list[int]:
    """Lay the legend out as `legend_columns` plans it: entries broken into lines (plotly never wraps one, it runs
    off the edge) and, past one row, equal columns. Returns the lines in each of its rows."""
    plan = legend_plan(figure, width)
    if plan is None:
        return []
    columns, lines = plan
    shown = iter(lines)
    for trace in figure.data:
        if trace.showlegend is not False:
            trace.name = "<br>".join(next(shown))
    if columns < len(lines):
        # each cell a little under its share: plotly starts a new row when a cell would reach the edge
        figure.update_layout(legend={"entrywidthmode": "fraction", "entrywidth": 1 / columns - 0.001})
    else:
        figure.update_layout(legend={"entrywidthmode": None, "entrywidth": None})
    return planned_rows(figure, plan)


def for_a_phone(figure: go.Figure, title_width: int = 30, subtitle_width: int = 46) -> go.Figure:
    """A copy whose title and subtitle are broken into lines that fit a phone (plotly never wraps a title, it cuts
    it off), hung below the mode bar, with the top margin grown to hold them; long category labels broken into
    lines too; and the source line and legend restacked for the narrow width."""
    # The plot keeps its height as the title and the foot grow: the page scrolls, and a squeezed plot would run its
    # y axis title into the subtitle.
    shown = hang_the_title(fitted_title(go.Figure(figure), title_width, subtitle_width))
    labels = category_labels(shown, "y")
    if not shown.layout.yaxis.ticktext and any(characters(label) > PHONE_LABEL_CHARACTERS for label in labels):
        shown.update_yaxes(tickmode="array", tickvals=labels,
                           ticktext=["<br>".join(lines_of(label, PHONE_LABEL_CHARACTERS)) for label in labels])
    flat_ticks(shown, PHONE_WIDTH)
    if any(annotation.name == "source" for annotation in shown.layout.annotations):
        fit_the_foot(shown, PHONE_WIDTH, keep_plot_height=True)
    return shown


NUMBER_TICK = 40  # pixels a tick label such as '2012' takes lying flat, with the gap plotly leaves between two
TICK_MULTIPLES = (1, 2, 5, 10, 20, 50, 100)


def flat_ticks(figure: go.Figure, width: int) -> None:
    """A numeric x axis ticked at a set step (every year) crowds a narrow chart, and plotly then turns the labels on
    their side, down into the legend: the step grows (every 2, 5 or 10 years) until the labels lie flat."""
    axis = figure.layout.xaxis
    if not isinstance(axis.dtick, int | float) or not axis.range or axis.type in ("log", "date", "category"):
        return
    ticks = (axis.range[1] - axis.range[0]) / axis.dtick
    room = max(width - plot_left(figure), MIN_ROOM)
    multiple = next((multiple for multiple in TICK_MULTIPLES if ticks / multiple * NUMBER_TICK <= room),
                    TICK_MULTIPLES[-1])
    if multiple > 1:
        figure.update_xaxes(dtick=axis.dtick * multiple)


# Characters of a title and of a subtitle that fit a laptop's page (PAGE_WIDTH) at the house sizes.
PAGE_TITLE_CHARACTERS, PAGE_SUBTITLE_CHARACTERS = 70, 105


def fitted_title(figure: go.Figure, title_width: int, subtitle_width: int) -> go.Figure:
    """The title and subtitle broken into lines of at most so many characters: plotly never wraps a title, it
    cuts it off at the chart's edge."""
    title, subtitle = (part.replace("<br>", " ") for part in title_parts(figure))  # broken anew for this width
    text = "<br>".join(lines_of(title, title_width) or [""])
    if subtitle:
        text += "<br><sup>" + "<br>".join(lines_of(subtitle, subtitle_width)) + "</sup>"
    return figure.update_layout(title_text=text)


def y_title_across(figure: go.Figure, size: float) -> bool:
    """A y axis title longer than the plot is tall runs off the chart (a Russian one sooner): it joins the subtitle
    instead, where it reads across. Says whether it moved, so the caller can fit the title again."""
    y_title = figure.layout.yaxis.title.text
    margin = figure.layout.margin
    plot_height = (figure.layout.height or 450) - (margin.t or 0) - (margin.b or 0)
    if not y_title or 0.5 * size * characters(y_title) <= plot_height:
        return False
    title, subtitle = title_parts(figure)
    figure.update_layout(title_text=f"{title}<br><sup>{'; '.join(filter(None, [subtitle, y_title]))}</sup>",
                         yaxis_title_text=None)
    return True


def spoken(text: str) -> str:
    """Figure text as a screen reader should read it: no tags, entities decoded, one line."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def title_parts(figure: go.Figure) -> tuple[str, str]:
    """A house chart's title and subtitle: every builder writes 'Title<br><sup>Subtitle</sup>' (either may have been
    broken into lines since)."""
    text = figure.layout.title.text or ""
    if "<br><sup>" in text:
        title, _, subtitle = text.partition("<br><sup>")
        return title, subtitle.removesuffix("</sup>")
    return text, ""  # a slide's title: its chart's subtitle alone


# Every width above is counted in Latin letters. A Cyrillic letter of the house face is wider: 1.13 times on
# average over the Russian catalog's sentences in Chromium, rounded up as the other measures are.
CYRILLIC_WIDTH = 1.18
CYRILLIC = re.compile("[\u0400-\u04ff]")


def characters(text: str) -> float:
    """How many Latin letters' room the text takes."""
    return len(text) + (CYRILLIC_WIDTH - 1) * len(CYRILLIC.findall(text))


def lines_of(text: str, width: int) -> list[str]:
    """Text broken at spaces into lines that take at most `width` Latin letters' room, keeping the line breaks it
    already has and never cutting a word (or a tag) in two."""
    return [line for part in text.split("<br>")
            for line in textwrap.wrap(part, max(1, int(width * len(part) / characters(part))) if part else width,
                                      break_long_words=False, break_on_hyphens=False)]
