"""The Briefing page's state: the frozen deck and data, the slide number, and the slide a room is seeing; and its
controls and the presenter's notes window, in the language being spoken.

Staff write one deck per language (data/briefing.md, data/briefing.ru.md); the briefing freezes every one of them
with the data, and plays the one in the reader's language (the English deck where theirs has none), so a switch of
language turns the slides at once.

Which slide each room shows is kept in the state every replica shares (ui/shared_state.py): the presenter's notes
window may be on a phone or a second laptop whose browser lands on another replica than the room's window.
"""

from __future__ import annotations

import logging
import math
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

import streamlit as st

from catalog import load_catalog, translated
from catalog.deckfile import read_deck
from catalog.snapshot import Snapshot, take_snapshot
from charts.text import characters, escape_markdown
from deck.handout import can_print, handout_pdf
from deck.slides import Deck, Slide, checked_deck
from i18n import ENGLISH, LANGUAGES, _, language, speaking
from i18n.formats import date_at
from ui import shared_state
from ui.presenter import HEADLINE_SIZES, clock, screen
from ui.url_state import url_param

STEPS = {"next": 1, "previous": -1}
LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class Briefing:
    """The deck and the data as they were when the briefing opened, and the room it is shown in."""

    snapshot: Snapshot
    room: str
    decks: dict[str, Deck] = field(default_factory=dict)  # each language's deck, checked against the snapshot

    @property
    def deck(self) -> Deck:
        """The deck in the language being spoken (the snapshot's own when that language has none)."""
        return self.decks.get(language(), self.snapshot.deck)


def decks_in_every_language(snapshot: Snapshot) -> dict[str, Deck]:
    """Every language's deck as the briefing would play it, checked against the snapshot's tables: the snapshot's
    own for the language it was taken in, and for each other one the deck it reads (its own or the English one)."""
    decks = {language(): snapshot.deck}
    for code in LANGUAGES:
        if code in decks:
            continue
        with speaking(code):  # its problems are told in its own language
            text, _unreadable = read_deck()
            if text is not None:
                decks[code] = checked_deck(text, snapshot.tables)
    return decks


def open_briefing() -> None:
    """Freeze the decks and the published data for this session: the briefing shows them until reloaded."""
    room = st.session_state["briefing"].room if "briefing" in st.session_state else secrets.token_urlsafe(6)
    snapshot = take_snapshot()
    st.session_state["briefing"] = Briefing(snapshot, room, decks_in_every_language(snapshot))


def data_line(snapshot: Snapshot) -> str:
    when = (_("{date}, {time} UTC").format(date=date_at(snapshot.as_of), time=f"{snapshot.as_of:%H:%M}")
            if snapshot.as_of else _("an unknown date"))
    return _("Data as of {when} · version {version}").format(when=when, version=snapshot.version)


def slide_number(count: int) -> Callable[[str], int]:
    """A parser for ?slide=N: digits 0-9 only (not another script's), kept within the deck."""
    def parse(value: str) -> int:
        if not (value.isascii() and value.isdigit()):
            raise ValueError(value)
        return min(max(int(value), 1), count)
    return parse


def slide_from_url(count: int) -> int:
    """?slide=N, kept within the deck; anything unreadable is the first slide, and the presenter is told."""
    return url_param("slide", slide_number(count), 1, _("the first slide"))


def stepped(number: int, step: str | None, count: int) -> int:
    """The slide after a key press: next, previous, first or last."""
    if step == "first":
        return 1
    if step == "last":
        return count
    return min(max(number + STEPS.get(step, 0), 1), count)


def show_live_slide(number: int) -> None:
    """Tell the room's notes windows, on whichever replica, which slide the room is seeing. The briefing plays on
    when that cannot be done; the presenter is told once."""
    try:
        shared_state.show_room_slide(st.session_state["briefing"].room, number)
    except shared_state.SharedStateError as error:
        LOG.error("The notes window cannot follow the room: %s", error)
        if not st.session_state.get("told-notes-cannot-follow"):
            st.session_state["told-notes-cannot-follow"] = True
            st.toast(_("The notes window cannot follow this briefing: the server cannot reach the state its "
                       "replicas share (its log says why)."), icon=":material/sync_problem:")


def live_slide(room: str) -> int | None:
    """The slide the room is seeing, or None when no replica has heard of the room or the state cannot be read."""
    try:
        return shared_state.room_slide(room)
    except shared_state.SharedStateError as error:
        LOG.error("The notes window cannot follow the room: %s", error)
        return None


def lines_on_screen(letters: float, size: float) -> int:
    """Lines a text `letters` Latin letters wide takes across presenter mode's screen at `size` rem (about half an
    em a letter), in the screen's width less the page's padding."""
    return math.ceil(letters * 0.5 * size * 16 / (screen()["width"] - 80))


