"""The newsroom editor and the briefing deck in Russian: the sign-in form and its refusals, the editor's controls, a
deck of its own (data/briefing.ru.md) played and checked like the English one, the briefing's controls and notes
window, and the handout printed in Russian. English stays as it was."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from catalog.csvfile import read_table
from catalog.deckfile import deck_path, deck_paths, read_deck
from catalog.problems import said
from catalog.snapshot import take_snapshot
from catalog.validate import validate
from deck.handout import handout_pdf
from deck.slides import checked_deck, deck_problems, parse_deck
from i18n import speaking
from tests.conftest import DATA, open_page
from tests.test_big_files import BANS, KEYS, as_csv, ban_rows
from tests.test_briefing import BAD_DECK
from ui.login import too_many_failures
from ui.shared_state import forget_failures

PASSWORD = "correct horse battery staple"
ENGLISH_DECK = parse_deck((DATA / "briefing.md").read_text(encoding="utf-8"))
RUSSIAN_DECK = parse_deck((DATA / "briefing.ru.md").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def editor_password(monkeypatch):
    monkeypatch.setenv("BORDERLINES_EDITOR_PASSWORD", PASSWORD)
    forget_failures()
    yield
    forget_failures()


@pytest.fixture(scope="module")
def tables():
    return take_snapshot().tables


def as_read(markdown: str) -> str:
    return markdown.replace("\\", "")


def sign_in(page: AppTest, password: str = PASSWORD, name: str = "Айгерим") -> AppTest:
    page.text_input[0].input(name)
    page.text_input[1].input(password)
    page.button[0].click()
    return page.run()


# The editor


def test_the_sign_in_form_speaks_russian():
    page = open_page("pages/editor.py", lang="ru")
    assert [field.label for field in page.text_input] == ["Ваше имя", "Пароль редактора"]
    assert page.text_input[0].help == "Попадает в публичный журнал изменений с каждой вашей публикацией."
    assert page.button[0].label == "Войти"


def test_a_wrong_password_is_refused_in_russian_and_in_english(data_copy):
    assert sign_in(open_page("pages/editor.py", lang="ru"), password="guess").error[0].value == "Пароль неверный."
    assert sign_in(open_page("pages/editor.py"), password="guess").error[0].value == "That password is not right."


def test_the_throttle_counts_seconds_in_russian_forms_and_english_in_its_two():
    with speaking("ru"):
        assert [too_many_failures(seconds) for seconds in (1, 2, 5, 21, 300)] == [
            f"Слишком много неудачных попыток входа. Попробуйте снова через {said}." for said in
            ("1 секунду", "2 секунды", "5 секунд", "21 секунду", "300 секунд")]
    assert too_many_failures(1) == "Too many failed sign-ins. Try again in 1 second."
    assert too_many_failures(299.6) == "Too many failed sign-ins. Try again in 300 seconds."


def test_repeated_failures_make_a_russian_editor_wait(data_copy, stopped_clock):
    page = open_page("pages/editor.py", lang="ru")
    for _ in range(4):
        page = sign_in(page, password="guess")
    page = sign_in(page)
    assert page.error[0].value.startswith("Слишком много неудачных попыток входа. Попробуйте снова через ")


def test_a_bad_sign_in_link_is_refused_in_russian(data_copy, monkeypatch):
    monkeypatch.delenv("BORDERLINES_EDITOR_PASSWORD")
    page = open_page("pages/editor.py", lang="ru", token="guess")
    assert page.error[0].value == ("Эта ссылка для входа недействительна. Попросите новую (`make sign-in-link` "
                                   "на сервере).")


def test_without_a_secret_editing_is_switched_off_in_russian(monkeypatch):
    monkeypatch.delenv("BORDERLINES_EDITOR_PASSWORD")
    page = open_page("pages/editor.py", lang="ru")
    assert page.error[0].value.startswith("Редактирование отключено: пароль редактора не задан. Задайте "
                                          "`editor_password` в .streamlit/secrets.toml")
    assert not page.text_input


def test_the_editors_upload_controls_speak_russian(data_copy):
    page = sign_in(open_page("pages/editor.py", lang="ru"))
    assert not page.exception and not page.error
    assert page.file_uploader[0].label == "CSV для замены"
    told = "\n".join(block.value for block in page.markdown)
    assert "Загрузите замену для **sources.csv**" in told
    assert "Загрузите замену для **" in told and "предельный размер — 5 МБ." in told


def test_a_file_with_problems_is_refused_in_russian(data_copy):
    page = sign_in(open_page("pages/editor.py", lang="ru"))
    page.file_uploader[0].set_value(("us_visas.csv", b"not,a,dataset\n1,2,3\n", "text/csv"))
    with speaking("ru"):  # the test's own thread reads the menus' Russian labels back, as a reader's browser would
        page.run()
    said = page.error[0].value
    assert said.startswith("Этот файл: ") and "Пока" in said and "ничего опубликовать нельзя." in said
    assert {"Файл", "Строка", "Столбец", "Значение", "Правило"} <= set(page.dataframe[0].value.columns)


def test_rows_edited_in_russian_are_checked_and_their_problem_said_in_russian(data_copy):
    page = sign_in(open_page("pages/editor.py", lang="ru", dataset="countries", task="edit"))
    editor = page.data_editor[0]
    page.session_state[editor.key] = {"edited_rows": {}, "added_rows": [{"iso3": "afg", "name": "Afghanistan"}],
                                      "deleted_rows": []}
    with speaking("ru"):
        page.run()
    assert page.error[0].value == "Этот файл: 1 ошибка. Пока она не исправлена, ничего опубликовать нельзя."
    problem = page.dataframe[-1].value
    assert problem.loc[0, "Столбец"] == "iso3" and problem.loc[0, "Файл"] == "countries.csv (правка здесь)"


def test_rollback_in_russian(data_copy):
    from catalog import history
    from catalog.publish import publish

    original = (data_copy / "countries.csv").read_bytes()
    publish(data_copy, "countries", original + b"AFG,Afghanistan\n", base=original, editor="Данияр",
            note="Добавлен Афганистан")
    page = sign_in(open_page("pages/editor.py", lang="ru", dataset="countries", task="history"))
    kept = page.dataframe[0].value
    assert list(kept.columns) == ["Сохранена (UTC)", "Версия", "Опубликована сейчас", "Автор", "Примечание"]
    assert kept[["Опубликована сейчас", "Автор", "Примечание"]].values.tolist()[0] == ["да", "Данияр",
                                                                                       "Добавлен Афганистан"]
    assert page.selectbox[-1].label == "Откатить к версии"
    assert page.subheader[0].value == "Что изменит откат"
    page.text_area[0].input("Афганистана пока нет ни в одном наборе данных")
    next(button for button in page.button if button.label == "Откатить").click()
    with speaking("ru"):
        page.run()
    assert page.success[0].value == ("Файл countries.csv откачен: добавлено строк — 0, изменено — 0, удалено — 1. "
                                     "Читатели увидят это при следующем переходе.")
    assert (data_copy / "countries.csv").read_bytes() == original
    assert history.changelog(data_copy).loc[0, "action"] == "rollback"


def test_the_editors_tasks_and_history_columns_are_named_in_russian(data_copy):
    from ui.editing import TASKS, history_table, task_label

    with speaking("ru"):
        assert [task_label(key) for key in TASKS] == ["Заменить файлом", "Править строки", "История и откат"]
        import pandas as pd

        assert list(history_table([], pd.DataFrame(), "")) == []
    assert [task_label(key) for key in TASKS] == ["Replace with a file", "Edit rows", "History and rollback"]


# The deck in Russian


def test_the_russian_deck_is_the_english_one_slide_for_slide():
    assert RUSSIAN_DECK.title == "Брифинг Borderlines"
    assert len(RUSSIAN_DECK.slides) == len(ENGLISH_DECK.slides) == 8
    for russian, english in zip(RUSSIAN_DECK.slides, ENGLISH_DECK.slides, strict=True):
        assert (russian.chart, russian.filters) == (english.chart, english.filters)
        assert russian.headline != english.headline and russian.takeaway and russian.notes
    assert RUSSIAN_DECK.slides[1].headline == ("Казахстан насчитал 200\xa0000 пересечений границы россиянами "
                                               "за две недели")
    assert "39,14\xa0%" in RUSSIAN_DECK.slides[7].headline


def test_the_russian_deck_passes_the_checks_the_english_one_passes(tables):
    assert checked_deck((DATA / "briefing.ru.md").read_text(encoding="utf-8"), tables).problems == []
    assert deck_problems("briefing.ru.md", (DATA / "briefing.ru.md").read_text(encoding="utf-8"), tables) == []
    from catalog.__main__ import check_decks

    assert check_decks(deck_paths()) == []  # as `python -m catalog check` checks a deck


def test_the_deck_follows_the_language_and_falls_back_to_the_english_one(data_copy):
    assert deck_path() == data_copy / "briefing.md"
    with speaking("ru"):
        assert deck_path() == data_copy / "briefing.ru.md"
        assert read_deck()[0].startswith("# Брифинг Borderlines")
    assert deck_paths() == [data_copy / "briefing.md", data_copy / "briefing.ru.md"]
    (data_copy / "briefing.ru.md").unlink()
    with speaking("ru"):
        assert deck_path() == data_copy / "briefing.md"
    assert deck_paths() == [data_copy / "briefing.md"]


def test_a_bad_deck_is_told_in_russian_and_in_english_as_before(tables):
    with speaking("ru"):
        problems = checked_deck(BAD_DECK, tables).problems
    assert problems[0].startswith("слайд 2 («Unknown chart»): неизвестный график «pie_of_everything»; есть такие "
                                  "графики: events_timeline, ")
    assert problems[1].startswith("слайд 3 («Unknown value»): у фильтра «country» нет значения «ATL»")
    assert problems[2] == "слайд 4 («Unknown filter»): у графика «work_entries» нет фильтра «year»; его фильтры: нет"
    assert problems[3] == ("слайд 5 («Nothing matches»): его фильтрам не соответствует ни одна строка, и график "
                           "был бы пуст")
    assert problems[5] == "слайд 7: нет заголовка: напишите его после '## '"
    assert checked_deck(BAD_DECK, tables).problems[5] == "slide 7: no headline: write it after '## '"
    with speaking("ru"):
        assert deck_problems("briefing.ru.md", "# Пусто\n", tables) == [
            "briefing.ru.md: нет слайдов; начинайте каждый с '## Заголовок'"]


# The briefing page


def test_the_briefing_in_russian_plays_the_russian_deck():
    app = open_page("pages/briefing.py", lang="ru", slide="1")
    assert as_read(app.title[0].value) == RUSSIAN_DECK.slides[0].headline
    assert as_read(app.markdown[0].value) == RUSSIAN_DECK.slides[0].takeaway or any(
        as_read(block.value) == RUSSIAN_DECK.slides[0].takeaway for block in app.markdown)
    english = open_page("pages/briefing.py", slide="1")
    assert as_read(english.title[0].value) == ENGLISH_DECK.slides[0].headline


def test_the_briefing_falls_back_to_the_english_deck_when_there_is_no_russian_one(data_copy):
    (data_copy / "briefing.ru.md").unlink()
    app = open_page("pages/briefing.py", lang="ru", slide="1")
    assert as_read(app.title[0].value) == ENGLISH_DECK.slides[0].headline


def controls_page(view: str, language: str, number: int) -> None:
    """The briefing's controls (or its notes window) for one slide, drawn alone."""
    import streamlit as st

    from i18n import speak
    from ui.briefing import open_briefing, slide_controls, speaker_notes

    speak(language)
    open_briefing()
    briefing = st.session_state["briefing"]
    if view == "notes":
        speaker_notes(briefing.deck, briefing.snapshot, briefing.deck.slides[number - 1])
    else:
        slide_controls(briefing, number, lambda target: None)


