"""The Briefing page's state: the frozen deck and data, the slide number, and the slide a room is seeing.

Which slide each room shows is kept in the state every replica shares (ui/shared_state.py): the presenter's notes
window may be on a phone or a second laptop whose browser lands on another replica than the room's window.
"""

from __future__ import annotations

import logging
import math
import secrets
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from catalog.snapshot import Snapshot, take_snapshot
from deck.slides import Deck, Slide
from ui import shared_state
from ui.presenter import screen
from ui.url_state import url_param

STEPS = {"next": 1, "previous": -1}
LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class Briefing:
    """The deck and the data as they were when the briefing opened, and the room it is shown in."""

    snapshot: Snapshot
    room: str

    @property
    def deck(self) -> Deck:
        return self.snapshot.deck


def open_briefing() -> None:
    """Freeze the deck and the published data for this session: the briefing shows them until reloaded."""
    room = st.session_state["briefing"].room if "briefing" in st.session_state else secrets.token_urlsafe(6)
    st.session_state["briefing"] = Briefing(take_snapshot(), room)


def data_line(snapshot: Snapshot) -> str:
    when = f"{snapshot.as_of:%d %b %Y, %H:%M} UTC" if snapshot.as_of else "an unknown date"
    return f"Data as of {when} · version {snapshot.version}"


def slide_number(count: int) -> Callable[[str], int]:
    """A parser for ?slide=N: digits 0-9 only (not another script's), kept within the deck."""
    def parse(value: str) -> int:
        if not (value.isascii() and value.isdigit()):
            raise ValueError(value)
        return min(max(int(value), 1), count)
    return parse


def slide_from_url(count: int) -> int:
    """?slide=N, kept within the deck; anything unreadable is the first slide, and the presenter is told."""
    return url_param("slide", slide_number(count), 1, "the first slide")


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
            st.toast("The notes window cannot follow this briefing: the server cannot reach the state its replicas "
                     "share (its log says why).", icon=":material/sync_problem:")


def live_slide(room: str) -> int | None:
    """The slide the room is seeing, or None when no replica has heard of the room or the state cannot be read."""
    try:
        return shared_state.room_slide(room)
    except shared_state.SharedStateError as error:
        LOG.error("The notes window cannot follow the room: %s", error)
        return None


def room_for_slide_text(slide: Slide) -> int:
    """Screen height the slide's words and buttons take in presenter mode, so the chart gets the rest: the
    headline at 3.25rem and the takeaway at 1.5rem, wrapped to the screen's width (about half an em a character),
    plus the controls, the page's padding and the gaps between them, as measured in Chromium."""
    width = screen()["width"] - 80
    headline_lines = math.ceil(len(slide.headline) * 0.5 * 52 / width)
    takeaway_lines = math.ceil(len(slide.takeaway) * 0.5 * 24 / width)
    return 210 + 62 * headline_lines + 38 * takeaway_lines
