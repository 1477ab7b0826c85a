"""The handout: the whole deck as a PDF, one 16:9 page per slide, each page carrying its headline, takeaway, chart
and the chart's sources.

Drawn by kaleido, which prints plotly figures with the machine's Chromium and the plotly.js that ships inside the
plotly package; MathJax is switched off, because kaleido would otherwise load it from a CDN and nothing may be
fetched at run time. pypdf joins the pages into one file.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import kaleido
import plotly.graph_objects as go
from choreographer.browsers.chromium import Chromium
from pypdf import PdfWriter

from charts.palette import LIGHT
from charts.sources import source_plain
from charts.spec import Frames, Look
from charts.text import plain, wrapped
from charts.theme import PRESENTER_MARGIN, presenter_template
from deck.slides import Deck, Slide, filter_values
from i18n import _, language

PAGE = {"width": 1280, "height": 720}
EDGE = 14  # pixels between the page's left edge and the text


def can_print() -> bool:
    """Whether kaleido will find a Chromium-based browser on this machine (as it looks for one: kaleido's own
    browser library does the search)."""
    return Chromium.find_browser(skip_local=False) is not None


def words_page(lines: list[str]) -> go.Figure:
    """A page of text where the chart would be."""
    figure = go.Figure(layout={"template": presenter_template(LIGHT), "xaxis": {"visible": False},
                               "yaxis": {"visible": False}, "height": PAGE["height"], "margin": PRESENTER_MARGIN})
    figure.add_annotation(text="<br>".join(wrapped(line, 90) for line in lines), xref="paper", yref="paper", x=0,
                          y=0.6, showarrow=False, xanchor="left", align="left")
    return figure


def slide_figure(slide: Slide, frames: Frames, footer: str, outlines: dict | None = None) -> go.Figure:
    """The slide as one figure: the headline and takeaway above the chart, the footer under it. A slide that cannot
    play gets a page saying why, so page numbers still match slide numbers; a map, which only a browser draws, is
    printed as its marks in words with its sources."""
    if slide.problems:
        figure = words_page([_("This slide cannot be shown: {problems}").format(problems="; ".join(slide.problems))])
    else:
        look = Look(LIGHT, presenter_height=PAGE["height"], language=language())
        chart = slide.spec.build(frames, filter_values(slide), look, outlines)
        figure = words_page([*chart.in_words, "", source_plain(chart.sources["source_id"], chart.sources)]) \
            if chart.is_map else chart.figure
    figure.update_layout(margin={"b": max(figure.layout.margin.b or 0, 150)}, paper_bgcolor=LIGHT.page)
    headline, takeaway = wrapped(slide.headline, 62), wrapped(slide.takeaway, 95)
    headline_height, takeaway_height = 44 * (headline.count("<br>") + 1), 32 * (takeaway.count("<br>") + 1)
    above_chart = EDGE + headline_height + takeaway_height + 36
    figure.update_layout(margin={"t": (figure.layout.margin.t or 0) + above_chart})
    left, top, bottom = figure.layout.margin.l, figure.layout.margin.t, figure.layout.margin.b
    figure.update_layout(title={"xref": "container", "x": EDGE / PAGE["width"], "yanchor": "top",
                                "y": 1 - above_chart / PAGE["height"]})
    # Annotations are placed against the plot, not the page: shift them out to the page's top left corner.
    for text, size, shift in ((f"<b>{headline}</b>", 34, top - EDGE), (takeaway, 22, top - EDGE - headline_height)):
        figure.add_annotation(text=text, xref="paper", yref="paper", x=0, y=1, xshift=EDGE - left, yshift=shift,
                              xanchor="left", yanchor="top", showarrow=False, align="left",
                              font={"size": size, "color": LIGHT.strong_ink})
    figure.add_annotation(text=plain(footer), xref="paper", yref="paper", x=1, y=0, yshift=-(bottom - 10),
                          xanchor="right", yanchor="bottom", showarrow=False,
                          font={"size": 13, "color": LIGHT.footer_ink})
    return figure


class HandoutError(RuntimeError):
    """The printer could not print every slide, even on a second try."""


def printed_pages(figures: list[go.Figure], folder: Path, attempts: int = 2) -> list[Path]:
    """Each figure printed to its own PDF in `folder`. kaleido does not raise for a page it fails to print (a tab
    that timed out on a busy machine, say): it returns the error and leaves no file. Such pages are printed again, in
    a fresh browser; one that fails every time raises HandoutError naming its slide and kaleido's error."""
    pages = [folder / f"slide-{index:02}.pdf" for index in range(len(figures))]
    missing, errors = list(range(len(figures))), ()
    for _attempt in range(attempts):
        errors = kaleido.write_fig_from_object_sync(
            [{"fig": figures[index], "path": pages[index], "opts": {"format": "pdf", **PAGE}} for index in missing],
            kopts={"mathjax": False})
        missing = [index for index in missing if not (pages[index].is_file() and pages[index].stat().st_size)]
        if not missing:
            return pages
    # For the server's log, where staff look: the reader's download says only that the file could not be made.
    raise HandoutError("The handout could not print slide {numbers}: {error}".format(
        numbers=", ".join(str(index + 1) for index in missing), error="; ".join(map(repr, errors)) or "no file"))


def handout_pdf(deck: Deck, frames: Frames, data_line: str, outlines: dict | None = None) -> bytes:
    """One PDF page per slide, in order; `data_line` ("data as of ...") goes in every page's footer."""
    figures = [slide_figure(slide, frames, _("{title} · slide {number} of {count} · {data}").format(
        title=deck.title, number=slide.number, count=len(deck.slides), data=data_line), outlines)
        for slide in deck.slides]
    with tempfile.TemporaryDirectory() as folder:
        handout = PdfWriter()
        for page in printed_pages(figures, Path(folder)):
            handout.append(page)
        joined = io.BytesIO()
        handout.write(joined)
        return joined.getvalue()
