"""What a chart is to Borderlines, and the one route from tables to a drawn chart.

Every chart (maps too) is a `ChartSpec` in charts/registry.py: the tables it reads, its filters, how it picks its
rows, how it draws them, its text alternative. `ChartSpec.build` is the only way a chart is drawn: reader pages,
briefing slides, the handout and tests all call it, so each gets the same rows, sources, text and look. A builder
draws marks only; the route adds the house template, burns in the source line and lays the chart out for a phone or
a room. Pure: tables in, figure out; never imports streamlit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from itertools import count

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from charts.palette import LIGHT, Palette
from charts.series import compact_ticks
from charts.sources import cited, source_markdown, source_plain
from charts.text import (
    PAGE_SUBTITLE_CHARACTERS,
    PAGE_TITLE_CHARACTERS,
    PAGE_WIDTH,
    PHONE_WIDTH,
    READING_FONT,
    fit_the_foot,
    fitted_title,
    for_a_phone,
    hang_the_title,
    room_for_labels,
    spoken,
    title_parts,
    with_source,
    y_title_across,
)
from charts.theme import PRESENTER_WIDTH, for_presenting, house_template, under_a_headline
from i18n import ENGLISH, N_, _, speaking

Frames = Mapping[str, pd.DataFrame]
Chosen = Mapping[str, str | list[str]]
Figure = go.Figure | pdk.Deck
# Every chart reads these besides its own datasets: country names for labels, sources for its source line.
ALWAYS_READ = ("countries", "sources")
# Columns whose names start so are notes staff keep for themselves (catalog.columns.STAFF_PREFIX): no chart, table,
# CSV or source line a reader sees carries them.
STAFF_ONLY = "staff_"
# Plotly's decimal point and thousands separator for each language but English (whose are plotly's own): a
# decimal comma and a thin space, as Russian writes 1,5 and 200 000.
SEPARATORS = {"ru": ",\u2009"}


def for_readers(table: pd.DataFrame) -> pd.DataFrame:
    """A table without its staff-only columns."""
    return table.drop(columns=[column for column in table.columns if str(column).startswith(STAFF_ONLY)])


@dataclass(frozen=True)
class Filter:
    """One way to narrow a chart. `kind` is "one" (a single value; the first option is the default), "many" (any
    number of values; none chosen means all) or "text" (words to search for). `options` maps each allowed value,
    derived from the data, to the label readers see, in the language being spoken; `label` and `placeholder` are
    messages (marked N_ in the registry) that a page shows through `_()`."""

    param: str
    label: str
    kind: str
    options: Callable[[Frames], dict[str, str]] | None = None
    placeholder: str = ""

    def default(self, frames: Frames) -> str | list[str]:
        if self.kind == "one":
            return next(iter(self.options(frames)), "")
        return list(self.options(frames)) if self.kind == "many" else ""


def every_row(table: str) -> Callable[[Frames, Chosen], pd.DataFrame]:
    """A chart's rows: the whole of one table."""
    return lambda frames, chosen: frames[table]


def country_options(table: str, column: str) -> Callable[[Frames], dict[str, str]]:
    """A filter's options: the countries that appear in one column of a table, by code, labelled with their names."""
    def options(frames: Frames) -> dict[str, str]:
        known = country_names(frames)
        return {iso3: known.get(iso3, iso3) for iso3 in sorted(frames[table][column].dropna().unique())}
    return options


def label_options(table: str, column: str, labels: Mapping[str, str]) -> Callable[[Frames], dict[str, str]]:
    """A filter's options: the values of a column that the data holds, in the labels' order, each label (a message
    marked N_) in the language being spoken."""
    def options(frames: Frames) -> dict[str, str]:
        present = set(frames[table][column])
        return {key: _(label) for key, label in labels.items() if key in present}
    return options


@dataclass(frozen=True)
class Look:
    """How a chart is shown: in which theme, for a phone's width, or for a room (`presenter_height` pixels tall,
    under a slide's headline when `on_a_slide`), and in which language (a code from i18n.LANGUAGES)."""

    palette: Palette = LIGHT
    phone: bool = False
    presenter_height: int | None = None
    on_a_slide: bool = False
    language: str = ENGLISH

    @property
    def screen(self) -> str:
        """"presenter", "phone" or "page": what a note's lines are fitted to."""
        return "presenter" if self.presenter_height else "phone" if self.phone else "page"


@dataclass(frozen=True)
class Drawing:
    """What a builder may know besides the rows it draws: every table its spec reads, the reader's choices, the
    look, for maps the country outlines, and the day it is drawn (what "still in force" runs to)."""

    tables: Frames
    chosen: Chosen
    look: Look = Look()
    outlines: dict | None = None
    today: pd.Timestamp = field(default_factory=lambda: pd.Timestamp(date.today()))

    @property
    def palette(self) -> Palette:
        return self.look.palette

    @cached_property
    def names(self) -> dict[str, str]:
        return country_names(self.tables)


def country_names(tables: Frames) -> dict[str, str]:
    """ISO code to name, from the countries table (whose names are in the reader's language: the data layer hands
    charts the table with names in it)."""
    countries = tables["countries"]
    return dict(zip(countries["iso3"], countries["name"], strict=True))


SERIALS = count()