def headline_size(slide: Slide) -> float:
    """The slide's headline size in presenter mode (rem): the largest that keeps it on one line of the screen, or
    the smallest. Its Cyrillic letters count as wider than Latin ones, as they are in its bold type."""
    letters = characters(slide.headline)
    return next((size for size in HEADLINE_SIZES if lines_on_screen(letters, size) <= 1), HEADLINE_SIZES[-1])


def room_for_slide_text(slide: Slide) -> int:
    """Screen height the slide's words and buttons take in presenter mode, so the chart gets the rest: the
    headline at its size and the takeaway at 1.5rem, wrapped to the screen's width, plus the controls, the page's
    padding and the gaps between them, as measured in Chromium (a line of headline at 3.25rem took 62 px; a
    takeaway of 96 Cyrillic letters took one line, so they count as Latin ones there)."""
    size = headline_size(slide)
    return 210 + round(62 * size / 3.25) * lines_on_screen(characters(slide.headline), size) \
        + 38 * lines_on_screen(len(slide.takeaway), 1.5)


def no_slides(snapshot: Snapshot) -> str:
    """Why there is nothing to play: the deck could not be read, or it has no slides."""
    return _("The deck has no slides: {why}.").format(
        why=snapshot.deck_problem or _("start each slide with ## and its headline"))


def slide_cannot_be_shown(number: int, problems: list[str]) -> str:
    return _("Slide {number} cannot be shown: {problems}").format(
        number=number, problems="; ".join(escape_markdown(problem) for problem in problems))


def some_slides_cannot_be_shown(deck: Deck) -> str:
    return _("Some slides cannot be shown; the rest of the deck plays:") + "\n\n" + "\n".join(
        f"- {escape_markdown(problem)}" for problem in deck.problems)


def speaker_notes(deck: Deck, snapshot: Snapshot, shown: Slide) -> None:
    """The presenter's window for one slide: a clock, the slide's headline, takeaway and notes, and the next
    headline."""
    count = len(deck.slides)
    clock(key="clock")
    st.caption(_("Slide {number} of {count} · {data}").format(number=shown.number, count=count,
                                                               data=escape_markdown(data_line(snapshot))))
    st.header(escape_markdown(shown.headline))
    st.markdown(_("**Takeaway:** {takeaway}").format(takeaway=escape_markdown(shown.takeaway)))
    for problem in shown.problems:
        st.error(_("This slide cannot be shown: {problem}").format(problem=escape_markdown(problem)),
                 icon=":material/error:")
    st.markdown(escape_markdown(shown.notes) or _("_No speaker notes._"))
    following = deck.slides[shown.number] if shown.number < count else None
    st.markdown(_("**Next:** {headline}").format(headline=escape_markdown(following.headline)) if following
                else _("**Next:** end of the deck"))


def handout(deck: Deck, snapshot: Snapshot) -> Callable[[], bytes]:
    """The handout, printed when the presenter asks for it, in the language they were reading in (the download may
    be made outside this script run)."""
    code = language()

    def printed() -> bytes:
        with speaking(code):
            return handout_pdf(deck, translated(snapshot.tables, code), data_line(snapshot), snapshot.outlines)
    return printed


def slide_controls(briefing: Briefing, number: int, go_to: Callable[[int], None]) -> None:
    """Previous and next, where the presenter is, the notes window, the handout, and reloading the data."""
    deck, snapshot = briefing.deck, briefing.snapshot
    count = len(deck.slides)
    with st.container(horizontal=True, vertical_alignment="center", key="slide-controls"):
        st.button(_("Previous"), icon=":material/chevron_left:", on_click=go_to, args=(max(number - 1, 1),),
                  disabled=number == 1)
        st.markdown(_("Slide {number} of {count}").format(number=number, count=count))
        st.button(_("Next"), icon=":material/chevron_right:", on_click=go_to, args=(min(number + 1, count),),
                  disabled=number == count)
        notes = f"?view=notes&room={briefing.room}&slide={number}" + (
            f"&lang={language()}" if language() != ENGLISH else "")
        st.link_button(_("Notes"), notes, icon=":material/speaker_notes:", type="tertiary",
                       help=_("The presenter view for a second window: speaker notes, the next headline and a clock, "
                              "following this slide"))
        st.download_button(_("Handout"), handout(deck, snapshot), file_name="borderlines-briefing.pdf",
                           mime="application/pdf", icon=":material/picture_as_pdf:", type="tertiary", on_click="ignore",
                           disabled=not can_print(),
                           help=_("The whole deck as a PDF, one page per slide") if can_print() else
                           _("The handout is printed with Chromium, which this server does not have"))
        newer = load_catalog().version != snapshot.version
        st.button(_("Reload (newer data published)") if newer else _("Reload"), icon=":material/refresh:",
                  on_click=open_briefing, type="primary" if newer else "tertiary",
                  help=_("Show the data published since this briefing opened"))
        st.caption(escape_markdown(data_line(snapshot)))
