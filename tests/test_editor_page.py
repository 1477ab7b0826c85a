"""The Editor page as newsroom staff use it: sign in, upload or edit, read the problems, see the diff, publish,
roll back (Streamlit AppTest, no browser)."""

from __future__ import annotations

import csv
import errno
import io

import pytest
from streamlit.errors import StreamlitSecretNotFoundError
from streamlit.testing.v1 import AppTest

from catalog import history, load_catalog
from catalog.publish import publish
from tests.conftest import EDITOR_PASSWORD, REPO, open_page
from tests.csv_edits import CHANGELOG_BREAKAGES, break_cell, break_changelog, restate, rows_of, write
from tests.test_checking_once import validations
from ui import login, serve
from ui.login import LINK_LIFETIME
from ui.shared_state import issue_link

PASSWORD = EDITOR_PASSWORD


@pytest.fixture(autouse=True)
def editor_password(editor_password_set):
    return editor_password_set


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


def test_repeated_failures_make_the_next_attempt_wait_even_with_the_right_password(data_copy, stopped_clock):
    page = open_page("pages/editor.py")
    for _ in range(4):
        page = sign_in(page, password="guess")
    page = sign_in(page)
    assert page.error[0].value.startswith("Too many failed sign-ins. Try again in")
    assert not page.selectbox


def test_the_one_time_link_signs_in_and_leaves_the_address_bar(data_copy, monkeypatch):
    monkeypatch.delenv("BORDERLINES_EDITOR_PASSWORD")
    page = open_page("pages/editor.py", token=issue_link(LINK_LIFETIME))
    assert "token" not in page.query_params
    assert [field.label for field in page.text_input] == ["Your name"]
    page.text_input[0].input("Daniyar")
    page.button[0].click()
    page.run()
    assert "Signed in as Daniyar" in page.caption[0].value


def test_a_wrong_link_is_refused(data_copy, monkeypatch):
    monkeypatch.delenv("BORDERLINES_EDITOR_PASSWORD")
    issue_link(LINK_LIFETIME)
    page = open_page("pages/editor.py", token="guess")
    assert "This sign-in link is not valid" in page.error[0].value
    assert "token" not in page.query_params


def test_a_link_works_once_and_not_after_a_day(data_copy, monkeypatch):
    """A link left in a browser's history, or copied from a screen, opens nothing."""
    monkeypatch.delenv("BORDERLINES_EDITOR_PASSWORD")
    token = issue_link(LINK_LIFETIME)
    assert [field.label for field in open_page("pages/editor.py", token=token).text_input] == ["Your name"]
    again = open_page("pages/editor.py", token=token)
    assert again.error[0].value.startswith("This sign-in link has been used already")
    assert not again.text_input
    stale = open_page("pages/editor.py", token=issue_link(-1))
    assert stale.error[0].value.startswith("This sign-in link has expired")


def test_link_guesses_are_throttled_like_passwords(data_copy, monkeypatch, stopped_clock):
    monkeypatch.delenv("BORDERLINES_EDITOR_PASSWORD")
    for _ in range(4):
        open_page("pages/editor.py", token="guess")
    page = open_page("pages/editor.py", token=issue_link(LINK_LIFETIME))
    assert page.error[0].value.startswith("Too many failed sign-ins. Try again in")
    assert not page.text_input


def test_with_a_password_set_links_are_off_and_loading_them_locks_nobody_out(data_copy):
    """Loading /editor?token=x a dozen times used to make every editor wait five minutes."""
    for _ in range(12):
        page = open_page("pages/editor.py", token="x")
    assert page.info[0].value == "Sign-in links are off on this server: an editor password is set."
    assert "token" not in page.query_params
    page = sign_in(page)
    assert not page.error
    assert page.selectbox, "signed in at once"


def test_another_clients_failures_do_not_make_this_one_wait(data_copy, monkeypatch, stopped_clock):
    with monkeypatch.context() as elsewhere:
        elsewhere.setattr(login, "client_address", lambda: "203.0.113.9")
        attacker = open_page("pages/editor.py")
        for _ in range(10):
            attacker = sign_in(attacker, password="guess")
        assert attacker.error[0].value.startswith("Too many failed sign-ins")
    page = sign_in(open_page("pages/editor.py"))
    assert not page.error
    assert page.selectbox


