"""What one replica does, another sees: a briefing room's slide and failed sign-ins live in the state every replica
shares (ui/shared_state.py), not in one process's memory. Each "replica" here is a separate Python process."""

from __future__ import annotations

import json
import subprocess
import sys

from deck.slides import parse_deck
from tests.conftest import REPO, open_page
from tests.test_editor_page import PASSWORD, sign_in
from ui.login import Throttle
from ui.shared_state import STATE_VARIABLE

DECK = parse_deck((REPO / "data" / "briefing.md").read_text(encoding="utf-8"))


def in_another_process(code: str) -> str:
    """Run `code` in a fresh Python process with the tests' environment (the same state folder), as another replica
    would; what it prints."""
    return subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True,
                          timeout=300).stdout


def test_a_notes_window_follows_a_room_shown_by_another_process():
    opened = in_another_process(
        "import json\n"
        "from tests.conftest import open_page\n"
        "page = open_page('pages/briefing.py', slide='5')\n"
        "print(json.dumps({'room': page.session_state['briefing'].room}))\n")
    room = json.loads(opened.strip().splitlines()[-1])["room"]

    notes = open_page("pages/briefing.py", view="notes", room=room, slide="1")

    assert notes.header[0].value.replace("\\", "") == DECK.slides[4].headline


def test_failed_sign_ins_on_three_replicas_make_the_next_one_wait(editor_password_set):
    """Three guesses on each of three replicas: each replica alone would still allow the next, one server would not."""
    for _ in range(3):
        in_another_process("from ui.login import failed_guesses\nfor _ in range(3):\n"
                           "    failed_guesses('password').failed()\n")

    page = sign_in(open_page("pages/editor.py"))

    assert page.error[0].value.startswith("Too many failed sign-ins. Try again in")
    assert not page.selectbox


def test_the_throttle_waits_one_two_four_seconds_after_three_failures_and_forgets_after_its_window(editor_password_set):
    now = [1_000_000.0]
    throttle = Throttle(clock=lambda: now[0], scope="arithmetic")
    throttle.reset()
    waits = []
    for _ in range(6):
        waits.append(throttle.wait_left())
        throttle.failed()
        now[0] += 0.5
    assert waits == [0, 0, 0, 0.5, 1.5, 3.5]  # 1, 2 and 4 s after the last failure, half a second having passed
    now[0] += 900
    assert throttle.wait_left() == 0


def test_the_editor_refuses_sign_in_when_the_shared_state_cannot_be_reached(tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the state folder should be")
    monkeypatch.setenv(STATE_VARIABLE, str(blocked))
    monkeypatch.setenv("BORDERLINES_EDITOR_PASSWORD", PASSWORD)
    page = sign_in(open_page("pages/editor.py"))
    assert page.error[0].value.startswith("Sign-in is unavailable: this server cannot reach the state")
    assert not page.selectbox


def test_a_briefing_plays_on_when_the_shared_state_cannot_be_reached(tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the state folder should be")
    monkeypatch.setenv(STATE_VARIABLE, str(blocked))
    page = open_page("pages/briefing.py", slide="2")
    assert page.title[0].value.replace("\\", "") == DECK.slides[1].headline
    assert "cannot follow" in page.toast[0].value
    assert len(page.get("plotly_chart")) == 1
