"""The briefing deck: reading it, what stops a slide, the page's navigation (AppTest), the frozen data, the
handout, and the deck check in `python -m catalog check`."""

from __future__ import annotations

import json
import subprocess
import sys
from io import BytesIO

import pytest
from pypdf import PdfReader

from catalog.deckfile import deck_path
from catalog.snapshot import take_snapshot
from charts.sources import publisher_name
from deck.handout import HandoutError, handout_pdf
from deck.slides import Slide, checked_deck, filter_values, parse_deck
from tests.conftest import REPO, open_page
from tests.figures import figure_json
from ui.briefing import headline_size, room_for_slide_text
from ui.presenter import HEADLINE_SIZES, PRESENTER_CSS, headline_key

GOOD_DECK = """# Test deck

## Bans both ways
chart: bans_timeline
takeaway: Each side barred the other's citizens.

Point at the two rows.
Then the next slide.

## Only Russia's bans
chart: bans_by_occupation
direction: RUS>KAZ
occupation: scholar, journalist
takeaway: Scholars and a journalist.
"""


@pytest.fixture(scope="module")
def tables():
    return take_snapshot().tables


def test_a_deck_is_read_into_slides_with_settings_filters_and_notes():
    deck = parse_deck(GOOD_DECK)
    assert deck.title == "Test deck"
    first, second = deck.slides
    assert (first.number, first.headline, first.chart) == (1, "Bans both ways", "bans_timeline")
    assert first.takeaway == "Each side barred the other's citizens."
    assert first.notes == "Point at the two rows.\nThen the next slide."
    assert second.filters == {"direction": "RUS>KAZ", "occupation": "scholar, journalist"}
    assert deck.problems == []


def test_a_good_deck_plays_with_the_filters_it_names(tables):
    deck = checked_deck(GOOD_DECK, tables)
    assert deck.problems == []
    second = deck.slides[1]
    chart = second.spec.build(tables, {"direction": "RUS>KAZ", "occupation": ["scholar", "journalist"]})
    assert set(chart.rows["occupation"]) == {"scholar", "journalist"}
    assert set(chart.rows["banning_country"]) == {"RUS"}


BAD_DECK = """# Bad deck

## Good slide
chart: events_timeline
takeaway: Fine.

## Unknown chart
chart: pie_of_everything
takeaway: No such chart.

## Unknown value
chart: events_timeline
country: KAZ, ATL
takeaway: There is no ATL.

## Unknown filter
chart: work_entries
year: 2023
takeaway: This chart has no filters.

## Nothing matches
chart: bans_timeline
q: nobody by this name at all
takeaway: Empty.

## Empty slide

##
chart: events_timeline
takeaway: No headline.
"""


def test_a_bad_deck_names_each_slide_and_its_problem_and_the_good_slides_still_play(tables):
    deck = checked_deck(BAD_DECK, tables)
    problems = deck.problems
    assert problems[0] == ("slide 2 ('Unknown chart'): unknown chart 'pie_of_everything'; the charts are: "
                           "events_timeline, exodus_map, exodus_statements, border_lengths, bans_timeline, "
                           "bans_by_occupation, bans_map, extradition_status, extradition_steps, entry_rules_timeline, "
                           "transfers_by_year, remittances_share_of_gdp, work_entries, work_arrivals, "
                           "us_visa_refusals, us_refusal_map")
    assert problems[1].startswith("slide 3 ('Unknown value'): filter 'country' has no value 'ATL'; it may be: ")
    assert problems[2] == "slide 4 ('Unknown filter'): unknown filter 'year' for chart 'work_entries'; its filters " \
                          "are: none"
    assert problems[3] == "slide 5 ('Nothing matches'): its filters match no rows, so the chart would be empty"
    assert problems[4] == "slide 6 ('Empty slide'): the slide is empty: add a 'chart: ...' and a 'takeaway: ...' " \
                          "line under the headline"
    assert problems[5] == "slide 7: no headline: write it after '## '"
    assert len(problems) == 6
    assert deck.slides[0].problems == []


def test_a_slide_needing_a_dataset_that_failed_its_check_says_so(tables):
    without_bans = {name: table for name, table in tables.items() if name != "entry_bans"}
    deck = checked_deck(GOOD_DECK, without_bans)
    assert deck.slides[0].problems == ["the chart needs entry_bans, which failed its check"]


def test_the_published_deck_has_six_to_eight_slides_that_all_play(tables):
    deck = checked_deck(deck_path().read_text(encoding="utf-8"), tables)
    assert 6 <= len(deck.slides) <= 8
    assert deck.problems == []
    assert all(slide.notes for slide in deck.slides)


def as_read(markdown: str) -> str:
    """Escaped Markdown as a reader sees it rendered."""
    return markdown.replace("\\", "")