@dataclass(frozen=True)
class Chart:
    """A built chart and what goes with it everywhere it is shown: the rows it shows (for the table and CSV), the
    sources they cite, its text alternative, notes on what it leaves out, the name its exported files get, its
    title as words, and for a map its height and each of its marks in words."""

    figure: Figure | None  # None for a table, or when there are no rows to show
    rows: pd.DataFrame
    sources: pd.DataFrame
    alt_text: str
    notes: str
    file_stem: str
    height: int | None = None
    in_words: tuple[str, ...] = ()
    title: str = ""
    source_line: str = ""  # markdown: the publishers and titles, linked; a list, one per line, when there are many
    # Tells apart every chart this process built: what showing one sent a reader is kept under it (ui.chart_block).
    serial: int = field(default_factory=lambda: next(SERIALS), compare=False, repr=False)

    # Past this many sources, a source line becomes a list the reader opens.
    MOST_IN_A_LINE = 3

    @property
    def announced(self) -> str:
        """What a screen reader says for the chart, a figure: its title, then its text alternative."""
        return f"{self.title}. {self.alt_text}" if self.title else self.alt_text

    @property
    def is_map(self) -> bool:
        return isinstance(self.figure, pdk.Deck)


Words = Callable[[pd.DataFrame, Drawing], str]


@dataclass(frozen=True)
class ChartSpec:
    """A chart by name. `select` picks the rows it shows from its tables and the filters' values; `draw` draws
    exactly those rows (a table, shown with its sources and CSV like any chart, has none); `alt_text` and `notes`
    are sentences, or made from the rows shown. A map draws a pydeck deck `map_height` pixels tall and says each
    mark `in_words` under it."""

    name: str
    title: str
    datasets: tuple[str, ...]
    select: Callable[[Frames, Chosen], pd.DataFrame]
    draw: Callable[[pd.DataFrame, Drawing], Figure] | None
    alt_text: str | Words
    file_stem: str
    filters: tuple[Filter, ...] = ()
    notes: str | Words = ""
    no_rows: str = N_("Nothing matches these filters.")
    map_height: int | None = None
    in_words: Callable[[pd.DataFrame, Drawing], list[str]] | None = None

    @property
    def reads(self) -> tuple[str, ...]:
        """Every table the chart needs."""
        return tuple(dict.fromkeys(self.datasets + ALWAYS_READ))

    @property
    def is_map(self) -> bool:
        return self.map_height is not None

    @property
    def is_table(self) -> bool:
        return self.draw is None

    def chosen(self, frames: Frames, chosen: Chosen | None = None) -> dict[str, str | list[str]]:
        """Every filter's value: the ones given, the defaults for the rest."""
        return {item.param: (chosen or {}).get(item.param, item.default(frames)) for item in self.filters}

    def rows(self, frames: Frames, chosen: Chosen | None = None) -> pd.DataFrame:
        return self.select(frames, self.chosen(frames, chosen))

    def build(self, frames: Frames, chosen: Chosen | None = None, look: Look = Look(),
              outlines: dict | None = None) -> Chart:
        """The chart drawn from `frames` (every table in `reads`) for the readers' choices, in a look. A builder
        never sees an empty table: with no rows to show, the chart has no figure and says `no_rows` instead. Every
        word of it is in the look's language."""
        with speaking(look.language):
            return self._build(frames, chosen, look, outlines)

    def _build(self, frames: Frames, chosen: Chosen | None, look: Look, outlines: dict | None) -> Chart:
        values = self.chosen(frames, chosen)
        rows = for_readers(self.select(frames, values))
        sources = for_readers(cited(rows.get("source_id", []), frames["sources"]))
        # Written once with the chart, not on every rerun of the page that shows it.
        source_line = source_markdown(sources["source_id"], sources, one_per_line=len(sources) > Chart.MOST_IN_A_LINE)
        if rows.empty or self.is_table:
            return Chart(None, rows, sources, _(self.no_rows) if rows.empty else _(self.title), "", self.file_stem,
                         source_line=source_line)
        drawing = Drawing(frames, values, look, outlines)
        figure = self.draw(rows, drawing)
        title = _(self.title)
        if isinstance(figure, go.Figure):
            title = ": ".join(filter(None, map(spoken, title_parts(figure))))
            figure = styled(figure, look, source_plain(sources["source_id"], sources))
        return Chart(figure, rows, sources, said(self.alt_text, rows, drawing), said(self.notes, rows, drawing),
                     self.file_stem, height=(look.presenter_height or self.map_height) if self.is_map else None,
                     in_words=tuple(self.in_words(rows, drawing)) if self.in_words else (), title=title,
                     source_line=source_line)


def said(words: str | Words, rows: pd.DataFrame, drawing: Drawing) -> str:
    """Words made from the rows, or a sentence (a message marked N_) in the language being spoken."""
    return words(rows, drawing) if callable(words) else _(words)


def styled(figure: go.Figure, look: Look, source_line: str) -> go.Figure:
    """A builder's figure in the house template with its source burned in, laid out for a room or a phone."""
    figure.update_layout(template=house_template(look.palette))
    if look.language != ENGLISH:  # plotly's own numbers (ticks, hovers) as the language writes them: 1,5 and 200 000
        figure.update_layout(separators=SEPARATORS.get(look.language, ".,"))
        compact_ticks(figure)
    hang_the_title(fitted_title(figure, PAGE_TITLE_CHARACTERS, PAGE_SUBTITLE_CHARACTERS))
    with_source(figure, source_line, look.palette.muted_ink)
    if y_title_across(figure, READING_FONT):  # the plot's height is known once the title and the foot are laid out
        hang_the_title(fitted_title(figure, PAGE_TITLE_CHARACTERS, PAGE_SUBTITLE_CHARACTERS))
        fit_the_foot(figure, PAGE_WIDTH)
    if look.presenter_height:
        figure = room_for_labels(for_presenting(figure, look.presenter_height, look.palette), PRESENTER_WIDTH)
        return under_a_headline(figure) if look.on_a_slide else figure
    return room_for_labels(for_a_phone(figure), PHONE_WIDTH) if look.phone else room_for_labels(figure, PAGE_WIDTH)
