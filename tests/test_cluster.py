"""The app on three replicas behind HAProxy (`make cluster`), on loopback, started and stopped here: a session keeps
its replica; a presenter's notes window on another replica follows the room; guesses spread over the replicas are
throttled as one server throttles them; the sign-in link and a publish reach every replica; a dead replica costs no
reader an error and is taken back when it returns; Ctrl-C stops everything.

Which replica answered is in HAProxy's X-Borderlines-Replica header and its BORDERLINES_REPLICA cookie.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import signal
import socket
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser import ARTIFACTS, running_cluster, wait_for_streamlit
from tests.conftest import DATA, REPO
from tests.test_browser import HEADLINES, SLIDES, settle
from tests.test_browser_editor import rounded_overstay, upload_file
from ui.shared_state import forget_failures

REPLICA_HEADER, REPLICA_COOKIE = "x-borderlines-replica", "BORDERLINES_REPLICA"
RESTART_DELAY = 2  # `make cluster`'s own
# Every page of the router, by URL path, and the heading it opens with.
PAGES = {"": "Borderlines", "exodus": "The 2022 exodus", "entry_bans": "Entry bans", "extraditions": "Extraditions",
         "entry_rules": "Entry rules", "money": "Money and migrants", "us_restrictions": "US restrictions",
         "briefing": HEADLINES[0], "data": "Data & sources", "editor": "Editor"}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    copy = tmp_path_factory.mktemp("cluster") / "data"
    shutil.copytree(DATA, copy)
    return copy


@pytest.fixture(scope="module")
def state_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("cluster-state")


@pytest.fixture(scope="module")
def cluster(data_dir, state_dir):
    ARTIFACTS.mkdir(exist_ok=True)
    env = {"BORDERLINES_DATA_DIR": str(data_dir), "BORDERLINES_STATE_DIR": str(state_dir),
           "BORDERLINES_EDITOR_PASSWORD": None}
    with running_cluster(REPO, 3, env, f"--restart-delay {RESTART_DELAY}") as running:
        yield running


def served_by(response) -> str | None:
    return response.headers.get(REPLICA_HEADER)


def pinned_context(browser, cluster, replica: str, **options):
    """A browser on another device whose affinity cookie names `replica`."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, **options)
    context.add_cookies([{"name": REPLICA_COOKIE, "value": replica, "url": cluster.base}])
    return context


def affinity_cookie(context) -> str:
    return next(cookie["value"] for cookie in context.cookies() if cookie["name"] == REPLICA_COOKIE)


def open_page(context, url: str, heading: str):
    page = context.new_page()
    response = page.goto(url, wait_until="domcontentloaded")
    wait_for_streamlit(page)
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=90_000)
    return page, response


def room_of(page) -> str:
    href = page.get_by_role("link", name="Notes").get_attribute("href")
    return parse_qs(urlparse(href).query)["room"][0]


