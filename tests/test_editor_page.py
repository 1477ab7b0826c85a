"""The Editor page as newsroom staff use it: sign in, upload or edit, read the problems, see the diff, publish,
roll back (Streamlit AppTest, no browser)."""

from __future__ import annotations

import csv
import io

import pytest
from streamlit.testing.v1 import AppTest

from catalog import history, load_catalog
from catalog.publish import publish
from tests.conftest import REPO, open_page
from tests.csv_edits import break_cell, restate, rows_of, write
from tests.test_checking_once import validations
from ui.login import FAILED_LOGINS

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def editor_password(monkeypatch):
    monkeypatch.setenv("BORDERLINES_EDITOR_PASSWORD", PASSWORD)
    monkeypatch.delenv("BORDERLINES_EDITOR_TOKEN", raising=False)
    FAILED_LOGINS.reset()
    yield
    FAILED_LOGINS.reset()


def sign_in(page: AppTest, password: str = PASSWORD, name: str = "Aigerim") -> AppTest:
    page.text_input[0].input(name)
    page.text_input[1].input(password)
    page.button[0].click()
    return page.run()


def signed_in(**query: str) -> AppTest:
    page = sign_in(open_page("pages/editor.py", **query))
    assert "Signed in as Aigerim" in page.caption[0].value
    return page


def upload(page: AppTest, name: str, content: bytes) -> AppTest:
    page.file_uploader[0].set_value((name, content, "text/csv"))
    return page.run()


