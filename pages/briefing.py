"""Briefing: the deck in data/briefing.md played as live charts, slide by slide, for a presenter and a room.

The slide lives in the URL (?slide=3); arrow keys, PageUp/PageDown, Home and End move through the deck. The deck
and the data it draws on are frozen when the briefing opens, until the presenter reloads. ?view=notes is the
presenter's second window: speaker notes, the next headline and a clock, following the slide the room sees.
"""

import streamlit as st

from catalog import load_catalog
from charts.text import escape_markdown
from deck.handout import can_print, handout_pdf
from deck.slides import filter_values
from i18n import _
from ui.briefing import (
    data_line,
    live_slide,
    open_briefing,
    room_for_slide_text,
    show_live_slide,
    slide_from_url,
    stepped,
)
from ui.chart_block import reader_look, show_figure, show_sources
from ui.frame import start_page
from ui.presenter import clock, presenting, slide_keys
from ui.url_state import at_most, one_of, url_param

start_page()

if "briefing" not in st.session_state:
    open_briefing()
briefing = st.session_state["briefing"]
deck, snapshot = briefing.deck, briefing.snapshot
if not deck.slides:
    st.error(_("The deck has no slides: {problem}.").format(
        problem=snapshot.deck_problem or _("start each slide with ## and its headline")))
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
    def speaker_notes() -> None:
        """Follows the slide the room sees (its window reports it), or this window's own ?slide when alone."""
        shown = deck.slides[min(live_slide(room) or number, count) - 1]
        clock(key="clock")
        st.caption(_("Slide {number} of {count}").format(number=shown.number, count=count)
                   + f" · {escape_markdown(data_line(snapshot))}")
        st.header(escape_markdown(shown.headline))
        st.markdown(_("**Takeaway:** {takeaway}").format(takeaway=escape_markdown(shown.takeaway)))
        for problem in shown.problems:
            st.error(_("This slide cannot be shown: {problem}").format(problem=escape_markdown(problem)),
                     icon=":material/error:")
        st.markdown(escape_markdown(shown.notes) or _("_No speaker notes._"))
        following = deck.slides[shown.number] if shown.number < count else None
        st.markdown(_("**Next:** {headline}").format(headline=escape_markdown(following.headline)) if following
                    else _("**Next:** end of the deck"))

    speaker_notes()
    st.stop()

show_live_slide(number)
st.title(escape_markdown(slide.headline), anchor=False)
st.markdown(escape_markdown(slide.takeaway))
if slide.problems:
    st.error(_("Slide {number} cannot be shown: {problems}").format(
        number=number, problems="; ".join(escape_markdown(p) for p in slide.problems)), icon=":material/error:")
else:
    chart = slide.spec.build(snapshot.tables, filter_values(slide),
                             reader_look(room_for_slide_text(slide), on_a_slide=True), snapshot.outlines)
    show_figure(chart)
    if chart.is_map:  # a plotly chart has its source burned in
        show_sources(chart)

with st.container(horizontal=True, vertical_alignment="center", key="slide-controls"):
    st.button(_("Previous"), icon=":material/chevron_left:", on_click=go_to, args=(max(number - 1, 1),),
              disabled=number == 1)
    st.markdown(_("Slide {number} of {count}").format(number=number, count=count))
    st.button(_("Next"), icon=":material/chevron_right:", on_click=go_to, args=(min(number + 1, count),),
              disabled=number == count)
    st.link_button(_("Notes"), f"?view=notes&room={briefing.room}&slide={number}", icon=":material/speaker_notes:",
                   type="tertiary", help=_("The presenter view for a second window: speaker notes, the next "
                                           "headline and a clock, following this slide"))
    st.download_button(_("Handout"), lambda: handout_pdf(deck, snapshot.tables, data_line(snapshot), snapshot.outlines),
                       file_name="borderlines-briefing.pdf", mime="application/pdf", icon=":material/picture_as_pdf:",
                       type="tertiary", disabled=not can_print(),
                       help=_("The whole deck as a PDF, one page per slide") if can_print() else
                       _("The handout is printed with Chromium, which this server does not have"))
    newer = load_catalog().version != snapshot.version
    st.button(_("Reload (newer data published)") if newer else _("Reload"), icon=":material/refresh:",
              on_click=open_briefing, type="primary" if newer else "tertiary",
              help=_("Show the data published since this briefing opened"))
    st.caption(escape_markdown(data_line(snapshot)))

if deck.problems and not presenting():
    st.warning(_("Some slides cannot be shown; the rest of the deck plays:") + "\n\n"
               + "\n".join(f"- {escape_markdown(problem)}" for problem in deck.problems))
