"""The reader pages in Russian (?lang=ru): each story's title, prose and headings, the headline figures written the
way the Russian press writes numbers, the stay calculator's labels, counts and dates, and the words of the data,
briefing and editor pages. The English pages are checked by their own tests, which stay as they were; here the same
stories are also read in English, to show that speaking Russian somewhere never changes them."""

from __future__ import annotations

import pytest

from catalog import load
from charts.us_visas import overstay_rates
from i18n import ngettext, speaking
from press.stories import HEADLINE_DATASETS, STORIES, headline_figures, overstay_figures
from tests.conftest import open_page

RUSSIAN_TITLES = {"overview": "Borderlines", "exodus": "Исход 2022 года", "entry_bans": "Запреты на въезд",
                  "extraditions": "Экстрадиции", "entry_rules": "Правила въезда", "money": "Деньги и мигранты",
                  "us_restrictions": "Ограничения США"}
# A heading of each page (none on the overview but its timeline), as a Russian reader meets it.
RUSSIAN_HEADINGS = {"overview": "Хронология", "exodus": "Кто остался", "entry_bans": "Кто кому закрывает въезд",
                    "entry_rules": "Калькулятор пребывания", "money": "Трудовые мигранты",
                    "us_restrictions": "Туркменистан: просроченные визы"}


def page_file(name: str) -> str | None:
    return None if name == "overview" else f"pages/{name}.py"


@pytest.mark.parametrize("page_name", STORIES)
def test_each_page_tells_its_story_in_russian_in_order(page_name):
    app = open_page(page_file(page_name), lang="ru")
    with speaking("ru"):
        story = STORIES[page_name]
        title = story.title  # a story's words are read in the language spoken when they are read
        prose = [section.prose for section in story.sections if section.prose]
        headings = [section.heading for section in story.sections if section.heading and not section.folded]
        folds = [section.heading for section in story.sections if section.folded]
    assert app.title[0].value == title == RUSSIAN_TITLES[page_name]
    shown = [block.value for block in app.markdown]
    assert [paragraph for paragraph in shown if paragraph in prose] == prose
    assert [header.value for header in app.subheader if header.value in headings] == headings
    assert [fold.label for fold in app.expander if fold.label in folds] == folds
    if page_name in RUSSIAN_HEADINGS:
        assert RUSSIAN_HEADINGS[page_name] in headings


def words_of(story) -> list[str]:
    """Every word of a story a reader can meet, read in the language being spoken."""
    return [story.title, story.summary, *(section.heading for section in story.sections if section.heading),
            *(section.prose for section in story.sections if section.prose)]


@pytest.mark.parametrize("page_name", STORIES)
def test_every_word_of_a_story_is_translated_and_english_is_untouched_by_it(page_name):
    english = words_of(STORIES[page_name])
    with speaking("ru"):
        russian = words_of(STORIES[page_name])
    assert words_of(STORIES[page_name]) == english  # speaking Russian above left the English as it was
    for said, written in zip(russian, english, strict=True):
        if written != "Borderlines":
            assert said != written and any("а" <= letter <= "я" for letter in said.lower()), written


def test_the_prose_keeps_its_figures_its_markdown_and_its_qualifiers():
    with speaking("ru"):
        exodus = STORIES["exodus"].sections[0].prose
        bans = STORIES["entry_bans"].sections[0].prose
        us = STORIES["us_restrictions"].sections[0].prose
        rules = STORIES["entry_rules"].sections[0].prose
        who_stayed = STORIES["exodus"].sections[3].prose
    assert "21 сентября 2022 г." in exodus and "**пересечения границы, а не люди**" in exodus
    assert "около 70" in bans and "«нежелательными»" in bans
    assert "примерно в половине" in us and "«Прокламация 10949»" in us and "$15\xa0000" in us
    assert "90 дней из любых 180" in rules and "27 января 2023 г." in rules and "30 июня 2025 г." in rules
    assert "`part_of`" in who_stayed and "`same_as`" in who_stayed


def test_the_headline_figures_are_written_the_russian_way():
    app = open_page(lang="ru")
    assert [(metric.label, metric.value) for metric in app.metric] == [
        ("В Казахстан", "200\xa0000"), ("Запрет для учёных", "около 70"), ("Денежные переводы", "в 13 раз"),
        ("Просрочили визы США", "15,35\xa0%")]
    assert app.caption[0].value.startswith("пересечений границы Казахстана россиянами с 21 сентября по 4 октября")
    assert "RFE/RL" in app.caption[0].value  # the source stays as it published itself
    assert app.get("page_link")[-1].proto.label == "Все данные и источники"


def test_the_headline_figures_in_english_are_as_they_were():
    tables = {name: load(name) for name in HEADLINE_DATASETS}
    with speaking("ru"):
        headline_figures(tables)
    figures = headline_figures(tables)
    assert [(figure.label, figure.text) for figure in figures] == [
        ("Into Kazakhstan", "200,000"), ("Scholars barred", "around 70"), ("Money transfers", "13-fold"),
        ("US overstays", "15.35%")]
    assert figures[3].meaning == ("of Turkmen business and tourist (B-1/B-2) visitors overstayed their US visas in "
                                  "fiscal year 2023")


def test_a_figure_whose_row_was_removed_is_still_labelled_in_russian():
    tables = {name: load(name) for name in HEADLINE_DATASETS}
    tables["remittances"] = tables["remittances"].iloc[0:0]
    with speaking("ru"):
        missing = headline_figures(tables)[2]
    assert (missing.label, missing.text) == ("Денежные переводы", None)
    assert missing.meaning.startswith("выросли переводы из России в Казахстан")