def drawn(view: str, language: str, number: int = 2) -> AppTest:
    app = AppTest.from_function(controls_page, args=(view, language, number), default_timeout=60).run()
    assert not app.exception, app.exception
    return app


def test_the_slide_controls_speak_russian():
    app = drawn("controls", "ru")
    assert [button.label for button in app.button] == ["Назад", "Далее", "Обновить"]
    assert "Слайд 2 из 8" in [block.value for block in app.markdown]
    assert app.caption[0].value.startswith("Данные на ") and "версия" in app.caption[0].value
    assert [button.label for button in app.get("link_button")] == ["Заметки"]
    assert app.get("download_button")[0].label == "Раздаточный материал"


def test_the_slide_controls_in_english_are_as_they_were():
    app = drawn("controls", "en")
    assert [button.label for button in app.button] == ["Previous", "Next", "Reload"]
    assert "Slide 2 of 8" in [block.value for block in app.markdown]
    assert app.caption[0].value.startswith("Data as of ")


def test_the_notes_window_speaks_russian_with_the_russian_deck():
    app = drawn("notes", "ru")
    assert as_read(app.header[0].value) == RUSSIAN_DECK.slides[1].headline
    assert app.caption[0].value.startswith("Слайд 2 из 8 · Данные на ")
    shown = "\n".join(as_read(block.value) for block in app.markdown)
    assert f"**Главное:** {RUSSIAN_DECK.slides[1].takeaway}" in shown
    assert f"**Далее:** {RUSSIAN_DECK.slides[2].headline}" in shown
    assert drawn("notes", "ru", 8).markdown[-1].value == "**Далее:** конец презентации"