def us_visas_with(data_copy, value: str, *, encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    """The published us_visas.csv with the first figure changed, saved the way Excel would save it."""
    header, rows = rows_of(data_copy / "us_visas.csv")
    restate(rows, header, value)
    scratch = data_copy.parent / "export.csv"
    write(scratch, header, rows)
    text = scratch.read_text(encoding="utf-8")
    if delimiter != ",":
        records = list(csv.reader(io.StringIO(text)))
        out = io.StringIO()
        csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(records)
        text = out.getvalue()
    return text.encode(encoding)


def test_the_editor_is_switched_off_without_a_secret(monkeypatch):
    monkeypatch.delenv("BORDERLINES_EDITOR_PASSWORD")
    page = open_page("pages/editor.py")
    assert "Editing is switched off" in page.error[0].value
    assert not page.text_input


def test_a_wrong_password_is_refused(data_copy):
    page = sign_in(open_page("pages/editor.py"), password="guess")
    assert page.error[0].value == "That password is not right."
    assert not page.file_uploader and not page.selectbox


def test_repeated_failures_make_the_next_attempt_wait_even_with_the_right_password(data_copy):
    page = open_page("pages/editor.py")
    for _ in range(4):
        page = sign_in(page, password="guess")
    page = sign_in(page)
    assert page.error[0].value.startswith("Too many failed sign-ins. Try again in")
    assert not page.selectbox


def test_the_one_time_link_signs_in_and_leaves_the_address_bar(data_copy, monkeypatch):
    monkeypatch.delenv("BORDERLINES_EDITOR_PASSWORD")
    monkeypatch.setenv("BORDERLINES_EDITOR_TOKEN", "one-time-token")
    page = open_page("pages/editor.py", token="one-time-token")
    assert "token" not in page.query_params
    assert [field.label for field in page.text_input] == ["Your name"]
    page.text_input[0].input("Daniyar")
    page.button[0].click()
    page.run()
    assert "Signed in as Daniyar" in page.caption[0].value


def test_a_wrong_link_is_refused(data_copy, monkeypatch):
    monkeypatch.setenv("BORDERLINES_EDITOR_TOKEN", "one-time-token")
    page = open_page("pages/editor.py", token="guess")
    assert "This sign-in link is not valid" in page.error[0].value
    assert "token" not in page.query_params


def test_a_bad_upload_lists_every_problem_and_offers_no_publish(data_copy):
    page = upload(signed_in(dataset="us_visas"), "visas.csv", us_visas_with(data_copy, "sixty"))

    assert page.error[0].value.startswith("This file has 1 problem.")
    problems = page.dataframe[0].value
    assert problems.to_dict("records") == [{
        "File": "visas.csv", "Row": 2, "Column": "value", "Value": "sixty",
        "Rule": "must be a number (digits and a decimal point only, no spaces, units, % or thousands separators)"}]
    assert not [button for button in page.button if button.label == "Publish"]


def test_an_upload_larger_than_the_limit_is_refused_with_its_size(data_copy):
    page = upload(signed_in(dataset="us_visas"), "huge.csv", b"x" * (6 * 1024 * 1024))
    assert page.error[0].value.startswith("huge.csv is 6.0 MB; the limit is 5 MB.")


def test_a_good_excel_upload_shows_its_diff_publishes_and_reaches_the_changelog_and_readers(data_copy):
    export = us_visas_with(data_copy, "61,2", encoding="cp1251", delimiter=";")  # decimal comma, as Excel writes it
    page = upload(signed_in(dataset="us_visas"), "us_visas.csv", export)

    assert "**0 rows added, 1 changed, 0 removed.**" in [block.value for block in page.markdown]
    changed = next(frame.value for frame in page.dataframe if "figure_id" in frame.value)
    assert changed.loc[0, "value"] == "59.56 → 61.2"

    page.text_area[0].input("Corrected the 2023 Uzbek refusal rate from the State Department table")
    next(button for button in page.button if button.label == "Publish").click()
    page.run()

    assert page.success[0].value.startswith("Published us_visas.csv: 0 added, 1 changed, 0 removed.")
    log = history.changelog(data_copy)
    assert log.loc[0, ["editor", "note", "rows_changed"]].tolist() == [
        "Aigerim", "Corrected the 2023 Uzbek refusal rate from the State Department table", 1]
    reader = open_page("pages/us_restrictions.py")
    rates = reader.dataframe[0].value
    assert 61.2 in rates["value"].tolist()


def test_publish_needs_a_note(data_copy):
    page = upload(signed_in(dataset="us_visas"), "us_visas.csv", us_visas_with(data_copy, "61.2"))
    next(button for button in page.button if button.label == "Publish").click()
    page.run()
    assert "Write a change note" in page.error[0].value
    assert history.changelog(data_copy).empty


def test_a_tenfold_drop_is_flagged_and_must_be_confirmed(data_copy):
    page = upload(signed_in(dataset="us_visas"), "us_visas.csv", us_visas_with(data_copy, "5.9"))
    assert "Take a second look at 1 thing" in page.warning[0].value
    flagged = next(frame.value for frame in page.dataframe if "Why" in frame.value)
    assert flagged.loc[0, "Why"] == "was 59.56 before this edit"

    page.text_area[0].input("New figure")
    next(button for button in page.button if button.label == "Publish").click()
    page.run()
    assert "Tick the box" in page.error[0].value


def test_someone_elses_publish_in_between_is_refused_and_shown(data_copy):
    page = upload(signed_in(dataset="us_visas"), "us_visas.csv", us_visas_with(data_copy, "61.2"))
    loaded = (data_copy / "us_visas.csv").read_bytes()
    header, rows = rows_of(data_copy / "us_visas.csv")
    kyrgyz_2023 = [row[0] for row in rows].index("refusal-b-kgz-2023")
    restate(rows, header, "41.6", kyrgyz_2023)  # their fix: the figure and its sentence
    scratch = data_copy.parent / "theirs.csv"
    write(scratch, header, rows)
    theirs = scratch.read_bytes()
    assert theirs != loaded and b",41.6," in theirs
    publish(data_copy, "us_visas", theirs, base=loaded, editor="Daniyar", note="Their fix")

    page.text_area[0].input("My fix")
    next(button for button in page.button if button.label == "Publish").click()
    page.run()

    assert page.error[0].value.startswith("Not published: someone else published this dataset")
    between = [frame.value for frame in page.dataframe if "figure_id" in frame.value][-1]  # after the draft's own
    assert "41.54 → 41.6" in between.values.ravel().tolist()
    assert (data_copy / "us_visas.csv").read_bytes() == theirs


def test_rows_edited_in_the_table_are_checked_and_diffed(data_copy):
    page = signed_in(dataset="countries", task="edit")
    editor = page.data_editor[0]
    page.session_state[editor.key] = {"edited_rows": {0: {"name": "<img src=x onerror=alert(1)>"}},
                                      "added_rows": [{"iso3": "afg", "name": "Afghanistan"}], "deleted_rows": []}
    page.run()

    assert page.error[0].value.startswith("This file has 1 problem.")
    assert page.dataframe[-1].value.loc[0, "Column"] == "iso3"


def test_rollback_restores_an_earlier_version_and_is_logged(data_copy):
    original = (data_copy / "countries.csv").read_bytes()
    publish(data_copy, "countries", original + b"AFG,Afghanistan\n", base=original, editor="Daniyar",
            note="Added Afghanistan")

    page = signed_in(dataset="countries", task="history")
    kept = page.dataframe[0].value
    assert kept[["Published now", "By", "Note"]].values.tolist()[0] == ["yes", "Daniyar", "Added Afghanistan"]
    assert "**0 rows added, 0 changed, 1 removed.**" in [block.value for block in page.markdown]
    page.text_area[0].input("Afghanistan is not in any dataset yet")
    next(button for button in page.button if button.label == "Roll back").click()
    page.run()

    assert page.success[0].value.startswith("Rolled back countries.csv: 0 added, 0 changed, 1 removed.")
    assert (data_copy / "countries.csv").read_bytes() == original
    assert history.changelog(data_copy).loc[0, "action"] == "rollback"
    assert "AFG" not in set(load_catalog().table("countries")["iso3"])


def test_an_unknown_dataset_in_the_url_opens_the_first_one_and_builds_no_path(data_copy):
    page = signed_in(dataset="../../etc/passwd")
    assert page.selectbox[0].value == "sources"


def test_the_password_can_come_from_streamlit_secrets(data_copy, monkeypatch):
    monkeypatch.delenv("BORDERLINES_EDITOR_PASSWORD")
    page = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    page.secrets["editor_password"] = "from secrets.toml"
    page.switch_page("pages/editor.py")
    page.run()
    assert "Signed in as Aigerim" in sign_in(page, password="from secrets.toml").caption[0].value


def test_the_editor_lists_the_problems_of_a_published_file_broken_by_hand(data_copy):
    break_cell(data_copy, "us_visas", "value", "sixty")
    page = signed_in(dataset="us_visas")
    assert page.error[0].value.startswith("The published us_visas.csv has 1 problem.")
    assert "Readers see its version of" in page.caption[1].value


def test_one_draft_is_checked_once_from_upload_to_publish_and_to_readers(data_copy, monkeypatch):
    page = signed_in(dataset="events")  # the published catalog is checked as the page opens
    header, rows = rows_of(data_copy / "events.csv")
    rows[0][header.index("summary")] = "President Tokayev said Kazakhstan must take care of Russians fleeing."
    scratch = data_copy.parent / "events-new.csv"
    write(scratch, header, rows)
    checked = validations(monkeypatch)

    page = upload(page, "events-new.csv", scratch.read_bytes())
    assert "**0 rows added, 1 changed, 0 removed.**" in [block.value for block in page.markdown]
    page.text_area[0].input("Shortened the first summary")
    next(button for button in page.button if button.label == "Publish").click()
    page.run()
    assert page.success[0].value.startswith("Published events.csv: 0 added, 1 changed, 0 removed.")
    assert load_catalog().table("events").iloc[0]["summary"] == rows[0][header.index("summary")]

    # The draft, once: not the ten files beside it, nor again to diff it, publish it or serve it to readers.
    assert checked == [("events", "events-new.csv")]