def test_turkmenistans_overstay_rates_in_russian():
    rates = overstay_rates(load("us_visas"))
    with speaking("ru"):
        figures = overstay_figures(rates)
    assert [(figure.label, figure.text) for figure in figures] == [
        ("Просрочки по визам B-1/B-2", "15,35\xa0%"), ("Просрочки по визам F, M, J", "21,74\xa0%")]
    assert "(с 1 октября 2022 г. по 30 сентября 2023 г.)" in figures[0].meaning
    assert [figure.text for figure in overstay_figures(rates)] == ["15.35%", "21.74%"]

    app = open_page("pages/us_restrictions.py", lang="ru")
    assert [metric.value for metric in app.metric] == ["15,35\xa0%", "21,74\xa0%"]


def test_the_stay_calculator_counts_in_russian():
    app = open_page("pages/entry_rules.py", lang="ru", rule="kaz-eaeu-90-in-180",
                    trips="2024-01-01..2024-03-30,2024-06-29..2024-10-31", as_of="2024-07-01")
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics == {"Использовано дней на 1 июля 2024 г.": "90", "Осталось дней": "0",
                       "Первое превышение срока в этих поездках": "27 сентября 2024 г.",
                       "Последний законный день, если не уезжать с 1 июля": "26 сентября 2024 г."}
    assert app.selectbox[0].label == "Правило"
    assert app.selectbox[0].value == "kaz-eaeu-90-in-180"
    rule_names = app.selectbox[0].options
    assert any(": 90 дней из любых 180 (" in name for name in rule_names)
    assert any(": 90 дней в календарном году (" in name for name in rule_names)
    assert any(": 30 дней за один приезд (" in name for name in rule_names)
    assert app.date_input[0].label == "Считать на дату"
    captions = [caption.value for caption in app.caption]
    assert "Дни до 27 января 2023 г., когда это правило вступило в силу, не учитываются." in captions
    assert captions[-1].startswith("Это справка по опубликованным правилам, а не юридическая консультация")


def test_a_trip_that_ends_before_it_starts_is_named_in_russian():
    app = open_page("pages/entry_rules.py", lang="ru", trips="2024-05-10..2024-05-01")
    assert app.error[0].value == ("Поездка не может закончиться раньше, чем началась: с 2024-05-10 по 2024-05-01. "
                                  "Исправьте даты, чтобы увидеть подсчёт.")
    assert not app.metric


@pytest.mark.parametrize(("days", "limit"), [
    (1, "1 день из любых 180"), (2, "2 дня из любых 180"), (5, "5 дней из любых 180"), (21, "21 день из любых 180"),
    (24, "24 дня из любых 180"), (90, "90 дней из любых 180"), (111, "111 дней из любых 180")])
def test_a_limit_of_days_takes_the_russian_form_for_its_count(days, limit):
    with speaking("ru"):
        words = ngettext("{days} day in any {window}", "{days} days in any {window}", days)
    assert words.format(days=days, window=180) == limit


def test_the_data_page_in_russian():
    app = open_page("pages/data.py", lang="ru", dataset="border_crossings")
    assert app.title[0].value == "Данные и источники"
    assert app.markdown[0].value.startswith("Каждая цифра в Borderlines взята из опубликованного источника")
    headers = [header.value for header in app.subheader]
    assert headers[0] == "Наборы данных" and headers[-2:] == ["Все источники", "Журнал изменений"]
    summary = app.dataframe[0].value
    assert list(summary.columns) == ["Набор данных", "Файл", "Строки", "Источники", "Последнее изменение", "Статус"]
    assert set(summary["Статус"]) == {"В порядке"}
    assert [metric.label for metric in app.metric] == ["Строки", "Источники", "Последнее изменение"]
    assert app.metric[0].value == str(len(load("border_crossings")))  # fewer than 1 000 rows: no grouping
    assert app.get("download_button")[0].proto.label == "Скачать border_crossings.csv"
    assert app.expander[0].label == "Что означает каждый столбец"


def test_a_dataset_that_fails_its_check_is_explained_in_russian(data_copy):
    from tests.csv_edits import break_cell

    break_cell(data_copy, "events", "date_precision", "fortnight")
    app = open_page("pages/data.py", lang="ru", dataset="events")
    assert app.error[0].value.startswith("1 набор данных не прошёл проверку: ")
    assert "events.csv не прошёл проверку; проблемы перечислены выше. Не прошёл проверку; показана версия от " in (
        app.warning[1].value)
    assert app.warning[1].value.endswith(" UTC.")


def test_the_briefing_in_russian():
    app = open_page("pages/briefing.py", lang="ru", slide="1")
    assert any(block.value.startswith("Слайд 1 из ") for block in app.markdown)
    labels = [button.label for button in app.button]
    assert "Назад" in labels and "Далее" in labels
    assert any(label.startswith("Обновить") for label in labels)


def test_the_editor_in_russian():
    app = open_page("pages/editor.py", lang="ru")
    assert app.title[0].value == "Редактор"


def test_dates_in_the_stay_calculator_stay_english_in_english():
    app = open_page("pages/entry_rules.py", rule="kaz-eaeu-90-in-180", trips="2024-01-01..2024-03-30",
                    as_of="2024-07-01")
    labels = [metric.label for metric in app.metric]
    assert labels == ["Days used as of 01 Jul 2024", "Days left", "First overstay in these trips",
                      "Last legal day, staying on from 01 Jul"]
    assert "Days before 27 January 2023, when this rule took effect, are not counted." in [
        caption.value for caption in app.caption]