# The handout


def test_the_handout_prints_in_russian(tables):
    with speaking("ru"):
        deck = checked_deck((DATA / "briefing.ru.md").read_text(encoding="utf-8"), tables)
        pdf = PdfReader(BytesIO(handout_pdf(deck, tables, "Данные на тест")))
    assert len(pdf.pages) == len(deck.slides)
    for slide, page in zip(deck.slides, pdf.pages, strict=True):
        text = page.extract_text()
        assert f"слайд {slide.number} из {len(deck.slides)}" in text
        assert "Брифинг Borderlines" in text and "Данные на тест" in text
    assert "Казахстан" in pdf.pages[1].extract_text()


def test_a_bad_slide_is_explained_on_its_russian_handout_page(tables):
    with speaking("ru"):
        deck = checked_deck(BAD_DECK, tables)
        pdf = PdfReader(BytesIO(handout_pdf(deck, tables, "Данные на тест")))
    assert "Этот слайд нельзя показать" in pdf.pages[1].extract_text()



def test_the_briefing_page_in_russian_has_russian_controls_and_notes():
    app = open_page("pages/briefing.py", lang="ru", slide="1")
    assert as_read(app.title[0].value) == RUSSIAN_DECK.slides[0].headline
    assert [button.label for button in app.button][:2] == ["Назад", "Далее"]
    assert "Слайд 1 из 8" in [block.value for block in app.markdown]
    next(button for button in app.button if button.label == "Далее").click().run()
    assert app.query_params["slide"] == "2"
    assert as_read(app.title[0].value) == RUSSIAN_DECK.slides[1].headline
    notes = open_page("pages/briefing.py", lang="ru", slide="2", view="notes")
    assert as_read(notes.header[0].value) == RUSSIAN_DECK.slides[1].headline
    assert f"**Далее:** {RUSSIAN_DECK.slides[2].headline}" in "\n".join(as_read(b.value) for b in notes.markdown)