def test_a_password_in_secrets_that_is_not_text_says_how_to_write_it(data_copy, monkeypatch):
    monkeypatch.delenv("BORDERLINES_EDITOR_PASSWORD")
    page = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    page.secrets["editor_password"] = 123456
    page.run()
    page.switch_page("pages/editor.py").run()
    assert not page.exception
    assert page.error[0].value == ("Sign-in is unavailable: `editor_password` in the secrets file is a int, not text: "
                                   'write it in quotes, editor_password = "..."')


def test_a_secrets_file_that_is_not_toml_is_named_not_taken_for_no_password(monkeypatch):
    class Unreadable:
        def get(self, *_):
            raise StreamlitSecretNotFoundError("Error parsing secrets file at .streamlit/secrets.toml: Illegal "
                                               "character")
    monkeypatch.setattr(login.st, "secrets", Unreadable())
    with pytest.raises(login.SignInUnavailable, match="Error parsing secrets file at .streamlit/secrets.toml"):
        login.configured_password()


def test_make_run_says_when_the_secrets_file_is_not_toml_and_prints_no_link(tmp_path, monkeypatch, capsys):
    broken = tmp_path / "secrets.toml"
    broken.write_text('editor_password = "unterminated\n', encoding="utf-8")
    monkeypatch.delenv("BORDERLINES_EDITOR_PASSWORD")
    monkeypatch.setattr(serve, "SECRETS_FILES", (broken,))
    serve.print_sign_in_link(8501)
    printed = capsys.readouterr()
    assert f"{broken} cannot be read as TOML" in printed.err and "editing stays off" in printed.err
    assert "token=" not in printed.out


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


def test_the_editors_name_is_shown_as_text_not_markdown(data_copy):
    page = sign_in(open_page("pages/editor.py"), name="**Boss** [click](javascript:alert(1)) $x$")
    caption = next(block.value for block in page.caption if block.value.startswith("Signed in as"))
    assert caption.startswith("Signed in as \\*\\*Boss\\*\\* \\[click\\]\\(javascript\\:alert\\(1\\)\\) \\$x\\$.")


@pytest.mark.parametrize("how", CHANGELOG_BREAKAGES)
def test_the_history_of_a_dataset_opens_whatever_broke_the_changelog(data_copy, how):
    original = (data_copy / "countries.csv").read_bytes()
    publish(data_copy, "countries", original + b"AFG,Afghanistan\n", base=original, editor="Daniyar",
            note="Added Afghanistan")
    break_changelog(data_copy, how)

    page = signed_in(dataset="countries", task="history")  # fails on any exception the page shows

    kept = page.dataframe[0].value
    assert kept.loc[0, "Published now"] == "yes"
    if how in ("a bad date", "a merge conflict", "a duplicated line"):
        assert kept.loc[0, "By"] == "Daniyar"


def test_an_upload_with_a_very_long_first_line_lists_its_problems(data_copy):
    content = b"x" * 200_000 + b"\n" + (data_copy / "us_visas.csv").read_bytes()
    page = upload(signed_in(dataset="us_visas"), "us_visas.csv", content)  # fails on any exception the page shows
    assert page.error[0].value.startswith("This file has ")
    assert not [button for button in page.button if button.label == "Publish"]


@pytest.mark.parametrize("error, words", [
    (OSError(errno.ENOSPC, "No space left on device"), "the disk that holds the data folder"),
    (OSError(errno.EROFS, "Read-only file system"), "this server may not write to the data folder"),
])
def test_a_full_disk_or_a_read_only_data_folder_is_a_message_and_nothing_is_published(data_copy, monkeypatch, error,
                                                                                        words):
    page = upload(signed_in(dataset="us_visas"), "us_visas.csv", us_visas_with(data_copy, "61.2"))
    before = (data_copy / "us_visas.csv").read_bytes()

    def no_room(*args, **kwargs):
        raise error

    monkeypatch.setattr(history.tempfile, "mkstemp", no_room)
    page.text_area[0].input("Corrected the 2023 Uzbek refusal rate")
    next(button for button in page.button if button.label == "Publish").click()
    page.run()  # fails on any exception the page shows

    assert page.error[0].value.startswith("Nothing was published: ") and words in page.error[0].value
    assert (data_copy / "us_visas.csv").read_bytes() == before and history.changelog(data_copy).empty