def test_a_session_keeps_its_replica_across_reruns_downloads_and_page_changes(cluster, browser, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    answers: list[tuple[str, int, str | None]] = []
    context.on("response", lambda response: answers.append((response.url, response.status, served_by(response))))
    page, _ = open_page(context, f"{cluster.base}/briefing?slide=1", HEADLINES[0])
    replica, room = affinity_cookie(context), room_of(page)

    page.get_by_role("button", name="Next").click()  # a rerun
    expect(page.get_by_role("heading", name=HEADLINES[1], exact=True)).to_be_visible(timeout=60_000)
    settle(page)  # a Handout button from before a rerun offers a file the rerun has dropped
    with page.expect_download(timeout=180_000) as handout:
        page.get_by_role("button", name="Handout").click()
    handout.value.save_as(tmp_path / "handout.pdf")
    assert len(PdfReader(tmp_path / "handout.pdf").pages) == len(SLIDES)

    page.locator('[data-testid="stSidebarNavLink"]').filter(has_text="US restrictions").click()  # a page change
    expect(page.get_by_role("heading", name="US restrictions", exact=True)).to_be_visible(timeout=60_000)
    settle(page)  # as with the handout: a button from before a rerun offers a file the rerun has dropped
    csv_button = page.get_by_role("button", name=re.compile(r"Download these \d+ rows \(CSV\)")).first
    with page.expect_download(timeout=60_000) as table:
        csv_button.click()
    rows = list(csv.DictReader(io.StringIO(table.value.path().read_text(encoding="utf-8-sig"))))
    assert rows and "value" in rows[0]
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.hover()
    with page.expect_download(timeout=60_000) as picture:
        chart.locator('[data-title="Download plot as a PNG"]').click()
    assert picture.value.path().read_bytes().startswith(b"\x89PNG")

    page.locator('[data-testid="stSidebarNavLink"]').filter(has_text="Briefing").click()
    expect(page.get_by_role("heading", name=HEADLINES[0], exact=True)).to_be_visible(timeout=60_000)
    assert room_of(page) == room, "the briefing's room is session state: the session moved to another replica"
    assert affinity_cookie(context) == replica
    assert {answer[2] for answer in answers if answer[2]} == {replica}, answers
    # Streamlit's page looks for its server under the page's path first (/briefing/_stcore/health), then at the root.
    failed = [answer for answer in answers if answer[1] >= 400 and not re.search(r"/\w+/_stcore/", answer[0])]
    assert failed == []
    context.close()


def test_a_notes_window_on_another_device_and_replica_follows_the_room(cluster, browser):
    room_context = browser.new_context(viewport={"width": 1280, "height": 720})
    room_page, _ = open_page(room_context, f"{cluster.base}/briefing?slide=1", HEADLINES[0])
    room_replica, room = affinity_cookie(room_context), room_of(room_page)
    other = next(name for name in cluster.replicas() if name != room_replica)

    notes_context = pinned_context(browser, cluster, other)
    notes_page = notes_context.new_page()
    response = notes_page.goto(f"{cluster.base}/briefing?view=notes&room={room}&slide=1")
    assert served_by(response) == other != room_replica
    notes = notes_page.locator('[data-testid="stMain"] h2').first
    expect(notes).to_have_text(HEADLINES[0], timeout=60_000)

    for number in (2, 3):
        settle(room_page)  # a click during the run after the window reports its size would be lost with it
        room_page.get_by_role("button", name="Next").click()
        expect(room_page.get_by_role("heading", name=HEADLINES[number - 1], exact=True)).to_be_visible(timeout=60_000)
        wait_for_streamlit(room_page)
    expect(notes).to_have_text(HEADLINES[2], timeout=30_000)
    assert affinity_cookie(notes_context) == other
    room_context.close()
    notes_context.close()


def test_a_sign_in_link_works_once_on_whichever_replica_it_reaches(cluster, browser):
    """A link is redeemed in the state every replica shares: it works on any replica, once."""
    replicas = list(cluster.replicas().values())
    assert len(replicas) == 3
    printed = cluster.sign_in_path()
    for number, (address, _) in enumerate(replicas):
        context = browser.new_context()
        page = context.new_page()
        page.goto(address + (printed if number < 2 else cluster.new_sign_in_path()))
        wait_for_streamlit(page)
        if number == 1:  # the printed link, opened again on another replica
            expect(page.get_by_text("This sign-in link has been used already")).to_be_visible(timeout=60_000)
        else:
            expect(page.get_by_text("Signed in by the link the server printed")).to_be_visible(timeout=60_000)
            expect(page.get_by_label("Editor password")).to_have_count(0)
        expect(page).to_have_url(f"{address}/editor")
        context.close()


def choose(page, label: str, option: str) -> None:
    chooser = page.get_by_role("combobox", name=label)
    chooser.click()
    chooser.fill(option)
    page.keyboard.press("Enter")


def test_a_publish_and_a_rollback_through_one_replica_reach_every_replica(cluster, browser, data_dir,
                                                                          tmp_path):
    fixed = rounded_overstay(data_dir, tmp_path / "us_visas.csv")
    readers = {name: browser.new_context().new_page() for name in cluster.replicas()}
    for name, (address, _) in cluster.replicas().items():
        readers[name].goto(f"{address}/us_restrictions")
        wait_for_streamlit(readers[name])
        expect(readers[name].get_by_text("15.35%")).to_be_visible(timeout=60_000)

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    editor = context.new_page()
    editor.goto(cluster.base + cluster.new_sign_in_path())
    wait_for_streamlit(editor)
    editor.get_by_role("textbox", name="Your name").fill("Aigerim")
    editor.get_by_role("button", name="Sign in").click()
    expect(editor.get_by_text("Signed in as Aigerim")).to_be_visible()
    choose(editor, "Dataset", "US visas")
    expect(editor.locator("strong", has_text="us_visas.csv")).to_be_visible(timeout=60_000)
    upload_file(editor, fixed)
    expect(editor.get_by_text("0 rows added, 1 changed, 0 removed.")).to_be_visible(timeout=60_000)
    editor.get_by_role("textbox", name="Change note").fill("Rounded as in the DHS table")
    editor.get_by_role("button", name="Publish").click()
    expect(editor.get_by_text("Published us_visas.csv: 0 added, 1 changed, 0 removed.")).to_be_visible()

    for page in readers.values():  # each replica's next rerun, no restart
        page.reload()
        wait_for_streamlit(page)
        expect(page.get_by_text("15.40%")).to_be_visible(timeout=60_000)

    choose(editor, "What to do", "History")
    editor.get_by_role("textbox", name="Why roll back?").fill("The source gives 15.35")
    editor.get_by_role("button", name="Roll back").click()
    expect(editor.get_by_text("Rolled back us_visas.csv: 0 added, 1 changed, 0 removed.")).to_be_visible()
    for page in readers.values():
        page.reload()
        wait_for_streamlit(page)
        expect(page.get_by_text("15.35%")).to_be_visible(timeout=60_000)
    for page in [editor, *readers.values()]:
        page.context.close()


def test_wrong_secrets_spread_over_the_replicas_are_throttled_as_on_one_server(cluster, browser, state_dir,
                                                                               monkeypatch):
    """Eight guessed sign-in links (this cluster has no password, so a link is the secret to guess), each from a
    browser with no cookie, so HAProxy spreads them over the three replicas. One server makes the fourth guess wait;
    counted per replica, no replica would have seen more than three. HAProxy tells each replica the client's
    address, so the count is this client's on every replica."""
    said, replicas, contexts = [], set(), []
    try:
        for number in range(8):
            context = browser.new_context()
            contexts.append(context)
            page = context.new_page()
            replicas.add(served_by(page.goto(f"{cluster.base}/editor?token=guess-{number}")))
            wait_for_streamlit(page)
            message = page.get_by_role("alert").locator('[data-testid="stMarkdownContainer"]').first
            expect(message).to_be_visible(timeout=60_000)
            said.append(message.inner_text())
    finally:
        monkeypatch.setenv("BORDERLINES_STATE_DIR", str(state_dir))
        forget_failures()  # for the tests after this one
        for context in contexts:
            context.close()
    assert replicas == set(cluster.replicas())
    assert [text.startswith("This sign-in link is not valid") for text in said[:3]] == [True] * 3, said
    assert any(text.startswith("Too many failed sign-ins. Try again in") for text in said[3:]), said


def refuses_connections(address: str) -> bool:
    try:
        socket.create_connection((urlparse(address).hostname, urlparse(address).port), timeout=2).close()
    except OSError:
        return True
    return False


def replica_behind_haproxy(cluster) -> str | None:
    """The replica HAProxy sends a new session (a request without its cookie) to."""
    with urllib.request.urlopen(f"{cluster.base}/", timeout=10) as response:
        return response.headers.get(REPLICA_HEADER)


def parent_of(pid: int) -> int:
    """The process that started this one (the fourth field of /proc/PID/stat, after the name in brackets)."""
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def test_losing_a_replica_costs_no_reader_an_error_and_haproxy_takes_it_back(cluster, browser):
    victim = "app2"
    address, pid = cluster.replicas()[victim]
    reader = pinned_context(browser, cluster, victim)
    answers = []
    reader.on("response", lambda answer: answers.append((answer.url, answer.status)))
    reading, response = open_page(reader, f"{cluster.base}/money", "Money and migrants")
    assert served_by(response) == victim

    # The launcher is held still until every page has been opened without the replica, so that no restart delay has
    # to outlast page opens on a busy machine; let go, it finds the replica gone and starts it again.
    launcher = parent_of(pid)
    assert b"ui.cluster" in Path(f"/proc/{launcher}/cmdline").read_bytes()
    os.kill(launcher, signal.SIGSTOP)
    try:
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while not refuses_connections(address):
            assert time.monotonic() < deadline, "the killed replica still answers"
            time.sleep(0.2)

        # The reader whose replica died: the page reconnects, through HAProxy, to another replica.
        reading.wait_for_timeout(3000)
        wait_for_streamlit(reading)
        expect(reading.get_by_role("heading", name="Money and migrants", exact=True)).to_be_visible(timeout=60_000)
        assert reading.locator('[data-testid="stException"]').count() == 0
        assert affinity_cookie(reader) != victim
        assert [answer for answer in answers if answer[1] >= 500] == []
        reader.close()

        # New sessions, each in a browser of its own, open every page while the replica is down.
        for path, heading in PAGES.items():
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            statuses = []
            context.on("response", lambda answer, statuses=statuses: statuses.append((answer.url, answer.status)))
            page, response = open_page(context, f"{cluster.base}/{path}", heading)
            assert served_by(response) != victim
            assert page.locator('[data-testid="stException"]').count() == 0, path
            assert [status for status in statuses if status[1] >= 500] == [], path
            context.close()
    finally:
        os.kill(launcher, signal.SIGCONT)

    # `make cluster` starts it again; HAProxy sends new sessions to it once its health check passes.
    deadline = time.monotonic() + RESTART_DELAY + 120
    while replica_behind_haproxy(cluster) != victim:
        assert time.monotonic() < deadline, f"HAProxy never sent a new session to {victim} again"
        time.sleep(1)
    assert cluster.replicas()[victim][1] != pid
    back = pinned_context(browser, cluster, victim)
    _, response = open_page(back, f"{cluster.base}/us_restrictions", "US restrictions")
    assert served_by(response) == victim
    back.close()


def test_ctrl_c_stops_haproxy_and_every_replica(cluster):
    addresses = [cluster.base] + [address for address, _ in cluster.replicas().values()]
    cluster.stop(signal.SIGINT)
    deadline = time.monotonic() + 30
    while not all(refuses_connections(address) for address in addresses):
        assert time.monotonic() < deadline, "something still answers after Ctrl-C"
        time.sleep(0.5)
    assert "Stopped HAProxy and every replica." in cluster.log.read_text()