def test_the_briefing_opens_on_the_slide_in_the_url():
    app = open_page("pages/briefing.py", slide="4")
    deck = parse_deck(deck_path().read_text(encoding="utf-8"))
    assert as_read(app.title[0].value) == deck.slides[3].headline
    assert f"Slide 4 of {len(deck.slides)}" in [block.value for block in app.markdown]
    assert app.caption[0].value.startswith("Data as of ")
    assert app.query_params["slide"] == "4"
    figure = figure_json(app.get("plotly_chart")[0])
    assert {trace["name"] for trace in figure["data"]} == {"Russia bars citizens of Kazakhstan"}


def test_next_and_previous_move_through_the_deck_and_the_url_follows():
    app = open_page("pages/briefing.py", slide="1")
    first_headline = app.title[0].value
    next_button = next(button for button in app.button if button.label == "Next")
    next_button.click().run()
    assert app.query_params["slide"] == "2"
    assert "Slide 2 of 8" in [block.value for block in app.markdown]
    previous = next(button for button in app.button if button.label == "Previous")
    previous.click().run()
    assert app.query_params["slide"] == "1"
    assert app.title[0].value == first_headline


@pytest.mark.parametrize("requested, shown", [("0", "1"), ("99", "8"), ("two", "1")])
def test_a_slide_number_out_of_range_opens_the_nearest_slide(requested, shown):
    app = open_page("pages/briefing.py", slide=requested)
    assert app.query_params["slide"] == shown


def test_a_bad_slide_shows_its_problem_and_the_rest_of_the_deck_still_plays(data_copy):
    (data_copy / "briefing.md").write_text(BAD_DECK, encoding="utf-8")
    app = open_page("pages/briefing.py", slide="2")
    assert "Slide 2 cannot be shown: unknown chart 'pie_of_everything'" in as_read(app.error[0].value)
    assert "slide 3 ('Unknown value')" in as_read(app.warning[0].value)
    app = open_page("pages/briefing.py", slide="1")
    assert len(app.get("plotly_chart")) == 1 and not app.error


def test_the_briefing_keeps_its_data_until_the_presenter_reloads(data_copy):
    app = open_page("pages/briefing.py", slide="1")
    opened_on = app.caption[0].value
    events = data_copy / "events.csv"
    events.write_text(events.read_text(encoding="utf-8").rstrip("\n").rsplit("\n", 1)[0] + "\n", encoding="utf-8")
    app.run()
    assert app.caption[0].value == opened_on
    reload = next(button for button in app.button if button.label.startswith("Reload"))
    assert reload.label == "Reload (newer data published)"
    reload.click().run()
    assert app.caption[0].value != opened_on
    assert next(button for button in app.button if button.label.startswith("Reload")).label == "Reload"


def test_the_notes_view_shows_notes_and_the_next_headline():
    deck = parse_deck(deck_path().read_text(encoding="utf-8"))
    app = open_page("pages/briefing.py", slide="2", view="notes")
    assert as_read(app.header[0].value) == deck.slides[1].headline
    shown = "\n".join(as_read(block.value) for block in app.markdown)
    assert deck.slides[1].notes.splitlines()[0] in shown
    assert f"**Next:** {deck.slides[2].headline}" in shown


def test_presenter_mode_sizes_the_slide_chart_to_the_screen_and_enlarges_its_type():
    normal = figure_json(open_page("pages/briefing.py", slide="3").get("plotly_chart")[0])
    presented = figure_json(open_page("pages/briefing.py", slide="3", present="1").get("plotly_chart")[0])
    assert presented["layout"]["height"] < 720 - 150
    assert presented["layout"]["template"]["layout"]["font"]["size"] == 1.5 * \
        normal["layout"]["template"]["layout"]["font"]["size"]


def test_the_handout_has_one_page_per_slide_each_with_its_sources(tables):
    deck = checked_deck(deck_path().read_text(encoding="utf-8"), tables)
    pdf = PdfReader(BytesIO(handout_pdf(deck, tables, "Data as of a test")))
    assert len(pdf.pages) == len(deck.slides)
    for slide, page in zip(deck.slides, pdf.pages, strict=True):
        text = page.extract_text()
        assert "Source" in text, f"slide {slide.number} has no source line"
        assert f"slide {slide.number} of {len(deck.slides)}" in text
        assert float(page.mediabox.width) / float(page.mediabox.height) == pytest.approx(16 / 9)
        first = publisher_name(slide.spec.build(tables, filter_values(slide)).sources["publisher"].iloc[0])
        assert first in text, f"slide {slide.number} does not name {first}"
    # The exodus slide draws autumn 2022 only: the spring figure's publisher is not cited for it.
    assert "Exclusive.kz" not in pdf.pages[1].extract_text()


def run_check(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "catalog", "check", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=120, check=False)


def test_the_check_command_checks_the_deck_with_the_data():
    result = run_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK: every slide of the briefing deck can be shown." in result.stdout


def test_the_check_command_names_the_slide_and_problem_of_a_bad_deck(tmp_path):
    bad = tmp_path / "briefing.md"
    bad.write_text(BAD_DECK, encoding="utf-8")
    result = run_check(str(bad))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{bad}, slide 2 ('Unknown chart'): unknown chart 'pie_of_everything'")
    assert len(lines) == 6


