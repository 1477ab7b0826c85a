"""The editor in a real browser, the way a member of staff uses it: sign in with the link `make run` prints, upload
an Excel export, read its problems, upload the fixed file, see the diff, publish, see it on the reader page, roll
it back."""

from __future__ import annotations

import csv
import io
from urllib.parse import urlparse

from playwright.sync_api import expect

from tests.browser import ARTIFACTS, running_app, sign_in_path_in, wait_for_streamlit
from tests.conftest import REPO
from tests.csv_edits import rows_of

OVERSTAY = "tkm-overstay-b1b2-fy2023"


def excel_export(data_dir, path, **cells_by_figure: dict[str, str]):
    """us_visas.csv as Excel saves it in a Russian locale: semicolons, Windows-1251, CRLF, decimal commas."""
    header, rows = rows_of(data_dir / "us_visas.csv")
    for row in rows:
        for column, value in cells_by_figure.get(row[0], {}).items():
            row[header.index(column)] = value
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows([header, *rows])
    path.write_bytes(out.getvalue().encode("cp1251"))
    return path


def rounded_overstay(data_dir, path):
    """us_visas.csv from Excel with Turkmenistan's overstay rate rounded to 15.4, and the source's sentence restated
    to match: a figure the quote does not state is a problem, and nothing could be published."""
    header, rows = rows_of(data_dir / "us_visas.csv")
    restated = next(row for row in rows if row[0] == OVERSTAY)[header.index("quote")].replace("15.35", "15.4")
    return excel_export(data_dir, path, **{OVERSTAY: {"value": "15,4", "quote": restated}})


def sign_in_link(base: str) -> str:
    return sign_in_path_in((ARTIFACTS / f"server-{urlparse(base).port}.log").read_text())


def upload_file(page, path) -> None:
    """Once the page has settled: while a script runs, the uploader being replaced is still in the page."""
    wait_for_streamlit(page)
    uploader = page.locator('input[type="file"]')
    expect(uploader).to_have_count(1)
    uploader.set_input_files(path)


def test_staff_upload_fix_publish_see_and_roll_back(data_copy, browser, tmp_path, monkeypatch):
    monkeypatch.delenv("BORDERLINES_EDITOR_PASSWORD", raising=False)
    broken = excel_export(data_copy, tmp_path / "us_visas (broken).csv",
                          **{OVERSTAY: {"value": "15,4", "period_start": "31.02.2022"}})
    fixed = rounded_overstay(data_copy, tmp_path / "us_visas.csv")

    with running_app(REPO, env={"BORDERLINES_DATA_DIR": str(data_copy)}) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        editor = context.new_page()
        editor.goto(base + sign_in_link(base))
        wait_for_streamlit(editor)
        expect(editor).to_have_url(f"{base}/editor")  # the token left the address bar
        editor.get_by_role("textbox", name="Your name").fill("Aigerim")
        editor.get_by_role("button", name="Sign in").click()
        expect(editor.get_by_text("Signed in as Aigerim")).to_be_visible()

        chooser = editor.get_by_role("combobox", name="Dataset")
        chooser.click()
        chooser.fill("US visas")
        editor.keyboard.press("Enter")
        expect(editor).to_have_url(f"{base}/editor?dataset=us_visas")
        # The URL changes before the rerun that swaps the uploader for this dataset's: a file given to the old
        # uploader is lost with it.
        expect(editor.locator("strong", has_text="us_visas.csv")).to_be_visible()

        upload_file(editor, broken)
        expect(editor.get_by_text("This file has 1 problem. Nothing can be published")).to_be_visible()
        expect(editor.get_by_role("button", name="Publish")).to_have_count(0)
        editor.screenshot(path=str(ARTIFACTS / "editor-problems.png"))

        upload_file(editor, fixed)
        expect(editor.get_by_text("0 rows added, 1 changed, 0 removed.")).to_be_visible()
        editor.get_by_role("textbox", name="Change note").fill("Rounded as in the DHS table")
        editor.screenshot(path=str(ARTIFACTS / "editor-diff.png"))
        editor.get_by_role("button", name="Publish").click()
        expect(editor.get_by_text("Published us_visas.csv: 0 added, 1 changed, 0 removed.")).to_be_visible()

        reader = context.new_page()
        reader.goto(f"{base}/us_restrictions")
        wait_for_streamlit(reader)
        expect(reader.get_by_text("15.40%")).to_be_visible(timeout=60_000)

        what = editor.get_by_role("combobox", name="What to do")
        what.click()
        what.fill("History")
        editor.keyboard.press("Enter")
        expect(editor.get_by_text("0 rows added, 1 changed, 0 removed.")).to_be_visible()
        editor.get_by_role("textbox", name="Why roll back?").fill("The source gives 15.35")
        editor.get_by_role("button", name="Roll back").click()
        expect(editor.get_by_text("Rolled back us_visas.csv: 0 added, 1 changed, 0 removed.")).to_be_visible()
        editor.screenshot(path=str(ARTIFACTS / "editor-rolled-back.png"))

        reader.reload()
        wait_for_streamlit(reader)
        expect(reader.get_by_text("15.35%")).to_be_visible(timeout=60_000)
        context.close()
