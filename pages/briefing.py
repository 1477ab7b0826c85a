"""Briefing: the deck in data/briefing.md played as live charts, slide by slide, for a presenter and a room.

The slide lives in the URL (?slide=3); arrow keys, PageUp/PageDown, Home and End move through the deck. The deck
and the data it draws on are frozen when the briefing opens, until the presenter reloads. ?view=notes is the
presenter's second window: speaker notes, the next headline and a clock, following the slide the room sees.
"""

import streamlit as st

from catalog import translated
from charts.text import escape_markdown
from deck.slides import filter_values
from i18n import _, language
from ui.briefing import (
    headline_size,
    live_slide,
    no_slides,
    open_briefing,
    room_for_slide_text,
    show_live_slide,
    slide_cannot_be_shown,
    slide_controls,
    slide_from_url,
    some_slides_cannot_be_shown,
    speaker_notes,
    stepped,
)
from ui.chart_block import reader_look, show_figure, show_sources
from ui.frame import start_page
from ui.presenter import headline_key, presenting, slide_keys
from ui.url_state import at_most, one_of, url_param

start_page()

if "briefing" not in st.session_state:
    open_briefing()
briefing = st.session_state["briefing"]
deck, snapshot = briefing.deck, briefing.snapshot
if not deck.slides:
    st.error(no_slides(snapshot))
    st.stop()

count = len(deck.slides)
step = slide_keys(key="slide-keys", on_step_change=lambda: None).step  # mounted first: a key press counts this run
number = stepped(slide_from_url(count), step, count)
st.query_params["slide"] = str(number)
slide = deck.slides[number - 1]


def go_to(target: int) -> None:
    st.query_params["slide"] = str(target)


if url_param("view", one_of(["notes"]), "", _("the slides")) == "notes":
    room = url_param("room", at_most(40), "", _("this window's own slide"))

    @st.fragment(run_every=2)
    def notes_window() -> None:
        """Follows the slide the room sees (its window reports it), or this window's own ?slide when alone."""
        speaker_notes(deck, snapshot, deck.slides[min(live_slide(room) or number, count) - 1])

    notes_window()
    st.stop()

show_live_slide(number)
with st.container(key=headline_key(headline_size(slide))):
    st.title(escape_markdown(slide.headline), anchor=False)
st.markdown(escape_markdown(slide.takeaway))
if slide.problems:
    st.error(slide_cannot_be_shown(number, slide.problems), icon=":material/error:")
else:
    chart = slide.spec.build(translated(snapshot.tables, language()), filter_values(slide),
                             reader_look(room_for_slide_text(slide), on_a_slide=True), snapshot.outlines)
    show_figure(chart, _(snapshot.outlines_problem) if snapshot.outlines_problem else "")
    if chart.is_map:  # a plotly chart has its source burned in
        show_sources(chart)

slide_controls(briefing, number, go_to)

if deck.problems and not presenting():
    st.warning(some_slides_cannot_be_shown(deck))