def test_a_files_problems_are_said_in_the_editors_language_and_printed_in_english_as_before():
    from catalog.csvfile import read_table
    from catalog.problems import said
    from catalog.validate import validate
    from tests.test_big_files import BANS, KEYS, as_csv, ban_rows

    rows = ban_rows(150)
    for row in rows:
        row[2] = "12 people"  # a count with its unit
    rows[1][0] = rows[0][0]  # the same ban twice
    parsed = read_table(as_csv(rows).encode(), "entry_bans.csv", BANS)
    with speaking("ru"):  # found while speaking Russian: printed in English all the same
        problems = validate(parsed.cells, BANS, KEYS, "entry_bans.csv")[1]
    rules = {problem.column: problem.rule for problem in problems if problem.row == 2}
    assert rules["count"] == "must be a whole number (digits only, no spaces, units or thousands separators)"
    assert rules["ban_id"] == "must be unique, but this value appears on rows 2, 3"
    counted = next(problem for problem in problems if problem.column == "count" and problem.value is None)
    assert str(counted) == ("entry_bans.csv, row 102, column 'count': this row and 49 more after it break the same "
                            "rule (not listed one by one): must be a whole number (digits only, no spaces, units or "
                            "thousands separators)")
    with speaking("ru"):
        assert said(rules["count"]) == ("должно быть целым числом (только цифры, без пробелов, единиц измерения "
                                        "и разделителей разрядов)")
        assert said(rules["ban_id"]) == "должно быть уникальным, но это значение есть в строках 2, 3"
        assert said(counted.rule).startswith("эта строка и ещё 49 после неё нарушают то же правило (по отдельности "
                                             "не перечислены): должно быть целым числом")
    assert said(counted.rule) == counted.rule


@pytest.mark.parametrize(("column", "value", "russian"), [
    (8, "2025-13-45", "должна быть настоящая календарная дата в виде ГГГГ-ММ-ДД (например, 2022-09-21)"),
    (3, "maybe", "должно быть true или false"),
    (0, "Ban 1", "идентификатор состоит только из строчных латинских букв, цифр и дефисов и начинается с буквы "
                 "или цифры"),
    # rules worded with the file's own values: the values as written, the words around them in Russian
    (5, "pirate", "должно быть одним из значений: journalist, activist, scholar, politician, official, media_figure, "
                  "other"),
    (13, "src-zzz", "должно совпадать с ключом из sources.csv"),
    (2, "0", "должно быть не меньше 1"),
])
def test_a_cell_s_type_problem_is_said_in_russian_and_its_english_is_as_it_was(column, value, russian):
    rows = ban_rows(3)
    rows[0][column] = value
    parsed = read_table(as_csv(rows).encode(), "entry_bans.csv", BANS)
    problems = [problem for problem in validate(parsed.cells, BANS, KEYS, "entry_bans.csv")[1]
                if problem.value == value]
    assert len(problems) == 1
    with speaking("ru"):
        assert said(problems[0].rule) == russian
    assert said(problems[0].rule) == problems[0].rule