MAP_DECK = """# Map deck

## Where they went
chart: exodus_map
on: 2022-10-04
takeaway: Kazakhstan counted 200,000 crossings in two weeks.

## Tables are not slides
chart: who_stayed
takeaway: A table belongs on its page.
"""


def test_a_map_plays_on_its_slide_with_its_sources_and_a_table_is_not_a_chart(data_copy):
    (data_copy / "briefing.md").write_text(MAP_DECK, encoding="utf-8")
    app = open_page("pages/briefing.py", slide="1")
    deck = json.loads(app.get("deck_gl_json_chart")[0].proto.json)
    arcs = next(layer for layer in deck["layers"] if layer["id"] == "arcs")["data"]
    assert sorted(arc["label"].split(":")[0] for arc in arcs) == ["Finland", "Kazakhstan", "Mongolia"]
    assert any(caption.value.startswith("Sources:") for caption in app.caption), "a map has no source burned in"
    assert "unknown chart 'who_stayed'" in as_read(app.warning[0].value)


def test_the_handout_gives_a_map_slide_in_words_with_its_sources(data_copy):
    (data_copy / "briefing.md").write_text(MAP_DECK, encoding="utf-8")
    snapshot = take_snapshot()
    pdf = PdfReader(BytesIO(handout_pdf(snapshot.deck, snapshot.tables, "Data as of a test", snapshot.outlines)))
    text = " ".join(pdf.pages[0].extract_text().split())
    assert "Kazakhstan: 200,000 crossings into the country from 21 Sep to 04 Oct 2022" in text
    assert "Sources:" in text


def test_the_handout_of_a_deck_with_a_bad_slide_says_why_on_that_page(tables):
    deck = checked_deck(BAD_DECK, tables)
    pdf = PdfReader(BytesIO(handout_pdf(deck, tables, "Data as of a test")))
    assert len(pdf.pages) == len(deck.slides)
    assert "This slide cannot be shown: unknown chart 'pie_of_everything'" in " ".join(
        pdf.pages[1].extract_text().split())


def flaky_printer(monkeypatch, fails: int):
    """kaleido as it behaves on a busy machine: the first page's tab times out `fails` times, and kaleido returns
    the error and leaves no file instead of raising."""
    import deck.handout
    real, calls = deck.handout.kaleido.write_fig_from_object_sync, []

    def printer(jobs, **kwargs):
        calls.append([job["path"].name for job in jobs])
        if len(calls) <= fails:
            jobs = [job for job in jobs if job["path"].name != "slide-00.pdf"]
            return (TimeoutError("tab timed out"), *real(jobs, **kwargs))
        return real(jobs, **kwargs)
    monkeypatch.setattr(deck.handout.kaleido, "write_fig_from_object_sync", printer)
    return calls


def test_a_page_the_printer_drops_is_printed_again_and_the_handout_is_whole(tables, monkeypatch):
    calls = flaky_printer(monkeypatch, fails=1)
    deck = checked_deck(GOOD_DECK, tables)
    pdf = PdfReader(BytesIO(handout_pdf(deck, tables, "Data as of a test")))
    assert calls == [["slide-00.pdf", "slide-01.pdf"], ["slide-00.pdf"]], "only the dropped page is printed again"
    assert [f"slide {number} of 2" in page.extract_text() for number, page in enumerate(pdf.pages, 1)] == [True, True]


def test_a_page_the_printer_never_prints_is_named_in_the_error_not_a_missing_file(tables, monkeypatch):
    flaky_printer(monkeypatch, fails=2)
    deck = checked_deck(GOOD_DECK, tables)
    with pytest.raises(HandoutError, match=r"could not print slide 1: TimeoutError\('tab timed out'\)"):
        handout_pdf(deck, tables, "Data as of a test")


def test_a_headline_too_long_for_one_line_is_set_smaller_and_leaves_its_chart_the_room_a_short_one_does(
        monkeypatch):
    """A Russian headline at the presenter size took two lines of a 1280x720 screen, and its chart the rest."""
    import ui.briefing

    monkeypatch.setattr(ui.briefing, "screen", lambda: {"width": 1280, "height": 720})

    def slide(headline: str) -> Slide:
        return Slide(1, headline, "events_timeline", "Kazakhstan and Russia act most often in this story.", {}, "")

    short = slide("From the 2022 exodus to the 2026 US visa bonds")
    long = slide("От исхода 2022 года до визовых залогов США в 2026 году")
    assert headline_size(short) == HEADLINE_SIZES[0]
    assert HEADLINE_SIZES[-1] <= headline_size(long) < HEADLINE_SIZES[0]
    assert room_for_slide_text(long) <= room_for_slide_text(short)
    assert f".st-key-{headline_key(headline_size(long))} h1 {{ font-size: {headline_size(long)}rem; }}" \
        in PRESENTER_CSS
